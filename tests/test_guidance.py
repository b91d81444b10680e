"""The guidance itself: what every page must carry, checked on the site model and the built pages."""

from __future__ import annotations

import re

import pytest

from portal.languages import SOURCE_LANGUAGE
from portal.paths import CONTENT_DIR
from portal.timeline import UNITS, load_rules
from tests.helpers import parse_page, project_site

SITE = project_site()
FAMILY_PAGES = SITE.pages_in(SOURCE_LANGUAGE, "families")
REQUIRED_FAMILY_PAGES = {
    "what-is-a-core-group",
    "who-is-in-the-core-group",
    "when-and-where-are-meetings",
    "what-happens-at-the-first-meeting",
    "the-child-protection-plan",
    "neglect-and-think-family",
    "help-for-parents-and-carers",
    "meetings-without-you",
    "moving-house-changing-school-growing-up",
    "what-happens-next",
    "do-i-have-to-go",
    "papers-and-records",
    "if-you-disagree",
    "staying-safe",
}
REQUIRED_GLOSSARY = {
    "core-group",
    "child-protection-plan",
    "child-protection-conference",
    "review-conference",
    "lead-social-worker",
    "chronology",
    "section-47",
    "safeguarding-unit",
    "advocate",
}


def test_the_family_pages_the_guidance_promises_exist():
    assert REQUIRED_FAMILY_PAGES <= {page.slug for page in FAMILY_PAGES}


def test_glossary_explains_the_jargon_parents_meet():
    entries = {entry.id: entry for entry in SITE.source.glossary}
    assert REQUIRED_GLOSSARY <= set(entries)
    for entry in entries.values():
        sentences = [part for part in entry.definition.replace("?", ".").split(".") if part.strip()]
        assert 1 <= len(sentences) <= 2, f"{entry.id}: one or two plain sentences"


@pytest.mark.parametrize("page", FAMILY_PAGES, ids=lambda page: page.slug)
def test_family_page_ends_with_what_happens_next(real_site, page):
    soup = parse_page(real_site / "en" / page.slug / "index.html")
    body = soup.select_one(".page-body")
    last_heading = body.find_all("h2")[-1]
    assert last_heading["id"] == "what-happens-next", "end with a '## What happens next' section"
    pointer_links = [link for link in last_heading.find_all_next("a") if body in link.parents]
    assert pointer_links, "the last section points somewhere: a page or the calculator"


@pytest.mark.parametrize("page", FAMILY_PAGES, ids=lambda page: page.slug)
def test_first_use_of_glossary_words_links_to_the_word_list(real_site, page):
    soup = parse_page(real_site / "en" / page.slug / "index.html")
    links = soup.select(".page-body a.glossary-term")
    if not links:  # a page may use no jargon at all; then no glossary word may appear unlinked
        text = soup.select_one(".page-body").get_text(" ").casefold()
        forms = [form.casefold() for entry in SITE.source.glossary for form in entry.forms]
        assert not [form for form in forms if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
    targets = [link["href"] for link in links]
    assert len(targets) == len(set(targets)), "each word is linked only the first time"
    glossary = parse_page(real_site / "en" / "glossary" / "index.html")
    for href in targets:
        assert glossary.find(id=href.split("#")[1]), href


# --- the timescales on the pages and in the calculator's rules are the same numbers -----------

RULES = load_rules(CONTENT_DIR / "timeline.yaml")
UNIT_WORDS = {unit: words for words, unit in UNITS.items()}  # "working_days" -> "working days"
TIMESCALE = re.compile(r"\b(\d+) (working days|weeks|months)\b")


def page_text(page) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page.body_html).split())


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda rule: rule.id)
def test_rule_guidance_page_states_the_rule(rule):
    slug = rule.guidance.split("#")[0]
    stated = f"{rule.count} {UNIT_WORDS[rule.unit]}"
    assert stated in page_text(SITE.source.pages[slug]), f"{slug} should say '{stated}' ({rule.id})"


@pytest.mark.parametrize("page", SITE.source.pages.values(), ids=lambda page: page.slug)
def test_every_timescale_on_a_page_is_a_rule(page):
    """Change a number in content/timeline.yaml and the pages that state it must change too."""
    known = {(str(rule.count), UNIT_WORDS[rule.unit]) for rule in RULES.rules}
    unknown = [" ".join(found) for found in TIMESCALE.findall(page_text(page)) if found not in known]
    assert not unknown, f"{page.slug} states timescales that are not in content/timeline.yaml: {unknown}"
