"""ReduceLROnPlateau as a small state machine, written out so that it can be read.

Taught in: the ReduceLROnPlateau chapter (``book/*/reducelronplateau.ipynb``). torch's
``ReduceLROnPlateau`` has no formula of the step: what it does depends on the metric
stream. :func:`reduce_on_plateau` replays torch's rules on a list of metrics and returns,
for every epoch, the lr it trained with and the state after ``scheduler.step(metric)``;
``tests/test_plateau.py`` checks it against torch on random metric streams.

The rules, once per ``step(metric)``:

1. ``metric`` is better than ``best`` if it beats it by more than ``threshold``
   (``rel``: a fraction of ``best``; ``abs``: an absolute amount), in ``mode`` min or max.
   Better: ``best = metric`` and the bad-epoch count goes back to 0; else it goes up by 1.
2. During a cooldown the cooldown counter goes down by 1 and bad epochs are not counted.
3. When the bad-epoch count exceeds ``patience``, every lr becomes
   ``max(lr * factor, min_lr)`` (unless that changes it by ``eps`` or less), the cooldown
   counter is set to ``cooldown`` and the bad-epoch count to 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ._checks import finite_number, whole_number

__all__ = ["PlateauStep", "reduce_on_plateau"]


@dataclass(frozen=True)
class PlateauStep:
    """One epoch: the lr it trained with, its metric, and the state after ``step(metric)``."""

    lr: float
    metric: float
    best: float
    num_bad_epochs: int
    cooldown_counter: int


def _is_better(value: float, best: float, mode: str, threshold_mode: str, threshold: float) -> bool:
    if mode == "min" and threshold_mode == "rel":
        return value < best * (1.0 - threshold)
    if mode == "min":
        return value < best - threshold
    if threshold_mode == "rel":
        return value > best * (threshold + 1.0)
    return value > best + threshold


def reduce_on_plateau(
    metrics: Sequence[float],
    *,
    lr: float,
    mode: Literal["min", "max"] = "min",
    factor: float = 0.1,
    patience: int = 10,
    threshold: float = 1e-4,
    threshold_mode: Literal["rel", "abs"] = "rel",
    cooldown: int = 0,
    min_lr: float = 0.0,
    eps: float = 1e-8,
) -> list[PlateauStep]:
    """Replay ReduceLROnPlateau's rules on ``metrics`` (one per epoch), starting at ``lr``.

    >>> [(f"{s.lr:.4g}", s.num_bad_epochs) for s in reduce_on_plateau([1, 1, 1, 1], lr=0.1, patience=1)]
    [('0.1', 0), ('0.1', 1), ('0.1', 0), ('0.01', 1)]
    """
    if isinstance(metrics, str) or not isinstance(metrics, Sequence):  # type: ignore[unreachable]
        raise TypeError(f"metrics must be a list of numbers, one per epoch; got {type(metrics).__name__}")
    values = [finite_number(value, f"metrics[{i}]") for i, value in enumerate(metrics)]
    current = finite_number(lr, "lr", positive=True)
    if mode not in ("min", "max"):
        raise ValueError(f"mode must be 'min' or 'max'; got {mode!r}")
    if threshold_mode not in ("rel", "abs"):
        raise ValueError(f"threshold_mode must be 'rel' or 'abs'; got {threshold_mode!r}")
    factor = finite_number(factor, "factor", positive=True)
    if factor >= 1.0:
        raise ValueError(f"factor must be below 1; got {factor}")
    patience = whole_number(patience, "patience", 0)
    cooldown = whole_number(cooldown, "cooldown", 0)
    threshold = finite_number(threshold, "threshold", low=0.0)
    min_lr = finite_number(min_lr, "min_lr", low=0.0)
    eps = finite_number(eps, "eps", low=0.0)

    best = math.inf if mode == "min" else -math.inf
    bad = cooling = 0
    steps = []
    for value in values:
        used = current
        if _is_better(value, best, mode, threshold_mode, threshold):
            best, bad = value, 0
        else:
            bad += 1
        if cooling > 0:
            cooling -= 1
            bad = 0
        if bad > patience:
            reduced = max(current * factor, min_lr)
            if current - reduced > eps:
                current = reduced
            cooling, bad = cooldown, 0
        steps.append(PlateauStep(used, value, best, bad, cooling))
    return steps
