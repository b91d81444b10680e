"""The accessibility, privacy and about pages, the footer links to them and the report-a-problem link."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from portal import i18n
from portal.app import CONTENT_DIR, create_app
from portal.errors import ContentErrors
from portal.i18n import BABEL_LOCALE_OVERRIDES
from portal.languages import SOURCE_LANGUAGE, language, localise_digits
from portal.loader import load_site
from portal.review.status import interface_revision
from portal.statements import report_mailto
from tests.helpers import parse_page, project_site, translated

STATEMENTS = ("accessibility", "privacy", "about")
TODAY = datetime.date(2026, 11, 23)
ORGANISATION = "Testshire Safeguarding Children Partnership"
# The first paragraph of each statement, as the fixture site (organisation and base_url set) fills it.
LEAD = {
    "accessibility": (
        "This accessibility statement applies to the Core Group Guide published by %(organisation)s at %(address)s.",
        {"organisation": ORGANISATION, "address": "https://guide.testshire.example/"},
    ),
    "privacy": ("This guide does not collect any information about you.", {}),
    "about": (
        "The Core Group Guide explains the child protection core group process in England, in plain "
        "language, for families and for professionals.",
        {},
    ),
}
DRAFT_NOTICE = "This is a draft translation. It has not yet been checked by a professional translator."
REAL_LANGUAGES = project_site().config.languages


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


@pytest.fixture(scope="module")
def real_client():
    """The project's own content and catalogues, served without building the leaflets."""
    return create_app(CONTENT_DIR, today=TODAY).test_client()


def _text_outside_english(element) -> str:
    """The element's text, leaving out the parts marked as English (the host's words, names of laws)."""
    return " ".join(
        text
        for text in element.find_all(string=True)
        if not text.find_parent(attrs={"lang": SOURCE_LANGUAGE})
    )


@pytest.mark.parametrize("lang", ["en", "ar", "pl"])
@pytest.mark.parametrize("kind", STATEMENTS)
def test_every_statement_is_built_in_every_language(fixture_site, lang, kind):
    path = fixture_site / lang / kind / "index.html"
    page = parse_page(path)
    heading = {"accessibility": "Accessibility statement", "privacy": "Privacy", "about": "About this guide"}
    assert page.h1.get_text(strip=True) == translated(lang, heading[kind])
    body = page.select_one(".statement")
    assert body.get("lang") is None  # the text is in the page's language
    message, values = LEAD[kind]
    lead = body.select_one("p.lead").get_text()
    assert lead == translated(lang, message) % values
    notice = page.select_one("main p.notice-draft")
    if lang == "en":
        assert notice is None
    else:  # a draft translation, like every translated page, with the way to the English
        assert lead != message % values
        assert notice.get_text(" ", strip=True).startswith(translated(lang, DRAFT_NOTICE))
        english = notice.find("a", hreflang="en")
        assert (path.parent / english["href"]).resolve() == fixture_site / "en" / kind / "index.html"


@pytest.mark.parametrize("lang", [code for code in REAL_LANGUAGES if code != SOURCE_LANGUAGE])
@pytest.mark.parametrize("kind", STATEMENTS)
def test_every_statement_is_translated_in_the_real_catalogues(real_client, lang, kind):
    """Each paragraph and list item is its language's translation, placeholders filled, in its digits and full stops."""
    response = real_client.get(f"/{lang}/{kind}/")
    assert response.status_code == 200
    body = BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one(".statement")
    lead = body.select_one("p.lead").get_text()
    if kind != "accessibility":  # the project's own site.yaml names no organisation or address
        message, values = LEAD[kind]
        assert lead == translated(lang, message) % values != message % values
    english = {
        translated(SOURCE_LANGUAGE, message)
        for message in (LEAD["privacy"][0], LEAD["about"][0], "Translations", "What this website sends")
    }
    for block in body.select("p, li, h2, h3"):
        text = _text_outside_english(block)
        assert not re.search(r"%\(\w+\)[sd]", text), f"placeholder left unfilled: {text!r}"
        assert text.strip() not in english, f"English left in {lang}/{kind}: {text!r}"
        if language(lang).numbering_system != "latn":
            assert not re.search(r"[0-9]", text), (
                f"{lang}/{kind}: write numbers in the language's digits: {text!r}"
            )
        own_full_stop = {"bn": "।", "pa": "।", "ur": "۔"}.get(lang)
        if own_full_stop:
            assert not re.search(r"[^\s\d.A-Za-z]\.(\s|$)", text), f"use {own_full_stop}: {text!r}"


@pytest.mark.parametrize("lang", ["en", "pl", "bn", "ar"])
def test_the_statement_dates_are_in_the_page_language(real_client, lang):
    text = BeautifulSoup(real_client.get(f"/{lang}/accessibility/").get_data(as_text=True), "html.parser")
    expected = localise_digits(
        format_date(TODAY, "long", locale=BABEL_LOCALE_OVERRIDES.get(lang, lang)), lang
    )
    prepared = translated(
        lang, "This statement was prepared on %(prepared)s. It was last reviewed on %(reviewed)s."
    )
    assert prepared % {"prepared": expected, "reviewed": expected} in text.main.get_text()


@pytest.mark.parametrize("lang", ["ar", "pl"])
def test_the_translated_statements_link_where_the_english_does(fixture_site, lang):
    for kind in STATEMENTS:
        path = fixture_site / lang / kind / "index.html"
        english = parse_page(fixture_site / "en" / kind / "index.html").select(".statement a")
        links = parse_page(path).select(".statement a")
        assert [link["href"] for link in links if "://" in link["href"] or ":" in link["href"]] == [
            link["href"] for link in english if "://" in link["href"] or ":" in link["href"]
        ], kind
        for link in links:
            if ":" not in link["href"]:  # a page of the site, in the same language
                target = (path.parent / link["href"]).resolve()
                assert target.is_file() and target.is_relative_to(fixture_site / lang), link


@pytest.mark.parametrize("kind", STATEMENTS)
def test_the_hosts_own_words_are_marked_english_on_other_pages(fixture_site, kind):
    body = parse_page(fixture_site / "pl" / kind / "index.html").select_one(".statement")
    marked = [element.get_text() for element in body.select('[lang="en"]')]
    assert ORGANISATION in marked
    unmarked = _text_outside_english(body)
    assert ORGANISATION not in unmarked and "Testshire" not in unmarked
    if kind == "accessibility":
        assert "Email help@testshire.example for large print or Easy Read." in marked  # other_formats
        for name in (
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018",
            "Equality and Human Rights Commission (EHRC)",
            "Equality Advisory and Support Service (EASS)",
        ):
            assert name in marked
    english_body = parse_page(fixture_site / "en" / kind / "index.html").select_one(".statement")
    assert not english_body.select("[lang]:not([lang=ar]):not([lang=pl])")  # nothing to mark on English pages


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
    assert "read the guide in 3 languages" in text  # the fixture's languages, counted


def test_the_about_page_names_the_publisher_and_the_newest_review(content_copy):
    text = _render(content_copy, "/en/about/").main.get_text(" ", strip=True)
    assert "published by Testshire Safeguarding Children Partnership" in text
    newest = max(page.reviewed for page in load_site(content_copy, today=TODAY).pages_in("en"))
    assert f"last updated on {format_date(newest, 'long', locale='en_GB')}" in text
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
    logs = _render(content_copy, "/ar/privacy/").main.find("p", string=re.compile("Logs kept 30 days"))
    assert logs["lang"] == "en" and logs["dir"] == "ltr"  # the host's words, in English on an Arabic page


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


@pytest.mark.parametrize("current", [True, False], ids=["signed-off", "signed-off-before-a-change"])
def test_the_draft_notice_goes_once_a_translator_signs_off_the_interface_strings(content_copy, current):
    revision = interface_revision(i18n.TEMPLATE_POT) if current else "0123456789"
    (content_copy / "ar" / "review.yaml").write_text(
        f"interface:\n  translation_of: {revision}\n  translation_status: reviewed\n"
        "  reviewed_by: Testshire Translation Service\n  reviewed_on: 2026-11-20\n",
        encoding="utf-8",
    )
    page = _render(content_copy, "/ar/privacy/")
    assert (page.select_one("main p.notice-draft") is None) == current
