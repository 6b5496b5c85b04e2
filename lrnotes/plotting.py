"""Plot one or several traces on one Axes, in the book's style.

Taught in: the StepLR chapter (``book/*/steplr.ipynb``), section "plot with variants".
Nothing here changes matplotlib's global state; :func:`plot_style` only returns the
settings, and ``lrnotes.setup`` applies them once per notebook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from cycler import cycler

from ._checks import traces as checked_traces
from .fonts import font_family, text_family
from .i18n import Language, current_language, message
from .simulation import Trace

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["COLORS", "plot", "plot_style"]

#: Colour-blind friendly cycle (Okabe and Ito), in the order lines are drawn.
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def plot_style(lang: Language | None = None) -> dict[str, Any]:
    """The rcParams the book's figures use, for ``lang`` (fonts differ by language).

    >>> plot_style("zh")["font.family"]
    ['DejaVu Sans', 'lrnotes Noto Sans CJK SC']
    """
    return {
        "figure.figsize": (7.0, 3.6),
        "figure.dpi": 100,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=list(COLORS)),
        "legend.frameon": False,
        "lines.linewidth": 2.0,
        "font.family": font_family(current_language() if lang is None else lang),
    }


def plot(
    *traces: Trace,
    ax: Axes | None = None,
    x: Literal["epoch", "step"] = "epoch",
    title: str | None = None,
    log: bool = False,
    lang: Language | None = None,
) -> Axes:
    """Draw the lr of every trace (every param group) as a step curve; return the Axes.

    Each value is drawn as a flat segment over the step (or fraction of an epoch) that
    used it, so the curve shows exactly which lr each ``optimizer.step()`` saw.
    ``x="epoch"`` puts epochs on the x axis (steps of a per-batch trace become fractions
    of an epoch), ``x="step"`` counts optimizer steps. The legend shows each trace's
    :meth:`~lrnotes.simulation.Trace.describe`; the title defaults to the scheduler names.
    """
    checked_traces(traces, "plot")
    if x not in ("epoch", "step"):
        raise ValueError(f"x must be 'epoch' or 'step'; got {x!r}")
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    for trace in traces:
        per = trace.batches_per_epoch if x == "epoch" else 1
        xs = [step / per for step in range(trace.steps + 1)]
        for group in range(trace.groups):
            ys = trace.lr(group)
            label = trace.describe(lang)
            if trace.groups > 1:
                label = f"{label} ({message('group', lang)} {group})"
            ax.step(xs, ys + ys[-1:], where="post", label=label)
    family = text_family(lang)
    names = list(dict.fromkeys(trace.scheduler for trace in traces))
    ax.set_title(title if title is not None else " vs ".join(names), fontfamily=family)
    ax.set_xlabel(message(x, lang), fontfamily=family)
    ax.set_ylabel(message("learning_rate", lang), fontfamily=family)
    if log:
        ax.set_yscale("log")
    ax.legend(prop={"family": family})
    return ax
