"""A review pack as a Word file: for each part, a table English | translation | reviewer's comment."""

from __future__ import annotations

import datetime
import io

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

from portal.languages import Language
from portal.leaflets.word import AFTER_PARAGRAPH_BIDI, AFTER_TABLE_HEADER, WORD_LANGUAGE_TAGS
from portal.review.pack import PackPart

HEADER = ("Where", "English", "{language}", "Reviewer's comment")
WIDTHS_MM = (32, 85, 85, 65)  # A4 landscape, 15 mm margins
MUTED = RGBColor(0x50, 0x50, 0x50)
INSTRUCTIONS = (
    "Please check the {language} column against the English. Write any correction, and anything that "
    "reads unnaturally or could be misunderstood, in the last column; leave it empty where the "
    "translation is right. Do not change the first two columns. Text in double braces, such as "
    "{{{{ contact }}}}, is filled in by the website: keep it exactly as it is. An empty {language} cell "
    "means the text has not been translated yet: write a translation in the comment column."
)


def pack_docx(parts: tuple[PackPart, ...], language: Language, made_on: datetime.date) -> bytes:
    """The Word file of a review pack (A4 landscape, a table a part, the header row repeated)."""
    document = docx.Document()
    properties = document.core_properties
    properties.title = f"Review pack: {language.english_name} translation of the Core Group Guide"
    properties.language = "en-GB"
    _landscape(document)
    document.add_heading(properties.title, level=1)
    document.add_paragraph(f"Made on {made_on.isoformat()} from the site's content.")
    document.add_paragraph(INSTRUCTIONS.format(language=language.english_name))
    for part in parts:
        document.add_heading(part.title, level=2)
        about = document.add_paragraph()
        about.add_run(part.about).font.color.rgb = MUTED
        _table(document, part, language)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _landscape(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.styles["Normal"].font.size = Pt(10)


def _table(document: docx.document.Document, part: PackPart, language: Language) -> None:
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, HEADER, strict=True):
        cell.paragraphs[0].add_run(title.format(language=language.english_name)).bold = True
    # The header row repeats on every page, and counts as the table's header for screen readers.
    table.rows[0]._tr.get_or_add_trPr().insert_element_before(OxmlElement("w:tblHeader"), *AFTER_TABLE_HEADER)
    for row in part.rows:
        where, english, translation, _comment = table.add_row().cells
        where.paragraphs[0].add_run(row.where).font.color.rgb = MUTED
        english.paragraphs[0].add_run(row.english)
        _translated(translation, row.translation, language)
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_MM, strict=True):
            cell.width = Mm(width)


def _translated(cell: _Cell, text: str, language: Language) -> None:
    """The translation's cell, marked with its language (spelling, fonts) and direction."""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    properties = run._r.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    tag = WORD_LANGUAGE_TAGS.get(language.code, language.code)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:bidi"), tag)
    properties.append(lang)
    if language.is_rtl:
        properties.get_or_add_rtl()
        paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *AFTER_PARAGRAPH_BIDI)
