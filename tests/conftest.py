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


#: One setting per scheduler of the catalog (composites aside), shared by the simulation and resume tests.
EXAMPLES: dict[str, dict[str, object]] = {
    "LambdaLR": {"lr_lambda": lambda epoch: 0.95**epoch},
    "MultiplicativeLR": {"lr_lambda": lambda epoch: 0.95},
    "StepLR": {"step_size": 5, "gamma": 0.1},
    "MultiStepLR": {"milestones": [2, 7, 15], "gamma": 0.05},
    "ConstantLR": {"factor": 0.5, "total_iters": 4},
    "LinearLR": {"start_factor": 0.25, "total_iters": 5},
    "ExponentialLR": {"gamma": 0.8},
    "PolynomialLR": {"total_iters": 10, "power": 2.0},
    "CosineAnnealingLR": {"T_max": 4},
    "CosineAnnealingWarmRestarts": {"T_0": 10, "T_mult": 2, "eta_min": 1e-5},
    "CyclicLR": {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 10, "step_size_down": 20},
    "OneCycleLR": {"max_lr": 0.1, "epochs": 2, "steps_per_epoch": 10},
    "ReduceLROnPlateau": {"factor": 0.05, "patience": 2},
}


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
