"""The fictional example organisation (examples/exampleshire) builds, and every feature of the
local folder shows on its pages, leaflets and offline copy; the neutral guide shows none of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

import build
from tests.helpers import parse_page

EXAMPLE = build.ROOT / "examples" / "exampleshire"
NAME = "Exampleshire Safeguarding Children Partnership (example)"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory, request) -> Path:
    """`make example`: the real content with the example's own folder; returns build/site."""
    cache = getattr(request.config, "cache", None)
    leaflet_cache = cache.mkdir("leaflet-cache") if cache else None
    build_dir = tmp_path_factory.mktemp("example-build")
    return build.build(build.CONTENT_DIR, build_dir, leaflet_cache=leaflet_cache, local_dir=EXAMPLE)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_header_carries_the_logo_and_the_organisations_name(example_site, lang):
    page = parse_page(example_site / lang / "index.html")
    name = page.select_one(".site-name")
    assert name.get_text(strip=True) == NAME
    logo = name.select_one("img.site-logo")
    assert (example_site / lang / logo["src"]).resolve() == (example_site / "brand" / "logo.svg").resolve()
    assert logo["alt"] == ""  # the name beside it says the same: not read twice
    assert (logo["width"], logo["height"]) == ("100", "40")
    assert (example_site / "brand" / "logo.svg").read_bytes() == (EXAMPLE / "logo.svg").read_bytes()
    if lang != "en":  # the host's English words are marked as English
        assert name.select_one("span[lang=en][dir=ltr]").get_text() == NAME


def test_the_brand_colours_are_used_in_light_and_dark_mode(example_site):
    page = parse_page(example_site / "en" / "index.html")
    stylesheets = [link["href"] for link in page.select("link[rel=stylesheet]:not([media])")]
    assert stylesheets[-1].endswith("brand/brand.css")
    css = (example_site / "brand" / "brand.css").read_text()
    assert ":root{--brand:#005a5b;--link:#005a5b;--header:#005a5b;" in css
    assert "@media (prefers-color-scheme:dark){:root{--brand:#7fd6d6;--link:#7fd6d6}}" in css


def test_the_offline_copy_keeps_the_brand_files(example_site):
    worker = (example_site / "sw.js").read_text().splitlines()[0]
    assert '"brand/brand.css"' in worker and '"brand/logo.svg"' in worker


def test_a_new_local_page_is_in_the_guide_with_its_local_source(example_site):
    page = parse_page(example_site / "en" / "core-groups-in-exampleshire" / "index.html")
    assert page.h1.get_text(strip=True) == "Core groups in Exampleshire (example)"
    assert page.select_one('.page-body a.glossary-term[href$="#family-front-door"]')
    assert "Core groups (Exampleshire procedure, example)" in page.select_one(".page-sources").get_text()
    topic = parse_page(example_site / "en" / "topics" / "core-groups" / "index.html")
    assert topic.select_one('a[href*="core-groups-in-exampleshire"]')
    polish = parse_page(example_site / "pl" / "core-groups-in-exampleshire" / "index.html")
    assert polish.select_one(".page-body")["lang"] == "en"  # not translated: English, marked so


def test_local_pages_say_who_wrote_them(example_site):
    for slug in ("core-groups-in-exampleshire", "when-and-where-are-meetings"):
        origin = parse_page(example_site / "en" / slug / "index.html").select_one(".page-origin")
        assert (
            origin.get_text(strip=True)
            == f"This page was written by {NAME} for its own area, not by the national guide."
        )
    arabic = parse_page(example_site / "ar" / "core-groups-in-exampleshire" / "index.html").select_one(
        ".page-origin"
    )
    assert (
        arabic.get_text(strip=True).startswith("كتبت")
        and arabic.select_one("span[lang=en]").get_text() == NAME
    )
    assert not parse_page(example_site / "en" / "if-you-disagree" / "index.html").select(".page-origin")


def test_a_replaced_page_shows_the_organisations_words_in_every_language(example_site):
    english = parse_page(example_site / "en" / "when-and-where-are-meetings" / "index.html")
    text = english.select_one(".page-body").get_text(" ", strip=True)
    assert "in Exampleshire meets at least every 4 weeks" in text
    polish = parse_page(example_site / "pl" / "when-and-where-are-meetings" / "index.html")
    body = polish.select_one(".page-body")
    assert body["lang"] == "en" and "every 4 weeks" in body.get_text()  # the shared Polish said 6


def test_the_calculator_uses_the_local_timescales(example_site):
    page = parse_page(example_site / "en" / "calculator" / "index.html")
    assert (
        page.select_one("#interval_weeks-hint")
        .get_text(strip=True)
        .startswith("Leave this empty if you do not know. The usual is every 4 weeks")
    )
    assert "Enter a number of weeks from 1 to 4" in str(page)


def test_a_local_contact_block_ends_its_page(example_site):
    for lang in ("en", "ar"):
        page = parse_page(example_site / lang / "if-you-disagree" / "index.html")
        block = page.select_one("aside.page-contact")
        assert "Questions or complaints in Exampleshire (example)" in block.h2.get_text()
        assert block.select_one('a[href="mailto:chairs@example.org"]')
    assert block.h2.select_one("span[lang=en][dir=ltr]")  # the Arabic page marks the English words


def test_professional_pages_link_to_the_local_procedures(example_site):
    page = parse_page(example_site / "en" / "core-group-essentials" / "index.html")
    assert page.select_one('a[href="https://procedures.example.org/core-groups"]')


def test_the_leaflets_carry_the_logo_and_the_organisations_name(example_site):
    reader = PdfReader(example_site / "en" / "leaflets" / "core-groups-a-guide-for-families-en.pdf")
    assert reader.pages[0].extract_text().startswith(NAME)
    assert _figure_alts(reader.trailer["/Root"]["/StructTreeRoot"]) == [NAME]  # the logo, tagged with its alt
    assert reader.metadata.author == NAME


def _figure_alts(node) -> list[str]:
    """The alt text of every figure in a tagged PDF's structure tree."""
    node = node.get_object()
    if isinstance(node, list):
        return [alt for child in node for alt in _figure_alts(child)]
    if not hasattr(node, "get"):
        return []  # a marked-content number
    if node.get("/S") == "/Figure":
        return [str(node.get("/Alt"))]
    return _figure_alts(node["/K"]) if "/K" in node else []


def test_the_statements_name_the_organisation(example_site):
    about = parse_page(example_site / "en" / "about" / "index.html")
    assert NAME in about.select_one("main").get_text()


def test_the_neutral_guide_has_no_branding(fixture_site):
    page = parse_page(fixture_site / "en" / "index.html")
    assert not page.select("img.site-logo") and not (fixture_site / "brand").exists()
    assert not [link for link in page.select("link[rel=stylesheet]") if "brand" in link["href"]]
    assert not re.search(r"brand/", (fixture_site / "sw.js").read_text().splitlines()[0])
