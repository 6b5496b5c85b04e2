# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.widgets: the explorer recomputes the schedule with torch when a slider moves.

The notebook cell that shows the explorer is compared by nbval through its text outputs
(text/plain and the text/html grid); this test covers what the sliders do, and the HTML
that the online book shows instead of the widget.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from torch.optim.lr_scheduler import CosineAnnealingLR, ExponentialLR, LinearLR, StepLR

from conftest import ROOT
from lrnotes import explore, simulate, slider
from lrnotes.widgets import HTML_BUDGET, MAX_POINTS, _decode, _short


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


# --- The explorer without a kernel: the grid in text/html, drawn by book/_static/lrnotes-explorer.js.


def one(node: Any, selector: str) -> Any:
    """The single element ``selector`` finds under ``node`` (it must exist)."""
    found = node.select_one(selector)
    assert found is not None, selector
    return found


def grid_of(html: str) -> Any:
    """The JSON grid stored in an explorer's HTML."""
    soup = BeautifulSoup(html, "html.parser")
    return json.loads(one(soup, "div.lrnotes-explorer > script.lrnotes-explorer-data[type='application/json']").string)


def curve_at(data: dict[str, Any], **values) -> list[float]:
    """The stored lrs (group 0) at the grid point with these slider values."""
    index = 0
    for item in data["sliders"]:
        index = index * len(item["values"]) + item["values"].index(values[item["name"]])
    return _decode(data["curves"][index][0])


def test_the_html_holds_every_slider_value_and_torchs_curves():
    explorer = make()
    html = explorer._repr_mimebundle_()["text/html"]
    data = grid_of(html)
    assert [item["name"] for item in data["sliders"]] == ["step_size", "gamma"]
    step_size, gamma = data["sliders"]
    assert step_size["values"] == list(range(1, 21)) and step_size["values"][step_size["start"]] == 10
    assert gamma["values"] == [round(0.05 * k, 2) for k in range(1, 21)] and gamma["values"][gamma["start"]] == 0.5
    assert len(data["curves"]) == 20 * 20 and (data["steps"], data["stride"]) == (30, 1)
    for point in [(10, 0.5), (1, 0.05), (20, 1.0), (3, 0.35), (7, 0.9)]:
        expected = simulate(StepLR, 30, lr=0.1, step_size=point[0], gamma=point[1]).lr()
        assert curve_at(data, step_size=point[0], gamma=point[1]) == pytest.approx(
            expected, rel=5e-6, abs=0
        )  # 6 significant digits
    assert explorer.sliders["step_size"].value == 10  # building the grid moved no slider
    assert data["ymax"] == 0.1


def test_without_javascript_the_html_reads_as_a_note_and_the_starting_table():
    html = make().static_html()
    soup = BeautifulSoup(html, "html.parser")
    root = one(soup, "div.lrnotes-explorer")
    assert one(root, "p.lrnotes-explorer-static").get_text().startswith("Interactive")
    assert one(root, "div.lrnotes-explorer-controls").has_attr("hidden")
    assert one(root, "div.lrnotes-explorer-chart").has_attr("hidden")
    inputs = root.select("input[type=range][data-lrnotes-slider]")
    assert [(i["data-lrnotes-slider"], i["min"], i["max"], i["value"]) for i in inputs] == [
        ("step_size", "0", "19", "9"),
        ("gamma", "0", "19", "9"),
    ]
    assert [o.get_text() for o in root.select("output.lrnotes-explorer-value")] == ["10", "0.5"]
    table = one(root, "table.lrnotes-explorer-table")
    assert table.caption.get_text() == "StepLR(step_size=10, gamma=0.5)"
    rows = {tr["data-lrnotes-row"]: [td.get_text() for td in tr.find_all("td")] for tr in table.find_all("tr")}
    assert rows == {"epoch": ["0", "5", "10", "15", "20", "25", "29"], "lr": ["0.1"] * 2 + ["0.05"] * 2 + ["0.025"] * 3}


def test_the_html_is_deterministic_and_holds_no_widget_id():
    first, second = make(), make()
    bundle = first._repr_mimebundle_()
    assert bundle["text/html"] == second._repr_mimebundle_()["text/html"]
    model_id = bundle["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert model_id and model_id not in bundle["text/html"] and first.model_id not in bundle["text/html"]
    assert "id=" not in bundle["text/html"]
    # Every lr has at most 6 significant digits, whatever torch's float noise.
    numbers = re.findall(r"\d[\d.]*(?:e-?\d+)?", json.dumps(grid_of(bundle["text/html"])["curves"]))
    assert all(len(re.sub(r"e.*|\.|^0+", "", n.lstrip("0.")) or "0") <= 6 for n in numbers)


def test_a_big_slider_range_is_thinned_to_fit():
    explorer = explore(
        CosineAnnealingLR,
        400,
        lr=1.0,
        T_max=slider(1, 400, value=123),
        eta_min=slider(0.0, 0.9, step=0.001, value=0.2),
    )
    html = explorer.static_html()
    assert len(html.encode()) <= HTML_BUDGET <= 300_000
    data = grid_of(html)
    t_max, eta_min = data["sliders"]
    assert 2 <= len(t_max["values"]) < 400 and 2 <= len(eta_min["values"]) < 901
    assert t_max["values"][0] == 1 and t_max["values"][-1] == 400 and 123 in t_max["values"]
    assert eta_min["values"][0] == 0.0 and eta_min["values"][-1] == 0.9 and 0.2 in eta_min["values"]
    assert t_max["values"][t_max["start"]] == 123 and eta_min["values"][eta_min["start"]] == 0.2
    for t, eta in [(123, 0.2), (400, 0.9), (t_max["values"][1], eta_min["values"][-2])]:
        expected = simulate(CosineAnnealingLR, 400, lr=1.0, T_max=t, eta_min=eta).lr()
        assert curve_at(data, T_max=t, eta_min=eta) == pytest.approx(expected, rel=5e-6, abs=0)


def test_a_long_run_keeps_every_stride_th_step():
    explorer = explore(ExponentialLR, 3 * MAX_POINTS + 1, lr=0.1, gamma=slider(0.999, 1.0, step=0.0005, value=0.9995))
    data = grid_of(explorer.static_html())
    assert data["stride"] == 4 and data["table"][0] == 0 and all(step % 4 == 0 for step in data["table"])
    lrs = curve_at(data, gamma=0.9995)
    assert len(lrs) == 751 and lrs == pytest.approx(explorer.trace.lr()[::4], rel=5e-6)


def test_a_factory_grid_and_localized_words():
    from torch.optim.lr_scheduler import LambdaLR

    explorer = explore(
        lambda opt, base: LambdaLR(opt, lambda epoch: base**epoch),
        5,
        lang="zh",
        lr=0.1,
        base=slider(0.5, 1.0, step=0.25, value=0.5),
    )
    html = explorer._repr_mimebundle_()["text/html"]
    data = grid_of(html)
    assert data["sliders"][0]["values"] == [0.5, 0.75, 1.0]
    assert curve_at(data, base=0.75) == pytest.approx([0.1 * 0.75**k for k in range(5)], rel=5e-6)
    assert data["text"] == {"x": "轮次", "y": "学习率", "step": "步", "epoch": "轮次", "lr": "学习率"}
    assert "在 Jupyter 中打开" in html and '<th scope="row">学习率</th>' in html


def test_points_torch_refuses_are_null():
    explorer = explore(LinearLR, 4, lr=0.1, start_factor=slider(0.0, 1.0, step=0.5, value=0.5), total_iters=2)
    data = grid_of(explorer.static_html())
    assert data["curves"][0] is None  # LinearLR refuses start_factor=0
    assert curve_at(data, start_factor=1.0) == [0.1, 0.1, 0.1, 0.1]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.1, "0.1"),
        (0.003125, "0.003125"),
        (0.0001234567, "0.0001235"),
        (1.907e-7, "1.907e-7"),
        (12345.0, "1.235e+4"),
        (0.00625, "0.00625"),
        (0.0, "0"),
    ],
)
def test_lrs_in_the_table_read_as_the_script_writes_them(value, text):
    assert _short(value) == text  # JavaScript: (value).toPrecision(4) without trailing zeros; ties round up


def test_the_script_reads_the_html_it_is_given():
    """The DOM contract between widgets.static_html and book/_static/lrnotes-explorer.js."""
    script = (ROOT / "book" / "_static" / "lrnotes-explorer.js").read_text(encoding="utf-8")
    html = make().static_html()
    for name in [
        "div.lrnotes-explorer",
        "script.lrnotes-explorer-data",
        ".lrnotes-explorer-static",
        ".lrnotes-explorer-controls",
        ".lrnotes-explorer-chart",
        ".lrnotes-explorer-table",
        "data-lrnotes-slider",
        "data-lrnotes-row",
    ]:
        assert name in script
        assert name.split(".")[-1] in html
    assert "http" not in script.replace("http://www.w3.org/2000/svg", "")  # nothing from the network


def test_the_live_legend_names_only_the_slider_values(monkeypatch):
    import lrnotes.widgets

    drawn = []
    real_plot = lrnotes.plot

    def recording_plot(trace, **kwargs):
        drawn.append(trace)
        return real_plot(trace, **kwargs)

    monkeypatch.setattr(lrnotes.widgets, "plot", recording_plot)
    explorer = explore(
        "CyclicLR", 20, base_lr=0.001, max_lr=0.1, mode="exp_range", step_size_up=slider(1, 40, value=10)
    )
    explorer.sliders["step_size_up"].value = 13
    assert [trace.describe("en") for trace in drawn] == ["step_size_up=10", "step_size_up=13"]
    assert explorer.trace.label is None  # the trace itself keeps its settings
