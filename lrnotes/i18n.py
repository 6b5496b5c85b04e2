"""Languages of the book and the few words that lrnotes itself prints or draws.

Taught in: the introduction (``book/*/intro.ipynb``), where ``lrnotes.setup`` picks the
language. Chapters never hold translated strings in code: table headers, axis labels and
legend suffixes come from :data:`MESSAGES`, so that code cells stay identical across the
three languages. ``book/GLOSSARY.md`` lists the terms the prose uses; the same words are
used here.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ALIASES",
    "HTML_LANG",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "MESSAGES",
    "Language",
    "check_language",
    "current_language",
    "message",
    "set_language",
]

Language = Literal["en", "ko", "zh"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

#: The value of ``<html lang>`` for each language's pages (BCP 47).
HTML_LANG: dict[Language, str] = {"en": "en", "ko": "ko", "zh": "zh-Hans"}
#: Each language's name in itself, as the book's language switcher shows it.
LANGUAGE_NAMES: dict[Language, str] = {"en": "English", "ko": "한국어", "zh": "中文"}

#: Every string that lrnotes prints or draws, keyed by a short id, in every language.
MESSAGES: dict[str, dict[Language, str]] = {
    "step": {"en": "step", "ko": "스텝", "zh": "步"},
    "epoch": {"en": "epoch", "ko": "에폭", "zh": "轮次"},
    "lr": {"en": "lr", "ko": "학습률", "zh": "学习率"},
    "learning_rate": {"en": "learning rate", "ko": "학습률", "zh": "学习率"},
    "momentum": {"en": "momentum", "ko": "모멘텀", "zh": "动量"},
    "beta1": {"en": "beta1", "ko": "beta1", "zh": "beta1"},
    "group": {"en": "group", "ko": "그룹", "zh": "参数组"},
    "steps_per_epoch": {
        "en": "{n} steps/epoch",
        "ko": "에폭당 {n}스텝",
        "zh": "每轮 {n} 步",
    },
    "scheduler": {"en": "scheduler", "ko": "스케줄러", "zh": "调度器"},
    "metric": {"en": "metric", "ko": "지표", "zh": "指标"},
    "best": {"en": "best", "ko": "최고 기록", "zh": "最优值"},
    "bad_epochs": {"en": "bad", "ko": "개선 없음", "zh": "未改善"},
    "cooldown": {"en": "cooldown", "ko": "쿨다운", "zh": "冷却"},
    "stepping": {"en": "stepped", "ko": "스텝 단위", "zh": "步进方式"},
    "chapter": {"en": "chapter", "ko": "장", "zh": "章节"},
    "stepping.epoch": {"en": "per epoch", "ko": "에폭 단위", "zh": "按轮次"},
    "stepping.batch": {"en": "per batch", "ko": "배치 단위", "zh": "按批次"},
    "stepping.metric": {"en": "with a metric", "ko": "지표 기반", "zh": "按指标"},
    "stepping.composite": {
        "en": "wraps others",
        "ko": "다른 스케줄러 조합",
        "zh": "组合其他调度器",
    },
    "planned": {"en": "planned", "ko": "준비 중", "zh": "计划中"},
    "run": {"en": "run", "ko": "실행", "zh": "运行"},
    "loss": {"en": "loss", "ko": "손실", "zh": "损失"},
    "train_loss": {"en": "train loss", "ko": "학습 손실", "zh": "训练损失"},
    "val_loss": {"en": "val loss", "ko": "검증 손실", "zh": "验证损失"},
    "val_accuracy": {"en": "val accuracy", "ko": "검증 정확도", "zh": "验证准确率"},
    "epochs_to": {"en": "epochs to {target}", "ko": "{target} 도달 에폭", "zh": "达到 {target} 的轮数"},
    "loss.smoothed": {"en": "smoothed loss", "ko": "평활화한 손실", "zh": "平滑后的损失"},
    "suggest.steepest": {"en": "steepest slope", "ko": "최대 기울기", "zh": "最陡下降"},
    "suggest.min10": {"en": "minimum / 10", "ko": "최솟값 / 10", "zh": "最小值 / 10"},
    "explorer.static": {
        "en": "Interactive explorer: open this notebook in Jupyter to move the sliders.",
        "ko": "인터랙티브 탐색기: 이 노트북을 Jupyter에서 열면 슬라이더를 움직일 수 있습니다.",
        "zh": "交互式探索器：在 Jupyter 中打开本 notebook 即可拖动滑块。",
    },
}

_current: Language = "en"


#: Other spellings of the three languages that :func:`check_language` accepts (lower case).
ALIASES: dict[str, Language] = {
    "en-us": "en",
    "en-gb": "en",
    "english": "en",
    "ko-kr": "ko",
    "kr": "ko",
    "korean": "ko",
    "한국어": "ko",
    "zh-cn": "zh",
    "zh-hans": "zh",
    "zh-hans-cn": "zh",
    "zh-sg": "zh",
    "chinese": "zh",
    "中文": "zh",
}


def check_language(lang: object, argument: str = "lang") -> Language:
    """Return ``lang`` as one of :data:`LANGUAGES`, else raise.

    Common spellings are accepted (``ko-KR``, ``zh_CN``, ``zh-Hans``, ``EN``); Traditional
    Chinese (``zh-TW``, ``zh-Hant``) is refused, as the book is in Simplified Chinese.

    >>> check_language("ko"), check_language("zh-Hans"), check_language("ko_KR")
    ('ko', 'zh', 'ko')
    >>> check_language("zh-TW")
    Traceback (most recent call last):
    ValueError: lang must be one of ('en', 'ko', 'zh') (or a spelling such as 'ko-KR', 'zh-CN', 'zh-Hans'); got 'zh-TW'
    """
    if not isinstance(lang, str):
        raise TypeError(f"{argument} must be a str, one of {LANGUAGES}; got {type(lang).__name__}")
    key = lang.strip().replace("_", "-").lower()
    for known in LANGUAGES:
        if key == known:
            return known
    if key in ALIASES:
        return ALIASES[key]
    raise ValueError(
        f"{argument} must be one of {LANGUAGES} (or a spelling such as 'ko-KR', 'zh-CN', 'zh-Hans'); got {lang!r}"
    )


def set_language(lang: Language) -> None:
    """Set the language used when a function gets ``lang=None``.

    ``lrnotes.setup`` calls this; chapters do not call it themselves.
    """
    global _current
    _current = check_language(lang)


def current_language() -> Language:
    """The language set by :func:`set_language` (``"en"`` until then)."""
    return _current


def message(key: str, lang: Language | None = None, **fields: object) -> str:
    """The text for ``key`` in ``lang`` (default: the current language).

    >>> message("learning_rate", "zh")
    '学习率'
    >>> message("steps_per_epoch", "en", n=10)
    '10 steps/epoch'
    """
    if key not in MESSAGES:
        raise ValueError(f"key must be one of {sorted(MESSAGES)}; got {key!r}")
    language = current_language() if lang is None else check_language(lang)
    return MESSAGES[key][language].format(**fields)
