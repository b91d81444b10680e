"""Printing: an A4 page without navigation chrome or Exit bar, no link addresses in the text
(they break up sentences and scramble right-to-left ones), right-to-left text in order, the
site's name at the top and the page's address and the date at the end."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from tests.helpers import translated

FAMILY_PAGE = "en/what-is-a-core-group/index.html"
HIDDEN_WHEN_PRINTED = [
    ".skip-link",
    ".exit-page",
    ".exit-hint",
    ".site-nav",
    ".language-switcher",
    ".breadcrumbs",
    ".contents",
]
# pdftotext writes Arabic lam-alef and lam-yeh ligatures with their letters swapped (and moves
# brackets around embedded English), so text is compared by its letters and digits, without these.
LIGATURE_LETTERS = set("لاأإآىي")


def printed(page):
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")


def test_print_hides_navigation_and_shows_no_link_addresses(fresh_context, fixture_server):
    page = fresh_context(fixture_server).new_page()
    page.goto(fixture_server.url + FAMILY_PAGE)
    printed(page)
    for selector in HIDDEN_WHEN_PRINTED:
        for element in page.query_selector_all(selector):
            assert element.evaluate("element => getComputedStyle(element).display") == "none", selector
    after = page.eval_on_selector_all(
        "a[href]", "links => links.map((link) => getComputedStyle(link, '::after').content)"
    )
    assert len(after) > 5 and set(after) <= {"none", "normal"}
    assert page.locator(".site-header .site-name").is_visible()


def test_printed_page_ends_with_its_address_and_the_date(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + "pl/what-is-a-core-group/index.html")
    assert not page.locator(".print-note").is_visible()
    printed(page)
    note = page.locator(".print-note")
    assert note.is_visible()
    expected = translated("pl", "Printed from %(address)s on %(date)s.")
    date = page.evaluate(
        "new Date().toLocaleDateString('pl', {day: 'numeric', month: 'long', year: 'numeric'})"
    )
    assert note.inner_text() == expected % {"address": page.url, "date": date}
    assert note.locator("span[dir=ltr]").inner_text() == page.url


def test_printed_page_is_a4(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + FAMILY_PAGE)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def letters(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN" and c not in LIGATURE_LETTERS)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_printed_arabic_text_reads_in_the_same_order_as_the_page(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + "ar/what-is-a-core-group/index.html")
    printed(page)
    blocks = page.eval_on_selector_all("main .page-body :is(p, li)", "els => els.map((e) => e.innerText)")
    assert any(page.query_selector_all("main .page-body p a[href]")), "links inside sentences"
    pdf = page.pdf(prefer_css_page_size=True)
    text = letters(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    )
    assert len(blocks) > 10
    scrambled = [block for block in blocks if letters(block) not in text]
    assert not scrambled, scrambled[:3]


def test_printed_tables_never_break_words(fresh_context, site_server, real_site):
    path = next(
        path.relative_to(real_site).as_posix()
        for path in sorted((real_site / "en").rglob("index.html"))
        if "<table" in path.read_text(encoding="utf-8")
    )
    page = fresh_context().new_page()
    page.goto(site_server.url + path)
    printed(page)
    styles = page.eval_on_selector_all(
        "main td, main th",
        "cells => cells.map((cell) => { const s = getComputedStyle(cell);"
        " return [s.overflowWrap, s.wordBreak, s.hyphens].join(' '); })",
    )
    assert styles and set(styles) == {"normal normal manual"}, set(styles)
    words = page.evaluate(
        """() => [...document.querySelectorAll('main td, main th')].every((cell) => {
            const range = document.createRange();
            for (const match of cell.innerText.matchAll(/\\S+/g)) {
                const node = [...cell.querySelectorAll('*'), cell].flatMap((e) => [...e.childNodes])
                    .find((n) => n.nodeType === 3 && n.textContent.includes(match[0]));
                if (!node) continue;
                const start = node.textContent.indexOf(match[0]);
                range.setStart(node, start);
                range.setEnd(node, start + match[0].length);
                if (range.getClientRects().length > 1) return false;
            }
            return true;
        })"""
    )
    assert words, "a word in a printed table is split over two lines"
