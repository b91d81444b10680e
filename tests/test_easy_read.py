"""Easy Read: the content format's checks, the pages as built (a picture per point, alt text,
links both ways, fallbacks), English readability, the facts kept to the family pages, the
pictures and their licence, and the Easy Read leaflet (tagged, pictures embedded, Word too)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from portal.easyread import INDEX, MAX_SENTENCE_WORDS, sentences, word_count
from portal.errors import ContentErrors
from portal.languages import SOURCE_LANGUAGE
from portal.leaflets import LeafletCatalogue, leaflet_warnings
from portal.loader import load_site
from portal.paths import CONTENT_DIR
from portal.pictures import PICTURES_DIR, picture_names
from tests.helpers import parse_page, project_site, translated
from tests.test_readability import figures, plain_text

SITE = project_site()
ENGLISH = SITE.source.easy_read
TOPIC_PAGES = tuple(page.slug for page in SITE.easy_read_pages(SOURCE_LANGUAGE))
# The pages the brief asks for, each with the family pages it must agree with.
REQUIRED = {
    "what-is-a-core-group": ("what-is-a-core-group",),
    "who-is-in-the-core-group": ("who-is-in-the-core-group",),
    "meetings": ("when-and-where-are-meetings", "do-i-have-to-go"),
    "the-plan": ("the-child-protection-plan",),
    "the-first-meeting": ("what-happens-at-the-first-meeting",),
    "if-you-disagree": ("if-you-disagree",),
    "help-for-you": ("help-for-parents-and-carers",),
    "what-happens-next": ("what-happens-next",),
    "staying-safe": ("staying-safe",),
}
MAX_GRADE = 3.0
SHORT_SENTENCE_WORDS = 12
SHORT_SENTENCE_SHARE = 0.9  # "most sentences" at most 12 words
ALL_PAGES = [(code, slug) for code in SITE.config.languages for slug in (INDEX, *TOPIC_PAGES)]


def page_file(site_dir: Path, code: str, slug: str) -> Path:
    return site_dir / code / "easy-read" / ("" if slug == INDEX else slug) / "index.html"


# ---------------------------------------------------------------------------- the content format


def easy_read_errors(content: Path, name: str, text: str, lang: str = "en") -> list[str]:
    """The build's errors for an Easy Read page written as `text` in the fixture content."""
    (content / lang / "easy-read" / f"{name}.md").write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_site(content)
    return [str(error) for error in caught.value.errors]


FRONT = """---
title: Bad
summary: A page with a mistake.
order: 5
reviewed: 2026-11-01
review_by: 2027-11-01
---
"""


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "\n![A calendar](picture:calendar)\nThis sentence is far too long for an Easy Read page because it "
            "goes on and on and on.\n",
            10,
            "this sentence has 19 words, more than 15",
        ),
        ("\nWords with no picture before them.\n", 9, "this text has no picture"),
        ("\n![](picture:calendar)\nNo alt text here.\n", 9, "the picture has no alt text"),
        ("\n![A calendar](picture:kalendar)\nAn unknown picture.\n", 9, "there is no picture 'kalendar'"),
        (
            '\n![](picture:calendar "decoration")\nA wrong mark.\n',
            9,
            '"decoration": the only mark a picture can have is "decorative"',
        ),
        (
            "\n![A calendar](picture:calendar)\n\n![A clock](picture:clock)\nText.\n",
            9,
            "this picture has no words",
        ),
        ("\n![A calendar](picture:calendar)\nSee [the plan](no-such-page).\n", 10, "link to 'no-such-page'"),
        (
            "\n![A calendar](picture:calendar)\n{{ contact }}\n",
            10,
            "Easy Read pages write details out in words",
        ),
        ("\n![A calendar](picture: calendar)\nA space.\n", 9, "write a picture alone on its line"),
    ],
    ids=[
        "long-sentence",
        "no-picture",
        "no-alt",
        "unknown-picture",
        "bad-mark",
        "empty-point",
        "bad-link",
        "placeholder",
        "bad-picture-line",
    ],
)
def test_bad_easy_read_content_is_an_error_naming_file_and_line(content_copy, body, line, message):
    errors = easy_read_errors(content_copy, "bad", FRONT + body)
    assert any(
        f"content/en/easy-read/bad.md:{line}: {message}" in error.replace("\\", "/") for error in errors
    ), errors


def test_a_long_sentence_is_found_on_its_own_line_inside_a_point(content_copy):
    body = (
        "\n![A calendar](picture:calendar)\nA short one.\nAnd **this** one, in a [link](dates), is much longer "
        "than fifteen words, which is the most an Easy Read sentence may have.\n"
    )
    errors = easy_read_errors(content_copy, "bad", FRONT + body)
    assert len(errors) == 1 and "bad.md:11: this sentence has 22 words" in errors[0], errors


def test_a_decorative_picture_needs_no_alt_and_shows_alt_empty(content_copy):
    site = load_site(content_copy)
    point = site.source.easy_read["what-is-a-core-group"].sections[1].points[0]
    assert point.decorative and point.alt == ""


def test_a_translation_keeps_the_english_pictures(content_copy):
    path = content_copy / "ar" / "easy-read" / "what-is-a-core-group.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("picture:calendar", "picture:clock"), encoding="utf-8"
    )
    with pytest.raises(ContentErrors, match="same points with the same pictures"):
        load_site(content_copy)


def test_a_language_without_easy_read_pages_falls_back_to_english(content_copy):
    shutil.rmtree(content_copy / "ar" / "easy-read")
    site = load_site(content_copy)
    shown = site.easy_read_page("ar", "what-is-a-core-group")
    assert shown.is_fallback and shown.page.lang == "en"


def test_sentences_split_at_full_stops_in_every_script():
    assert sentences("<p>One. Two!</p><ul><li>three</li></ul><p>এক। দুই।</p><p>واحد؟ اثنان۔</p>") == [
        "One.",
        "Two!",
        "three",
        "এক।",
        "দুই।",
        "واحد؟",
        "اثنان۔",
    ]


# ---------------------------------------------------------------------------- the English pages


def test_every_page_the_brief_asks_for_exists_and_covers_its_family_pages():
    assert INDEX in ENGLISH
    for slug, family in REQUIRED.items():
        assert ENGLISH[slug].pages == family, slug


@pytest.mark.parametrize("slug", (INDEX, *TOPIC_PAGES))
def test_english_readability(real_site, slug):
    """Flesch-Kincaid grade at most 3, on the text the built page shows (title, headings, points)."""
    soup = parse_page(page_file(real_site, "en", slug))
    body = soup.select_one(".easy-read .er-body")
    html = str(soup.select_one(".easy-read h1")) + str(body)
    found = figures(plain_text(html))
    print(f"easy-read/{slug}: grade {found['grade']}, {found['words']} words, {found['sentences']} sentences")
    assert found["grade"] <= MAX_GRADE, f"easy-read/{slug} is grade {found['grade']}"


@pytest.mark.parametrize("slug", (INDEX, *TOPIC_PAGES))
def test_english_sentences_are_short(slug):
    found = [sentence for point in ENGLISH[slug].points for sentence in sentences(point.html)]
    lengths = [word_count(sentence) for sentence in found]
    assert max(lengths) <= MAX_SENTENCE_WORDS
    short = sum(1 for length in lengths if length <= SHORT_SENTENCE_WORDS) / len(lengths)
    assert short >= SHORT_SENTENCE_SHARE, (
        f"only {short:.0%} of sentences have {SHORT_SENTENCE_WORDS} words or fewer"
    )


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?: \d+)*", text))


@pytest.mark.parametrize("slug", TOPIC_PAGES)
def test_numbers_come_from_the_family_pages(slug):
    """No new facts: every number (days, weeks, phone numbers) is on a family page it covers, or is 999."""
    page = ENGLISH[slug]
    family = " ".join(plain_text(SITE.source.pages[name].body_html) for name in page.pages)
    allowed = _numbers(family) | {"999", "55"}  # the emergency line the site shows on every family page
    # "Step 4" counts the steps, as the family page's numbered list does.
    text = re.sub(r"Step \d+", "", " ".join(plain_text(point.html) for point in page.points))
    assert _numbers(text) <= allowed, f"numbers not on the family pages: {_numbers(text) - allowed}"


def test_area_practice_is_still_said_to_vary():
    """Local practice stays "in some areas", as on the fact-checked family pages."""
    for slug in ("who-is-in-the-core-group", "meetings"):
        text = " ".join(plain_text(point.html) for point in ENGLISH[slug].points)
        assert "In some areas" in text, slug


# ---------------------------------------------------------------------------- the built pages


@pytest.mark.parametrize(("code", "slug"), ALL_PAGES, ids=[f"{code}/{slug}" for code, slug in ALL_PAGES])
def test_every_point_has_its_picture_with_alt_text(real_site, code, slug):
    soup = parse_page(page_file(real_site, code, slug))
    shown = SITE.easy_read_page(code, slug).page
    rendered = soup.select(".er-body .er-point")
    assert len(rendered) == len(shown.points)
    for element, point in zip(rendered, shown.points, strict=True):
        image = element.find("img", recursive=False)
        assert image is not None and image.get("alt") == point.alt
        assert (page_file(real_site, code, slug).parent / image["src"]).resolve() == (
            real_site / "static" / "pictures" / f"{point.picture}.svg"
        ).resolve()
        assert (real_site / "static" / "pictures" / f"{point.picture}.svg").is_file()
        assert element.select_one(".er-words").get_text(strip=True)


@pytest.mark.parametrize("code", SITE.config.languages)
def test_each_language_shows_its_own_easy_read_or_english_with_a_notice(real_site, code):
    soup = parse_page(page_file(real_site, code, "meetings"))
    body = soup.select_one(".er-body")
    if "meetings" in SITE.content[code].easy_read:
        assert not body.get("lang")
        return
    assert body["lang"] == "en" and body["dir"] == "ltr"
    notice = translated(
        code, "This page has not been translated into your language yet, so it is shown in English."
    )
    assert soup.select_one(".easy-read .notice").get_text(strip=True) == notice


def test_a_language_with_no_easy_read_pages_builds_them_in_english(fixture_site):
    soup = parse_page(page_file(fixture_site, "pl", "what-is-a-core-group"))
    assert soup.html["lang"] == "pl" and soup.select_one(".er-body")["lang"] == "en"
    assert soup.select_one(".easy-read .notice")
    assert not (fixture_site / "pl" / "leaflets" / "core-groups-easy-read-pl.pdf").exists()


@pytest.mark.parametrize("code", SITE.config.languages)
def test_home_page_links_to_easy_read(real_site, code):
    soup = parse_page(real_site / code / "index.html")
    link = soup.select_one('.choices a[href="easy-read/index.html"]')
    assert link is not None and translated(code, "Easy Read") in link.get_text()
    first = soup.select_one("main h1 + .easy-read-link a")  # at the top, before anything else to read
    assert first["href"] == "easy-read/index.html"
    assert first.get_text(strip=True) == translated(code, "Easy Read version")


@pytest.mark.parametrize("slug", list(REQUIRED))
def test_family_pages_and_easy_read_pages_link_both_ways(real_site, slug):
    for family in REQUIRED[slug]:
        soup = parse_page(real_site / "en" / family / "index.html")
        link = soup.select_one(".easy-read-link a")
        assert (
            link["href"] == f"../easy-read/{slug}/index.html"
            and link.get_text(strip=True) == "Easy Read version"
        )
        back = parse_page(page_file(real_site, "en", slug)).select(".er-more a")
        assert f"../../{family}/index.html" in [a["href"] for a in back]


def test_index_lists_every_page_and_the_dates_page(real_site):
    soup = parse_page(page_file(real_site, "en", INDEX))
    hrefs = [a["href"] for a in soup.select(".er-list a")]
    assert hrefs == [f"{slug}/index.html" for slug in TOPIC_PAGES] + ["dates/index.html"]
    assert soup.select_one('a[href="dates/index.html"]')


def test_what_happens_next_reaches_the_easy_read_dates(real_site):
    soup = parse_page(page_file(real_site, "en", "what-happens-next"))
    assert soup.select_one('.er-body a[href="../dates/index.html"]')
    dates = parse_page(real_site / "en" / "easy-read" / "dates" / "index.html")
    assert dates.select_one("#er-dates-data[data-rules]") and dates.select_one("form#er-dates-form")


@pytest.mark.parametrize(("code", "slug"), ALL_PAGES[:: len(TOPIC_PAGES) + 1] + [("en", "meetings")])
def test_every_easy_read_page_credits_the_pictures(real_site, code, slug):
    soup = parse_page(page_file(real_site, code, slug))
    credit = soup.select_one(".er-attribution")
    assert credit.select_one('a[href="https://openmoji.org/"]').get_text() == "OpenMoji"
    assert (
        credit.select_one('a[href="https://creativecommons.org/licenses/by-sa/4.0/"]').get_text()
        == "CC BY-SA 4.0"
    )


def test_fixture_arabic_easy_read_is_right_to_left_and_its_own(fixture_site):
    soup = parse_page(page_file(fixture_site, "ar", "what-is-a-core-group"))
    assert soup.html["dir"] == "rtl" and not soup.select_one(".er-body").get("dir")
    assert [img["alt"] for img in soup.select(".er-point img")] == ["مجموعة من الناس", "", "تقويم"]
    assert soup.select_one(".notice-draft")


# ---------------------------------------------------------------------------- pictures and licence


def test_only_the_pictures_used_are_vendored_and_each_has_both_files():
    used = {
        point.picture
        for content in SITE.content.values()
        for page in content.easy_read.values()
        for point in page.points
    }
    used |= {"calendar", "private", "person", "next"}  # the index, dates page and page links use these too
    assert picture_names() == used
    for name in used:
        assert (PICTURES_DIR / f"{name}.svg").stat().st_size < 20_000
    licence = (PICTURES_DIR / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0 International" in licence
    assert "CC BY-SA 4.0" in (PICTURES_DIR / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- the leaflet

LEAFLET = "core-groups-easy-read"


def _leaflet_languages() -> list[str]:
    return [
        code
        for code in SITE.config.languages
        if all((CONTENT_DIR / code / "easy-read" / f"{slug}.md").exists() for slug in ENGLISH)
    ]


def _figures(reader: PdfReader) -> list[str]:
    """The alt text of every /Figure in the PDF's structure tree, in order."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop(0)
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack[:0] = node
        elif hasattr(node, "get"):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                stack.insert(0, node["/K"])
    return found


def _leaflet_pages(code: str):
    pages = SITE.content[code].easy_read
    return [pages[INDEX], *(pages[slug] for slug in TOPIC_PAGES)]


@pytest.mark.parametrize("code", _leaflet_languages())
def test_the_leaflet_is_tagged_with_every_picture_and_its_alt(real_site, code):
    reader = PdfReader(real_site / code / "leaflets" / f"{LEAFLET}-{code}.pdf")
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == translated(code, "Core groups: Easy Read")
    mediabox = reader.pages[0].mediabox
    assert (round(float(mediabox.width)), round(float(mediabox.height))) == (595, 842)  # A4
    expected = [point.alt for page in _leaflet_pages(code) for point in page.points if point.alt]
    assert _figures(reader) == expected
    text = "".join(page.extract_text() for page in reader.pages)
    assert "OpenMoji" in text and "CC BY-SA 4.0" in text


@pytest.mark.parametrize("code", _leaflet_languages())
def test_the_word_leaflet_has_every_picture_beside_its_words(real_site, code):
    document = docx.Document(
        io.BytesIO((real_site / code / "leaflets" / f"{LEAFLET}-{code}.docx").read_bytes())
    )
    points = [point for page in _leaflet_pages(code) for point in page.points]
    descriptions = [element.get("descr") for element in document.element.body.iter("{*}docPr")]
    assert descriptions == [point.alt for point in points]
    assert len(document.tables) == len(points)
    assert "OpenMoji" in "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_the_fixture_arabic_leaflet_puts_pictures_on_the_right(fixture_site):
    reader = PdfReader(fixture_site / "ar" / "leaflets" / f"{LEAFLET}-ar.pdf")
    assert _figures(reader) == ["كتاب مفتوح", "مجموعة من الناس", "تقويم"]
    document = docx.Document(
        io.BytesIO((fixture_site / "ar" / "leaflets" / f"{LEAFLET}-ar.docx").read_bytes())
    )
    assert all(table._tbl.tblPr.find("{*}bidiVisual") is not None for table in document.tables)


def test_a_language_losing_the_leaflet_for_want_of_one_page_is_a_warning(content_copy):
    (content_copy / "ar" / "easy-read" / "index.md").unlink()
    warnings = leaflet_warnings(load_site(content_copy), LeafletCatalogue())
    assert warnings == (
        f"the leaflet {LEAFLET} is not made in 'ar': it has the English page "
        f"{content_copy / 'en' / 'easy-read' / 'index.md'}, which has no translation in ar/easy-read/",
    )


def test_leaflet_is_listed_on_the_easy_read_pages(real_site):
    soup = parse_page(page_file(real_site, "en", "meetings"))
    assert soup.select_one(f'.related-leaflets a[href="../../leaflets/{LEAFLET}-en.pdf"]')
