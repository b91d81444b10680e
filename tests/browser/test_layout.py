"""Layout on small and zoomed screens: the exit button, the header, the size of the main controls.

That no page scrolls sideways at 320 CSS pixels is checked on every page in test_every_page.py.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ZOOMED

LANDSCAPE = {"width": 844, "height": 390}  # a 390 x 844 phone held sideways


@pytest.mark.parametrize("viewport", [LANDSCAPE, ZOOMED], ids=["phone sideways", "400 % zoom"])
def test_exit_button_stays_in_view_without_covering_much(fresh_context, site_server, viewport):
    page = fresh_context(viewport=viewport).new_page()
    page.goto(site_server.url + "ar/what-is-a-core-group/index.html")
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => window.scrollY > 1000")
    button = page.locator(".exit-page-button").bounding_box()
    bar = page.locator(".exit-page").bounding_box()
    assert button and button["y"] >= 0 and button["y"] + button["height"] <= viewport["height"]
    assert bar["y"] == 0 and bar["height"] <= 0.2 * viewport["height"], bar


def test_exit_button_stays_in_view_on_a_phone(phone, site_server):
    phone.goto(site_server.url + "en/what-is-a-core-group/index.html")
    phone.mouse.wheel(0, 2000)
    phone.wait_for_function("() => window.scrollY > 1000")
    box = phone.locator(".exit-page-button").bounding_box()
    assert box and 0 <= box["y"] < 60


def test_open_language_list_does_not_stretch_the_header(phone, site_server):
    phone.goto(site_server.url + "en/what-is-a-core-group/index.html")
    closed = phone.locator(".site-header").bounding_box()
    phone.click(".language-switcher summary")
    assert phone.locator(".language-switcher ul").is_visible()
    assert phone.locator(".site-header").bounding_box() == closed


def test_language_chooser_starts_every_name_at_the_same_edge(phone, site_server):
    phone.goto(site_server.url + "index.html")
    lefts = phone.eval_on_selector_all(
        ".language-list a", "links => links.map((link) => Math.round(link.getBoundingClientRect().left))"
    )
    assert len(set(lefts)) == 1, lefts
    names = phone.eval_on_selector_all(
        ".language-list a[hreflang=ar] span, .language-list a[hreflang=ur] span",
        "spans => spans.map((span) => [span.dir, span.getBoundingClientRect().left])",
    )
    assert [direction for direction, _ in names] == ["rtl", "ltr", "rtl", "ltr"]
    assert names[0][1] < names[1][1], "the Urdu name comes first, then (Urdu)"


MAIN_CONTROLS = [
    ("en/what-is-a-core-group/index.html", ".exit-page-button"),
    ("en/what-is-a-core-group/index.html", ".site-nav a"),
    ("en/what-is-a-core-group/index.html", ".language-switcher summary"),
    ("en/calculator/index.html", "#calculator-form button[type=submit]"),
    ("index.html", ".language-list a"),
]


@pytest.mark.parametrize(("path", "selector"), MAIN_CONTROLS, ids=lambda value: value)
def test_main_controls_are_at_least_44px(phone, site_server, path, selector):
    phone.goto(site_server.url + path)
    boxes = [element.bounding_box() for element in phone.query_selector_all(selector)]
    assert boxes, selector
    small = [box for box in boxes if box["height"] < 44 or box["width"] < 44]
    assert not small, f"{selector}: {small}"


def test_skip_link_is_44px_when_focused(phone, site_server):
    phone.goto(site_server.url + "en/index.html")
    phone.keyboard.press("Tab")
    box = phone.locator(".skip-link").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44 and box["y"] >= 0


def test_forced_colours_keep_buttons_and_focus_visible(fresh_context, site_server):
    page = fresh_context(forced_colors="active").new_page()
    page.goto(site_server.url + "en/what-is-a-core-group/index.html")
    exit_button = page.locator(".exit-page-button")
    assert exit_button.evaluate("element => getComputedStyle(element).borderTopStyle") == "solid"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert style == "solid", "the focus outline survives Windows high contrast"


def test_reduced_motion_turns_off_smooth_scrolling_and_animation(fresh_context, site_server):
    page = fresh_context(reduced_motion="reduce").new_page()
    page.goto(site_server.url + "en/what-is-a-core-group/index.html")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    durations = page.evaluate(
        "() => [...document.querySelectorAll('*')].map((e) => getComputedStyle(e))"
        ".filter((s) => s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0).length"
    )
    assert durations == 0
