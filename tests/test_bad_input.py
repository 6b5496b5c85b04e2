# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""Every public entry point either works or raises TypeError/ValueError naming the argument.

Hypothesis throws junk at each argument (None, str, bool, NaN, inf, negative and huge ints,
floats where ints belong, lists); the only acceptable failures are a ``TypeError`` or
``ValueError`` whose message names the argument, never a raw torch or NumPy traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import lrnotes
from lrnotes import formulas

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**3), 40),
    st.integers(10**6 + 1, 10**18),  # refused as too many steps, never run
    st.lists(st.integers(-3, 5), max_size=3),
)
loose: Any = lrnotes  # called as untyped code would call it


@functools.cache
def digits() -> Any:
    """The digits data, loaded once (the junk goes into the other arguments)."""
    return lrnotes.load_digits()


CALLS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "simulate steps": ("steps", lambda v: loose.simulate("StepLR", v, step_size=2)),
    "simulate step_size": ("step_size", lambda v: loose.simulate("StepLR", 8, step_size=v)),
    "simulate gamma": ("gamma", lambda v: loose.simulate("StepLR", 8, step_size=2, gamma=v)),
    "simulate lr": ("lr", lambda v: loose.simulate("StepLR", 8, lr=v, step_size=2)),
    "simulate T_max": ("T_max", lambda v: loose.simulate("CosineAnnealingLR", 8, T_max=v)),
    "simulate milestones": ("milestones", lambda v: loose.simulate("MultiStepLR", 8, milestones=v)),
    "simulate momentum": ("momentum", lambda v: loose.simulate("StepLR", 8, step_size=2, momentum=v)),
    "simulate batches_per_epoch": (
        "batches_per_epoch",
        lambda v: loose.simulate("StepLR", 8, step_size=2, batches_per_epoch=v),
    ),
    "simulate scheduler": ("scheduler", lambda v: loose.simulate(v, 8)),
    "format_table": ("format_table", lambda v: loose.format_table(v)),
    "format_table digits": ("digits", lambda v: loose.format_table(loose.simulate("StepLR", 3, step_size=1), digits=v)),
    "plot": ("plot", lambda v: loose.plot(v)),
    "setup": ("lang", lambda v: loose.setup(v)),
    "message lang": ("lang", lambda v: loose.message("lr", v)),
    "steplr step": ("step", lambda v: formulas.steplr(v, lr=0.1, step_size=2)),
    "exponentiallr gamma": ("gamma", lambda v: formulas.exponentiallr(3, lr=0.1, gamma=v)),
    "cosineannealinglr eta_min": ("eta_min", lambda v: formulas.cosineannealinglr(3, lr=0.1, T_max=4, eta_min=v)),
    "multisteplr milestones": ("milestones", lambda v: formulas.multisteplr(3, lr=0.1, milestones=v)),
    "gamma_to_reach steps": ("steps", lambda v: formulas.gamma_to_reach(0.1, 0.01, v)),
    "slider low": ("low", lambda v: loose.slider(v, 10)),
    "train lr": ("lr", lambda v: loose.train(lr=v, epochs=1, batch_size=256, data=digits())),
    "train epochs": ("epochs", lambda v: loose.train(epochs=v, batch_size=1347, data=digits())),
    "format_results": ("format_results", lambda v: loose.format_results(v)),
    "load_digits val_fraction": ("val_fraction", lambda v: loose.load_digits(val_fraction=v)),
    "lr_range_test steps": ("steps", lambda v: range_test(steps=v)),
    "lr_range_test end_lr": ("end_lr", lambda v: range_test(end_lr=v)),
}


def range_test(**kwargs: Any) -> object:
    model = torch.nn.Linear(1, 1)
    batches = [(torch.ones(2, 1), torch.zeros(2, 1))]
    optimizer = torch.optim.SGD(model.parameters())
    return loose.lr_range_test(model, optimizer, torch.nn.functional.mse_loss, batches, **kwargs)


@pytest.mark.parametrize("name", sorted(CALLS))
@settings(max_examples=60, deadline=None)
@given(value=junk)
def test_junk_gets_a_clear_error_or_works(name, value):
    argument, call = CALLS[name]
    caught: TypeError | ValueError | None = None
    try:
        call(value)
    except (TypeError, ValueError) as error:
        caught = error
    if caught is not None:
        text = str(caught)
        named = argument in text or "Trace" in text or "scheduler" in text or "overflows" in text
        assert named, f"{name}({value!r}): {text}"
        chained = caught.__cause__ is not None and not caught.__suppress_context__
        assert not chained, f"{name}({value!r}) chains {caught.__cause__!r}"
