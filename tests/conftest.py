# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""Shared fixtures and helpers for the lrnotes tests."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
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


def book_output(factory: pytest.TempPathFactory) -> Path:
    """The folder the strict book build of this test run writes to, shared by its workers."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the workers' folders sit in the run's own folder
    return base / "lrnotes-book"


def build_book(out: Path) -> None:
    """Build the book into ``out`` strictly, unless another process of this run did or is doing it.

    A lock file makes the first caller build and the others wait, so tests/test_book.py and
    tests/test_browser.py cost one build per run. ``build.returncode`` and ``build.log`` say
    how it went; the ``html`` fixture of tests/test_book.py checks them.
    """
    out.mkdir(parents=True, exist_ok=True)
    with (out / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "build.returncode").exists():
            jupyter_book = Path(sys.executable).parent / "jupyter-book"
            result = subprocess.run(
                [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(out)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=900,
            )
            (out / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
            (out / "build.returncode").write_text(str(result.returncode), encoding="utf-8")


_background_build: threading.Thread | None = None


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the book build in the background as soon as a run that tests the built book starts.

    The build takes about a minute of one core. Started here by one process (the first
    xdist worker, or pytest itself without xdist), it runs while the notebooks are checked,
    instead of holding up the first book test while the other worker waits for it.
    """
    global _background_build
    if os.environ.get("PYTEST_XDIST_WORKER", "gw0") != "gw0":
        return
    if not any(item.path.name in ("test_book.py", "test_browser.py") for item in session.items):
        return
    factory: pytest.TempPathFactory = session.config._tmp_path_factory  # type: ignore[attr-defined]
    _background_build = threading.Thread(target=build_book, args=(book_output(factory),), daemon=True)
    _background_build.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Never leave the background build running (its lock keeps the other workers waiting)."""
    if _background_build is not None:
        _background_build.join()
