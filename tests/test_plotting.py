# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.plotting: what is drawn is the trace, labelled in the chosen language."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from torch.optim.lr_scheduler import StepLR

from lrnotes import plot, simulate


def legend_texts(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None, "the plot has a legend"
    return [text.get_text() for text in legend.get_texts()]


def test_plot_draws_each_trace_as_a_step_curve_ending_after_the_last_step():
    traces = [simulate(StepLR, 10, lr=0.1, step_size=s, gamma=0.5) for s in (2, 5)]
    ax = plot(*traces, lang="en")
    lines = ax.get_lines()
    assert len(lines) == 2
    for line, trace in zip(lines, traces, strict=True):
        assert list(np.asarray(line.get_xdata())) == list(range(11))
        assert list(np.asarray(line.get_ydata())) == trace.lr() + trace.lr()[-1:]
        assert line.get_drawstyle() == "steps-post"
    assert legend_texts(ax) == ["step_size=2, gamma=0.5", "step_size=5, gamma=0.5"]
    assert ax.get_title() == "StepLR"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("epoch", "learning rate")


def test_per_batch_traces_use_fractions_of_an_epoch():
    trace = simulate(StepLR, 20, step_size=5, batches_per_epoch=10)
    line = plot(trace, lang="ko").get_lines()[0]
    assert np.asarray(line.get_xdata())[5] == pytest.approx(0.5)
    assert np.asarray(plot(trace, x="step").get_lines()[0].get_xdata())[5] == 5


def test_labels_follow_the_language_and_groups_are_named():
    ax = plot(simulate(StepLR, 5, lr=[0.1, 0.01], step_size=2), lang="zh", log=True)
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_yscale()) == ("轮次", "学习率", "log")
    assert legend_texts(ax) == ["step_size=2 (参数组 0)", "step_size=2 (参数组 1)"]


def test_given_axes_are_used_and_returned():
    _, ax = plt.subplots()
    assert plot(simulate(StepLR, 3, step_size=1), ax=ax, title="mine") is ax
    assert ax.get_title() == "mine"


def test_bad_input():
    with pytest.raises(TypeError, match="plot needs at least one Trace"):
        plot()
    with pytest.raises(TypeError, match="plot takes Trace objects from simulate\\(\\); got list"):
        plot([0.1, 0.01])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="x must be 'epoch' or 'step'; got 'batch'"):
        plot(simulate(StepLR, 3, step_size=1), x="batch")  # type: ignore[arg-type]
