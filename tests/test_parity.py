# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""The three languages in lock-step: same notebooks, same code, same numbers, same terms."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import BOOK, load_notebook, source
from lrnotes.i18n import LANGUAGES

LANG_LINE = re.compile(r'^lrnotes\.setup\("(?P<lang>[a-z]+)"\)$', re.MULTILINE)
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: Words the glossary (book/GLOSSARY.md) rules out, per language.
FORBIDDEN = {
    "ko": [
        "학습 속도",
        "러닝 레이트",
        "러닝레이트",
        "에포크",
        "최적화기",
        "스텝하",
        "스텝한",
        "스텝할",
        "스텝했",
        "step 시점",
        "지표와 함께",
        "다른 스케줄러를 감쌈",
    ],
    "zh": ["学习速率", "学习率调整器", "推理", "step 时机", "待写", "原笔记", "原始笔记", "骨干网络"],
}
#: Forbidden phrasings that vary: Chinese counts epochs in running text as "第 5 轮", "每 30 轮".
FORBIDDEN_PATTERNS = {
    # 해요체 endings: requests end in ~십시오 and questions in ~합니까? in this book.
    "ko": [re.compile(r"세요[.!?)]|세요$|[까을]요\?", re.MULTILINE)],
    "zh": [re.compile(r"[第每前]\s*\d+\s*个?轮次")],
}
#: A line break between two Chinese characters (a browser renders it as a space).
CJK_BREAK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]\n[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
#: Emphasis with single asterisks (italics), outside code spans and math.
ITALICS = re.compile(r"(?<![*\\A-Za-z0-9_])\*(?![\s*])[^*\n]+?(?<![\s*])\*(?![*A-Za-z0-9_])")
CODE_OR_MATH = re.compile(r"`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]*\$", re.DOTALL)


def notebooks(lang: str) -> list[str]:
    return sorted(path.name for path in (BOOK / lang).glob("*.ipynb"))


CHAPTERS = notebooks("en")


def text_outputs(cell: dict[str, Any]) -> str:
    """Every text a code cell printed or returned, as one string (images left out)."""
    parts: list[str] = []
    previous = None
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            text = source({"source": output["text"]})
            if previous == output["name"]:  # a stream split in two chunks (possibly mid-number) is one text
                parts[-1] += text
            else:
                parts.append(text)
            previous = output["name"]
            continue
        previous = None
        if output["output_type"] == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
        else:
            data = output.get("data", {})
            parts.append(source({"source": data.get("text/plain", "")}))
    return "\n".join(parts)


def test_same_notebooks_in_every_language():
    assert CHAPTERS, "the book has notebooks"
    for lang in LANGUAGES:
        assert notebooks(lang) == CHAPTERS, lang


@pytest.mark.parametrize("name", CHAPTERS)
def test_code_is_identical_but_for_the_language_line(name):
    cells = {lang: load_notebook(BOOK / lang / name)["cells"] for lang in LANGUAGES}
    kinds = {lang: [cell["cell_type"] for cell in cells[lang]] for lang in LANGUAGES}
    assert kinds["ko"] == kinds["en"] and kinds["zh"] == kinds["en"], "cells out of lock-step"
    for lang in LANGUAGES:
        lines = [
            m.group("lang") for c in cells[lang] if c["cell_type"] == "code" for m in LANG_LINE.finditer(source(c))
        ]
        assert lines == [lang], f"{lang}/{name}: one line lrnotes.setup({lang!r}) expected"
    for index, english in enumerate(cells["en"]):
        if english["cell_type"] != "code":
            continue
        for lang in ("ko", "zh"):
            other = cells[lang][index]
            assert LANG_LINE.sub("", source(other)) == LANG_LINE.sub("", source(english)), (lang, index)
            assert other["metadata"].get("tags", []) == english["metadata"].get("tags", []), (lang, index)


@pytest.mark.parametrize("name", CHAPTERS)
def test_printed_numbers_are_identical_across_languages(name):
    cells = {lang: load_notebook(BOOK / lang / name)["cells"] for lang in LANGUAGES}
    for index, english in enumerate(cells["en"]):
        if english["cell_type"] != "code":
            continue
        expected = NUMBER.findall(text_outputs(english))
        for lang in ("ko", "zh"):
            assert NUMBER.findall(text_outputs(cells[lang][index])) == expected, (lang, name, index)


@pytest.mark.parametrize("name", CHAPTERS)
def test_headings_match_across_languages(name):
    """Prose may differ in wording, not in structure: same headings at the same levels."""

    def levels(lang):
        return [
            [line.split()[0] for line in source(cell).splitlines() if re.match(r"#{1,6} ", line)]
            for cell in load_notebook(BOOK / lang / name)["cells"]
            if cell["cell_type"] == "markdown"
        ]

    assert levels("ko") == levels("en") and levels("zh") == levels("en")


@pytest.mark.parametrize("lang", sorted(FORBIDDEN))
def test_glossary_terms_are_used(lang):
    required = {"ko": "학습률", "zh": "学习率"}[lang]
    for name in CHAPTERS:
        text = "\n".join(source(c) for c in load_notebook(BOOK / lang / name)["cells"] if c["cell_type"] == "markdown")
        assert required in text, name
        for word in FORBIDDEN[lang]:
            assert word not in text, f"{lang}/{name} uses {word!r}; see book/GLOSSARY.md"
        for pattern in FORBIDDEN_PATTERNS[lang]:
            assert not pattern.search(text), f"{lang}/{name}: {pattern.search(text)}; see book/GLOSSARY.md"
        if lang == "zh":  # a line break between two Chinese characters shows as a stray space
            cells = [source(c) for c in load_notebook(BOOK / lang / name)["cells"] if c["cell_type"] == "markdown"]
            broken = [hit for cell in cells for hit in CJK_BREAK.findall(CODE_OR_MATH.sub("x", cell))]
            assert not broken, f"zh/{name}: join these lines: {broken[:3]}"
        slanted = ITALICS.findall(CODE_OR_MATH.sub("", text))
        assert not slanted, f"{lang}/{name}: italics in CJK text (use bold or quotes): {slanted[:3]}"


def test_the_glossary_checks_can_fail():
    """The same patterns find a forbidden verb form and italics in a sample."""
    assert any(word in "배치마다 스텝한 학습률" for word in FORBIDDEN["ko"])
    assert ITALICS.findall(CODE_OR_MATH.sub("", "标为*按轮次*的调度器")) == ["*按轮次*"]
    assert FORBIDDEN_PATTERNS["zh"][0].search("每 30 个轮次") and FORBIDDEN_PATTERNS["zh"][0].search("第 5 轮次")
    korean = FORBIDDEN_PATTERNS["ko"][0]
    assert korean.search("확인해 보세요.") and korean.search("학습할까요?") and korean.search("무엇일까요?")
    assert not korean.search("확인해 보십시오. 어떤 학습률로 학습합니까? 그렇습니다.")
    assert not FORBIDDEN_PATTERNS["zh"][0].search("第 5 轮，每个轮次（epoch）")
    assert not ITALICS.findall(CODE_OR_MATH.sub("", "**굵게** `a*b*c` $x*y*z$ 2 * 3 * 4"))
    assert CJK_BREAK.findall("学习率\n调度器") and not CJK_BREAK.findall("学习率调度器\n\n## 公式")


def without_images(notebook: dict[str, Any]) -> dict[str, Any]:
    """The notebook without image data: base64 PNG can spell '0x…' by chance."""
    copy: dict[str, Any] = json.loads(json.dumps(notebook))
    for cell in copy["cells"]:
        for output in cell.get("outputs", []):
            for key in [key for key in output.get("data", {}) if key.startswith("image/")]:
                del output["data"][key]
    return copy


def test_split_streams_are_joined_without_a_line_break():
    cell = {
        "outputs": [
            {"output_type": "stream", "name": "stdout", "text": "0.00"},
            {"output_type": "stream", "name": "stdout", "text": "25\n"},
        ]
    }
    assert NUMBER.findall(text_outputs(cell)) == ["0.0025"]


def test_image_data_is_not_taken_for_an_address():
    notebook = {"cells": [{"outputs": [{"data": {"image/png": "iVBORw0x9999510A", "text/plain": "<Figure>"}}]}]}
    assert "0x9999510" not in json.dumps(without_images(notebook)) and "<Figure>" in json.dumps(
        without_images(notebook)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebooks_are_stored_executed_and_clean(lang):
    for name in CHAPTERS:
        notebook = load_notebook(BOOK / lang / name)
        text = json.dumps(without_images(notebook))
        assert not re.search(r"0x[0-9a-f]{6,}", text), f"{lang}/{name}: a memory address"
        assert "widget-state" not in json.dumps(notebook["metadata"]), f"{lang}/{name}: stored widget state"
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            assert cell["execution_count"] is not None, f"{lang}/{name}: a code cell never ran"
            for output in cell["outputs"]:
                assert output.get("name") != "stderr", f"{lang}/{name}: stderr output {output['text']}"
                if output["output_type"] == "error":
                    assert "raises-exception" in cell["metadata"].get("tags", []), f"{lang}/{name}"
