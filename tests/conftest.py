# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""Shared fixtures and helpers for the lrnotes tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from hypothesis import settings

# No example database in the work tree; in CI, the same examples on every run.
settings.register_profile("lrnotes", database=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("lrnotes")

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"


def load_notebook(path: Path) -> dict[str, Any]:
    """The notebook at ``path`` as plain JSON."""
    notebook: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return notebook


def source(cell: dict[str, Any]) -> str:
    """A cell's source as one string."""
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


@pytest.fixture(autouse=True)
def _english_and_default_style():
    """Every test starts in English with matplotlib's defaults, whatever the last one did."""
    import lrnotes.i18n

    lrnotes.i18n.set_language("en")
    with matplotlib.rc_context():
        yield
    lrnotes.i18n.set_language("en")
    plt.close("all")
