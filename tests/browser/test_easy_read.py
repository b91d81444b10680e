"""Easy Read in the browser: 16 pt text, the picture on the starting side (mirrored right to left),
and the Easy Read dates: the next date with its calendar picture, then one date a line."""

from __future__ import annotations

import datetime

import pytest

from portal.easyread import INDEX
from tests.browser.conftest import describe, run_axe
from tests.helpers import project_site

SITE = project_site()
SIXTEEN_POINT_PX = 16 * 96 / 72  # 21.33 CSS pixels
EASY_READ_PAGES = [(code, slug) for code in ("en", "ar", "ur", "bn") for slug in SITE.source.easy_read]

LAYOUT = """() => [...document.querySelectorAll(".er-body .er-point")].map((point) => {
    const picture = point.querySelector(".er-picture").getBoundingClientRect();
    const words = point.querySelector(".er-words").getBoundingClientRect();
    const sizes = [...point.querySelectorAll(".er-words p, .er-words li")]
        .map((element) => parseFloat(getComputedStyle(element).fontSize));
    const lineHeights = [...point.querySelectorAll(".er-words p")]
        .map((element) => parseFloat(getComputedStyle(element).lineHeight) / parseFloat(getComputedStyle(element).fontSize));
    return {pictureLeft: picture.left, pictureRight: picture.right, wordsLeft: words.left, wordsRight: words.right,
            pictureWidth: picture.width, smallest: Math.min(...sizes), spacing: Math.min(...lineHeights),
            loaded: point.querySelector("img").naturalWidth > 0};
})"""


def check_layout(page, right_to_left: bool) -> None:
    points = page.evaluate(LAYOUT)
    assert points
    for point in points:
        assert point["loaded"], "a picture did not load"
        assert point["smallest"] >= SIXTEEN_POINT_PX, f"text at {point['smallest']} px, under 16 pt"
        assert point["spacing"] >= 1.5
        assert point["pictureWidth"] >= 48
        if right_to_left:
            assert point["pictureLeft"] >= point["wordsRight"], "the picture should be right of the words"
        else:
            assert point["pictureRight"] <= point["wordsLeft"], "the picture should be left of the words"


@pytest.mark.parametrize(
    ("code", "slug"), EASY_READ_PAGES, ids=[f"{code}/{slug}" for code, slug in EASY_READ_PAGES]
)
def test_large_text_and_the_picture_beside_each_point(phone, site_server, code, slug):
    phone.goto(f"{site_server.url}{code}/easy-read/{'' if slug == INDEX else slug + '/'}index.html")
    # A page not yet translated is English (left to right) inside a right-to-left page.
    check_layout(phone, right_to_left=code in ("ar", "ur") and slug in SITE.content[code].easy_read)


def test_arabic_easy_read_is_mirrored(browser, fixture_server, axe_source):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(fixture_server.url + "ar/easy-read/what-is-a-core-group/index.html")
    check_layout(page, right_to_left=True)
    violations = run_axe(page, axe_source)
    context.close()
    assert not violations, describe(violations)


def test_easy_read_dates_show_the_next_date_and_one_date_a_line(phone, site_server, axe_source):
    phone.goto(site_server.url + "en/easy-read/dates/index.html")
    conference = datetime.date.today() - datetime.timedelta(days=20)
    phone.fill("#er-day", str(conference.day))
    phone.fill("#er-month", str(conference.month))
    phone.fill("#er-year", str(conference.year))
    phone.click("#er-dates-form button[type=submit]")
    results = phone.locator("#er-results")
    assert results.is_visible()
    assert phone.evaluate("document.activeElement.id") == "er-results"
    lines = phone.locator("#er-date-list li")
    dates = [line.locator("time").get_attribute("datetime") for line in lines.all()]
    assert len(dates) >= 8 and dates == sorted(dates)
    past = phone.locator("#er-date-list li.er-past time").all()
    assert [line.get_attribute("datetime") for line in past] == [
        d for d in dates if d < datetime.date.today().isoformat()
    ]
    next_date = phone.locator("#er-next time").get_attribute("datetime")
    assert next_date == min(d for d in dates if d >= datetime.date.today().isoformat())
    labels = phone.evaluate(
        "Object.values(JSON.parse(document.getElementById('er-dates-data').dataset.rules).texts.rules)"
        ".map((rule) => rule.label)"
    )
    assert any(label in phone.locator("#er-next").inner_text() for label in labels)
    assert phone.locator(".er-next-date img").evaluate("img => img.naturalWidth") > 0
    violations = run_axe(phone, axe_source)
    assert not violations, describe(violations)


def test_easy_read_dates_say_what_is_wrong(phone, site_server):
    phone.goto(site_server.url + "en/easy-read/dates/index.html")
    phone.fill("#er-day", "31")
    phone.fill("#er-month", "2")
    phone.fill("#er-year", "2026")
    phone.click("#er-dates-form button[type=submit]")
    error = phone.locator("#er-date-error")
    assert error.is_visible() and "must be a real date" in error.inner_text()
    assert phone.locator("#er-results").is_hidden()
