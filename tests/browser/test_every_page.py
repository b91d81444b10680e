"""Every page of the real site in every language, opened once in a phone-sized Chromium.

One visit a page serves three checks, each a test of its own so that a failure names what broke:
nothing is fetched from another host and no cookie is set; axe-core finds no WCAG 2.2 A/AA
violation; at 320 CSS pixels wide (a small phone, or 1280 px at 400 % zoom) nothing scrolls
sideways. Opening each page once rather than once a check keeps the browser tests to minutes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.browser.conftest import PHONE, ZOOMED, built_pages, describe, open_context, run_axe, watch

# Contrast depends on colours, sizes and weights, which come from the templates and styles and not
# from the language: every language's page has the same elements as the English one (and the Arabic
# one, right to left). So the colour rules run on the English and Arabic pages, in light and in
# dark mode (which changes colours only); every other rule runs on every page, in light mode.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
COLOUR_CHECKED_LANGUAGES = ("en/", "ar/")

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


@dataclass(frozen=True)
class Visit:
    """What one page did and what was found on it."""

    foreign_requests: list[str]
    console_errors: list[str]
    page_errors: list[str]
    document_cookie: str
    cookies: list[dict]
    light_mode: list[dict]  # axe-core's violations
    dark_mode: list[dict]
    overflow: dict


@pytest.fixture(scope="module")
def phone_with_axe(browser, site_server, axe_source):
    """A phone-sized page with axe-core loaded into every page it opens (as the page starts, which
    is quicker than evaluating it afterwards, and not subject to the page's CSP)."""
    context = open_context(browser, site_server)
    context.add_init_script(script=axe_source)
    yield watch(context.new_page(), context.recorder)
    context.close()


@pytest.fixture(scope="module")
def visit(phone_with_axe, site_server, axe_source):
    """The visit of a page, made the first time a test asks for it."""
    phone = phone_with_axe
    visits: dict[str, Visit] = {}

    def visit_of(page_path: str) -> Visit:
        if page_path not in visits:
            visits[page_path] = _open(phone, site_server.url + page_path, axe_source, page_path)
        return visits[page_path]

    return visit_of


def _open(phone, url: str, axe_source: str, page_path: str) -> Visit:
    recorder = phone.context.recorder
    recorder.clear()
    phone.set_viewport_size(PHONE)
    phone.emulate_media(color_scheme="light")
    phone.goto(url)
    document_cookie = phone.evaluate("document.cookie")
    colours_checked = page_path.startswith(COLOUR_CHECKED_LANGUAGES)
    light_mode = run_axe(phone, axe_source, skip=() if colours_checked else COLOUR_RULES)
    dark_mode = []
    if colours_checked:
        phone.emulate_media(color_scheme="dark")
        dark_mode = run_axe(phone, axe_source, rules=list(COLOUR_RULES))
    phone.set_viewport_size(ZOOMED)
    overflow = phone.evaluate(OVERFLOW)
    cookies = phone.context.cookies()
    phone.context.clear_cookies()  # so that a cookie is blamed on the page that set it
    return Visit(
        foreign_requests=list(recorder.foreign_requests),
        console_errors=list(recorder.console_errors),
        page_errors=list(recorder.page_errors),
        document_cookie=document_cookie,
        cookies=cookies,
        light_mode=light_mode,
        dark_mode=dark_mode,
        overflow=overflow,
    )


def test_the_page_list_covers_every_built_page(real_site):
    built = sorted(path.relative_to(real_site).as_posix() for path in real_site.rglob("*.html"))
    assert list(built_pages()) == built


def test_page_makes_no_request_to_another_host_and_sets_no_cookie(visit, page_path):
    found = visit(page_path)
    assert not found.foreign_requests, f"requests to other hosts: {found.foreign_requests}"
    assert not found.console_errors, f"console errors (CSP?): {found.console_errors}"
    assert not found.page_errors, f"script errors: {found.page_errors}"
    assert found.document_cookie == ""
    assert found.cookies == []


def test_no_axe_violations_in_light_and_dark_mode(visit, page_path):
    found = visit(page_path)
    assert not found.light_mode and not found.dark_mode, (
        f"light mode:\n{describe(found.light_mode)}\ndark mode:\n{describe(found.dark_mode)}"
    )


def test_no_sideways_scrolling_at_320px(visit, page_path):
    result = visit(page_path).overflow
    assert result["scrollWidth"] <= result["width"], f"scrolls sideways; too wide: {result['wide']}"
