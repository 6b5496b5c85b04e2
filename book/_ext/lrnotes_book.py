"""Sphinx extension of the lrnotes book: each page's language, and a language switcher.

Pages under ``book/<lang>/`` get ``<html lang>`` set to their language (en, ko, zh-Hans),
``<link rel="alternate" hreflang>`` tags for their translations, and a switcher at the top
of the page that links to the same chapter in the other languages.
"""

from __future__ import annotations

import posixpath
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from lrnotes.i18n import HTML_LANG, LANGUAGE_NAMES, LANGUAGES, Language


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
    html = '<nav class="lrnotes-lang-switcher" aria-label="Language">' + " · ".join(items) + "</nav>"
    doctree.insert(0, nodes.raw("", html, format="html"))


def set_page_language(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Set ``<html lang>`` and the ``hreflang`` links of a chapter page."""
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


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", add_switcher)
    app.connect("html-page-context", set_page_language)
    app.add_css_file("lrnotes.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
