"""Sphinx extension of the lrnotes book: languages, navigation, figures and search.

Pages under ``book/<lang>/`` get:

- ``<html lang>`` set to their language (en, ko, zh-Hans), ``<link rel="alternate" hreflang>``
  tags for their translations, and a switcher at the top that links to the same chapter in
  the other languages;
- a sidebar that lists only their own language's part, and previous/next links that stay
  inside that part;
- section ids copied from the English chapter (headings match one to one across languages:
  ``tests/test_parity.py``), so ``#the-formula`` is the same anchor in every language
  instead of ``#id2``;
- alt text on every figure (its chapter and section, in the page's language).

After the build, `Pagefind <https://pagefind.app>`_ (the ``pagefind`` package, extended
build: it segments Chinese) indexes the pages, one index per ``<html lang>``;
``_static/lrnotes.js`` puts its search UI in the theme's search box.

sphinx-thebe is switched off: the book runs no live kernel (launch buttons open Binder or
Colab instead), and its scripts loaded thebe from a CDN and declared ``THEBE_JS_URL`` twice.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from lrnotes.i18n import HTML_LANG, LANGUAGE_NAMES, LANGUAGES, Language

logger = logging.getLogger(__name__)

ROOT_DOC = "book/index"
STATIC = Path(__file__).resolve().parents[1] / "_static"

#: The word for "figure" in each language, for the figures' alt text.
FIGURE: dict[Language, str] = {"en": "Figure", "ko": "그림", "zh": "图"}
#: The switcher's label for screen readers.
SWITCHER_LABEL: dict[Language, str] = {"en": "Language", "ko": "언어", "zh": "语言"}

_AUTO_ID = re.compile(r"^id\d+$")


def page_language(docname: str) -> Language | None:
    """The language code of a page name like ``book/ko/steplr``, or None."""
    parts = docname.split("/")
    if len(parts) >= 3 and parts[0] == "book":
        for lang in LANGUAGES:
            if parts[1] == lang:
                return lang
    return None


def translations(app: Sphinx, docname: str) -> dict[Language, str]:
    """Language code -> page name of the same chapter in every language that has it."""
    lang = page_language(docname)
    if lang is None:
        return {}
    rest = docname.split("/", 2)[2]
    found = {code: f"book/{code}/{rest}" for code in LANGUAGES}
    return {code: name for code, name in found.items() if name in app.env.all_docs}


def english_page(docname: str) -> str | None:
    """``book/en/<chapter>`` for a Korean or Chinese chapter, else None."""
    lang = page_language(docname)
    if lang is None or lang == "en":
        return None
    return "book/en/" + docname.split("/", 2)[2]


# --- thebe off -----------------------------------------------------------------------------


def configure(app: Sphinx, config: Config) -> None:
    """Switch sphinx-thebe off (jupyter-book always loads it) and start in light mode.

    The theme's colour mode defaults to "" otherwise, which its script reports as an error.
    """
    config.html_context.setdefault("default_mode", "light")
    for event, listeners in list(app.events.listeners.items()):
        for listener in list(listeners):
            module = getattr(listener.handler, "__module__", "") or ""
            if module.startswith("sphinx_thebe") and event != "builder-inited":
                app.disconnect(listener.id)


# --- section ids -----------------------------------------------------------------------------


def _sections(doctree: nodes.Node) -> list[nodes.section]:
    return list(doctree.findall(nodes.section))


def _english_ids(env: BuildEnvironment, docname: str) -> list[str] | None:
    english = english_page(docname)
    if english is None or english not in env.all_docs:
        return None
    try:
        doctree = env.get_doctree(english)
    except FileNotFoundError:  # not read yet: keep docutils' ids
        return None
    return [section["ids"][0] if section["ids"] else "" for section in _sections(doctree)]


def _automatic(section: nodes.section, section_id: str) -> bool:
    """True for the id docutils made from the heading (``id3``, or a slug of its Latin part)."""
    if _AUTO_ID.match(section_id):
        return True
    title = section[0].astext() if section.children and isinstance(section[0], nodes.title) else ""
    slug = nodes.make_id(title)
    return bool(slug) and re.fullmatch(re.escape(slug) + r"(-\d+)?", section_id) is not None


def stable_section_ids(app: Sphinx, doctree: nodes.document) -> None:
    """Give the sections of a Korean/Chinese chapter the ids of the English chapter's sections.

    Runs at ``doctree-read`` before Sphinx collects the page's table of contents, so the
    "On this page" links use the new ids. Only the ids docutils made from a heading are
    replaced (``id3``, or ``pickle`` from "pickle로 …"); explicit labels stay.
    """
    docname = app.env.docname
    english = _english_ids(app.env, docname)
    if english is None:
        return
    sections = _sections(doctree)
    if len(sections) != len(english):
        return  # the parity test reports the mismatch; keep docutils' ids meanwhile
    for section, new_id in zip(sections, english, strict=True):
        ids: list[str] = section["ids"]
        if not ids or not new_id or ids[0] == new_id or new_id in doctree.ids or not _automatic(section, ids[0]):
            continue
        old_id = ids[0]
        ids[0] = new_id
        doctree.ids[new_id] = section
        doctree.ids.pop(old_id, None)
        for name, target in list(doctree.nameids.items()):
            if target == old_id:
                doctree.nameids[name] = new_id


def english_first(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """When an English chapter changes, re-read its translations too (they copy its ids)."""
    again = []
    for docname in added | changed:
        if page_language(docname) == "en":
            again += [t for t in translations(app, docname).values() if t != docname and t not in changed]
    return again


# --- doctree: switcher, figures -----------------------------------------------------------------


def add_switcher(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the language switcher at the top of every chapter page."""
    if app.builder.format != "html":
        return
    lang = page_language(docname)
    if lang is None:
        return
    items = []
    for code, target in translations(app, docname).items():
        name = escape(LANGUAGE_NAMES[code])
        if code == lang:
            items.append(f'<span class="lrnotes-lang-current" aria-current="page">{name}</span>')
        else:
            uri = escape(app.builder.get_relative_uri(docname, target))
            items.append(f'<a href="{uri}" hreflang="{HTML_LANG[code]}" lang="{HTML_LANG[code]}">{name}</a>')
    html = (
        f'<nav class="lrnotes-lang-switcher" aria-label="{SWITCHER_LABEL[lang]}" data-pagefind-ignore="all">'
        + " · ".join(items)
        + "</nav>"
    )
    doctree.insert(0, nodes.raw("", html, format="html"))


def describe_figures(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Alt text for the figures: "Figure 2: StepLR: … — Plot with variants" in the page's language."""
    lang = page_language(docname) or "en"
    title_node = app.env.titles.get(docname)
    title = title_node.astext() if title_node is not None else ""
    number = 0
    for image in doctree.findall(nodes.image):
        alt = str(image.get("alt", ""))
        if alt and alt != image.get("uri") and not alt.endswith((".png", ".svg", ".jpg")):
            continue
        number += 1
        section = image.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        heading = ""
        if section is not None and section.children and isinstance(section[0], nodes.title):
            heading = section[0].astext()
        parts = [title] + ([heading] if heading and heading != title else [])
        image["alt"] = f"{FIGURE[lang]} {number}: " + " — ".join(parts)


# --- html pages ---------------------------------------------------------------------------------


def _part(app: Sphinx, lang: Language) -> list[str]:
    """The chapters of one language in the order of ``_toc.yml``."""
    order = app.env.toctree_includes.get(ROOT_DOC, [])
    return [doc for doc in order if page_language(doc) == lang]


def _link(app: Sphinx, pagename: str, target: str) -> dict[str, str]:
    title = app.env.titles.get(target)
    rendered = app.builder.render_partial(title)["title"] if title is not None else target  # type: ignore[attr-defined]
    return {"link": app.builder.get_relative_uri(pagename, target), "title": rendered}


def same_language_neighbours(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Previous/next links that stay in the page's language (its part of the toc)."""
    lang = page_language(pagename)
    if lang is None:
        return
    part = _part(app, lang)
    if pagename not in part:
        return
    index = part.index(pagename)
    context["prev"] = _link(app, pagename, part[index - 1]) if index > 0 else None
    context["next"] = _link(app, pagename, part[index + 1]) if index + 1 < len(part) else None


def _only_my_part(html: str, lang: Language) -> str:
    """Keep the caption and list of one language's part in the sidebar's HTML."""
    from bs4 import BeautifulSoup  # a dependency of pydata-sphinx-theme

    soup = BeautifulSoup(html, "html.parser")
    captions = soup.select("p.caption")
    if len(captions) != len(LANGUAGES):
        return html
    for caption, code in zip(captions, LANGUAGES, strict=True):
        listing = caption.find_next_sibling("ul")
        if code != lang:
            caption.decompose()
            if listing is not None:
                listing.decompose()
    return str(soup)


def sidebar_of_one_language(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    lang = page_language(pagename)
    generate = context.get("generate_toctree_html")
    if lang is None or generate is None:
        return

    def generate_one_language(kind: str, *args: Any, **kwargs: Any) -> Any:
        html = generate(kind, *args, **kwargs)
        return _only_my_part(str(html), lang) if kind == "sidebar" else html

    context["generate_toctree_html"] = generate_one_language


def set_page_language(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``<html lang>``, ``hreflang`` links, sidebar, prev/next, and the Pagefind body."""
    if "body" in context and doctree is not None:
        # Index the article only, without the "#" of the heading links.
        body = context["body"].replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')
        context["body"] = f"<div data-pagefind-body>{body}</div>"
    lang = page_language(pagename)
    if lang is None:
        return
    context["language"] = HTML_LANG[lang]
    links = []
    for code, target in translations(app, pagename).items():
        # get_relative_uri gives "" for the page itself; name its own file instead.
        uri = app.builder.get_relative_uri(pagename, target) or posixpath.basename(app.builder.get_target_uri(pagename))
        links.append(f'<link rel="alternate" hreflang="{HTML_LANG[code]}" href="{escape(uri)}" />')
    context["metatags"] = context.get("metatags", "") + "\n".join(links)
    same_language_neighbours(app, pagename, context)
    sidebar_of_one_language(app, pagename, context)


# --- search ------------------------------------------------------------------------------------


def pagefind_command() -> list[str] | None:
    """The command that runs Pagefind's extended binary, or None if it is not installed."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    binary: Path | None = get_executable()
    return None if binary is None else [str(binary)]


def run_pagefind(app: Sphinx, exception: Exception | None) -> None:
    """Index the built pages for search (``<outdir>/pagefind``)."""
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    command = pagefind_command()
    if command is None:
        logger.warning("pagefind is not installed: the book has no search (pip install 'pagefind[extended]')")
        return
    result = subprocess.run(
        [*command, "--site", str(app.outdir)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if result.returncode != 0:
        logger.warning("pagefind failed:\n%s", (result.stdout + result.stderr)[-3000:])
        return
    summary = [line.strip() for line in result.stdout.splitlines() if "Indexed" in line or "language" in line]
    logger.info("pagefind: %s", "; ".join(summary) or "done")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", configure)
    app.connect("doctree-read", stable_section_ids, priority=400)  # before the toc collector
    app.connect("env-get-outdated", english_first)
    app.connect("doctree-resolved", add_switcher)
    app.connect("doctree-resolved", describe_figures)
    app.connect("html-page-context", set_page_language, priority=600)  # after the theme's
    app.connect("build-finished", run_pagefind)
    app.add_css_file("lrnotes.css")
    app.add_js_file("lrnotes.js", defer="defer")
    if (STATIC / "lrnotes-explorer.js").is_file():  # the kernel-free explorer (lrnotes/widgets.py)
        app.add_js_file("lrnotes-explorer.js", defer="defer")
    return {"version": "2", "parallel_read_safe": False, "parallel_write_safe": True}
