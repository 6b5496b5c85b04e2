# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""The book builds with zero warnings, and its pages carry their language and switcher."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BOOK, ROOT, book_output, build_book
from lrnotes.i18n import HTML_LANG, LANGUAGE_NAMES, LANGUAGES

CHAPTERS = sorted(path.stem for path in (BOOK / "en").glob("*.ipynb"))


@pytest.fixture(scope="session")
def html(tmp_path_factory) -> Path:
    """Build the book once per test run, strictly: warnings are errors, references are checked."""
    out = book_output(tmp_path_factory)
    build_book(out)  # at once if the background build (conftest.py) has finished, else waits for it
    log = (out / "build.log").read_text(encoding="utf-8")
    assert (out / "build.returncode").read_text(encoding="utf-8") == "0", log[-5000:]
    assert "build succeeded" in log and "WARNING" not in log, log[-5000:]
    return out / "_build" / "html"


def page(html: Path, name: str) -> BeautifulSoup:
    """The parsed page, parsed once per test process (the tests only read it)."""
    return _parse(html / name)


@functools.cache
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_declares_its_language_and_links_its_translations(html, lang):
    for chapter in CHAPTERS:
        soup = page(html, f"book/{lang}/{chapter}.html")
        assert soup.html is not None and soup.html["lang"] == HTML_LANG[lang]
        switcher = soup.select_one("nav.lrnotes-lang-switcher")
        assert switcher is not None, f"no language switcher on book/{lang}/{chapter}.html"
        current = switcher.select_one(".lrnotes-lang-current")
        assert current is not None and current.get_text() == LANGUAGE_NAMES[lang]
        links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
        assert set(links) == {HTML_LANG[other] for other in LANGUAGES if other != lang}
        for other in LANGUAGES:
            if other != lang:
                target = (html / f"book/{lang}" / links[HTML_LANG[other]]).resolve()
                assert target == (html / f"book/{other}/{chapter}.html").resolve() and target.is_file()


def test_the_root_page_leads_to_every_language(html):
    assert "url=book/index.html" in (html / "index.html").read_text(encoding="utf-8")
    hrefs = [a["href"] for a in page(html, "book/index.html").select("article a")]
    for lang in LANGUAGES:
        assert f"{lang}/intro.html" in hrefs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_steplr_page_shows_the_stored_results(html, lang):
    soup = page(html, f"book/{lang}/steplr.html")
    text = soup.get_text()
    assert "StepLR.__init__() got an unexpected keyword argument 'verbose'" in text
    assert "lrnotes-explorer-static" in str(soup)  # the explorer's note, not an empty widget
    assert len(soup.select("img")) >= 3  # the stored figures
    assert soup.select("details, .dropdown"), "solutions hidden in dropdowns"
    if lang != "en":
        assert "Show code cell" not in text, "hidden-cell prompts are in the page's language"


def test_pages_load_nothing_from_the_network(html):
    """Formulas render from the bundled MathJax; no script or stylesheet comes from a CDN."""
    for path in sorted((html / "book").rglob("*.html")):
        soup = _parse(path)
        remote = [
            tag.get("src") or tag.get("href")
            for tag in soup.find_all(["script", "link"])
            if str(tag.get("src") or "").startswith(("http:", "https:", "//"))
            or (
                tag.name == "link"
                and tag.get("rel") == ["stylesheet"]
                and str(tag.get("href") or "").startswith(("http:", "https:", "//"))
            )
        ]
        assert not remote, f"{path.name} loads {remote}"
        if soup.find(class_="math"):
            assert any("_static/mathjax/tex-chtml.js" in (s.get("src") or "") for s in soup.find_all("script"))
    assert (html / "_static" / "mathjax" / "tex-chtml.js").is_file()


def toc_part(lang: str) -> list[str]:
    """The chapter names of one language, in the order of _toc.yml."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = toc["parts"][[str(code) for code in LANGUAGES].index(lang)]
    return [chapter["file"].split("/")[-1] for chapter in part["chapters"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_navigation_stays_in_the_page_language(html, lang):
    """The sidebar lists one language's part; previous/next never cross into another language."""
    chapters = toc_part(lang)
    for index, chapter in enumerate(chapters):
        soup = page(html, f"book/{lang}/{chapter}.html")
        captions = [c.get_text() for c in soup.select(".bd-docs-nav p.caption")]
        assert captions == [LANGUAGE_NAMES[lang]], f"{lang}/{chapter}: sidebar parts {captions}"
        for a in soup.select(".bd-docs-nav ul.bd-sidenav:not(.bd-sidenav__home-link) a"):
            assert a["href"] == "#" or "/" not in a["href"], f"{lang}/{chapter}: sidebar links to {a['href']}"
        prev, nxt = soup.select_one("a.left-prev"), soup.select_one("a.right-next")
        assert (prev is None) == (index == 0) and (nxt is None) == (index == len(chapters) - 1)
        if prev is not None:
            assert prev["href"] == f"{chapters[index - 1]}.html"
        if nxt is not None:
            assert nxt["href"] == f"{chapters[index + 1]}.html"


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_sections_have_the_english_ids(html, lang):
    """#the-formula is the same anchor in every language (no #id3 on CJK pages)."""
    for chapter in toc_part(lang):
        english = [str(s["id"]) for s in page(html, f"book/en/{chapter}.html").select("article section[id]")]
        soup = page(html, f"book/{lang}/{chapter}.html")
        ids = [str(s["id"]) for s in soup.select("article section[id]")]
        assert len(ids) == len(english)
        assert not [i for i in ids if i.startswith("id") and i[2:].isdigit()], f"{lang}/{chapter}: {ids}"
        assert ids == english, f"{lang}/{chapter}"
        for a in soup.select(".bd-toc-nav a[href^='#'], nav#bd-toc-nav a[href^='#']"):
            assert str(a["href"])[1:] in ids


def test_figures_have_alt_text_and_no_thebe(html):
    for lang in LANGUAGES:
        soup = page(html, f"book/{lang}/steplr.html")
        for img in soup.select("article img"):
            assert img.get("alt") and not str(img["alt"]).endswith(".png"), img
        text = str(soup)
        assert "THEBE_JS_URL" not in text and "x-thebe-config" not in text and "binder-examples" not in text


def test_the_search_index_has_one_index_per_language(html):
    """Pagefind ran after the build: an index per <html lang>, and every chapter is indexed."""
    import json

    entry = json.loads((html / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = {code.lower(): info["page_count"] for code, info in entry["languages"].items()}
    chapters = len(toc_part("en"))
    assert languages.get("ko") == chapters and languages.get("zh-hans") == chapters
    assert languages.get("en") == chapters + 1  # and the landing page
    assert (html / "pagefind" / "pagefind-ui.js").is_file()
    assert (html / "_static" / "lrnotes.js").is_file()


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_the_monospace_web_font_has_every_character_of_the_outputs(html, lang):
    """Printed tables line up only if the shipped Noto Sans Mono CJK subset has each character."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(html / "_static" / "fonts" / f"lrnotes-mono-{lang}.woff"))
    cmap = font.getBestCmap()
    widths = {font["hmtx"][cmap[code]][0] for code in cmap}
    assert widths == {500, 1000}, "every glyph is one or two columns wide"
    missing: set[str] = set()
    for path in sorted((html / "book" / lang).glob("*.html")):
        for pre in _parse(path).select(".cell_output pre"):
            missing |= {ch for ch in pre.get_text() if ord(ch) > 0x7F and not ch.isspace() and ord(ch) not in cmap}
    assert not missing, (
        f"rebuild the web fonts for {sorted(missing)}: .venv/bin/python book/_ext/lrnotes_fonts.py "
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    )
