"""The site model: immutable pages, topics and glossary built once from content/."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from portal.config import SiteConfig
from portal.easyread import EasyReadPage
from portal.languages import SOURCE_LANGUAGE, Language, language
from portal.rendering import Heading
from portal.review.signoff import SignOff
from portal.sources import Source
from portal.timeline import CalculatorData

# Pages with at least this many sections get a list of contents.
CONTENTS_MIN_SECTIONS = 4
# Where a translation stands against its English page (the status report shows the same words).
DRAFT, REVIEWED, OUT_OF_DATE, MISSING = "draft", "reviewed", "out of date", "missing"
FAMILY_AUDIENCES = ("families", "both")  # pages for families, where word list terms are linked


@dataclass(frozen=True)
class Page:
    """One Markdown page in one language, rendered and validated."""

    slug: str
    lang: str
    title: str
    summary: str
    audience: str
    topic: str
    order: int
    reviewed: datetime.date
    review_by: datetime.date
    sources: tuple[str, ...]  # ids in Site.sources; empty on translations, which show English's
    body_html: str
    headings: tuple[Heading, ...]
    source_path: Path
    revision: str  # a hash of the Markdown text, which translations refer to
    translation_of: tuple[str, str] | None = None  # (English slug, English revision)
    translation_status: str | None = None
    reviewed_by: str | None = None  # who checked the translation (a translator or organisation)
    reviewed_on: datetime.date | None = None  # when they checked it
    replaces: tuple[str, str] | None = None  # a local page in place of a shared one: (its name, its revision)
    is_local: bool = False  # from the organisation's own folder, not the national guide
    # The line of each front matter key, for problems found once every page is loaded.
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)

    @property
    def is_for_families(self) -> bool:
        return self.audience in FAMILY_AUDIENCES

    @property
    def is_for_professionals(self) -> bool:
        return self.audience in ("professionals", "both")

    @property
    def is_draft_translation(self) -> bool:
        return self.translation_status == "draft"

    @property
    def contents(self) -> tuple[Heading, ...]:
        """The sections listed at the top of long pages (empty for short ones)."""
        sections = tuple(heading for heading in self.headings if heading.level == 2)
        return sections if len(sections) >= CONTENTS_MIN_SECTIONS else ()


@dataclass(frozen=True)
class LocalContact:
    """A block of local contact details shown at the end of one page, in the host's own words."""

    heading: str
    text: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""


@dataclass(frozen=True)
class Topic:
    id: str
    order: int
    title: str
    summary: str


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str
    forms: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class LanguageContent:
    """Everything written in one language; missing pages fall back to English."""

    language: Language
    pages: Mapping[str, Page]
    topics: Mapping[str, Topic]
    glossary: tuple[GlossaryEntry, ...]
    easy_read: Mapping[str, EasyReadPage] = field(default_factory=lambda: MappingProxyType({}))
    extras: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class PageInLanguage:
    """A page as shown to a reader of `lang`: the translation, or English as a fallback."""

    page: Page | EasyReadPage
    lang: str

    @property
    def is_fallback(self) -> bool:
        return self.page.lang != self.lang


@dataclass(frozen=True)
class Site:
    """The whole validated site; views only look things up here."""

    config: SiteConfig
    content: Mapping[str, LanguageContent]
    warnings: tuple[str, ...] = ()
    calculator: Mapping[str, CalculatorData] = field(default_factory=lambda: MappingProxyType({}))
    sources: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))
    # A translator's sign-off of each part that is not a page (review.yaml), by language and part.
    sign_offs: Mapping[str, Mapping[str, SignOff]] = field(default_factory=lambda: MappingProxyType({}))
    part_revisions: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({})
    )  # English, by part
    # From the organisation's local folder: contact blocks by page name, and what it replaced.
    local_contacts: Mapping[str, LocalContact] = field(default_factory=lambda: MappingProxyType({}))
    replacements: tuple[str, ...] = ()
    # Navigation worked out once per language and audience, not once per page that shows it.
    _navigation: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def languages(self) -> tuple[Language, ...]:
        return tuple(language(code) for code in self.config.languages)

    @property
    def source(self) -> LanguageContent:
        return self.content[SOURCE_LANGUAGE]

    @property
    def slugs(self) -> tuple[str, ...]:
        """Every page name, in navigation order (topic, then order within the topic)."""
        return tuple(page.slug for page in self.pages_in(SOURCE_LANGUAGE))

    def pages_in(self, lang: str, audience: str | None = None) -> tuple[Page, ...]:
        """The pages a reader of `lang` sees (with fallbacks), in navigation order."""
        key = ("pages", lang, audience)
        if key not in self._navigation:
            if audience is None:
                topic_order = {topic.id: topic.order for topic in self.source.topics.values()}
                pages = [self.page(lang, slug).page for slug in self.source.pages]
                pages.sort(key=lambda page: (topic_order.get(page.topic, 99), page.order, page.slug))
            elif audience == "families":
                pages = [page for page in self.pages_in(lang) if page.is_for_families]
            else:
                pages = [page for page in self.pages_in(lang) if page.is_for_professionals]
            self._navigation[key] = tuple(pages)
        return self._navigation[key]

    def pages_of_topic(self, lang: str, topic_id: str, audience: str | None = None) -> tuple[Page, ...]:
        """The pages of one topic a reader of `lang` sees, in navigation order."""
        key = ("topics", lang, audience)
        if key not in self._navigation:
            grouped: dict[str, list[Page]] = {}
            for page in self.pages_in(lang, audience):
                grouped.setdefault(page.topic, []).append(page)
            self._navigation[key] = {topic: tuple(pages) for topic, pages in grouped.items()}
        return self._navigation[key].get(topic_id, ())

    def page(self, lang: str, slug: str) -> PageInLanguage:
        """The page `slug` for a reader of `lang`; raises KeyError when no such page exists."""
        translated = self.content[lang].pages.get(slug)
        if translated is not None:
            return PageInLanguage(translated, lang)
        return PageInLanguage(self.source.pages[slug], lang)

    def translation_state(self, lang: str, slug: str) -> str:
        """DRAFT, REVIEWED, OUT_OF_DATE (the English changed since) or MISSING, for page `slug` in `lang`."""
        translated = self.content[lang].pages.get(slug)
        if translated is None or translated.translation_of is None:
            return MISSING
        if translated.translation_of[1] != self.source.pages[slug].revision:
            return OUT_OF_DATE
        return REVIEWED if translated.translation_status == REVIEWED else DRAFT

    def sources_of(self, slug: str) -> tuple[Source, ...]:
        """The documents a page's facts come from: the English page's list, in every language."""
        return tuple(self.sources[source_id] for source_id in self.source.pages[slug].sources)

    def languages_of(self, slug: str) -> tuple[str, ...]:
        """The languages a page is really written in (not counting English fallbacks)."""
        return tuple(code for code in self.config.languages if slug in self.content[code].pages)

    def topics_in(self, lang: str) -> tuple[Topic, ...]:
        """Topics in order, with titles in `lang` where translated."""
        topics = [self.topic(lang, topic_id) for topic_id in self.source.topics]
        return tuple(sorted(topics, key=lambda topic: topic.order))

    def topic(self, lang: str, topic_id: str) -> Topic:
        english = self.source.topics[topic_id]
        translated = self.content[lang].topics.get(topic_id, english)
        return Topic(topic_id, english.order, translated.title, translated.summary)

    def glossary_in(self, lang: str) -> tuple[GlossaryEntry, ...]:
        return self.content[lang].glossary or self.source.glossary

    def easy_read_pages(self, lang: str) -> tuple[EasyReadPage, ...]:
        """The Easy Read topic pages a reader of `lang` sees (English where not translated), in order."""
        pages = [self.easy_read_page(lang, slug).page for slug in self.source.easy_read if slug != "index"]
        return tuple(sorted(pages, key=lambda page: (page.order, page.slug)))

    def easy_read_page(self, lang: str, slug: str) -> PageInLanguage:
        """The Easy Read page `slug` for a reader of `lang`; raises KeyError when there is none."""
        translated = self.content[lang].easy_read.get(slug)
        return PageInLanguage(translated or self.source.easy_read[slug], lang)

    def easy_read_version(self, slug: str) -> str | None:
        """The Easy Read page that covers the family page `slug`, if there is one."""
        return next((page.slug for page in self.source.easy_read.values() if slug in page.pages), None)

    def easy_read_languages(self, slug: str | None = None) -> tuple[str, ...]:
        """The languages an Easy Read page (or, without `slug`, any of them) is really written in."""
        return tuple(
            code
            for code in self.config.languages
            if (slug in self.content[code].easy_read if slug else self.content[code].easy_read)
        )

    def easy_read_sources(self, page: EasyReadPage) -> tuple[Source, ...]:
        """The sources of the family pages an Easy Read page covers (its facts are theirs)."""
        english = self.source.easy_read.get(page.slug, page)
        ids = dict.fromkeys(
            source
            for slug in english.pages
            if slug in self.source.pages
            for source in self.source.pages[slug].sources
        )
        return tuple(self.sources[source_id] for source_id in ids)
