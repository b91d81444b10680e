"""Markdown to safe HTML: the one configured Markdown instance the whole site uses."""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

from portal.parallel import fork_map
from portal.timeline.model import DATE_FIELDS

# Built-in pages that content may link to by name, like any Markdown page.
BUILTIN_PAGES = (
    "glossary",
    "calculator",
    "leaflets",
    "families",
    "professionals",
    "easy-read",
    "accessibility",
    "privacy",
    "about",
)

# An internal link is written as the page's name, optionally with a #fragment.
INTERNAL_LINK = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)(?:#(?P<fragment>[\w-]+))?$")
EXTERNAL_SCHEMES = ("https://", "http://", "mailto:", "tel:")
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]+)\s*\}\}")

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
# Content may not copy the site's own controls (a look-alike Exit button pointing anywhere): ids
# only on headings (section links), and no classes but the glossary links this module makes.
HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href", "hreflang", "class"},
    **{tag: {"id"} for tag in HEADING_TAGS},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
}
# Ids the site's own templates use: a heading in content may not take one, or a link or script
# would find the wrong element. Read from the templates themselves, so a new control is covered
# the day it is added; an id made from a template variable ("topic-{{ id }}") reserves its prefix.
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
_TEMPLATE_IDS = tuple(
    value
    for template in sorted(TEMPLATES_DIR.rglob("*.html"))
    for value in re.findall(r'\bid="([^"]*)"', template.read_text(encoding="utf-8"))
)
RESERVED_IDS = frozenset(value for value in _TEMPLATE_IDS if "{{" not in value)
# The calculator's date fields are named by a template variable (id="{{ name }}-day").
RESERVED_ID_PREFIXES = tuple(
    sorted(
        ({value.split("{{")[0] for value in _TEMPLATE_IDS if "{{" in value} - {""})
        | {f"{field}-" for field in DATE_FIELDS}
        | {"en-"}  # the English copy of a page's headings on its bilingual version (portal.review.pairing)
    )
)
# Inside these elements a glossary word is never turned into a link.
NO_GLOSSARY_LINKS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dt"}


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class GlossaryTerm:
    """A glossary entry's id and the word forms that link to it."""

    id: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: tuple[Heading, ...]
    internal_links: tuple[tuple[str, str | None], ...]  # (page name, fragment)
    bad_links: tuple[str, ...]  # hrefs that look like a local path rather than a page name


def page_url_from_content(slug: str, fragment: str | None) -> str:
    """The relative URL of a page as seen from another content page (both at /<lang>/<name>/)."""
    url = f"../{slug}/index.html"
    return f"{url}#{fragment}" if fragment else url


class _LinkProcessor(Treeprocessor):
    """Rewrites links written as page names and remembers them for checking."""

    def run(self, root: etree.Element) -> None:
        state = self.md.page_state
        for anchor in root.iter("a"):
            href = anchor.get("href", "")
            match = INTERNAL_LINK.match(href)
            if match:
                state["internal_links"].append((match["slug"], match["fragment"]))
                anchor.set("href", page_url_from_content(match["slug"], match["fragment"]))
            elif href and not href.startswith(EXTERNAL_SCHEMES + ("#",)) and ":" not in href:
                state["bad_links"].append(href)


class _GlossaryProcessor(Treeprocessor):
    """Links the first use of each glossary word on the page to its definition."""

    def run(self, root: etree.Element) -> None:
        terms: tuple[GlossaryTerm, ...] = self.md.page_state["glossary"]
        if not terms:
            return
        forms = sorted(((form, term.id) for term in terms for form in term.forms), key=lambda f: -len(f[0]))
        self.pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(form) for form, _ in forms) + r")(?!\w)", re.IGNORECASE
        )
        self.id_of = {form.casefold(): term_id for form, term_id in forms}
        self.linked: set[str] = set()
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in NO_GLOSSARY_LINKS:
            return
        element.text = self._link_text(element, element.text, position=0)
        for child in list(element):
            self._walk(child)
            child.tail = self._link_text(element, child.tail, position=list(element).index(child) + 1)

    def _link_text(self, parent: etree.Element, text: str | None, position: int) -> str | None:
        """Split `text` at the first not-yet-linked glossary word and insert a link there."""
        if not text:
            return text
        for match in self.pattern.finditer(text):
            term_id = self.id_of[match.group(1).casefold()]
            if term_id in self.linked or not _is_whole_word(text, match.start(), match.end()):
                continue
            self.linked.add(term_id)
            link = etree.Element(
                "a", {"href": page_url_from_content("glossary", term_id), "class": "glossary-term"}
            )
            link.text = match.group(1)
            parent.insert(position, link)
            # The rest of the text becomes the link's tail; other words in it may link too.
            link.tail = self._link_text(parent, text[match.end() :], position + 1)
            return text[: match.start()]
        return text


def _is_word_character(character: str) -> bool:
    """Letters, digits and combining marks (the vowel signs of Bengali, Gurmukhi, Gujarati...)."""
    return unicodedata.category(character)[0] in "LMN"


def _is_whole_word(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not part of a longer word.

    Regular expressions do not count combining marks as word characters, so without this a term followed by a vowel
    sign (কোর গ্রুপের) would match inside the longer word and split its letters.
    """
    before = start > 0 and _is_word_character(text[start - 1])
    after = end < len(text) and _is_word_character(text[end])
    return not before and not after


class _SiteExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_LinkProcessor(md), "site_links", 5)
        md.treeprocessors.register(_GlossaryProcessor(md), "site_glossary", 4)


class RenderCache:
    """Markdown rendered by an earlier build, by a hash of the text, the glossary and the renderer.

    Rendering is a pure function of those, so a hit is exactly what rendering again would give.
    `used` holds this build's entries, which the build keeps for the next one.
    """

    def __init__(self, entries: Mapping[str, list] | None = None) -> None:
        self.entries = entries or {}
        self.used: dict[str, list] = {}
        self._renderer = hashlib.sha256(Path(__file__).read_bytes())
        self._renderer.update(f"markdown {version('markdown')} nh3 {version('nh3')}".encode())
        self._keys: dict[tuple[str, tuple[GlossaryTerm, ...]], str] = {}  # asked twice: ahead, then loaded

    def key(self, text: str, glossary: tuple[GlossaryTerm, ...]) -> str:
        if (text, glossary) not in self._keys:
            digest = self._renderer.copy()
            digest.update(repr((text, glossary)).encode())
            self._keys[text, glossary] = digest.hexdigest()
        return self._keys[text, glossary]

    def get(self, key: str) -> Rendered | None:
        entry = self.entries.get(key)
        try:
            html, headings, internal_links, bad_links = entry
            rendered = Rendered(
                html,
                tuple(Heading(*heading) for heading in headings),
                tuple((slug, fragment) for slug, fragment in internal_links),
                tuple(bad_links),
            )
        except (TypeError, ValueError):
            return None  # no entry, or one this version cannot read
        self.used[key] = entry
        return rendered

    def put(self, key: str, rendered: Rendered) -> None:
        self.used[key] = [
            rendered.html,
            [[heading.level, heading.id, heading.text] for heading in rendered.headings],
            [list(link) for link in rendered.internal_links],
            list(rendered.bad_links),
        ]


class MarkdownRenderer:
    """The one configured Markdown instance; a lock keeps it safe in a threaded dev server."""

    def __init__(self, cache: RenderCache | None = None) -> None:
        self.cache = cache
        self._md = markdown.Markdown(
            extensions=[
                "tables",
                "attr_list",
                "def_list",
                "sane_lists",
                "toc",
                _SiteExtension(),
            ],
            extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-3"}},
            output_format="html",
        )
        self._lock = threading.Lock()
        self._ahead: dict[tuple[str, tuple[GlossaryTerm, ...]], Rendered] = {}  # see render_ahead

    def render(self, text: str, glossary: tuple[GlossaryTerm, ...] = ()) -> Rendered:
        """Render Markdown to sanitised HTML, linking glossary words when `glossary` is given."""
        key = self.cache.key(text, glossary) if self.cache is not None else ""
        if key and (cached := self.cache.get(key)) is not None:
            return cached
        rendered = self._ahead.pop((text, glossary), None) or self._render(text, glossary)
        if key:
            self.cache.put(key, rendered)
        return rendered

    def render_ahead(self, texts: Iterable[tuple[str, tuple[GlossaryTerm, ...]]]) -> None:
        """Render these (text, glossary) pairs now, on every core, for render() to take when asked.

        Rendering is most of the time of loading many pages. A pair that is never asked for again
        is dropped at the next call.
        """
        wanted = [
            pair
            for pair in dict.fromkeys(texts)
            if self.cache is None or self.cache.key(*pair) not in self.cache.entries
        ]
        self._ahead = dict(zip(wanted, fork_map(self._render_pair, wanted), strict=True))

    def _render_pair(self, pair: tuple[str, tuple[GlossaryTerm, ...]]) -> Rendered:
        return self._render(*pair)

    def _render(self, text: str, glossary: tuple[GlossaryTerm, ...]) -> Rendered:
        with self._lock:
            self._md.reset()
            self._md.page_state = {"internal_links": [], "bad_links": [], "glossary": glossary}
            raw_html = self._md.convert(text)
            headings = tuple(_flatten(self._md.toc_tokens))
            state = self._md.page_state
        return Rendered(
            html=sanitise(raw_html),
            headings=headings,
            internal_links=tuple(state["internal_links"]),
            bad_links=tuple(state["bad_links"]),
        )


def is_reserved_id(element_id: str) -> bool:
    """True for an id the site's own pages use for their controls and landmarks."""
    return element_id in RESERVED_IDS or element_id.startswith(RESERVED_ID_PREFIXES)


def _flatten(tokens: list[dict]) -> list[Heading]:
    headings: list[Heading] = []
    for token in tokens:
        headings.append(Heading(token["level"], token["id"], _strip_tags(token["name"])))
        headings += _flatten(token["children"])
    return headings


def _strip_tags(html: str) -> str:
    return nh3.clean(html, tags=set()).replace("&amp;", "&")


def _only_glossary_classes(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        return value if tag == "a" and value == "glossary-term" else None
    return value


def sanitise(html: str) -> str:
    """Keep only safe tags, attributes and URL schemes (no scripts, on* handlers, javascript:)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_only_glossary_classes,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )
