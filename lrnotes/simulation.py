"""Run a torch scheduler on a throw-away optimizer and record the learning rate it sets.

Taught in: the StepLR chapter (``book/*/steplr.ipynb``), which first writes the loop by
hand and then calls :func:`simulate`. Every later chapter uses it for its tables and plots.

The loop is the one from a real training script, with the model left out::

    for step in range(steps):
        record(optimizer.param_groups[i]["lr"] for every group)   # the lr this step uses
        optimizer.step()                                           # a step with no gradients
        scheduler.step()               # or scheduler.step(metrics[step]) for ReduceLROnPlateau

So row ``k`` of a :class:`Trace` is the learning rate used by the ``k``-th call of
``optimizer.step()`` (``k = 0, 1, ...``). It equals ``scheduler.get_last_lr()`` after
``k`` calls of ``scheduler.step()``. Because ``optimizer.step()`` comes first, torch's
"``lr_scheduler.step()`` before ``optimizer.step()``" warning is never triggered.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import torch
from torch.optim import Optimizer
from torch.optim.lr_scheduler import LRScheduler, ReduceLROnPlateau

from ._checks import finite_number, scheduler_arguments, whole_number
from .catalog import get_scheduler_class
from .i18n import Language, message

__all__ = ["MAX_STEPS", "SchedulerSpec", "Trace", "simulate"]

#: The keyword arguments :func:`simulate` takes itself (the rest go to the scheduler).
SIMULATE_ARGUMENTS = ("lr", "optimizer", "momentum", "metrics", "batches_per_epoch", "step_per", "label")
#: The most steps :func:`simulate` runs: torch takes about 15 s per million steps here.
MAX_STEPS = 1_000_000

SchedulerFactory: TypeAlias = Callable[[Optimizer], LRScheduler]
#: A scheduler name from the catalog, a scheduler class, or a factory taking the optimizer.
SchedulerSpec: TypeAlias = str | type[LRScheduler] | SchedulerFactory
OptimizerName = Literal["sgd", "adam", "adamw"]
OPTIMIZERS: tuple[OptimizerName, ...] = ("sgd", "adam", "adamw")


@dataclass(frozen=True)
class Trace:
    """The learning rates a scheduler set, one row per optimizer step.

    ``lrs[k][g]`` is the lr of param group ``g`` used by the ``k``-th ``optimizer.step()``.
    ``momenta`` has the same shape and holds SGD's ``momentum`` or Adam's ``beta1`` when the
    scheduler cycles it (CyclicLR, OneCycleLR with ``cycle_momentum=True``), else ``None``.
    ``batches_per_epoch`` groups steps into epochs for tables and plots.
    """

    scheduler: str
    lrs: tuple[tuple[float, ...], ...]
    settings: tuple[tuple[str, object], ...] = ()
    batches_per_epoch: int = 1
    momenta: tuple[tuple[float, ...], ...] | None = None
    momentum_name: Literal["momentum", "beta1"] | None = None
    label: str | None = None
    #: ReduceLROnPlateau only: per step, (metric, best, num_bad_epochs, cooldown_counter)
    #: as the scheduler holds them after the latest ``step(metric)`` (after this step's, when
    #: it is stepped every step).
    plateau: tuple[tuple[float, float, int, int], ...] | None = None

    @classmethod
    def from_lrs(
        cls, lrs: Sequence[float], *, scheduler: str = "", label: str | None = None, batches_per_epoch: int = 1
    ) -> Trace:
        """A one-group trace from learning rates recorded by a loop of your own.

        For loops that :func:`simulate` cannot express (stopping ``step()`` early,
        ``step(epoch + i / iters)``), so that their lrs can share a table or a figure.

        >>> Trace.from_lrs([0.1, 0.1, 0.05], label="by hand").lr()
        [0.1, 0.1, 0.05]
        """
        if isinstance(lrs, str) or not isinstance(lrs, Sequence) or not lrs:  # type: ignore[unreachable]
            raise TypeError(f"lrs must be a non-empty list of numbers; got {type(lrs).__name__}")
        values = tuple((finite_number(value, f"lrs[{i}]", low=0.0),) for i, value in enumerate(lrs))
        if label is not None and not isinstance(label, str):
            raise TypeError(f"label must be a str or None; got {type(label).__name__}")
        return cls(
            scheduler=scheduler or (label or "lrs"), lrs=values, batches_per_epoch=batches_per_epoch, label=label
        )

    def __post_init__(self) -> None:
        if not isinstance(self.lrs, tuple) or not self.lrs:
            raise ValueError("a Trace needs at least one step: lrs must be a non-empty tuple of rows")
        width = len(self.lrs[0])
        if width == 0 or any(not isinstance(row, tuple) or len(row) != width for row in self.lrs):
            raise ValueError("every row of lrs must be a tuple with one lr per param group")
        whole_number(self.batches_per_epoch, "batches_per_epoch", 1)

    @property
    def steps(self) -> int:
        """Number of recorded optimizer steps."""
        return len(self.lrs)

    @property
    def groups(self) -> int:
        """Number of param groups."""
        return len(self.lrs[0])

    def lr(self, group: int = 0) -> list[float]:
        """The lr of one param group at every step.

        >>> simulate("StepLR", 4, lr=1.0, step_size=2, gamma=0.5).lr()
        [1.0, 1.0, 0.5, 0.5]
        """
        if not isinstance(group, int) or not 0 <= group < self.groups:
            raise ValueError(f"group must be an int in range({self.groups}); got {group!r}")
        return [row[group] for row in self.lrs]

    def epoch(self, step: int) -> int:
        """The (0-based) epoch that optimizer step ``step`` belongs to."""
        return step // self.batches_per_epoch

    def describe(self, lang: Language | None = None) -> str:
        """A short legend text: the label if one was given, else the settings.

        >>> simulate("StepLR", 3, step_size=5, gamma=0.5).describe("en")
        'step_size=5, gamma=0.5'
        """
        if self.label is not None:
            return self.label
        parts = [f"{key}={_show(value)}" for key, value in self.settings]
        if self.batches_per_epoch > 1:
            parts.append(message("steps_per_epoch", lang, n=self.batches_per_epoch))
        return ", ".join(parts) or self.scheduler


def _show(value: object) -> str:
    """Show a setting without memory addresses (functions by their name, also inside lists).

    >>> _show([lambda epoch: 1.0, max, 0.5])
    '[<lambda>, max, 0.5]'
    """
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_show(item) for item in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if callable(value):
        return getattr(value, "__name__", type(value).__name__)
    return repr(value)


def _settings(kwargs: dict[str, Any]) -> str:
    return "(" + ", ".join(f"{key}={_show(value)}" for key, value in kwargs.items()) + ")"


def _learning_rates(lr: object) -> list[float]:
    if isinstance(lr, Sequence) and not isinstance(lr, str):
        if len(lr) == 0:
            raise ValueError("lr must be a number or a non-empty sequence of numbers (one per group)")
        return [finite_number(value, f"lr[{i}]", positive=True) for i, value in enumerate(lr)]
    return [finite_number(lr, "lr", positive=True)]


def _make_optimizer(params: Any, optimizer: str, *, lr: float, momentum: float, **options: Any) -> Optimizer:
    """SGD (with ``momentum``), Adam or AdamW by name; ``options`` go to the constructor as they are."""
    if optimizer == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=momentum, **options)
    if optimizer == "adam":
        return torch.optim.Adam(params, lr=lr, **options)
    if optimizer == "adamw":
        return torch.optim.AdamW(params, lr=lr, **options)
    raise ValueError(f"optimizer must be one of {OPTIMIZERS}; got {optimizer!r}")


def _arguments(cls: type[LRScheduler]) -> list[str]:
    """The keyword arguments of a scheduler class, without ``optimizer``."""
    return [name for name in inspect.signature(cls).parameters if name != "optimizer"]


def _make_scheduler(scheduler: SchedulerSpec, optimizer: Optimizer, kwargs: dict[str, Any]) -> LRScheduler:
    if isinstance(scheduler, str):
        scheduler = get_scheduler_class(scheduler)
    if isinstance(scheduler, type):
        if not issubclass(scheduler, LRScheduler):
            raise TypeError(
                f"scheduler must be a torch.optim.lr_scheduler class, a catalog name or a "
                f"factory; got the class {scheduler.__name__}"
            )
        name = scheduler.__name__
        scheduler_arguments(name, kwargs, _arguments(scheduler))
        try:
            return scheduler(optimizer, **kwargs)
        except (TypeError, ValueError, KeyError, ZeroDivisionError, IndexError) as error:
            raise ValueError(f"{name}{_settings(kwargs)} was refused by torch: {_message(error)}") from None
    if callable(scheduler):
        if kwargs:
            raise TypeError(
                "scheduler keyword arguments go with a scheduler class or name; a factory "
                f"only gets the optimizer (got {sorted(kwargs)})"
            )
        made = scheduler(optimizer)
        if not isinstance(made, LRScheduler):
            raise TypeError(f"the scheduler factory must return an LRScheduler; got {type(made).__name__}")
        if made.optimizer is not optimizer:
            raise ValueError("the scheduler factory must build the scheduler on the optimizer it is given")
        return made
    raise TypeError(
        "scheduler must be a catalog name (str), a torch.optim.lr_scheduler class or a "
        f"factory taking the optimizer; got {type(scheduler).__name__}"
    )


def _message(error: BaseException) -> str:
    """The first line of an exception's message, with its type."""
    text = str(error.args[0]) if error.args else str(error)
    return f"{type(error).__name__}: {text.splitlines()[0] if text else ''}"


def _momenta(optimizer: Optimizer) -> tuple[float, ...]:
    """SGD's momentum, or Adam's beta1, of every param group."""
    if "betas" in optimizer.defaults:
        return tuple(float(group["betas"][0]) for group in optimizer.param_groups)
    return tuple(float(group["momentum"]) for group in optimizer.param_groups)


def _momentum_name(optimizer: Optimizer) -> Literal["momentum", "beta1"]:
    return "beta1" if "betas" in optimizer.defaults else "momentum"


def simulate(
    scheduler: SchedulerSpec,
    steps: int,
    *,
    lr: float | Sequence[float] = 0.1,
    optimizer: OptimizerName = "sgd",
    momentum: float = 0.0,
    metrics: Sequence[float] | None = None,
    batches_per_epoch: int = 1,
    step_per: Literal["batch", "epoch"] = "batch",
    label: str | None = None,
    **scheduler_kwargs: Any,
) -> Trace:
    """Run ``scheduler`` for ``steps`` optimizer steps and return the :class:`Trace`.

    ``scheduler`` is a catalog name (``"StepLR"``), a class (``StepLR``) whose keyword
    arguments follow as ``scheduler_kwargs``, or a factory ``lambda opt: StepLR(opt, 5)``.
    ``lr`` is one number, or one number per param group. ``metrics`` gives the value passed
    to ``ReduceLROnPlateau.step`` at each step (required for it, refused for the others).
    ``batches_per_epoch`` groups optimizer steps into epochs. With ``step_per="batch"`` (the
    default) the scheduler is stepped after every optimizer step; with ``step_per="epoch"``
    only after the last batch of each epoch, as a per-epoch scheduler in a per-batch training
    loop is (then ``metrics`` has one value per epoch). Taught in: the per-batch vs per-epoch
    chapter.

    >>> from torch.optim.lr_scheduler import StepLR
    >>> simulate(StepLR, 6, lr=0.01, step_size=2, gamma=0.1).lr()
    [0.01, 0.01, 0.001, 0.001, 0.0001, 0.0001]
    """
    steps = whole_number(steps, "steps", 1, MAX_STEPS)
    batches_per_epoch = whole_number(batches_per_epoch, "batches_per_epoch", 1)
    if step_per not in ("batch", "epoch"):
        raise ValueError(f"step_per must be 'batch' or 'epoch'; got {step_per!r}")
    every = batches_per_epoch if step_per == "epoch" else 1
    calls = steps // every  # scheduler.step() calls
    momentum = finite_number(momentum, "momentum", low=0.0)
    if label is not None and not isinstance(label, str):
        raise TypeError(f"label must be a str or None; got {type(label).__name__}")
    initial = _learning_rates(lr)
    weights = [{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": value} for value in initial]
    opt = _make_optimizer(weights, optimizer, lr=initial[0], momentum=momentum)
    sched = _make_scheduler(scheduler, opt, scheduler_kwargs)

    plateau = sched if isinstance(sched, ReduceLROnPlateau) else None
    if plateau is not None and metrics is None:
        raise ValueError("metrics is required for ReduceLROnPlateau: one value per step")
    if plateau is None and metrics is not None:
        raise ValueError(f"metrics is only used by ReduceLROnPlateau, not {type(sched).__name__}")
    values: list[float] = []
    if metrics is not None:
        if not isinstance(metrics, Sequence) or isinstance(metrics, str):  # type: ignore[unreachable]
            raise TypeError(f"metrics must be a list of numbers, one per step; got {type(metrics).__name__}")
        if len(metrics) != calls:
            per = "epoch" if step_per == "epoch" else "step"
            raise ValueError(f"metrics must have one value per {per} ({calls}); got {len(metrics)}")
        values = [finite_number(value, f"metrics[{i}]", positive=False) for i, value in enumerate(metrics)]

    cycles_momentum = bool(getattr(sched, "cycle_momentum", False))
    states: list[tuple[float, float, int, int]] = []
    lrs: list[tuple[float, ...]] = []
    momenta: list[tuple[float, ...]] = []
    name = type(sched).__name__
    groups = opt.param_groups
    advance: Callable[[], None] = (lambda: plateau.step(values[step // every])) if plateau is not None else sched.step
    first = groups[0] if len(groups) == 1 else None  # the common case, read without a loop
    for step in range(steps):
        lrs.append((float(first["lr"]),) if first is not None else tuple([float(g["lr"]) for g in groups]))
        if cycles_momentum:
            momenta.append(_momenta(opt))
        opt.step()
        if every == 1 or (step + 1) % every == 0:  # step_per="epoch": the scheduler waits for the epoch's end
            try:
                advance()
            except (TypeError, ValueError, ZeroDivisionError, IndexError, OverflowError) as error:
                raise ValueError(f"{name} failed at step {step + 1} of {steps}: {_message(error)}") from None
        if plateau is not None:  # the state after the latest step(metric), on every row
            metric = values[min(step // every, len(values) - 1)]
            states.append((metric, float(plateau.best), plateau.num_bad_epochs, plateau.cooldown_counter))
    # Checked once at the end (cheaper than per step): every lr finite and >= 0, up to the
    # float noise of chainable schedules (LinearLR down to 0 really gives -5e-17).
    scale = max((abs(value) for row in lrs for value in row if math.isfinite(value)), default=0.0)
    floor = -1e-12 * scale
    if not all(floor <= value < math.inf for row in lrs for value in row):
        step, row = next((k, row) for k, row in enumerate(lrs) if not all(floor <= v < math.inf for v in row))
        raise ValueError(
            f"{name} produced the lr {row if len(row) > 1 else row[0]} at step {step}; "
            f"an lr must be a finite number >= 0: check its arguments {_settings(scheduler_kwargs)}"
        )

    return Trace(
        scheduler=type(sched).__name__,
        lrs=tuple(lrs),
        settings=tuple(scheduler_kwargs.items()),
        batches_per_epoch=batches_per_epoch,
        momenta=tuple(momenta) if cycles_momentum else None,
        momentum_name=_momentum_name(opt) if cycles_momentum else None,
        label=label,
        plateau=tuple(states) if plateau is not None else None,
    )
