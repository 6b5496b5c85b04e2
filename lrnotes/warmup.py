"""Warmup schedules as other libraries define them, and how many steps a run has.

Taught in: the warmup chapter (``book/*/warmup.ipynb``). Hugging Face ``transformers``
builds its schedules (``get_linear_schedule_with_warmup`` and the others, which its
``Trainer`` calls through ``get_scheduler``) as a ``LambdaLR`` whose factor is a plain
function of the step. The functions here are those factors times ``lr``, vectorised over
an array of steps, with the same floating-point operations in the same order, so they equal
``transformers`` to the last bit on the same machine; ``tests/test_warmup.py`` checks them
step by step against ``transformers`` itself (a test-only dependency: the book needs only
torch and lrnotes). Cosines and powers are evaluated with Python's ``math`` once per step,
never with NumPy's SIMD code, so the digits are the same on every CPU.

Each function takes ``step`` (an int or an array of ints: ``scheduler.step()`` calls so far)
and returns a float or a float64 array, like :mod:`lrnotes.formulas`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, overload

import numpy as np
from numpy.typing import NDArray

from ._checks import finite_number, whole_number
from .formulas import Lrs, Steps, _result, _steps

__all__ = [
    "StepCount",
    "constant_with_warmup",
    "cosine_with_hard_restarts",
    "cosine_with_min_lr",
    "cosine_with_warmup",
    "count_steps",
    "inverse_sqrt",
    "linear_with_warmup",
    "polynomial_with_warmup",
    "warmup_stable_decay",
]

Shape = Literal["linear", "cosine", "1-sqrt"]


def _each(values: NDArray[np.float64], function: Callable[[float], float]) -> NDArray[np.float64]:
    """``function`` (Python math) of every element, evaluated once per distinct value."""
    distinct, where = np.unique(values, return_inverse=True)
    mapped = np.array([function(value) for value in distinct.tolist()], dtype=np.float64)
    return mapped[where.ravel()].reshape(values.shape)


def _warmup(t: NDArray[np.int64], warmup: int) -> NDArray[np.float64]:
    """``float(step) / float(max(1, warmup))``: the linear warmup factor, 0 at step 0."""
    return t.astype(np.float64) / float(max(1, warmup))


def _counts(warmup: int, total: int | None = None) -> tuple[int, int | None]:
    warmup = whole_number(warmup, "num_warmup_steps", 0)
    if total is not None:
        total = whole_number(total, "num_training_steps", 1)
    return warmup, total


def _begin(step: object, lr: float, warmup: int, total: int) -> tuple[NDArray[np.int64], bool, float, int, int]:
    """The checked arguments every schedule with a training length shares."""
    t, scalar = _steps(step)
    checked_warmup, checked_total = _counts(warmup, total)
    assert checked_total is not None
    return t, scalar, finite_number(lr, "lr", positive=True), checked_warmup, checked_total


def _end(t: NDArray[np.int64], scalar: bool, lr: float, warmup: int, after: NDArray[np.float64]) -> float | Lrs:
    """``lr`` times the linear warmup factor before ``warmup``, times ``after`` from there on."""
    return _result(lr * np.where(t < warmup, _warmup(t, warmup), after), scalar)


@overload
def linear_with_warmup(step: int, *, lr: float, num_warmup_steps: int, num_training_steps: int) -> float: ...
@overload
def linear_with_warmup(step: Steps, *, lr: float, num_warmup_steps: int, num_training_steps: int) -> Lrs: ...
def linear_with_warmup(step: int | Steps, *, lr: float, num_warmup_steps: int, num_training_steps: int) -> float | Lrs:
    """HF ``get_linear_schedule_with_warmup``: 0 up to ``lr`` in ``num_warmup_steps``, then down to 0.

    The first step trains with lr 0 by design.

    >>> linear_with_warmup(range(7), lr=1.0, num_warmup_steps=2, num_training_steps=6)
    array([0.  , 0.5 , 1.  , 0.75, 0.5 , 0.25, 0.  ])
    """
    t, scalar, lr, warmup, total = _begin(step, lr, num_warmup_steps, num_training_steps)
    decay = np.maximum(0.0, (total - t).astype(np.float64) / float(max(1, total - warmup)))
    return _end(t, scalar, lr, warmup, decay)


@overload
def constant_with_warmup(step: int, *, lr: float, num_warmup_steps: int) -> float: ...
@overload
def constant_with_warmup(step: Steps, *, lr: float, num_warmup_steps: int) -> Lrs: ...
def constant_with_warmup(step: int | Steps, *, lr: float, num_warmup_steps: int) -> float | Lrs:
    """HF ``get_constant_schedule_with_warmup``: linear warmup from 0, then constant ``lr``.

    >>> constant_with_warmup(range(4), lr=1.0, num_warmup_steps=2)
    array([0. , 0.5, 1. , 1. ])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    warmup, _ = _counts(num_warmup_steps)
    factor = np.where(t < warmup, t.astype(np.float64) / float(max(1.0, warmup)), 1.0)
    return _result(lr * factor, scalar)


def _progress(t: NDArray[np.int64], warmup: int, total: int) -> NDArray[np.float64]:
    return (t - warmup).astype(np.float64) / float(max(1, total - warmup))


@overload
def cosine_with_warmup(
    step: int, *, lr: float, num_warmup_steps: int, num_training_steps: int, num_cycles: float = 0.5
) -> float: ...
@overload
def cosine_with_warmup(
    step: Steps, *, lr: float, num_warmup_steps: int, num_training_steps: int, num_cycles: float = 0.5
) -> Lrs: ...
def cosine_with_warmup(
    step: int | Steps, *, lr: float, num_warmup_steps: int, num_training_steps: int, num_cycles: float = 0.5
) -> float | Lrs:
    """HF ``get_cosine_schedule_with_warmup``: linear warmup from 0, then half a cosine to 0.

    >>> cosine_with_warmup(range(0, 7, 2), lr=1.0, num_warmup_steps=2, num_training_steps=6)
    array([0. , 1. , 0.5, 0. ])
    """
    t, scalar, lr, warmup, total = _begin(step, lr, num_warmup_steps, num_training_steps)
    cycles = finite_number(num_cycles, "num_cycles", positive=True)
    angle = math.pi * float(cycles) * 2.0 * _progress(t, warmup, total)
    decay = np.maximum(0.0, 0.5 * (1.0 + _each(angle, math.cos)))
    return _end(t, scalar, lr, warmup, decay)


@overload
def cosine_with_hard_restarts(
    step: int, *, lr: float, num_warmup_steps: int, num_training_steps: int, num_cycles: int = 1
) -> float: ...
@overload
def cosine_with_hard_restarts(
    step: Steps, *, lr: float, num_warmup_steps: int, num_training_steps: int, num_cycles: int = 1
) -> Lrs: ...
def cosine_with_hard_restarts(
    step: int | Steps, *, lr: float, num_warmup_steps: int, num_training_steps: int, num_cycles: int = 1
) -> float | Lrs:
    """HF ``get_cosine_with_hard_restarts_schedule_with_warmup``: ``num_cycles`` cosines, each back to ``lr``.

    >>> cosine_with_hard_restarts(range(0, 9, 2), lr=1.0, num_warmup_steps=0, num_training_steps=8, num_cycles=2)
    array([1. , 0.5, 1. , 0.5, 0. ])
    """
    t, scalar, lr, warmup, total = _begin(step, lr, num_warmup_steps, num_training_steps)
    cycles = whole_number(num_cycles, "num_cycles", 1)
    progress = _progress(t, warmup, total)
    decay = np.maximum(0.0, 0.5 * (1.0 + _each(math.pi * ((float(cycles) * progress) % 1.0), math.cos)))
    decay = np.where(progress >= 1.0, 0.0, decay)
    return _end(t, scalar, lr, warmup, decay)


@overload
def polynomial_with_warmup(
    step: int, *, lr: float, num_warmup_steps: int, num_training_steps: int, lr_end: float = 1e-7, power: float = 1.0
) -> float: ...
@overload
def polynomial_with_warmup(
    step: Steps, *, lr: float, num_warmup_steps: int, num_training_steps: int, lr_end: float = 1e-7, power: float = 1.0
) -> Lrs: ...
def polynomial_with_warmup(
    step: int | Steps,
    *,
    lr: float,
    num_warmup_steps: int,
    num_training_steps: int,
    lr_end: float = 1e-7,
    power: float = 1.0,
) -> float | Lrs:
    """HF ``get_polynomial_decay_schedule_with_warmup``: warmup, then a polynomial decay to ``lr_end`` (not 0).

    ``lr`` is the optimizer's ``lr`` (HF reads ``optimizer.defaults["lr"]``).

    >>> polynomial_with_warmup(range(0, 7, 2), lr=1.0, num_warmup_steps=2, num_training_steps=6, lr_end=0.2)
    array([0. , 1. , 0.6, 0.2])
    """
    t, scalar, lr, warmup, total = _begin(step, lr, num_warmup_steps, num_training_steps)
    lr_end = finite_number(lr_end, "lr_end", low=0.0)
    if not lr > lr_end:
        raise ValueError(f"lr_end ({lr_end}) must be smaller than lr ({lr})")
    power = finite_number(power, "power", low=0.0)
    lr_range = lr - lr_end
    decay_steps = total - warmup
    remaining = 1 - (t - warmup).astype(np.float64) / decay_steps if decay_steps else np.zeros(t.shape)
    remaining = np.maximum(remaining, 0.0)  # past num_training_steps the lr_end branch is used instead
    decay = (lr_range * _each(remaining, lambda value: value**power) + lr_end) / lr
    factor = np.where(t < warmup, _warmup(t, warmup), np.where(t > total, lr_end / lr, decay))
    return _result(lr * factor, scalar)


@overload
def inverse_sqrt(step: int, *, lr: float, num_warmup_steps: int, timescale: int | None = None) -> float: ...
@overload
def inverse_sqrt(step: Steps, *, lr: float, num_warmup_steps: int, timescale: int | None = None) -> Lrs: ...
def inverse_sqrt(step: int | Steps, *, lr: float, num_warmup_steps: int, timescale: int | None = None) -> float | Lrs:
    """HF ``get_inverse_sqrt_schedule``: warmup, then ``lr / sqrt((t + shift) / timescale)``.

    ``timescale`` defaults to ``num_warmup_steps`` (or 10000 without warmup).

    >>> inverse_sqrt([0, 2, 4, 8, 18], lr=1.0, num_warmup_steps=2)
    array([0.        , 1.        , 0.70710678, 0.5       , 0.33333333])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    warmup, _ = _counts(num_warmup_steps)
    scale = (warmup or 10000) if timescale is None else whole_number(timescale, "timescale", 1)
    shift = scale - warmup
    with np.errstate(divide="ignore", invalid="ignore"):  # only warmup steps can hit 0: np.where drops them
        decay = 1.0 / np.sqrt((t + shift).astype(np.float64) / scale)  # IEEE sqrt: the same on every CPU
    return _end(t, scalar, lr, warmup, decay)


@overload
def cosine_with_min_lr(
    step: int,
    *,
    lr: float,
    num_warmup_steps: int,
    num_training_steps: int,
    num_cycles: float = 0.5,
    min_lr: float | None = None,
    min_lr_rate: float | None = None,
) -> float: ...
@overload
def cosine_with_min_lr(
    step: Steps,
    *,
    lr: float,
    num_warmup_steps: int,
    num_training_steps: int,
    num_cycles: float = 0.5,
    min_lr: float | None = None,
    min_lr_rate: float | None = None,
) -> Lrs: ...
def cosine_with_min_lr(
    step: int | Steps,
    *,
    lr: float,
    num_warmup_steps: int,
    num_training_steps: int,
    num_cycles: float = 0.5,
    min_lr: float | None = None,
    min_lr_rate: float | None = None,
) -> float | Lrs:
    """HF ``get_cosine_with_min_lr_schedule_with_warmup``: the cosine ends at ``min_lr`` instead of 0.

    Give exactly one of ``min_lr`` and ``min_lr_rate`` (``min_lr / lr``).

    >>> cosine_with_min_lr(range(0, 7, 2), lr=1.0, num_warmup_steps=2, num_training_steps=6, min_lr=0.2)
    array([0. , 1. , 0.6, 0.2])
    """
    t, scalar, lr, warmup, total = _begin(step, lr, num_warmup_steps, num_training_steps)
    cycles = finite_number(num_cycles, "num_cycles", positive=True)
    if (min_lr is None) == (min_lr_rate is None):
        raise ValueError("give exactly one of min_lr and min_lr_rate")
    rate = (
        finite_number(min_lr, "min_lr", low=0.0) / lr
        if min_lr is not None
        else finite_number(min_lr_rate, "min_lr_rate", low=0.0)
    )
    angle = math.pi * float(cycles) * 2.0 * _progress(t, warmup, total)
    factor = 0.5 * (1.0 + _each(angle, math.cos))
    decay = np.maximum(0, factor * (1 - rate) + rate)
    return _end(t, scalar, lr, warmup, decay)


def _shape(progress: NDArray[np.float64], kind: str, rising: bool, cycles: float) -> NDArray[np.float64]:
    if kind == "linear":
        return progress if rising else 1.0 - progress
    if kind == "cosine":
        if rising:
            return 0.5 * (1.0 - _each(math.pi * progress, math.cos))
        return 0.5 * (1.0 + _each(math.pi * float(cycles) * 2.0 * progress, math.cos))
    return 1.0 - _each(1.0 - progress, math.sqrt) if rising else 1.0 - _each(progress, math.sqrt)


@overload
def warmup_stable_decay(
    step: int,
    *,
    lr: float,
    num_warmup_steps: int,
    num_stable_steps: int,
    num_decay_steps: int,
    warmup_type: Shape = "linear",
    decay_type: Shape = "cosine",
    min_lr_ratio: float = 0.0,
    num_cycles: float = 0.5,
) -> float: ...
@overload
def warmup_stable_decay(
    step: Steps,
    *,
    lr: float,
    num_warmup_steps: int,
    num_stable_steps: int,
    num_decay_steps: int,
    warmup_type: Shape = "linear",
    decay_type: Shape = "cosine",
    min_lr_ratio: float = 0.0,
    num_cycles: float = 0.5,
) -> Lrs: ...
def warmup_stable_decay(
    step: int | Steps,
    *,
    lr: float,
    num_warmup_steps: int,
    num_stable_steps: int,
    num_decay_steps: int,
    warmup_type: Shape = "linear",
    decay_type: Shape = "cosine",
    min_lr_ratio: float = 0.0,
    num_cycles: float = 0.5,
) -> float | Lrs:
    """HF ``get_wsd_schedule``: warmup, a stable stretch at ``lr``, a decay, then ``lr * min_lr_ratio``.

    >>> warmup_stable_decay(range(8), lr=1.0, num_warmup_steps=2, num_stable_steps=2, num_decay_steps=2,
    ...                     decay_type="linear", min_lr_ratio=0.1)
    array([0.1 , 0.55, 1.  , 1.  , 1.  , 0.55, 0.1 , 0.1 ])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    warmup = whole_number(num_warmup_steps, "num_warmup_steps", 0)
    stable = whole_number(num_stable_steps, "num_stable_steps", 0)
    decay_steps = whole_number(num_decay_steps, "num_decay_steps", 0)
    for name, kind in (("warmup_type", warmup_type), ("decay_type", decay_type)):
        if kind not in ("linear", "cosine", "1-sqrt"):
            raise ValueError(f"{name} must be 'linear', 'cosine' or '1-sqrt'; got {kind!r}")
    ratio = finite_number(min_lr_ratio, "min_lr_ratio", low=0.0)
    cycles = finite_number(num_cycles, "num_cycles", positive=True)
    rising = np.clip(t.astype(np.float64) / float(max(1, warmup)), 0.0, 1.0)
    falling = np.clip((t - warmup - stable).astype(np.float64) / float(max(1, decay_steps)), 0.0, 1.0)
    up = np.maximum(0.0, _shape(rising, warmup_type, True, cycles) * (1.0 - ratio) + ratio)
    down = np.maximum(0.0, _shape(falling, decay_type, False, cycles) * (1.0 - ratio) + ratio)
    factor = np.where(
        t < warmup, up, np.where(t < warmup + stable, 1.0, np.where(t < warmup + stable + decay_steps, down, ratio))
    )
    return _result(lr * factor, scalar)


@dataclass(frozen=True)
class StepCount:
    """How many optimizer updates a run has, counted as Hugging Face's ``Trainer`` counts them."""

    batches_per_epoch: int  # per process
    updates_per_epoch: int
    num_training_steps: int
    num_warmup_steps: int


def count_steps(
    *,
    epochs: float,
    dataset_size: int,
    batch_size: int,
    gradient_accumulation_steps: int = 1,
    processes: int = 1,
    drop_last: bool = False,
    warmup: float = 0.0,
) -> StepCount:
    """``num_training_steps`` and ``num_warmup_steps`` from epochs and the data loader.

    Each of ``processes`` gets ``batch_size`` samples per batch, so an epoch has
    ``ceil(dataset_size / (batch_size * processes))`` batches per process (``floor`` with
    ``drop_last``); an optimizer update happens every ``gradient_accumulation_steps``
    batches, and a partial group at the end of an epoch still makes one update. ``warmup``
    is a number of steps (>= 1) or a fraction of the training steps (< 1), rounded up, as
    HF's ``warmup_steps``/``warmup_ratio`` are. Taught in: the warmup chapter.

    >>> count_steps(epochs=3, dataset_size=1000, batch_size=32, gradient_accumulation_steps=4, warmup=0.1)
    StepCount(batches_per_epoch=32, updates_per_epoch=8, num_training_steps=24, num_warmup_steps=3)
    """
    if isinstance(epochs, bool) or not isinstance(epochs, (int, float)) or not 0 < epochs < math.inf:
        raise ValueError(f"epochs must be a positive number; got {epochs!r}")
    size = whole_number(dataset_size, "dataset_size", 1)
    batch = whole_number(batch_size, "batch_size", 1)
    accumulate = whole_number(gradient_accumulation_steps, "gradient_accumulation_steps", 1)
    world = whole_number(processes, "processes", 1)
    if not isinstance(drop_last, bool):
        raise TypeError(f"drop_last must be a bool; got {type(drop_last).__name__}")
    warmup = finite_number(warmup, "warmup", low=0.0)
    per_step = batch * world
    batches = size // per_step if drop_last else -(-size // per_step)
    if batches == 0:
        raise ValueError(
            f"dataset_size ({size}) is smaller than one batch on every process ({per_step}) with drop_last"
        )
    updates = max(batches // accumulate + int(batches % accumulate > 0), 1)
    total = math.ceil(epochs * updates)
    warmup_steps = int(warmup) if warmup >= 1 else math.ceil(total * warmup)
    return StepCount(batches, updates, total, warmup_steps)
