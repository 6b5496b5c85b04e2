"""The book builds with zero warnings, and its pages carry their language and switcher."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BOOK, ROOT
from lrnotes.i18n import HTML_LANG, LANGUAGE_NAMES, LANGUAGES

CHAPTERS = sorted(path.stem for path in (BOOK / "en").glob("*.ipynb"))


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    """Build the book once, strictly: warnings are errors, references are checked."""
    out = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    assert "build succeeded" in log and "WARNING" not in log, log[-5000:]
    built: Path = out / "_build" / "html"
    return built


def page(html: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((html / name).read_text(encoding="utf-8"), "html.parser")


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
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
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
