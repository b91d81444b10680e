"""Printing: an A4 page without navigation chrome, with each link's address shown."""

from __future__ import annotations

import io

from pypdf import PdfReader

FAMILY_PAGE = "en/what-is-a-core-group/index.html"
HIDDEN_WHEN_PRINTED = [
    ".skip-link",
    ".exit-page",
    ".site-nav",
    ".language-switcher",
    ".breadcrumbs",
    ".contents",
]


def test_print_hides_navigation_and_shows_link_addresses(fresh_context, fixture_server):
    page = fresh_context(fixture_server).new_page()
    page.goto(fixture_server.url + FAMILY_PAGE)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    for selector in HIDDEN_WHEN_PRINTED:
        for element in page.query_selector_all(selector):
            assert element.evaluate("element => getComputedStyle(element).display") == "none", selector
    after = "(element) => getComputedStyle(element, '::after').content"
    website = page.locator(".site-footer a[href^='https://']").first
    assert website.get_attribute("href") in website.evaluate(after)
    internal = page.locator("main .page-body a[href]:not([href^='#']):not([href^='http'])").first
    full_address = internal.evaluate("element => element.href")
    assert full_address.startswith(fixture_server.url)
    assert full_address in internal.evaluate(after)


def test_printed_page_is_a4(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + FAMILY_PAGE)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
