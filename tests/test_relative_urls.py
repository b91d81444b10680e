"""Links relative to the frozen page: the same, character for character, as Frozen-Flask's."""

from __future__ import annotations

import flask_frozen
import pytest
from flask import Flask

from portal.relative_urls import RelativeUrls, links_from_root, relative_url

PAGES = (
    "/",
    "/en/",
    "/en/what-is-a-core-group/",
    "/ar/easy-read/plan/",
    "/sw.js",
    "/en/search/search-index.js",
)
# (path, its values in url_for beyond it): the kinds of address the templates link to
TARGETS = (
    ("", {}),
    ("en/", {}),
    ("en/what-is-a-core-group/", {}),
    ("en/what-is-a-core-group/", {"_anchor": "who-comes"}),
    ("en/glossary/", {"q": "plan", "_anchor": "core-group"}),
    ("static/css/site.css", {}),
    ("ar/easy-read/plan/", {}),
    ("ar/easy-read/", {}),
    ("en/leaflets/core-groups-a-guide-for-families-en.pdf", {}),
)


@pytest.fixture(scope="module")
def app():
    app = Flask(__name__)

    def any_page(path):
        return ""

    app.add_url_rule("/", "home", any_page, defaults={"path": ""})
    app.add_url_rule("/<path:path>", "home", any_page)
    return app


@pytest.mark.parametrize("page", PAGES)
def test_every_link_is_what_frozen_flask_would_write(app, page):
    ours = RelativeUrls()
    with app.test_request_context(page):
        for path, values in TARGETS:
            expected = flask_frozen.relative_url_for("home", path=path, **values)
            assert ours("home", path=path, **values) == expected, (path, values, page)
            assert ours("home", path=path, **values) == expected  # again, from its own memory


def test_links_from_a_page_to_its_neighbours():
    assert relative_url("/en/plan/", "/en/what-is-a-core-group/") == "../plan/index.html"
    assert relative_url("/static/css/site.css", "/ar/easy-read/plan/") == "../../../static/css/site.css"
    assert relative_url("/en/", "/en/") == "index.html"
    assert relative_url("/sw.js", "/") == "sw.js"
    assert relative_url("https://www.gov.uk/", "/en/") == "https://www.gov.uk/"


def test_a_page_served_at_any_address_links_from_the_sites_folder():
    html = '<a href="en/index.html">Home</a> <a href="#main">Skip</a> <a href="https://www.gov.uk/">x</a>'
    assert links_from_root(html, "") == (
        '<a href="/en/index.html">Home</a> <a href="#main">Skip</a> <a href="https://www.gov.uk/">x</a>'
    )
    assert links_from_root('<link href="static/css/site.css">', "https://example.org/guide") == (
        '<link href="/guide/static/css/site.css">'
    )
