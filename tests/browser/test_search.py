"""Search in Chromium: from disk and over http, in every script, by keyboard, offline, with axe."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import describe, open_context, run_axe, watch
from tests.helpers import translated, worker_data
from tests.test_search import read_index

RESULTS = "[data-search-results] .search-results li a"
HOSTILE = [
    "",
    "c",
    "a" * 1000,
    "!!! ??? ...",
    "chronology সভা مؤتمر",
    "<script>",
    "\"'><img src=x onerror=alert(1)>",
]


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(RESULTS, "links => links.map((link) => link.href)")


def search_on_page(page, url: str, query: str) -> list[str]:
    """Open a search page, type `query` and return the result links once they are shown."""
    page.goto(url)
    box = page.locator("main input[name=q]")
    box.fill(query)
    page.wait_for_selector(RESULTS)
    return result_links(page)


@pytest.fixture(params=["http", "file"])
def site_root(request, site_server, real_site) -> str:
    """The built site's root address, served over http or opened from disk."""
    return site_server.url if request.param == "http" else real_site.as_uri() + "/"


def test_chronology_finds_the_transitions_section(phone, site_root):
    links = search_on_page(phone, site_root + "en/search/index.html", "chronology")
    assert site_root + "en/transitions-and-handover/index.html#chronologies" in links
    heading = phone.locator(RESULTS, has_text="Chronologies").first
    assert "Transitions" in heading.inner_text()
    marks = phone.locator("[data-search-results] mark").all_inner_texts()
    assert marks and all(mark.lower().startswith("chronolog") for mark in marks)
    assert not phone.context.recorder.page_errors and not phone.context.recorder.console_errors


def test_a_typo_finds_advocate(phone, site_root):
    links = search_on_page(phone, site_root + "en/search/index.html", "advocat")
    assert site_root + "en/glossary/index.html#advocate" in links


@pytest.mark.parametrize("lang", ["ar", "ur", "bn", "pa", "pl"])
def test_a_word_from_a_translated_page_finds_it(phone, site_server, real_site, lang):
    """The longest word of a section heading of the translated plan page finds that section."""
    index = read_index(real_site / lang / "search" / "search-index.js")
    number = next(
        n for n, page in enumerate(index["pages"]) if page[0] == "the-child-protection-plan/index.html"
    )
    assert index["pages"][number][2] == "", "the page is translated"
    anchor, heading = next((s[1], s[2]) for s in index["sections"] if s[0] == number and s[1])
    word = max(re.split(r"[\s,.;:!?()\"'،؛؟।]+", heading), key=len)
    links = search_on_page(phone, site_server.url + f"{lang}/search/index.html", word)
    assert site_server.url + f"{lang}/the-child-protection-plan/index.html#{anchor}" in links, (word, links)


def test_english_pages_without_translation_are_marked(phone, site_server):
    search_on_page(phone, site_server.url + "ar/search/index.html", "chronology")
    item = phone.locator("[data-search-results] li", has_text="Chronologies").first
    assert item.locator(".in-english").inner_text() == translated("ar", "in English")
    assert item.locator("a").get_attribute("lang") == "en" and item.locator("a").get_attribute("dir") == "ltr"
    assert phone.eval_on_selector("[data-search-results]", "e => getComputedStyle(e).direction") == "rtl"


def test_nothing_loads_until_the_box_is_focused_then_results_as_you_type(browser, site_server):
    context = open_context(browser, site_server)
    try:
        page = watch(context.new_page(), context.recorder)
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_server.url + "en/what-is-a-core-group/index.html", wait_until="load")
        assert not [url for url in requested if "search" in url and "search-box.js" not in url]
        page.locator("header input[name=q]").focus()
        page.wait_for_function("() => typeof MiniSearch === 'function' && !!self.coreGroupSearchIndex")
        page.keyboard.type("interpret")
        page.wait_for_selector("header " + RESULTS)
        status = page.locator("header [role=status]")
        status.filter(has_text="Results found:").wait_for()
        # keyboard: Tab from the box reaches the Search button, then the first result
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.href")
        assert first == page.eval_on_selector("header " + RESULTS, "link => link.href")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"#"))
        assert "interpreter" in page.url
        # Enter in the header box opens the search page with the words
        page.locator("header input[name=q]").fill("advocate")
        page.locator("header input[name=q]").press("Enter")
        page.wait_for_url(re.compile(r"/en/search/index\.html\?q=advocate"))
        page.wait_for_selector(RESULTS)
        assert page.locator("main input[name=q]").input_value() == "advocate"
        assert not context.recorder.page_errors and not context.recorder.console_errors
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_bad_input_is_text_and_gets_a_helpful_answer(phone, site_root, lang):
    phone.goto(site_root + f"{lang}/search/index.html")
    phone.wait_for_function("() => !!self.coreGroupSearchIndex")
    box = phone.locator("main input[name=q]")
    none = phone.locator("[data-search-none]")
    status = phone.locator("main [role=status]")
    for query in HOSTILE:
        box.fill(query)
        if query in ("!!! ??? ...", "\"'><img src=x onerror=alert(1)>", "<script>"):
            none.wait_for(state="visible")
            assert (
                translated(lang, "Nothing found. Try a shorter or different word, or look in the word list.")
                in none.inner_text()
            )
            assert none.locator("a").get_attribute("href") == "../glossary/index.html"
        if query == "c":
            status.filter(has_text=translated(lang, "Type at least two letters.")).wait_for()
    assert phone.locator("main img, main script:not([src])").count() == 0
    assert not phone.context.recorder.page_errors


def test_escape_clears_and_the_address_keeps_the_words(phone, site_server):
    search_on_page(phone, site_server.url + "en/search/index.html", "interpreter")
    box = phone.locator("main input[name=q]")
    box.press("Enter")
    assert phone.url.endswith("?q=interpreter")
    box.press("Escape")
    assert box.input_value() == "" and phone.locator(RESULTS).count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_clean_with_results(phone, site_server, axe_source, scheme):
    phone.emulate_media(color_scheme=scheme)
    for lang, query in (("en", "chronology"), ("ar", "chronology"), ("bn", "plan")):
        search_on_page(phone, site_server.url + f"{lang}/search/index.html", query)
        violations = run_axe(phone, axe_source)
        assert not violations, f"{lang} {scheme}:\n{describe(violations)}"
    phone.goto(site_server.url + "en/families/index.html")
    phone.locator("header input[name=q]").fill("plan")
    phone.wait_for_selector("header " + RESULTS)
    violations = run_axe(phone, axe_source)
    assert not violations, f"header results, {scheme}:\n{describe(violations)}"
    phone.emulate_media(color_scheme="light")


def test_results_fit_320px(fresh_context, site_server):
    page = fresh_context(viewport={"width": 320, "height": 256}).new_page()
    for lang in ("en", "ar", "bn"):
        search_on_page(page, site_server.url + f"{lang}/search/index.html", "chronology")
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], lang


def test_search_works_offline_in_a_language_the_reader_opened(fresh_context, site_server, real_site):
    context = fresh_context(service_workers="allow")
    page = context.new_page()
    page.goto(site_server.url + "bn/index.html")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    data = worker_data(real_site)
    wanted = [site_server.url + path for path in data["languages"]["bn"] if "search" in path]
    wanted += [
        site_server.url + "static/vendor/minisearch/minisearch.min.js",
        site_server.url + "static/js/search.js",
    ]
    stored = page.evaluate(
        """async (wanted) => {
            for (let tries = 0; tries < 100; tries++) {
                const urls = [];
                for (const name of await caches.keys()) {
                    urls.push(...(await (await caches.open(name)).keys()).map((request) => request.url));
                }
                if (wanted.every((url) => urls.includes(url))) return true;
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            return false;
        }""",
        wanted,
    )
    assert stored, "the Bengali index and the search scripts were kept"
    context.set_offline(True)
    try:
        page.goto(site_server.url + "bn/search/index.html?q=chronology")
        page.wait_for_selector(RESULTS)
    finally:
        context.set_offline(False)
