"""A page body cut into its sections (by the ids of its `##` headings) and each section into blocks.

A translation keeps the English heading ids, so the same id finds the same section in both
languages: review packs and the bilingual pages line the two up by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

INTRO = ""  # the id of the text before the first heading
LIST_TAGS = ("ul", "ol", "dl")
BLOCK_CONTAINERS = ("div", "blockquote", "details", "section")
# How rendering.page_url_from_content writes a link to a page (or glossary entry) of the guide.
RELATIVE_PAGE_LINK = re.compile(r"^\.\./(?P<rest>[a-z0-9-]+/index\.html(?:#[\w-]+)?)$")


@dataclass(frozen=True)
class Block:
    """One thing a translator checks on its own: a heading, a paragraph, a list item, a table row."""

    kind: str  # "heading", "paragraph", "list item", "table row"
    text: str


@dataclass(frozen=True)
class Section:
    id: str  # the `##` heading's id, or INTRO
    html: str  # the section's HTML, its heading included
    blocks: tuple[Block, ...]


def sections(body_html: str) -> tuple[Section, ...]:
    """The sections of a page body, in order; the intro comes first when there is text before a heading."""
    root = lxml.html.fragment_fromstring(body_html or "<p></p>", create_parent="div")
    found: list[tuple[str, list]] = [(INTRO, [])]
    for child in root:
        if child.tag == "h2":
            found.append((child.get("id") or "", []))
        found[-1][1].append(child)
    return tuple(
        Section(
            section_id, _html(elements), tuple(block for element in elements for block in _blocks(element))
        )
        for section_id, elements in found
        if elements
    )


def _html(elements: list) -> str:
    return "".join(lxml.html.tostring(element, encoding="unicode") for element in elements)


def _blocks(element) -> list[Block]:
    if not isinstance(element.tag, str):  # a comment
        return []
    if element.tag in LIST_TAGS:
        items = [child for child in element if child.tag in ("li", "dt", "dd")]
        return [block for item in items for block in _list_item(item)]
    if element.tag == "table":
        return [Block("table row", " | ".join(_text(cell) for cell in row)) for row in element.iter("tr")]
    if element.tag in BLOCK_CONTAINERS and len(element):
        return [block for child in element for block in _blocks(child)]
    kind = "heading" if re.fullmatch(r"h[1-6]", element.tag) else "paragraph"
    text = _text(element)
    return [Block(kind, text)] if text else []


def _list_item(item) -> list[Block]:
    """A list item's own text is one block; a list inside it gives blocks of its own."""
    nested = [child for child in item if child.tag in LIST_TAGS]
    for child in nested:
        item.remove(child)
    own = _text(item)
    blocks = [Block("list item", own)] if own else []
    return blocks + [block for child in nested for block in _blocks(child)]


def _text(element) -> str:
    return " ".join(element.text_content().split())


def relink(html: str, prefix: str, id_prefix: str = "") -> str:
    """Section HTML moved one folder deeper (or into another language): page links get `prefix`.

    With `id_prefix`, ids and links within the page get it too, so that two copies of a page's
    headings can share one page.
    """
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    for element in root.iter():
        if id_prefix and element.get("id"):
            element.set("id", id_prefix + element.get("id"))
    for link in root.iter("a"):
        href = link.get("href", "")
        if match := RELATIVE_PAGE_LINK.match(href):
            link.set("href", prefix + match["rest"])
        elif href.startswith("#") and id_prefix:
            link.set("href", "#" + id_prefix + href[1:])
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
