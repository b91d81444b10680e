"""Exit this page, the GOV.UK Design System's way: on every page in every language, it hides the
page at once and replaces it (button or Shift pressed 3 times on its own), leaves no Back
entry, is cleared again by `pageshow`, tells screen readers how many presses remain in the
page's language, works as a plain link without JavaScript, and can be switched off or pointed
elsewhere."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

import build
from portal.views import SAFETY_PAGE
from portal.yamlfile import read_text
from tests.browser.conftest import real_config
from tests.helpers import html_pages, parse_page, project_site, translated

FAMILY_PAGE = "en/what-is-a-core-group/index.html"
PROFESSIONAL_PAGE = "pl/core-group-essentials/index.html"
CALCULATOR = "en/calculator/index.html"
EXIT_MESSAGES = {
    "data-activated": "Loading.",
    "data-timed-out": "Exit this page expired.",
    "data-shift-two": "Shift, press 2 more times to exit.",
    "data-shift-one": "Shift, press 1 more time to exit.",
}


def test_every_page_in_every_language_has_exit_this_page_and_its_hint(real_site):
    pages = html_pages(real_site)  # the content status report too: anyone may land on any page
    assert len(pages) > 250
    for path in pages:
        soup = parse_page(path)
        lang = soup.html["lang"]
        box = soup.select_one("[data-exit-page]")
        assert box, path
        link = box.select_one("a.exit-page-button[data-exit-page-link]")
        assert link["href"] == real_config().exit_page_url, path
        assert {"nofollow", "noreferrer"} <= set(link["rel"]), path
        assert box.select_one("[role=status][data-exit-page-status]"), path
        for attribute, message in EXIT_MESSAGES.items():
            assert box[attribute] == translated(lang, message), (path, attribute)
        hint = soup.select_one(".exit-hint").get_text(" ", strip=True)
        assert translated(lang, "It does not clear your browsing history.") in hint, path
        first = [element.get("class") for element in soup.body.find_all(recursive=False)[:3]]
        assert first == [["skip-link"], ["exit-page"], ["exit-hint"]], path
        # The hint and the footer link to "Staying safe when you use this site" in the page's language.
        for link in (soup.select_one(".exit-hint a[href]"), soup.select_one(".site-footer .footer-safety a")):
            target = link_target(real_site, path, link["href"])
            assert target == real_site / lang / SAFETY_PAGE / "index.html", (path, link["href"])
            assert link.get_text() == project_site().page(lang, SAFETY_PAGE).page.title


def link_target(site: Path, page: Path, href: str) -> Path:
    if href.startswith("/"):  # 404.html: from the site's root
        return site / href.lstrip("/")
    return Path(posixpath.normpath(page.parent / href))


def test_home_page_links_to_staying_safe_and_says_it_works_offline(real_site):
    for code in project_site().config.languages:
        page = real_site / code / "index.html"
        soup = parse_page(page)
        link = soup.select_one("main .home-safety a")
        assert link_target(real_site, page, link["href"]) == real_site / code / SAFETY_PAGE / "index.html"
        assert soup.select_one("main .offline-note").get_text() == translated(
            code,
            "Once you have opened this guide, its pages in your language also work without an internet "
            "connection on this phone or computer.",
        )


def test_button_hides_the_page_and_replaces_it_so_back_skips_it(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + "en/index.html")
    page.goto(site_server.url + PROFESSIONAL_PAGE)
    with page.expect_navigation():
        page.click(".exit-page-button")
    assert page.url == real_config().exit_page_url
    page.go_back()
    assert page.url == site_server.url + "en/index.html", "Back must skip the page that was left"


def stall_the_exit_site(page):
    """The neutral site answers "204 No Content", so the browser stays on the page being left."""
    asked = []

    def no_content(route):
        asked.append(route.request.url)
        route.fulfill(status=204)

    page.route(real_config().exit_page_url + "**", no_content)
    return asked


def test_while_leaving_only_the_loading_message_shows_then_pageshow_restores_the_page(
    fresh_context, site_server
):
    page = fresh_context().new_page()
    page.goto(site_server.url + "ar/what-is-a-core-group/index.html")
    title = page.title()
    asked = stall_the_exit_site(page)
    with page.expect_request(real_config().exit_page_url):
        page.evaluate("document.querySelector('.exit-page-button').click()")  # no wait for navigation
    overlay = page.locator(".exit-page-overlay")
    assert overlay.get_attribute("role") == "alert"
    assert overlay.text_content() == translated("ar", "Loading.")
    assert page.title() == translated("ar", "Loading.")
    assert not page.locator("main").is_visible() and not page.locator(".exit-page-button").is_visible()
    assert asked == [real_config().exit_page_url]

    # A browser that shows the page again (Back, from its back/forward cache) fires pageshow.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert page.locator(".exit-page-overlay").count() == 0
    assert page.locator("main").is_visible() and page.title() == title


def presses(page) -> str:
    return page.get_attribute("[data-exit-page]", "data-presses")


def test_shift_three_times_exits_and_says_how_many_presses_remain(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + "en/index.html")
    page.goto(site_server.url + "pl/what-is-a-core-group/index.html")
    status = page.locator("[data-exit-page-status]")
    page.keyboard.press("Shift")
    assert status.text_content() == translated("pl", "Shift, press 2 more times to exit.")
    assert presses(page) == "1" and page.locator(".exit-page-lights").is_visible()
    page.keyboard.press("Shift")
    assert status.text_content() == translated("pl", "Shift, press 1 more time to exit.")
    assert presses(page) == "2"
    with page.expect_navigation():
        page.keyboard.press("Shift")
    assert page.url == real_config().exit_page_url
    page.go_back()
    assert page.url == site_server.url + "en/index.html"


def test_left_and_right_shift_count_alike(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + FAMILY_PAGE)
    with page.expect_navigation():
        for key in ("ShiftLeft", "ShiftRight", "ShiftLeft"):
            page.keyboard.press(key)
    assert page.url == real_config().exit_page_url


def test_both_shift_keys_held_together_are_one_press(phone, site_server):
    phone.goto(site_server.url + FAMILY_PAGE)
    phone.keyboard.down("ShiftLeft")
    phone.keyboard.down("ShiftRight")
    phone.keyboard.up("ShiftLeft")
    phone.keyboard.up("ShiftRight")
    assert presses(phone) == "1"


@pytest.mark.parametrize(
    "keys",
    [
        ("Shift", "Shift", "a", "Shift", "Shift"),
        ("Shift+A", "Shift+B", "Shift+C"),
        ("Shift", "Shift+A", "Shift"),
    ],
    ids=["another key between", "shift as a modifier", "a capital letter between"],
)
def test_shift_used_with_other_keys_does_not_exit(phone, site_server, keys):
    phone.goto(site_server.url + FAMILY_PAGE)
    for key in keys:
        phone.keyboard.press(key)
    assert phone.url == site_server.url + FAMILY_PAGE
    assert phone.locator(".exit-page-overlay").count() == 0


def test_shift_in_a_field_exits_with_a_keyboard_but_not_with_an_on_screen_keyboard(
    fresh_context, site_server
):
    """iPhone and iPad keyboards send Shift when they change case (govuk-frontend issue 4095)."""
    touch = fresh_context(has_touch=True, is_mobile=True).new_page()
    touch.goto(site_server.url + CALCULATOR)
    assert not touch.evaluate("matchMedia('(any-pointer: fine)').matches")
    touch.focus("input")
    for _ in range(3):
        touch.keyboard.press("Shift")
    assert touch.url == site_server.url + CALCULATOR

    desktop = fresh_context().new_page()
    desktop.goto(site_server.url + CALCULATOR)
    desktop.focus("input")
    with desktop.expect_navigation():
        for _ in range(3):
            desktop.keyboard.press("Shift")
    assert desktop.url == real_config().exit_page_url


def test_without_javascript_the_button_is_a_plain_link(fresh_context, site_server):
    page = fresh_context(java_script_enabled=False).new_page()
    page.goto(site_server.url + FAMILY_PAGE)
    assert not page.locator(".exit-page-lights").is_visible()
    with page.expect_navigation():
        page.click(".exit-page-button")
    assert page.url == real_config().exit_page_url


def test_exit_page_can_be_switched_off_or_sent_elsewhere(content_copy, tmp_path):
    site_yaml = content_copy / "site.yaml"
    original = read_text(site_yaml)
    assert "exit_page:\n  enabled: true\n  url: https://www.google.co.uk/" in original

    site_yaml.write_text(
        original.replace("url: https://www.google.co.uk/", "url: https://www.bbc.co.uk/weather")
    )
    elsewhere = build.build(content_copy, tmp_path / "elsewhere")
    soup = parse_page(elsewhere / "en" / "what-is-a-core-group" / "index.html")
    assert soup.select_one(".exit-page-button")["href"] == "https://www.bbc.co.uk/weather"

    site_yaml.write_text(original.replace("enabled: true", "enabled: false"))
    off = build.build(content_copy, tmp_path / "off")
    for path in off.rglob("*.html"):
        assert not parse_page(path).select("[data-exit-page], .exit-page-button, .exit-hint"), path
