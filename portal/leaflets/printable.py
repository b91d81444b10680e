"""Page HTML made fit for paper: links a reader cannot follow become text, headings move down a level."""

from __future__ import annotations

import re
from collections.abc import Collection

import lxml.html
from markupsafe import Markup

# How rendering.page_url_from_content writes a link to another page of the guide.
PAGE_LINK = re.compile(r"^\.\./(?P<slug>[a-z0-9-]+)/index\.html(?:#(?P<fragment>[\w-]+))?$")
HEADINGS = ("h1", "h2", "h3", "h4", "h5")


def anchor(slug: str, fragment: str | None = None) -> str:
    """The id of a page (or of a section of it) inside a leaflet, unique across its pages."""
    return f"{slug}--{fragment}" if fragment else slug


def printable_body(
    html: str,
    *,
    slug: str,
    lang: str,
    base_url: str,
    in_leaflet: Collection[str],
    leave_out: Collection[str] = (),
) -> Markup:
    """A page body for a leaflet.

    Sections whose heading id is in `leave_out` are dropped; headings move down one level (the
    page title is the leaflet's h2); ids get the page name in front so they stay unique; a link to
    a page in the same leaflet points inside it, a link to any other page of the guide becomes
    the site's full address when `base_url` is set and plain text otherwise; glossary words
    become plain text.
    """
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    _leave_out_sections(root, leave_out)
    for element in root.iter(HEADINGS):
        element.tag = f"h{int(element.tag[1]) + 1}"
    for element in root.iter():
        if element.get("id"):
            element.set("id", anchor(slug, element.get("id")))
    for link in list(root.iter("a")):
        href = link.get("href", "")
        if "glossary-term" in (link.get("class") or "").split():
            link.drop_tag()
        elif href.startswith("#"):
            link.set("href", "#" + anchor(slug, href[1:]))
        elif match := PAGE_LINK.match(href):
            target = match["slug"]
            if target in in_leaflet:
                link.set("href", "#" + anchor(target, match["fragment"]))
            elif base_url:
                fragment = f"#{match['fragment']}" if match["fragment"] else ""
                link.set("href", f"{base_url}{lang}/{target}/{fragment}")
            else:
                link.drop_tag()
    return Markup(_inner_html(root))


def _leave_out_sections(root: lxml.html.HtmlElement, leave_out: Collection[str]) -> None:
    """Remove each h2 whose id is listed, and everything after it up to the next h2."""
    leaving = False
    for child in list(root):
        if child.tag == "h2":
            leaving = child.get("id") in leave_out
        if leaving:
            root.remove(child)  # its tail is whitespace between blocks


def _inner_html(root: lxml.html.HtmlElement) -> str:
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
