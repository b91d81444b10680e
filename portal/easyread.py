"""Easy Read pages: Markdown in content/<lang>/easy-read/, each point with a picture, checked as they load.

A page is a list of points and section headings. A point starts with its picture on a line of
its own, `![what it shows](picture:calendar)` (or `![](picture:calendar "decorative")` when the
words say it all), followed by its words. The loader reports, with the file and line, a point
without a picture, a picture without alt text, an unknown picture and a sentence over 15 words.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import lxml.html
from markdown.extensions.toc import slugify_unicode

from portal.errors import ErrorList
from portal.pictures import picture_names
from portal.rendering import MarkdownRenderer, sanitise
from portal.schema import (
    SLUG_PATTERN,
    Field,
    parse_date,
    parse_order,
    parse_text,
    parse_translation_of,
    parse_translation_status,
    read_page_fields,
)
from portal.yamlfile import as_written

FOLDER = "easy-read"
# index.md holds the points the Easy Read home page starts with; "dates" is the calculator's
# Easy Read page, so no page may take its name.
INDEX = "index"
RESERVED = frozenset({"dates"})
MAX_SENTENCE_WORDS = 15
PICTURE_LINE = re.compile(r'^!\[(?P<alt>[^\]]*)\]\(picture:(?P<name>[^\s)]*)(?:\s+"(?P<mark>[^"]*)")?\)\s*$')
HEADING_LINE = re.compile(r"^(?P<hashes>#+)\s*(?P<text>.*?)\s*$")
# Sentence ends in the site's languages: . ! ? and the Arabic, Urdu and Indic full stops.
SENTENCE_END = re.compile(r"(?<=[.!?\u061f\u06d4\u0964])\s+")
MARKDOWN_MARKS = re.compile(r"\*\*|__|[*_`]|\[|\]\([^)]*\)")
PICTURE_EXAMPLE = "![A calendar](picture:calendar)"


def parse_page_list(value) -> tuple[str, ...]:
    """The family pages an Easy Read page is the Easy Read version of (checked once all are loaded)."""
    if not isinstance(value, list) or not value:
        raise ValueError("list the family pages it covers, each on its own line starting with '- '")
    return tuple(parse_text(as_written(item)) for item in value)


FIELDS: dict[str, Field] = {
    "title": Field(parse_text, True, text=True),
    "summary": Field(parse_text, True, text=True),
    "order": Field(parse_order, True),
    "pages": Field(parse_page_list, False),
    "reviewed": Field(parse_date, True),
    "review_by": Field(parse_date, True),
    "translation_of": Field(parse_translation_of, False),
    "translation_status": Field(parse_translation_status, False),
}


@dataclass(frozen=True)
class Point:
    """One idea: a picture beside a few short sentences."""

    picture: str  # a name in static/pictures/
    alt: str  # "" only when the picture is marked decorative
    html: str  # the words, rendered and sanitised
    line: int

    @property
    def decorative(self) -> bool:
        return not self.alt


@dataclass(frozen=True)
class Section:
    """A heading (empty for the points before the first heading) and its points."""

    heading: str
    id: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class EasyReadPage:
    slug: str
    lang: str
    title: str
    summary: str
    order: int
    pages: tuple[str, ...]  # the family pages it is the Easy Read version of
    reviewed: datetime.date
    review_by: datetime.date
    sections: tuple[Section, ...]
    source_path: Path
    revision: str
    translation_of: tuple[str, str] | None = None
    translation_status: str | None = None
    internal_links: tuple[tuple[str, int], ...] = ()  # (page name, line), checked once all are loaded
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(point for section in self.sections for point in section.points)

    @property
    def is_draft_translation(self) -> bool:
        return self.translation_status == "draft"


def sentences(html: str) -> list[str]:
    """The sentences of rendered words: each paragraph and list item, split after . ! ? and the like."""
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    found = []
    for block in root.iter("p", "li", "h2", "h3"):
        text = " ".join("".join(_own_text(block)).split())
        found += [sentence for sentence in SENTENCE_END.split(text) if sentence]
    return found


def _own_text(block: lxml.html.HtmlElement):
    """The text of a block without that of nested lists (which are blocks of their own)."""
    yield block.text or ""
    for child in block:
        if child.tag not in ("ul", "ol", "p"):
            yield child.text_content()
        yield child.tail or ""


def word_count(sentence: str) -> int:
    return len(sentence.split())


def load_easy_read(
    folder: Path,
    code: str,
    renderer: MarkdownRenderer,
    errors: ErrorList,
    revision_of: Callable[[str], str],
    is_translation: bool,
) -> dict[str, EasyReadPage]:
    """Every Easy Read page in `folder` (content/<lang>/easy-read/), by page name."""
    if not folder.is_dir():
        return {}
    pages: dict[str, EasyReadPage] = {}
    for path in sorted(folder.glob("*.md")):
        if path.stem in RESERVED:
            errors.add(path, None, f"'{path.stem}' is the name of a built-in Easy Read page; choose another")
            continue
        page = _load(path, code, renderer, errors, revision_of, is_translation)
        if page is not None:
            pages[page.slug] = page
    for path in sorted(set(folder.rglob("*")) - set(folder.glob("*.md"))):
        if path.is_file() or path.suffix == ".md":
            errors.add(
                path, None, "only Easy Read pages (.md files) go in this folder, with no folders inside"
            )
    return pages


def _load(
    path: Path,
    code: str,
    renderer: MarkdownRenderer,
    errors: ErrorList,
    revision_of: Callable[[str], str],
    is_translation: bool,
) -> EasyReadPage | None:
    if not SLUG_PATTERN.match(path.stem):
        errors.add(path, None, "rename the file using lower-case letters, digits and hyphens only")
        return None
    parsed = read_page_fields(path, FIELDS, errors)
    if parsed is None:
        return None
    split, values = parsed
    for key in ("translation_of", "translation_status"):
        if is_translation and key not in values:
            errors.add(path, 1, f"a translated page needs '{key}' (see content/README.md, Easy Read)")
        if not is_translation and key in values:
            errors.add(path, split.fields[key].line, f"'{key}' belongs only on translated pages")
    if is_translation and "pages" in values:
        errors.add(path, split.fields["pages"].line, "'pages' comes from the English page: remove it here")
    sections, links = _parse_body(path, split.body, split.body_first_line, renderer, errors)
    return EasyReadPage(
        slug=path.stem,
        lang=code,
        title=values["title"],
        summary=values["summary"],
        order=values["order"],
        pages=values.get("pages", ()),
        reviewed=values["reviewed"],
        review_by=values["review_by"],
        sections=sections,
        source_path=path,
        revision=revision_of(split.body),
        translation_of=values.get("translation_of"),
        translation_status=values.get("translation_status"),
        internal_links=links,
        lines=MappingProxyType({key: located.line for key, located in split.fields.items()}),
    )


@dataclass
class _Draft:
    """A point being read: its picture line and the lines of its words."""

    picture: str
    alt: str
    line: int
    words: list[tuple[int, str]] = field(default_factory=list)


def _parse_body(
    path: Path, body: str, first_line: int, renderer: MarkdownRenderer, errors: ErrorList
) -> tuple[tuple[Section, ...], tuple[tuple[str, int], ...]]:
    known = picture_names()
    sections: list[Section] = []
    heading, heading_id = "", ""
    points: list[Point] = []
    links: list[tuple[str, int]] = []
    draft: _Draft | None = None

    def finish_point() -> None:
        nonlocal draft
        if draft is None:
            return
        if not any(text.strip() for _, text in draft.words):
            errors.add(path, draft.line, "this picture has no words: write the point's sentences below it")
        else:
            points.append(_render_point(path, draft, renderer, errors, links))
        draft = None

    def finish_section() -> None:
        finish_point()
        if points or heading:
            if not points:
                errors.add(path, heading_line, f"the heading '{heading}' has no points under it")
            sections.append(Section(heading, heading_id, tuple(points)))

    heading_line = first_line
    for number, text in enumerate(body.splitlines(), start=first_line):
        stripped = text.strip()
        if "{{" in text or "}}" in text:
            errors.add(path, number, "Easy Read pages write details out in words: no {{ placeholders }}")
        if match := HEADING_LINE.match(stripped):
            finish_section()
            if match["hashes"] != "##" or not match["text"]:
                errors.add(path, number, "a heading in an Easy Read page is one line starting with '## '")
            heading, heading_line, points = match["text"], number, []
            heading_id = slugify_unicode(heading, "-")
        elif stripped.startswith("!["):
            finish_point()
            draft = _picture(path, number, stripped, known, errors)
        elif draft is not None:
            draft.words.append((number, text))
        elif stripped:
            errors.add(
                path,
                number,
                f"this text has no picture: start each point with its picture on a line of its own, "
                f"e.g. {PICTURE_EXAMPLE}",
            )
    finish_section()
    if not any(section.points for section in sections):
        errors.add(
            path, first_line, f"the page has no points: write each one as {PICTURE_EXAMPLE} and its words"
        )
    return tuple(sections), tuple(links)


def _picture(path: Path, number: int, line: str, known: frozenset[str], errors: ErrorList) -> _Draft:
    match = PICTURE_LINE.match(line)
    if match is None:
        errors.add(
            path, number, f"write a picture alone on its line as {PICTURE_EXAMPLE} (see content/README.md)"
        )
        return _Draft("", "", number)
    name, alt, mark = match["name"], " ".join(match["alt"].split()), match["mark"]
    if name not in known:
        errors.add(path, number, f"there is no picture '{name}': use one of {', '.join(sorted(known))}")
    if mark is not None and mark != "decorative":
        errors.add(path, number, f'"{mark}": the only mark a picture can have is "decorative"')
    if not alt and mark != "decorative":
        errors.add(
            path,
            number,
            "the picture has no alt text: say in a few words what it shows, e.g. "
            f'{PICTURE_EXAMPLE}, or, when the words say it all, write ![](picture:{name} "decorative")',
        )
    if alt and mark == "decorative":
        errors.add(path, number, 'a decorative picture has no alt text: write ![](picture:... "decorative")')
    return _Draft(name, "" if mark == "decorative" else alt, number)


def _render_point(
    path: Path, draft: _Draft, renderer: MarkdownRenderer, errors: ErrorList, links: list[tuple[str, int]]
) -> Point:
    source = _one_sentence_a_line([text for _, text in draft.words])
    rendered = renderer.render(source)
    for href in rendered.bad_links:
        errors.add(
            path,
            _line_of(draft, href),
            f"link '{href}': link to another Easy Read page by its name, e.g. (meetings), "
            "to (dates), or to another site with a full https:// address",
        )
    for slug, _fragment in rendered.internal_links:
        links.append((slug, _line_of(draft, f"({slug}")))
    if "<img" in rendered.html or "![" in source:
        errors.add(path, draft.line, "a point has one picture, at its start: start a new point for another")
    for sentence in sentences(rendered.html):
        if word_count(sentence) > MAX_SENTENCE_WORDS:
            errors.add(
                path,
                _line_of_sentence(draft, sentence),
                f"this sentence has {word_count(sentence)} words, more than {MAX_SENTENCE_WORDS}: "
                f"split it into shorter ones ('{sentence}')",
            )
    return Point(draft.picture, draft.alt, sanitise(rendered.html), draft.line)


LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def _one_sentence_a_line(lines: list[str]) -> str:
    """The words as Markdown in which each line of text is a paragraph of its own (lists stay lists).

    Easy Read starts each sentence on a new line; Markdown would run the lines together.
    """
    out: list[str] = []
    for text in lines:
        in_list = bool(LIST_ITEM.match(text)) or text.startswith(("  ", "\t"))
        after_list = bool(out) and (bool(LIST_ITEM.match(out[-1])) or out[-1].startswith(("  ", "\t")))
        if text.strip() and out and out[-1].strip() and not (in_list and after_list):
            out.append("")
        out.append(text)
    return "\n".join(out)


def _line_of(draft: _Draft, needle: str) -> int:
    return next((number for number, text in draft.words if needle in text), draft.line)


def _line_of_sentence(draft: _Draft, sentence: str) -> int:
    """The line a sentence starts on, found by its first words in the Markdown without its marks."""
    start = " ".join(sentence.split()[:3])
    for number, text in draft.words:
        plain = " ".join(MARKDOWN_MARKS.sub("", text).lstrip("-*0123456789. ").split())
        if start and start in plain:
            return number
    return draft.line
