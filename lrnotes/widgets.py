"""The interactive explorer: sliders for a scheduler's arguments, and its lr curve.

Taught in: the "explorer" section of each chapter (StepLR: ``book/*/steplr.ipynb``).

The curve is drawn off-screen into an ``ipywidgets.Image``, so moving a slider sends no
cell output: the stored notebook stays the same however often it runs, and nbval can
compare the cell.

Where no widget manager runs (the online book), the cell's ``text/html`` is shown instead:
:func:`static_html` computes, with torch, the curve of every point of a grid over the
sliders' values (subsampled to stay small), and stores it as JSON in the HTML. The book's
``_static/lrnotes-explorer.js`` draws the curve and a small table from that grid and
redraws when an HTML slider moves, without a kernel. Without JavaScript the HTML reads as
a note and the table of the starting values. The DOM it reads:

- ``div.lrnotes-explorer`` holds one explorer; inside it
- ``script.lrnotes-explorer-data`` (``type="application/json"``) the grid (:func:`grid_data`);
- ``p.lrnotes-explorer-static``, the note for readers without JavaScript (hidden by the script);
- ``div.lrnotes-explorer-controls`` (``hidden`` until the script runs): one
  ``label.lrnotes-explorer-slider`` per slider, holding ``span.lrnotes-explorer-name``,
  ``input[type=range][data-lrnotes-slider=<argument>]`` whose value is an index into the
  slider's grid values, and ``output.lrnotes-explorer-value`` showing the value;
- ``div.lrnotes-explorer-chart`` (``hidden`` until the script runs), where the SVG goes;
- ``table.lrnotes-explorer-table``: a ``caption`` naming the values, then one ``tr`` per
  row (``data-lrnotes-row`` = ``step``, ``epoch``, ``lr`` or ``lr[<group>]``).

In JupyterLab the widget view ranks above ``text/html``, so a live kernel shows only the
sliders; an untrusted notebook (not run) shows the HTML, sanitized: the note and the table.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from itertools import product
from typing import Any

import ipywidgets
from torch.optim.lr_scheduler import LRScheduler

from ._checks import finite_number
from .i18n import Language, current_language, message
from .plotting import plot
from .simulation import SIMULATE_ARGUMENTS, SchedulerSpec, Trace, simulate

__all__ = [
    "HTML_BUDGET",
    "MAX_CURVES",
    "MAX_GRID_STEPS",
    "MAX_POINTS",
    "Explorer",
    "Slider",
    "explore",
    "slider",
    "static_html",
]

#: The most bytes (UTF-8) of one explorer's ``text/html``: the grid is thinned to fit.
HTML_BUDGET = 150_000
#: The most grid points (curves, one ``simulate`` each) of one explorer.
MAX_CURVES = 600
#: The most optimizer steps simulated for one explorer's grid, all curves together (a few seconds).
MAX_GRID_STEPS = 300_000
#: The most lrs stored per curve: longer runs keep every ``stride``-th step.
MAX_POINTS = 1000
#: Significant digits of the lrs stored in the HTML (so the stored text is deterministic).
DIGITS = 6


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

    def stops(self) -> int:
        """How many values the slider stops at: ``low``, ``low + step``, ... up to ``high``."""
        return math.floor((self.high - self.low) / self.step + 1e-9) + 1

    def values(self, count: int | None = None) -> list[float]:
        """The values the slider stops at, and ``value``; ``count`` of them spread evenly if given.

        The first and last stops are always kept, and ``value`` is added (so there can be
        ``count + 1``).

        >>> slider(0.05, 0.2, step=0.05, value=0.1).values()
        [0.05, 0.1, 0.15, 0.2]
        >>> slider(1, 30, value=10).values(4)
        [1, 10, 11, 20, 30]
        """
        stops = self.stops()
        if count is None or count >= stops:
            indexes = list(range(stops))
        elif count <= 1:
            return [self.value]
        else:
            indexes = [round(k * (stops - 1) / (count - 1)) for k in range(count)]
        if self.integer:
            picked: list[float] = [int(self.low + k * self.step) for k in indexes]
        else:  # 0.1 + 2 * 0.05 is 0.20000000000000004: keep the number the slider shows
            picked = [float(f"{self.low + k * self.step:.12g}") for k in indexes]
        return sorted({*picked, self.value})


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
        self._specs = {k: v for k, v in arguments.items() if isinstance(v, Slider)}
        self._html: dict[str, str] = {}
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
        self.trace: Trace = self._simulate(values)
        figure = Figure()
        # The legend names what the sliders set; the fixed arguments are in the cell's code
        # (all of them would make the legend wider than the plot).
        shown = self._fixed.get("label") or ", ".join(f"{name}={value:g}" for name, value in values.items())
        plot(replace(self.trace, label=shown), ax=figure.subplots(), lang=self._lang)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        self.image.value = buffer.getvalue()

    def _simulate(self, values: dict[str, Any]) -> Trace:
        """The trace for these slider values (and the fixed arguments)."""
        rest = dict(values)  # _spec takes out the factory's own arguments
        return simulate(*self._spec(rest), self._steps, **{**self._fixed, **rest})

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
        # The widget view ranks above text/html in Jupyter; the book drops the widget view
        # (_config.yml) and shows this HTML. No model id or other random text goes in it.
        bundle["text/html"] = self.static_html()
        return bundle

    def static_html(self) -> str:
        """The explorer for pages without a kernel: see :func:`static_html` (computed once per language)."""
        lang = current_language() if self._lang is None else self._lang
        if lang not in self._html:
            self._html[lang] = static_html(self, lang=lang)
        return self._html[lang]


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


# --- The explorer without a kernel: a precomputed grid, drawn by _static/lrnotes-explorer.js.


def _number(value: float) -> float | int:
    """``value`` with :data:`DIGITS` significant digits, as JSON shows it (ints stay ints)."""
    if isinstance(value, int):
        return value
    return float(f"{value:.{DIGITS}g}")


def _show(value: float) -> str:
    """A slider value as the page shows it (``0.5``, ``10``), the way JavaScript prints it."""
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _short(value: float) -> str:
    """An lr with 4 significant digits, as JavaScript's ``toPrecision(4)`` without trailing zeros.

    Like JavaScript, ties of the exact binary value round up, and exponents run from -7 down
    and from 4 up (``1.907e-7``, ``1.235e+4``).
    """
    if value == 0:
        return "0"
    exact = Decimal(value)
    power = exact.adjusted()
    rounded = exact.quantize(Decimal(1).scaleb(power - 3), rounding=ROUND_HALF_UP)
    if rounded.adjusted() != power:  # 9.9996 rounds to 10.00
        power = rounded.adjusted()
        rounded = exact.quantize(Decimal(1).scaleb(power - 3), rounding=ROUND_HALF_UP)
    if power < -6 or power >= 4:
        mantissa = f"{rounded.scaleb(-power):f}"
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}e{power:+d}"
    text = f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _encode(lrs: Sequence[float]) -> list[Any]:
    """Run-length code a curve: a number, or ``[number, count]`` for 3 or more equal lrs in a row.

    >>> _encode([0.1, 0.1, 0.1, 0.05, 0.05, 0.0123456789])
    [[0.1, 3], 0.05, 0.05, 0.0123457]
    """
    out: list[Any] = []
    numbers = [_number(lr) for lr in lrs]
    start = 0
    while start < len(numbers):
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[start]:
            end += 1
        count = end - start + 1
        if count >= 3:
            out.append([numbers[start], count])
        else:
            out.extend(numbers[start : end + 1])
        start = end + 1
    return out


def _decode(encoded: Sequence[Any]) -> list[float]:
    """The inverse of :func:`_encode` (as the JavaScript reads it).

    >>> _decode([[0.1, 3], 0.05])
    [0.1, 0.1, 0.1, 0.05]
    """
    out: list[float] = []
    for item in encoded:
        if isinstance(item, list):
            out.extend([item[0]] * item[1])
        else:
            out.append(item)
    return out


def _table_steps(steps: int, stride: int) -> list[int]:
    """The few steps the table shows: 0, then every round interval, then the last step stored."""
    last = (steps - 1) // stride * stride
    interval = next(base * 10**power for power in range(12) for base in (1, 2, 5) if base * 10**power * 6 >= steps)
    interval = max(stride, math.ceil(interval / stride) * stride)
    shown = list(range(0, last + 1, interval))
    if shown[-1] != last:
        if last - shown[-1] < interval / 2 and len(shown) > 1:
            shown[-1] = last
        else:
            shown.append(last)
    return shown


def _counts(full: list[int], limit: float) -> list[int]:
    """How many values of each slider to keep so that their product stays under ``limit``.

    The slider with the most values gives one up at a time; each keeps at least 2 (1 if the
    limit is too low for 2 of each).
    """
    counts = [min(count, max(2, math.ceil(limit))) for count in full]
    while math.prod(counts) > limit:
        largest = max(range(len(counts)), key=lambda k: (counts[k], -k))
        if counts[largest] <= 2:
            break
        counts[largest] -= 1
    while math.prod(counts) > limit:
        candidates = [k for k in range(len(counts)) if counts[k] > 1]
        if not candidates:
            break
        counts[candidates[-1]] = 1
    return counts


def grid_data(explorer: Explorer, lang: Language | None = None) -> dict[str, Any]:
    """The grid the page draws from: every slider's grid values and the curve at every point.

    ``curves`` lists the points in row-major order over ``sliders`` (the last slider moves
    fastest); each curve is one run-length coded list (:func:`_encode`) of lrs per param
    group, one lr per ``stride`` steps, with :data:`DIGITS` significant digits; ``null`` where
    torch refused the values. Sliders are thinned evenly (keeping the starting value) until
    the HTML fits in :data:`HTML_BUDGET` bytes, :data:`MAX_CURVES` curves and
    :data:`MAX_GRID_STEPS` simulated steps.
    """
    specs = explorer._specs
    names = list(specs)
    start = {name: spec.value for name, spec in specs.items()}
    first = explorer._simulate(start)
    stride = max(1, math.ceil(first.steps / MAX_POINTS))
    specs_list = list(specs.values())
    cache: dict[tuple[float, ...], list[list[Any]] | None] = {}

    def curve(point: tuple[float, ...]) -> list[list[Any]] | None:
        if point not in cache:
            try:
                trace = explorer._simulate(dict(zip(names, point, strict=True)))
            except (ValueError, TypeError, ZeroDivisionError, OverflowError):
                cache[point] = None
            else:
                cache[point] = [_encode(trace.lr(group)[::stride]) for group in range(trace.groups)]
        return cache[point]

    def size(value: object) -> int:
        return len(json.dumps(value, separators=(",", ":")))

    # A first guess from the starting curve and the two extreme corners, then thin until it fits.
    corners = [
        tuple(spec.values(2)[0] for spec in specs_list),
        tuple(spec.values(2)[-1] for spec in specs_list),
        tuple(start.values()),
    ]
    per_curve = max(size(curve(point)) + 1 for point in corners)
    room = HTML_BUDGET - 6_000  # the markup, the table and the slider values
    most = max(1, min(MAX_CURVES, MAX_GRID_STEPS // first.steps))
    limit = min(most, max(1, room // per_curve))
    full = [spec.stops() for spec in specs_list]
    best: tuple[list[list[float]], list[list[list[Any]] | None]] | None = None
    grown = 0
    while True:  # fill the grid, measure; thin it until it fits, then thicken it a few times
        counts = _counts(full, limit)
        grid = [spec.values(count) for spec, count in zip(specs_list, counts, strict=True)]
        curves = [curve(point) for point in product(*grid)]
        used = sum(size(c) + 1 for c in curves) + sum(size(values) for values in grid)
        fits = used <= room or len(curves) <= 1
        if fits and (best is None or len(curves) > len(best[1])):
            best = (grid, curves)
        scaled = math.floor(math.prod(counts) * room / used * (0.95 if fits else 1.0))
        if fits:
            grown += 1
            if grown > 4 or counts == full or min(most, scaled) <= math.prod(counts):
                break
            limit = min(most, scaled)
        elif best is not None:
            break
        else:
            limit = max(1, min(math.prod(counts) - 1, scaled))
    assert best is not None  # the loop ends only once a grid fit
    grid, curves = best
    table = _table_steps(first.steps, stride)
    ymax = max((lr for c in curves if c is not None for group in c for lr in _decode(group)), default=0.0)
    return {
        "version": 1,
        "scheduler": first.scheduler,
        "steps": first.steps,
        "stride": stride,
        "batches_per_epoch": first.batches_per_epoch,
        "groups": first.groups,
        "text": {
            "x": message("epoch", lang),
            "y": message("learning_rate", lang),
            "step": message("step", lang),
            "epoch": message("epoch", lang),
            "lr": message("lr", lang),
        },
        "sliders": [
            {"name": name, "values": values, "start": values.index(start[name])}
            for name, values in zip(names, grid, strict=True)
        ],
        "table": table,
        "ymax": _number(ymax),
        "curves": curves,
    }


def _rows(data: dict[str, Any], curve: list[list[Any]] | None) -> list[tuple[str, str, list[str]]]:
    """The table's rows for one curve: (``data-lrnotes-row``, header, cells)."""
    text = data["text"]
    steps: list[int] = data["table"]
    per: int = data["batches_per_epoch"]
    rows: list[tuple[str, str, list[str]]] = []
    if per > 1:
        rows.append(("step", text["step"], [str(step) for step in steps]))
    rows.append(("epoch", text["epoch"], [str(step // per) for step in steps]))
    for group in range(data["groups"]):
        lrs = _decode(curve[group]) if curve is not None else None
        cells = [_short(lrs[step // data["stride"]]) if lrs is not None else "-" for step in steps]
        key = "lr" if data["groups"] == 1 else f"lr[{group}]"
        rows.append((key, text["lr"] if data["groups"] == 1 else f"{text['lr']}[{group}]", cells))
    return rows


def static_html(explorer: Explorer, lang: Language | None = None) -> str:
    """The explorer as HTML for pages without a kernel (the book): grid, sliders, table, note.

    Deterministic: the same explorer gives the same text on every run (no ids, no model id,
    lrs rounded to :data:`DIGITS` digits), so the stored notebook output is compared by nbval.
    """
    data = grid_data(explorer, lang)
    sliders = data["sliders"]
    start_index = 0
    for item in sliders:
        start_index = start_index * len(item["values"]) + item["start"]
    caption = (
        f"{data['scheduler']}("
        + ", ".join(f"{item['name']}={_show(item['values'][item['start']])}" for item in sliders)
        + ")"
    )
    controls = "".join(
        '<label class="lrnotes-explorer-slider">'
        f'<span class="lrnotes-explorer-name">{escape(item["name"])}</span>'
        f'<input type="range" min="0" max="{len(item["values"]) - 1}" step="1" value="{item["start"]}"'
        f' data-lrnotes-slider="{escape(item["name"])}"'
        f' aria-valuetext="{escape(_show(item["values"][item["start"]]))}"'
        f"{' disabled' if len(item['values']) == 1 else ''}>"
        f'<output class="lrnotes-explorer-value">{escape(_show(item["values"][item["start"]]))}</output>'
        "</label>"
        for item in sliders
    )
    rows = "".join(
        f'<tr data-lrnotes-row="{escape(key)}"><th scope="row">{escape(header)}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in cells)
        + "</tr>"
        for key, header, cells in _rows(data, data["curves"][start_index])
    )
    # JSON inside <script>: no "<", ">" or "&" can end the element early.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    note = escape(message("explorer.static", lang))
    return (
        '<div class="lrnotes-explorer">\n'
        f'<p class="lrnotes-explorer-static">{note}</p>\n'
        f'<div class="lrnotes-explorer-controls" hidden>{controls}</div>\n'
        '<div class="lrnotes-explorer-chart" hidden></div>\n'
        '<div class="lrnotes-explorer-table-wrap"><table class="lrnotes-explorer-table">'
        f"<caption>{escape(caption)}</caption><tbody>{rows}</tbody></table></div>\n"
        f'<script type="application/json" class="lrnotes-explorer-data">{payload}</script>\n'
        "</div>"
    )
