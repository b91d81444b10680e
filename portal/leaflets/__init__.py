"""Printable leaflets (PDF and Word) made from the same content as the site, at build time.

The build asks for the documents (`leaflet_documents`), makes the files of those its cache does
not hold (`make_files`), and puts a `LeafletCatalogue` in `app.extensions["leaflets"]` before
freezing, so the leaflets page can show each file's size and pages.
"""

from __future__ import annotations

from flask import Flask

from portal.errors import display_path
from portal.leaflets.assemble import LeafletDocument, leaflet_documents
from portal.leaflets.catalogue import (
    NO_LEAFLETS,
    LeafletCatalogue,
    LeafletFile,
    MadeLeaflet,
    describe_file,
)
from portal.leaflets.definitions import EASY_READ, LEAFLETS, PAGES, Leaflet, leaflet_pages
from portal.leaflets.pdf import LeafletError, MissingGlyphs, render_pdf
from portal.leaflets.timescales import Timescales, timescales
from portal.leaflets.word import render_docx
from portal.models import Site

__all__ = [
    "LEAFLETS",
    "Leaflet",
    "LeafletCatalogue",
    "LeafletDocument",
    "LeafletFile",
    "MadeLeaflet",
    "LeafletError",
    "MissingGlyphs",
    "Timescales",
    "init_app",
    "leaflet_warnings",
    "leaflet_documents",
    "files_from_html",
    "made_leaflet",
    "make_files",
    "timescales",
]


def make_files(document: LeafletDocument) -> tuple[LeafletFile, ...]:
    """The PDF and the Word file of one leaflet (the slow part, so the build caches it)."""
    return files_from_html(document.html, document.stem)


def files_from_html(html: str, stem: str) -> tuple[LeafletFile, ...]:
    """The PDF and the Word file made from a leaflet's HTML, named stem.pdf and stem.docx.

    It takes and returns plain values, so that a process pool can run it.
    """
    try:
        pdf, pages = render_pdf(html)
    except LeafletError as error:
        raise type(error)(f"the leaflet {stem}: {error}") from None
    return (
        LeafletFile(f"{stem}.pdf", "pdf", pdf, pages),
        LeafletFile(f"{stem}.docx", "docx", render_docx(html)),
    )


def made_leaflet(document: LeafletDocument, files: tuple[LeafletFile, ...]) -> MadeLeaflet:
    return MadeLeaflet(document.leaflet, document.lang, document.title, document.slugs, files)


def leaflet_warnings(site: Site, catalogue: LeafletCatalogue) -> tuple[str, ...]:
    """Leaflets past their page limit, and languages that lose a leaflet for want of one page."""
    warnings = []
    for made in catalogue.made:
        limit = made.leaflet.max_pages
        for file in made.files:
            if limit and file.pages and file.pages > limit:
                warnings.append(
                    f"the leaflet {file.filename} has {file.pages} pages, more than its limit of {limit}: "
                    f"shorten its pages ({', '.join(made.slugs)}) or leave sections out "
                    "(portal/leaflets/definitions.py)"
                )
    for leaflet in LEAFLETS:
        english = _english_pages(site, leaflet)
        for code in site.config.languages:
            written, folder = _written_pages(site, leaflet, code)
            missing = [page for page in english if page.slug not in written]
            if missing and len(missing) < len(english):  # a language with none of them is simply untranslated
                warnings.append(
                    f"the leaflet {leaflet.name} is not made in '{code}': it has the English page "
                    f"{display_path(missing[0].source_path)}, which has no translation in {folder}"
                )
    return tuple(warnings)


def _english_pages(site: Site, leaflet: Leaflet) -> tuple:
    if leaflet.kind == EASY_READ:
        return tuple(site.source.easy_read.values())
    return leaflet_pages(site, leaflet) if leaflet.kind == PAGES else ()


def _written_pages(site: Site, leaflet: Leaflet, code: str):
    """The pages written in `code` that the leaflet could use, and the folder they are in."""
    if leaflet.kind == EASY_READ:
        return site.content[code].easy_read, f"{code}/easy-read/"
    return site.content[code].pages, f"{code}/"


def init_app(app: Flask) -> None:
    """No leaflets until the build makes them (the preview shows the page without downloads)."""
    app.extensions.setdefault("leaflets", NO_LEAFLETS)
    app.jinja_env.globals["describe_file"] = describe_file
