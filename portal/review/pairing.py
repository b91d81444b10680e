"""A translated page and its English, section by section, for the bilingual pages and leaflets."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from portal.languages import SOURCE_LANGUAGE
from portal.models import Page, Site
from portal.review.sections import relink, sections
from portal.templating import fill_local_details

ENGLISH_ID_PREFIX = "en-"  # the English copy of a heading gets its own id on the shared page


@dataclass(frozen=True)
class Pair:
    """One section: the translation's HTML, then the English (either may be empty)."""

    translated: Markup
    english: Markup


def bilingual_slugs(site: Site, lang: str) -> tuple[str, ...]:
    """The family pages written in `lang` (other than English), which have a bilingual version."""
    if lang == SOURCE_LANGUAGE:
        return ()
    written = site.content[lang].pages
    return tuple(page.slug for page in site.pages_in(SOURCE_LANGUAGE, "families") if page.slug in written)


def pairs(translated: Page, english: Page, depth: str = "../../../") -> tuple[Pair, ...]:
    """The sections of both, lined up by the English heading ids (English order).

    `depth` leads from the page back to the site's root, for the links between pages.
    """
    theirs = {section.id: section for section in sections(translated.body_html)}
    ours = sections(english.body_html)
    lined_up = [(theirs.pop(section.id, None), section) for section in ours]
    lined_up += [(section, None) for section in theirs.values()]  # sections English does not have
    return tuple(
        Pair(
            _section_html(mine.html if mine else "", f"{depth}{translated.lang}/", "", translated.lang),
            _section_html(other.html if other else "", f"{depth}{SOURCE_LANGUAGE}/", ENGLISH_ID_PREFIX, "en"),
        )
        for mine, other in lined_up
    )


def _section_html(html: str, prefix: str, id_prefix: str, lang: str) -> Markup:
    return fill_local_details(relink(html, prefix, id_prefix), lang) if html else Markup("")
