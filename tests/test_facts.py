"""The facts a reader relies on: sources and review dates on every page, the corrected wording,
the emergency line, the timescales table built from the rules, and translations that keep
English's numbers and their own language's full stops."""

from __future__ import annotations

import re
import unicodedata

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

import build
from portal.i18n import BABEL_LOCALE_OVERRIDES
from portal.languages import SOURCE_LANGUAGE, language, localise_digits
from tests.helpers import parse_page, project_site, translated

SITE = project_site()
LANGUAGES = SITE.config.languages
TRANSLATIONS = [
    (code, page)
    for code in LANGUAGES
    if code != SOURCE_LANGUAGE
    for page in SITE.content[code].pages.values()
]
KIND_LABELS = {
    "national-guidance": "National guidance for England",
    "local-procedure": "One area's procedure: yours may differ",
    "national-charity": "National charity",
    "review": "Safeguarding review",
    "public-service": "Public service advice",
}


def locale(code: str) -> str:
    return BABEL_LOCALE_OVERRIDES.get(code, code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_guidance_page_ends_with_its_sources_and_review_dates(real_site, code):
    for slug in SITE.slugs:
        shown = SITE.page(code, slug)
        soup = parse_page(real_site / code / slug / "index.html")
        block = soup.select_one("main .page-sources")
        assert block is not None, f"{code}/{slug}: no Sources section"
        assert not block.find_all_next(class_="page-body"), f"{code}/{slug}: Sources must come after the text"
        items = block.select("li")
        sources = SITE.sources_of(slug)
        assert len(items) == len(sources) >= 1
        for item, source in zip(items, sources, strict=True):
            assert source.title in item.get_text(" ")
            assert source.publisher in item.get_text(" ")
            assert translated(code, KIND_LABELS[source.kind]) in item.get_text(" ")
            link = item.find("a")
            assert (link["href"] if link else "") == source.url, (
                f"{code}/{slug}: {source.id} links to its url"
            )
        dates = block.select_one(".review-dates").get_text(" ")
        for day in (shown.page.reviewed, shown.page.review_by):
            assert localise_digits(format_date(day, "long", locale=locale(code)), code) in dates, (
                f"{code}/{slug}"
            )


def test_sources_link_only_to_public_https_addresses():
    for source in SITE.sources.values():
        assert source.url == "" or source.url.startswith("https://"), source.id


def test_every_source_in_the_list_is_cited_by_a_page():
    cited = {source_id for page in SITE.source.pages.values() for source_id in page.sources}
    assert set(SITE.sources) == cited, f"not cited anywhere: {set(SITE.sources) - cited}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_says_call_999_when_a_child_is_in_danger(real_site, code):
    emergency = parse_page(real_site / code / "index.html").select_one("main .emergency")
    assert emergency is not None and "999" in emergency.get_text()
    assert translated(code, "If a child is in danger now, call 999.") in emergency.get_text()


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_plan_is_for_a_child_at_risk_of_significant_harm(real_site, code):
    """The threshold is significant harm, linked to the word list, wherever a family reads why a plan is made."""
    for slug in ("what-is-a-core-group", "the-child-protection-plan"):
        soup = parse_page(real_site / code / slug / "index.html")
        assert soup.select_one('.page-body a[href$="glossary/index.html#significant-harm"]'), f"{code}/{slug}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_what_happens_next_links_to_the_answers_parents_ask_first(real_site, code):
    soup = parse_page(real_site / code / "what-happens-next" / "index.html")
    hrefs = {link["href"] for link in soup.select(".page-body a[href]")}
    for slug in ("do-i-have-to-go", "papers-and-records", "if-you-disagree", "staying-safe"):
        assert f"../{slug}/index.html" in hrefs, f"{code}: no link to {slug}"
    assert "../moving-house-changing-school-growing-up/index.html#if-you-move-to-another-area" in hrefs


# English wording that the facts review corrected: what must be said, and what must never return.
ENGLISH_WORDING = [
    ("what-happens-next", "the one where the section 47 enquiry was started", "counts from the last one"),
    ("core-group-essentials", "the one at which the section 47 enquiry was started", "the last one"),
    ("who-is-in-the-core-group", "depends on your area", "usually a social worker with a lot of experience"),
    ("core-group-essentials", "your area's procedures say who chairs", "Chair:** an advanced social work"),
    ("professionals-only-meetings", "Some areas also name a deputy lead", "or its deputy lead"),
    (
        "professionals-only-meetings",
        "City and Hackney Safeguarding Children Partnership",
        "Finding 5 of the Child Q",
    ),
    ("transitions-and-handover", "In some areas the plan forms have sections", "documents have sections"),
    ("moving-house-changing-school-growing-up", "significant incidents and worries", "important events"),
]


@pytest.mark.parametrize("slug, said, never", ENGLISH_WORDING, ids=[row[0] for row in ENGLISH_WORDING])
def test_corrected_english_wording(real_site, slug, said, never):
    text = " ".join(
        parse_page(real_site / "en" / slug / "index.html").select_one("main").get_text(" ").split()
    )
    text = text.replace(" ,", ",")
    assert said in text
    assert never not in text


def test_glossary_states_rules_as_rules_and_qualifies_named_professionals():
    entries = {entry.id: entry.definition for entry in SITE.source.glossary}
    assert "should only happen" in entries["professionals-only-meeting"]
    assert "NHS" in entries["named-professional"] and "In some areas" in entries["named-professional"]
    assert "significant incidents and worries" in entries["chronology"]
    assert "depends on the area" in entries["core-group-chair"]


def test_essentials_timescales_table_is_the_calculators_rules(real_site):
    """Steps, numbers and how firm each is come from content/timeline.yaml, so they cannot differ."""
    calculator = SITE.calculator[SOURCE_LANGUAGE]
    soup = parse_page(real_site / "en" / "core-group-essentials" / "index.html")
    rows = soup.select("table.timescales tbody tr")
    assert len(rows) == len(calculator.rules.rules)
    for row, rule in zip(rows, calculator.rules.rules, strict=True):
        assert row.th.get_text(strip=True) == calculator.texts.label(rule.id)
        assert (
            row.select_one(".timescale-basis").get_text(strip=True) == calculator.texts.statuses[rule.status]
        )
        assert str(rule.count) in row.td.get_text()


def test_changing_a_rule_changes_the_timescales_table(content_copy, tmp_path):
    page = content_copy / "en" / "helping-professionals.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ timescales }}\n", encoding="utf-8")
    rules = content_copy / "timeline.yaml"
    text = rules.read_text(encoding="utf-8")
    start = text.index("first_core_group_by:")
    changed = text[:start] + text[start:].replace("count: 10", "count: 8", 1).replace(
        "status: local", "status: good_practice", 1
    )
    rules.write_text(changed, encoding="utf-8")
    site_dir = build.build(content_copy, tmp_path / "build")
    soup = BeautifulSoup((site_dir / "en" / "helping-professionals" / "index.html").read_text(), "lxml")
    row = next(row for row in soup.select("table.timescales tbody tr") if "8 working days" in row.get_text())
    assert row.select_one(".timescale-basis").get_text(strip=True) == "Good practice"


def visible_text(page) -> str:
    """What a reader of the page reads in its own language (English terms in brackets left out)."""
    soup = BeautifulSoup(page.body_html, "lxml")
    for element in soup.select('[lang="en"]'):
        element.decompose()
    return "\n".join((page.title, page.summary, soup.get_text("\n")))


def numbers(text: str) -> set[str]:
    """The numbers in the text, in Western digits whatever digits the language writes them in.

    A set, not a count: a translation may repeat a number, e.g. in an English term in brackets.
    """
    return {"".join(str(unicodedata.digit(c)) for c in found) for found in re.findall(r"\d+", text)}


@pytest.mark.parametrize("code, page", TRANSLATIONS, ids=lambda value: getattr(value, "slug", value))
def test_translation_keeps_the_english_numbers(code, page):
    """A timescale, phone number or law that differs from English would tell a parent something wrong."""
    english = SITE.source.pages[page.slug]
    assert numbers(visible_text(page)) == numbers(visible_text(english))


# Bengali and Punjabi end sentences with the danda, Urdu with the Urdu full stop. (Arabic and
# Gujarati use the Latin-shaped full stop, so they are not checked here.)
OWN_FULL_STOP = {"bn": "।", "pa": "।", "ur": "۔"}
LATIN_SENTENCE_END = re.compile(r"[^\s\d.]\.(?=\s|$)")


@pytest.mark.parametrize(
    "code, page",
    [(code, page) for code, page in TRANSLATIONS if code in OWN_FULL_STOP],
    ids=lambda v: getattr(v, "slug", v),
)
def test_no_latin_full_stop_ends_a_sentence(code, page):
    wrong = [line for line in visible_text(page).splitlines() if LATIN_SENTENCE_END.search(line.strip())]
    assert not wrong, f"use {OWN_FULL_STOP[code]} instead of '.': {wrong[:3]}"


OWN_DIGITS = [(code, page) for code, page in TRANSLATIONS if language(code).numbering_system != "latn"]
ENGLISH_IN_BRACKETS = re.compile(r"\([^()]*[A-Za-z][^()]*\)")


@pytest.mark.parametrize("code, page", OWN_DIGITS, ids=lambda value: getattr(value, "slug", value))
def test_pages_write_numbers_in_the_digits_the_calculator_and_dates_use(code, page):
    """One digit system per language: a page's text uses the same digits as its dates and calculator."""
    text = ENGLISH_IN_BRACKETS.sub("", visible_text(page))
    assert not re.findall(r"[0-9]+", text), f"write numbers in {language(code).numbering_system} digits"
