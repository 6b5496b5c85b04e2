# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""Importing lrnotes changes no global state; setup() changes exactly what it documents."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

SNAPSHOT = r"""
import json, sys, warnings
import matplotlib, numpy, torch

def snapshot():
    return {
        "rcParams": {k: repr(v) for k, v in matplotlib.rcParams.items()},
        "threads": torch.get_num_threads(),
        "dtype": str(torch.get_default_dtype()),
        "warnings": [repr(f) for f in warnings.filters],
        "numpy_print": repr(numpy.get_printoptions()),
        "torch_seed": torch.initial_seed(),
        "backend": matplotlib.get_backend(),
    }

before = snapshot()
import lrnotes, lrnotes.formulas, lrnotes.widgets, lrnotes.plotting, lrnotes.tables, lrnotes.fonts
after_import = snapshot()
lrnotes.setup("ko", seed=3, threads=1)
after_setup = snapshot()
print(json.dumps([before, after_import, after_setup]))
"""


def test_import_changes_nothing_and_setup_changes_only_what_it_says():
    result = subprocess.run(
        [sys.executable, "-c", SNAPSHOT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"MPLBACKEND": "Agg", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    before, after_import, after_setup = json.loads(result.stdout)
    assert after_import == before
    changed = {key for key in before if before[key] != after_setup[key]}
    assert changed <= {"rcParams", "threads", "torch_seed"}
    assert after_setup["torch_seed"] == 3 and after_setup["threads"] == 1
    rc_changed = {k for k in before["rcParams"] if before["rcParams"][k] != after_setup["rcParams"][k]}
    from lrnotes.plotting import plot_style

    assert rc_changed and rc_changed <= set(plot_style("ko"))
    assert after_setup["warnings"] == before["warnings"]
