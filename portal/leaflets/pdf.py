"""Leaflet HTML to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import lxml.html

WEASYPRINT_LOGGER = logging.getLogger("weasyprint")
MISSING_GLYPH_MESSAGE = ".notdef glyph rendered"
STATIC_DIR = Path(__file__).resolve().parent.parent.parent / "static"
# A last page whose text ends above this share of the page is near-empty: the leaflet is made
# again with a little less, or else a little more, space between lines and paragraphs
# (leaflet.css: html.tighter, html.looser and so on).
SHORT_LAST_PAGE = 0.33
SPACINGS = ("tighter", "looser", "tightest", "loosest")  # in the order tried
SPACING_RULE = "html.tighter"  # in a stylesheet that has the spacings (Easy Read's has none)
PAGE_NUMBER = re.compile(r"\d+ / \d+")


class LeafletError(ValueError):
    """A leaflet cannot be made as it is; the message says why."""


class RefusedResource(LeafletError):
    """A leaflet asked for a file or address that is not one of the site's own files."""


class MissingGlyphs(LeafletError):
    """No installed font has some characters of a leaflet, so they would print as empty boxes."""


class _MissingGlyphLog(logging.Handler):
    """Collects the characters WeasyPrint draws as .notdef boxes."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.characters: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(MISSING_GLYPH_MESSAGE):
            self.characters.append(str(record.args[0]))


def allowed_file(url: str, folders: tuple[Path, ...] = (STATIC_DIR,)) -> bool:
    """True only for a file:// URL of a file inside one of `folders` (after following symlinks)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(unquote(parts.path))).resolve()
    return any(path.is_relative_to(folder.resolve()) for folder in folders)


INLINE_IMAGES = ("data:image/png;base64,", "data:image/svg+xml;base64,")


def site_files_only(folders: tuple[Path, ...] = (STATIC_DIR,)):
    """A WeasyPrint URL fetcher that refuses everything but the site's own files.

    Every network scheme is refused before any connection, and so is any file outside `folders`:
    a leaflet can neither reach another machine nor carry the build machine's files.
    """
    from weasyprint.urls import FatalURLFetchingError, URLFetcher  # slow to import

    class Refusal(FatalURLFetchingError):
        """Stops the rendering: the build reports it rather than printing a leaflet without it."""

    class SiteFilesOnly(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True)

        def fetch(self, url, headers=None):
            # The organisation's checked logo comes inside the HTML; whatever it refers to is
            # fetched through here again, so it too can only be one of the site's files.
            if url.startswith(INLINE_IMAGES):
                return super().fetch(url, headers)
            if not allowed_file(url, folders):
                raise Refusal(url)
            return super().fetch(url, headers)

    return SiteFilesOnly()


def without_attachments(html: str) -> str:
    """The HTML without attachment links (WeasyPrint would embed the linked file in the PDF)."""
    root = lxml.html.document_fromstring(html)
    found = [element for element in root.iter() if "attachment" in (element.get("rel") or "").lower().split()]
    if not found:
        return html
    for element in found:
        if element.tag == "link":
            element.drop_tree()
        else:
            del element.attrib["rel"]
    return lxml.html.tostring(root, encoding="unicode", doctype="<!doctype html>")


@contextlib.contextmanager
def _languages_in_structure():
    """Tag each element whose `lang` is set with that language in the PDF's structure tree.

    WeasyPrint writes only the document's language (/Lang in the catalogue); a leaflet with
    English alongside needs its English parts tagged too, so that a screen reader switches voice.
    Its tagging function is wrapped while the PDF is written: each structure element made for an
    element with a `lang` attribute gets /Lang (its children inherit it).
    """
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build_box_tree(box, *args, **kwargs):
        element = getattr(getattr(box, "_box", box), "element", None)
        lang = element.get("lang") if element is not None and element.tag != "html" else None
        for structure in original(box, *args, **kwargs):
            if lang and "Lang" not in structure:
                structure["Lang"] = pydyf.String(lang)
            yield structure

    tags._build_box_tree = build_box_tree  # the function calls itself through the module, so children too
    try:
        yield
    finally:
        tags._build_box_tree = original


def render_pdf(html: str) -> tuple[bytes, int]:
    """The PDF of a leaflet and its number of pages.

    PDF/UA-1 gives a structure tree (headings, paragraphs, lists, tables), the document title
    shown instead of the file name, and /Lang from <html lang>. WeasyPrint makes bookmarks from
    the headings and embeds a subset of each font with every glyph the text uses. A character no
    installed font has raises MissingGlyphs rather than printing as a box. A near-empty last page
    is avoided by laying the leaflet out again with a little less, or a little more, space; only
    the layout kept is written as a PDF.
    """
    html = without_attachments(html)
    missing = _MissingGlyphLog()
    WEASYPRINT_LOGGER.addHandler(missing)
    try:
        chosen = _chosen_layout(html)
        pdf = _write(*chosen)
    finally:
        WEASYPRINT_LOGGER.removeHandler(missing)
    if missing.characters:
        characters = ", ".join(f"{char} (U+{ord(char):04X})" for char in dict.fromkeys(missing.characters))
        raise MissingGlyphs(
            f"no installed font has {characters}: add a font for it to scripts/install-system-packages "
            "and to portal/templates/leaflets/leaflet.css"
        )
    return pdf, len(chosen[0].pages)


def _chosen_layout(html: str):
    """The first layout whose last page is not near-empty, else the one whose last page is fullest."""
    tried = [(_layout(html), html)]
    if len(tried[0][0].pages) == 1 or SPACING_RULE not in html:  # the spacings would change nothing
        return tried[0]
    for spacing in (None, *SPACINGS):
        if spacing:
            variant = html.replace("<html ", f'<html class="{spacing}" ', 1)
            tried.append((_layout(variant), variant))
        if last_page_fill(tried[-1][0]) >= SHORT_LAST_PAGE:
            return tried[-1]
    return max(tried, key=lambda made: last_page_fill(made[0]))


def last_page_fill(document) -> float:
    """How far down the last page the text goes, as a share of the text area of the other pages
    (from the highest baseline on any page to the lowest; the page numbers do not count)."""
    from weasyprint.formatting_structure.boxes import TextBox

    heights = [
        [
            box.position_y + box.baseline
            for box in page._page_box.descendants()  # WeasyPrint's laid-out boxes, margins included
            if isinstance(box, TextBox) and box.text.strip() and not PAGE_NUMBER.fullmatch(box.text.strip())
        ]
        for page in document.pages
    ]
    others = [height for page in heights[:-1] for height in page]
    if not others or not heights[-1]:
        return 1.0
    top = min(others + heights[-1])  # y grows down the page
    return (max(heights[-1]) - top) / max(max(others) - top, 1.0)


def _layout(html: str):
    import weasyprint  # slow to import, and only the build needs it
    from weasyprint.urls import FatalURLFetchingError

    try:
        return weasyprint.HTML(string=html, url_fetcher=site_files_only()).render()
    except FatalURLFetchingError as refusal:
        raise RefusedResource(f"it asks for {refusal}: a leaflet may use only the site's own files") from None


def _write(document, html: str) -> bytes:
    with _languages_in_structure():
        return document.write_pdf(
            pdf_variant="pdf/ua-1",
            pdf_identifier=document_identifier(html),
        )


def document_identifier(html: str) -> bytes:
    """The PDF's /ID, from its HTML: the same HTML always gives the same bytes, so a rebuild changes
    no file needlessly. The HTML names the pictures by where this copy of the project is on disk;
    that part is left out, so a build in another folder (a fresh clone) gives the same PDF."""
    html = html.replace(STATIC_DIR.as_uri(), "static")
    return hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()
