"""The catalog of schedulers the book covers: one entry per scheduler of the installed torch.

Taught in: the introduction (``book/*/intro.ipynb``), which prints this catalog as the
book's road map. ``tests/test_catalog.py`` checks that it lists exactly the public
schedulers of the pinned torch, so a new torch scheduler cannot be missed silently.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from torch.optim import lr_scheduler

__all__ = ["SCHEDULERS", "SchedulerInfo", "get_scheduler_class", "scheduler_names"]

Stepping = Literal["epoch", "batch", "metric", "composite"]


@dataclass(frozen=True)
class SchedulerInfo:
    """One scheduler of ``torch.optim.lr_scheduler``.

    ``stepping`` says how the scheduler is usually driven: once per epoch, once per
    batch, with a validation metric, or as a wrapper around other schedulers.
    ``chapter`` is the chapter's file stem under ``book/<lang>/`` once it is written.
    """

    name: str
    stepping: Stepping
    chapter: str | None = None


SCHEDULERS: tuple[SchedulerInfo, ...] = (
    SchedulerInfo("LambdaLR", "epoch", chapter="lambdalr"),
    SchedulerInfo("MultiplicativeLR", "epoch", chapter="multiplicativelr"),
    SchedulerInfo("StepLR", "epoch", chapter="steplr"),
    SchedulerInfo("MultiStepLR", "epoch", chapter="multisteplr"),
    SchedulerInfo("ConstantLR", "epoch", chapter="constantlr"),
    SchedulerInfo("LinearLR", "epoch", chapter="linearlr"),
    SchedulerInfo("ExponentialLR", "epoch", chapter="exponentiallr"),
    SchedulerInfo("PolynomialLR", "epoch", chapter="polynomiallr"),
    SchedulerInfo("CosineAnnealingLR", "epoch", chapter="cosineannealinglr"),
    SchedulerInfo("CosineAnnealingWarmRestarts", "batch", chapter="cosineannealingwarmrestarts"),
    SchedulerInfo("CyclicLR", "batch", chapter="cycliclr"),
    SchedulerInfo("OneCycleLR", "batch", chapter="onecyclelr"),
    SchedulerInfo("ReduceLROnPlateau", "metric", chapter="reducelronplateau"),
    SchedulerInfo("SequentialLR", "composite", chapter="sequentiallr"),
    SchedulerInfo("ChainedScheduler", "composite", chapter="chainedscheduler"),
)


def scheduler_names() -> tuple[str, ...]:
    """The names of all schedulers in the catalog, in the book's order.

    >>> scheduler_names()[:3]
    ('LambdaLR', 'MultiplicativeLR', 'StepLR')
    """
    return tuple(info.name for info in SCHEDULERS)


def get_scheduler_class(name: str) -> type[lr_scheduler.LRScheduler]:
    """Return the torch class for a scheduler name such as ``"StepLR"``.

    An unknown name raises ``ValueError`` suggesting the closest names and listing all.

    >>> get_scheduler_class("StepLR").__name__
    'StepLR'
    >>> get_scheduler_class("steplr")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: unknown scheduler 'steplr'; did you mean 'StepLR'? Allowed: LambdaLR, ...
    """
    if not isinstance(name, str):
        raise TypeError(f"scheduler name must be a str, one of the catalog's names; got {type(name).__name__}")
    names = scheduler_names()
    if name not in names:
        by_lower = {known.lower(): known for known in names}
        close = (
            [name.lower()]
            if name.lower() in by_lower
            else difflib.get_close_matches(name.lower(), list(by_lower), n=2, cutoff=0.6)
        )
        hint = f"did you mean {' or '.join(repr(by_lower[c]) for c in close)}? " if close else ""
        raise ValueError(f"unknown scheduler {name!r}; {hint}Allowed: {', '.join(names)}")
    cls: type[lr_scheduler.LRScheduler] = getattr(lr_scheduler, name)
    return cls
