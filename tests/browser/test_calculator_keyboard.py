"""The calculator by keyboard alone: fields, the error summary (focus moves to it, each error
links to its field) and the results, with visible focus throughout."""

from __future__ import annotations

import datetime

from tests.browser.conftest import describe, run_axe
from tests.browser.test_keyboard import focus, tab_to

CALCULATOR = "en/calculator/index.html"


def test_error_summary_takes_focus_and_links_to_each_field(phone, site_server, axe_source):
    phone.goto(site_server.url + CALCULATOR)
    day = tab_to(phone, "#icpc-day", limit=40)
    assert day["marked"] and day["inView"] and not day["underBar"]
    phone.keyboard.press("Enter")  # submits the empty form
    summary = focus(phone)
    assert phone.evaluate("document.activeElement.id") == "error-summary", "focus moves to the summary"
    assert summary["marked"] and summary["inView"] and not summary["underBar"]
    assert phone.locator("#error-summary").is_visible()

    violations = run_axe(phone, axe_source)
    assert not violations, describe(violations)

    links = phone.locator("#error-summary a")
    assert links.count() >= 1
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("href")
        assert target.startswith("#") and phone.locator(target).count() == 1, "each error links to its field"
    first = tab_to(phone, "#error-summary a", limit=1)
    assert first["marked"]
    target = links.first.get_attribute("href")
    phone.keyboard.press("Enter")
    assert phone.evaluate("'#' + document.activeElement.id") == target
    error_id = phone.evaluate(
        "document.activeElement.closest('.form-group').querySelector('.error-message').id"
    )
    assert phone.locator(f"#{error_id}").is_visible()


def test_dates_typed_and_submitted_by_keyboard_show_results_with_focus(phone, site_server, axe_source):
    phone.goto(site_server.url + CALCULATOR)
    conference = datetime.date.today() - datetime.timedelta(days=10)
    tab_to(phone, "#icpc-day", limit=40)
    phone.keyboard.type(str(conference.day))
    assert tab_to(phone, "#icpc-month", limit=1)["marked"]
    phone.keyboard.type(str(conference.month))
    assert tab_to(phone, "#icpc-year", limit=1)["marked"]
    phone.keyboard.type(str(conference.year))
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "results-heading", "focus moves to the results"
    assert phone.locator("#timeline li").count() > 1
    results = focus(phone)
    assert results["marked"] and results["inView"] and not results["underBar"]

    # Every control in the results can be reached and is visibly focused.
    for selector in ("#add-to-calendar", "#print", "#share", ".why summary"):
        state = tab_to(phone, selector, limit=30)
        assert state["marked"] and state["inView"] and not state["underBar"], selector

    phone.emulate_media(color_scheme="dark")
    try:
        violations = run_axe(phone, axe_source)
    finally:
        phone.emulate_media(color_scheme="light")
    assert not violations, describe(violations)


def test_more_dates_open_by_keyboard(phone, site_server):
    phone.goto(site_server.url + CALCULATOR)
    summary = tab_to(phone, "#more-dates summary", limit=40)
    assert summary["marked"]
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.getElementById('more-dates').open")
    assert tab_to(phone, "#strategy_discussion-day", limit=3)["marked"]
