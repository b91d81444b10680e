"""Search: the index builder (portal/search.py), the built index files, the search page and box.

Matching and normalisation run in the browser: tests/js/search.test.mjs tests them under Node,
tests/browser/test_search.py in Chromium.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from portal.paths import ROOT
from portal.search import INDEX_GLOBAL, index_script, page_sections, search_index
from tests.helpers import parse_page, project_site, translated

LANGUAGES = ("en", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu")
# The policy every page carried before search existed: search must not loosen it.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)


def read_index(path) -> dict:
    text = path.read_text(encoding="utf-8")
    prefix = f"self.{INDEX_GLOBAL}="
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


def a_page(**changes):
    page = project_site().page("en", "transitions-and-handover").page
    return dataclasses.replace(page, **changes)


def test_page_is_cut_at_its_headings_and_the_summary_opens_it():
    page = a_page(
        summary="A short summary.",
        body_html=(
            '<p>Before any heading.</p><h2 id="first">First</h2><p>One <a href="x">link</a>.</p>'
            '<ul><li>a</li><li>b</li></ul><h3 id="deeper">Deeper</h3><p>Three.</p>'
            "<p>{{ contact }}</p>"
            '<h2 id="related-pages">Related pages</h2><ul><li>Other page</li></ul>'
        ),
    )
    sections = page_sections(page)
    assert [(s.anchor, s.heading) for s in sections] == [("", ""), ("first", "First"), ("deeper", "Deeper")]
    assert sections[0].text == "A short summary. Before any heading."
    assert sections[1].text == "One link. a b"
    assert sections[2].text == "Three.", "placeholders are not text to find"


def test_page_without_body_is_its_summary():
    assert [s.text for s in page_sections(a_page(body_html="", summary="Only this."))] == ["Only this."]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_holds_every_page_in_the_readers_language_or_marked_english(lang):
    site = project_site()
    index = search_index(site, lang, glossary_title="Word list")
    by_url = {url: (title, text_lang) for url, title, text_lang in index["pages"]}
    for slug in site.slugs:
        title, text_lang = by_url[f"{slug}/index.html"]
        shown = site.page(lang, slug)
        assert title == shown.page.title
        assert text_lang == ("en" if shown.is_fallback else ""), slug
    for number, anchor, _heading, _text in index["sections"]:
        url = index["pages"][number][0]
        if anchor and url != "glossary/index.html":
            slug = url.split("/")[0]
            assert anchor in {h.id for h in site.page(lang, slug).page.headings}, (slug, anchor)


@pytest.mark.parametrize("lang", ("en", "ar", "bn"))
def test_glossary_entries_are_results_of_their_own(lang):
    site = project_site()
    index = search_index(site, lang, glossary_title="Lista")
    glossary_page = next(n for n, page in enumerate(index["pages"]) if page[0] == "glossary/index.html")
    assert index["pages"][glossary_page][1] == "Lista"
    entries = {(s[1], s[2]) for s in index["sections"] if s[0] == glossary_page}
    assert entries == {(entry.id, entry.term) for entry in site.glossary_in(lang)}


def test_index_script_is_a_classic_script_that_keeps_text_as_text():
    index = {
        "lang": "en",
        "pages": [["a/index.html", "</script><img src=x onerror=alert(1)>", ""]],
        "sections": [],
    }
    script = index_script(index)
    assert script.startswith(f"self.{INDEX_GLOBAL}={{")
    assert json.loads(script[len(f"self.{INDEX_GLOBAL}=") : -2]) == index
    assert "export " not in script and "import " not in script


@pytest.mark.parametrize("lang", LANGUAGES)
def test_build_writes_each_languages_index(real_site, lang):
    index = read_index(real_site / lang / "search" / "search-index.js")
    assert index["lang"] == lang
    assert len(index["sections"]) > 50
    glossary = next(page for page in index["pages"] if page[0] == "glossary/index.html")
    assert glossary[1] == translated(lang, "Word list")
    for url, _title, _lang in index["pages"]:
        assert (real_site / lang / url).is_file(), url


def test_every_page_has_the_search_box_without_inline_code(real_site):
    for lang in ("en", "ar"):
        for path in ("index.html", "what-is-a-core-group/index.html", "glossary/index.html"):
            soup = parse_page(real_site / lang / path)
            box = soup.select_one("header [role=search][data-search]")
            assert box and box["aria-label"] == translated(lang, "Search the guide")
            form = box.find("form")
            assert form["action"] == ("../search/index.html" if "/" in path else "search/index.html")
            assert form["method"] == "get" and form.select_one("input[name=q][type=search]")
            label = soup.find("label", attrs={"for": form.select_one("input")["id"]})
            assert label.get_text(strip=True) == translated(lang, "Search the guide")
            # only the tiny loader is on the page; the rest comes when the box is focused
            scripts = [script["src"] for script in soup.find_all("script")]
            assert not [src for src in scripts if "minisearch" in src or src.endswith("/search.js")]
            assert all(script.get("src") for script in soup.find_all("script")), "no inline script"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_page(real_site, lang):
    soup = parse_page(real_site / lang / "search" / "index.html")
    assert soup.find("h1").get_text(strip=True) == translated(lang, "Search the guide")
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] == CSP
    assert not soup.select("header [data-search]"), "one search box on the search page"
    box = soup.select_one("main [role=search][data-search][data-search-page]")
    assert box["data-search-index"] == "search-index.js"
    assert (real_site / lang / "search" / box["data-search-library"]).resolve().is_file()
    assert (real_site / lang / "search" / box["data-search-script"]).resolve().is_file()
    assert box["data-search-count"] == translated(lang, "Results found: %(count)s") % {"count": "{count}"}
    assert box.select_one("[role=status][data-search-status]")
    none = box.select_one("[data-search-none][hidden]")
    assert (
        translated(lang, "Nothing found. Try a shorter or different word, or look in the word list.")
        in none.text
    )
    assert none.find("a")["href"] == "../glossary/index.html"
    assert soup.find("noscript")


def test_vendored_minisearch_matches_package_json_and_has_its_licence():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    library = (ROOT / "static" / "vendor" / "minisearch" / "minisearch.min.js").read_text(encoding="utf-8")
    version = re.match(r"/\*! MiniSearch (\d+\.\d+\.\d+),", library)
    assert version and version[1] == package["devDependencies"]["minisearch"]
    assert "Luca Ongaro" in (ROOT / "static" / "vendor" / "minisearch" / "LICENSE.txt").read_text(
        encoding="utf-8"
    )
    assert not re.search(r"\beval\(|new Function\(|WebAssembly", library), "nothing the CSP forbids"
