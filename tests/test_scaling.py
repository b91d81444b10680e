"""No step of the build grows faster than N log N: lines of Python run, counted on two corpus sizes."""

from __future__ import annotations

import math
import shutil
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import url_for

from portal import i18n
from portal.app import create_app
from portal.coverage import coverage, coverage_table
from portal.leaflets import LeafletCatalogue
from portal.loader import load_site
from portal.offline import precache_lists, site_version
from portal.render_keys import RenderKeys
from portal.search import search_index
from portal.views import page_urls, site_urls, sitemap_parts
from tests.conftest import FIXTURE_CONTENT

SMALL, LARGE = 40, 160


def _corpus(folder: Path, pages: int) -> Path:
    """The fixture content with `pages` more English pages, each linking to the next."""
    content = Path(shutil.copytree(FIXTURE_CONTENT, folder))
    template = (content / "en" / "helping-professionals.md").read_text(encoding="utf-8")
    for number in range(pages):
        text = template.replace("title: Core groups for professionals", f"title: Page {number}")
        text = text.replace("order: 1", f"order: {number + 2}").replace(
            "audience: professionals", "audience: both"
        )
        text += f"\nSee [the next page](page-{(number + 1) % pages}).\n"
        (content / "en" / f"page-{number}.md").write_text(text, encoding="utf-8")
    return content


def _calls(step: Callable[[], object]) -> int:
    """How many lines of Python `step` runs (all of them, however deep: a loop counts each time round)."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        step()
    finally:
        sys.settrace(None)
    return count


def _all_keys(site, routes) -> list[str]:
    keys = RenderKeys(site, LeafletCatalogue(), ())
    return [keys.key(endpoint, values) for endpoint, values in routes]


def _steps(content: Path) -> dict[str, int]:
    """The calls each step of a build makes on this content (rendering aside: one page each)."""
    site = load_site(content)
    app = create_app(content, site=site)
    counts = {"load the site": _calls(lambda: load_site(content))}
    counts["coverage table"] = _calls(lambda: coverage_table(coverage(site, i18n.TRANSLATIONS_DIR, 10)))
    with app.test_request_context():
        routes = list(site_urls(site))
        urls = [url_for(endpoint, **values) for endpoint, values in routes]
        counts["addresses"] = _calls(
            lambda: [url_for(endpoint, **values) for endpoint, values in site_urls(site)]
        )
        counts["sitemap"] = _calls(lambda: (page_urls(site), sitemap_parts(site)))
        static = Path(app.static_folder)
        counts["offline lists"] = _calls(lambda: precache_lists(site, static, urls))
        counts["site version"] = _calls(lambda: site_version(site, static))
        counts["navigation"] = _calls(
            lambda: [
                site.pages_of_topic(code, topic, "families")
                for code in site.content
                for topic in site.source.topics
            ]
        )
        counts["render keys"] = _calls(lambda: _all_keys(site, routes))
        counts["search index"] = _calls(
            lambda: [search_index(site, code, "Word list") for code in site.content]
        )
    return counts


def _peak_memory(content: Path) -> int:
    """The most memory (bytes) Python held while loading the site and working out every render key."""
    tracemalloc.start()
    try:
        site = load_site(content)
        app = create_app(content, site=site)
        with app.test_request_context():
            _all_keys(site, list(site_urls(site)))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def counted(tmp_path_factory) -> tuple[dict[str, int], dict[str, int]]:
    folder = tmp_path_factory.mktemp("scaling")
    return _steps(_corpus(folder / "small", SMALL)), _steps(_corpus(folder / "large", LARGE))


STEPS = (
    "load the site",
    "coverage table",
    "addresses",
    "sitemap",
    "offline lists",
    "site version",
    "navigation",
    "render keys",
    "search index",
)


@pytest.mark.parametrize("step", STEPS)
def test_no_step_grows_faster_than_n_log_n(counted, step):
    small, large = counted
    # Four times the pages: N log N makes at most 4 × log(4N)/log(N) times the calls (with a margin).
    limit = 1.25 * (LARGE / SMALL) * math.log(LARGE) / math.log(SMALL)
    assert large[step] / small[step] <= limit, f"{small[step]} calls, then {large[step]}"


def test_memory_stays_linear(tmp_path):
    small_corpus, large_corpus = _corpus(tmp_path / "small", SMALL), _corpus(tmp_path / "large", LARGE)
    _peak_memory(small_corpus)  # once before measuring: the first time also fills caches and imports
    small, large = _peak_memory(small_corpus), _peak_memory(large_corpus)
    assert large / small <= 1.25 * LARGE / SMALL, f"{small:,} bytes, then {large:,}"
