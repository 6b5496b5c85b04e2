"""Real training, measured: a small network on scikit-learn's handwritten digits.

Taught in: the real-training chapter (``book/*/training.ipynb``), which first writes this
loop by hand and then calls :func:`train` to compare schedulers; the adaptive-optimizer
chapter (``book/*/adaptive.ipynb``) and the LR range test chapter (``book/*/rangetest.ipynb``)
reuse it.

Everything is reproducible on any x86 CPU with the pinned torch: the data ship inside
scikit-learn (1797 images of 8x8 pixels, no download), the split and the batch order come
from seeded generators of their own, the model is float64, torch runs deterministic
algorithms during :func:`train`, and the printed numbers are rounded well above float noise.
Nothing here changes global state: :func:`train` restores torch's deterministic-algorithms
flag and never touches the global random generators.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import torch
from torch import Tensor, nn
from torch.optim.lr_scheduler import LRScheduler, ReduceLROnPlateau

from ._checks import finite_number, instances, whole_number
from .i18n import Language, message
from .simulation import OptimizerName, SchedulerFactory, Trace, _make_optimizer

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "Digits",
    "History",
    "format_results",
    "load_digits",
    "make_model",
    "plot_history",
    "print_results",
    "train",
]


@dataclass(frozen=True)
class Digits:
    """The digits data split into a training and a validation set (float64 pixels in [0, 1]).

    >>> data = load_digits()
    >>> data.x_train.shape, data.x_val.shape, data.x_train.dtype
    (torch.Size([1347, 64]), torch.Size([450, 64]), torch.float64)
    """

    x_train: Tensor
    y_train: Tensor
    x_val: Tensor
    y_val: Tensor

    @property
    def n_train(self) -> int:
        """Number of training images."""
        return int(self.x_train.shape[0])

    def batches(self, batch_size: int, *, seed: int = 0) -> list[tuple[Tensor, Tensor]]:
        """One epoch of shuffled training batches (the last one may be smaller).

        >>> [len(x) for x, y in load_digits().batches(500)]
        [500, 500, 347]
        """
        batch_size = whole_number(batch_size, "batch_size", 1, self.n_train)
        order = torch.randperm(self.n_train, generator=torch.Generator().manual_seed(seed))
        return [
            (self.x_train[idx], self.y_train[idx])
            for idx in (order[start : start + batch_size] for start in range(0, self.n_train, batch_size))
        ]

    def batches_per_epoch(self, batch_size: int) -> int:
        """``ceil(n_train / batch_size)``: the optimizer steps in one epoch.

        >>> load_digits().batches_per_epoch(32)
        43
        """
        batch_size = whole_number(batch_size, "batch_size", 1, self.n_train)
        return -(-self.n_train // batch_size)


def load_digits(*, val_fraction: float = 0.25, seed: int = 0) -> Digits:
    """scikit-learn's digits (shipped with the package), split with a seeded permutation."""
    from sklearn.datasets import load_digits as sklearn_digits

    val_fraction = finite_number(val_fraction, "val_fraction", positive=True)
    if val_fraction >= 1:
        raise ValueError(f"val_fraction must be a number between 0 and 1; got {val_fraction}")
    whole_number(seed, "seed", 0, 2**32 - 1)
    images, labels = sklearn_digits(return_X_y=True)
    order = np.random.RandomState(seed).permutation(len(labels))
    n_val = math.ceil(len(labels) * val_fraction)
    x = torch.from_numpy(images[order] / 16.0)
    y = torch.from_numpy(labels[order]).long()
    return Digits(x_train=x[n_val:], y_train=y[n_val:], x_val=x[:n_val], y_val=y[:n_val])


def make_model(*, hidden: int = 32, seed: int = 0) -> nn.Sequential:
    """The chapters' network: 64 pixels, one hidden ReLU layer, 10 classes, in float64.

    Its weights come from ``seed`` alone, without touching torch's global generator.

    >>> make_model()
    Sequential(
      (0): Linear(in_features=64, out_features=32, bias=True)
      (1): ReLU()
      (2): Linear(in_features=32, out_features=10, bias=True)
    )
    """
    hidden = whole_number(hidden, "hidden", 1, 4096)
    whole_number(seed, "seed", 0, 2**32 - 1)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10)).double()


@dataclass(frozen=True)
class History:
    """What :func:`train` measured: per epoch (after it), and the lr of every optimizer step."""

    label: str
    train_loss: tuple[float, ...]
    val_loss: tuple[float, ...]
    val_accuracy: tuple[float, ...]
    lrs: tuple[float, ...]
    batches_per_epoch: int

    @property
    def epochs(self) -> int:
        """Number of epochs trained."""
        return len(self.train_loss)

    def epochs_to(self, accuracy: float) -> int | None:
        """The first epoch count after which validation accuracy reached ``accuracy`` (or None)."""
        accuracy = finite_number(accuracy, "accuracy", low=0.0)
        return next((k + 1 for k, value in enumerate(self.val_accuracy) if value >= accuracy), None)

    def trace(self) -> Trace:
        """The lrs as a :class:`~lrnotes.simulation.Trace`, for ``print_table`` and ``plot``."""
        return Trace.from_lrs(list(self.lrs), label=self.label, batches_per_epoch=self.batches_per_epoch)


def _evaluate(model: nn.Module, x: Tensor, y: Tensor) -> tuple[float, float]:
    """Mean cross-entropy loss and accuracy of ``model`` on ``(x, y)``."""
    with torch.no_grad():
        logits = model(x)
        loss = nn.functional.cross_entropy(logits, y).item()
        accuracy = (logits.argmax(dim=1) == y).double().mean().item()
    return loss, accuracy


def train(
    scheduler: SchedulerFactory | None = None,
    *,
    lr: float = 0.1,
    optimizer: OptimizerName = "sgd",
    momentum: float = 0.9,
    weight_decay: float = 0.0,
    epochs: int = 20,
    batch_size: int = 32,
    step_per: Literal["batch", "epoch"] = "epoch",
    data: Digits | None = None,
    seed: int = 0,
    label: str | None = None,
) -> History:
    """Train :func:`make_model` on the digits with ``scheduler``; return the :class:`History`.

    ``scheduler`` is ``None`` (constant lr) or a factory such as
    ``lambda opt: CosineAnnealingLR(opt, T_max=20)``. It is stepped after every batch
    (``step_per="batch"``) or after every epoch (``"epoch"``); a ``ReduceLROnPlateau`` is
    always stepped once per epoch with the validation loss. ``momentum`` is SGD's (Adam and
    AdamW ignore it). The same ``seed`` gives the same initial weights and batch order, so
    two runs differ only in what you change.

    >>> h = train(epochs=2, lr=0.05)
    >>> h.epochs, h.batches_per_epoch, len(h.lrs), h.lrs[0]
    (2, 43, 86, 0.05)
    """
    lr = finite_number(lr, "lr", positive=True)
    momentum = finite_number(momentum, "momentum", low=0.0)
    weight_decay = finite_number(weight_decay, "weight_decay", low=0.0)
    epochs = whole_number(epochs, "epochs", 1, 1000)
    if step_per not in ("batch", "epoch"):
        raise ValueError(f"step_per must be 'batch' or 'epoch'; got {step_per!r}")
    if data is None:
        data = load_digits()
    elif not isinstance(data, Digits):
        raise TypeError(f"data must be a Digits from load_digits() or None; got {type(data).__name__}")
    steps_per_epoch = data.batches_per_epoch(batch_size)
    whole_number(seed, "seed", 0, 2**32 - 1)
    if label is not None and not isinstance(label, str):
        raise TypeError(f"label must be a str or None; got {type(label).__name__}")

    model = make_model(seed=seed)
    opt = _make_optimizer(model.parameters(), optimizer, lr=lr, momentum=momentum, weight_decay=weight_decay)
    sched = None if scheduler is None else scheduler(opt)
    if sched is not None and not isinstance(sched, LRScheduler):  # ReduceLROnPlateau is one too
        raise TypeError(f"the scheduler factory must return an LRScheduler; got {type(sched).__name__}")
    name = label or (type(sched).__name__ if sched is not None else "constant")

    deterministic = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True)
    try:
        lrs: list[float] = []
        train_loss: list[float] = []
        val_loss: list[float] = []
        val_accuracy: list[float] = []
        for epoch in range(epochs):
            for x, y in data.batches(batch_size, seed=seed * 1000 + epoch):
                lrs.append(float(opt.param_groups[0]["lr"]))
                opt.zero_grad()
                loss = nn.functional.cross_entropy(model(x), y)
                loss.backward()  # type: ignore[no-untyped-call]  # torch's Tensor.backward has no hints
                opt.step()
                if step_per == "batch" and sched is not None and not isinstance(sched, ReduceLROnPlateau):
                    sched.step()
            train_loss.append(_evaluate(model, data.x_train, data.y_train)[0])
            loss_value, accuracy = _evaluate(model, data.x_val, data.y_val)
            val_loss.append(loss_value)
            val_accuracy.append(accuracy)
            if isinstance(sched, ReduceLROnPlateau):
                sched.step(loss_value)
            elif step_per == "epoch" and sched is not None:
                sched.step()
    finally:
        torch.use_deterministic_algorithms(deterministic)
    return History(
        label=name,
        train_loss=tuple(train_loss),
        val_loss=tuple(val_loss),
        val_accuracy=tuple(val_accuracy),
        lrs=tuple(lrs),
        batches_per_epoch=steps_per_epoch,
    )


def _histories(values: Sequence[object], caller: str) -> list[History]:
    return instances(values, History, "train", caller)


def format_results(*histories: History, target: float = 0.95, lang: Language | None = None) -> str:
    """One row per run: final training loss, validation loss and accuracy, epochs to ``target``.

    Losses have 4 significant digits and accuracies one decimal of a percent: far above the
    float noise that differs between CPUs, so the table prints the same everywhere.

    >>> print(format_results(train(epochs=2, lr=0.05, label="constant 0.05"), lang="en"))
    run            train loss  val loss  val accuracy  epochs to 95%
    constant 0.05      0.2812    0.3119         89.8%              -
    """
    from .tables import _render

    runs = _histories(histories, "format_results")
    target = finite_number(target, "target", positive=True)
    if target > 1:
        raise ValueError(f"target must be an accuracy between 0 and 1; got {target}")
    header = [
        message("run", lang),
        message("train_loss", lang),
        message("val_loss", lang),
        message("val_accuracy", lang),
        message("epochs_to", lang, target=f"{100 * target:g}%"),
    ]
    body = []
    for run in runs:
        reached = run.epochs_to(target)
        body.append(
            [
                run.label,
                f"{run.train_loss[-1]:.4g}",
                f"{run.val_loss[-1]:.4g}",
                f"{100 * run.val_accuracy[-1]:.1f}%",
                "-" if reached is None else str(reached),
            ]
        )
    return _render(header, body, [False, True, True, True, True])


def print_results(*histories: History, target: float = 0.95, lang: Language | None = None) -> None:
    """Print :func:`format_results`."""
    print(format_results(*histories, target=target, lang=lang))


def plot_history(*histories: History, lang: Language | None = None) -> Figure:
    """Two panels, one above the other: training loss (log scale) per epoch, and the lr per step.

    Both share the x axis, which counts epochs (steps become fractions of an epoch), so the
    drop of the loss can be read against the lr that caused it; the legend sits below, so
    the figure stays readable on a phone. Returns the Figure.
    """
    import matplotlib.pyplot as plt

    from .fonts import text_family
    from .plotting import plot

    runs = _histories(histories, "plot_history")
    family = text_family(lang)
    figure, (loss_ax, lr_ax) = plt.subplots(2, 1, figsize=(7.0, 6.4), sharex=True, layout="constrained")
    for run in runs:
        epochs = range(1, run.epochs + 1)
        loss_ax.plot(epochs, run.train_loss, marker="o", markersize=3, label=run.label)
    loss_ax.set_yscale("log")
    loss_ax.set_ylabel(message("train_loss", lang), fontfamily=family)
    plot(*(run.trace() for run in runs), ax=lr_ax, title="", lang=lang)
    legend = lr_ax.get_legend()
    if legend is not None:  # plot() draws one; the figure's legend below names the runs once
        legend.remove()
    handles, labels = loss_ax.get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncol=min(len(runs), 3), prop={"family": family})
    return figure
