"""Printable leaflets (PDF and Word) made from the same content as the site, at build time.

The build asks for the documents (`leaflet_documents`), makes the files of those its cache does
not hold (`make_files`), and puts a `LeafletCatalogue` in `app.extensions["leaflets"]` before
freezing, so the leaflets page can show each file's size and pages.
"""

from __future__ import annotations

from flask import Flask

from portal.leaflets.assemble import LeafletDocument, leaflet_documents
from portal.leaflets.catalogue import (
    NO_LEAFLETS,
    LeafletCatalogue,
    LeafletFile,
    MadeLeaflet,
    describe_file,
)
from portal.leaflets.definitions import LEAFLETS, Leaflet
from portal.leaflets.pdf import LeafletError, MissingGlyphs, render_pdf
from portal.leaflets.timescales import Timescales, timescales
from portal.leaflets.word import render_docx

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


def init_app(app: Flask) -> None:
    """No leaflets until the build makes them (the preview shows the page without downloads)."""
    app.extensions.setdefault("leaflets", NO_LEAFLETS)
    app.jinja_env.globals["describe_file"] = describe_file
