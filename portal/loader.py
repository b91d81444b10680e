"""Reads content/ into a validated, immutable Site, reporting every problem together."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from portal.config import load_site_config
from portal.errors import ErrorList, display_path
from portal.frontmatter import split_front_matter
from portal.languages import SOURCE_LANGUAGE, language
from portal.models import GlossaryEntry, LanguageContent, Page, Site, Topic
from portal.rendering import BUILTIN_PAGES, PLACEHOLDER, GlossaryTerm, MarkdownRenderer
from portal.schema import (
    PAGE_FIELDS,
    SLUG_PATTERN,
    Field,
    parse_fields,
    parse_order,
    parse_slug,
    parse_text,
)
from portal.timeline import load_calculator
from portal.yamlfile import YamlError, read_text, read_yaml_file, unwrap

# Names that are pages of the site itself, so no content file may use them.
RESERVED_SLUGS = frozenset(BUILTIN_PAGES) | {"topics", "static", "index"}
KNOWN_PLACEHOLDERS = ("contact", "local_procedures")
TOPIC_FIELDS = {
    "order": Field(parse_order, False),
    "title": Field(parse_text, True),
    "summary": Field(parse_text, True),
}
GLOSSARY_FIELDS = {
    "id": Field(parse_slug, True),
    "term": Field(parse_text, True),
    "match": Field(lambda value: tuple(parse_text(item) for item in unwrap(value)), False),
    "definition": Field(parse_text, True),
}


def revision_of(body: str) -> str:
    """A short fingerprint of a page's Markdown text; translations record the one they follow."""
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:10]


def load_site(content_dir: Path, today: datetime.date | None = None) -> Site:
    """Load and validate everything under content_dir; raise ContentErrors listing every problem."""
    today = today or datetime.date.today()
    errors = ErrorList()
    config = load_site_config(content_dir / "site.yaml", errors)
    renderer = MarkdownRenderer()
    content: dict[str, LanguageContent] = {}
    warnings: list[str] = []
    links: list[Link] = []
    existing: set[tuple[str, str]] = set()  # (language, page name) of every page file, loaded or not
    for code in config.languages:
        folder = content_dir / code
        if not folder.is_dir() and code == SOURCE_LANGUAGE:
            errors.add(content_dir / "site.yaml", None, f"the English content folder {folder} is missing")
            continue
        if not folder.is_dir():
            warnings.append(
                f"{display_path(folder)}: no content in '{code}' yet, so every page is shown in English"
            )
        content[code] = _load_language(code, folder, renderer, errors, links, existing)
    if SOURCE_LANGUAGE in content:
        _check_cross_references(content, links, existing, errors, warnings, today)
    calculator = load_calculator(content_dir, config.languages, config.bank_holidays, today, errors)
    errors.raise_if_any()
    return Site(
        config=config,
        content=MappingProxyType(content),
        warnings=tuple(warnings),
        calculator=MappingProxyType(calculator),
    )


def _load_language(
    code: str,
    folder: Path,
    renderer: MarkdownRenderer,
    errors: ErrorList,
    links: list[Link],
    existing: set[tuple[str, str]],
) -> LanguageContent:
    topics = _load_topics(folder / "topics.yaml", errors, required=code == SOURCE_LANGUAGE)
    glossary = _load_glossary(folder / "glossary.yaml", errors)
    terms = tuple(GlossaryTerm(entry.id, entry.forms) for entry in glossary)
    pages: dict[str, Page] = {}
    seen: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.md")):
        slug = path.stem.lower()
        if slug in seen:
            errors.add(
                path,
                None,
                f"another file already uses the page name '{slug}': {seen[slug]}; rename one",
            )
            continue
        seen[slug] = path
        if not SLUG_PATTERN.match(path.stem):
            errors.add(path, None, "rename the file using lower-case letters, digits and hyphens only")
            continue
        if slug in RESERVED_SLUGS:
            errors.add(path, None, f"'{slug}' is the name of a built-in page; choose another file name")
            continue
        existing.add((code, slug))
        page = _load_page(path, code, renderer, terms, errors, links)
        if page is not None:
            pages[slug] = page
    return LanguageContent(
        language=language(code),
        pages=MappingProxyType(pages),
        topics=MappingProxyType(topics),
        glossary=glossary,
    )


@dataclass(frozen=True)
class Link:
    """A link from a page to another page, kept for checking once every page is loaded."""

    page: Page
    slug: str
    fragment: str | None
    line: int | None


def _load_page(
    path: Path,
    code: str,
    renderer: MarkdownRenderer,
    terms: tuple[GlossaryTerm, ...],
    errors: ErrorList,
    links: list[Link],
) -> Page | None:
    try:
        split = split_front_matter(read_text(path))
    except YamlError as error:
        errors.add(path, error.line, str(error))
        return None
    values, problems = parse_fields(split.fields, PAGE_FIELDS, 1)
    for line, message in problems:
        errors.add(path, line, message)
    if problems:
        return None
    if values["review_by"] <= values["reviewed"]:
        errors.add(path, split.fields["review_by"].line, "'review_by' must be a date after 'reviewed'")
    is_translation = code != SOURCE_LANGUAGE
    for key in ("translation_of", "translation_status"):
        if is_translation and key not in values:
            errors.add(path, 1, f"a translated page needs '{key}' (see content/README.md, Translations)")
        if not is_translation and key in values:
            errors.add(path, split.fields[key].line, f"'{key}' belongs only on translated pages")
    if is_translation and "translation_of" in values and values["translation_of"][0] != path.stem:
        errors.add(
            path,
            split.fields["translation_of"].line,
            f"'translation_of' names '{values['translation_of'][0]}' but a translation keeps the "
            f"English file name ('{path.stem}')",
        )
    for number, line_text in enumerate(split.body.splitlines(), split.body_first_line):
        for name in PLACEHOLDER.findall(line_text):
            if name not in KNOWN_PLACEHOLDERS:
                errors.add(
                    path,
                    number,
                    f"unknown placeholder '{{{{ {name} }}}}'; use one of: {', '.join(KNOWN_PLACEHOLDERS)}",
                )
    glossary_terms = terms if values["audience"] in ("families", "both") else ()
    rendered = renderer.render(split.body, glossary_terms)
    for href in rendered.bad_links:
        errors.add(
            path,
            _line_of(split.body, href, split.body_first_line),
            f"link '{href}': link to a page by its name, e.g. (what-is-a-core-group), "
            "or to another site with a full https:// address",
        )
    page = Page(
        slug=path.stem,
        lang=code,
        title=values["title"],
        summary=values["summary"],
        audience=values["audience"],
        topic=values["topic"],
        order=values["order"],
        reviewed=values["reviewed"],
        review_by=values["review_by"],
        sources=values["sources"],
        body_html=rendered.html,
        headings=rendered.headings,
        source_path=path,
        revision=revision_of(split.body),
        translation_of=values.get("translation_of"),
        translation_status=values.get("translation_status"),
    )
    for slug, fragment in rendered.internal_links:
        links.append(Link(page, slug, fragment, _line_of(split.body, f"({slug}", split.body_first_line)))
    return page


def _line_of(body: str, needle: str, first_line: int) -> int | None:
    index = body.find(needle)
    return body.count("\n", 0, index) + first_line if index >= 0 else None


def _load_topics(path: Path, errors: ErrorList, required: bool) -> dict[str, Topic]:
    if not path.exists():
        if required:
            errors.add(path, None, "the list of topics is missing (see content/README.md, Topics)")
        return {}
    raw = read_yaml_file(
        path, errors, dict, "write one topic name per line, each followed by order, title and summary"
    )
    if raw is None:
        return {}
    topics: dict[str, Topic] = {}
    for topic_id, located in raw.items():
        if not SLUG_PATTERN.match(topic_id):
            errors.add(
                path,
                located.line,
                f"topic name '{topic_id}': use lower-case letters, digits and hyphens",
            )
            continue
        if not isinstance(located.value, dict):
            errors.add(path, located.line, f"topic '{topic_id}' needs order, title and summary")
            continue
        values, problems = parse_fields(located.value, TOPIC_FIELDS, located.line)
        if required and "order" not in values and not problems:
            problems.append((located.line, f"topic '{topic_id}' needs an 'order'"))
        for line, message in problems:
            errors.add(path, line, f"topic '{topic_id}': {message}")
        if not problems:
            topics[topic_id] = Topic(topic_id, values.get("order", 0), values["title"], values["summary"])
    return topics


def _load_glossary(path: Path, errors: ErrorList) -> tuple[GlossaryEntry, ...]:
    if not path.exists():
        return ()
    raw = read_yaml_file(
        path, errors, list, "the glossary must be a list of entries, each starting with '- id:'"
    )
    if raw is None:
        return ()
    entries: list[GlossaryEntry] = []
    for item in raw:
        if not isinstance(item.value, dict):
            errors.add(path, item.line, "each entry needs id, term and definition")
            continue
        values, problems = parse_fields(item.value, GLOSSARY_FIELDS, item.line)
        for line, message in problems:
            errors.add(path, line, message)
        if problems:
            continue
        if any(entry.id == values["id"] for entry in entries):
            errors.add(path, item.line, f"the id '{values['id']}' is used twice")
            continue
        forms = values.get("match") or (values["term"],)
        entries.append(GlossaryEntry(values["id"], values["term"], forms, values["definition"]))
    return tuple(entries)


def _check_links(
    content: dict[str, LanguageContent], links: list[Link], existing: set[tuple[str, str]], errors: ErrorList
) -> None:
    """Every link names a page that exists, and a #fragment an id on that page."""
    source = content[SOURCE_LANGUAGE]
    for link in links:
        lang_content = content[link.page.lang]
        glossary_ids = {entry.id for entry in lang_content.glossary or source.glossary}
        target = lang_content.pages.get(link.slug) or source.pages.get(link.slug)
        where = (link.page.source_path, link.line)
        if target is None and (SOURCE_LANGUAGE, link.slug) in existing:
            continue  # the page exists but has its own errors, already reported
        if target is None and link.slug not in BUILTIN_PAGES:
            errors.add(*where, f"link to '{link.slug}': there is no page with that name")
        elif link.fragment and link.slug == "glossary" and link.fragment not in glossary_ids:
            errors.add(
                *where,
                f"link to 'glossary#{link.fragment}': the glossary has no entry '{link.fragment}'",
            )
        elif link.fragment and target is not None and link.fragment not in {h.id for h in target.headings}:
            errors.add(
                *where,
                f"link to '{link.slug}#{link.fragment}': that page has no heading with id '{link.fragment}'",
            )


def _check_cross_references(
    content: dict[str, LanguageContent],
    links: list[Link],
    existing: set[tuple[str, str]],
    errors: ErrorList,
    warnings: list[str],
    today: datetime.date,
) -> None:
    """Links, topics and translations: checks that need every page loaded."""
    _check_links(content, links, existing, errors)
    source = content[SOURCE_LANGUAGE]
    for code, lang_content in content.items():
        for page in lang_content.pages.values():
            if page.topic not in source.topics:
                errors.add(
                    page.source_path,
                    None,
                    f"topic '{page.topic}' is not in {SOURCE_LANGUAGE}/topics.yaml",
                )
            if page.review_by < today:
                warnings.append(
                    f"{page.source_path}: review is overdue (review_by {page.review_by.isoformat()})"
                )
            if code != SOURCE_LANGUAGE and page.translation_of:
                english = source.pages.get(page.slug)
                if english is None and (SOURCE_LANGUAGE, page.slug) in existing:
                    pass  # the English page has its own errors, already reported
                elif english is None:
                    errors.add(
                        page.source_path,
                        None,
                        f"there is no English page '{page.slug}' for this to translate",
                    )
                elif missing := _missing_heading_ids(english, page):
                    errors.add(
                        page.source_path,
                        None,
                        "links to sections must work in every language: after each translated heading "
                        "add the English heading's id, e.g. '## Translated heading {#"
                        + missing[0]
                        + "}'. Missing: "
                        + ", ".join(missing),
                    )
                elif english.revision != page.translation_of[1]:
                    warnings.append(
                        f"{display_path(page.source_path)}: out of date: the English page has changed since this "
                        f"translation (translated {page.translation_of[1]}, now {english.revision})"
                    )


def _missing_heading_ids(english: Page, translation: Page) -> list[str]:
    """English section ids the translation lacks (so a link to page#section would break)."""
    translated = {heading.id for heading in translation.headings}
    return [heading.id for heading in english.headings if heading.id not in translated]
