# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.tables: deterministic tables that show every real change and nothing else."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.optim.lr_scheduler import CosineAnnealingLR, OneCycleLR, StepLR

from lrnotes import SCHEDULERS, format_catalog, format_table, scheduler_names, simulate
from lrnotes.i18n import check_language
from lrnotes.tables import _width, choose_digits, is_change


def rows(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()[1:]]


def test_the_notes_setting_prints_every_epoch_with_its_lr():
    trace = simulate(StepLR, 20, lr=0.01, step_size=5, gamma=0.1)
    table = rows(format_table(trace, lang="en"))
    assert [int(r[0]) for r in table] == list(range(20))
    assert [float(r[1]) for r in table] == pytest.approx(trace.lr(), rel=1e-12)
    assert {r[1] for r in table} == {"0.01", "0.001", "0.0001", "1e-05"}  # no float noise


def test_changes_only_keeps_the_first_row_and_each_change():
    trace = simulate(StepLR, 20, lr=0.01, step_size=5, gamma=0.1)
    assert [r[0] for r in rows(format_table(trace, changes_only=True))] == ["0", "5", "10", "15"]


def test_headers_are_localized_and_columns_stay_aligned():
    trace = simulate(StepLR, 12, lr=[0.1, 0.01], step_size=5, batches_per_epoch=4)
    for lang, words in {
        "en": ["step", "epoch", "lr[0]"],
        "ko": ["스텝", "에폭", "학습률[0]"],
        "zh": ["步", "轮次", "学习率[0]"],
    }.items():
        text = format_table(trace, lang=check_language(lang))
        assert text.splitlines()[0].split() == [*words, words[2][:-3] + "[1]"]
        # right-aligned columns: every line ends at the same display column
        assert len({_width(line) for line in text.splitlines()}) == 1


def test_momentum_column_appears_when_momentum_cycles():
    trace = simulate(OneCycleLR, 10, max_lr=0.1, total_steps=10)
    header = format_table(trace, lang="en").splitlines()[0].split()
    assert header == ["epoch", "lr", "momentum"]
    assert format_table(trace, lang="zh").splitlines()[0].split() == ["轮次", "学习率", "动量"]


def test_is_change_ignores_float_noise_only():
    assert not is_change(0.001, 0.0010000000000000002)
    assert is_change(0.001, 0.0010001)
    assert is_change(0.0, 1e-300)


@settings(max_examples=60, deadline=None)
@given(t_max=st.integers(2, 400), steps=st.integers(2, 120), lr=st.floats(1e-5, 10.0))
def test_auto_digits_show_every_change(t_max, steps, lr):
    """A smooth schedule: consecutive rows print differently exactly where the lr changes."""
    trace = simulate(CosineAnnealingLR, steps, lr=lr, T_max=t_max)
    printed = [r[1] for r in rows(format_table(trace))]
    values = trace.lr()
    for k in range(1, steps):
        if is_change(values[k - 1], values[k]):
            assert printed[k] != printed[k - 1], (k, values[k - 1], values[k])


def test_choose_digits_grows_only_as_needed():
    assert choose_digits([[0.1, 0.05]]) == 4
    assert choose_digits([[0.1, 0.1000001]]) == 7
    assert choose_digits([[0.1, 0.1]]) == 4


@pytest.mark.parametrize(
    ("digits", "error", "text"),
    [
        (0, ValueError, "digits must be an int from 1 to 17; got 0"),
        (18, ValueError, "digits must be an int from 1 to 17; got 18"),
        (2.5, TypeError, "digits must be an int from 1 to 17; got float"),
        (True, TypeError, "digits must be an int from 1 to 17; got bool"),
    ],
)
def test_bad_digits(digits, error, text):
    with pytest.raises(error, match=re.escape(text)):
        format_table(simulate(StepLR, 3, step_size=1), digits=digits)


def test_fixed_digits_are_used():
    trace = simulate(CosineAnnealingLR, 3, lr=0.1, T_max=4)
    assert rows(format_table(trace, digits=2))[1][1] == "0.085"


def test_catalog_table_lists_every_scheduler_in_every_language():
    for lang in ("en", "ko", "zh"):
        text = format_catalog(lang)
        names = [line.split()[1] for line in text.splitlines()[1:]]
        assert names == list(scheduler_names())
    chapters = [line.split()[2] for line in format_catalog("ko").splitlines()[1:]]
    assert chapters == [info.chapter or "준비 중" for info in SCHEDULERS]


def test_selected_steps_hidden_momentum_and_digits_from_the_printed_rows():
    trace = simulate("OneCycleLR", 40, max_lr=0.1, total_steps=40, batches_per_epoch=10)
    lines = format_table(trace, steps=[0, 11], momentum=False, lang="en").splitlines()
    assert lines[0].split() == ["step", "epoch", "lr"]
    assert [line.split()[0] for line in lines[1:]] == ["0", "11"]
    # digits come from the rows printed: 4 digits show the change between these two rows
    assert lines[2].split()[2] == f"{trace.lr()[11]:.4g}"
    with pytest.raises(ValueError, match=re.escape("steps[0] must be an int from 0 to 39; got 40")):
        format_table(trace, steps=[40])
    with pytest.raises(TypeError, match="steps must be a list of step numbers; got int"):
        format_table(trace, steps=3)  # type: ignore[arg-type]


def test_adamw_cycles_beta1():
    trace = simulate("OneCycleLR", 5, optimizer="adamw", max_lr=0.1, total_steps=5)
    assert trace.momentum_name == "beta1" and "beta1" in format_table(trace, lang="en").splitlines()[0]
