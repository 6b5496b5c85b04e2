# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""Korean and Chinese figure text renders with the shipped subsets: no tofu, ever."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pytest
from fontTools.ttLib import TTFont

import lrnotes
from conftest import BOOK
from lrnotes.fonts import FONT_FAMILIES, FONT_FILES, figure_characters
from lrnotes.i18n import LANGUAGES, MESSAGES

MISSING = "missing from font"


def draw(texts: list[str]) -> None:
    """Draw texts on a figure and render it, turning missing-glyph warnings into errors."""
    figure, ax = plt.subplots()
    for i, text in enumerate(texts):
        ax.text(0.0, i / max(len(texts), 1), text)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=f".*{MISSING}.*")
        figure.canvas.draw()


@pytest.mark.parametrize("lang", sorted(FONT_FILES))
def test_subset_has_every_character_the_figures_use(lang):
    cmap = TTFont(str(FONT_FILES[lang])).getBestCmap()
    missing = sorted(ch for ch in figure_characters(lang, BOOK) if ord(ch) not in cmap)
    assert not missing, (
        f"{FONT_FILES[lang].name} lacks {''.join(missing)!r}; rebuild it with "
        "python -m lrnotes fonts --source /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    )


@pytest.mark.parametrize("lang", sorted(FONT_FILES))
def test_subset_is_the_font_matplotlib_uses(lang):
    lrnotes.setup(lang)
    from matplotlib import font_manager

    family, _ = FONT_FAMILIES[lang]
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert found == str(FONT_FILES[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_and_plot_renders_without_missing_glyphs(lang):
    lrnotes.setup(lang)
    draw([texts[lang] for texts in MESSAGES.values()])
    trace = lrnotes.simulate("StepLR", 20, lr=[0.1, 0.01], step_size=5, batches_per_epoch=4)
    lrnotes.plot(trace)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=f".*{MISSING}.*")
        plt.gcf().canvas.draw()


def test_a_character_outside_the_subset_is_caught():
    """The check above can fail: a glyph the subset lacks raises matplotlib's warning."""
    lrnotes.setup("zh")
    cmap = TTFont(str(FONT_FILES["zh"])).getBestCmap()
    assert ord("龍") not in cmap
    with pytest.raises(UserWarning, match=MISSING):
        draw(["龍"])


def test_the_licence_ships_with_the_fonts():
    licence = (FONT_FILES["ko"].parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
    for path in FONT_FILES.values():
        assert path.stat().st_size < 200_000, "keep the subsets small"


def test_plot_in_korean_needs_no_setup():
    """plot(lang=...) brings its own fonts: no tofu even with matplotlib's defaults."""
    ax = lrnotes.plot(lrnotes.simulate("StepLR", 5, step_size=2), lang="ko")
    assert ax.xaxis.label.get_fontfamily() == ["DejaVu Sans", "lrnotes Noto Sans CJK KR"]
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=f".*{MISSING}.*")
        ax.figure.canvas.draw()
