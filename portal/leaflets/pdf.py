"""Leaflet HTML to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint."""

from __future__ import annotations

import hashlib
import io
import logging
import re

WEASYPRINT_LOGGER = logging.getLogger("weasyprint")
MISSING_GLYPH_MESSAGE = ".notdef glyph rendered"
# A last page whose text ends above this share of the page is near-empty: the leaflet is made
# again with a little less, or else a little more, space between lines and paragraphs
# (leaflet.css: html.tighter, html.looser and so on).
SHORT_LAST_PAGE = 0.33
SPACINGS = ("tighter", "looser", "tightest", "loosest")  # in the order tried
PAGE_NUMBER = re.compile(r"\d+ / \d+")


class MissingGlyphs(ValueError):
    """No installed font has some characters of a leaflet, so they would print as empty boxes."""


class _MissingGlyphLog(logging.Handler):
    """Collects the characters WeasyPrint draws as .notdef boxes."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.characters: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(MISSING_GLYPH_MESSAGE):
            self.characters.append(str(record.args[0]))


def render_pdf(html: str) -> tuple[bytes, int]:
    """The PDF of a leaflet and its number of pages.

    PDF/UA-1 gives a structure tree (headings, paragraphs, lists, tables), the document title
    shown instead of the file name, and /Lang from <html lang>. WeasyPrint makes bookmarks from
    the headings and embeds a subset of each font with every glyph the text uses. A character no
    installed font has raises MissingGlyphs rather than printing as a box. A near-empty last page
    is avoided by making the leaflet again with a little less, or a little more, space.
    """
    pdf, pages = _render(html)
    if pages == 1 or last_page_fill(pdf) >= SHORT_LAST_PAGE:
        return pdf, pages
    # A little less space may pull the last lines back; a little more fills the last page.
    tried = [(pdf, pages)]
    for spacing in SPACINGS:
        tried.append(_render(html.replace("<html ", f'<html class="{spacing}" ', 1)))
        if last_page_fill(tried[-1][0]) >= SHORT_LAST_PAGE:
            return tried[-1]
    return max(tried, key=lambda made: last_page_fill(made[0]))


def last_page_fill(pdf: bytes) -> float:
    """How far down the last page the text goes, as a share of the text area of the other pages
    (from the highest line on any page to the lowest; the page numbers do not count)."""
    from pypdf import PdfReader

    heights: list[list[float]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        heights.append([])

        def visit(text, cm, tm, font, size, found=heights[-1]):
            if text.strip() and not PAGE_NUMBER.fullmatch(text.strip()):
                found.append(tm[5] * cm[3] + tm[4] * cm[1] + cm[5])

        page.extract_text(visitor_text=visit)
    others = [height for page in heights[:-1] for height in page]
    if not others or not heights[-1]:
        return 1.0
    top = max(others + heights[-1])
    return (top - min(heights[-1])) / max(top - min(others), 1.0)


def _render(html: str) -> tuple[bytes, int]:
    import weasyprint  # slow to import, and only the build needs it

    missing = _MissingGlyphLog()
    WEASYPRINT_LOGGER.addHandler(missing)
    try:
        document = weasyprint.HTML(string=html).render()
        pdf = document.write_pdf(
            pdf_variant="pdf/ua-1",
            # The same HTML always gives the same bytes, so a rebuild changes no file needlessly.
            pdf_identifier=hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode(),
        )
    finally:
        WEASYPRINT_LOGGER.removeHandler(missing)
    if missing.characters:
        characters = ", ".join(f"{char} (U+{ord(char):04X})" for char in dict.fromkeys(missing.characters))
        raise MissingGlyphs(
            f"no installed font has {characters}: add a font for it to scripts/install-system-packages "
            "and to portal/templates/leaflets/leaflet.css"
        )
    return pdf, len(document.pages)
