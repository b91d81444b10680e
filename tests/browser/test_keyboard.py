"""Keyboard alone: the skip link, the language switcher and Exit this page, with visible focus."""

from __future__ import annotations

import pytest

# Where focus is, whether it is visibly marked, and whether the sticky exit bar hides it.
FOCUS = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const bar = document.querySelector(".exit-page");
    const barBottom = bar && getComputedStyle(bar).position === "sticky" ? bar.getBoundingClientRect().bottom : 0;
    return {
        html: element.outerHTML.slice(0, 120),
        marked: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
        inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
        underBar: !element.closest(".exit-page") && box.bottom <= barBottom,
    };
}"""


def focus(page) -> dict:
    return page.evaluate(FOCUS)


def tab_to(page, selector: str, limit: int = 20) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return focus(page)
    raise AssertionError(f"Tab never reached {selector}")


def test_skip_link_is_first_visible_and_moves_focus_to_the_content(phone, site_server):
    phone.goto(site_server.url + "en/what-is-a-core-group/index.html")
    phone.keyboard.press("Tab")
    first = focus(phone)
    assert "skip-link" in first["html"] and first["marked"] and first["inView"]
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('main') !== null")


def test_exit_this_page_comes_straight_after_the_skip_link(phone, site_server):
    phone.goto(site_server.url + "en/what-is-a-core-group/index.html")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    state = focus(phone)
    assert "exit-page-button" in state["html"] and state["marked"] and state["inView"]


def test_language_switcher_opens_and_changes_language_by_keyboard(phone, site_server):
    phone.goto(site_server.url + "en/what-is-a-core-group/index.html")
    summary = tab_to(phone, ".language-switcher summary")
    assert summary["marked"]
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.querySelector('.language-switcher details').open")
    english = tab_to(phone, ".language-switcher a[hreflang='en']", limit=2)
    assert english["marked"]
    polish = tab_to(phone, ".language-switcher a[hreflang='pl']", limit=1)
    assert polish["marked"] and polish["inView"]
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.url.endswith("/pl/what-is-a-core-group/index.html")
    assert phone.evaluate("document.documentElement.lang") == "pl"


@pytest.mark.parametrize(
    "path",
    [
        "en/what-is-a-core-group/index.html",
        "en/index.html",
        "en/calculator/index.html",
        "ar/who-is-in-the-core-group/index.html",
        "en/professionals/index.html",
        "index.html",
    ],
)
def test_every_focus_stop_is_visibly_marked_and_not_hidden(phone, site_server, path):
    phone.goto(site_server.url + path)
    for details in phone.query_selector_all("details"):
        details.evaluate("element => { element.open = true; }")
    seen = 0
    problems = []
    for _ in range(300):
        phone.keyboard.press("Tab")
        state = focus(phone)
        if state is None:
            break  # focus left the page: every stop has been visited
        seen += 1
        if not state["marked"] or not state["inView"] or state["underBar"]:
            problems.append(state)
    assert seen > 5
    assert not problems, problems[:5]
