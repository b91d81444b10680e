"""Browser tests: the frozen real site served on 127.0.0.1, one shared Chromium, axe-core from npm.

See tests/browser_support.py for where Chromium and axe-core come from and the CI rule.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import url_for

from portal.app import create_app
from portal.review.views import status_urls
from portal.views import site_urls
from tests.browser_support import AXE_TAGS, axe_source, chromium
from tests.helpers import project_site

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
ZOOMED = {"width": 320, "height": 256}  # 1280 x 1024 at 400 % zoom, in CSS pixels
NEUTRAL_PAGE = "<!doctype html><html lang=en><title>Neutral</title><p>A neutral site</p></html>"


def real_config():
    """The real site's configuration (content/site.yaml)."""
    return project_site().config


@functools.cache
def built_pages() -> tuple[str, ...]:
    """Every HTML page the freezer writes, as paths under build/site/, from the real content model."""
    app = create_app(site=project_site())
    with app.test_request_context():
        pages = [*site_urls(app.extensions["site"]), *status_urls()]  # the status report is frozen too
        urls = [url_for(endpoint, **values) for endpoint, values in pages]
    paths = [url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/") for url in urls]
    return tuple(sorted(path for path in paths if path.endswith(".html")))


def pytest_generate_tests(metafunc):
    """`page_path` is every page of the real site in every language, with the path as test id."""
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", built_pages(), ids=str)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@dataclass
class StaticServer:
    root: Path
    url: str
    host: str


def serve_folder(root: Path) -> Iterator[StaticServer]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = f"127.0.0.1:{server.server_address[1]}"
    try:
        yield StaticServer(root=root, url=f"http://{host}/", host=host)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(real_site) -> Iterator[StaticServer]:
    """The frozen real site over HTTP on 127.0.0.1 (a secure context, so service workers run)."""
    yield from serve_folder(real_site)


@pytest.fixture(scope="session")
def fixture_server(fixture_site) -> Iterator[StaticServer]:
    """The small fixture site (with every local detail filled in) over HTTP."""
    yield from serve_folder(fixture_site)


@pytest.fixture(scope="package")
def browser():
    """One headless Debian Chromium for all the tests in this folder.

    Package scope, not session: Playwright's sync API allows one running instance at a time,
    and other test modules start their own after this folder's tests have finished.
    """
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session", name="axe_source")
def axe_source_fixture() -> str:
    return axe_source()


@dataclass
class Recorder:
    """What pages did: requests to other hosts (blocked, never sent), console errors, script errors."""

    own_host: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.foreign_requests.clear()
        self.console_errors.clear()
        self.page_errors.clear()


def open_context(browser, server: StaticServer, *, service_workers: str = "block", **options):
    """A browser context where every request to a host other than the site's is blocked and
    recorded; the exit page's neutral site answers from here, so nothing leaves the machine."""
    options.setdefault("viewport", PHONE)
    context = browser.new_context(service_workers=service_workers, **options)
    recorder = Recorder(own_host=server.host)

    def route(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == server.host:
            route.continue_()
            return
        if parts.scheme in ("data", "blob", "file"):
            route.continue_()
            return
        recorder.foreign_requests.append(url)
        if route.request.is_navigation_request():
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
        else:
            route.abort()

    context.route("**/*", route)
    context.on("weberror", lambda error: recorder.page_errors.append(str(error.error)))
    context.recorder = recorder
    return context


def watch(page, recorder: Recorder):
    page.on(
        "console", lambda message: message.type == "error" and recorder.console_errors.append(message.text)
    )
    page.on("pageerror", lambda error: recorder.page_errors.append(str(error)))
    return page


@pytest.fixture(scope="module")
def phone(browser, site_server):
    """A page at a phone's size, shared by a module's tests (service workers blocked)."""
    context = open_context(browser, site_server)
    page = watch(context.new_page(), context.recorder)
    yield page
    context.close()


@pytest.fixture
def fresh_context(browser, site_server):
    """A new context for tests that change state (history, storage, emulation)."""
    contexts = []

    def make(server: StaticServer | None = None, **options):
        context = open_context(browser, server or site_server, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def run_axe(page, axe_source: str, rules: list[str] | None = None, skip: tuple[str, ...] = ()) -> list[dict]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page as it is now (only `rules`'s
    when they are named; none of `skip`'s)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source)  # evaluate, not a <script>: the page's CSP would block that
    return page.evaluate(
        """async ([tags, rules, skip]) => {
            const runOnly = rules ? {type: "rule", values: rules} : {type: "tag", values: tags};
            const skipped = Object.fromEntries(skip.map((id) => [id, {enabled: false}]));
            const result = await axe.run(document, {runOnly, rules: skipped, resultTypes: ["violations"]});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}));
        }""",
        [AXE_TAGS, rules, list(skip)],
    )


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}" for v in violations
    )
