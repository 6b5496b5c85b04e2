# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.lr_range_test: restores what it touched, stops on divergence, suggests a safe lr.

The problem with a known good range is least squares: full-batch gradient descent on the
mean squared error converges exactly for ``lr < 2 / L``, where ``L`` is the largest
eigenvalue of the Hessian ``2 XᵀX / n``, and diverges above it. Both suggestions must lie
in the converging range, and the test must detect the divergence above it.
"""

from __future__ import annotations

import copy
import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from lrnotes.rangetest import RangeTest, _suggest, lr_range_test, plot_range_test


def least_squares(seed: int, scales: list[float]):
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(128, len(scales), generator=generator, dtype=torch.float64) * torch.tensor(scales).double()
    y = x @ torch.randn(len(scales), 1, generator=generator, dtype=torch.float64)
    stable_below = 2 / torch.linalg.eigvalsh(2 * x.T @ x / len(x)).max().item()
    model = torch.nn.Linear(len(scales), 1, bias=False).double()
    torch.nn.init.zeros_(model.weight)
    return model, [(x, y)], stable_below


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 1000), scales=st.lists(st.floats(0.3, 5.0), min_size=2, max_size=5))
def test_suggestions_lie_in_the_known_good_range(seed, scales):
    model, batches, stable_below = least_squares(seed, scales)
    span = {"start_lr": 1e-4 * stable_below, "end_lr": 100 * stable_below}
    mse = torch.nn.functional.mse_loss
    default = lr_range_test(model, torch.optim.SGD(model.parameters(), lr=0.5), mse, batches, **span)
    assert default.diverged
    assert default.lrs[-1] > stable_below  # it ran on until the loss blew up
    assert 1e-3 * stable_below < default.min_over_10 < stable_below
    # The steepest slope is read off the smoothed curve, and the average's lag carries it to
    # larger lrs: with the default 0.98 (50 steps of lag) up to 2.3 x 2/L, with 0.9 (10 steps)
    # up to 1.15 x 2/L on these problems. A full batch has no noise to smooth; without
    # smoothing both rules stay inside the limit.
    unsmoothed = lr_range_test(model, torch.optim.SGD(model.parameters(), lr=0.5), mse, batches, **span, beta=0.0)
    for suggestion in (unsmoothed.steepest, unsmoothed.min_over_10):
        assert 1e-3 * stable_below < suggestion < stable_below


def test_model_and_optimizer_are_restored():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    for _ in range(3):  # momentum buffers exist before the test
        optimizer.zero_grad()
        torch.nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
    weights = copy.deepcopy(model.state_dict())
    state = copy.deepcopy(optimizer.state_dict())
    result = lr_range_test(model, optimizer, torch.nn.functional.mse_loss, [(x, y)], steps=30)
    assert result.steps >= 8
    assert all(torch.equal(weights[k], v) for k, v in model.state_dict().items())
    after = optimizer.state_dict()
    assert after["param_groups"] == state["param_groups"]
    assert all(
        torch.equal(state["state"][k]["momentum_buffer"], v["momentum_buffer"]) for k, v in after["state"].items()
    )


def test_lrs_grow_exponentially_and_batches_cycle():
    seen = []

    def loss_fn(output, target):
        seen.append(int(target.item()))
        return (output.sum() - target.sum()) ** 2 * 0

    model = torch.nn.Linear(1, 1)
    batches = [(torch.zeros(1, 1), torch.tensor([[float(k)]])) for k in range(3)]
    result = lr_range_test(
        model, torch.optim.SGD(model.parameters()), loss_fn, batches, start_lr=1e-3, end_lr=1.0, steps=10
    )
    assert result.lrs[0] == 1e-3 and math.isclose(result.lrs[-1], 1.0)
    ratios = [b / a for a, b in zip(result.lrs, result.lrs[1:], strict=False)]
    assert all(math.isclose(r, ratios[0]) for r in ratios)
    assert seen == [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]
    assert not result.diverged  # a constant loss never diverges


def test_smoothing_is_the_bias_corrected_moving_average():
    model = torch.nn.Linear(1, 1)
    values = iter([4.0, 2.0, 3.0, 1.0, 5.0, 2.0, 2.0, 1.0])
    loss_fn = lambda output, target: output.sum() * 0 + next(values)
    result = lr_range_test(
        model, torch.optim.SGD(model.parameters()), loss_fn, [(torch.zeros(1, 1), torch.zeros(1, 1))], steps=8, beta=0.5
    )
    average, expected = 0.0, []
    for k, value in enumerate(result.losses):
        average = 0.5 * average + 0.5 * value
        expected.append(average / (1 - 0.5 ** (k + 1)))
    assert result.smoothed == pytest.approx(expected)
    assert result.smoothed[0] == 4.0


def test_suggestion_rules_on_a_made_up_curve():
    lrs = [10.0 ** (k / 10 - 5) for k in range(51)]  # 1e-5 to 1
    # The loss falls fastest around 1e-3 (a logistic in log lr), is lowest at 1e-2, then climbs.
    loss = [2 - 1.5 / (1 + math.exp(-4 * (math.log10(lr) + 3))) + (math.log10(lr) + 2) ** 2 * (lr > 1e-2) for lr in lrs]
    steepest, min_over_10 = _suggest(lrs, loss)
    assert math.isclose(steepest, 1e-3, rel_tol=1e-9)
    lowest = min(range(len(loss)), key=loss.__getitem__)
    assert math.isclose(min_over_10, lrs[lowest] / 10)


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"start_lr": 0.0}, "start_lr"),
        ({"end_lr": 1e-9}, "end_lr"),
        ({"steps": 3}, "steps"),
        ({"beta": 1.0}, "beta"),
        ({"diverge": 1.0}, "diverge"),
        ({"batches": []}, "batches"),
        ({"model": "net"}, "model"),
        ({"optimizer": None}, "optimizer"),
    ],
)
def test_bad_input_names_the_argument(kwargs, named):
    model = torch.nn.Linear(1, 1)
    arguments = {
        "model": model,
        "optimizer": torch.optim.SGD(model.parameters()),
        "loss_fn": torch.nn.functional.mse_loss,
        "batches": [(torch.zeros(2, 1), torch.zeros(2, 1))],
        **kwargs,
    }
    with pytest.raises((TypeError, ValueError), match=named):
        lr_range_test(**arguments)
    with pytest.raises(TypeError, match="RangeTest"):
        plot_range_test("result")  # type: ignore[arg-type]


def test_plot_marks_both_suggestions():
    model, batches, _ = least_squares(0, [1.0, 2.0])
    result = lr_range_test(model, torch.optim.SGD(model.parameters()), torch.nn.functional.mse_loss, batches)
    assert isinstance(result, RangeTest)
    ax = plot_range_test(result, lang="en")
    legend = ax.get_legend()
    assert legend is not None
    labels = [text.get_text() for text in legend.get_texts()]
    assert labels[:2] == ["loss", "smoothed loss"]
    assert labels[2].startswith("steepest slope: ") and labels[3].startswith("minimum / 10: ")
    assert ax.get_xscale() == "log"
