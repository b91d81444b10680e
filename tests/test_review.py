"""Translation review: packs line up with the English, sign-off and its refusal, the status report."""

from __future__ import annotations

import datetime
import io
import re

import docx
import pytest
from bs4 import BeautifulSoup
from docx.oxml.ns import qn

from portal import i18n
from portal.app import create_app
from portal.errors import ContentErrors
from portal.languages import SOURCE_LANGUAGE, language
from portal.loader import load_site
from portal.models import DRAFT, MISSING, OUT_OF_DATE, REVIEWED
from portal.review.pack import pack_parts
from portal.review.status import (
    interface_revision,
    page_statuses,
    part_statuses,
    stale_sign_off_warnings,
    state_counts,
)
from portal.review.word import pack_docx
from tests.conftest import FIXTURE_CONTENT
from tests.helpers import parse_page, project_site, translated

SITE = project_site()
TRANSLATED = [code for code in SITE.config.languages if code != SOURCE_LANGUAGE]
TODAY = datetime.date(2026, 11, 23)
FAMILY_PAGES = [page.slug for page in SITE.pages_in(SOURCE_LANGUAGE, "families")]


def english_blocks(html: str) -> list[str]:
    """The English text a translator checks, found independently of the pack: headings, paragraphs
    outside list items, and list items (without the lists inside them), in document order."""
    soup = BeautifulSoup(html, "lxml")
    found = []
    for element in soup.find_all(["h2", "h3", "h4", "p", "li", "tr"]):
        if element.name == "p" and element.find_parent(["li", "td", "th"]):
            continue
        if element.name == "li":
            element = BeautifulSoup(str(element), "lxml").li
            for nested in element.find_all(["ul", "ol"]):
                nested.decompose()
        text = " ".join(element.get_text(" " if element.name == "tr" else "").split())
        if element.name == "tr":
            text = " | ".join(" ".join(cell.get_text().split()) for cell in element.find_all(["td", "th"]))
        if text:
            found.append(text)
    return found


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------------------- review packs


@pytest.fixture(scope="module")
def packs():
    return {code: pack_parts(SITE, code, i18n.TRANSLATIONS_DIR, i18n.TEMPLATE_POT) for code in TRANSLATED}


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_english_block_of_every_family_page_has_its_row_in_order(packs, code):
    pages = {part.title: part for part in packs[code]}
    for slug in FAMILY_PAGES:
        english = SITE.source.pages[slug]
        part = pages[english.title]
        column = [row.english for row in part.rows if row.english]
        assert column[:2] == [english.title, english.summary]
        assert [squash(text) for text in column[2:]] == [
            squash(text) for text in english_blocks(english.body_html)
        ]
        assert f"English revision {english.revision}" in part.about


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_section_heading_is_beside_its_translation(packs, code):
    """Rows are lined up by the English section ids: a heading row carries the same section's heading."""
    pages = {part.title: part for part in packs[code]}
    for slug in FAMILY_PAGES:
        english, mine = SITE.source.pages[slug], SITE.content[code].pages.get(slug)
        rows = pages[english.title].rows
        if mine is None:
            assert all(row.translation == "" for row in rows), f"{slug} is not translated into {code}"
            continue
        assert rows[0].translation == mine.title
        theirs = {heading.id: heading.text for heading in mine.headings if heading.level == 2}
        for heading in (heading for heading in english.headings if heading.level == 2):
            row = next(row for row in rows if row.where == f"#{heading.id}, heading")
            assert (row.english, squash(row.translation)) == (heading.text, squash(theirs[heading.id]))


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_pack_has_the_glossary_topics_calculator_and_interface_strings(packs, code):
    parts = {part.title: part for part in packs[code]}
    glossary = [row.english for row in parts["Glossary"].rows if row.where.endswith(": word")]
    assert glossary == [entry.term for entry in SITE.source.glossary]
    assert len(parts["Topics"].rows) == 2 * len(SITE.source.topics)
    labels = [row for row in parts["Calculator texts"].rows if row.where.endswith(" label")]
    assert len(labels) == len(SITE.calculator[SOURCE_LANGUAGE].texts.rules)
    assert all(row.translation for row in labels), "every language has its calculator texts"
    with i18n.TEMPLATE_POT.open("rb") as handle:
        from babel.messages.pofile import read_po

        messages = [message for message in read_po(handle) if message.id]
    assert len(parts["Interface strings"].rows) == len(messages)
    row = next(row for row in parts["Interface strings"].rows if row.english == "Show English alongside")
    assert row.translation == translated(code, "Show English alongside") != "Show English alongside"


@pytest.mark.parametrize("code", ["pl", "ar"])
def test_the_word_file_has_a_table_a_part_with_the_translation_in_its_language(packs, code):
    made = pack_docx(packs[code], language(code), TODAY)
    document = docx.Document(io.BytesIO(made))
    assert len(document.tables) == len(packs[code])
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["Where", "English", language(code).english_name, "Reviewer's comment"]
    for table, part in zip(document.tables, packs[code], strict=True):
        assert len(table.rows) == len(part.rows) + 1
        assert all(row.cells[3].text == "" for row in table.rows[1:])  # the reviewer's column is blank
    cell = document.tables[0].rows[1].cells[2]
    run = cell.paragraphs[0].runs[0]._r
    assert run.rPr.find(qn("w:lang")).get(qn("w:val")) == code
    assert (run.rPr.find(qn("w:rtl")) is not None) == language(code).is_rtl
    assert "Made on 2026-11-23" in "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_make_review_pack_writes_one_file_per_language_and_refuses_an_unknown_one(tmp_path, capsys):
    import build

    assert build.main(["--review-pack", "pl"]) == 0
    written = capsys.readouterr().out
    assert re.search(r"Wrote .*review-pack-pl-\d{4}-\d\d-\d\d\.docx", written)
    assert build.main(["--review-pack", "xx"]) == 1
    assert "there is no review pack for 'xx'" in capsys.readouterr().err


# ---------------------------------------------------------------------------- sign-off


def edit(content_dir, relative, old, new):
    path = content_dir / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sign_off(content_dir, who="Testshire Translation Service", when="2026-11-20"):
    edit(
        content_dir,
        "ar/what-is-a-core-group.md",
        "translation_status: draft\n",
        f"translation_status: reviewed\nreviewed_by: {who}\nreviewed_on: {when}\n",
    )


def rendered(site, url: str) -> BeautifulSoup:
    app = create_app(site=site)
    response = app.test_client().get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.get_data(as_text=True), "lxml")


def test_a_signed_off_page_says_when_a_translator_checked_it(content_copy):
    sign_off(content_copy)
    site = load_site(content_copy, today=TODAY)
    assert site.translation_state("ar", "what-is-a-core-group") == REVIEWED
    page = rendered(site, "/ar/what-is-a-core-group/")
    notice = page.select_one(".notice-reviewed")
    assert notice is not None and not page.select(".notice-draft")
    expected = translated("ar", "Checked by a translator on %(date)s.").split("%(date)s")[0]
    assert notice.get_text().startswith(expected) and expected.strip()
    assert "2026" in notice.get_text()


def test_a_draft_page_keeps_the_draft_notice(content_copy):
    site = load_site(content_copy, today=TODAY)
    assert site.translation_state("ar", "what-is-a-core-group") == DRAFT
    page = rendered(site, "/ar/what-is-a-core-group/")
    assert page.select(".notice-draft") and not page.select(".notice-reviewed")


def test_sign_off_is_refused_when_the_english_changed_since(content_copy):
    sign_off(content_copy)
    edit(content_copy, "en/what-is-a-core-group.md", "A core group", "A core group (changed)")
    site = load_site(content_copy, today=TODAY)
    assert site.translation_state("ar", "what-is-a-core-group") == OUT_OF_DATE
    warning = next(warning for warning in site.warnings if "not accepted" in warning)
    english = site.source.pages["what-is-a-core-group"]
    assert "ar/what-is-a-core-group.md" in warning
    assert f"translation_of: what-is-a-core-group@{english.revision}" in warning  # what to do
    page = rendered(site, "/ar/what-is-a-core-group/")
    assert not page.select(".notice-reviewed")
    out_of_date = translated(
        "ar", "This translation is out of date: the English page has changed since it was translated."
    )
    assert out_of_date in page.select_one(".notice-draft").get_text()


@pytest.mark.parametrize(
    "change, problem",
    [
        ("translation_status: reviewed\n", "'translation_status: reviewed' needs 'reviewed_by:'"),
        (
            "translation_status: draft\nreviewed_by: Someone\n",
            "'reviewed_by' goes with 'translation_status: reviewed'",
        ),
        ("translation_status: reviewed\nreviewed_by: Someone\nreviewed_on: soon\n", "'soon' is not a date"),
    ],
)
def test_a_sign_off_without_who_and_when_is_an_error_with_its_line(content_copy, change, problem):
    edit(content_copy, "ar/what-is-a-core-group.md", "translation_status: draft\n", change)
    with pytest.raises(ContentErrors) as raised:
        load_site(content_copy, today=TODAY)
    found = [str(error) for error in raised.value.errors]
    assert any("ar/what-is-a-core-group.md:" in message and problem in message for message in found), found


def test_an_english_page_cannot_carry_a_sign_off(content_copy):
    edit(content_copy, "en/what-is-a-core-group.md", "order: 1\n", "order: 1\nreviewed_by: Someone\n")
    with pytest.raises(ContentErrors, match="'reviewed_by' belongs only on translated pages"):
        load_site(content_copy, today=TODAY)


def write_review_file(content_dir, text):
    (content_dir / "ar" / "review.yaml").write_text(text, encoding="utf-8")


def test_review_yaml_signs_off_a_part_and_goes_out_of_date_when_the_english_changes(content_copy):
    (content_copy / "ar" / "glossary.yaml").write_text(
        (content_copy / "en" / "glossary.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    revision = load_site(content_copy, today=TODAY).part_revisions["glossary"]
    write_review_file(
        content_copy,
        f"glossary:\n  translation_of: {revision}\n  translation_status: reviewed\n"
        "  reviewed_by: Testshire Translation Service\n  reviewed_on: 2026-11-20\n",
    )
    site = load_site(content_copy, today=TODAY)
    statuses = {
        status.part: status for status in part_statuses(site, "ar", i18n.TRANSLATIONS_DIR, i18n.TEMPLATE_POT)
    }
    assert statuses["glossary"].state == REVIEWED
    assert statuses["glossary"].reviewed_on == datetime.date(2026, 11, 20)
    assert statuses["topics"].state == DRAFT
    edit(
        content_copy,
        "en/glossary.yaml",
        "definition:",
        "definition: Changed.",
    )
    site = load_site(content_copy, today=TODAY)
    statuses = {
        status.part: status for status in part_statuses(site, "ar", i18n.TRANSLATIONS_DIR, i18n.TEMPLATE_POT)
    }
    assert statuses["glossary"].state == OUT_OF_DATE
    (warning,) = stale_sign_off_warnings(site, i18n.TRANSLATIONS_DIR, i18n.TEMPLATE_POT)
    assert "content/ar/review.yaml: the glossary sign-off is not accepted" in warning
    assert f"translation_of: {site.part_revisions['glossary']}" in warning


@pytest.mark.parametrize(
    "text, problem",
    [
        ("menus:\n  translation_of: 1234567890\n  translation_status: draft\n", "unknown part 'menus'"),
        ("topics:\n  translation_of: latest\n  translation_status: draft\n", "write the English revision"),
        ("topics:\n  translation_of: 1234567890\n  translation_status: reviewed\n", "needs 'reviewed_by:'"),
    ],
)
def test_mistakes_in_review_yaml_are_errors_with_their_line(content_copy, text, problem):
    write_review_file(content_copy, text)
    with pytest.raises(ContentErrors) as raised:
        load_site(content_copy, today=TODAY)
    assert any("ar/review.yaml:" in str(error) and problem in str(error) for error in raised.value.errors)


def test_the_interface_revision_follows_the_english_strings(tmp_path):
    pot = tmp_path / "messages.pot"
    pot.write_text('msgid ""\nmsgstr ""\n\nmsgid "Home"\nmsgstr ""\n', encoding="utf-8")
    first = interface_revision(pot)
    pot.write_text('msgid ""\nmsgstr ""\n\nmsgid "Home page"\nmsgstr ""\n', encoding="utf-8")
    assert interface_revision(pot) != first and len(first) == 10


def test_no_real_translation_is_marked_reviewed():
    """No professional translator has checked any page yet: none may claim it."""
    for code in TRANSLATED:
        assert all(page.translation_status == DRAFT for page in SITE.content[code].pages.values()), code
        assert not SITE.sign_offs[code], code


# ---------------------------------------------------------------------------- the status report


def test_status_figures_match_the_model():
    rows = page_statuses(SITE)
    counts = state_counts(rows)
    for code in TRANSLATED:
        written = [slug for slug in FAMILY_PAGES if (SITE.content[code].pages.get(slug))]
        assert counts[code][DRAFT] + counts[code][REVIEWED] + counts[code][OUT_OF_DATE] == len(written)
        assert counts[code][MISSING] == len(FAMILY_PAGES) - len(written)
        assert counts[code][OUT_OF_DATE] == sum(
            1
            for slug in written
            if SITE.content[code].pages[slug].translation_of[1] != SITE.source.pages[slug].revision
        )
    assert len(rows) == len(FAMILY_PAGES) * len(SITE.config.languages) + len(SITE.source.pages) - len(
        FAMILY_PAGES
    )


def test_make_status_prints_every_page_and_language(capsys):
    import build

    assert build.main(["--status"]) == 0
    printed = capsys.readouterr().out
    for code in TRANSLATED:
        assert re.search(
            rf"^what-is-a-core-group\s+{code}\s+(draft|reviewed|out of date)", printed, re.MULTILINE
        )
    assert re.search(r"^glossary\s+pl\s+draft", printed, re.MULTILINE)


def test_the_status_page_is_built_unlinked_and_marks_overdue_reviews_in_words(fixture_site):
    page = parse_page(fixture_site / "status" / "index.html")
    assert page.select_one('meta[name="robots"][content="noindex"]')
    body_rows = page.select("table")[1].select("tbody tr")
    fixture = load_site(FIXTURE_CONTENT, today=TODAY)
    assert len(body_rows) == len(page_statuses(fixture))
    ar_row = next(
        row
        for row in body_rows
        if [cell.get_text() for cell in row.select("td")][:2] == ["what-is-a-core-group", "ar"]
    )
    assert ar_row.select("td")[2].get_text() == DRAFT
    assert "status" not in (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in fixture_site.rglob("*.html"):
        if path.parent.name != "status":
            assert "status/index.html" not in path.read_text(encoding="utf-8"), path


def test_an_overdue_review_says_so_in_words_not_only_in_colour(content_copy):
    edit(content_copy, "ar/what-is-a-core-group.md", "review_by: 2027-11-01", "review_by: 2026-11-02")
    site = load_site(content_copy, today=TODAY)
    page = rendered(site, "/status/")
    (overdue,) = page.select("td.overdue")
    assert overdue.get_text(" ", strip=True) == "2026-11-02 overdue"
    assert [cell.get_text() for cell in overdue.parent.select("td")][:3] == [
        "what-is-a-core-group",
        "ar",
        DRAFT,
    ]
