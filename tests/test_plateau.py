# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.plateau: the reference state machine equals torch's ReduceLROnPlateau."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lrnotes import format_table, simulate
from lrnotes.plateau import reduce_on_plateau

# Metric streams with plateaus and repeats: a value is often equal to, or just beats, the last.
streams = st.lists(st.sampled_from([1.0, 0.99999, 0.9999, 0.999, 0.9, 0.5, 2.0, 0.1]), min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(
    metrics=streams,
    mode=st.sampled_from(["min", "max"]),
    factor=st.floats(0.01, 0.9),
    patience=st.integers(0, 5),
    threshold=st.sampled_from([0.0, 1e-4, 0.01, 0.2]),
    threshold_mode=st.sampled_from(["rel", "abs"]),
    cooldown=st.integers(0, 4),
    min_lr=st.sampled_from([0.0, 1e-5, 1e-3]),
    eps=st.sampled_from([0.0, 1e-8, 1e-3]),
)
def test_reference_equals_torch(metrics, mode, factor, patience, threshold, threshold_mode, cooldown, min_lr, eps):
    kwargs = {
        "mode": mode,
        "factor": factor,
        "patience": patience,
        "threshold": threshold,
        "threshold_mode": threshold_mode,
        "cooldown": cooldown,
        "min_lr": min_lr,
        "eps": eps,
    }
    trace = simulate("ReduceLROnPlateau", len(metrics), lr=0.1, metrics=metrics, **kwargs)
    reference = reduce_on_plateau(metrics, lr=0.1, **kwargs)
    assert [step.lr for step in reference] == trace.lr()
    assert trace.plateau is not None
    assert [(s.metric, s.best, s.num_bad_epochs, s.cooldown_counter) for s in reference] == list(trace.plateau)


def test_the_notes_constant_metric_example():
    """factor 0.05, patience 2, lr 1e-3, a constant metric: drops after epochs 3, 6, 9 ..."""
    steps = reduce_on_plateau([1.0] * 10, lr=1e-3, factor=0.05, patience=2)
    drops = [k for k in range(1, 10) if steps[k].lr < steps[k - 1].lr]
    assert drops == [4, 7]
    table = format_table(simulate("ReduceLROnPlateau", 5, lr=1e-3, factor=0.05, patience=2, metrics=[1.0] * 5))
    assert table.splitlines()[0].split() == ["epoch", "lr", "metric", "best", "bad", "cooldown"]
    assert table.splitlines()[4].split() == ["3", "0.001", "1", "1", "0", "0"]


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"metrics": 3}, TypeError, "metrics must be a list of numbers, one per epoch; got int"),
        ({"metrics": [1.0, float("nan")]}, ValueError, "metrics[1] must be a finite number; got nan"),
        ({"factor": 1.0}, ValueError, "factor must be below 1; got 1.0"),
        ({"mode": "minimum"}, ValueError, "mode must be 'min' or 'max'; got 'minimum'"),
        ({"threshold_mode": "relative"}, ValueError, "threshold_mode must be 'rel' or 'abs'; got 'relative'"),
        ({"patience": -1}, ValueError, "patience must be an int >= 0; got -1"),
    ],
)
def test_bad_input(kwargs, error, text):
    arguments = {"metrics": [1.0, 1.0], "lr": 0.1, **kwargs}
    with pytest.raises(error, match=re.escape(text)):
        reduce_on_plateau(**arguments)
