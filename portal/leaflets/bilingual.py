"""The guide for families with the English after each section, for reading with an interpreter."""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from portal.languages import SOURCE_LANGUAGE
from portal.leaflets.definitions import Leaflet, pages_in_language, sections_left_out
from portal.leaflets.printable import anchor, printable_body
from portal.models import Page, Site
from portal.review.sections import sections
from portal.templating import fill_local_details

ENGLISH_ANCHOR_SUFFIX = "-en"  # the English copy of a page's sections gets ids of its own


def bilingual_leaflet_html(
    site: Site, leaflet: Leaflet, lang: str, dates: dict
) -> tuple[str, tuple[str, ...]] | None:
    """The leaflet's HTML and its pages, or None when a page is not written in `lang` (or it is English)."""
    pages = pages_in_language(site, leaflet, lang) if lang != SOURCE_LANGUAGE else None
    if pages is None:
        return None
    slugs = tuple(page.slug for page in pages)
    parts = [(page, site.source.pages[page.slug], _pairs(site, leaflet, page, slugs)) for page in pages]
    html = render_template(
        "leaflets/bilingual.html",
        leaflet=leaflet,
        title=str(leaflet.title),
        parts=parts,
        anchor=anchor,
        columns=False,
        **dates(pages),
        is_draft=any(page.is_draft_translation for page in pages),
    )
    return html, slugs


def _pairs(site: Site, leaflet: Leaflet, page: Page, slugs: tuple[str, ...]) -> list[tuple[Markup, Markup]]:
    """Each printed section of the page: the translation's, then the English."""
    english = site.source.pages[page.slug]
    left_out = sections_left_out(leaflet, page.slug)
    theirs = {section.id: section.html for section in sections(page.body_html)}
    pairs = []
    for section in sections(english.body_html):
        if section.id in left_out:
            continue
        pairs.append(
            (
                _printable(site, theirs.get(section.id, ""), page.slug, page.lang, slugs),
                _printable(site, section.html, page.slug + ENGLISH_ANCHOR_SUFFIX, SOURCE_LANGUAGE, slugs),
            )
        )
    return pairs


def _printable(site: Site, html: str, slug: str, lang: str, slugs: tuple[str, ...]) -> Markup:
    if not html:
        return Markup("")
    return printable_body(
        fill_local_details(html, lang), slug=slug, lang=lang, base_url=site.config.base_url, in_leaflet=slugs
    )
