"""Reflow: at 320 CSS pixels wide (a small phone, or 1280 px at 400 % zoom) nothing scrolls sideways."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_context, watch

# 1280 x 1024 at 400 % zoom is 320 x 256 CSS pixels.
ZOOMED = {"width": 320, "height": 256}

OVERFLOW = """() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > width + 1
                          || element.getBoundingClientRect().left < -1)
        .filter((element) => !element.closest(".visually-hidden, .skip-link"))
        .slice(0, 5).map((element) => element.outerHTML.slice(0, 120));
    return {scrollWidth: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.fixture(scope="module")
def zoomed(browser, site_server):
    context = open_context(browser, site_server, viewport=ZOOMED)
    yield watch(context.new_page(), context.recorder)
    context.close()


def test_no_sideways_scrolling_at_320px(zoomed, site_server, page_path):
    zoomed.goto(site_server.url + page_path)
    result = zoomed.evaluate(OVERFLOW)
    assert result["scrollWidth"] <= result["width"], f"scrolls sideways; too wide: {result['wide']}"


def test_exit_button_does_not_stick_over_a_zoomed_page(zoomed, site_server):
    """At 400 % zoom the sticky bar would cover a fifth of the screen, so it scrolls away."""
    zoomed.goto(site_server.url + "en/what-is-a-core-group/index.html")
    assert zoomed.eval_on_selector(".exit-page", "element => getComputedStyle(element).position") == "static"


def test_exit_button_stays_in_view_on_a_phone(phone, site_server):
    phone.goto(site_server.url + "en/what-is-a-core-group/index.html")
    phone.mouse.wheel(0, 2000)
    phone.wait_for_function("() => window.scrollY > 1000")
    box = phone.locator(".exit-page-button").bounding_box()
    assert box and 0 <= box["y"] < 60
