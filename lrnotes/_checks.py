"""Argument checks shared by the lrnotes modules: one wording for every error.

Not taught in the book; every public function calls these on its arguments so that bad
input raises a ``TypeError`` or ``ValueError`` that names the argument and what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from numbers import Real
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .simulation import Trace

T = TypeVar("T")


def whole_number(value: object, argument: str, low: int, high: int | None = None) -> int:
    """``value`` if it is an int (not a bool) in ``[low, high]``, else raise.

    >>> whole_number(0, "steps", 1)
    Traceback (most recent call last):
    ValueError: steps must be a positive int; got 0
    >>> whole_number(2.0, "step_size", 1)
    Traceback (most recent call last):
    TypeError: step_size must be a positive int; got float 2.0
    """
    if low == 1 and high is None:
        allowed = "a positive int"
    elif high is None:
        allowed = f"an int >= {low}"
    else:
        allowed = f"an int from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, int):
        shown = f" {value!r}" if isinstance(value, (Real, str)) and len(repr(value)) < 40 else ""
        raise TypeError(f"{argument} must be {allowed}; got {type(value).__name__}{shown}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{argument} must be {allowed}; got {value}")
    return value


def finite_number(value: object, argument: str, *, positive: bool = False, low: float | None = None) -> float:
    """``value`` as a float if it is a finite real number (> 0 if ``positive``, >= ``low``).

    >>> finite_number(float("nan"), "lr", positive=True)
    Traceback (most recent call last):
    ValueError: lr must be a finite number; got nan
    >>> finite_number(-1, "gamma", positive=True)
    Traceback (most recent call last):
    ValueError: gamma must be a positive number; got -1.0
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{argument} must be a real number; got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{argument} must be a finite number; got {number}")
    if positive and number <= 0:
        raise ValueError(f"{argument} must be a positive number; got {number}")
    if low is not None and number < low:
        raise ValueError(f"{argument} must be a number >= {low:g}; got {number}")
    return number


def instances(values: Sequence[object], kind: type[T], maker: str, caller: str) -> list[T]:
    """``values`` if it is a non-empty sequence of ``kind`` objects (which ``maker()`` returns).

    >>> instances([1, "2"], int, "int", "add_up")
    Traceback (most recent call last):
    TypeError: add_up takes int objects from int(); got str
    """
    if not values:
        raise TypeError(f"{caller} needs at least one {kind.__name__} from {maker}()")
    checked: list[T] = []
    for value in values:
        if not isinstance(value, kind):
            raise TypeError(f"{caller} takes {kind.__name__} objects from {maker}(); got {type(value).__name__}")
        checked.append(value)
    return checked


def traces(values: Sequence[object], caller: str) -> list[Trace]:
    """``values`` if it is a non-empty sequence of :class:`~lrnotes.simulation.Trace`.

    >>> traces([None], "print_table")
    Traceback (most recent call last):
    TypeError: print_table takes Trace objects from simulate(); got NoneType
    """
    from .simulation import Trace

    return instances(values, Trace, "simulate", caller)


#: Scheduler arguments that mean the same in every torch scheduler that takes them:
#: counts of ``step()`` calls (positive ints), counters that may be 0, and positive factors.
COUNT_ARGUMENTS = ("step_size", "T_max", "T_0", "T_mult", "total_steps", "epochs", "steps_per_epoch", "step_size_up")
COUNTER_ARGUMENTS = ("total_iters", "patience", "cooldown")
POSITIVE_ARGUMENTS = ("gamma", "max_lr", "base_lr", "div_factor", "final_div_factor")
NON_NEGATIVE_ARGUMENTS = ("eta_min", "min_lr", "eps", "power", "threshold")
#: Arguments that may also be a list with one value per param group (CyclicLR, OneCycleLR).
PER_GROUP = ("max_lr", "base_lr")
#: Arguments whose default is ``None`` (OneCycleLR, CyclicLR): passing ``None`` is allowed.
MAY_BE_NONE = ("total_steps", "epochs", "steps_per_epoch", "step_size_down")


def scheduler_arguments(name: str, arguments: dict[str, Any], allowed: Iterable[str]) -> None:
    """Check the keyword arguments ``simulate`` passes to scheduler ``name``.

    Unknown names raise ``TypeError`` listing ``allowed``; the arguments of
    :data:`COUNT_ARGUMENTS` and the others above get the same checks in every scheduler.
    Lists (one value per param group) and anything else are left to torch.

    >>> scheduler_arguments("StepLR", {"step_size": 0}, ["step_size", "gamma"])
    Traceback (most recent call last):
    ValueError: StepLR: step_size must be a positive int; got 0
    >>> scheduler_arguments("StepLR", {"verbose": True}, ["step_size", "gamma"])
    Traceback (most recent call last):
    TypeError: StepLR has no argument 'verbose'; its arguments are step_size, gamma
    """
    allowed = list(allowed)
    for key, value in arguments.items():
        if key not in allowed:
            raise TypeError(f"{name} has no argument {key!r}; its arguments are {', '.join(allowed)}")
        if value is None and key in MAY_BE_NONE:
            continue
        try:
            if key in COUNT_ARGUMENTS:
                whole_number(value, key, 1)
            elif key in COUNTER_ARGUMENTS:
                whole_number(value, key, 0)
            elif key == "milestones":
                if not isinstance(value, Iterable) or isinstance(value, (str, bytes)):
                    raise TypeError(f"milestones must be a list of ints >= 0; got {type(value).__name__}")
                arguments[key] = value = list(value)  # a generator would be used up by the check
                for i, milestone in enumerate(value):
                    whole_number(milestone, f"milestones[{i}]", 0)
            elif key in POSITIVE_ARGUMENTS and not (key in PER_GROUP and isinstance(value, (list, tuple))):
                finite_number(value, key, positive=True)
            elif key in NON_NEGATIVE_ARGUMENTS and not isinstance(value, (list, tuple)):
                finite_number(value, key, low=0.0)
        except (TypeError, ValueError) as error:
            raise type(error)(f"{name}: {error}") from None
