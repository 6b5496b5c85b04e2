# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""The built book in a real browser: headless Chromium at a desktop and a phone width.

Uses the strict build of tests/test_book.py (one build per run), serves it on 127.0.0.1,
and for an English, a Korean and a Chinese chapter and the landing page checks: zero
console errors, every figure loaded, the sidebar toggle, the language switcher, Pagefind
search in Korean and Chinese, and (when the page has one) the kernel-free explorer.
Screenshots go to a temporary folder whose path the test prints.

Outside CI the test is skipped when Chromium or playwright is missing; under CI (``CI`` set)
it must run. Install Chromium with ``apt-get install chromium`` (playwright drives it; no
``playwright install`` is needed).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_book import html  # noqa: F401  # the shared strict build

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
PAGES = ["book/index.html", "book/en/steplr.html", "book/ko/steplr.html", "book/zh/steplr.html"]


def chromium() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium under CI: .ci/run installs it with apt-get install -y chromium")
        pytest.skip("no Chromium: install it with `apt-get install chromium` to run the browser test")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(html: Path) -> Iterator[str]:  # noqa: F811
    handler = functools.partial(_Quiet, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="lrnotes-screenshots-"))
    print(f"\nscreenshots: {folder}")
    return folder


def open_page(browser: Any, url: str, size: tuple[int, int]) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors


def sidebar_shown(page: Any) -> bool:
    return bool(
        page.evaluate(
            """() => {
                const bar = document.querySelector('.bd-sidebar-primary');
                const box = bar.getBoundingClientRect();
                return getComputedStyle(bar).visibility !== 'hidden' && box.right > 0 && box.width > 0;
            }"""
        )
    )


def click_visible(page: Any, selector: str) -> None:
    buttons = page.locator(selector)
    for index in range(buttons.count()):
        if buttons.nth(index).is_visible():
            buttons.nth(index).click()
            return
    raise AssertionError(f"no visible {selector}")


def search(page: Any, query: str, screenshot: Path | None = None) -> list[str]:
    """Type ``query`` into the search dialog and return the result links."""
    click_visible(page, ".search-button__button")
    box = page.locator("#lrnotes-search-dialog .pagefind-ui__search-input")
    box.wait_for(state="visible", timeout=10_000)
    box.fill(query)
    page.locator("#lrnotes-search-dialog .pagefind-ui__result-link").first.wait_for(timeout=10_000)
    links: list[str] = page.eval_on_selector_all(
        "#lrnotes-search-dialog .pagefind-ui__result-link", "links => links.map(a => a.href)"
    )
    if screenshot is not None:
        page.screenshot(path=str(screenshot))
    page.keyboard.press("Escape")
    return links


@pytest.mark.parametrize("width", list(WIDTHS))
def test_pages_load_cleanly_and_the_sidebar_toggles(browser, site, shots, width):
    size = WIDTHS[width]
    for name in PAGES:
        page, errors = open_page(browser, site + name, size)
        broken = page.evaluate(
            "() => Array.from(document.querySelectorAll('article img'))"
            ".filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src)"
        )
        assert not broken, f"{name}: figures not loaded {broken}"
        page.screenshot(path=str(shots / f"{width}-{name.replace('/', '-')}.png"))
        before = sidebar_shown(page)
        assert before == (width == "desktop"), f"{name} at {width}: sidebar shown={before} on load"
        click_visible(page, ".primary-toggle")
        page.wait_for_timeout(400)
        assert sidebar_shown(page) != before, f"{name} at {width}: the sidebar toggle did nothing"
        page.screenshot(path=str(shots / f"{width}-{name.replace('/', '-')}-toggled.png"))
        assert not errors, f"{name} at {width}: console errors {errors}"
        page.close()


def test_the_on_this_page_toggle_opens_the_section_list(browser, site, shots):
    """On a phone the "On this page" list is hidden until its toggle is pressed."""
    page, errors = open_page(browser, site + "book/ko/steplr.html", WIDTHS["phone"])
    shown = """() => { const bar = document.querySelector('.bd-sidebar-secondary');
                        const box = bar.getBoundingClientRect();
                        return getComputedStyle(bar).visibility !== 'hidden' && box.width > 0
                               && box.right > 0 && box.left < window.innerWidth; }"""
    assert not page.evaluate(shown), "the section list is open on load at phone width"
    click_visible(page, ".secondary-toggle")
    page.wait_for_timeout(400)
    assert page.evaluate(shown), "the 'On this page' toggle did nothing"
    page.screenshot(path=str(shots / "phone-book-ko-steplr-on-this-page.png"))
    assert not errors, f"console errors {errors}"
    page.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_switcher_and_search_in_each_language(browser, site, shots, width):
    size = WIDTHS[width]
    page, errors = open_page(browser, site + "book/en/steplr.html", size)
    page.click("nav.lrnotes-lang-switcher a[hreflang='ko']")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("book/ko/steplr.html") and page.evaluate("document.documentElement.lang") == "ko"
    links = search(page, "학습률", shots / f"{width}-search-ko.png")
    assert links and all("/book/ko/" in link for link in links), links
    page.click("nav.lrnotes-lang-switcher a[hreflang='zh-Hans']")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("book/zh/steplr.html")
    links = search(page, "学习率", shots / f"{width}-search-zh.png")
    assert links and all("/book/zh/" in link for link in links), links
    assert len(links) >= 3, links  # the first page of results: several chapters
    assert not errors, f"console errors {errors}"
    page.close()


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_text_tables_with_cjk_headers_line_up(browser, site, lang):
    """Every line of a printed lr table is as wide as its CJK header line (two columns a character)."""
    page, errors = open_page(browser, site + f"book/{lang}/steplr.html", WIDTHS["desktop"])
    widths = page.evaluate(
        r"""() => {
            const pre = [...document.querySelectorAll('article .cell_output pre')]
                .find(p => /[\uac00-\ud7a3\u4e00-\u9fff]/.test(p.innerText));
            const canvas = document.createElement('canvas').getContext('2d');
            canvas.font = getComputedStyle(pre).font;
            const lines = pre.innerText.split('\n').filter(l => l.trim());
            const table = lines.slice(lines.findIndex(l => /[\uac00-\ud7a3\u4e00-\u9fff]/.test(l)));
            return table.slice(0, 4).map(l => [l, canvas.measureText(l).width, [...l].length
                + [...l].filter(c => /[\uac00-\ud7a3\u4e00-\u9fff]/.test(c)).length]);
        }"""
    )
    if lang == "ko":  # Korean breaks between words, never inside one
        assert page.evaluate("getComputedStyle(document.querySelector('article p')).wordBreak") == "keep-all"
    unit = widths[0][1] / widths[0][2]
    for line, width, columns in widths:
        assert abs(width - unit * columns) < 0.5, f"{line!r}: {width}px for {columns} columns of {unit}px"
    assert not errors
    page.close()


def test_search_finds_the_chapters_in_every_language(browser, site):
    page, errors = open_page(browser, site + "book/ko/intro.html", WIDTHS["desktop"])
    page.keyboard.press("Control+k")  # the theme's shortcut opens Pagefind, not the theme's dialog
    page.locator("#lrnotes-search-dialog .pagefind-ui__search-input").wait_for(state="visible", timeout=10_000)
    assert not page.evaluate("document.getElementById('pst-search-dialog').open")
    page.keyboard.press("Escape")
    assert any("/book/ko/" in link for link in search(page, "스케줄러"))
    page.goto(site + "book/zh/intro.html")
    page.wait_for_load_state("networkidle")
    assert any("/book/zh/" in link for link in search(page, "调度器"))
    page.goto(site + "book/en/intro.html")
    page.wait_for_load_state("networkidle")
    assert any("/book/en/" in link for link in search(page, "warmup"))
    assert not errors, f"console errors {errors}"
    page.close()


def test_search_from_a_file_url_says_why_it_is_unavailable(browser, html):  # noqa: F811
    page, _ = open_page(browser, (html / "book/en/steplr.html").as_uri(), WIDTHS["desktop"])
    click_visible(page, ".search-button__button")
    note = page.locator("#lrnotes-search-dialog .lrnotes-search-unavailable")
    note.wait_for(timeout=5_000)
    assert "http.server" in note.inner_text()
    page.close()


def test_explorer_slider_redraws_the_curve(browser, site, shots):
    page, errors = open_page(browser, site + "book/en/steplr.html", WIDTHS["desktop"])
    sliders = page.locator("article .lrnotes-explorer input[type=range]")
    assert sliders.count() > 0, "no kernel-free explorer (no .lrnotes-explorer slider in book/en/steplr.html)"
    slider = sliders.first
    slider.scroll_into_view_if_needed()
    curve = """s => { const box = s.closest('.lrnotes-explorer') || s.parentElement.parentElement;
                      const c = box.querySelector('canvas');
                      if (c) return c.toDataURL();
                      const g = box.querySelector('svg, img');
                      return g ? (g.outerHTML || g.src) : box.innerHTML; }"""
    before = slider.evaluate(curve)
    slider.evaluate(
        """s => { const v = Number(s.value) === Number(s.max) ? s.min : s.max;
                  s.value = v; s.dispatchEvent(new Event('input', {bubbles: true}));
                  s.dispatchEvent(new Event('change', {bubbles: true})); }"""
    )
    page.wait_for_timeout(300)
    after = slider.evaluate(curve)
    page.screenshot(path=str(shots / "desktop-explorer.png"))
    assert after != before, "moving the slider did not change the curve"
    assert not errors, f"console errors {errors}"
    page.close()


def test_print_opens_the_solutions_and_hides_the_buttons(browser, site):
    page, errors = open_page(browser, site + "book/ko/steplr.html", WIDTHS["desktop"])
    assert page.locator("article details:not([open])").count() > 0
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("article details:not([open])").count() == 0
    assert not page.locator("nav.lrnotes-lang-switcher").is_visible()
    assert not page.locator(".prev-next-area").is_visible()
    assert page.locator("article .cell_output img").first.is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("article details:not([open])").count() > 0
    assert not errors, f"console errors {errors}"
    page.close()
