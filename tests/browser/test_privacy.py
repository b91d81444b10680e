"""Privacy and security: no other host, no cookies, a strict CSP that also works from disk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import ROOT, real_config

DEPLOY = ROOT / "deploy"


def _csp(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta, "a Content-Security-Policy meta tag"
    return meta["content"]


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def test_every_page_has_a_strict_csp_and_no_inline_code(real_site):
    problems = []
    for path in sorted(real_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        name = path.relative_to(real_site).as_posix()
        policy = _directives(_csp(soup))
        if "'unsafe-inline'" in str(policy) or "'unsafe-eval'" in str(policy):
            problems.append(f"{name}: unsafe CSP")
        for directive in ("default-src", "script-src", "style-src"):
            if policy.get(directive) != ["'self'"]:
                problems.append(f"{name}: {directive} should be 'self' only")
        if policy.get("object-src") != ["'none'"] or policy.get("base-uri") != ["'none'"]:
            problems.append(f"{name}: object-src and base-uri should be 'none'")
        referrer = soup.find("meta", attrs={"name": "referrer"})
        if not referrer or referrer["content"] != "no-referrer":
            problems.append(f"{name}: no <meta name=referrer content=no-referrer>")
        for script in soup.find_all("script"):
            if not script.get("src"):
                problems.append(f"{name}: inline script")
            if script.get("src", "").startswith(("http:", "https:", "//")):
                problems.append(f"{name}: third-party script {script['src']}")
        for element in soup.find_all(True):
            handlers = [attr for attr in element.attrs if attr.lower().startswith("on")]
            if handlers:
                problems.append(f"{name}: inline handler {handlers} on <{element.name}>")
            if element.has_attr("style"):
                problems.append(f"{name}: style attribute on <{element.name}>")
        if soup.find("style"):
            problems.append(f"{name}: <style> element")
        for element in soup.find_all(["link", "img", "iframe", "source", "audio", "video"]):
            url = element.get("href") or element.get("src") or ""
            if (
                element.name != "link"
                or "stylesheet" in element.get("rel", [])
                or "icon" in element.get("rel", [])
            ):
                if url.startswith(("http:", "https:", "//")):
                    problems.append(f"{name}: third-party {element.name} {url}")
    assert not problems, "\n".join(problems[:20])


def test_stylesheets_fetch_nothing_from_elsewhere():
    for css in (ROOT / "static" / "css").glob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), css.name


def _meta_policy(real_site: Path) -> str:
    soup = BeautifulSoup((real_site / "en" / "index.html").read_text(encoding="utf-8"), "lxml")
    return _csp(soup)


def test_headers_file_sends_the_same_policy(real_site):
    text = (DEPLOY / "_headers").read_text(encoding="utf-8")
    headers = dict(
        line.strip().split(": ", 1)
        for line in text.splitlines()
        if line.startswith((" ", "\t")) and ": " in line
    )
    assert _directives(headers["Content-Security-Policy"]) == _directives(_meta_policy(real_site)) | {
        "frame-ancestors": ["'none'"]
    }
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in text


def test_nginx_snippet_sends_the_same_policy(real_site):
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    found = dict(re.findall(r'add_header\s+([\w-]+)\s+"([^"]*)"\s+always;', text))
    assert _directives(found["Content-Security-Policy"]) == _directives(_meta_policy(real_site)) | {
        "frame-ancestors": ["'none'"]
    }
    assert found["Referrer-Policy"] == "no-referrer"
    assert found["X-Content-Type-Options"] == "nosniff"


def test_site_opened_from_disk_runs_its_scripts_and_styles_under_the_csp(fresh_context, real_site):
    """Chromium treats file:// pages' own files as 'self': the strict policy needs no exception."""
    context = fresh_context()
    recorder = context.recorder
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((real_site / "en" / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
    # site.js is running: Shift pressed three times leaves the page.
    with page.expect_navigation():
        for _ in range(3):
            page.keyboard.press("Shift")
    assert page.content().count("A neutral site") == 1
    assert recorder.foreign_requests == [real_config().exit_page_url]
    assert not errors, errors


@pytest.mark.parametrize("page_name", ["index.html", "en/calculator/index.html"])
def test_pages_opened_from_disk_have_no_errors_and_no_service_worker(fresh_context, real_site, page_name):
    page = fresh_context().new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((real_site / page_name).as_uri(), wait_until="load")
    page.wait_for_timeout(300)  # time for a (wrong) service worker registration to fail
    registrations = page.evaluate(
        """async () => {
            if (!("serviceWorker" in navigator)) return 0;
            try { return (await navigator.serviceWorker.getRegistrations()).length; }
            catch (error) { return 0; }
        }"""
    )
    assert registrations == 0
    assert not errors, errors
