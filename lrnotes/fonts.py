"""Korean and Chinese glyphs for figures, on any machine, without installing a font.

Taught in: the introduction (``book/*/intro.ipynb``), as part of ``lrnotes.setup``.

lrnotes ships two small subsets of Noto Sans CJK (SIL Open Font License 1.1, see
``lrnotes/data/OFL.txt``): Noto Sans CJK KR for Korean and Noto Sans CJK SC for Simplified
Chinese, renamed ``lrnotes Noto Sans CJK KR`` and ``... SC`` so that a full Noto font
installed on the machine can never stand in for them and hide a missing glyph. They hold
only the characters that the book's figures use: the strings in
:data:`lrnotes.i18n.MESSAGES` and those in the chapters' code cells. Latin text keeps
matplotlib's DejaVu Sans; matplotlib falls back to the CJK subset glyph by glyph.

When a figure needs a new character, rebuild the subsets (a maintainer step; the source
font comes from Debian's ``fonts-noto-cjk``)::

    python -m lrnotes fonts --source /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

``tests/test_fonts.py`` fails, naming the missing characters, until that is done.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .i18n import MESSAGES, Language, check_language, current_language

__all__ = ["FONT_FAMILIES", "FONT_FILES", "figure_characters", "font_family", "register_fonts", "text_family"]

DATA = Path(__file__).parent / "data"
#: The subset font file for each language that needs one.
FONT_FILES: dict[Language, Path] = {
    "ko": DATA / "NotoSansCJKkr-Regular-subset.otf",
    "zh": DATA / "NotoSansCJKsc-Regular-subset.otf",
}
#: The family name of each subset, and the index of its face in Noto's .ttc collection.
FONT_FAMILIES: dict[Language, tuple[str, int]] = {
    "ko": ("lrnotes Noto Sans CJK KR", 1),
    "zh": ("lrnotes Noto Sans CJK SC", 2),
}
LATIN_FAMILY = "DejaVu Sans"


def register_fonts() -> None:
    """Make the shipped subsets known to matplotlib (safe to call more than once)."""
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in FONT_FILES.values():
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))


def font_family(lang: Language) -> list[str]:
    """The ``font.family`` list for figures in ``lang``: DejaVu Sans, then the CJK subset.

    >>> font_family("ko")
    ['DejaVu Sans', 'lrnotes Noto Sans CJK KR']
    """
    lang = check_language(lang)
    if lang in FONT_FAMILIES:
        return [LATIN_FAMILY, FONT_FAMILIES[lang][0]]
    return [LATIN_FAMILY]


def text_family(lang: Language | None = None) -> list[str]:
    """The fonts for text a figure function draws in ``lang`` (default: the current language).

    Registers the shipped subsets first, so the text names its language's fonts whatever
    the global rcParams say.

    >>> text_family("zh")
    ['DejaVu Sans', 'lrnotes Noto Sans CJK SC']
    """
    register_fonts()
    return font_family(current_language() if lang is None else lang)


def _non_ascii(texts: Iterable[str]) -> set[str]:
    return {ch for text in texts for ch in text if ord(ch) > 0x7F and not ch.isspace()}


def figure_characters(lang: Language, book: Path | None = None) -> set[str]:
    """The non-ASCII characters figures in ``lang`` may draw.

    These are the characters of :data:`~lrnotes.i18n.MESSAGES` in ``lang`` and, when
    ``book`` (the ``book/`` folder) is given, those in the code cells of its ``lang`` notebooks.
    """
    lang = check_language(lang)
    texts = [entry[lang] for entry in MESSAGES.values()]
    if book is not None:
        for notebook in sorted((book / lang).glob("*.ipynb")):
            cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
            texts += ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    return _non_ascii(texts)


def _rename(font: object, family: str) -> None:
    """Give a subset its own family name (name IDs 1, 3, 4, 6, 16, 17)."""
    table = font["name"]  # type: ignore[index]
    postscript = family.replace(" ", "") + "-Regular"
    for record in list(table.names):
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (3, 6):
            record.string = postscript
        elif record.nameID == 4:
            record.string = family + " Regular"
        elif record.nameID == 17:
            record.string = "Regular"
    if "CFF " in font:  # type: ignore[operator]
        cff = font["CFF "].cff  # type: ignore[index]
        cff.fontNames = [postscript]


def build_subsets(source: Path, book: Path) -> None:
    """Write the subset of ``source`` (Noto Sans CJK .ttc) for each CJK language."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    for lang, (family, index) in FONT_FAMILIES.items():
        font = TTFont(str(source), fontNumber=index, recalcTimestamp=False, lazy=False)
        options = subset.Options()
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(ch) for ch in figure_characters(lang, book)))
        subsetter.subset(font)
        _rename(font, family)
        font.save(str(FONT_FILES[lang]))
        print(f"{FONT_FILES[lang].name}: {len(font.getGlyphOrder())} glyphs, {FONT_FILES[lang].stat().st_size} bytes")
