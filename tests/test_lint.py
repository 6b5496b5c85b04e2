# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""Lint, format and types are part of the tests: a failing check fails the test command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BIN = Path(sys.executable).parent
CHECKED = ["lrnotes", "tests", "book/_ext", "benchmarks"]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *CHECKED],
        ["ruff", "format", "--check", *CHECKED],
        ["mypy"],  # strict over lrnotes, book/_ext, tests and benchmarks (pyproject.toml)
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_clean(command):
    result = run(str(BIN / command[0]), *command[1:])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_lint_catches_a_real_mistake(tmp_path):
    """The same configuration fails on an unused import and on a wrong type."""
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\n\ndef f(x: int) -> str:\n    return x\n", encoding="utf-8")
    ruff = run(str(BIN / "ruff"), "check", "--config", str(ROOT / "pyproject.toml"), str(sample))
    assert ruff.returncode == 1 and "F401" in ruff.stdout
    mypy = run(str(BIN / "mypy"), "--config-file", str(ROOT / "pyproject.toml"), str(sample))
    assert mypy.returncode == 1 and "Incompatible return value type" in mypy.stdout
