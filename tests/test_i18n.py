# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.i18n and lrnotes.setup: languages, messages, and the notebook set-up call."""

from __future__ import annotations

import random
import re

import matplotlib
import numpy
import pytest
import torch

import lrnotes
from lrnotes.i18n import LANGUAGES, MESSAGES, check_language, current_language, message


def test_every_message_exists_in_every_language():
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key
    assert message("lr", "ko") == "학습률" and message("lr", "zh") == "学习率"


@pytest.mark.parametrize(
    ("value", "error", "text"),
    [
        (
            "fr",
            ValueError,
            "lang must be one of ('en', 'ko', 'zh') (or a spelling such as 'ko-KR', 'zh-CN', 'zh-Hans'); got 'fr'",
        ),
        (
            "zh-TW",
            ValueError,
            "lang must be one of ('en', 'ko', 'zh') (or a spelling such as 'ko-KR', 'zh-CN', 'zh-Hans'); got 'zh-TW'",
        ),
        ("zh-Hant", ValueError, "got 'zh-Hant'"),
        ("", ValueError, "got ''"),
        (None, TypeError, "lang must be a str, one of ('en', 'ko', 'zh'); got NoneType"),
    ],
)
def test_wrong_language_code(value, error, text):
    with pytest.raises(error, match=re.escape(text)):
        check_language(value)
    with pytest.raises(error, match=re.escape(text)):
        lrnotes.setup(value)


@pytest.mark.parametrize(
    ("spelling", "lang"),
    [
        ("KO", "ko"),
        ("ko-KR", "ko"),
        ("ko_KR", "ko"),
        ("zh-CN", "zh"),
        ("zh-Hans", "zh"),
        ("zh_cn", "zh"),
        ("en-US", "en"),
        (" en ", "en"),
        ("中文", "zh"),
        ("한국어", "ko"),
    ],
)
def test_common_spellings_of_a_language_are_accepted(spelling, lang):
    assert check_language(spelling) == lang
    lrnotes.setup(spelling)
    assert lrnotes.current_language() == lang


def test_unknown_message_key():
    with pytest.raises(ValueError, match="key must be one of"):
        message("learningrate")


def test_setup_sets_language_seeds_threads_and_style():
    lrnotes.setup("zh", seed=7)
    assert current_language() == "zh"
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", "lrnotes Noto Sans CJK SC"]
    assert torch.get_num_threads() == 1
    first = (random.random(), numpy.random.rand(), torch.rand(1).item())
    lrnotes.setup("zh", seed=7)
    assert (random.random(), numpy.random.rand(), torch.rand(1).item()) == first


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"seed": -1}, "seed must be an int from 0 to 4294967295; got -1"),
        ({"seed": 2**40}, "seed must be an int from 0 to 4294967295; got 1099511627776"),
        ({"threads": 0}, "threads must be an int from 1 to 1024; got 0"),
    ],
)
def test_setup_bad_input(kwargs, text):
    with pytest.raises(ValueError, match=re.escape(text)):
        lrnotes.setup("en", **kwargs)


def test_import_has_no_side_effects():
    """Importing lrnotes in a fresh interpreter leaves matplotlib's settings alone."""
    import subprocess
    import sys

    code = (
        "import matplotlib, json; before = dict(matplotlib.rcParams); import lrnotes;"
        "changed = [k for k, v in matplotlib.rcParams.items() if before[k] != v];"
        "print(json.dumps(changed))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
