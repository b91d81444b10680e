"""The leaflets: made in every language they should be, tagged and in their language, with every
glyph in an embedded font, Word files with real headings, and listed with their true sizes."""

from __future__ import annotations

import difflib
import io
import math
import posixpath
import re
import shutil
import subprocess
import textwrap
import unicodedata
from functools import cache
from pathlib import Path

import docx
import pytest
import weasyprint
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from portal import leaflets
from portal.app import CONTENT_DIR, create_app
from portal.languages import SOURCE_LANGUAGE, language
from portal.leaflets import cache as leaflet_cache
from portal.leaflets import pdf
from portal.leaflets.catalogue import LeafletFile, describe_file
from portal.leaflets.definitions import LEAFLETS, PAGES, leaflet_pages, sections_left_out
from portal.leaflets.pdf import MissingGlyphs, render_pdf
from portal.leaflets.timescales import timescales
from portal.loader import load_site
from portal.timeline import load_rules, load_texts
from portal.timeline.numbers import plural_category, write_number
from tests.helpers import parse_page, project_site

SITE = project_site()
TIMESCALES = timescales(SITE)
BY_NAME = {leaflet.name: leaflet for leaflet in LEAFLETS}
EASY_READ = "core-groups-easy-read"
FAMILIES, PROFESSIONALS, NEXT = (
    "core-groups-a-guide-for-families",
    "core-groups-a-guide-for-professionals",
    "what-happens-next",
)
# The brief: the family pages on core groups, the plan and what happens next.
FAMILY_LEAFLET_PAGES = (
    "what-is-a-core-group",
    "who-is-in-the-core-group",
    "when-and-where-are-meetings",
    "what-happens-at-the-first-meeting",
    "the-child-protection-plan",
    "what-happens-next",
)
PROFESSIONAL_PAGES = tuple(page.slug for page in SITE.pages_in(SOURCE_LANGUAGE, "professionals"))


def _written(code: str, slugs: tuple[str, ...]) -> bool:
    """Whether every page is written in `code` (checked on disk, independently of the leaflet code)."""
    return all((CONTENT_DIR / code / f"{slug}.md").exists() for slug in slugs)


def _expected() -> list[tuple[str, str]]:
    expected = []
    for code in SITE.config.languages:
        if _written(code, FAMILY_LEAFLET_PAGES):
            expected.append((FAMILIES, code))
        if _written(code, PROFESSIONAL_PAGES):
            expected.append((PROFESSIONALS, code))
        if (CONTENT_DIR / code / "timeline.yaml").exists():
            expected.append((NEXT, code))
        if all((CONTENT_DIR / code / "easy-read" / f"{slug}.md").exists() for slug in SITE.source.easy_read):
            expected.append((EASY_READ, code))
    return expected


EXPECTED = _expected()
IDS = [f"{name}-{code}" for name, code in EXPECTED]
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
INDIC_SCRIPTS = {"bn", "pa", "gu"}


def pdf_path(site_dir: Path, name: str, code: str) -> Path:
    return site_dir / code / "leaflets" / f"{name}-{code}.pdf"


def pdf_text(path: Path) -> str:
    """The text in content order, as copy-and-paste or a screen reader gets it, in logical order.

    A PDF holds each line in visual order; pdftotext -raw marks right-to-left runs with U+202B
    ... U+202C, so reversing the runs of such a line gives the order it is read in.
    """
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    lines = []
    for line in result.stdout.splitlines():
        if "\u202b" in line:
            line = "".join(reversed(re.findall("\u202b[^\u202c]*\u202c|[^\u202b]+", line)))
        lines.append(BIDI_CONTROLS.sub("", line))
    return "\n".join(lines)


def squeeze(text: str, code: str = SOURCE_LANGUAGE) -> str:
    """Text without spaces and combining marks, which text extraction may move or join.

    Bengali, Gurmukhi and Gujarati also lose their vowel signs, and are matched loosely by
    find_text: WeasyPrint 70 gives each glyph one text for the whole PDF, so a vowel sign or
    conjunct drawn apart from its consonant is often copied as another one (the glyphs drawn are
    right; only the copied text is wrong). Kozea/WeasyPrint#2841, not fixed in a release yet.
    """
    normal = unicodedata.normalize("NFC", text)
    dropped = ("Mn", "Mc") if code in INDIC_SCRIPTS else ("Mn",)
    return "".join(
        char
        for char in normal
        if not char.isspace() and unicodedata.category(char) not in dropped and char not in "\u200c\u200d"
    )


def find_text(text: str, wanted: str, start: int, code: str) -> int:
    """Where `wanted` is in `text` from `start`, or -1; Indic text may differ a little (see squeeze)."""
    found = text.find(wanted, start)
    if found >= 0 or code not in INDIC_SCRIPTS:
        return found
    best, where = 0.0, -1
    for position in range(start, max(start, len(text) - len(wanted)) + 1):
        window = text[position : position + len(wanted)]
        ratio = difflib.SequenceMatcher(None, window, wanted, autojunk=False).ratio()
        if ratio > best:
            best, where = ratio, position
    return where if best >= 0.75 else -1


def page_titles(name: str, code: str) -> list[str]:
    leaflet = BY_NAME[name]
    if leaflet.kind == PAGES:
        return [SITE.content[code].pages[page.slug].title for page in leaflet_pages(SITE, leaflet)]
    if name == EASY_READ:
        return [page.title for page in SITE.easy_read_pages(code)]
    return [step.label for step in TIMESCALES.steps[code]]


# ---------------------------------------------------------------------------- the PDF checks


def to_unicode(cmap: bytes) -> dict[int, str]:
    """Glyph id to text, from a PDF font's /ToUnicode CMap."""
    text = cmap.decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.DOTALL):
        for glyph, unicode in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[int(glyph, 16)] = bytes.fromhex(unicode).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.DOTALL):
        for first, last, unicode in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            for offset, glyph in enumerate(range(int(first, 16), int(last, 16) + 1)):
                mapping[glyph] = chr(int(unicode, 16) + offset)
    return mapping


def pdf_fonts(reader: PdfReader) -> dict[str, dict]:
    fonts = {}
    for page in reader.pages:
        for reference in page["/Resources"].get("/Font", {}).values():
            font = reference.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


@cache
def system_font_characters(family: str, style: str) -> frozenset[int]:
    """The characters of an installed font (an embedded subset keeps only the glyphs it uses)."""
    result = subprocess.run(
        ["fc-match", "--format=%{file}\n%{family}", f"{family}:style={style}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    path, families = result.stdout.split("\n", 1)
    assert family in families.split(","), f"{family} {style} is not installed (fc-match gave {families})"
    return frozenset((TTFont(path, fontNumber=0).getBestCmap() or {}).keys())


def glyph_problems(path: Path) -> list[str]:
    """Every glyph the PDF shows comes from an embedded font that has the characters it stands for.

    A missing glyph (drawn as a box) is a character mapped to a glyph of a font whose character
    map does not have it.
    """
    problems = []
    for name, font in pdf_fonts(PdfReader(path)).items():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        if "/FontFile2" not in descriptor:
            problems.append(f"{name}: not embedded")
            continue
        embedded = TTFont(io.BytesIO(descriptor["/FontFile2"].get_data()))
        names = embedded["name"]
        family = str(names.getDebugName(16) or names.getDebugName(1))
        style = str(names.getDebugName(17) or names.getDebugName(2))
        characters = system_font_characters(family, style)
        glyph_count = len(embedded.getGlyphOrder())
        for glyph, text in to_unicode(font["/ToUnicode"].get_data()).items():
            if glyph == 0 or glyph >= glyph_count:
                codes = " ".join(f"U+{ord(char):04X}" for char in text)
                problems.append(f"{name}: {text!r} ({codes}) is drawn with a glyph the font does not have")
                continue
            for char in text:
                if (
                    not char.isspace()
                    and unicodedata.category(char) not in ("Cc", "Cf")
                    and ord(char) not in characters
                ):
                    problems.append(f"{name}: no glyph for {char!r} (U+{ord(char):04X})")
    return problems


def structure_types(reader: PdfReader) -> set[str]:
    """The structure element types (/H1, /P, /L, ...) of a tagged PDF."""
    found, stack = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
        elif hasattr(node, "get"):
            if "/S" in node:
                found.add(str(node["/S"]))
            if "/K" in node:
                stack.append(node["/K"])
    return found


# ---------------------------------------------------------------------------- which leaflets exist


def test_english_has_every_leaflet():
    assert {name for name, code in EXPECTED if code == SOURCE_LANGUAGE} == {
        FAMILIES,
        PROFESSIONALS,
        NEXT,
        EASY_READ,
    }


def test_every_leaflet_exists_for_every_language_it_should_and_no_other(real_site):
    made = {
        (path.name.rsplit("-", 1)[0], path.parent.parent.name, path.suffix)
        for path in real_site.glob("*/leaflets/*-*.*")
    }
    expected = {(name, code, suffix) for name, code in EXPECTED for suffix in (".pdf", ".docx")}
    # The guide for families with English alongside: in each language but English (tests/test_bilingual.py).
    with_english = {
        (f"{FAMILIES}-with-english", code, suffix)
        for name, code in EXPECTED
        if name == FAMILIES and code != SOURCE_LANGUAGE
        for suffix in (".pdf", ".docx")
    }
    assert made == expected | with_english


def test_the_sections_left_out_exist():
    """A renamed heading must not quietly bring a left-out section back into a leaflet."""
    for leaflet in LEAFLETS:
        english = leaflet_pages(SITE, leaflet)
        ids = {page.slug: {heading.id for heading in page.headings} for page in english}
        for entry in leaflet.leave_out:
            slug, _, section = entry.rpartition("#")
            if slug:
                assert section in ids[slug], f"{leaflet.name}: {entry} is not a section"
            else:
                assert any(section in found for found in ids.values()), f"{leaflet.name}: no section {entry}"


def test_a_section_left_out_of_one_page_stays_on_the_others():
    families = BY_NAME[FAMILIES]
    assert "how-it-is-different-from-the-conference" in sections_left_out(families, "what-is-a-core-group")
    assert "how-it-is-different-from-the-conference" not in sections_left_out(
        families, "the-child-protection-plan"
    )
    assert "what-happens-next" in sections_left_out(families, "the-child-protection-plan")


# ---------------------------------------------------------------------------- the PDFs


@pytest.mark.parametrize("name, code", EXPECTED, ids=IDS)
def test_pdf_is_tagged_accessible_and_in_its_language(real_site, name, code):
    reader = PdfReader(pdf_path(real_site, name, code))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == code
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b"pdfuaid:part" in catalog["/Metadata"].get_data()  # declares PDF/UA-1
    assert {"/H1", "/H2", "/P", "/L", "/LI"} <= structure_types(reader)
    title = reader.metadata.title
    assert title and reader.outline[0].title == title  # bookmarks from the headings, title first


@pytest.mark.parametrize("name, code", EXPECTED, ids=IDS)
def test_pdf_text_has_the_titles_in_its_language_in_order(real_site, name, code):
    text = squeeze(pdf_text(pdf_path(real_site, name, code)), code)
    position = 0
    for title in page_titles(name, code):
        found = find_text(text, squeeze(title, code), position, code)
        assert found >= 0, f"{title!r} is not in the text, or not in order"
        position = found + len(squeeze(title, code))


@pytest.mark.parametrize("name, code", EXPECTED, ids=IDS)
def test_pdf_fonts_are_embedded_and_have_every_glyph(real_site, name, code):
    assert glyph_problems(pdf_path(real_site, name, code)) == []


@pytest.mark.parametrize("name, code", EXPECTED, ids=IDS)
def test_pdf_fits_its_pages(real_site, name, code):
    limit = BY_NAME[name].max_pages
    pages = len(PdfReader(pdf_path(real_site, name, code)).pages)
    assert pages <= (limit or 12), f"{pages} pages"


@pytest.mark.parametrize("code", [code for name, code in EXPECTED if name == NEXT])
def test_the_one_pager_has_the_calculators_numbers(real_site, code):
    """The timescales come from the calculator's rules, so the two never disagree."""
    raw_text = pdf_text(pdf_path(real_site, NEXT, code))
    text = squeeze(raw_text, code)
    rules = load_rules(CONTENT_DIR / "timeline.yaml")
    texts = load_texts(CONTENT_DIR / code / "timeline.yaml", rules, code)
    for step in TIMESCALES.steps[code]:
        count = rules.rule(step.rule).count
        form = texts.rules[step.rule].explanation[plural_category(code, count)]
        if "{count}" in form:  # the words for 1 or 2 may say the number in words ("أسبوعين")
            assert write_number(count, code) in step.explanation  # in the language's own digits
        if language(code).is_rtl:
            # Text extraction moves the numbers of a right-to-left line, and the words around
            # them with them, so each word and each number is looked for on its own.
            words = set(re.findall(r"\w+", raw_text))
            missing = [word for word in re.findall(r"\w+", step.explanation) if word not in words]
            assert not missing, (missing, step.explanation)
            continue
        assert find_text(text, squeeze(step.explanation, code), 0, code) >= 0, step.explanation


def test_leaflet_shows_the_organisation_contact_and_review_date(fixture_site):
    text = " ".join(pdf_text(pdf_path(fixture_site, PROFESSIONALS, SOURCE_LANGUAGE)).split())
    for expected in (
        "Testshire Safeguarding Children Partnership",
        "Phone: 01234 567890 (Monday to Friday, 9am to 5pm)",
        "Email: help@testshire.example",
        "Address: 1 Test Street, Testshire",
        "Email help@testshire.example for large print or Easy Read.",  # other_formats
        "Last reviewed: 1 November 2026",
        "https://guide.testshire.example/en/",
    ):
        assert expected in text
    document = docx.Document(str(pdf_path(fixture_site, PROFESSIONALS, SOURCE_LANGUAGE).with_suffix(".docx")))
    assert "Testshire Safeguarding Children Partnership" in "\n".join(p.text for p in document.paragraphs)


def test_links_become_full_addresses_when_the_site_address_is_set(fixture_site):
    reader = PdfReader(pdf_path(fixture_site, PROFESSIONALS, SOURCE_LANGUAGE))
    uris = {
        annotation.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert "https://guide.testshire.example/en/what-is-a-core-group/#who-comes" in uris


# ---------------------------------------------------------------------------- the Word files


@pytest.mark.parametrize("name, code", EXPECTED, ids=IDS)
def test_word_file_has_headings_lists_title_and_language(real_site, name, code):
    document = docx.Document(str(pdf_path(real_site, name, code).with_suffix(".docx")))
    styles = [paragraph.style.name for paragraph in document.paragraphs if paragraph.text.strip()]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert styles[1] == "Heading 1" and "Heading 2" in styles
    # The Easy Read leaflet's points are rows of a table: a picture, then the words with their lists.
    in_tables = [p for table in document.tables for cell in table._cells for p in cell.paragraphs]
    assert any(
        p.style.name.startswith("List") or p._p.pPr.numPr is not None
        for p in document.paragraphs + in_tables
        if p._p.pPr is not None
    )
    assert document.core_properties.title == headings[0]
    assert document.core_properties.language == code
    assert set(page_titles(name, code)) <= set(headings)  # Word keeps the exact text
    if code in ("ar", "ur"):
        assert all(p._p.pPr is not None and p._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is not None
                   for p in document.paragraphs)  # fmt: skip


def test_numbered_lists_each_start_at_one(real_site):
    document = docx.Document(str(pdf_path(real_site, FAMILIES, SOURCE_LANGUAGE).with_suffix(".docx")))
    numbered = {p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == "List Number"}
    assert len(numbered) >= 2  # each <ol> has a numbering instance of its own


# ---------------------------------------------------------------------------- on the site


@pytest.mark.parametrize("code", SITE.config.languages)
def test_leaflets_page_lists_each_file_with_its_true_size_and_pages(real_site, code):
    page = real_site / code / "leaflets" / "index.html"
    soup = parse_page(page)
    links = soup.select("main .downloads a")
    shown = {Path(link["href"]).name for link in links}
    for name, leaflet in BY_NAME.items():
        if leaflet.with_english:  # in each language but English, when the guide for families is
            in_language = (FAMILIES, code) in EXPECTED and code != SOURCE_LANGUAGE
            assert (f"{name}-{code}.pdf" in shown) == in_language
            continue
        in_language = (name, code) in EXPECTED
        assert f"{name}-{code if in_language else SOURCE_LANGUAGE}.pdf" in shown
    app = create_app(site=SITE)
    for link in links:
        target = Path(posixpath.normpath(posixpath.join(str(page.parent), link["href"])))
        assert target.is_file(), link["href"]
        size = target.stat().st_size
        pages = len(PdfReader(target).pages) if target.suffix == ".pdf" else None
        with app.test_request_context(f"/{code}/leaflets/"):  # the label in the page's language
            app.preprocess_request()
            expected = describe_file(LeafletFile(target.name, target.suffix[1:], bytes(size), pages))
        assert link.select_one(".file-meta").get_text() == expected
    assert soup.select_one("#other-formats + p").get_text().strip()


def test_english_download_labels_are_written_the_gov_uk_way(real_site):
    labels = [
        meta.get_text() for meta in parse_page(real_site / "en/leaflets/index.html").select(".file-meta")
    ]
    assert all(re.fullmatch(r"PDF, \d+ KB, \d+ pages?|MS Word Document, \d+ KB", label) for label in labels)
    one_pager = parse_page(real_site / "en/leaflets/index.html").select_one(
        f'a[href$="{NEXT}-en.pdf"] .file-meta'
    )
    assert re.fullmatch(r"PDF, \d+ KB, 1 page", one_pager.get_text())


@pytest.mark.parametrize(
    "slug, names",
    [
        ("what-is-a-core-group", {FAMILIES}),
        ("when-and-where-are-meetings", {FAMILIES, NEXT}),
        ("core-group-essentials", {PROFESSIONALS}),
        ("calculator", {NEXT}),
        ("neglect-and-think-family", set()),
    ],
)
def test_related_pages_link_to_their_leaflets(real_site, slug, names):
    soup = parse_page(real_site / "en" / slug / "index.html")
    linked = {Path(a["href"]).name.rsplit("-", 1)[0] for a in soup.select(".related-leaflets .downloads a")}
    assert linked == names
    for link in soup.select(".related-leaflets .downloads a"):
        assert link.select_one(".file-meta").get_text().startswith(("PDF, ", "MS Word Document, "))


def test_leaflets_page_is_in_the_menu_and_the_sitemap(real_site):
    soup = parse_page(real_site / "en" / "index.html")
    assert soup.select_one('.site-nav a[href="leaflets/index.html"]')
    assert "en/leaflets/</loc>" in (real_site / "sitemap.xml").read_text()


# ---------------------------------------------------------------------------- making and caching


def test_warm_build_makes_only_the_leaflets_whose_content_changed(tmp_path, monkeypatch):
    content = Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        re.sub(r"(?m)^languages:.*$", "languages: [en]", site_yaml.read_text(encoding="utf-8"))
    )
    cache = tmp_path / "cache"
    app = create_app(content)
    first = leaflet_cache.make_leaflets(app, cache)
    made = []
    real_make_files = leaflet_cache._make_files
    monkeypatch.setattr(
        leaflet_cache, "_make_files", lambda documents: made.extend(documents) or real_make_files(documents)
    )
    again = leaflet_cache.make_leaflets(create_app(content), cache)
    assert made == []
    assert [file.data for leaflet in again.made for file in leaflet.files if file.format == "pdf"] == [
        file.data for leaflet in first.made for file in leaflet.files if file.format == "pdf"
    ]
    # A change to one page: only the leaflets made from it are made again.
    page = content / "en" / "what-is-a-core-group.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Your views matter.", "Your views count."))
    leaflet_cache.make_leaflets(create_app(content), cache)
    assert {(document.leaflet.name, document.lang) for document in made} == {(FAMILIES, SOURCE_LANGUAGE)}
    # A change to the site configuration (the contact details are on every leaflet): all again.
    made.clear()
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace('phone: ""', 'phone: "01234 567890"'))
    rebuilt = leaflet_cache.make_leaflets(create_app(content), cache)
    assert len(made) == len(rebuilt.made)


def test_every_leaflet_has_a_page_limit():
    """A leaflet made of every page of a kind (the professionals' one) must not grow without bound."""
    assert [leaflet.name for leaflet in LEAFLETS if not leaflet.max_pages] == []


def test_a_character_no_font_has_stops_the_build():
    with pytest.raises(MissingGlyphs, match="U\\+1FAE8"):
        render_pdf('<html lang="en"><title>Test</title><p>A new emoji: \U0001fae8</p></html>')


def test_the_glyph_check_finds_a_missing_glyph(tmp_path):
    """The check the tests run on every leaflet does catch a box (made here without the guard)."""
    path = tmp_path / "box.pdf"
    html = '<html lang="en"><title>Test</title><p>A new emoji: \U0001fae8</p></html>'
    weasyprint.HTML(string=html).write_pdf(path)
    assert any("U+1FAE8" in problem for problem in glyph_problems(path))


# ---------------------------------------------------------------------------- every script

SAMPLES = {
    "ar": (
        "ما هي المجموعة الأساسية؟",
        "المجموعة الأساسية هي مجموعة صغيرة من أفراد الأسرة والعاملين، يجتمعون كثيرًا للمساعدة في الحفاظ على سلامة طفلك.",
        "لماذا توجد مجموعة أساسية",
        ("إساءة جسدية", "إهمال"),
        "**أنت** جزء من المجموعة.",
        "Noto-Naskh-Arabic",
    ),
    "ur": (
        "کور گروپ کیا ہے؟",
        "کور گروپ خاندان کے افراد اور کارکنوں کا ایک چھوٹا سا گروپ ہے جو آپ کے بچے کو محفوظ رکھنے میں مدد کے لیے اکثر ملتا ہے۔",
        "کور گروپ کیوں ہوتا ہے",
        ("جسمانی بدسلوکی", "غفلت"),
        "**آپ** اس گروپ کا حصہ ہیں۔",
        "Noto-Naskh-Arabic",  # not Nastaliq: see leaflet.css
    ),
    "bn": (
        "কোর গ্রুপ কী?",
        "কোর গ্রুপ হলো পরিবারের সদস্য ও কর্মীদের একটি ছোট দল, যারা আপনার সন্তানকে নিরাপদ রাখতে সাহায্য করার জন্য প্রায়ই মিলিত হয়।",
        "কেন কোর গ্রুপ থাকে",
        ("শারীরিক নির্যাতন", "অবহেলা"),
        "**আপনি** এই দলের একজন সদস্য।",
        "Noto-Sans-Bengali",
    ),
    "pa": (
        "ਕੋਰ ਗਰੁੱਪ ਕੀ ਹੈ?",
        "ਕੋਰ ਗਰੁੱਪ ਪਰਿਵਾਰ ਦੇ ਮੈਂਬਰਾਂ ਅਤੇ ਕਰਮਚਾਰੀਆਂ ਦਾ ਇੱਕ ਛੋਟਾ ਸਮੂਹ ਹੈ, ਜੋ ਤੁਹਾਡੇ ਬੱਚੇ ਨੂੰ ਸੁਰੱਖਿਅਤ ਰੱਖਣ ਵਿੱਚ ਮਦਦ ਲਈ ਅਕਸਰ ਮਿਲਦਾ ਹੈ।",
        "ਕੋਰ ਗਰੁੱਪ ਕਿਉਂ ਹੁੰਦਾ ਹੈ",
        ("ਸਰੀਰਕ ਦੁਰਵਿਹਾਰ", "ਅਣਗਹਿਲੀ"),
        "**ਤੁਸੀਂ** ਇਸ ਸਮੂਹ ਦਾ ਹਿੱਸਾ ਹੋ।",
        "Noto-Sans-Gurmukhi",
    ),
    "gu": (
        "કોર ગ્રુપ શું છે?",
        "કોર ગ્રુપ એ પરિવારના સભ્યો અને કાર્યકરોનું એક નાનું જૂથ છે, જે તમારા બાળકને સુરક્ષિત રાખવામાં મદદ કરવા માટે વારંવાર મળે છે.",
        "કોર ગ્રુપ શા માટે હોય છે",
        ("શારીરિક દુર્વ્યવહાર", "ઉપેક્ષા"),
        "**તમે** આ જૂથનો ભાગ છો.",
        "Noto-Sans-Gujarati",
    ),
}
SAMPLE_PAGE = """---
title: {title}
summary: {title}
audience: families
topic: core-groups
order: 1
reviewed: 2026-11-01
review_by: 2027-11-01
{extra}---

{intro}

## {heading} {{#why}}

{items}

{bold}

{{{{ contact }}}}
"""


@pytest.fixture(scope="module")
def script_samples(tmp_path_factory) -> dict[str, Path]:
    """The families leaflet in every script the site uses, from a short sample page in each."""
    content = tmp_path_factory.mktemp("scripts")
    (content / "site.yaml").write_text(
        (CONTENT_DIR / "site.yaml").read_text(encoding="utf-8").split("languages:")[0]
        + f"languages: [en, {', '.join(SAMPLES)}]\nbank_holidays: england-and-wales\n",
        encoding="utf-8",
    )
    (content / "en").mkdir()
    (content / "en" / "topics.yaml").write_text(
        "core-groups:\n  order: 1\n  title: Core groups\n  summary: What a core group is.\n", encoding="utf-8"
    )
    english = SAMPLE_PAGE.format(
        title="What is a core group?",
        extra="sources:\n  - working-together-2023\n",
        intro="A core group is a small group of people.",
        heading="Why",
        items="- physical abuse\n- neglect",
        bold="**You** are part of it.",
    )
    (content / "en" / "what-is-a-core-group.md").write_text(english, encoding="utf-8")
    shutil.copy(CONTENT_DIR / "timeline.yaml", content / "timeline.yaml")  # the calculator needs them
    shutil.copy(CONTENT_DIR / "sources.yaml", content / "sources.yaml")
    shutil.copy(CONTENT_DIR / "en" / "timeline.yaml", content / "en" / "timeline.yaml")
    revision = load_site(content).source.pages["what-is-a-core-group"].revision
    for code, (title, intro, heading, items, bold, _font) in SAMPLES.items():
        (content / code).mkdir()
        page = SAMPLE_PAGE.format(
            title=title,
            extra=f"translation_of: what-is-a-core-group@{revision}\ntranslation_status: draft\n",
            intro=intro,
            heading=heading,
            items="\n".join(f"- {item}" for item in items),
            bold=bold,
        )
        (content / code / "what-is-a-core-group.md").write_text(page, encoding="utf-8")
    documents = leaflets.leaflet_documents(create_app(content))
    samples = {document.lang: leaflets.make_files(document)[0] for document in documents}
    for file in samples.values():
        (content / file.filename).write_bytes(file.data)  # kept for looking at with pdftoppm
    return {code: content / file.filename for code, file in samples.items()}


@pytest.mark.parametrize("code", SAMPLES)
def test_every_script_is_shaped_from_an_embedded_font_with_every_glyph(script_samples, code):
    title, intro, heading, items, bold, font = SAMPLES[code]
    path = script_samples[code]
    assert glyph_problems(path) == []
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == code
    assert any(font in name for name in pdf_fonts(reader)), f"{font} not used: {list(pdf_fonts(reader))}"
    text = squeeze(pdf_text(path), code)
    for expected in (title, intro, heading, *items, bold.replace("**", "")):
        assert find_text(text, squeeze(expected, code), 0, code) >= 0, textwrap.shorten(expected, 40)


A4_HEIGHT = 841.89  # points
MM = 72 / 25.4
CONTENT_TOP, CONTENT_BOTTOM = A4_HEIGHT - 14 * MM, 16 * MM  # leaflet.css @page margins
PAGE_NUMBER = re.compile(r"\d+ / \d+")


def text_spans(path: Path) -> list[tuple[int, float, float, str]]:
    """(page index, font size in points, baseline height from the page's foot, text) of each text run."""
    spans = []
    for index, page in enumerate(PdfReader(path).pages):

        def visit(text, cm, tm, font, size, index=index):
            if text.strip():
                scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
                spans.append((index, size * scale, tm[5] * cm[3] + tm[4] * cm[1] + cm[5], text.strip()))

        page.extract_text(visitor_text=visit)
    return spans


@pytest.mark.parametrize("code", [code for name, code in EXPECTED if name == FAMILIES])
def test_families_leaflet_has_no_text_under_12_points(real_site, code):
    spans = text_spans(pdf_path(real_site, FAMILIES, code))
    small = [(page + 1, round(size, 1), text[:30]) for page, size, _, text in spans if size < 11.95]
    assert spans and not small, small[:5]


@pytest.mark.parametrize("name, code", [(name, code) for name, code in EXPECTED if name != NEXT], ids=str)
def test_last_page_is_not_near_empty(real_site, name, code):
    spans = text_spans(pdf_path(real_site, name, code))
    last = max(page for page, *_ in spans)
    if last == 0:
        return  # one page: nothing to balance
    lowest = min(y for page, _, y, text in spans if page == last and not PAGE_NUMBER.fullmatch(text))
    filled = (CONTENT_TOP - lowest) / (CONTENT_TOP - CONTENT_BOTTOM)
    assert filled >= 0.3, f"the text on page {last + 1} ends {filled:.0%} of the way down"


def test_a_pdfs_id_does_not_depend_on_the_folder_the_project_is_in(monkeypatch):
    here = pdf.document_identifier(f'<img src="{pdf.STATIC_DIR.as_uri()}/pictures/book.svg">')
    monkeypatch.setattr(pdf, "STATIC_DIR", Path("/elsewhere/core-group-guide/static"))
    there = pdf.document_identifier('<img src="file:///elsewhere/core-group-guide/static/pictures/book.svg">')
    assert here == there
    assert pdf.document_identifier("<p>one</p>") != pdf.document_identifier("<p>two</p>")
