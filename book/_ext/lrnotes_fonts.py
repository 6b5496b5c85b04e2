"""The book's monospace web fonts: subsets of Noto Sans Mono CJK for printed outputs.

Text tables printed by the notebooks line up only when every Korean or Chinese character is
exactly two columns wide. Noto Sans Mono CJK draws Latin at half the width of a CJK
character, so ``book/_static/fonts/lrnotes-mono-{ko,zh}.woff`` (ASCII plus every non-ASCII
character of the language's stored outputs and of :data:`lrnotes.i18n.MESSAGES`) make the
tables line up in any browser; ``lrnotes.css`` uses them for outputs on ko/zh pages.

When an output gains a new character (``tests/test_book.py`` says which), rebuild them::

    .venv/bin/python book/_ext/lrnotes_fonts.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

(``apt-get install fonts-noto-cjk`` provides the source; SIL Open Font License 1.1.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from lrnotes.i18n import MESSAGES, Language

BOOK = Path(__file__).resolve().parents[1]
FONTS = BOOK / "_static" / "fonts"
#: The web font of each language, and the index of its face in Noto's NotoSansCJK-Regular.ttc.
MONO_FONTS: dict[Language, tuple[Path, int]] = {
    "ko": (FONTS / "lrnotes-mono-ko.woff", 6),  # Noto Sans Mono CJK KR
    "zh": (FONTS / "lrnotes-mono-zh.woff", 7),  # Noto Sans Mono CJK SC
}


def output_characters(lang: Language, book: Path = BOOK) -> set[str]:
    """The non-ASCII characters of the stored text outputs of ``lang``'s notebooks and messages."""
    texts = [entry[lang] for entry in MESSAGES.values()]
    for notebook in sorted((book / lang).glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                texts.append("".join(output.get("text", "")))
                texts.append("".join(output.get("data", {}).get("text/plain", "")))
                texts.append("".join(output.get("traceback", [])))
    return {ch for text in texts for ch in text if ord(ch) > 0x7F and not ch.isspace()}


def _two_columns(font: Any) -> None:
    """Widen every glyph wider than half an em to exactly one em, centred (Hangul is 0.92 em)."""
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.pens.transformPen import TransformPen

    em = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    glyphs = font.getGlyphSet()
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    for name, (advance, lsb) in list(metrics.items()):
        if em // 2 < advance < em:
            shift = (em - advance) // 2
            old = charstrings[name]
            pen = T2CharStringPen(None, glyphs)
            glyphs[name].draw(TransformPen(pen, (1, 0, 0, 1, shift, 0)))
            new = pen.getCharString(private=old.private, globalSubrs=old.globalSubrs)
            charstrings.charStringsIndex[charstrings.charStrings[name]] = new
            metrics[name] = (em, lsb + shift)


def build(source: Path) -> None:
    """Write the web font of each CJK language from ``source`` (Noto Sans CJK .ttc)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    FONTS.mkdir(parents=True, exist_ok=True)
    for lang, (path, index) in MONO_FONTS.items():
        font = TTFont(str(source), fontNumber=index, recalcTimestamp=False, lazy=False)
        options = subset.Options()
        options.flavor = "woff"
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        codes = set(range(0x20, 0x7F)) | {ord(ch) for ch in output_characters(lang)}
        subsetter.populate(unicodes=sorted(codes))
        subsetter.subset(font)
        _two_columns(font)
        font.flavor = "woff"
        font.save(str(path))
        print(f"{path.name}: {len(font.getGlyphOrder())} glyphs, {path.stat().st_size} bytes")


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
