"""The search index: each language's pages, sections and word list entries, from the site model.

The browser (static/js/search.js) builds its MiniSearch index from this list when the reader
first searches; matching and normalisation happen there, in one place. The list is written as
a classic script (`search-index.js`, assigning to a global) so that it loads from file://,
where fetch() and module scripts are blocked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import lxml.html

from portal.models import Page, Site
from portal.rendering import PLACEHOLDER

INDEX_GLOBAL = "coreGroupSearchIndex"
INDEX_FILENAME = "search-index.js"
SECTION_HEADINGS = ("h2", "h3")
# Sections the site adds around every page say nothing about the page itself.
SKIPPED_SECTION_IDS = ("related-pages",)
BLOCKS = ("p", "li", "dt", "dd", "td", "th", "br", "div", "tr", "summary", "blockquote")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    """A stretch of a page between two headings: where a search result links to."""

    anchor: str  # the heading's id; empty for the text before the first heading
    heading: str
    text: str


def page_sections(page: Page) -> tuple[Section, ...]:
    """The page cut at its h2 and h3 headings; the summary opens the first section."""
    sections = [Section("", "", page.summary)]
    if page.body_html.strip():
        root = lxml.html.fragment_fromstring(page.body_html, create_parent="div")
        for element in root:
            if element.tag in SECTION_HEADINGS and element.get("id"):
                sections.append(Section(element.get("id"), _text(element), ""))
            else:
                last = sections[-1]
                sections[-1] = Section(last.anchor, last.heading, f"{last.text} {_text(element)}")
    return tuple(
        Section(section.anchor, section.heading, _clean(section.text))
        for section in sections
        if section.anchor not in SKIPPED_SECTION_IDS and (section.heading or section.text.strip())
    )


def _text(element) -> str:
    """The element's words, with a space where one block (a list item, a cell) ends and the next begins."""
    for block in element.iter(*BLOCKS):
        block.tail = " " + (block.tail or "")
    return element.text_content()


def _clean(text: str) -> str:
    return SPACES.sub(" ", PLACEHOLDER.sub(" ", text)).strip()


def search_index(site: Site, lang: str, glossary_title: str) -> dict:
    """What a reader of `lang` can search: its pages (English where not translated) and word list.

    `pages` are [address from the language's folder, title, language of the text when it is
    not the reader's]; `sections` are [page number, heading id, heading, text].
    """
    pages: list[list[str]] = []
    sections: list[list] = []
    for page in site.pages_in(lang):
        pages.append([f"{page.slug}/index.html", page.title, "" if page.lang == lang else page.lang])
        for section in page_sections(page):
            sections.append([len(pages) - 1, section.anchor, section.heading, section.text])
    glossary = site.glossary_in(lang)
    glossary_lang = "" if site.content[lang].glossary or not glossary else site.source.language.code
    pages.append(["glossary/index.html", glossary_title, glossary_lang])
    for entry in glossary:
        sections.append([len(pages) - 1, entry.id, entry.term, _clean(entry.definition)])
    return {"lang": lang, "pages": pages, "sections": sections}


def index_script(index: dict) -> str:
    """The index as a classic script (JSON is valid JavaScript since ES2019, U+2028 included)."""
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"self.{INDEX_GLOBAL}={data};\n"
