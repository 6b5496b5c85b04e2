"""The LR range test (Leslie Smith, 2015; fastai's ``lr_find``).

Taught in: the LR range test chapter (``book/*/rangetest.ipynb``).

Train for a few batches while the lr grows exponentially from ``start_lr`` to ``end_lr``,
record the loss at each lr, smooth it, stop once it diverges, then put the model and the
optimizer back exactly as they were. Two rules turn the curve into a suggestion:

- **steepest slope**: the lr where the smoothed loss falls fastest against ``log(lr)``;
- **minimum / 10**: a tenth of the lr at which the smoothed loss is lowest (past that
  minimum the loss is already climbing, so the minimum itself is too large).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from torch import Tensor, nn
from torch.optim import Optimizer

from ._checks import finite_number, whole_number
from .i18n import Language, message

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["RangeTest", "lr_range_test", "plot_range_test"]

#: The loss function: ``loss_fn(model(x), y)`` must return a scalar tensor.
LossFunction = Callable[[Tensor, Tensor], Tensor]
#: How many points at each end of the curve the steepest-slope rule skips (they are noisy).
EDGE = 3


@dataclass(frozen=True)
class RangeTest:
    """The lrs tried, the raw and smoothed losses, and the two suggestions."""

    lrs: tuple[float, ...]
    losses: tuple[float, ...]
    smoothed: tuple[float, ...]
    diverged: bool
    steepest: float
    min_over_10: float

    @property
    def steps(self) -> int:
        """Number of batches the test trained on."""
        return len(self.lrs)


def _suggest(lrs: Sequence[float], smoothed: Sequence[float]) -> tuple[float, float]:
    """The steepest-slope lr and a tenth of the lr of the minimum of ``smoothed``.

    >>> lrs = [10.0 ** (k / 4 - 4) for k in range(17)]   # 1e-4 ... 1
    >>> loss = [2.0, 2.0, 2.0, 1.99, 1.9, 1.6, 1.0, 0.6, 0.45, 0.4, 0.38, 0.4, 0.6, 1.2, 3.0, 6.0, 9.0]
    >>> [f"{value:.3g}" for value in _suggest(lrs, loss)]
    ['0.00316', '0.00316']
    """
    log_lrs = np.log(np.asarray(lrs, dtype=np.float64))
    values = np.asarray(smoothed, dtype=np.float64)
    lowest = int(np.argmin(values))
    min_over_10 = float(lrs[lowest]) / 10
    if lowest <= 2 * EDGE:  # too few points before the minimum to find a slope
        return float(lrs[lowest]), min_over_10
    slope = np.gradient(values[: lowest + 1], log_lrs[: lowest + 1])
    inner = slope[EDGE:]
    steepest = EDGE + int(np.argmin(inner))
    return float(lrs[steepest]), min_over_10


def lr_range_test(
    model: nn.Module,
    optimizer: Optimizer,
    loss_fn: LossFunction,
    batches: Sequence[tuple[Tensor, Tensor]],
    *,
    start_lr: float = 1e-5,
    end_lr: float = 10.0,
    steps: int = 100,
    beta: float = 0.98,
    diverge: float = 4.0,
) -> RangeTest:
    """Run the LR range test and restore ``model`` and ``optimizer`` afterwards.

    Step ``k`` (``k = 0 .. steps - 1``) trains on ``batches[k % len(batches)]`` with the
    lr ``start_lr * (end_lr / start_lr) ** (k / (steps - 1))``, set on every param group.
    The loss is smoothed with an exponential moving average (weight ``beta`` on the past,
    bias-corrected as in fastai, whose 0.98 is the default). The average lags about
    ``1 / (1 - beta)`` steps behind the raw loss, which moves both suggestions to larger
    lrs: 0.98 lags 50 steps, half of a 100-step test; ``beta=0.9`` lags 10 (the range test
    chapter compares them). The test stops early once the smoothed loss exceeds
    ``diverge`` times its lowest value so far, or is not finite. Whatever happens, the
    model's weights and the optimizer's state (its lrs and momentum buffers included) are
    restored from copies taken at the start.
    """
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module; got {type(model).__name__}")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be a torch.optim.Optimizer; got {type(optimizer).__name__}")
    if not callable(loss_fn):
        raise TypeError(f"loss_fn must be callable as loss_fn(output, target); got {type(loss_fn).__name__}")
    if isinstance(batches, (str, bytes)) or not isinstance(batches, Sequence) or not batches:  # type: ignore[unreachable]
        raise TypeError("batches must be a non-empty list of (input, target) pairs")
    start_lr = finite_number(start_lr, "start_lr", positive=True)
    end_lr = finite_number(end_lr, "end_lr", positive=True)
    if end_lr <= start_lr:
        raise ValueError(f"end_lr must be larger than start_lr ({start_lr:g}); got {end_lr:g}")
    steps = whole_number(steps, "steps", 2 * EDGE + 2, 100_000)
    beta = finite_number(beta, "beta", low=0.0)
    if beta >= 1:
        raise ValueError(f"beta must be a number in [0, 1); got {beta}")
    diverge = finite_number(diverge, "diverge", positive=True)
    if diverge <= 1:
        raise ValueError(f"diverge must be a number > 1; got {diverge}")

    saved_model = copy.deepcopy(model.state_dict())
    saved_optimizer = copy.deepcopy(optimizer.state_dict())
    ratio = end_lr / start_lr
    lrs: list[float] = []
    losses: list[float] = []
    smoothed: list[float] = []
    average = 0.0
    best = math.inf
    diverged = False
    try:
        for k in range(steps):
            lr = start_lr * ratio ** (k / (steps - 1))
            for group in optimizer.param_groups:
                group["lr"] = lr
            x, y = batches[k % len(batches)]
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()  # type: ignore[no-untyped-call]  # torch's Tensor.backward has no hints
            optimizer.step()
            value = float(loss.item())
            lrs.append(lr)
            losses.append(value)
            average = beta * average + (1 - beta) * value
            smooth = average / (1 - beta ** (k + 1))
            smoothed.append(smooth)
            if not math.isfinite(smooth) or smooth > diverge * best:
                diverged = True
                break
            best = min(best, smooth)
    finally:
        model.load_state_dict(saved_model)
        optimizer.load_state_dict(saved_optimizer)
    if len(lrs) < 2:
        raise ValueError(
            f"the loss diverged at the first lr ({start_lr:g}): start_lr must be smaller, or the model is broken"
        )
    finite = [(lr, s) for lr, s in zip(lrs, smoothed, strict=True) if math.isfinite(s)]
    steepest, min_over_10 = _suggest([lr for lr, _ in finite], [s for _, s in finite])
    return RangeTest(
        lrs=tuple(lrs),
        losses=tuple(losses),
        smoothed=tuple(smoothed),
        diverged=diverged,
        steepest=steepest,
        min_over_10=min_over_10,
    )


def plot_range_test(result: RangeTest, *, ax: Axes | None = None, lang: Language | None = None) -> Axes:
    """Loss against lr on a log axis: raw and smoothed, with both suggestions marked."""
    from .fonts import text_family

    if not isinstance(result, RangeTest):
        raise TypeError(f"result must be a RangeTest from lr_range_test(); got {type(result).__name__}")
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    family = text_family(lang)
    ax.plot(result.lrs, result.losses, alpha=0.35, linewidth=1.0, label=message("loss", lang))
    ax.plot(result.lrs, result.smoothed, label=message("loss.smoothed", lang))
    for lr, key, style in ((result.steepest, "suggest.steepest", "--"), (result.min_over_10, "suggest.min10", ":")):
        ax.axvline(lr, color="black", linestyle=style, linewidth=1.2, label=f"{message(key, lang)}: {lr:.2g}")
    ax.set_xscale("log")
    finite = [s for s in result.smoothed if math.isfinite(s)]
    ax.set_ylim(min(finite) * 0.9, min(max(finite), 4 * min(finite)) * 1.1)
    ax.set_xlabel(message("learning_rate", lang), fontfamily=family)
    ax.set_ylabel(message("loss", lang), fontfamily=family)
    ax.legend(prop={"family": family})
    return ax
