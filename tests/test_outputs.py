# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""Stored outputs name no path of the machine that executed them (book/_ext/lrnotes_outputs.py)."""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from conftest import BOOK, ROOT


@functools.cache
def outputs_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lrnotes_outputs", BOOK / "_ext" / "lrnotes_outputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NOTEBOOKS = sorted(BOOK.glob("*/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(BOOK)) for p in NOTEBOOKS])
def test_no_machine_paths_in_stored_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    module = outputs_module()
    assert not module.clean_notebook(notebook), (
        f"{path.relative_to(ROOT)} stores machine paths in its outputs: "
        "run .venv/bin/python book/_ext/lrnotes_outputs.py book/*/*.ipynb"
    )
    text = json.dumps([c.get("outputs", []) for c in notebook["cells"]])
    assert str(ROOT) not in text and ".venv" not in text


def test_the_cleaner_keeps_the_frame_and_drops_the_path():
    module = outputs_module()
    frame = (
        "\x1b[36mFile \x1b[39m\x1b[32m/opt/x/.venv/lib/python3.11/site-packages/torch/optim/lr_scheduler.py:814\x1b[39m"
    )
    notebook = {"cells": [{"outputs": [{"output_type": "error", "traceback": [frame, "ValueError: bad"]}]}]}
    assert module.clean_notebook(notebook, Path("/opt/x"))
    assert notebook["cells"][0]["outputs"][0]["traceback"] == [
        "\x1b[36mFile \x1b[39m\x1b[32msite-packages/torch/optim/lr_scheduler.py:814\x1b[39m",
        "ValueError: bad",
    ]
    assert not module.clean_notebook(notebook, Path("/opt/x"))  # a second run changes nothing
    assert module.clean_text("see https://pytorch.org/docs/stable/optim.html", Path("/r")).endswith("optim.html")
