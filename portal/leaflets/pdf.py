"""Leaflet HTML to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint."""

from __future__ import annotations

import hashlib
import logging

WEASYPRINT_LOGGER = logging.getLogger("weasyprint")
MISSING_GLYPH_MESSAGE = ".notdef glyph rendered"


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
    installed font has raises MissingGlyphs rather than printing as a box.
    """
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
