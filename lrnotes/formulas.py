r"""Closed forms of the schedulers: the lr as a plain function of the step.

Taught in: the "formula" section of each chapter (StepLR: ``book/*/steplr.ipynb``).

Every function takes ``step``, the number of ``scheduler.step()`` calls so far, as an int
**or** as an array of ints (a NumPy integer array, a ``range``, a list), and returns a float
or a NumPy array of the same shape. The arrays are computed in one vectorised NumPy
expression, so a million steps take milliseconds. ``tests/test_formulas.py`` checks every
function against :func:`lrnotes.simulate` (torch itself) with hypothesis, in both forms.

How torch computes each schedule (in normal use, ``scheduler.step()`` with no argument):

============================ ============== ==================================================
scheduler                    torch computes so the closed form may differ from torch
============================ ============== ==================================================
LambdaLR                     closed form    not at all: both are ``lr * lr_lambda(t)``
MultiplicativeLR             chainable      by one rounding per step (a product of factors)
StepLR, MultiStepLR          chainable      by one rounding per drop
ExponentialLR                chainable      by one rounding per step: ~1e-16 * t relative
ConstantLR, LinearLR         chainable      by one rounding per step that changes the lr
PolynomialLR                 chainable      by one rounding per step (a ratio of two powers)
CosineAnnealingLR            chainable      after each minimum the recursion's ratio loses
                                            digits, and the error is carried until the next
                                            minimum, where both forms land exactly on
                                            ``eta_min``; over long runs it grows: 4.4e-11 of
                                            the initial lr at 10^5 steps, 3.1e-10 at 10^6
                                            (``benchmarks/RESULTS.md``)
CosineAnnealingWarmRestarts  closed form    by the last bits of the cosine (both evaluate
                                            the same formula of ``T_cur``)
CyclicLR, OneCycleLR         closed form    likewise: a formula of the step and the
                                            schedule's fixed bounds at every step
SequentialLR,                composites     as the schedules they run (the closed forms here
ChainedScheduler                            compose the closed forms above)
============================ ============== ==================================================

"Chainable" means torch multiplies the *current* lr by a factor at each step instead of
evaluating a formula of ``t``; it keeps changes other code made to the lr, and rounds once
per step. So compare the two forms with a tolerance (``tests/test_formulas.py`` uses
``1e-12`` relative to the schedule's initial lr), never with ``==``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeAlias, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import finite_number, whole_number

__all__ = [
    "MAX_STEPS",
    "Schedule",
    "Steps",
    "chainedscheduler",
    "constantlr",
    "cosineannealinglr",
    "cosineannealingwarmrestarts",
    "cycliclr",
    "exponentiallr",
    "gamma_to_reach",
    "lambdalr",
    "linearlr",
    "multiplicativelr",
    "multisteplr",
    "onecyclelr",
    "polynomiallr",
    "sequentiallr",
    "steplr",
]

#: Many steps: a NumPy integer array, a ``range`` or a sequence of ints (one step is an int).
Steps: TypeAlias = range | Sequence[int] | NDArray[np.integer]
Lrs: TypeAlias = NDArray[np.float64]
#: The most steps one call evaluates as an array (10^8 floats are 800 MB).
MAX_STEPS = 100_000_000


def _steps(step: object) -> tuple[NDArray[np.int64], bool]:
    """``step`` checked, as an int64 array and whether it was one int.

    One int becomes an array of one element (not a 0-d array, for which NumPy takes other,
    scalar code paths), so the scalar and the array form agree to the last bit.
    Integer powers use :func:`_power` and cosines ``math.cos``, never NumPy's SIMD code, so
    a printed closed form shows the same digits on every CPU.
    """
    if isinstance(step, (int, np.integer)) and not isinstance(step, (bool, np.bool_)):
        return np.array([whole_number(int(step), "step", 0)], dtype=np.int64), True
    if isinstance(step, (range, Sequence, np.ndarray)) and not isinstance(step, (str, bytes)):
        if len(step) > MAX_STEPS:
            raise ValueError(f"step may hold at most {MAX_STEPS} values; got {len(step)}")
        array = np.asarray(step)
        if (array.size and not np.issubdtype(array.dtype, np.integer)) or array.dtype == np.bool_:
            raise TypeError(f"step must be an int or an array of ints; got an array of {array.dtype}")
        array = array.astype(np.int64)
        if array.size and array.min() < 0:
            raise ValueError(f"step must hold ints >= 0; got {int(array.min())}")
        return array, False
    raise TypeError(f"step must be an int >= 0 or an array of ints; got {type(step).__name__}")


def _squaring(base: float, exponent: NDArray[np.int64]) -> NDArray[np.float64]:
    """``base ** exponent`` elementwise by repeated squaring: IEEE multiplications only."""
    result = np.ones(exponent.shape, dtype=np.float64)
    left = exponent.copy()
    square = base
    with np.errstate(over="ignore", under="ignore"):  # overflow is reported by _result
        while left.size and left.max() > 0:
            result = np.where(left & 1, result * square, result)
            left >>= 1
            square *= square
    return result


_SHIFT = 10
_BLOCK = 1 << _SHIFT  # 1024


def _power(base: float, exponent: NDArray[np.int64]) -> NDArray[np.float64]:
    """``base ** exponent`` elementwise, the same on every CPU, fast for long arrays.

    NumPy's ``np.power`` takes CPU-specific (SIMD) code paths that can differ in the last
    bit from one machine to another; IEEE multiplication cannot. With ``k = 1024 j + i``,
    the power is ``base^(1024 j) * base^i``, each factor by repeated squaring and looked up
    in a small table when that is cheaper: a million steps cost a few array operations.

    >>> _power(0.5, np.array([0, 1, 3, 10])).tolist()
    [1.0, 0.5, 0.125, 0.0009765625]
    """
    if exponent.size == 0:
        return np.ones(exponent.shape, dtype=np.float64)

    def lookup(factor: float, k: NDArray[np.int64]) -> NDArray[np.float64]:
        top = int(k.max())
        if top + 1 <= k.size:  # a table of every power up to the largest, then a gather
            return _squaring(factor, np.arange(top + 1, dtype=np.int64))[k]
        return _squaring(factor, k)

    if int(exponent.max()) < _BLOCK:  # base^(1024 * 0) is 1.0: the low factor alone, same bits
        return lookup(base, exponent)
    block = float(_squaring(base, np.array([_BLOCK], dtype=np.int64))[0])
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):  # inf * 0: reported by _result
        return lookup(block, exponent >> _SHIFT) * lookup(base, exponent & (_BLOCK - 1))


def _cos_pi_ratio(t: NDArray[np.int64], period: int) -> NDArray[np.float64]:
    """``cos(pi * t / period)`` with Python's ``math.cos``, once per distinct angle.

    NumPy's vectorised cosine may differ in the last bit between CPUs (SIMD code paths).
    The cosine repeats every ``2 * period`` steps, so at most that many ``math.cos`` calls
    serve an array of any length (or one per distinct step, if there are fewer).
    """
    reduced = t % (2 * period)
    if 2 * period <= reduced.size:
        table = np.array([math.cos(math.pi * k / period) for k in range(2 * period)], dtype=np.float64)
        return table[reduced]
    distinct, where = np.unique(reduced, return_inverse=True)
    values = np.array([math.cos(math.pi * k / period) for k in distinct.tolist()], dtype=np.float64)
    return values[where].reshape(t.shape)


def _result(values: NDArray[np.floating], scalar: bool) -> float | Lrs:
    """A float for one step, else the array; an lr that overflowed float64 is an error."""
    if not np.all(np.isfinite(values)):
        raise ValueError("the lr overflows float64 at some step: check gamma (or lr_lambda) and the steps")
    return float(values[0]) if scalar else np.asarray(values, dtype=np.float64)


@overload
def steplr(step: int, *, lr: float, step_size: int, gamma: float = 0.1) -> float: ...
@overload
def steplr(step: Steps, *, lr: float, step_size: int, gamma: float = 0.1) -> Lrs: ...


def steplr(step: int | Steps, *, lr: float, step_size: int, gamma: float = 0.1) -> float | Lrs:
    r"""StepLR's lr at ``step``: :math:`\eta_t = \eta_0 \, \gamma^{\lfloor t / s \rfloor}`.

    ``step`` is the number of ``scheduler.step()`` calls so far (0 for the first epoch),
    ``lr`` the initial lr :math:`\eta_0`, ``step_size`` the period :math:`s`.

    >>> steplr(15, lr=0.01, step_size=5)
    1.0000000000000003e-05
    >>> steplr(range(0, 20, 5), lr=0.01, step_size=5)
    array([1.e-02, 1.e-03, 1.e-04, 1.e-05])
    """
    t, scalar = _steps(step)
    step_size = whole_number(step_size, "step_size", 1)
    lr = finite_number(lr, "lr", positive=True)
    gamma = finite_number(gamma, "gamma", positive=True)
    return _result(lr * _power(gamma, np.floor_divide(t, step_size)), scalar)


@overload
def lambdalr(step: int, *, lr: float, lr_lambda: Callable[[int], float]) -> float: ...
@overload
def lambdalr(step: Steps, *, lr: float, lr_lambda: Callable[[int], float]) -> Lrs: ...


def lambdalr(step: int | Steps, *, lr: float, lr_lambda: Callable[[int], float]) -> float | Lrs:
    r"""LambdaLR's lr at ``step``: :math:`\eta_t = \eta_0 \, f(t)`, ``f`` being ``lr_lambda``.

    ``f`` is called once per step (it is any Python function, so this one is not vectorised
    beyond that). The function returns a *factor* of the initial lr, not an lr.

    >>> lambdalr(range(4), lr=0.1, lr_lambda=lambda epoch: 0.5 ** epoch)
    array([0.1   , 0.05  , 0.025 , 0.0125])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    if not callable(lr_lambda):
        raise TypeError(f"lr_lambda must be a function of the step; got {type(lr_lambda).__name__}")
    factors = [finite_number(lr_lambda(k), f"lr_lambda({k})") for k in t.ravel().tolist()]
    return _result(lr * np.array(factors, dtype=np.float64).reshape(t.shape), scalar)


@overload
def multiplicativelr(step: int, *, lr: float, lr_lambda: Callable[[int], float]) -> float: ...
@overload
def multiplicativelr(step: Steps, *, lr: float, lr_lambda: Callable[[int], float]) -> Lrs: ...


def multiplicativelr(step: int | Steps, *, lr: float, lr_lambda: Callable[[int], float]) -> float | Lrs:
    r"""MultiplicativeLR's lr at ``step``: :math:`\eta_t = \eta_0 \prod_{i=1}^{t} f(i)`.

    The factors compound: the factor of step ``i`` multiplies every later lr. ``f(0)`` is
    never used. ``f`` is called once for each step up to the largest one asked for.

    >>> multiplicativelr(range(4), lr=0.1, lr_lambda=lambda epoch: 0.5)
    array([0.1   , 0.05  , 0.025 , 0.0125])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    if not callable(lr_lambda):
        raise TypeError(f"lr_lambda must be a function of the step; got {type(lr_lambda).__name__}")
    last = int(t.max(initial=0))
    factors = [1.0] + [finite_number(lr_lambda(i), f"lr_lambda({i})") for i in range(1, last + 1)]
    running = np.cumprod(np.array(factors, dtype=np.float64))
    return _result(lr * running[t], scalar)


@overload
def multisteplr(step: int, *, lr: float, milestones: Iterable[int], gamma: float = 0.1) -> float: ...
@overload
def multisteplr(step: Steps, *, lr: float, milestones: Iterable[int], gamma: float = 0.1) -> Lrs: ...


def multisteplr(step: int | Steps, *, lr: float, milestones: Iterable[int], gamma: float = 0.1) -> float | Lrs:
    r"""MultiStepLR's lr at ``step``: :math:`\eta_t = \eta_0 \, \gamma^{m(t)}`.

    :math:`m(t)` counts the milestones :math:`\le t`, a repeated milestone counting as often
    as it is listed (torch multiplies by :math:`\gamma^2` there).

    >>> multisteplr([0, 2, 7, 15], lr=0.01, milestones=[2, 7, 15], gamma=0.5)
    array([0.01   , 0.005  , 0.0025 , 0.00125])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    gamma = finite_number(gamma, "gamma", positive=True)
    if not isinstance(milestones, Iterable) or isinstance(milestones, (str, bytes)):
        raise TypeError(f"milestones must be a list of ints >= 0; got {type(milestones).__name__}")
    counted = Counter(whole_number(m, f"milestones[{i}]", 0) for i, m in enumerate(milestones))
    ordered = np.array(sorted(counted.elements()), dtype=np.int64)
    passed = np.searchsorted(ordered, t, side="right")
    return _result(lr * _power(gamma, passed.astype(np.int64)), scalar)


@overload
def exponentiallr(step: int, *, lr: float, gamma: float) -> float: ...
@overload
def exponentiallr(step: Steps, *, lr: float, gamma: float) -> Lrs: ...


def exponentiallr(step: int | Steps, *, lr: float, gamma: float) -> float | Lrs:
    r"""ExponentialLR's lr at ``step``: :math:`\eta_t = \eta_0 \, \gamma^{t}`.

    >>> exponentiallr(range(3), lr=0.1, gamma=0.5)
    array([0.1  , 0.05 , 0.025])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    gamma = finite_number(gamma, "gamma", positive=True)
    return _result(lr * _power(gamma, t), scalar)


@overload
def cosineannealinglr(step: int, *, lr: float, T_max: int, eta_min: float = 0.0) -> float: ...
@overload
def cosineannealinglr(step: Steps, *, lr: float, T_max: int, eta_min: float = 0.0) -> Lrs: ...


def cosineannealinglr(step: int | Steps, *, lr: float, T_max: int, eta_min: float = 0.0) -> float | Lrs:
    r"""CosineAnnealingLR's lr at ``step``.

    :math:`\eta_t = \eta_{min} + \tfrac12 (\eta_0 - \eta_{min})(1 + \cos(\pi t / T_{max}))`.
    The cosine is periodic: after ``T_max`` steps the lr rises again, back to
    :math:`\eta_0` at :math:`2 T_{max}` (torch's recursive form does the same).

    >>> cosineannealinglr([0, 2, 4, 6, 8], lr=0.1, T_max=4)
    array([0.1 , 0.05, 0.  , 0.05, 0.1 ])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    T_max = whole_number(T_max, "T_max", 1)
    eta_min = finite_number(eta_min, "eta_min", low=0.0)
    cosine = _cos_pi_ratio(t, T_max)
    return _result(eta_min + (lr - eta_min) * (1 + cosine) / 2, scalar)


def gamma_to_reach(lr: float, final_lr: float, steps: int) -> float:
    r"""The ``gamma`` with which ExponentialLR takes ``lr`` to ``final_lr`` in ``steps`` steps.

    :math:`\gamma = (\eta_{final} / \eta_0)^{1/N}`, so that ``exponentiallr(steps, lr=lr,
    gamma=gamma)`` equals ``final_lr`` (up to rounding). Taught in: the ExponentialLR chapter.

    >>> gamma = gamma_to_reach(0.1, 0.001, 100)
    >>> round(gamma, 6), f"{exponentiallr(100, lr=0.1, gamma=gamma):.6g}"
    (0.954993, '0.001')
    """
    lr = finite_number(lr, "lr", positive=True)
    final_lr = finite_number(final_lr, "final_lr", positive=True)
    steps = whole_number(steps, "steps", 1)
    return float((final_lr / lr) ** (1.0 / steps))


def _cos_pi(numerator: NDArray[np.int64] | NDArray[np.float64], denominator: float | NDArray[np.int64]) -> Lrs:
    """``math.cos(math.pi * n / d)`` elementwise, once per distinct ``(n, d)``, as torch computes it."""
    n = np.asarray(numerator)
    d = np.broadcast_to(np.asarray(denominator), n.shape)
    pairs = np.stack([n.astype(np.float64).ravel(), d.astype(np.float64).ravel()], axis=1)
    distinct, where = np.unique(pairs, axis=0, return_inverse=True)
    numbers = n.dtype.kind == "i" and d.dtype.kind == "i"
    values = [math.cos(math.pi * (int(a) if numbers else a) / (int(b) if numbers else b)) for a, b in distinct.tolist()]
    return np.array(values, dtype=np.float64)[where.ravel()].reshape(n.shape)


@overload
def cosineannealingwarmrestarts(step: int, *, lr: float, T_0: int, T_mult: int = 1, eta_min: float = 0.0) -> float: ...
@overload
def cosineannealingwarmrestarts(step: Steps, *, lr: float, T_0: int, T_mult: int = 1, eta_min: float = 0.0) -> Lrs: ...
def cosineannealingwarmrestarts(
    step: int | Steps, *, lr: float, T_0: int, T_mult: int = 1, eta_min: float = 0.0
) -> float | Lrs:
    r"""CosineAnnealingWarmRestarts' lr after ``step`` calls of ``scheduler.step()``.

    :math:`\eta_t = \eta_{min} + \tfrac12 (\eta_0 - \eta_{min})(1 + \cos(\pi T_{cur} / T_i))`,
    where cycle :math:`i` lasts :math:`T_i = T_0 T_{mult}^i` steps and :math:`T_{cur}` counts
    the steps since the last restart. torch computes it this way too (not chainable).
    Taught in: the CosineAnnealingWarmRestarts chapter.

    >>> cosineannealingwarmrestarts([0, 1, 2, 5, 6], lr=1.0, T_0=2, T_mult=2).round(4)
    array([1.    , 0.5   , 1.    , 0.1464, 1.    ])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    T_0 = whole_number(T_0, "T_0", 1)
    T_mult = whole_number(T_mult, "T_mult", 1)
    eta_min = finite_number(eta_min, "eta_min", low=0.0)
    if T_mult == 1:
        t_cur, t_i = t % T_0, np.full(t.shape, T_0, dtype=np.int64)
    else:
        top = int(t.max(initial=0))
        starts = [0]  # the step at which each cycle starts
        while starts[-1] <= top:
            starts.append(starts[-1] + T_0 * T_mult ** (len(starts) - 1))
        cycle = np.searchsorted(np.array(starts, dtype=np.int64), t, side="right") - 1
        t_cur = t - np.array(starts, dtype=np.int64)[cycle]
        t_i = T_0 * np.array([T_mult**k for k in range(len(starts))], dtype=np.int64)[cycle]
    return _result(eta_min + (lr - eta_min) * (1 + _cos_pi(t_cur, t_i)) / 2, scalar)


CYCLIC_MODES = ("triangular", "triangular2", "exp_range")


@overload
def cycliclr(
    step: int,
    *,
    base_lr: float,
    max_lr: float,
    step_size_up: int = 2000,
    step_size_down: int | None = None,
    mode: str = "triangular",
    gamma: float = 1.0,
    scale_fn: Callable[[float], float] | None = None,
    scale_mode: str = "cycle",
) -> float: ...
@overload
def cycliclr(
    step: Steps,
    *,
    base_lr: float,
    max_lr: float,
    step_size_up: int = 2000,
    step_size_down: int | None = None,
    mode: str = "triangular",
    gamma: float = 1.0,
    scale_fn: Callable[[float], float] | None = None,
    scale_mode: str = "cycle",
) -> Lrs: ...
def cycliclr(
    step: int | Steps,
    *,
    base_lr: float,
    max_lr: float,
    step_size_up: int = 2000,
    step_size_down: int | None = None,
    mode: str = "triangular",
    gamma: float = 1.0,
    scale_fn: Callable[[float], float] | None = None,
    scale_mode: str = "cycle",
) -> float | Lrs:
    r"""CyclicLR's lr after ``step`` calls of ``scheduler.step()`` (one per batch).

    With :math:`L = ` ``step_size_up + step_size_down``, cycle :math:`c = \lfloor 1 + t/L \rfloor`
    and :math:`x = 1 + t/L - c`, the lr climbs from ``base_lr`` towards ``max_lr`` for
    ``step_size_up`` steps and falls back for ``step_size_down``; the height is scaled by
    ``1`` (triangular), :math:`1/2^{c-1}` (triangular2), :math:`\gamma^t` (exp_range) or
    ``scale_fn`` of the cycle or of the step (``scale_mode``). Taught in: the CyclicLR chapter.

    >>> cycliclr(range(0, 9, 2), base_lr=0.1, max_lr=0.5, step_size_up=2, step_size_down=2, mode="triangular2")
    array([0.1, 0.5, 0.1, 0.3, 0.1])
    """
    t, scalar = _steps(step)
    base_lr = finite_number(base_lr, "base_lr", positive=True)
    max_lr = finite_number(max_lr, "max_lr", positive=True)
    up = float(whole_number(step_size_up, "step_size_up", 1))
    down = up if step_size_down is None else float(whole_number(step_size_down, "step_size_down", 1))
    gamma = finite_number(gamma, "gamma", positive=True)
    if scale_fn is None and mode not in CYCLIC_MODES:
        raise ValueError(f"mode must be one of {CYCLIC_MODES} (there is no 'triangular1'); got {mode!r}")
    if scale_fn is not None and not callable(scale_fn):
        raise TypeError(f"scale_fn must be a function or None; got {type(scale_fn).__name__}")
    if scale_mode not in ("cycle", "iterations"):
        raise ValueError(f"scale_mode must be 'cycle' or 'iterations'; got {scale_mode!r}")
    total = up + down
    ratio = up / total
    tf = t.astype(np.float64)
    cycle = np.floor(1 + tf / total)
    x = 1.0 + tf / total - cycle
    scale = np.where(x <= ratio, x / ratio, (x - 1) / (ratio - 1))
    height = (max_lr - base_lr) * scale
    if scale_fn is None:
        if mode == "triangular":
            factor = np.ones(t.shape)
        elif mode == "triangular2":
            factor = 1 / np.ldexp(1.0, (cycle - 1).astype(np.int64))
        else:
            factor = _power(gamma, t)
    else:
        by = cycle.astype(np.int64) if scale_mode == "cycle" else t
        distinct, where = np.unique(by, return_inverse=True)
        values = [finite_number(scale_fn(k), f"scale_fn({k})") for k in distinct.tolist()]
        factor = np.array(values, dtype=np.float64)[where.ravel()].reshape(t.shape)
    return _result(base_lr + height * factor, scalar)


@overload
def onecyclelr(
    step: int,
    *,
    max_lr: float,
    total_steps: int,
    pct_start: float = 0.3,
    anneal_strategy: str = "cos",
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
    three_phase: bool = False,
) -> float: ...
@overload
def onecyclelr(
    step: Steps,
    *,
    max_lr: float,
    total_steps: int,
    pct_start: float = 0.3,
    anneal_strategy: str = "cos",
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
    three_phase: bool = False,
) -> Lrs: ...
def onecyclelr(
    step: int | Steps,
    *,
    max_lr: float,
    total_steps: int,
    pct_start: float = 0.3,
    anneal_strategy: str = "cos",
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
    three_phase: bool = False,
) -> float | Lrs:
    r"""OneCycleLR's lr after ``step`` calls of ``scheduler.step()`` (``step <= total_steps``).

    The lr starts at ``max_lr / div_factor``, rises to ``max_lr`` over the first
    ``pct_start`` of the steps and anneals (cosine or linear) to the initial lr divided by
    ``final_div_factor``; ``three_phase`` comes back down to the initial lr first. Pass
    ``total_steps = epochs * steps_per_epoch``. Taught in: the OneCycleLR chapter.

    >>> onecyclelr([0, 2, 9], max_lr=1.0, total_steps=10, anneal_strategy="linear", div_factor=10)
    array([1.e-01, 1.e+00, 1.e-05])
    """
    t, scalar = _steps(step)
    max_lr = finite_number(max_lr, "max_lr", positive=True)
    total_steps = whole_number(total_steps, "total_steps", 1)
    pct_start = finite_number(pct_start, "pct_start", low=0.0)
    if pct_start > 1:
        raise ValueError(f"pct_start must be a number from 0 to 1; got {pct_start}")
    if anneal_strategy not in ("cos", "linear"):
        raise ValueError(f"anneal_strategy must be 'cos' or 'linear'; got {anneal_strategy!r}")
    initial = max_lr / finite_number(div_factor, "div_factor", positive=True)
    lowest = initial / finite_number(final_div_factor, "final_div_factor", positive=True)
    if t.size and int(t.max()) > total_steps:
        raise ValueError(f"step must be at most total_steps ({total_steps}); got {int(t.max())}")
    if three_phase:
        phases = [
            (float(pct_start * total_steps) - 1, initial, max_lr),
            (float(2 * pct_start * total_steps) - 2, max_lr, initial),
            (total_steps - 1, initial, lowest),
        ]
    else:
        phases = [(float(pct_start * total_steps) - 1, initial, max_lr), (total_steps - 1, max_lr, lowest)]
    tf = t.astype(np.float64)
    out = np.empty(t.shape, dtype=np.float64)
    done = np.zeros(t.shape, dtype=bool)
    start_step = 0.0
    for i, (end_step, start_lr, end_lr) in enumerate(phases):
        here = ~done & ((tf <= end_step) | (i == len(phases) - 1))
        pct = (tf[here] - start_step) / (end_step - start_step)
        if anneal_strategy == "cos":
            out[here] = end_lr + (start_lr - end_lr) / 2.0 * (_cos_pi(pct, 1.0) + 1)
        else:
            out[here] = (end_lr - start_lr) * pct + start_lr
        done |= here
        start_step = end_step
    return _result(out, scalar)


@overload
def constantlr(step: int, *, lr: float, factor: float = 1.0 / 3, total_iters: int = 5) -> float: ...
@overload
def constantlr(step: Steps, *, lr: float, factor: float = 1.0 / 3, total_iters: int = 5) -> Lrs: ...
def constantlr(step: int | Steps, *, lr: float, factor: float = 1.0 / 3, total_iters: int = 5) -> float | Lrs:
    r"""ConstantLR's lr: :math:`\eta_0 \cdot` ``factor`` for the first ``total_iters`` steps, then :math:`\eta_0`.

    torch multiplies by ``factor`` when the scheduler is constructed and by ``1 / factor``
    at step ``total_iters`` (chainable). Taught in: the ConstantLR chapter.

    >>> constantlr(range(4), lr=0.3, factor=0.5, total_iters=2)
    array([0.15, 0.15, 0.3 , 0.3 ])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    factor = finite_number(factor, "factor", positive=True)
    if factor > 1:
        raise ValueError(f"factor must be a number in (0, 1]; got {factor}")
    total_iters = whole_number(total_iters, "total_iters", 1)
    return _result(lr * (factor + (t >= total_iters) * (1 - factor)), scalar)


@overload
def linearlr(
    step: int, *, lr: float, start_factor: float = 1.0 / 3, end_factor: float = 1.0, total_iters: int = 5
) -> float: ...
@overload
def linearlr(
    step: Steps, *, lr: float, start_factor: float = 1.0 / 3, end_factor: float = 1.0, total_iters: int = 5
) -> Lrs: ...
def linearlr(
    step: int | Steps, *, lr: float, start_factor: float = 1.0 / 3, end_factor: float = 1.0, total_iters: int = 5
) -> float | Lrs:
    r"""LinearLR's lr: the factor goes linearly from ``start_factor`` to ``end_factor``.

    :math:`\eta_t = \eta_0 (s + (e - s) \min(t, T) / T)`; torch computes it chainably,
    starting when the scheduler is constructed. Taught in: the LinearLR chapter.

    >>> linearlr(range(6), lr=1.0, start_factor=0.2, total_iters=4)
    array([0.2, 0.4, 0.6, 0.8, 1. , 1. ])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    start_factor = finite_number(start_factor, "start_factor", positive=True)
    end_factor = finite_number(end_factor, "end_factor", low=0.0)
    if start_factor > 1 or end_factor > 1:
        raise ValueError(f"start_factor and end_factor must be at most 1; got {start_factor}, {end_factor}")
    total_iters = whole_number(total_iters, "total_iters", 1)
    done = np.minimum(t, total_iters)
    return _result(lr * (start_factor + (end_factor - start_factor) * done / total_iters), scalar)


@overload
def polynomiallr(step: int, *, lr: float, total_iters: int = 5, power: float = 1.0) -> float: ...
@overload
def polynomiallr(step: Steps, *, lr: float, total_iters: int = 5, power: float = 1.0) -> Lrs: ...
def polynomiallr(step: int | Steps, *, lr: float, total_iters: int = 5, power: float = 1.0) -> float | Lrs:
    r"""PolynomialLR's lr: :math:`\eta_0 (1 - \min(t, T)/T)^{p}`, which is 0 from step ``total_iters`` on.

    Taught in: the PolynomialLR chapter.

    >>> polynomiallr(range(5), lr=1.0, total_iters=4, power=2.0)
    array([1.    , 0.5625, 0.25  , 0.0625, 0.    ])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    total_iters = whole_number(total_iters, "total_iters", 1)
    power = finite_number(power, "power", low=0.0)
    done = np.minimum(t, total_iters)
    distinct, where = np.unique(done, return_inverse=True)
    values = [(1.0 - k / total_iters) ** power for k in distinct.tolist()]  # Python's pow: the same on every CPU
    return _result(lr * np.array(values, dtype=np.float64)[where.ravel()].reshape(t.shape), scalar)


#: A closed form with its settings bound, e.g. ``lambda t: linearlr(t, lr=0.1, total_iters=5)``.
Schedule: TypeAlias = Callable[[NDArray[np.int64]], ArrayLike]


def _schedules(schedules: object) -> list[Schedule]:
    if isinstance(schedules, (str, bytes)) or not isinstance(schedules, Sequence) or not schedules:
        raise TypeError("schedules must be a non-empty list of closed forms (functions of the step)")
    for i, schedule in enumerate(schedules):
        if not callable(schedule):
            raise TypeError(f"schedules[{i}] must be a function of the step; got {type(schedule).__name__}")
    return list(schedules)


@overload
def sequentiallr(step: int, *, schedules: Sequence[Schedule], milestones: Sequence[int]) -> float: ...
@overload
def sequentiallr(step: Steps, *, schedules: Sequence[Schedule], milestones: Sequence[int]) -> Lrs: ...
def sequentiallr(step: int | Steps, *, schedules: Sequence[Schedule], milestones: Sequence[int]) -> float | Lrs:
    r"""SequentialLR composed from closed forms: schedule ``i`` runs from milestone ``i - 1``.

    At each milestone the next schedule starts over from **its own step 0** (torch calls its
    closed form at 0), so ``schedules[i]`` is evaluated at ``t - milestones[i - 1]``. Each
    schedule is a closed form with its settings bound (the same ``lr`` in all).
    Taught in: the SequentialLR chapter.

    >>> warmup = lambda t: linearlr(t, lr=1.0, start_factor=0.25, total_iters=3)
    >>> decay = lambda t: exponentiallr(t, lr=1.0, gamma=0.5)
    >>> sequentiallr(range(6), schedules=[warmup, decay], milestones=[3])
    array([0.25, 0.5 , 0.75, 1.  , 0.5 , 0.25])
    """
    t, scalar = _steps(step)
    parts = _schedules(schedules)
    if isinstance(milestones, (str, bytes)) or not isinstance(milestones, Sequence):
        raise TypeError(f"milestones must be a list of ints >= 0; got {type(milestones).__name__}")
    marks = [whole_number(m, f"milestones[{i}]", 0) for i, m in enumerate(milestones)]
    if len(marks) != len(parts) - 1:
        raise ValueError(f"milestones must have one fewer entry than schedules ({len(parts)}); got {len(marks)}")
    which = np.searchsorted(np.array(marks, dtype=np.int64), t, side="right")
    out = np.empty(t.shape, dtype=np.float64)
    for i, schedule in enumerate(parts):
        here = which == i
        if here.any():
            local = t[here] - (marks[i - 1] if i > 0 else 0)
            out[here] = np.asarray(schedule(local), dtype=np.float64)
    return _result(out, scalar)


@overload
def chainedscheduler(step: int, *, lr: float, schedules: Sequence[Schedule]) -> float: ...
@overload
def chainedscheduler(step: Steps, *, lr: float, schedules: Sequence[Schedule]) -> Lrs: ...
def chainedscheduler(step: int | Steps, *, lr: float, schedules: Sequence[Schedule]) -> float | Lrs:
    r"""ChainedScheduler composed from closed forms: every schedule acts at every step.

    Their factors multiply: :math:`\eta_t = \eta_0 \prod_i (\eta^{(i)}_t / \eta_0)`, where
    :math:`\eta^{(i)}` is schedule ``i`` alone, started at ``lr``. True of the schedulers that
    multiply the current lr by a factor (ConstantLR, LinearLR, ExponentialLR, StepLR,
    MultiStepLR, PolynomialLR, MultiplicativeLR). Not of CosineAnnealingLR, whose recursion
    works on ``lr - eta_min`` and adds a term after each minimum, nor of those that set the
    lr from ``base_lrs`` (LambdaLR, CyclicLR, OneCycleLR, CosineAnnealingWarmRestarts): they
    overwrite what the others did. Taught in: the ChainedScheduler chapter.

    >>> warmup = lambda t: constantlr(t, lr=1.0, factor=0.5, total_iters=2)
    >>> decay = lambda t: exponentiallr(t, lr=1.0, gamma=0.5)
    >>> chainedscheduler(range(4), lr=1.0, schedules=[warmup, decay])
    array([0.5  , 0.25 , 0.25 , 0.125])
    """
    t, scalar = _steps(step)
    lr = finite_number(lr, "lr", positive=True)
    out = np.full(t.shape, lr, dtype=np.float64)
    for schedule in _schedules(schedules):
        out = out * (np.asarray(schedule(t), dtype=np.float64) / lr)
    return _result(out, scalar)
