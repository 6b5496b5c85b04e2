"""lrnotes.formulas: each closed form equals torch's scheduler for random settings."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.optim.lr_scheduler import StepLR

from lrnotes import simulate
from lrnotes.formulas import steplr


@settings(max_examples=150, deadline=None)
@given(
    lr=st.floats(1e-6, 10.0),
    step_size=st.integers(1, 40),
    gamma=st.floats(0.01, 1.5),
    steps=st.integers(1, 150),
)
def test_steplr_closed_form_equals_torch(lr, step_size, gamma, steps):
    trace = simulate(StepLR, steps, lr=lr, step_size=step_size, gamma=gamma)
    for t, value in enumerate(trace.lr()):
        expected = steplr(t, lr=lr, step_size=step_size, gamma=gamma)
        assert math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-300), (t, value, expected)


def test_steplr_values_by_hand():
    assert steplr(0, lr=0.05, step_size=30) == 0.05
    assert steplr(29, lr=0.05, step_size=30) == 0.05
    assert steplr(30, lr=0.05, step_size=30) == pytest.approx(0.005)
    assert steplr(75, lr=0.05, step_size=30, gamma=0.1) == pytest.approx(0.0005)


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"step": -1}, ValueError, "step must be an int >= 0; got -1"),
        ({"step": 1.0}, TypeError, "step must be an int >= 0 or an array of ints; got float"),
        ({"step_size": 0}, ValueError, "step_size must be a positive int; got 0"),
        ({"lr": float("nan")}, ValueError, "lr must be a finite number; got nan"),
        ({"gamma": "0.1"}, TypeError, "gamma must be a real number; got str"),
    ],
)
def test_steplr_bad_input(kwargs, error, text):
    arguments = {"step": 3, "lr": 0.1, "step_size": 2, **kwargs}
    step = arguments.pop("step")
    with pytest.raises(error, match=re.escape(text)):
        steplr(step, **arguments)
