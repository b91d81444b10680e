"""English alongside: the bilingual family pages and the bilingual families leaflet."""

from __future__ import annotations

import re

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from portal.languages import SOURCE_LANGUAGE, language
from portal.leaflets.definitions import LEAFLETS, pages_in_language
from portal.loader import load_site
from portal.review.pairing import bilingual_slugs
from tests.conftest import FIXTURE_CONTENT
from tests.helpers import parse_page, project_site, translated, worker_data

SITE = project_site()
FIXTURE = load_site(FIXTURE_CONTENT)
BILINGUAL = next(leaflet for leaflet in LEAFLETS if leaflet.with_english)
FAMILIES = next(leaflet for leaflet in LEAFLETS if leaflet.name == "core-groups-a-guide-for-families")


def test_every_translated_family_page_links_to_its_bilingual_version(fixture_site):
    page = parse_page(fixture_site / "ar" / "what-is-a-core-group" / "index.html")
    link = page.select_one(".bilingual-link a")
    assert link.get_text() == translated("ar", "Show English alongside") != "Show English alongside"
    assert link["href"] == "bilingual/index.html"
    # An English page, and a page shown in English as a fallback, have no such link.
    for path in ("en/what-is-a-core-group", "ar/helping-professionals", "pl/what-is-a-core-group"):
        assert not parse_page(fixture_site / path / "index.html").select(".bilingual-link"), path


def test_the_bilingual_page_has_each_section_in_the_translation_then_in_english(fixture_site):
    path = fixture_site / "ar" / "what-is-a-core-group" / "bilingual" / "index.html"
    page = parse_page(path)
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    pairs = page.select(".bilingual-pair")
    english = [heading["id"] for heading in page.select(".bilingual-english h2")]
    ours = [heading["id"] for heading in page.select(".bilingual-translation h2")]
    expected = [
        heading.id for heading in FIXTURE.source.pages["what-is-a-core-group"].headings if heading.level == 2
    ]
    assert ours == expected and english == ["en-" + heading_id for heading_id in expected]
    for pair in pairs:
        first, second = pair.find_all(recursive=False)
        assert (first["lang"], first["dir"]) == ("ar", "rtl")
        assert (second["lang"], second["dir"]) == ("en", "ltr")
    assert len(pairs) == 2 + len(expected)  # the summary, the opening text, then each section


def test_links_on_the_bilingual_page_lead_to_pages_that_exist(fixture_site):
    path = fixture_site / "ar" / "what-is-a-core-group" / "bilingual" / "index.html"
    page = parse_page(path)
    targets = [
        link["href"] for link in page.select(".bilingual a[href]") if not re.match(r"[a-z]+:", link["href"])
    ]
    assert any("/en/" in target for target in targets) and any("/ar/" in target for target in targets)
    for target in targets:
        assert (path.parent / target.split("#")[0]).resolve().is_file(), target


def test_bilingual_pages_are_kept_for_offline_reading(fixture_site):
    lists = worker_data(fixture_site)
    assert "ar/what-is-a-core-group/bilingual/index.html" in lists["languages"]["ar"]


def test_only_translated_family_pages_have_a_bilingual_version():
    for code in SITE.config.languages:
        slugs = bilingual_slugs(SITE, code)
        if code == SOURCE_LANGUAGE:
            assert slugs == ()
            continue
        assert set(slugs) == {
            slug for slug, page in SITE.content[code].pages.items() if page.is_for_families
        }, code


# ---------------------------------------------------------------------------- the leaflet


def structure_languages(reader: PdfReader) -> set[str]:
    """Every /Lang in a tagged PDF's structure tree."""
    found, stack = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
        elif hasattr(node, "get"):
            if "/Lang" in node:
                found.add(str(node["/Lang"]))
            if "/K" in node:
                stack.append(node["/K"])
    return found


LEAFLET_LANGUAGES = [
    code
    for code in SITE.config.languages
    if code != SOURCE_LANGUAGE and pages_in_language(SITE, FAMILIES, code) is not None
]


@pytest.mark.parametrize("code", LEAFLET_LANGUAGES)
def test_the_bilingual_leaflet_is_tagged_with_both_languages(real_site, code):
    path = real_site / code / "leaflets" / f"{BILINGUAL.name}-{code}.pdf"
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == code
    assert b"pdfuaid:part" in catalog["/Metadata"].get_data()  # still PDF/UA-1
    assert SOURCE_LANGUAGE in structure_languages(reader)
    assert reader.metadata.title == translated(code, "Core groups: a guide for families, with English")
    text = " ".join("".join(page.extract_text() for page in reader.pages).split())
    assert "What is a core group?" in text  # the English is there, beside the translation


@pytest.mark.parametrize("code", LEAFLET_LANGUAGES)
def test_the_bilingual_leaflet_is_listed_in_its_language_only(real_site, code):
    page = parse_page(real_site / code / "leaflets" / "index.html")
    assert page.select_one(f'a[href$="{BILINGUAL.name}-{code}.pdf"]')
    english = parse_page(real_site / SOURCE_LANGUAGE / "leaflets" / "index.html")
    assert not english.select(f'a[href*="{BILINGUAL.name}"]')


@pytest.mark.parametrize("code", [code for code in SITE.config.languages if code != SOURCE_LANGUAGE])
def test_every_block_of_every_bilingual_page_has_its_language_and_direction(real_site, code):
    direction = language(code).direction
    for slug in bilingual_slugs(SITE, code):
        page = parse_page(real_site / code / slug / "bilingual" / "index.html")
        pairs = page.select(".bilingual-pair")
        assert len(pairs) >= 2, slug
        for pair in pairs:
            first, second = pair.find_all(recursive=False)
            assert (first["lang"], first["dir"], second["lang"], second["dir"]) == (
                code,
                direction,
                "en",
                "ltr",
            )
        english = SITE.source.pages[slug]
        ids = [heading["id"] for heading in page.select(".bilingual-english h2")]
        assert ids == [f"en-{heading.id}" for heading in english.headings if heading.level == 2], slug


@pytest.mark.parametrize("code", ["pl", "ar"])
def test_the_bilingual_word_file_marks_the_english_as_english(real_site, code):
    document = docx.Document(real_site / code / "leaflets" / f"{BILINGUAL.name}-{code}.docx")
    marked, plain = [], []
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            properties = run._r.rPr
            found = properties.find(qn("w:lang")) if properties is not None else None
            (marked if found is not None and found.get(qn("w:val")) == "en-GB" else plain).append(run.text)
    assert "What is a core group?" in "".join(marked)
    assert SITE.content[code].pages["what-is-a-core-group"].title in "".join(plain)
    english = next(
        p for p in document.paragraphs if p.text.startswith("A core group is a small group of people")
    )
    assert english._p.pPr is None or english._p.pPr.find(qn("w:bidi")) is None, "English reads left to right"
