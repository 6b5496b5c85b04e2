# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.warmup equals Hugging Face transformers' schedule functions, step by step.

transformers is a test-only dependency (the book's notebooks need only torch and lrnotes).
Each case builds the transformers scheduler on lrnotes' throw-away optimizer, runs it with
``simulate`` (record, optimizer.step(), scheduler.step()), and compares every step with the
closed form within 1e-12 relative (they use the same operations, so in practice bit for bit).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pytest
import transformers.optimization as hf

from lrnotes import simulate
from lrnotes import warmup as ours

LR = 0.05
loose: Any = ours  # the bad-input test passes a wrong literal on purpose
GRID = [(warmup, total) for warmup, total in itertools.product([0, 1, 3, 10], [1, 7, 40, 101]) if warmup < total]


def check(factory, closed, steps: int) -> None:
    trace = simulate(factory, steps, lr=LR)
    expected = np.array(trace.lr())
    got = closed(np.arange(steps))
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)
    assert closed(steps - 1) == got[-1]


@pytest.mark.parametrize(("warmup", "total"), GRID)
def test_linear(warmup, total):
    check(
        lambda opt: hf.get_linear_schedule_with_warmup(opt, warmup, total),
        lambda t: ours.linear_with_warmup(t, lr=LR, num_warmup_steps=warmup, num_training_steps=total),
        total + 5,
    )


@pytest.mark.parametrize(("warmup", "total"), GRID)
def test_constant(warmup, total):
    check(
        lambda opt: hf.get_constant_schedule_with_warmup(opt, warmup),
        lambda t: ours.constant_with_warmup(t, lr=LR, num_warmup_steps=warmup),
        total,
    )


@pytest.mark.parametrize(("warmup", "total"), GRID)
@pytest.mark.parametrize("cycles", [0.5, 1.0, 1.5])
def test_cosine(warmup, total, cycles):
    check(
        lambda opt: hf.get_cosine_schedule_with_warmup(opt, warmup, total, num_cycles=cycles),
        lambda t: ours.cosine_with_warmup(
            t, lr=LR, num_warmup_steps=warmup, num_training_steps=total, num_cycles=cycles
        ),
        total + 5,
    )


@pytest.mark.parametrize(("warmup", "total"), GRID)
@pytest.mark.parametrize("cycles", [1, 2, 3])
def test_cosine_with_hard_restarts(warmup, total, cycles):
    check(
        lambda opt: hf.get_cosine_with_hard_restarts_schedule_with_warmup(opt, warmup, total, num_cycles=cycles),
        lambda t: ours.cosine_with_hard_restarts(
            t, lr=LR, num_warmup_steps=warmup, num_training_steps=total, num_cycles=cycles
        ),
        total + 5,
    )


@pytest.mark.parametrize(("warmup", "total"), GRID)
@pytest.mark.parametrize(("lr_end", "power"), [(1e-7, 1.0), (0.01, 2.0), (0.0, 0.5)])
def test_polynomial(warmup, total, lr_end, power):
    def factory(opt: Any) -> Any:
        opt.defaults["lr"] = LR  # HF reads the optimizer's default lr
        return hf.get_polynomial_decay_schedule_with_warmup(opt, warmup, total, lr_end=lr_end, power=power)

    check(
        factory,
        lambda t: ours.polynomial_with_warmup(
            t, lr=LR, num_warmup_steps=warmup, num_training_steps=total, lr_end=lr_end, power=power
        ),
        total + 5,
    )


@pytest.mark.parametrize("warmup", [0, 1, 4, 10])
@pytest.mark.parametrize("timescale", [None, 3, 50])
def test_inverse_sqrt(warmup, timescale):
    if timescale is not None and timescale < warmup:
        pytest.skip("a timescale shorter than the warmup is not a sensible setting")
    check(
        lambda opt: hf.get_inverse_sqrt_schedule(opt, warmup, timescale=timescale),
        lambda t: ours.inverse_sqrt(t, lr=LR, num_warmup_steps=warmup, timescale=timescale),
        60,
    )


@pytest.mark.parametrize(("warmup", "total"), GRID)
@pytest.mark.parametrize("rate", [0.0, 0.1, 0.5])
def test_cosine_with_min_lr(warmup, total, rate):
    def factory(opt: Any) -> Any:
        opt.defaults["lr"] = LR
        return hf.get_cosine_with_min_lr_schedule_with_warmup(opt, warmup, total, min_lr=LR * rate)

    check(
        factory,
        lambda t: ours.cosine_with_min_lr(
            t, lr=LR, num_warmup_steps=warmup, num_training_steps=total, min_lr=LR * rate
        ),
        total + 5,
    )


@pytest.mark.parametrize(("warmup", "stable", "decay"), [(0, 5, 5), (3, 0, 7), (4, 6, 10), (10, 20, 1)])
@pytest.mark.parametrize("warmup_type", ["linear", "cosine", "1-sqrt"])
@pytest.mark.parametrize("decay_type", ["linear", "cosine", "1-sqrt"])
@pytest.mark.parametrize("ratio", [0.0, 0.1])
def test_warmup_stable_decay(warmup, stable, decay, warmup_type, decay_type, ratio):
    kwargs = {"warmup_type": warmup_type, "decay_type": decay_type, "min_lr_ratio": ratio}
    check(
        lambda opt: hf.get_wsd_schedule(opt, warmup, decay, num_stable_steps=stable, **kwargs),
        lambda t: ours.warmup_stable_decay(
            t, lr=LR, num_warmup_steps=warmup, num_stable_steps=stable, num_decay_steps=decay, **kwargs
        ),
        warmup + stable + decay + 5,
    )


def count_by_hand(epochs: int, dataset_size: int, batch_size: int, accumulate: int, processes: int, drop_last: bool):
    """Count optimizer updates in a real loop over one process's batches."""
    per_step = batch_size * processes
    batches = dataset_size // per_step if drop_last else math.ceil(dataset_size / per_step)
    updates = 0
    for _ in range(epochs):
        for batch in range(batches):
            if (batch + 1) % accumulate == 0 or batch == batches - 1:
                updates += 1
    return updates


@pytest.mark.parametrize("epochs", [1, 3])
@pytest.mark.parametrize("dataset_size", [1, 100, 1797])
@pytest.mark.parametrize("batch_size", [1, 32])
@pytest.mark.parametrize("accumulate", [1, 3, 8])
@pytest.mark.parametrize("processes", [1, 4])
@pytest.mark.parametrize("drop_last", [False, True])
def test_count_steps_matches_a_counting_loop(epochs, dataset_size, batch_size, accumulate, processes, drop_last):
    if drop_last and dataset_size < batch_size * processes:
        with pytest.raises(ValueError, match="smaller than one batch"):
            ours.count_steps(
                epochs=epochs, dataset_size=dataset_size, batch_size=batch_size, processes=processes, drop_last=True
            )
        return
    counted = ours.count_steps(
        epochs=epochs,
        dataset_size=dataset_size,
        batch_size=batch_size,
        gradient_accumulation_steps=accumulate,
        processes=processes,
        drop_last=drop_last,
        warmup=0.1,
    )
    assert counted.num_training_steps == count_by_hand(
        epochs, dataset_size, batch_size, accumulate, processes, drop_last
    )
    assert counted.num_warmup_steps == math.ceil(0.1 * counted.num_training_steps)


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match=r"lr_end \(0.2\) must be smaller than lr \(0.1\)"):
        ours.polynomial_with_warmup(3, lr=0.1, num_warmup_steps=1, num_training_steps=5, lr_end=0.2)
    with pytest.raises(ValueError, match="give exactly one of min_lr and min_lr_rate"):
        ours.cosine_with_min_lr(3, lr=0.1, num_warmup_steps=1, num_training_steps=5)
    with pytest.raises(ValueError, match="decay_type must be 'linear', 'cosine' or '1-sqrt'; got 'exp'"):
        loose.warmup_stable_decay(
            3, lr=0.1, num_warmup_steps=1, num_stable_steps=1, num_decay_steps=1, decay_type="exp"
        )
    with pytest.raises(ValueError, match="num_training_steps must be a positive int; got 0"):
        ours.linear_with_warmup(3, lr=0.1, num_warmup_steps=1, num_training_steps=0)
    with pytest.raises(ValueError, match="epochs must be a positive number; got 0"):
        ours.count_steps(epochs=0, dataset_size=10, batch_size=2)
