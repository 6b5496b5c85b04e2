# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""Saving and resuming: for every scheduler of the book, the resumed run equals the uninterrupted one.

The pattern the book teaches: save ``optimizer.state_dict()`` and ``scheduler.state_dict()``;
to resume, build the optimizer and the scheduler as at the start (scheduler first), then load
the optimizer's state, then the scheduler's, and continue. Composites included; a
ReduceLROnPlateau run gets its metrics. The wrong order (optimizer state loaded before the
scheduler is built) is shown to break the schedulers that set the lr on construction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import torch
from torch.optim.lr_scheduler import (
    ChainedScheduler,
    ConstantLR,
    ExponentialLR,
    LinearLR,
    LRScheduler,
    ReduceLROnPlateau,
    SequentialLR,
)

from conftest import EXAMPLES
from lrnotes import scheduler_names

STEPS, SAVE_AT = 20, 7
METRICS = [1.0, 0.9, 0.9, 0.95, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8] * 2

Factory = Callable[[torch.optim.Optimizer], LRScheduler]


def from_examples(name: str) -> Factory:
    """A factory for scheduler ``name`` with its setting from EXAMPLES."""
    cls = getattr(torch.optim.lr_scheduler, name)
    return lambda optimizer: cls(optimizer, **EXAMPLES[name])


FACTORIES: dict[str, Factory] = {name: from_examples(name) for name in EXAMPLES}
FACTORIES["SequentialLR"] = lambda opt: SequentialLR(
    opt, [LinearLR(opt, start_factor=0.1, total_iters=5), ExponentialLR(opt, gamma=0.9)], milestones=[5]
)
FACTORIES["ChainedScheduler"] = lambda opt: ChainedScheduler(
    [ConstantLR(opt, factor=0.5, total_iters=3), ExponentialLR(opt, gamma=0.9)]
)


def run(
    factory: Factory, steps: range, optimizer=None, scheduler=None
) -> tuple[list[float], torch.optim.Optimizer, LRScheduler]:
    """Train ``steps`` (record the lr, optimizer.step(), scheduler.step()) and return the lrs."""
    if optimizer is None:
        weight = torch.nn.Parameter(torch.zeros(1))
        optimizer = torch.optim.SGD([weight], lr=0.1, momentum=0.9)
        scheduler = factory(optimizer)
    assert scheduler is not None
    lrs = []
    for step in steps:
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if isinstance(scheduler, ReduceLROnPlateau):
            scheduler.step(METRICS[step])
        else:
            scheduler.step()
    return lrs, optimizer, scheduler


def resume(factory: Factory, *, right_order: bool) -> list[float]:
    """Run SAVE_AT steps, save, rebuild, load (in the right or the wrong order), finish."""
    _, optimizer, scheduler = run(factory, range(SAVE_AT))
    checkpoint: dict[str, Any] = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
    weight = torch.nn.Parameter(torch.zeros(1))
    fresh = torch.optim.SGD([weight], lr=0.1, momentum=0.9)
    if right_order:
        rebuilt = factory(fresh)
        fresh.load_state_dict(checkpoint["optimizer"])
    else:
        fresh.load_state_dict(checkpoint["optimizer"])
        rebuilt = factory(fresh)
    rebuilt.load_state_dict(checkpoint["scheduler"])
    lrs, _, _ = run(factory, range(SAVE_AT, STEPS), fresh, rebuilt)
    return lrs


def test_every_scheduler_of_the_book_is_covered():
    assert sorted(FACTORIES) == sorted(scheduler_names())


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_the_resumed_run_equals_the_uninterrupted_run(name):
    uninterrupted, _, _ = run(FACTORIES[name], range(STEPS))
    assert resume(FACTORIES[name], right_order=True) == uninterrupted[SAVE_AT:]


@pytest.mark.parametrize("name", ["LinearLR", "ConstantLR", "ChainedScheduler"])
def test_the_wrong_order_breaks_schedulers_that_set_the_lr_when_built(name):
    uninterrupted, _, _ = run(FACTORIES[name], range(STEPS))
    assert resume(FACTORIES[name], right_order=False) != uninterrupted[SAVE_AT:]
