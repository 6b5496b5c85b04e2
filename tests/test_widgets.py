"""lrnotes.widgets: the explorer recomputes the schedule with torch when a slider moves.

The notebook cell that shows the explorer is compared by nbval only through its text
outputs; this test covers what the sliders do.
"""

from __future__ import annotations

import re

import pytest
from torch.optim.lr_scheduler import StepLR

from lrnotes import explore, simulate, slider


def make():
    return explore(StepLR, 30, lr=0.1, step_size=slider(1, 20, value=10), gamma=slider(0.05, 1.0, step=0.05, value=0.5))


def test_moving_a_slider_recomputes_and_redraws():
    explorer = make()
    assert explorer.trace.lr() == simulate(StepLR, 30, lr=0.1, step_size=10, gamma=0.5).lr()
    first_png = bytes(explorer.image.value)
    assert first_png.startswith(b"\x89PNG")
    explorer.sliders["step_size"].value = 3
    assert explorer.trace.lr() == simulate(StepLR, 30, lr=0.1, step_size=3, gamma=0.5).lr()
    assert bytes(explorer.image.value) != first_png
    explorer.sliders["gamma"].value = 0.25
    assert explorer.trace.lr()[3] == pytest.approx(0.025)


def test_slider_kinds():
    explorer = make()
    assert type(explorer.sliders["step_size"]).__name__ == "IntSlider"
    assert type(explorer.sliders["gamma"]).__name__ == "FloatSlider"
    assert explorer.sliders["gamma"].step == 0.05


def test_static_fallback_is_localized_and_deterministic():
    explorer = explore(StepLR, 10, lang="ko", step_size=slider(1, 5, value=2))
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == "Explorer(StepLR: step_size)"
    assert "Jupyter에서 열면" in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "text"),
    [
        ((5, 1), {}, ValueError, "low must be below high; got low=5, high=1"),
        ((1, 5), {"value": 9}, ValueError, "value must lie in [low, high] = [1, 5]; got 9"),
        ((1, 5), {"step": 0}, ValueError, "step must be positive; got 0"),
        (("1", 5), {}, TypeError, "low must be a real number; got str"),
        ((0.0, float("nan")), {}, ValueError, "high must be a finite number; got nan"),
    ],
)
def test_bad_slider(args, kwargs, error, text):
    with pytest.raises(error, match=re.escape(text)):
        slider(*args, **kwargs)


def test_explore_needs_a_slider():
    with pytest.raises(ValueError, match="explore needs at least one slider"):
        explore(StepLR, 10, step_size=5)
    made = slider(0.1, 0.9)
    assert (made.low, made.high, made.value) == (0.1, 0.9, 0.1) and made.step == pytest.approx(0.008)


def test_a_factory_gets_the_sliders_simulate_does_not_take():
    from torch.optim.lr_scheduler import LambdaLR

    explorer = explore(
        lambda opt, base: LambdaLR(opt, lambda epoch: base**epoch),
        4,
        lr=0.1,
        base=slider(0.5, 1.0, step=0.1, value=0.5),
    )
    assert explorer.trace.lr() == [0.1, 0.05, 0.025, 0.0125]
    explorer.sliders["base"].value = 1.0
    assert explorer.trace.lr() == [0.1, 0.1, 0.1, 0.1]
    both = explore(
        lambda opt, base: LambdaLR(opt, lambda epoch: base**epoch),
        3,
        lr=slider(0.2, 1.0, step=0.2, value=0.4),  # simulate's own argument, not the factory's
        base=slider(0.5, 1.0, step=0.5, value=0.5),
    )
    assert both.trace.lr() == [0.4, 0.2, 0.1]
