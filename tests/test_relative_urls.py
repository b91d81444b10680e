"""Links relative to the frozen page: the same, character for character, as Frozen-Flask's."""

from __future__ import annotations

import posixpath

import pytest

from portal.relative_urls import relative_url

PAGES = (
    "/",
    "/en/",
    "/en/what-is-a-core-group/",
    "/ar/easy-read/plan/",
    "/sw.js",
    "/en/search/search-index.js",
)
URLS = (
    "/",
    "/en/",
    "/en/what-is-a-core-group/",
    "/en/what-is-a-core-group/#who-comes",
    "/en/glossary/?q=plan#core-group",
    "/static/css/site.css",
    "/ar/easy-read/plan/",
    "/ar/easy-read/",
    "/en/leaflets/core-groups-a-guide-for-families-en.pdf",
    "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
    "mailto:someone@example.org",
)


def frozen_flask_relative_url(url: str, page_path: str) -> str:
    """flask_frozen.relative_url_for after its url_for: the behaviour to keep."""
    if not url.startswith("/"):
        return url
    url, fragment_sep, fragment = url.partition("#")
    url, query_sep, query = url.partition("?")
    if url.endswith("/"):
        url += "index.html"
    url += query_sep + query + fragment_sep + fragment
    if not page_path.endswith("/"):
        page_path = posixpath.dirname(page_path)
    return posixpath.relpath(url, page_path)


@pytest.mark.parametrize("page", PAGES)
def test_every_link_is_what_frozen_flask_would_write(page):
    for url in URLS:
        assert relative_url(url, page) == frozen_flask_relative_url(url, page), (url, page)


def test_links_from_a_page_to_its_neighbours():
    assert relative_url("/en/plan/", "/en/what-is-a-core-group/") == "../plan/index.html"
    assert relative_url("/static/css/site.css", "/ar/easy-read/plan/") == "../../../static/css/site.css"
    assert relative_url("/en/", "/en/") == "index.html"
    assert relative_url("/sw.js", "/") == "sw.js"
