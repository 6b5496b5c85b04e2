# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""The notebook checks can fail: nbval catches a changed digit or a changed code cell.

One nbval run over copies of real chapters, each with one deliberate change, plus one
untouched copy that must pass (so a failure is the change's doing, not the set-up's). And a
check that the test run collected every notebook under book/, so none is silently skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import BOOK, ROOT, load_notebook, source
from lrnotes.catalog import SCHEDULERS

NUMBER = re.compile(r"(?<![\w.])\d+\.\d+(?:e-?\d+)?")


def bump_digit(notebook: dict[str, Any], occurrence: int) -> str:
    """Change the last digit of the ``occurrence``-th decimal number printed by a stream output."""
    seen = 0
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if output.get("output_type") != "stream":
                continue
            text = source({"source": output["text"]})
            for match in NUMBER.finditer(text):
                if seen == occurrence:
                    old = match.group()
                    last = len(old) - 1 - next(i for i, ch in enumerate(reversed(old)) if ch.isdigit())
                    new = old[:last] + str((int(old[last]) + 1) % 10) + old[last + 1 :]
                    output["text"] = text[: match.start()] + new + text[match.end() :]
                    return f"{old} -> {new}"
                seen += 1
    raise AssertionError(f"fewer than {occurrence + 1} printed numbers")


def change_code(notebook: dict[str, Any]) -> str:
    """Change a code cell's argument (the stored output stays as it was)."""
    for cell in notebook["cells"]:
        text = source(cell)
        if cell["cell_type"] == "code" and "step_size=5, gamma=0.1" in text:
            cell["source"] = text.replace("step_size=5, gamma=0.1", "step_size=4, gamma=0.1", 1)
            return "step_size=5 -> 4"
    raise AssertionError("no code cell to change")


def write(notebook: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def test_nbval_fails_on_every_changed_copy_and_passes_the_untouched_one(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    cases: dict[str, str] = {}
    # Scheduler chapters (quick to run, unlike the real-training ones): three of them, one
    # language each, a number early and one late in the page.
    chapters = [info.chapter for info in SCHEDULERS if info.chapter is not None]
    picks = [
        (lang, chapters[i % len(chapters)], occurrence)
        for i, (lang, occurrence) in enumerate([("en", 3), ("ko", 25), ("zh", 12)])
    ]
    for lang, name, occurrence in picks:
        notebook = load_notebook(BOOK / lang / f"{name}.ipynb")
        cases[f"digit_{lang}_{name}.ipynb"] = bump_digit(notebook, occurrence)
        write(notebook, book / f"digit_{lang}_{name}.ipynb")
    notebook = load_notebook(BOOK / "en" / "steplr.ipynb")
    cases["code_en_steplr.ipynb"] = change_code(notebook)
    write(notebook, book / "code_en_steplr.ipynb")
    shutil.copy(BOOK / "ko" / "steplr.ipynb", book / "untouched_ko_steplr.ipynb")

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-n",
            "2",
            "--dist",
            "loadscope",  # one notebook's cells stay in one kernel
            "-q",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            str(ROOT / "tests" / "sanitize.cfg"),
            "-o",
            "addopts=",
            "-o",
            "testpaths=",
            "--rootdir",
            str(tmp_path),
            str(book),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 1, log[-3000:]
    failed = set(re.findall(r"FAILED \S*?/?(\w+\.ipynb)::", log))
    assert failed == set(cases) and len(cases) == 4, (cases, log[-3000:])
    assert "untouched_ko_steplr.ipynb" not in failed


def test_the_run_collected_every_notebook_under_book(request):
    """Every notebook under book/ is an nbval item of this run (none skipped or deselected)."""
    config = request.config
    args = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    if args != [ROOT / path for path in config.getini("testpaths")] and args != [ROOT]:
        pytest.skip("runs with the whole suite (`python -m pytest`), where it checks the collection")
    collected = {Path(str(item.path)).resolve() for item in request.session.items if item.path.suffix == ".ipynb"}
    on_disk = {path.resolve() for path in BOOK.rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts}
    assert on_disk, "the book has notebooks"
    assert collected == on_disk, f"not collected: {sorted(map(str, on_disk - collected))}"
