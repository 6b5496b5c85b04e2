# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.formulas: each closed form equals torch's scheduler for random settings.

Every property compares the closed form with :func:`lrnotes.simulate` (torch itself) in
both forms, one int step at a time and the whole array at once, within 1e-12 relative to
the schedule's initial lr (the chainable forms of torch round once per step).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lrnotes.formulas
from lrnotes import simulate
from lrnotes.formulas import (
    MAX_STEPS,
    chainedscheduler,
    constantlr,
    cosineannealinglr,
    cosineannealingwarmrestarts,
    cycliclr,
    exponentiallr,
    gamma_to_reach,
    lambdalr,
    linearlr,
    multiplicativelr,
    multisteplr,
    onecyclelr,
    polynomiallr,
    sequentiallr,
    steplr,
)

REL = 1e-12
#: The module seen as untyped code sees it: the bad-input tests pass wrong types on purpose.
loose: Any = lrnotes.formulas
lrs = st.floats(1e-6, 10.0)
gammas = st.floats(0.05, 1.5)
steps_ = st.integers(1, 200)


def assert_matches_torch(closed, trace, lr: float) -> None:
    """The closed form at every step, as ints and as one array, equals the torch trace."""
    torch_lrs = np.array(trace.lr())
    t = np.arange(trace.steps)
    array = closed(t)
    assert isinstance(array, np.ndarray) and array.shape == t.shape and array.dtype == np.float64
    np.testing.assert_allclose(array, torch_lrs, rtol=REL, atol=REL * lr)
    for k in sorted({0, trace.steps // 2, trace.steps - 1}):
        scalar = closed(k)
        assert isinstance(scalar, float)
        assert scalar == array[k]  # the scalar and the array form agree to the bit
    assert closed(range(trace.steps)).tolist() == array.tolist()
    assert closed(list(range(trace.steps))).tolist() == array.tolist()


@settings(max_examples=120, deadline=None)
@given(lr=lrs, step_size=st.integers(1, 40), gamma=gammas, steps=steps_)
def test_steplr(lr, step_size, gamma, steps):
    trace = simulate("StepLR", steps, lr=lr, step_size=step_size, gamma=gamma)
    assert_matches_torch(lambda t: steplr(t, lr=lr, step_size=step_size, gamma=gamma), trace, lr)


@settings(max_examples=80, deadline=None)
@given(lr=lrs, base=st.floats(0.8, 1.0), steps=steps_)
def test_lambdalr(lr, base, steps):
    def factor(epoch):
        return base**epoch

    trace = simulate("LambdaLR", steps, lr=lr, lr_lambda=factor)
    assert_matches_torch(lambda t: lambdalr(t, lr=lr, lr_lambda=factor), trace, lr)


@settings(max_examples=80, deadline=None)
@given(lr=lrs, base=st.floats(0.9, 1.05), wobble=st.floats(0.0, 0.05), steps=steps_)
def test_multiplicativelr(lr, base, wobble, steps):
    def factor(epoch):
        return base + wobble * (epoch % 3 - 1)

    trace = simulate("MultiplicativeLR", steps, lr=lr, lr_lambda=factor)
    assert_matches_torch(lambda t: multiplicativelr(t, lr=lr, lr_lambda=factor), trace, lr)


@settings(max_examples=120, deadline=None)
@given(lr=lrs, milestones=st.lists(st.integers(0, 120), max_size=6), gamma=gammas, steps=steps_)
def test_multisteplr(lr, milestones, gamma, steps):
    """Unsorted and repeated milestones included: a repeat multiplies by gamma twice."""
    trace = simulate("MultiStepLR", steps, lr=lr, milestones=milestones, gamma=gamma)
    assert_matches_torch(lambda t: multisteplr(t, lr=lr, milestones=milestones, gamma=gamma), trace, lr)


@settings(max_examples=120, deadline=None)
@given(lr=lrs, gamma=st.floats(0.5, 1.05), steps=steps_)
def test_exponentiallr(lr, gamma, steps):
    trace = simulate("ExponentialLR", steps, lr=lr, gamma=gamma)
    assert_matches_torch(lambda t: exponentiallr(t, lr=lr, gamma=gamma), trace, lr)


@settings(max_examples=120, deadline=None)
@given(lr=lrs, T_max=st.integers(1, 60), floor=st.floats(0.0, 0.9), steps=steps_)
def test_cosineannealinglr(lr, T_max, floor, steps):
    """Past T_max too: both forms rise again, back to lr at 2 T_max."""
    eta_min = floor * lr
    trace = simulate("CosineAnnealingLR", steps, lr=lr, T_max=T_max, eta_min=eta_min)
    assert_matches_torch(lambda t: cosineannealinglr(t, lr=lr, T_max=T_max, eta_min=eta_min), trace, lr)


@settings(max_examples=120, deadline=None)
@given(lr=lrs, T_0=st.integers(1, 30), T_mult=st.integers(1, 3), floor=st.floats(0.0, 0.9), steps=steps_)
def test_cosineannealingwarmrestarts(lr, T_0, T_mult, floor, steps):
    eta_min = floor * lr
    trace = simulate("CosineAnnealingWarmRestarts", steps, lr=lr, T_0=T_0, T_mult=T_mult, eta_min=eta_min)
    assert_matches_torch(
        lambda t: cosineannealingwarmrestarts(t, lr=lr, T_0=T_0, T_mult=T_mult, eta_min=eta_min), trace, lr
    )


@settings(max_examples=150, deadline=None)
@given(
    base=st.floats(1e-4, 1.0),
    span=st.floats(1.01, 100.0),
    up=st.integers(1, 30),
    down=st.one_of(st.none(), st.integers(1, 30)),
    mode=st.sampled_from(["triangular", "triangular2", "exp_range"]),
    gamma=st.floats(0.9, 1.0),
    custom=st.sampled_from([None, "cycle", "iterations"]),
    steps=steps_,
)
def test_cycliclr(base, span, up, down, mode, gamma, custom, steps):
    """All three modes, and a custom scale_fn per cycle or per iteration."""

    def halve(x):
        return 0.5 ** (x % 4)

    extra = {} if custom is None else {"scale_fn": halve, "scale_mode": custom}
    kwargs = {
        "base_lr": base,
        "max_lr": base * span,
        "step_size_up": up,
        "step_size_down": down,
        "mode": mode,
        "gamma": gamma,
    }
    trace = simulate("CyclicLR", steps, lr=base, cycle_momentum=False, **kwargs, **extra)
    assert_matches_torch(lambda t: cycliclr(t, **kwargs, **extra), trace, base * span)


@settings(max_examples=150, deadline=None)
@given(
    max_lr=lrs,
    total=st.integers(10, 300),
    pct=st.floats(0.2, 0.45),  # every phase at least one step long (torch divides by its length)
    strategy=st.sampled_from(["cos", "linear"]),
    div=st.floats(1.0, 100.0),
    final=st.floats(1.0, 1e5),
    three=st.booleans(),
)
def test_onecyclelr(max_lr, total, pct, strategy, div, final, three):
    kwargs = {
        "max_lr": max_lr,
        "total_steps": total,
        "pct_start": pct,
        "anneal_strategy": strategy,
        "div_factor": div,
        "final_div_factor": final,
        "three_phase": three,
    }
    trace = simulate("OneCycleLR", total, cycle_momentum=False, **kwargs)
    assert_matches_torch(lambda t: onecyclelr(t, **kwargs), trace, max_lr)
    assert isinstance(onecyclelr(total, **kwargs), float)  # defined up to total_steps, as in torch
    with pytest.raises(ValueError, match=re.escape(f"step must be at most total_steps ({total}); got {total + 1}")):
        onecyclelr(total + 1, **kwargs)


@settings(max_examples=120, deadline=None)
@given(lr=lrs, factor=st.floats(0.01, 1.0), total_iters=st.integers(1, 40), steps=steps_)
def test_constantlr(lr, factor, total_iters, steps):
    trace = simulate("ConstantLR", steps, lr=lr, factor=factor, total_iters=total_iters)
    assert_matches_torch(lambda t: constantlr(t, lr=lr, factor=factor, total_iters=total_iters), trace, lr)


@settings(max_examples=120, deadline=None)
@given(lr=lrs, start=st.floats(0.01, 1.0), end=st.floats(0.0, 1.0), total_iters=st.integers(1, 40), steps=steps_)
def test_linearlr(lr, start, end, total_iters, steps):
    kwargs = {"start_factor": start, "end_factor": end, "total_iters": total_iters}
    trace = simulate("LinearLR", steps, lr=lr, **kwargs)
    assert_matches_torch(lambda t: linearlr(t, lr=lr, **kwargs), trace, lr)


@settings(max_examples=120, deadline=None)
@given(lr=lrs, total_iters=st.integers(1, 60), power=st.floats(0.1, 4.0), steps=steps_)
def test_polynomiallr(lr, total_iters, power, steps):
    """Always 0 from step total_iters on."""
    trace = simulate("PolynomialLR", steps, lr=lr, total_iters=total_iters, power=power)
    assert_matches_torch(lambda t: polynomiallr(t, lr=lr, total_iters=total_iters, power=power), trace, lr)
    assert polynomiallr(total_iters, lr=lr, total_iters=total_iters, power=power) == 0.0


#: Chainable schedulers with a closed form, as (torch class, closed form, settings strategy).
PARTS: dict[str, tuple[Callable[..., Any], Any]] = {
    "LinearLR": (
        linearlr,
        st.fixed_dictionaries({"start_factor": st.floats(0.05, 1.0), "total_iters": st.integers(1, 9)}),
    ),
    "ConstantLR": (
        constantlr,
        st.fixed_dictionaries({"factor": st.floats(0.05, 1.0), "total_iters": st.integers(1, 9)}),
    ),
    "ExponentialLR": (exponentiallr, st.fixed_dictionaries({"gamma": st.floats(0.7, 1.0)})),
    "StepLR": (steplr, st.fixed_dictionaries({"step_size": st.integers(1, 9), "gamma": st.floats(0.1, 1.0)})),
    "CosineAnnealingLR": (cosineannealinglr, st.fixed_dictionaries({"T_max": st.integers(1, 30)})),
    "PolynomialLR": (
        polynomiallr,
        st.fixed_dictionaries({"total_iters": st.integers(1, 30), "power": st.floats(0.5, 2.0)}),
    ),
}
parts = st.lists(st.tuples(st.sampled_from(sorted(PARTS)), st.data()), min_size=1, max_size=3)


def build(names_and_settings, lr):
    """torch factories and bound closed forms for the chosen parts."""
    import torch.optim.lr_scheduler as torch_schedulers

    factories, closed = [], []
    for name, settings_ in names_and_settings:
        factories.append(lambda opt, n=name, s=settings_: getattr(torch_schedulers, n)(opt, **s))
        closed.append(lambda t, n=name, s=settings_: PARTS[n][0](t, lr=lr, **s))
    return factories, closed


@settings(max_examples=120, deadline=None)
@given(data=st.data(), lr=lrs, steps=st.integers(1, 80))
def test_sequentiallr_composes_the_closed_forms(data, lr, steps):
    names = data.draw(st.lists(st.sampled_from(sorted(PARTS)), min_size=1, max_size=3))
    chosen = [(name, data.draw(PARTS[name][1])) for name in names]
    milestones = sorted(data.draw(st.lists(st.integers(1, 60), min_size=len(names) - 1, max_size=len(names) - 1)))
    factories, closed = build(chosen, lr)
    from torch.optim.lr_scheduler import SequentialLR

    trace = simulate(lambda opt: SequentialLR(opt, [f(opt) for f in factories], milestones), steps, lr=lr)
    assert_matches_torch(lambda t: sequentiallr(t, schedules=closed, milestones=milestones), trace, lr)


@settings(max_examples=120, deadline=None)
@given(data=st.data(), lr=lrs, steps=st.integers(1, 80))
def test_chainedscheduler_multiplies_the_factors(data, lr, steps):
    multiplicative = sorted(set(PARTS) - {"CosineAnnealingLR"})  # see chainedscheduler's docstring
    names = data.draw(st.lists(st.sampled_from(multiplicative), min_size=1, max_size=3))
    chosen = [(name, data.draw(PARTS[name][1])) for name in names]
    factories, closed = build(chosen, lr)
    from torch.optim.lr_scheduler import ChainedScheduler

    trace = simulate(lambda opt: ChainedScheduler([f(opt) for f in factories]), steps, lr=lr)
    assert_matches_torch(lambda t: chainedscheduler(t, lr=lr, schedules=closed), trace, lr)


def test_cosine_in_a_chain_is_not_a_product_of_factors():
    """The docstring's exception, shown: past T_max the recursion adds a term."""
    from torch.optim.lr_scheduler import ChainedScheduler, CosineAnnealingLR

    trace = simulate(lambda opt: ChainedScheduler([CosineAnnealingLR(opt, 1), CosineAnnealingLR(opt, 1)]), 3, lr=1.0)

    def cosine(t: Any) -> Any:
        return cosineannealinglr(t, lr=1.0, T_max=1)

    assert trace.lr() == [1.0, 0.0, 2.0]
    assert chainedscheduler(range(3), lr=1.0, schedules=[cosine, cosine]).tolist() == [1.0, 0.0, 1.0]


@settings(max_examples=100, deadline=None)
@given(lr=lrs, ratio=st.floats(1e-4, 10.0), steps=st.integers(1, 300))
def test_gamma_to_reach_reaches_the_target(lr, ratio, steps):
    final_lr = lr * ratio
    gamma = gamma_to_reach(lr, final_lr, steps)
    reached = simulate("ExponentialLR", steps + 1, lr=lr, gamma=gamma).lr()[steps]
    assert math.isclose(reached, final_lr, rel_tol=1e-9)


def test_values_by_hand():
    assert steplr(0, lr=0.05, step_size=30) == 0.05
    assert steplr(29, lr=0.05, step_size=30) == 0.05
    assert steplr(30, lr=0.05, step_size=30) == pytest.approx(0.005)
    assert steplr(75, lr=0.05, step_size=30, gamma=0.1) == pytest.approx(0.0005)
    assert multisteplr(7, lr=1.0, milestones=[3, 3, 7], gamma=0.5) == 0.125
    assert cosineannealinglr(4, lr=0.1, T_max=4) == 0.0
    assert cosineannealinglr(8, lr=0.1, T_max=4) == pytest.approx(0.1)
    assert multiplicativelr(3, lr=1.0, lr_lambda=lambda e: 0.0 if e == 0 else 0.5) == 0.125
    assert exponentiallr(np.arange(3).reshape(3, 1), lr=1.0, gamma=0.5).shape == (3, 1)


def test_the_array_form_is_vectorised_not_a_loop():
    """A million steps in one call: the whole array, float64, in order."""
    t = np.arange(1_000_000)
    out = steplr(t, lr=0.1, step_size=1000, gamma=0.5)
    assert out.shape == (1_000_000,) and out[999] == 0.1 and out[1000] == 0.05
    assert cosineannealinglr(t, lr=0.1, T_max=500_000)[500_000] == 0.0


@pytest.mark.parametrize(
    ("step", "error", "text"),
    [
        (-1, ValueError, "step must be an int >= 0; got -1"),
        (1.0, TypeError, "step must be an int >= 0 or an array of ints; got float"),
        (True, TypeError, "step must be an int >= 0 or an array of ints; got bool"),
        (None, TypeError, "step must be an int >= 0 or an array of ints; got NoneType"),
        ("3", TypeError, "step must be an int >= 0 or an array of ints; got str"),
        ([1.5, 2.0], TypeError, "step must be an int or an array of ints; got an array of float64"),
        (np.array([True]), TypeError, "step must be an int or an array of ints; got an array of bool"),
        ([3, -2], ValueError, "step must hold ints >= 0; got -2"),
        (range(MAX_STEPS + 1), ValueError, f"step may hold at most {MAX_STEPS} values; got {MAX_STEPS + 1}"),
    ],
)
def test_bad_steps(step, error, text):
    for closed in (
        lambda t: loose.steplr(t, lr=0.1, step_size=2),
        lambda t: loose.exponentiallr(t, lr=0.1, gamma=0.9),
        lambda t: loose.cosineannealinglr(t, lr=0.1, T_max=5),
        lambda t: loose.multisteplr(t, lr=0.1, milestones=[2]),
        lambda t: loose.lambdalr(t, lr=0.1, lr_lambda=lambda e: 1.0),
        lambda t: loose.multiplicativelr(t, lr=0.1, lr_lambda=lambda e: 1.0),
    ):
        with pytest.raises(error, match=re.escape(text)):
            closed(step)


@pytest.mark.parametrize(
    ("call", "error", "text"),
    [
        (lambda: loose.steplr(3, lr=0.1, step_size=0), ValueError, "step_size must be a positive int; got 0"),
        (lambda: loose.steplr(3, lr=float("nan"), step_size=2), ValueError, "lr must be a finite number; got nan"),
        (lambda: loose.steplr(3, lr=0.1, step_size=2, gamma="0.1"), TypeError, "gamma must be a real number; got str"),
        (
            lambda: loose.steplr(3, lr=0.1, step_size=2, gamma=-1),
            ValueError,
            "gamma must be a positive number; got -1.0",
        ),
        (
            lambda: loose.exponentiallr(3, lr=0.1, gamma=float("inf")),
            ValueError,
            "gamma must be a finite number; got inf",
        ),
        (lambda: loose.cosineannealinglr(3, lr=0.1, T_max=0), ValueError, "T_max must be a positive int; got 0"),
        (lambda: loose.cosineannealinglr(3, lr=0.1, T_max=5, eta_min=-1), ValueError, "eta_min must be a number >= 0"),
        (
            lambda: loose.multisteplr(3, lr=0.1, milestones=5),
            TypeError,
            "milestones must be a list of ints >= 0; got int",
        ),
        (
            lambda: loose.multisteplr(3, lr=0.1, milestones=[2, -1]),
            ValueError,
            "milestones[1] must be an int >= 0; got -1",
        ),
        (
            lambda: loose.lambdalr(3, lr=0.1, lr_lambda=0.5),
            TypeError,
            "lr_lambda must be a function of the step; got float",
        ),
        (
            lambda: loose.lambdalr(3, lr=0.1, lr_lambda=lambda e: float("nan")),
            ValueError,
            "lr_lambda(3) must be a finite number; got nan",
        ),
        (
            lambda: loose.multiplicativelr(2, lr=0.1, lr_lambda=lambda e: "x"),
            TypeError,
            "lr_lambda(1) must be a real number; got str",
        ),
        (lambda: loose.gamma_to_reach(0.1, 0.0, 10), ValueError, "final_lr must be a positive number; got 0.0"),
        (lambda: loose.gamma_to_reach(0.1, 0.01, 0), ValueError, "steps must be a positive int; got 0"),
    ],
)
def test_bad_arguments_name_the_argument(call, error, text):
    with pytest.raises(error, match=re.escape(text)):
        call()
