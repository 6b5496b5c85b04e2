"""Argument checks shared by the lrnotes modules: one wording for every error.

Not taught in the book; every public function calls these on its arguments so that bad
input raises a ``TypeError`` or ``ValueError`` that names the argument and what is allowed.
"""

from __future__ import annotations

import math
from numbers import Real


def whole_number(value: object, argument: str, low: int, high: int | None = None) -> int:
    """``value`` if it is an int (not a bool) in ``[low, high]``, else raise.

    >>> whole_number(0, "steps", 1)
    Traceback (most recent call last):
    ValueError: steps must be a positive int; got 0
    """
    if low == 1 and high is None:
        allowed = "a positive int"
    elif high is None:
        allowed = f"an int >= {low}"
    else:
        allowed = f"an int from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{argument} must be {allowed}; got {type(value).__name__}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{argument} must be {allowed}; got {value}")
    return value


def finite_number(value: object, argument: str, *, positive: bool = False) -> float:
    """``value`` as a float if it is a finite real number (and > 0 if ``positive``).

    >>> finite_number(float("nan"), "lr", positive=True)
    Traceback (most recent call last):
    ValueError: lr must be a finite number; got nan
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{argument} must be a real number; got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{argument} must be a finite number; got {number}")
    if positive and number <= 0:
        raise ValueError(f"{argument} must be a positive number; got {number}")
    return number
