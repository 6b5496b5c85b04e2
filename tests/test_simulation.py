# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.simulation: the trace is what torch does, in the documented call order."""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest
import torch
from torch.optim.lr_scheduler import (
    ChainedScheduler,
    ExponentialLR,
    LambdaLR,
    OneCycleLR,
    ReduceLROnPlateau,
    SequentialLR,
    StepLR,
)

from conftest import EXAMPLES
from lrnotes import scheduler_names, simulate
from lrnotes.simulation import Trace

#: Settings that make each scheduler of the catalog run; keys are catalog names.


def hand_loop(make, steps, metrics=None, lr=0.1):
    """The loop the book teaches, written out: record, optimizer.step(), scheduler.step()."""
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=lr)
    scheduler = make(optimizer)
    seen = []
    for step in range(steps):
        seen.append(optimizer.param_groups[0]["lr"])
        assert scheduler.get_last_lr()[0] == seen[-1]
        optimizer.step()
        scheduler.step(*([] if metrics is None else [metrics[step]]))
    return seen


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_scheduler_matches_the_hand_written_loop_without_warnings(name):
    kwargs: dict[str, Any] = EXAMPLES[name]
    steps = 20
    metrics = [1.0] * steps if name == "ReduceLROnPlateau" else None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # torch's call-order warning would fail here
        trace = simulate(name, steps, metrics=metrics, **kwargs)
    cls = getattr(torch.optim.lr_scheduler, name)
    assert trace.lr() == hand_loop(lambda opt: cls(opt, **kwargs), steps, metrics)
    assert trace.scheduler == name and trace.steps == steps and trace.groups == 1


def test_composite_schedulers_run_through_a_factory():
    def sequential(opt):
        return SequentialLR(opt, [ExponentialLR(opt, gamma=0.9), StepLR(opt, step_size=3)], milestones=[5])

    def chained(opt):
        return ChainedScheduler([ExponentialLR(opt, gamma=0.9), StepLR(opt, step_size=3)])

    for make in (sequential, chained):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            trace = simulate(make, 12)
        assert trace.lr() == hand_loop(make, 12)
    assert {"SequentialLR", "ChainedScheduler"} <= set(scheduler_names())


def test_class_name_and_factory_forms_agree():
    by_class = simulate(StepLR, 15, lr=0.01, step_size=5, gamma=0.1)
    by_name = simulate("StepLR", 15, lr=0.01, step_size=5, gamma=0.1)
    by_factory = simulate(lambda opt: StepLR(opt, step_size=5, gamma=0.1), 15, lr=0.01)
    assert by_class.lr() == by_name.lr() == by_factory.lr()
    assert by_class.lr()[4] == 0.01 and by_class.lr()[5] < 0.01


def test_row_k_is_the_lr_of_the_kth_optimizer_step():
    """Row k equals what optimizer.step() sees at its k-th call (0-based)."""
    trace = simulate(StepLR, 6, lr=1.0, step_size=2, gamma=0.5)
    assert trace.lr() == [1.0, 1.0, 0.5, 0.5, 0.25, 0.25]


def test_several_param_groups_keep_their_own_lr():
    trace = simulate(StepLR, 12, lr=[0.1, 0.01], step_size=5, gamma=0.1)
    assert trace.groups == 2
    for zero, one in trace.lrs:
        assert one == pytest.approx(zero / 10)
    assert trace.lr(1)[5] == pytest.approx(0.001)


def test_batches_per_epoch_labels_steps_with_epochs():
    trace = simulate(StepLR, 30, lr=0.1, step_size=5, gamma=0.5, batches_per_epoch=10)
    assert [trace.epoch(step) for step in (0, 9, 10, 29)] == [0, 0, 1, 2]
    assert trace.lr()[29] == pytest.approx(0.1 * 0.5**5)
    assert trace.describe("en") == "step_size=5, gamma=0.5, 10 steps/epoch"
    assert trace.describe("ko") == "step_size=5, gamma=0.5, 에폭당 10스텝"


def test_reduce_on_plateau_uses_the_metrics():
    """The source notes' setting: constant metric, factor 0.05, patience 2, lr 1e-3."""
    constant = simulate(ReduceLROnPlateau, 20, lr=1e-3, metrics=[1.0] * 20, factor=0.05, patience=2)
    improving = simulate(
        ReduceLROnPlateau, 20, lr=1e-3, metrics=[1.0 / (k + 1) for k in range(20)], factor=0.05, patience=2
    )
    assert improving.lr() == [1e-3] * 20
    drops = [k for k in range(1, 20) if constant.lr()[k] < constant.lr()[k - 1]]
    assert drops and drops[0] == 4  # three steps without improvement, after the first
    make = lambda opt: ReduceLROnPlateau(opt, factor=0.05, patience=2)
    assert constant.lr() == hand_loop(make, 20, [1.0] * 20, lr=1e-3)


def test_momentum_is_recorded_only_when_the_scheduler_cycles_it():
    sgd = simulate(OneCycleLR, 10, max_lr=0.1, total_steps=10)
    assert sgd.momentum_name == "momentum" and sgd.momenta is not None
    assert sgd.momenta[0] == (0.95,) and min(row[0] for row in sgd.momenta) == pytest.approx(0.85)
    adam = simulate(OneCycleLR, 10, optimizer="adam", max_lr=0.1, total_steps=10)
    assert adam.momentum_name == "beta1" and adam.momenta is not None
    assert simulate(StepLR, 5, step_size=2).momenta is None
    assert simulate(OneCycleLR, 10, max_lr=0.1, total_steps=10, cycle_momentum=False).momenta is None


def test_describe_has_no_memory_address():
    trace = simulate(LambdaLR, 3, lr_lambda=lambda epoch: 0.9**epoch)
    assert trace.describe("en") == "lr_lambda=<lambda>"
    assert not re.search(r"0x[0-9a-f]{6,}", trace.describe("en"))


def test_trace_is_immutable():
    trace = simulate(StepLR, 3, step_size=1)
    with pytest.raises(AttributeError):
        trace.lrs = ()  # type: ignore[misc]
    assert isinstance(trace, Trace)


# ---- bad input: a clear error naming the argument and what is allowed -------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"steps": 0}, ValueError, "steps must be an int from 1 to 1000000; got 0"),
        ({"steps": -3}, ValueError, "steps must be an int from 1 to 1000000; got -3"),
        ({"steps": 2.5}, TypeError, "steps must be an int from 1 to 1000000; got float"),
        ({"steps": True}, TypeError, "steps must be an int from 1 to 1000000; got bool"),
        ({"steps": 10**9}, ValueError, "steps must be an int from 1 to 1000000; got 1000000000"),
        ({"momentum": -0.5}, ValueError, "momentum must be a number >= 0; got -0.5"),
        ({"metrics": 3}, ValueError, "metrics is only used by ReduceLROnPlateau, not StepLR"),
        ({"lr": float("nan")}, ValueError, "lr must be a finite number; got nan"),
        ({"lr": float("inf")}, ValueError, "lr must be a finite number; got inf"),
        ({"lr": -0.1}, ValueError, "lr must be a positive number; got -0.1"),
        ({"lr": "0.1"}, TypeError, "lr must be a real number; got str"),
        ({"lr": []}, ValueError, "lr must be a number or a non-empty sequence of numbers (one per group)"),
        ({"lr": [0.1, float("nan")]}, ValueError, "lr[1] must be a finite number; got nan"),
        ({"optimizer": "rmsprop"}, ValueError, "optimizer must be one of ('sgd', 'adam', 'adamw'); got 'rmsprop'"),
        ({"batches_per_epoch": 0}, ValueError, "batches_per_epoch must be a positive int; got 0"),
        ({"metrics": [1.0] * 5}, ValueError, "metrics is only used by ReduceLROnPlateau, not StepLR"),
        ({"label": 3}, TypeError, "label must be a str or None; got int"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, error, text):
    arguments = {"steps": 5, **kwargs}
    steps = arguments.pop("steps")
    with pytest.raises(error, match=re.escape(text)):
        simulate(StepLR, steps, step_size=2, **arguments)


def test_unknown_scheduler_name_suggests_the_closest_and_lists_the_allowed_names():
    with pytest.raises(
        ValueError, match=r"unknown scheduler 'StepLr'; did you mean 'StepLR'\? Allowed: LambdaLR, .*StepLR"
    ):
        simulate("StepLr", 5, step_size=2)
    with pytest.raises(ValueError, match=r"'CosineAnealingLR'; did you mean 'CosineAnnealingLR' or"):
        simulate("CosineAnealingLR", 5, T_max=2)
    with pytest.raises(ValueError, match=r"unknown scheduler 'Adam'; Allowed: LambdaLR"):
        simulate("Adam", 5)


def test_scheduler_of_the_wrong_kind_is_a_type_error():
    with pytest.raises(TypeError, match="got the class SGD"):
        simulate(torch.optim.SGD, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got int"):
        simulate(3, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=re.escape("a factory only gets the optimizer (got ['gamma'])")):
        simulate(lambda opt: StepLR(opt, 2), 5, gamma=0.5)
    with pytest.raises(TypeError, match="the scheduler factory must return an LRScheduler; got str"):
        simulate(lambda opt: "StepLR", 5)  # type: ignore[arg-type,return-value]


def test_plateau_needs_one_metric_per_step():
    with pytest.raises(ValueError, match="metrics is required for ReduceLROnPlateau: one value per step"):
        simulate(ReduceLROnPlateau, 5)
    with pytest.raises(ValueError, match=re.escape("metrics must have one value per step (5); got 3")):
        simulate(ReduceLROnPlateau, 5, metrics=[1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match=re.escape("metrics[1] must be a finite number; got nan")):
        simulate(ReduceLROnPlateau, 2, metrics=[1.0, float("nan")])


def test_a_schedule_that_produces_nan_or_a_negative_lr_is_refused():
    with pytest.raises(ValueError, match=re.escape("LambdaLR produced the lr nan at step 2; an lr must be a finite")):
        simulate(LambdaLR, 5, lr_lambda=lambda epoch: float("nan") if epoch == 2 else 1.0)
    with pytest.raises(
        ValueError,
        match=re.escape(
            "LambdaLR produced the lr -0.1 at step 1; an lr must be a finite number >= 0: "
            "check its arguments (lr_lambda=<lambda>)"
        ),
    ):
        simulate(LambdaLR, 5, lr_lambda=lambda epoch: -1.0 if epoch else 1.0)


@pytest.mark.parametrize(
    ("scheduler", "kwargs", "error", "text"),
    [
        (StepLR, {"step_size": 0}, ValueError, "StepLR: step_size must be a positive int; got 0"),
        (StepLR, {"step_size": 2, "gamma": -1}, ValueError, "StepLR: gamma must be a positive number; got -1.0"),
        (StepLR, {"step_size": 2, "gamma": float("nan")}, ValueError, "StepLR: gamma must be a finite number; got nan"),
        (StepLR, {"step_size": "2"}, TypeError, "StepLR: step_size must be a positive int; got str '2'"),
        (
            StepLR,
            {"step_size": 2, "verbose": True},
            TypeError,
            "StepLR has no argument 'verbose'; its arguments are step_size, gamma, last_epoch",
        ),
        (
            StepLR,
            {"step_size": 2, "last_epoch": 10},
            ValueError,
            "StepLR(step_size=2, last_epoch=10) was refused by torch: KeyError: param 'initial_lr' is not specified",
        ),
        ("MultiStepLR", {"milestones": [3, -1]}, ValueError, "MultiStepLR: milestones[1] must be an int >= 0; got -1"),
        ("CosineAnnealingLR", {"T_max": 0}, ValueError, "CosineAnnealingLR: T_max must be a positive int; got 0"),
        (
            "LinearLR",
            {"start_factor": 0.0},
            ValueError,
            "LinearLR(start_factor=0.0) was refused by torch: ValueError: Starting multiplicative factor",
        ),
        (
            "CyclicLR",
            {"base_lr": 0.01, "max_lr": 0.1, "mode": "triangular1"},
            ValueError,
            "CyclicLR(base_lr=0.01, max_lr=0.1, mode='triangular1') was refused by torch: ValueError: mode is invalid",
        ),
        (
            "OneCycleLR",
            {"max_lr": 0.1, "total_steps": 3},
            ValueError,
            "OneCycleLR failed at step 4 of 5: ValueError: Tried to step 4 times. "
            "The specified number of total steps is 3",
        ),
    ],
)
def test_scheduler_arguments_torch_rejects_name_the_scheduler_and_argument(scheduler, kwargs, error, text):
    """No torch traceback from deep inside: the error names the scheduler and its arguments."""
    with pytest.raises(error, match=re.escape(text)) as caught:
        simulate(scheduler, 5, **kwargs)
    assert caught.value.__suppress_context__ or caught.value.__cause__ is None


def test_milestones_from_a_generator_are_checked_and_still_reach_torch():
    trace = simulate("MultiStepLR", 8, lr=1.0, milestones=(m for m in [2, 5]), gamma=0.5)
    assert trace.lr() == [1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25]


def test_step_per_epoch_steps_the_scheduler_after_the_last_batch_of_each_epoch():
    per_epoch = simulate("StepLR", 40, step_size=2, gamma=0.5, batches_per_epoch=10, step_per="epoch")
    per_batch = simulate("StepLR", 40, step_size=20, gamma=0.5, batches_per_epoch=10)
    assert per_epoch.lr() == per_batch.lr()
    by_epoch = simulate("StepLR", 4, step_size=2, gamma=0.5)
    assert per_epoch.lr()[::10] == by_epoch.lr()


def test_step_per_epoch_with_a_plateau_takes_one_metric_per_epoch():
    trace = simulate(
        "ReduceLROnPlateau", 30, patience=0, metrics=[1.0, 1.0, 1.0], batches_per_epoch=10, step_per="epoch"
    )
    assert trace.lr()[::10] == pytest.approx([0.1, 0.1, 0.01])
    assert trace.plateau is not None and len(trace.plateau) == 30
    with pytest.raises(ValueError, match=re.escape("metrics must have one value per epoch (3); got 30")):
        simulate("ReduceLROnPlateau", 30, metrics=[1.0] * 30, batches_per_epoch=10, step_per="epoch")
    with pytest.raises(ValueError, match="step_per must be 'batch' or 'epoch'; got 'batches'"):
        simulate("StepLR", 3, step_size=1, step_per="batches")  # type: ignore[arg-type]


def test_describe_shows_a_list_of_functions_without_addresses():
    trace = simulate("LambdaLR", 3, lr=[0.1, 0.01], lr_lambda=[lambda e: 1.0, lambda e: 0.5])
    assert trace.describe("en") == "lr_lambda=[<lambda>, <lambda>]"
