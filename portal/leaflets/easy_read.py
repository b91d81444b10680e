"""The Easy Read leaflet: every Easy Read page with its pictures, from the same content as the site."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import render_template

from portal.easyread import INDEX, EasyReadPage
from portal.leaflets.definitions import Leaflet
from portal.leaflets.printable import anchor, printable_body
from portal.models import Site
from portal.pictures import picture_path

# What the leaflet is made from, for the catalogue: the Easy Read pages link to it.
SLUG_PREFIX = "easy-read/"


def easy_read_pages(site: Site, lang: str) -> tuple[EasyReadPage, ...] | None:
    """The index and every Easy Read page written in `lang`, or None when any is not (never mixed)."""
    english = site.source.easy_read
    written = site.content[lang].easy_read
    if not english or any(slug not in written for slug in english):
        return None
    pages = sorted(
        (written[slug] for slug in english if slug != INDEX), key=lambda page: (page.order, page.slug)
    )
    return tuple(([written[INDEX]] if INDEX in written else []) + pages)


def easy_read_document(site: Site, leaflet: Leaflet, lang: str):
    """The leaflet's HTML in `lang` (as a LeafletDocument), or None where its pages are not all written."""
    from portal.leaflets.assemble import LeafletDocument, _dates  # noqa: PLC0415 (assemble imports this module)

    pages = easy_read_pages(site, lang)
    if pages is None:
        return None
    slugs = tuple(page.slug for page in pages)

    def printable(html: str, slug: str) -> str:
        # Links between Easy Read pages point inside the leaflet; the dates page to the site.
        return printable_body(
            html, slug=slug, lang=f"{lang}/easy-read", base_url=site.config.base_url, in_leaflet=slugs
        )

    html = render_template(
        "leaflets/easy_read.html",
        leaflet=leaflet,
        title=str(leaflet.title),
        pages=pages,
        index=INDEX,
        printable=printable,
        anchor=anchor,
        picture_src=picture_uri,
        picture_hash=picture_hash,
        **_dates(pages),
        is_draft=any(page.is_draft_translation for page in pages),
    )
    return LeafletDocument(
        leaflet,
        lang,
        str(leaflet.title),
        html,
        tuple(SLUG_PREFIX + ("" if slug == INDEX else slug) for slug in slugs),
    )


def picture_uri(name: str) -> str:
    """The picture as a file the leaflet's renderer may read (only the site's own static files)."""
    return picture_path(name).as_uri()


@cache
def picture_hash(name: str) -> str:
    """A fingerprint of the picture, written into the HTML so that a changed picture remakes the leaflet."""
    digest = hashlib.sha256(picture_path(name).read_bytes())
    digest.update(Path(picture_path(name, ".png")).read_bytes())
    return digest.hexdigest()[:16]
