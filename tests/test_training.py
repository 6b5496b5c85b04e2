# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.training: the digits runs are reproducible, schedulers act as told, nothing leaks.

The real-training chapters print results tables that nbval compares with a fresh run; these
tests check the properties behind that: two runs of the same configuration are identical,
the loop records the lr each optimizer step used (equal to ``simulate`` for the same
schedule), and no global state (random generators, the deterministic flag) is changed.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, OneCycleLR, ReduceLROnPlateau, StepLR

import lrnotes
from lrnotes.training import format_results, load_digits, make_model, train

EPOCHS = 4


@pytest.fixture(scope="module")
def data():
    return load_digits()


def test_the_split_is_fixed_and_disjoint(data):
    again = load_digits()
    assert torch.equal(data.x_train, again.x_train) and torch.equal(data.y_val, again.y_val)
    assert (data.n_train, len(data.y_val)) == (1347, 450)
    assert sorted(set(data.y_train.tolist())) == list(range(10))
    train_rows = {tuple(row) for row in data.x_train.tolist()}
    val_rows = [tuple(row) for row in data.x_val.tolist()]
    # Digits holds a few duplicate images; almost every validation image is unseen in training.
    assert sum(row in train_rows for row in val_rows) < 10
    assert float(data.x_train.min()) == 0.0 and float(data.x_train.max()) == 1.0
    other = load_digits(seed=1)
    assert not torch.equal(other.y_val, data.y_val)


def test_batches_cover_the_training_set_once_in_a_seeded_order(data):
    batches = data.batches(100, seed=3)
    assert [len(x) for x, _ in batches] == [100] * 13 + [47] == [len(y) for _, y in batches]
    assert sorted(torch.cat([y for _, y in batches]).tolist()) == sorted(data.y_train.tolist())
    assert all(torch.equal(a[0], b[0]) for a, b in zip(batches, data.batches(100, seed=3), strict=True))
    assert not torch.equal(batches[0][0], data.batches(100, seed=4)[0][0])
    assert data.batches_per_epoch(100) == len(batches)


def test_training_twice_gives_identical_histories(data):
    """The reproducibility the chapters rely on: same configuration, same numbers."""
    make = lambda: train(lambda opt: CosineAnnealingLR(opt, T_max=EPOCHS), epochs=EPOCHS, data=data)
    first, second = make(), make()
    assert first == second
    assert format_results(first) == format_results(second)
    different_seed = train(lambda opt: CosineAnnealingLR(opt, T_max=EPOCHS), epochs=EPOCHS, data=data, seed=1)
    assert different_seed.train_loss != first.train_loss


def test_training_learns(data):
    history = train(epochs=EPOCHS, data=data)
    assert history.train_loss[-1] < history.train_loss[0] < 2.3
    assert history.val_accuracy[-1] > 0.9
    assert history.epochs_to(0.5) == 1 and history.epochs_to(1.0) is None


@pytest.mark.parametrize("step_per", ["batch", "epoch"])
def test_recorded_lrs_are_the_schedule_simulate_gives(data, step_per):
    history = train(lambda opt: StepLR(opt, step_size=2, gamma=0.5), epochs=EPOCHS, step_per=step_per, data=data)
    per_epoch = data.batches_per_epoch(32)
    expected = lrnotes.simulate(
        StepLR, EPOCHS * per_epoch, batches_per_epoch=per_epoch, step_per=step_per, step_size=2, gamma=0.5
    )
    assert list(history.lrs) == expected.lr()
    assert history.trace().batches_per_epoch == per_epoch == history.batches_per_epoch


def test_one_cycle_per_batch_and_plateau_on_the_validation_loss(data):
    per_epoch = data.batches_per_epoch(32)
    cycle = train(
        lambda opt: OneCycleLR(opt, max_lr=0.2, epochs=EPOCHS, steps_per_epoch=per_epoch),
        step_per="batch",
        epochs=EPOCHS,
        data=data,
    )
    assert len(set(cycle.lrs)) == len(cycle.lrs)  # a new lr every batch
    assert max(cycle.lrs) == pytest.approx(0.2, rel=1e-3)
    plateau = train(lambda opt: ReduceLROnPlateau(opt, patience=0, threshold=10.0), epochs=3, data=data)
    # threshold=10 (relative): no epoch counts as better, not even the first (best * (1 - 10) is
    # -inf), so with patience 0 the lr drops after every epoch.
    assert [plateau.lrs[k * per_epoch] for k in range(3)] == pytest.approx([0.1, 0.01, 0.001])


def test_adamw_and_weight_decay_change_the_run(data):
    adamw = train(optimizer="adamw", lr=1e-3, epochs=2, data=data)
    decayed = train(optimizer="adamw", lr=1e-3, weight_decay=0.1, epochs=2, data=data)
    assert adamw.train_loss != decayed.train_loss
    assert adamw.train_loss[-1] < adamw.train_loss[0]


def test_no_global_state_changes(data):
    random.seed(5)
    np.random.seed(5)
    torch.manual_seed(5)
    expected = (random.random(), np.random.rand(), torch.rand(1).item())
    random.seed(5)
    np.random.seed(5)
    torch.manual_seed(5)
    flag = torch.are_deterministic_algorithms_enabled()
    train(epochs=1, data=data)
    make_model()
    assert (random.random(), np.random.rand(), torch.rand(1).item()) == expected
    assert torch.are_deterministic_algorithms_enabled() == flag


def test_results_table_is_localised_and_aligned(data):
    run = train(epochs=1, data=data, label="constant")
    english = format_results(run, lang="en", target=0.9)
    assert english.splitlines()[0].split() == [
        "run",
        "train",
        "loss",
        "val",
        "loss",
        "val",
        "accuracy",
        "epochs",
        "to",
        "90%",
    ]
    korean = format_results(run, lang="ko", target=0.9)
    assert "검증 정확도" in korean and "90% 도달 에폭" in korean
    assert "达到 90% 的轮数" in format_results(run, lang="zh", target=0.9)
    row = english.splitlines()[1].split()
    assert row[0] == "constant" and row[-2].endswith("%")


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda: train(epochs=0), "epochs"),
        (lambda: train(lr=float("nan")), "lr"),
        (lambda: train(step_per="step"), "step_per"),  # type: ignore[arg-type]
        (lambda: train(optimizer="rmsprop"), "optimizer"),  # type: ignore[arg-type]
        (lambda: train(batch_size=0), "batch_size"),
        (lambda: train(data="digits"), "data"),  # type: ignore[arg-type]
        (lambda: train(lambda opt: 3, epochs=1), "scheduler"),  # type: ignore[arg-type,return-value]
        (lambda: format_results(), "History"),
        (lambda: format_results(None), "History"),  # type: ignore[arg-type]
        (lambda: load_digits(val_fraction=1.5), "val_fraction"),
        (lambda: make_model(hidden=0), "hidden"),
    ],
)
def test_bad_input_names_the_argument(call, named):
    with pytest.raises((TypeError, ValueError), match=named):
        call()
