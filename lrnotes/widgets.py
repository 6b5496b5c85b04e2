"""The interactive explorer: sliders for a scheduler's arguments, and its lr curve.

Taught in: the "explorer" section of each chapter (StepLR: ``book/*/steplr.ipynb``).

The curve is drawn off-screen into an ``ipywidgets.Image``, so moving a slider sends no
cell output: the stored notebook stays the same however often it runs, and nbval can
compare the cell. Where no widget manager runs (the online book), the cell shows a short
note instead of the sliders.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

import ipywidgets
from torch.optim.lr_scheduler import LRScheduler

from ._checks import finite_number
from .i18n import Language, message
from .plotting import plot
from .simulation import SIMULATE_ARGUMENTS, SchedulerSpec, Trace, simulate

__all__ = ["Explorer", "Slider", "explore", "slider"]


@dataclass(frozen=True)
class Slider:
    """A slider over ``[low, high]`` in steps of ``step``, starting at ``value``."""

    low: float
    high: float
    step: float
    value: float

    @property
    def integer(self) -> bool:
        """True when every bound is an int: the slider then moves in whole numbers."""
        return all(isinstance(v, int) for v in (self.low, self.high, self.step, self.value))


def slider(low: float, high: float, *, step: float | None = None, value: float | None = None) -> Slider:
    """Describe a slider for :func:`explore`.

    ``step`` defaults to 1 for int bounds and to a hundredth of the range otherwise;
    ``value`` defaults to ``low``.

    >>> slider(1, 30, value=10)
    Slider(low=1, high=30, step=1, value=10)
    """
    for name, number in (("low", low), ("high", high), ("step", step), ("value", value)):
        if number is not None or name in ("low", "high"):
            finite_number(number, name)  # checked only: ints stay ints (an IntSlider)
    if not low < high:
        raise ValueError(f"low must be below high; got low={low}, high={high}")
    if step is None:
        step = 1 if isinstance(low, int) and isinstance(high, int) else (high - low) / 100
    if step <= 0:
        raise ValueError(f"step must be positive; got {step}")
    if value is None:
        value = low
    if not low <= value <= high:
        raise ValueError(f"value must lie in [low, high] = [{low}, {high}]; got {value}")
    return Slider(low, high, step, value)


class Explorer(ipywidgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Sliders for some arguments of :func:`~lrnotes.simulation.simulate` and the curve.

    ``trace`` always holds the trace of the current slider values; ``image`` the PNG.
    """

    def __init__(
        self,
        scheduler: SchedulerSpec | Callable[..., LRScheduler],
        steps: int,
        *,
        lang: Language | None = None,
        **arguments: Any,
    ) -> None:
        self._scheduler = scheduler
        self._steps = steps
        self._lang = lang
        self._fixed = {k: v for k, v in arguments.items() if not isinstance(v, Slider)}
        self.sliders: dict[str, ipywidgets.IntSlider | ipywidgets.FloatSlider] = {}
        for name, spec in arguments.items():
            if isinstance(spec, Slider):
                kind = ipywidgets.IntSlider if spec.integer else ipywidgets.FloatSlider
                widget = kind(
                    min=spec.low,
                    max=spec.high,
                    step=spec.step,
                    value=spec.value,
                    description=name,
                    continuous_update=False,
                )
                widget.observe(self._redraw, names="value")
                self.sliders[name] = widget
        if not self.sliders:
            raise ValueError("explore needs at least one slider(...) argument")
        self.image = ipywidgets.Image(format="png")
        super().__init__(children=[*self.sliders.values(), self.image])
        self._redraw()

    def _redraw(self, change: object = None) -> None:
        """Simulate with the current slider values and draw the curve into ``image``."""
        from matplotlib.figure import Figure

        values = {name: widget.value for name, widget in self.sliders.items()}
        self.trace: Trace = simulate(*self._spec(values), self._steps, **{**self._fixed, **values})
        figure = Figure()
        plot(self.trace, ax=figure.subplots(), lang=self._lang)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        self.image.value = buffer.getvalue()

    def _spec(self, values: dict[str, Any]) -> tuple[SchedulerSpec]:
        """The scheduler for ``simulate``; a factory gets the values ``simulate`` does not take.

        ``explore(lambda opt, gamma: LambdaLR(opt, lambda e: gamma**e), 60, gamma=slider(...))``
        slides a number inside the factory: every redraw builds the scheduler anew.
        """
        scheduler = self._scheduler
        if isinstance(scheduler, (str, type)) or not callable(scheduler):
            return (scheduler,)
        extra = {name: values.pop(name) for name in list(values) if name not in SIMULATE_ARGUMENTS}
        if not extra:
            return (scheduler,)
        factory = scheduler
        return (lambda optimizer: factory(optimizer, **extra),)

    def __repr__(self) -> str:
        return f"Explorer({self.trace.scheduler}: {', '.join(self.sliders)})"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = f'<p class="lrnotes-explorer-static">{escape(message("explorer.static", self._lang))}</p>'
        return bundle


def explore(
    scheduler: SchedulerSpec | Callable[..., LRScheduler], steps: int, *, lang: Language | None = None, **arguments: Any
) -> Explorer:
    """An :class:`Explorer` for ``scheduler``: :func:`slider` arguments become sliders.

    The other arguments are passed to :func:`~lrnotes.simulation.simulate` unchanged::

        explore(StepLR, 60, lr=0.1, step_size=slider(1, 30, value=10),
                gamma=slider(0.05, 0.95, step=0.05, value=0.5))

    With a factory, sliders that ``simulate`` does not take (anything but ``lr``,
    ``momentum``, ...) become keyword arguments of the factory, so a number inside a
    function or a composite can be slid::

        explore(lambda opt, base: LambdaLR(opt, lambda epoch: base**epoch), 60,
                base=slider(0.8, 1.0, step=0.01, value=0.95))
    """
    return Explorer(scheduler, steps, lang=lang, **arguments)
