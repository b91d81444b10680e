"""The accessibility, privacy and about pages, the footer links to them and the report-a-problem link."""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from portal.app import create_app
from portal.errors import ContentErrors
from portal.loader import load_site
from portal.statements import english_date, report_mailto
from tests.helpers import parse_page, translated

STATEMENTS = ("accessibility", "privacy", "about")
TODAY = datetime.date(2026, 11, 23)


def _edit_config(content_dir: Path, old: str, new: str) -> None:
    path = content_dir / "site.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in site.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _render(content_dir: Path, url: str):
    client = create_app(content_dir, today=TODAY).test_client()
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.mark.parametrize("lang", ["en", "ar", "pl"])
@pytest.mark.parametrize("kind", STATEMENTS)
def test_every_statement_is_built_in_every_language(fixture_site, lang, kind):
    page = parse_page(fixture_site / lang / kind / "index.html")
    heading = {"accessibility": "Accessibility statement", "privacy": "Privacy", "about": "About this guide"}
    assert page.h1.get_text(strip=True) == translated(lang, heading[kind])
    body = page.select_one(".statement")
    if lang == "en":
        assert body.get("lang") is None
    else:  # English text, marked as English, with the usual notice
        assert body["lang"] == "en" and body["dir"] == "ltr"
        notice = "This page has not been translated into your language yet, so it is shown in English."
        assert page.select_one("p.notice").get_text(strip=True) == translated(lang, notice)


@pytest.mark.parametrize("lang", ["en", "ar", "pl"])
def test_every_page_links_to_the_statements(fixture_site, lang):
    expected = {fixture_site / lang / kind / "index.html" for kind in STATEMENTS}
    for path in [
        fixture_site / lang / "index.html",
        fixture_site / lang / "what-is-a-core-group" / "index.html",
    ]:
        page = parse_page(path)
        targets = {(path.parent / link["href"]).resolve() for link in page.select("footer .footer-links a")}
        assert targets == expected, path


def test_the_accessibility_statement_follows_the_model_and_is_dated_by_the_build(content_copy):
    page = _render(content_copy, "/en/accessibility/")
    headings = [heading.get_text(strip=True) for heading in page.select("main h2, main h3")]
    for expected in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ):
        assert expected in headings
    text = page.main.get_text(" ", strip=True)
    assert "This statement was prepared on 23 November 2026" in text
    assert "last tested on 23 November 2026" in text
    assert "Email help@testshire.example for large print or Easy Read." in text  # other_formats
    assert "Testshire Safeguarding Children Partnership" in text
    assert "axe-core" in text and "Equality and Human Rights Commission" in text
    assert page.main.find("a", href="https://www.equalityadvisoryservice.com/")


def test_the_about_page_names_the_publisher_and_the_newest_review(content_copy):
    text = _render(content_copy, "/en/about/").main.get_text(" ", strip=True)
    assert "published by Testshire Safeguarding Children Partnership" in text
    newest = max(page.reviewed for page in load_site(content_copy, today=TODAY).pages_in("en"))
    assert f"last updated on {english_date(newest)}" in text
    assert "The translations are drafts" in text


def test_the_about_page_without_an_organisation_is_neutral(content_copy):
    _edit_config(content_copy, "name: Testshire Safeguarding Children Partnership", 'name: ""')
    text = _render(content_copy, "/en/about/").main.get_text(" ", strip=True)
    assert "This is the national version of the guide" in text and "published by" not in text


def test_the_report_link_names_the_page_and_its_language(fixture_site):
    page = parse_page(fixture_site / "pl" / "what-is-a-core-group" / "index.html")
    link = page.select_one(".footer-report a")
    assert link.get_text(strip=True) == translated("pl", "Report a problem with this page")
    parts = urlsplit(link["href"])
    assert parts.scheme == "mailto" and parts.path == "help@testshire.example"
    assert " " not in link["href"] and "\n" not in link["href"]  # encoded
    query = parse_qs(parts.query)
    address = "https://guide.testshire.example/pl/what-is-a-core-group/"
    assert query["subject"] == [translated("pl", "Problem with the page %(address)s") % {"address": address}]
    body = query["body"][0].split("\r\n")
    assert body[0] == translated("pl", "Page: %(address)s") % {"address": address}
    assert body[1] == translated("pl", "Language: %(language)s") % {"language": "Polish (pl)"}


def test_report_mailto_encodes_every_special_character():
    href = report_mailto("help@example.org", "a&b=c ?#", ["x%y", "z"])
    assert href == "mailto:help@example.org?subject=a%26b%3Dc%20%3F%23&body=x%25y%0D%0Az"
    assert unquote(href.split("body=")[1]) == "x%y\r\nz"


def test_the_report_link_is_hidden_without_an_email(content_copy):
    _edit_config(content_copy, "email: help@testshire.example", 'email: ""')
    page = _render(content_copy, "/en/what-is-a-core-group/")
    assert page.select_one(".footer-report") is None
    assert not page.select('a[href^="mailto:"]')


@pytest.mark.parametrize(
    "email",
    ["help@testshire.example?cc=someone@evil.example", "help@testshire.example&body=x", "a%0Ab@example.org"],
)
def test_an_email_that_could_change_the_message_is_refused(content_copy, email):
    _edit_config(content_copy, "email: help@testshire.example", f"email: '{email}'")
    with pytest.raises(ContentErrors) as raised:
        load_site(content_copy, today=TODAY)
    assert any(
        "site.yaml:6:" in str(error) and "is not an email address" in str(error)
        for error in raised.value.errors
    ), raised.value.errors


def test_the_host_logs_text_is_shown_escaped(content_copy):
    (content_copy / "site.yaml").write_text(
        (content_copy / "site.yaml").read_text(encoding="utf-8")
        + 'privacy:\n  host_logs: "Logs kept 30 days <script>alert(1)</script>"\n',
        encoding="utf-8",
    )
    page = _render(content_copy, "/en/privacy/")
    assert "Logs kept 30 days <script>alert(1)</script>" in page.main.get_text()
    assert not page.main.find("script")


def test_the_privacy_page_without_host_logs_says_whom_to_ask(content_copy):
    text = _render(content_copy, "/en/privacy/").main.get_text(" ", strip=True)
    assert "To find out what Testshire Safeguarding Children Partnership keeps" in text
    assert "does not use cookies, analytics or tracking" in text


def test_host_logs_that_is_not_text_is_an_error_with_its_line(content_copy):
    path = content_copy / "site.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "privacy:", "  host_logs: [a, b]"]) + "\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_site(content_copy, today=TODAY)
    assert any(
        f"site.yaml:{len(lines) + 2}:" in str(error) and "host_logs" in str(error)
        for error in raised.value.errors
    ), [str(error) for error in raised.value.errors]
