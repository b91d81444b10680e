"""Leaflet HTML to an editable Word document with real headings, lists, tables and links."""

from __future__ import annotations

import base64
import contextlib
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import docx
import lxml.html
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from portal.leaflets.pdf import allowed_file

# Word keeps a language for Latin text (w:val) and one for complex scripts (w:bidi).
COMPLEX_SCRIPT_LANGUAGES = {"ar", "ur", "bn", "pa", "gu"}
WORD_LANGUAGE_TAGS = {"en": "en-GB"}
RIGHT_TO_LEFT_TEXT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
LINK_COLOUR = RGBColor(0x1D, 0x4F, 0x91)
PNG_DATA = "data:image/png;base64,"
LOGO_HEIGHT = Mm(12)
SKIPPED = {"head", "style", "script", "title", "meta"}
CONTAINERS = {"body", "main", "header", "footer", "section", "article", "div", "nav", "aside"}
LIST_STYLES = {"ul": "List Bullet", "ol": "List Number"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | set(LIST_STYLES) | {"p", "div", "table", "dl", "blockquote"}
# Word rejects a file whose properties are out of schema order: what may follow each one we add.
AFTER_PARAGRAPH_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
AFTER_SECTION_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
AFTER_TABLE_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
AFTER_TABLE_BIDI = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip
# Word's mark for a picture that screen readers skip (alt="" in the HTML).
DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
PICTURE_WIDTH = Mm(18)


def render_docx(html: str) -> bytes:
    """The Word version of a leaflet, from the same HTML as its PDF."""
    page = lxml.html.document_fromstring(html)
    lang = page.get("lang", "en")
    document = docx.Document()
    _describe(document, page, lang)
    _set_a4(document, right_to_left=page.get("dir") == "rtl")
    _Writer(document, right_to_left=page.get("dir") == "rtl").blocks(page.body)
    buffer = io.BytesIO()
    document.save(buffer)
    return _without_dates(buffer.getvalue())


def _without_dates(data: bytes) -> bytes:
    """The same file with every part dated 1980-01-01 (ZIP's earliest date) instead of the time it was
    saved, so the same HTML always gives the same bytes (a clean build and an incremental one agree)."""
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as made, zipfile.ZipFile(fixed, "w") as archive:
        for item in made.infolist():
            dated = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            dated.compress_type = item.compress_type
            dated.external_attr = item.external_attr
            archive.writestr(dated, made.read(item))
    return fixed.getvalue()


def _describe(document: docx.document.Document, page: lxml.html.HtmlElement, lang: str) -> None:
    """Title, author, subject and language: what screen readers and the accessibility checker read."""
    meta = {element.get("name"): element.get("content", "") for element in page.iter("meta")}
    properties = document.core_properties
    properties.title = page.findtext(".//title") or ""
    properties.author = meta.get("author", "")
    properties.subject = meta.get("description", "")
    properties.language = lang
    properties.comments = ""
    tag = WORD_LANGUAGE_TAGS.get(lang, lang)
    language = document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    language.set(qn("w:val"), tag)
    language.set(qn("w:bidi"), tag if lang in COMPLEX_SCRIPT_LANGUAGES else "ar-SA")


def _set_a4(document: docx.document.Document, right_to_left: bool) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    if right_to_left:
        section._sectPr.insert_element_before(OxmlElement("w:bidi"), *AFTER_SECTION_BIDI)


class _Writer:
    """Walks the leaflet's HTML and writes each block as a Word paragraph or table."""

    def __init__(self, document: docx.document.Document, right_to_left: bool):
        self.document = document
        self.container = document  # where paragraphs go: the document, or a table cell
        self.right_to_left = right_to_left
        self.language: str | None = None  # a part in another language than the document's

    @contextlib.contextmanager
    def _part_in(self, lang: str | None, direction: str | None):
        """A part with its own `lang` (the English of a bilingual leaflet): its text is marked with it."""
        saved = self.language, self.right_to_left
        if lang:
            self.language = WORD_LANGUAGE_TAGS.get(lang, lang)
            self.right_to_left = direction == "rtl" if direction else self.right_to_left
        try:
            yield
        finally:
            self.language, self.right_to_left = saved

    def blocks(self, element: lxml.html.HtmlElement, list_level: int = 0) -> None:
        """Write the block children of `element` (loose text becomes a paragraph of its own)."""
        if element.text and element.text.strip():
            self._paragraph().add_run(element.text.strip())
        for child in element:
            self.block(child, list_level)
            if child.tail and child.tail.strip():
                self._paragraph().add_run(child.tail.strip())

    def block(self, element: lxml.html.HtmlElement, list_level: int = 0) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIPPED or not tag:
            return
        if tag == "div" and "er-point" in (element.get("class") or "").split():
            self.picture_point(element)
        elif tag in CONTAINERS:
            with self._part_in(element.get("lang"), element.get("dir")):
                self.blocks(element, list_level)
        elif tag in HEADINGS:
            self.inline(self._paragraph(f"Heading {tag[1]}"), element)
        elif tag in LIST_STYLES:
            self.list(element, list_level + 1)
        elif tag == "table":
            self.table(element)
        elif tag == "dl":
            for item in element:
                paragraph = self._paragraph()
                self.inline(paragraph, item, bold=item.tag == "dt")
                if item.tag == "dd":
                    paragraph.paragraph_format.left_indent = Mm(8)
        else:  # p, blockquote, and anything unexpected: its text is not lost
            self.inline(self._paragraph(), element)

    def picture_point(self, element: lxml.html.HtmlElement) -> None:
        """An Easy Read point: a borderless two-column row, the picture on the starting side, the words beside it."""
        image = next((child for child in element if "er-picture" in (child.get("class") or "").split()), None)
        words = next((child for child in element if child.tag == "div"), None)
        table = self.document.add_table(rows=1, cols=2)
        table.autofit = False
        if self.right_to_left:  # the first column on the right
            table._tbl.tblPr.insert_element_before(OxmlElement("w:bidiVisual"), *AFTER_TABLE_BIDI)
        picture_cell, words_cell = table.rows[0].cells
        picture_cell.width, words_cell.width = Mm(24), Mm(146)
        if image is not None:
            self._picture(picture_cell.paragraphs[0], image)
        if words is not None:
            self.container = words_cell
            try:
                self.blocks(words)
            finally:
                self.container = self.document
            first = words_cell.paragraphs[0]
            if len(words_cell.paragraphs) > 1 and not first.text:
                first._p.getparent().remove(first._p)
        self._paragraph()  # Word runs two adjacent tables together otherwise

    def _picture(self, paragraph: Paragraph, image: lxml.html.HtmlElement) -> None:
        """The picture's PNG twin (Word cannot show SVG everywhere), with its alt text or marked decorative."""
        source = image.get("src") or image.get("data-src", "")  # a decorative picture is a background
        if not allowed_file(source) or not source.endswith(".svg"):
            return
        path = Path(url2pathname(urlsplit(source[: -len(".svg")] + ".png").path))
        run = paragraph.add_run()
        run.add_picture(str(path), width=PICTURE_WIDTH)
        properties = run._r.find(".//" + qn("wp:docPr"))
        alt = image.get("alt", "")
        properties.set("descr", alt)
        if not alt:
            extensions = OxmlElement("a:extLst")
            extension = OxmlElement("a:ext")
            extension.set("uri", DECORATIVE_EXTENSION)
            mark = etree.SubElement(
                extension, f"{{{DECORATIVE_NAMESPACE}}}decorative", nsmap={"adec": DECORATIVE_NAMESPACE}
            )
            mark.set("val", "1")
            extensions.append(extension)
            properties.append(extensions)

    def _inline_png(self, paragraph: Paragraph, image: lxml.html.HtmlElement) -> None:
        """An image carried in the HTML as a PNG (the organisation's logo); Word cannot show an SVG one."""
        source = image.get("src", "")
        if not source.startswith(PNG_DATA):
            return
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(base64.b64decode(source[len(PNG_DATA) :])), height=LOGO_HEIGHT)
        run._r.find(".//" + qn("wp:docPr")).set("descr", image.get("alt", ""))
        paragraph.add_run(" ")

    def list(self, element: lxml.html.HtmlElement, level: int) -> None:
        """Each item a list paragraph; an item that starts with a heading becomes a numbered heading."""
        style = LIST_STYLES[element.tag] + (f" {min(level, 3)}" if level > 1 else "")
        number_id = self._restarted_numbering(style) if element.tag == "ol" else None
        for item in element.iterchildren("li"):
            blocks = [child for child in item if child.tag in BLOCKS]
            starts_with_block = blocks and not (item.text or "").strip()
            if starts_with_block and blocks[0].tag in HEADINGS:
                paragraph = self._paragraph(f"Heading {blocks[0].tag[1]}")
                self.inline(paragraph, blocks.pop(0))
            else:
                paragraph = self._paragraph(style)
                if starts_with_block and blocks[0].tag == "p":
                    self.inline(paragraph, blocks.pop(0))
                else:
                    self.inline(paragraph, item, stop_at=blocks[0] if blocks else None)
            if number_id is not None:
                numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                numbering.get_or_add_ilvl().val = 0
                numbering.get_or_add_numId().val = number_id
            for child in blocks:
                if child.tag in LIST_STYLES:
                    self.list(child, level + 1)
                else:
                    self.block(child, level)

    def table(self, element: lxml.html.HtmlElement) -> None:
        rows = list(element.iter("tr"))
        columns = max((len(row.findall("th")) + len(row.findall("td")) for row in rows), default=0)
        if not rows or not columns:
            return
        table = self.document.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells
            for cell, source in zip(cells, [c for c in row if c.tag in ("th", "td")], strict=False):
                paragraph = cell.paragraphs[0]
                self._direction(paragraph)
                self.inline(paragraph, source, bold=source.tag == "th")
            if row.getparent().tag == "thead" or all(c.tag == "th" for c in row if c.tag in ("th", "td")):
                # A header row repeats on each page and tells screen readers what each column is.
                properties = table.rows[-1]._tr.get_or_add_trPr()
                properties.insert_element_before(OxmlElement("w:tblHeader"), *AFTER_TABLE_HEADER)
        self._paragraph()  # Word runs two adjacent tables together otherwise

    def inline(
        self,
        paragraph: Paragraph,
        element: lxml.html.HtmlElement,
        bold: bool = False,
        italic: bool = False,
        stop_at: lxml.html.HtmlElement | None = None,
        link: str | None = None,
    ) -> None:
        """Add the text of `element` and its inline children to `paragraph` as formatted runs."""
        self._run(paragraph, element.text, bold, italic, link)
        for child in element:
            if child is stop_at:
                return
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                paragraph.add_run().add_break()
            elif tag == "img":
                self._inline_png(paragraph, child)
            elif tag and tag not in SKIPPED:
                href = child.get("href", "") if tag == "a" else ""
                with self._part_in(child.get("lang"), None):
                    self.inline(
                        paragraph,
                        child,
                        bold=bold or tag in ("strong", "b", "th", "dt"),
                        italic=italic or tag in ("em", "i"),
                        link=href if href.startswith(("https://", "http://", "mailto:", "tel:")) else link,
                    )
            self._run(paragraph, child.tail, bold, italic, link)

    def _run(
        self, paragraph: Paragraph, text: str | None, bold: bool, italic: bool, link: str | None
    ) -> None:
        if not text:
            return
        text = re.sub(r"\s+", " ", text)
        if not paragraph.runs and not paragraph._p.findall(qn("w:hyperlink")):
            text = text.lstrip()
        if not text:
            return
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
            run._r.get_or_add_rPr().get_or_add_bCs()  # bold in Arabic and Indic text too
        if italic:
            run.italic = True
        if RIGHT_TO_LEFT_TEXT.search(text):
            run._r.get_or_add_rPr().get_or_add_rtl()
        if link:
            run.font.color.rgb = LINK_COLOUR
            run.font.underline = True
            relation = paragraph.part.relate_to(link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            hyperlink = OxmlElement("w:hyperlink")
            hyperlink.set(qn("r:id"), relation)
            run._r.addprevious(hyperlink)
            hyperlink.append(run._r)
        if self.language:  # last: w:lang follows every other run property Word knows
            language = OxmlElement("w:lang")
            language.set(qn("w:val"), self.language)
            run._r.get_or_add_rPr().append(language)

    def _paragraph(self, style: str | None = None) -> Paragraph:
        paragraph = self.container.add_paragraph(style=style)
        self._direction(paragraph)
        return paragraph

    def _direction(self, paragraph: Paragraph) -> None:
        if self.right_to_left:
            paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *AFTER_PARAGRAPH_BIDI)

    def _restarted_numbering(self, style: str) -> int:
        """A numbering instance for one <ol>, so that each numbered list starts again at 1."""
        style_numbering = self.document.styles[style].element.pPr.numPr
        numbering = self.document.part.numbering_part.element
        abstract_id = numbering.num_having_numId(style_numbering.numId.val).abstractNumId.val
        instance = numbering.add_num(abstract_id)
        instance.add_lvlOverride(ilvl=0).add_startOverride(1)
        return instance.numId
