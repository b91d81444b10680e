"""The built site: which files exist, that every link works from disk, and atomic builds."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import build
from portal.errors import ContentErrors
from tests.conftest import FIXTURE_CONTENT, ROOT
from tests.helpers import html_pages, parse_page, translated

EXPECTED_FILES = {
    "/": "index.html",
    "/404.html": "404.html",
    "/robots.txt": "robots.txt",
    "/sitemap.xml": "sitemap.xml",
    "/en/": "en/index.html",
    "/en/families/": "en/families/index.html",
    "/en/professionals/": "en/professionals/index.html",
    "/en/glossary/": "en/glossary/index.html",
    "/en/calculator/": "en/calculator/index.html",
    "/en/topics/basics/": "en/topics/basics/index.html",
    "/en/what-is-a-core-group/": "en/what-is-a-core-group/index.html",
    "/ar/what-is-a-core-group/": "ar/what-is-a-core-group/index.html",
    "/pl/what-is-a-core-group/": "pl/what-is-a-core-group/index.html",
    "/pl/helping-professionals/": "pl/helping-professionals/index.html",
    "/static/css/site.css": "static/css/site.css",
}


@pytest.mark.parametrize("url", EXPECTED_FILES)
def test_url_is_frozen_to_file(fixture_site, url):
    assert (fixture_site / EXPECTED_FILES[url]).is_file()


def _internal_targets(page: Path, soup) -> list[tuple[str, str]]:
    targets = []
    for element in soup.find_all(href=True) + soup.find_all(src=True):
        url = element.get("href") or element.get("src")
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            continue
        targets.append((url, parts.path))
    return targets


@pytest.fixture(params=["fixture_site", "real_site"])
def any_site(request) -> Path:
    """Both the small fixture site and the project's real content."""
    return request.getfixturevalue(request.param)


def test_every_internal_link_points_at_an_existing_file(any_site):
    broken = []
    for page in html_pages(any_site):
        if page.name == "404.html":
            continue  # only ever served by a host, with absolute links (see the test below)
        soup = parse_page(page)
        for url, path in _internal_targets(page, soup):
            if not path:  # a #fragment on the same page
                continue
            assert not path.startswith("/"), f"{page}: {url} is absolute, so it breaks from disk"
            target = Path(posixpath.normpath(posixpath.join(str(page.parent), unquote(path))))
            if not target.is_file():
                broken.append(f"{page.relative_to(any_site)} -> {url}")
    assert not broken


def test_every_fragment_link_points_at_an_existing_id(any_site):
    ids, targets = {}, {}
    for page in html_pages(any_site):  # each page parsed once: there are hundreds
        soup = parse_page(page)
        ids[page] = {element["id"] for element in soup.find_all(id=True)}
        targets[page] = _internal_targets(page, soup)
    for page, links in targets.items():
        for url, path in links:
            fragment = urlsplit(url).fragment
            if not fragment:
                continue
            target = page if not path else Path(posixpath.normpath(posixpath.join(str(page.parent), path)))
            assert unquote(fragment) in ids.get(target, ()), f"{page}: {url} has no target id"


@pytest.mark.parametrize(
    "file, lang, direction",
    [
        ("en/what-is-a-core-group/index.html", "en", "ltr"),
        ("ar/what-is-a-core-group/index.html", "ar", "rtl"),
        ("ar/index.html", "ar", "rtl"),
        ("pl/what-is-a-core-group/index.html", "pl", "ltr"),
    ],
)
def test_html_has_language_and_direction(fixture_site, file, lang, direction):
    html = parse_page(fixture_site / file).find("html")
    assert (html["lang"], html["dir"]) == (lang, direction)


def test_language_switcher_links_the_same_page_in_each_language(fixture_site):
    soup = parse_page(fixture_site / "ar/what-is-a-core-group/index.html")
    links = {a["hreflang"]: a["href"] for a in soup.select(".language-switcher a[hreflang]")}
    assert links == {
        "en": "../../en/what-is-a-core-group/index.html",
        "ar": "index.html",
        "pl": "../../pl/what-is-a-core-group/index.html",
    }
    alternates = {link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"en", "ar"}  # no Polish translation exists, so no Polish alternate


def test_fallback_page_is_english_with_a_notice(fixture_site):
    soup = parse_page(fixture_site / "pl/what-is-a-core-group/index.html")
    assert soup.find("html")["lang"] == "pl"
    assert soup.find("h1")["lang"] == "en"
    assert soup.select_one(".page-body")["lang"] == "en"
    notice = translated(
        "pl", "This page has not been translated into your language yet, so it is shown in English."
    )
    assert notice != "" and soup.select_one("main .notice").get_text() == notice
    arabic_page = parse_page(fixture_site / "ar/what-is-a-core-group/index.html")
    marked = {
        a["hreflang"] for a in arabic_page.select(".language-switcher a") if a.select_one(".in-english")
    }
    assert marked == {"pl"}  # the switcher says which languages the page is really in


def test_draft_translation_shows_notice_with_link_to_english(fixture_site):
    soup = parse_page(fixture_site / "ar/what-is-a-core-group/index.html")
    notice = soup.select_one(".notice-draft")
    assert notice is not None
    assert notice.find("a", hreflang="en")["href"] == "../../en/what-is-a-core-group/index.html"


def test_professionals_page_in_other_language_says_it_is_in_english(fixture_site):
    soup = parse_page(fixture_site / "pl/helping-professionals/index.html")
    notice = translated("pl", "This page for professionals is in English.")
    assert soup.select_one("main .notice").get_text() == notice
    section = parse_page(fixture_site / "pl/professionals/index.html")
    assert section.select_one("main .notice").get_text() == translated(
        "pl", "The pages for professionals are in English."
    )


def test_page_ends_with_sources_and_review_dates(fixture_site):
    soup = parse_page(fixture_site / "en/what-is-a-core-group/index.html")
    sources = soup.select_one("main .page-sources")
    assert (
        sources.select_one('a[href^="https://www.gov.uk/"]').get_text()
        == "Working Together to Safeguard Children 2023"
    )
    assert "National guidance for England" in sources.get_text()
    dates = sources.select_one(".review-dates").get_text(" ")
    assert "Last reviewed: 1 November 2026" in dates and "Next review due: 1 November 2027" in dates


def test_local_details_come_from_the_site_configuration(fixture_site):
    family = parse_page(fixture_site / "en/what-is-a-core-group/index.html")
    assert family.select_one('.page-body a[href="tel:01234567890"]')
    professional = parse_page(fixture_site / "en/helping-professionals/index.html")
    link = professional.select_one(".page-body .local-procedures a")
    assert link["href"] == "https://testshire.example/procedures/core-groups"


def test_unset_local_details_tell_readers_whom_to_ask(content_copy, tmp_path):
    site_yaml = content_copy / "site.yaml"
    text = site_yaml.read_text()
    text = (
        text.replace('"01234 567890"', '""')
        .replace("help@testshire.example", "")
        .replace("1 Test Street, Testshire", "")
    )
    text = text.replace("name: Testshire Safeguarding Children Partnership", 'name: ""')
    text = text.replace("website: https://testshire.example/", 'website: ""')
    text = (
        text.split("local_procedures:")[0]
        + "local_procedures: []\nlanguages: [en, ar, pl]\nbank_holidays: england-and-wales\n"
    )
    site_yaml.write_text(text)
    site_dir = build.build(content_copy, tmp_path / "out")
    family = parse_page(site_dir / "en/what-is-a-core-group/index.html")
    assert "ask your social worker" in family.select_one(".page-body .local-contact").get_text()
    professional = parse_page(site_dir / "en/helping-professionals/index.html")
    assert "Ask your manager" in professional.select_one(".page-body .local-procedures").get_text()


def test_script_injection_in_content_never_reaches_the_output(fixture_site):
    html = (fixture_site / "en/what-is-a-core-group/index.html").read_text()
    body = parse_page(fixture_site / "en/what-is-a-core-group/index.html").select_one(".page-body")
    assert "alert(" not in html and "steal()" not in html and "javascript:" not in html
    assert not body.find("script")
    assert not any(attr.startswith("on") for tag in body.find_all(True) for attr in tag.attrs)


def test_glossary_word_links_once_to_its_definition(fixture_site):
    soup = parse_page(fixture_site / "en/what-is-a-core-group/index.html")
    links = soup.select(".page-body a.glossary-term")
    assert [a["href"] for a in links] == ["../glossary/index.html#core-group"]
    glossary = parse_page(fixture_site / "en/glossary/index.html")
    assert glossary.find("dt", id="core-group").get_text() == "Core group"


def test_long_page_has_contents_list(fixture_site):
    soup = parse_page(fixture_site / "en/what-is-a-core-group/index.html")
    assert [a["href"] for a in soup.select("nav.contents a")] == ["#who-comes", "#when", "#where", "#why"]


def test_sitemap_robots_and_404(fixture_site):
    sitemap = (fixture_site / "sitemap.xml").read_text()
    assert "<loc>https://guide.testshire.example/en/what-is-a-core-group/</loc>" in sitemap
    assert "Sitemap: https://guide.testshire.example/sitemap.xml" in (fixture_site / "robots.txt").read_text()
    not_found = parse_page(fixture_site / "404.html")
    assert "Page not found" in not_found.find("h1").get_text()


def test_404_page_links_work_from_any_address(fixture_site):
    """Hosts show 404.html at the missing address, so its links start at the site's folder."""
    soup = parse_page(fixture_site / "404.html")
    urls = [
        tag.get("href") or tag.get("src")
        for tag in soup.find_all(["a", "link", "script"])
        if tag.get("href") or tag.get("src")
    ]
    relative = [url for url in urls if not url.startswith(("/", "https://", "#", "tel:", "mailto:"))]
    assert not relative
    assert soup.select_one('link[rel="stylesheet"]')["href"] == "/static/css/site.css"
    assert soup.select_one('main a[href="/index.html"]')  # the language list
    assert not soup.select(".language-switcher")


def test_404_page_of_a_site_under_a_sub_path_links_into_that_folder(content_copy, tmp_path):
    site_yaml = content_copy / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(
        text.replace("base_url: https://guide.testshire.example/", "base_url: https://example.org/guide/"),
        encoding="utf-8",
    )
    soup = parse_page(build.build(content_copy, tmp_path / "build") / "404.html")
    assert soup.select_one('link[rel="stylesheet"]')["href"] == "/guide/static/css/site.css"
    assert soup.select_one('main a[href="/guide/index.html"]')


def test_zip_holds_the_whole_site(fixture_site):
    archive = fixture_site.parent / build.ZIP_NAME
    names = set(zipfile.ZipFile(archive).namelist())
    built = {
        f"core-group-guide/{path.relative_to(fixture_site)}"
        for path in fixture_site.rglob("*")
        if path.is_file()
    }
    assert names == built


def test_failed_build_leaves_the_previous_site_untouched(content_copy, tmp_path):
    out = tmp_path / "out"
    site_dir = build.build(content_copy, out)
    before = {path: path.read_bytes() for path in site_dir.rglob("*") if path.is_file()}
    page = content_copy / "en/what-is-a-core-group.md"
    page.write_text(page.read_text().replace("topic: basics", "topic: basics\ncolour: blue"))
    with pytest.raises(ContentErrors):
        build.build(content_copy, out)
    after = {path: path.read_bytes() for path in site_dir.rglob("*") if path.is_file()}
    assert before == after
    assert [path.name for path in out.iterdir() if path.name.startswith(".site")] == []


def test_build_command_reports_errors_and_exits_non_zero(content_copy, capsys, monkeypatch):
    (content_copy / "en/what-is-a-core-group.md").write_text("no front matter\n")
    monkeypatch.setattr(build, "CONTENT_DIR", content_copy)
    monkeypatch.setattr(build, "BUILD_DIR", content_copy.parent / "out")
    assert build.main([]) == 1
    assert "what-is-a-core-group.md:1" in capsys.readouterr().err


def test_fixture_content_is_unchanged_by_tests():
    assert (FIXTURE_CONTENT / "en/what-is-a-core-group.md").read_text().startswith("---")


def test_glossary_words_are_not_linked_inside_longer_words():
    """A Bengali term followed by a vowel sign is part of a longer word, so it is not linked there."""
    from portal.rendering import GlossaryTerm, MarkdownRenderer

    html = MarkdownRenderer().render("কোর গ্রুপের সভা। কোর গ্রুপ ভালো।", (GlossaryTerm("cg", ("কোর গ্রুপ",)),)).html
    assert html.count("glossary-term") == 1
    assert "সভা। <a" in html


def test_main_menu_marks_the_current_page_and_section(fixture_site):
    def current(path: str) -> dict[str, str]:
        soup = parse_page(fixture_site / path)
        return {link.get_text(): link["aria-current"] for link in soup.select(".site-nav a[aria-current]")}

    assert current("en/families/index.html") == {"For families": "page"}
    assert current("en/what-is-a-core-group/index.html") == {"For families": "true"}
    assert current("en/helping-professionals/index.html") == {"For professionals": "true"}
    assert current("en/glossary/index.html") == {"Word list": "page"}
    assert current("en/index.html") == {}


def test_scripts_are_served_without_comments_but_keep_their_licence_notice(fixture_site):
    source = (ROOT / "static" / "js" / "site.js").read_text(encoding="utf-8")
    built = (fixture_site / "static" / "js" / "site.js").read_text(encoding="utf-8")
    assert len(built) < 0.8 * len(source)
    assert "\n  //" not in built
    assert "alphagov/govuk-frontend, MIT licence" in built
