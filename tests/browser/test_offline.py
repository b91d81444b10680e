"""Offline reading: after one visit, the pages and leaflets of each language read and the
calculator open without a network, an address never saved shows the offline page in the
reader's language, and the web app manifest lets the guide be added to a home screen."""

from __future__ import annotations

import json

from tests.browser.conftest import open_context, serve_folder
from tests.helpers import translated, worker_data

WAIT_FOR_CACHE = """async (expected) => {
    for (let tries = 0; tries < 100; tries++) {
        const names = await caches.keys();
        const urls = [];
        for (const name of names) {
            const cache = await caches.open(name);
            urls.push(...(await cache.keys()).map((request) => request.url));
        }
        if (expected.every((url) => urls.includes(url))) return urls;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
}"""


def test_worker_lists_everything_of_each_language_and_the_shell(real_site):
    data = worker_data(real_site)
    for code, paths in data["languages"].items():
        built = {p.relative_to(real_site).as_posix() for p in (real_site / code).rglob("*") if p.is_file()}
        assert set(paths) == built, code  # pages, the offline page and the leaflets
        assert f"{code}/offline.html" in paths and any(path.endswith(".pdf") for path in paths)
    for path in data["shell"]:
        assert (real_site / path).is_file(), path
    assert "static/js/site.js" in data["shell"] and "static/css/site.css" in data["shell"]
    assert not (real_site / "static" / "sw.js").exists(), "one copy of the worker, at the root"


def visit_and_wait_for_the_copy(page, url: str, code: str, real_site) -> list[str]:
    page.goto(url)
    root = page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.scope)")
    expected = [root + path for path in worker_data(real_site)["languages"][code]]
    cached = page.evaluate(WAIT_FOR_CACHE, expected)
    assert cached, f"every {code} page and leaflet was stored"
    return cached


def test_after_one_visit_the_language_and_calculator_work_offline(fresh_context, site_server, real_site):
    context = fresh_context(service_workers="allow")
    page = context.new_page()
    page.goto(site_server.url + "en/what-is-a-core-group/index.html")
    scope = page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.scope)")
    assert scope == site_server.url, "the worker controls the whole site"
    cached = visit_and_wait_for_the_copy(page, page.url, "en", real_site)
    assert not [url for url in cached if "/pl/" in url], "only the language being read"

    context.set_offline(True)
    try:
        for path in ("en/calculator/index.html", "en/glossary/", "en/who-is-in-the-core-group/index.html"):
            response = page.goto(site_server.url + path)
            assert response and response.ok, path
            assert page.locator("h1").count() == 1
            # styles and scripts came from the cache too
            assert (
                page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
            )
        leaflet = page.evaluate(
            """async (url) => { const response = await fetch(url);
                 const start = new Uint8Array(await response.arrayBuffer()).slice(0, 5);
                 return [response.status, String.fromCharCode(...start)]; }""",
            site_server.url + "en/leaflets/core-groups-a-guide-for-families-en.pdf",
        )
        assert leaflet == [200, "%PDF-"], "an English leaflet opens offline"
    finally:
        context.set_offline(False)
    assert not context.recorder.page_errors


def test_every_language_read_is_kept_and_an_unsaved_page_says_so_in_the_readers_language(
    fresh_context, site_server, real_site
):
    context = fresh_context(service_workers="allow")
    page = context.new_page()
    visit_and_wait_for_the_copy(page, site_server.url + "en/index.html", "en", real_site)
    visit_and_wait_for_the_copy(page, site_server.url + "pl/what-is-a-core-group/index.html", "pl", real_site)

    context.set_offline(True)
    try:
        response = page.goto(site_server.url + "pl/who-is-in-the-core-group/index.html")
        assert response and response.ok and page.locator("html").get_attribute("lang") == "pl"
        response = page.goto(site_server.url + "en/who-is-in-the-core-group/index.html")
        assert response and response.ok, "the first language read is still there"

        page.goto(site_server.url + "pl/index.html")
        page.goto(site_server.url + "ar/what-is-a-core-group/index.html")  # Arabic was never opened
        assert page.url == site_server.url + "pl/offline.html"
        assert page.locator("h1").inner_text() == translated("pl", "This page is not saved on this device")
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
        page.click(f"main a[href]:has-text('{translated('pl', 'Go to the start of this guide')}')")
        assert page.url == site_server.url + "pl/index.html" and page.locator("h1").count() == 1
    finally:
        context.set_offline(False)
    assert not context.recorder.page_errors


def test_worker_controls_a_site_published_under_a_sub_path(browser, real_site, tmp_path):
    (tmp_path / "guide").symlink_to(real_site, target_is_directory=True)
    for server in serve_folder(tmp_path):
        context = open_context(browser, server, service_workers="allow")
        try:
            page = context.new_page()
            page.goto(server.url + "guide/pl/index.html")
            scope = page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.scope)")
            assert scope == server.url + "guide/"
            expected = [server.url + "guide/" + path for path in worker_data(real_site)["languages"]["pl"]]
            assert page.evaluate(WAIT_FOR_CACHE, expected), "every Polish page was stored"
        finally:
            context.close()


def test_manifest_is_valid_and_its_addresses_exist(real_site):
    manifest_path = real_site / "static" / "manifest.webmanifest"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["name"] and manifest["short_name"] and manifest["display"] == "standalone"
    base = manifest_path.parent
    assert (base / manifest["start_url"]).resolve() == (real_site / "index.html").resolve()
    assert (base / manifest["scope"]).resolve() == real_site.resolve()
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert (base / icon["src"]).is_file(), icon["src"]
