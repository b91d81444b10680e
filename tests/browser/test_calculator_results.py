"""The calculator's results as a parent on a phone meets them (390×844): the next date and the
buttons on the first screen, dates in the headings, why each date, printing on at most two A4
pages, sharing and switching language without losing the dates, one digit system a language."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.conftest import watch

PHONE_390 = {"width": 390, "height": 844}
CALCULATOR = "{lang}/calculator/index.html"
CONFERENCE_DAY = "2026-12-18"


def open_calculator(fresh_context, site_server, lang="en", fragment="", today=CONFERENCE_DAY, **options):
    """The calculator page at a 390×844 phone's size, on a fixed day."""
    context = fresh_context(viewport=PHONE_390, **options)
    page = watch(context.new_page(), context.recorder)
    page.clock.set_fixed_time(f"{today}T10:00:00")
    page.goto(site_server.url + CALCULATOR.format(lang=lang) + (f"#{fragment}" if fragment else ""))
    page.recorder = context.recorder
    return page


def enter_conference(page, day="18", month="12", year="2026"):
    page.fill("#icpc-day", day)
    page.fill("#icpc-month", month)
    page.fill("#icpc-year", year)
    page.click("#calculator-form button[type=submit]")


def in_first_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE_390["height"]


def no_errors(page) -> None:
    recorder = page.recorder
    assert not recorder.page_errors and not recorder.console_errors and not recorder.foreign_requests


def test_the_next_date_and_the_calendar_button_are_on_the_first_screen(fresh_context, site_server):
    page = open_calculator(fresh_context, site_server)
    enter_conference(page)
    summary = page.inner_text("#results-summary")
    # On the conference day, what comes next is the first core group, not the conference just held.
    assert summary.startswith("First core group meeting: by Wednesday")
    assert "6 January 2027" in summary and "social worker" in summary
    assert in_first_view(page, "#results-summary time")
    assert in_first_view(page, "#add-to-calendar")
    assert in_first_view(page, "#share")
    assert page.evaluate("document.activeElement.id") == "results-heading"
    no_errors(page)


def test_each_heading_carries_its_date(fresh_context, site_server):
    page = open_calculator(fresh_context, site_server)
    enter_conference(page)
    headings = page.locator("#results h3")
    assert headings.count() == 12
    for i in range(headings.count()):
        heading = headings.nth(i)
        assert re.search(r"20(26|27)$", heading.inner_text()), heading.inner_text()
        assert heading.locator("time").get_attribute("datetime")
    texts = headings.all_inner_texts()
    assert "Core group meeting – by Wed, 17 Feb 2027" in texts
    # The rules and the example step aside once there are dates to read.
    assert not page.locator("#about-dates").evaluate("d => d.open")
    no_errors(page)


def test_why_this_date_names_the_bank_holidays(fresh_context, site_server):
    page = open_calculator(fresh_context, site_server)
    enter_conference(page)
    item = page.locator("#timeline > li").filter(has=page.locator("h3", has_text=re.compile("^First core")))
    item.locator(".why summary").click()
    why = item.locator(".why-body").inner_text()
    assert "Start of the count: Friday, 18 December 2026 (the conference)." in why
    assert "Saturdays and Sundays not counted: 6." in why
    for name in ("Christmas Day", "Boxing Day (observed)", "New Year's Day"):
        assert name in why
    assert "local procedure" in why
    # A date counted in months that lands on a weekend moves back to the Friday before.
    item = page.locator("#timeline > li").filter(
        has=page.locator("h3", has_text=re.compile("^Review conference"))
    )
    item.locator(".why summary").click()
    assert "which is not a working day" in item.locator(".why-body").inner_text()
    no_errors(page)


def test_results_print_on_at_most_two_a4_pages(fresh_context, site_server):
    page = open_calculator(fresh_context, site_server)
    enter_conference(page)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=False)))
    text = " ".join(p.extract_text() for p in pdf.pages)
    print(f"printed pages: {len(pdf.pages)}")
    assert len(pdf.pages) <= 2
    flat = " ".join(text.split())
    assert "Core Group Guide" in flat
    assert "Printed on Friday, 18 December 2026." in flat
    assert "Who to ask" in flat
    assert "6 January 2027" in flat and "1 October 2027" in flat  # the first and the last date
    assert "in 19 days" not in flat and "today" not in flat.lower().split("printed")[0]
    assert "An example" not in flat and "How the dates are worked out" not in flat


def test_copy_link_and_share_round_trip_the_dates(fresh_context, site_server):
    page = open_calculator(fresh_context, site_server)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.url.rstrip("/"))
    enter_conference(page)
    assert page.evaluate("typeof navigator.share") == "undefined"  # headless Chromium has no Share sheet
    assert page.inner_text("#share") == "Copy link"
    page.click("#share")
    page.locator("#action-status:not(:empty)").wait_for()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.endswith("#conference=2026-12-18")
    other = page.context.new_page()
    other.clock.set_fixed_time(f"{CONFERENCE_DAY}T10:00:00")
    other.goto(link)
    assert "6 January 2027" in other.inner_text("#results-summary")

    # A phone with a Share sheet gets it, with the same link.
    context = fresh_context(viewport=PHONE_390)
    context.add_init_script(
        "navigator.share = (data) => { window.shared = data; return Promise.resolve(); };"
    )
    sharing = context.new_page()
    sharing.goto(site_server.url + CALCULATOR.format(lang="en"))
    enter_conference(sharing)
    assert sharing.inner_text("#share") == "Share"
    sharing.click("#share")
    shared = sharing.evaluate("window.shared")
    assert shared["url"].endswith("#conference=2026-12-18")


def test_switching_language_keeps_the_dates(fresh_context, site_server):
    page = open_calculator(fresh_context, site_server)
    enter_conference(page)
    english = page.eval_on_selector_all("#results .timeline-when time", "ts => ts.map(t => t.dateTime)")
    page.click(".language-switcher summary")
    page.click(".language-switcher a[hreflang=pl]")
    page.wait_for_url(re.compile(r"/pl/calculator/.*#conference=2026-12-18$"))
    polish = page.eval_on_selector_all("#results .timeline-when time", "ts => ts.map(t => t.dateTime)")
    assert polish == english
    assert "stycznia 2027" in page.inner_text("#results-summary")
    no_errors(page)


@pytest.mark.parametrize(
    "lang, digits",
    [("bn", "০-৯"), ("ar", "0-9"), ("en", "0-9"), ("ur", "0-9")],
)
def test_one_digit_system_a_language(fresh_context, site_server, lang, digits):
    page = open_calculator(fresh_context, site_server, lang, fragment="conference=2026-12-18")
    page.locator("#results .why summary").first.click()
    text = page.inner_text("#results")
    other = "0-9" if digits != "0-9" else "০-৯٠-٩۰-۹"
    assert re.search(f"[{digits}]", text)
    assert not re.search(f"[{other}]", text), re.findall(f".{{20}}[{other}].{{5}}", text)[:3]


def test_the_real_date_of_a_later_core_group_moves_the_ones_after_it(fresh_context, site_server):
    page = open_calculator(fresh_context, site_server, today="2027-05-01", fragment="conference=2026-12-18")
    item = page.locator("#timeline > li").filter(
        has=page.locator("h3", has_text="Core group meeting – by Thu, 13 May 2027")
    )
    item.locator(".real-date summary").click()
    item.locator("#core_group_2-day").fill("20")
    item.locator("#core_group_2-month").fill("5")
    item.locator("#core_group_2-year").fill("2027")
    item.locator("button").click()
    headings = page.locator("#results h3").all_inner_texts()
    assert "Core group meeting – Thu, 20 May 2027" in headings
    assert "Core group meeting – by Thu, 1 Jul 2027" in headings  # counted from the real date
    assert page.evaluate("document.activeElement.textContent") == "Core group meeting – Thu, 20 May 2027"
    # The link (here, the one to the Polish page) carries it; a date before the meetings before
    # it is refused next to where it was typed.
    polish = page.locator(".language-switcher a[hreflang=pl]").get_attribute("href")
    assert polish.endswith("#conference=2026-12-18&core-group-2=2027-05-20")
    item = page.locator("#timeline > li").filter(
        has=page.locator("h3", has_text="Core group meeting – by Thu, 1 Jul 2027")
    )
    item.locator(".real-date summary").click()
    item.locator("#core_group_3-day").fill("1")
    item.locator("#core_group_3-month").fill("5")
    item.locator("#core_group_3-year").fill("2027")
    item.locator("button").click()
    assert " ".join(item.locator("#core_group_3-error").text_content().split()) == (
        "Error: A core group meeting must be after the meetings before it"
    )
    no_errors(page)


def test_a_real_date_that_no_longer_fits_is_let_go_and_said(fresh_context, site_server):
    fragment = "conference=2026-12-18&core-group-2=2027-05-20"
    page = open_calculator(fresh_context, site_server, today="2027-05-01", fragment=fragment)
    assert "Core group meeting – Thu, 20 May 2027" in page.locator("#results h3").all_inner_texts()
    # A later conference date leaves that meeting before the conference: it is let go.
    page.fill("#icpc-day", "25")
    page.fill("#icpc-month", "5")
    page.fill("#icpc-year", "2027")
    page.click("#calculator-form button[type=submit]")
    assert page.locator("#error-summary").is_hidden()
    assert "no longer fits the dates above" in page.inner_text("#results-warnings")
    assert not any("20 May 2027" in text for text in page.locator("#results h3").all_inner_texts())
    no_errors(page)
