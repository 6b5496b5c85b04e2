"""Stored outputs without the paths of the machine that ran them.

An error cell's stored traceback names every file it passes through, such as
``/home/you/lrnotes/.venv/lib/python3.11/site-packages/torch/optim/lr_scheduler.py``. The
book shows the traceback, so each reader would see the path of whoever last executed the
notebook. This script rewrites those paths from ``site-packages/`` on
(``site-packages/torch/optim/lr_scheduler.py``) and the repository's own files relative to
it; the traceback keeps every frame, line number and message. nbval does not compare
tracebacks, so nothing else changes. Run it after re-executing notebooks (README, "Changing
a chapter"); ``tests/test_outputs.py`` fails, naming the notebook, until that is done::

    .venv/bin/python book/_ext/lrnotes_outputs.py book/*/*.ipynb
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: An absolute path up to and including ``site-packages/`` (or the repository's root).
SITE_PACKAGES = re.compile(r"(?:/|\.venv/)[^\s\x1b'\"():]*?site-packages/")


def clean_text(text: str, root: Path = ROOT) -> str:
    """``text`` with machine paths made relative.

    >>> clean_text("File /home/a/.venv/lib/python3.11/site-packages/torch/x.py:3, in f", Path("/r"))
    'File site-packages/torch/x.py:3, in f'
    >>> clean_text("File /r/lrnotes/simulation.py:7", Path("/r"))
    'File lrnotes/simulation.py:7'
    >>> clean_text("[32m/r/.venv/lib/site-packages/torch/x.py", Path("/r"))  # after a colour code
    '[32msite-packages/torch/x.py'
    """
    return SITE_PACKAGES.sub("site-packages/", text).replace(f"{root}/", "")


def clean_notebook(notebook: dict[str, Any], root: Path = ROOT) -> bool:
    """Clean every output of ``notebook`` in place; return True if anything changed."""
    changed = False
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            for key in ("traceback", "text"):
                if key in output:
                    lines = output[key] if isinstance(output[key], list) else [output[key]]
                    cleaned = [clean_text(line, root) for line in lines]
                    if cleaned != lines:
                        output[key] = cleaned if isinstance(output[key], list) else cleaned[0]
                        changed = True
    return changed


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        notebook = json.loads(path.read_text(encoding="utf-8"))
        if clean_notebook(notebook):
            path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"cleaned {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
