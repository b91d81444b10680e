"""404.html of a site published under a sub-path: the host shows it at any missing address in
that folder, and its styles, scripts and links still work (they start at base_url's path)."""

from __future__ import annotations

import functools
import http.server
import threading

import build
from tests.browser.conftest import StaticServer, open_context


class _NotFoundPage(http.server.SimpleHTTPRequestHandler):
    """Like a static host set up with `error_page 404 /guide/404.html`."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.server.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def test_404_page_works_for_a_site_under_a_sub_path(browser, content_copy, tmp_path):
    site_yaml = content_copy / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace(
            "base_url: https://guide.testshire.example/", "base_url: https://example.org/guide/"
        ),
        encoding="utf-8",
    )
    site = build.build(content_copy, tmp_path / "build")
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "guide").symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_NotFoundPage, directory=str(tmp_path / "www"))
    )
    server.site = site
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{server.server_address[1]}"
    context = open_context(browser, StaticServer(root=tmp_path / "www", url=f"http://{host}/", host=host))
    try:
        page = context.new_page()
        response = page.goto(f"http://{host}/guide/en/no-such-page/")
        assert response.status == 404
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
        assert page.evaluate("getComputedStyle(document.querySelector('.exit-page')).position") == "sticky"
        with page.expect_navigation():
            page.click("main a >> nth=0")
        assert page.url.startswith(f"http://{host}/guide/") and page.locator("h1").count() == 1
        assert not context.recorder.page_errors
    finally:
        context.close()
        server.shutdown()
        server.server_close()
