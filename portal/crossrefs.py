"""Checks that need every page loaded: links between pages, topics, translations against English,
and the Easy Read pages against the family pages and each other."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from portal.easyread import INDEX, EasyReadPage
from portal.errors import ErrorList, display_path
from portal.languages import SOURCE_LANGUAGE
from portal.models import LanguageContent, Page
from portal.rendering import BUILTIN_PAGES

# Front matter keys that place a page in the site: a translation must have the English values.
STRUCTURAL_KEYS = ("audience", "topic", "order")


@dataclass(frozen=True)
class Link:
    """A link from a page to another page, kept for checking once every page is loaded."""

    page: Page
    slug: str
    fragment: str | None
    line: int | None


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


def check_cross_references(
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
                elif changed := _changed_structural_keys(english, page):
                    for key in changed:
                        errors.add(
                            page.source_path,
                            page.lines.get(key),
                            f"'{key}' must be the same as on the English page ({getattr(english, key)}): "
                            "a translation cannot change it; change the English page instead",
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
                elif english.revision != page.translation_of[1] and page.translation_status == "reviewed":
                    warnings.append(
                        f"{display_path(page.source_path)}: 'translation_status: reviewed' is not accepted: the "
                        f"English page has changed since the translator checked it (checked against "
                        f"{page.translation_of[1]}, now {english.revision}), so readers see it as out of date. "
                        "Make a review pack, have the changes translated and checked, then set "
                        f"'translation_of: {page.slug}@{english.revision}' and the new 'reviewed_on' date"
                    )
                elif english.revision != page.translation_of[1]:
                    warnings.append(
                        f"{display_path(page.source_path)}: out of date: the English page has changed since this "
                        f"translation (translated {page.translation_of[1]}, now {english.revision})"
                    )


def _changed_structural_keys(english: Page, translation: Page) -> list[str]:
    """Keys that place the page in the site (who it is for, its topic and order) that differ from English."""
    return [key for key in STRUCTURAL_KEYS if getattr(translation, key) != getattr(english, key)]


def _missing_heading_ids(english: Page, translation: Page) -> list[str]:
    """English section ids the translation lacks (so a link to page#section would break)."""
    translated = {heading.id for heading in translation.headings}
    return [heading.id for heading in english.headings if heading.id not in translated]


def check_easy_read(
    easy_read: Mapping[str, Mapping[str, EasyReadPage]],
    family_pages: Collection[str],
    source_lang: str,
    errors: ErrorList,
    warnings: list[str],
) -> None:
    """Links, the family pages each page covers, and translations against the English pages."""
    english = easy_read.get(source_lang, {})
    for page in english.values():
        for slug in page.pages:
            if slug not in family_pages:
                errors.add(
                    page.source_path,
                    page.lines.get("pages"),
                    f"'pages' names '{slug}': there is no such page",
                )
    for pages in easy_read.values():
        for page in pages.values():
            for slug, line in page.internal_links:
                if (slug not in english or slug == INDEX) and slug != "dates":
                    errors.add(
                        page.source_path,
                        line,
                        f"link to '{slug}': there is no Easy Read page with that name "
                        f"(use one of {', '.join(sorted(set(english) - {INDEX}))}, or dates)",
                    )
    for code, pages in easy_read.items():
        if code == source_lang:
            continue
        for page in pages.values():
            original = english.get(page.slug)
            if original is None:
                errors.add(page.source_path, None, "there is no English Easy Read page with this name")
                continue
            if page.translation_of and page.translation_of[0] != page.slug:
                errors.add(
                    page.source_path,
                    page.lines.get("translation_of"),
                    f"'translation_of' names '{page.translation_of[0]}': a translation keeps the English "
                    f"file name ('{page.slug}')",
                )
            elif page.translation_of and page.translation_of[1] != original.revision:
                warnings.append(
                    f"{display_path(page.source_path)}: the English Easy Read page has changed since this translation "
                    f"(now {original.slug}@{original.revision})"
                )
            if page.order != original.order:
                errors.add(
                    page.source_path,
                    page.lines.get("order"),
                    f"'order' must be {original.order}, as on the English page",
                )
            pictures = [point.picture for point in page.points]
            if pictures != [point.picture for point in original.points]:
                errors.add(
                    page.source_path,
                    None,
                    "a translation has the same points with the same pictures, in the same order, as "
                    f"the English page {original.source_path.name}",
                )
