"""Each leaflet in each language as one HTML document, rendered with the site's own templates."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from flask import Flask, render_template

from portal.i18n import set_page_language
from portal.languages import SOURCE_LANGUAGE
from portal.leaflets.bilingual import bilingual_leaflet_html
from portal.leaflets.definitions import (
    EASY_READ,
    LEAFLETS,
    PAGES,
    Leaflet,
    pages_in_language,
    sections_left_out,
)
from portal.leaflets.easy_read import easy_read_document
from portal.leaflets.printable import anchor, printable_body
from portal.leaflets.timescales import Timescales, timescales
from portal.models import Site
from portal.templating import fill_local_details


@dataclass(frozen=True)
class LeafletDocument:
    """A leaflet in one language, ready to print: the HTML that the PDF and Word file are made from."""

    leaflet: Leaflet
    lang: str
    title: str  # in the leaflet's language
    html: str  # the whole document, its print stylesheet included
    slugs: tuple[str, ...]  # the pages it is made from, which link to it

    @property
    def stem(self) -> str:
        """The file name without its extension; the language is in it, so that downloads in
        several languages never overwrite each other."""
        return f"{self.leaflet.name}-{self.lang}"

    @property
    def key(self) -> str:
        """A fingerprint of everything the files depend on: a changed key means they are made again."""
        digest = hashlib.sha256(_maker_fingerprint().encode())
        digest.update(self.html.encode("utf-8"))
        return digest.hexdigest()[:32]


@cache
def _maker_fingerprint() -> str:
    """The code and library versions that turn HTML into files (a change there changes every leaflet).

    What goes into the HTML (content, templates, configuration, translations) is in the HTML itself.
    """
    digest = hashlib.sha256(
        f"weasyprint {version('weasyprint')}; python-docx {version('python-docx')}".encode()
    )
    for name in ("pdf.py", "word.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def leaflet_documents(app: Flask) -> tuple[LeafletDocument, ...]:
    """Every leaflet in every language where all of its content is written."""
    site: Site = app.extensions["site"]
    steps = timescales(site)
    documents = []
    for leaflet in LEAFLETS:
        for code in site.config.languages:
            with app.test_request_context(f"/{code}/leaflets/"):
                set_page_language(code)
                if leaflet.with_english:
                    document = _bilingual_leaflet(site, leaflet, code)
                elif leaflet.kind == EASY_READ:
                    document = easy_read_document(site, leaflet, code)
                elif leaflet.kind == PAGES:
                    document = _page_leaflet(site, leaflet, code)
                else:
                    document = _timeline_leaflet(site, leaflet, code, steps)
            if document is not None:
                documents.append(document)
    return tuple(documents)


def _page_leaflet(site: Site, leaflet: Leaflet, lang: str) -> LeafletDocument | None:
    pages = pages_in_language(site, leaflet, lang)
    if pages is None:
        return None
    slugs = tuple(page.slug for page in pages)
    parts = [
        (
            page,
            printable_body(
                fill_local_details(page.body_html, page.lang),
                slug=page.slug,
                lang=lang,
                base_url=site.config.base_url,
                in_leaflet=slugs,
                leave_out=sections_left_out(leaflet, page.slug),
            ),
        )
        for page in pages
    ]
    html = render_template(
        "leaflets/pages.html",
        leaflet=leaflet,
        title=str(leaflet.title),
        parts=parts,
        anchor=anchor,
        columns=not leaflet.large_text,
        **_dates(pages),
        is_draft=any(page.is_draft_translation for page in pages),
    )
    return LeafletDocument(leaflet, lang, str(leaflet.title), html, slugs)


def _bilingual_leaflet(site: Site, leaflet: Leaflet, lang: str) -> LeafletDocument | None:
    made = bilingual_leaflet_html(site, leaflet, lang, _dates)
    if made is None:
        return None
    html, slugs = made
    return LeafletDocument(leaflet, lang, str(leaflet.title), html, slugs)


def _timeline_leaflet(
    site: Site, leaflet: Leaflet, lang: str, all_steps: Timescales
) -> LeafletDocument | None:
    steps = all_steps.steps.get(lang)
    if not steps:
        return None
    # The timescales are explained on these pages; the one-pager is as current as they are.
    pages = tuple(site.page(lang, slug).page for slug in all_steps.guidance if slug in site.source.pages)
    html = render_template(
        "leaflets/timescales.html",
        leaflet=leaflet,
        title=str(leaflet.title),
        steps=steps,
        columns=False,
        **_dates(pages),
        is_draft=lang != SOURCE_LANGUAGE and any(page.is_draft_translation for page in pages),
    )
    # The calculator page links to it too: it works out the same timescales as dates.
    return LeafletDocument(leaflet, lang, str(leaflet.title), html, (*all_steps.guidance, "calculator"))


def _dates(pages: tuple) -> dict:
    """The leaflet was last reviewed when its newest page was, and is due when its first page is."""
    if not pages:
        return {"reviewed": None, "review_by": None}
    return {
        "reviewed": max(page.reviewed for page in pages),
        "review_by": min(page.review_by for page in pages),
    }
