"""Closed forms of the schedulers: the lr as a plain function of the step.

Taught in: the "formula" section of each chapter (StepLR: ``book/*/steplr.ipynb``).
torch computes most schedules step by step (the "chainable" form); the functions here
compute them directly, and ``tests/test_formulas.py`` checks with hypothesis that both
agree for random settings. Each chapter adds its scheduler here.
"""

from __future__ import annotations

from ._checks import finite_number, whole_number

__all__ = ["steplr"]


def steplr(step: int, *, lr: float, step_size: int, gamma: float = 0.1) -> float:
    r"""StepLR's lr at ``step``: :math:`\eta_t = \eta_0 \, \gamma^{\lfloor t / s \rfloor}`.

    ``step`` is the number of ``scheduler.step()`` calls so far (0 for the first epoch),
    ``lr`` the initial lr :math:`\eta_0`, ``step_size`` the period :math:`s`.

    >>> [steplr(t, lr=0.01, step_size=5) for t in (0, 4, 5, 10)]
    [0.01, 0.01, 0.001, 0.00010000000000000002]
    """
    step = whole_number(step, "step", 0)
    step_size = whole_number(step_size, "step_size", 1)
    return finite_number(lr, "lr") * finite_number(gamma, "gamma") ** (step // step_size)
