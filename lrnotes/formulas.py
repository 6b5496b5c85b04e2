"""Closed forms of the schedulers: the lr as a plain function of the step.

Taught in: the "formula" section of each chapter (StepLR: ``book/*/steplr.ipynb``).
torch computes most schedules step by step (the "chainable" form); the functions here
compute them directly, and ``tests/test_formulas.py`` checks with hypothesis that both
agree for random settings. Each chapter adds its scheduler here.
"""

from __future__ import annotations

import math
from numbers import Real

__all__ = ["steplr"]


def _int_at_least(value: object, argument: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{argument} must be an int; got {type(value).__name__}")
    if value < low:
        raise ValueError(f"{argument} must be an int >= {low}; got {value}")
    return value


def _real(value: object, argument: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{argument} must be a real number; got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{argument} must be a finite number; got {number}")
    return number


def steplr(step: int, *, lr: float, step_size: int, gamma: float = 0.1) -> float:
    r"""StepLR's lr at ``step``: :math:`\eta_t = \eta_0 \, \gamma^{\lfloor t / s \rfloor}`.

    ``step`` is the number of ``scheduler.step()`` calls so far (0 for the first epoch),
    ``lr`` the initial lr :math:`\eta_0`, ``step_size`` the period :math:`s`.

    >>> [steplr(t, lr=0.01, step_size=5) for t in (0, 4, 5, 10)]
    [0.01, 0.01, 0.001, 0.00010000000000000002]
    """
    step = _int_at_least(step, "step", 0)
    step_size = _int_at_least(step_size, "step_size", 1)
    return _real(lr, "lr") * _real(gamma, "gamma") ** (step // step_size)
