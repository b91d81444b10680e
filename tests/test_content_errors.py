"""Bad content stops the build with messages that name the file, the line and what to fix."""

from __future__ import annotations

import datetime

import pytest

from portal.errors import ContentErrors
from portal.loader import load_site

PAGE = "en/what-is-a-core-group.md"


def errors_for(content_dir) -> list[str]:
    with pytest.raises(ContentErrors) as raised:
        load_site(content_dir)
    return [str(error) for error in raised.value.errors]


def edit(content_dir, relative, old, new):
    path = content_dir / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_content_loads_without_errors(content_copy):
    site = load_site(content_copy, today=datetime.date(2026, 11, 23))
    assert set(site.slugs) == {"what-is-a-core-group", "helping-professionals"}


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("topic: basics", "topic: basics\ncolour: blue", f"{PAGE}:6: unknown key 'colour'"),
        ("title: What is a core group?\n", "", f"{PAGE}:1: the key 'title' is missing"),
        ("reviewed: 2026-11-01", "reviewed: 2026-13-01", f"{PAGE}:7: 'reviewed': '2026-13-01' is not a date"),
        (
            "review_by: 2027-11-01",
            "review_by: 2025-11-01",
            f"{PAGE}:8: 'review_by' must be a date after 'reviewed'",
        ),
        ("audience: families", "audience: parents", f"{PAGE}:4: 'audience': must be one of"),
        ("order: 1", "order: first", f"{PAGE}:6: 'order': must be a whole number"),
        ("sources:\n  - national-guidance", "sources: []", f"{PAGE}:9: 'sources': list at least one source"),
        (
            "  - national-guidance",
            "  - national-guidance\n  - no-such-source",
            f"{PAGE}:11: source 'no-such-source' is not in sources.yaml",
        ),
        (
            "  - national-guidance",
            "  - Working Together 2023",
            f"{PAGE}:9: 'sources': 'Working Together 2023' is not a source id",
        ),
        ("summary: A short guide to core groups.", "summary: [unclosed", f"{PAGE}:4: this is not valid YAML"),
        ("topic: basics", "topic: missing-topic", "topic 'missing-topic' is not in en/topics.yaml"),
        (
            "[who helps](helping-professionals)",
            "[who helps](no-such-page)",
            f"{PAGE}:17: link to 'no-such-page': there is no page with that name",
        ),
        ("(glossary#section-47)", "(glossary#no-entry)", f"{PAGE}:17: link to 'glossary#no-entry'"),
        (
            "[who helps](helping-professionals)",
            "[who helps](/en/helping-professionals/)",
            f"{PAGE}:17: link '/en/helping-professionals/': link to a page by its name",
        ),
        ("{{ contact }}", "{{ phone_number }}", f"{PAGE}:31: unknown placeholder '{{{{ phone_number }}}}'"),
        ("---\ntitle", "title", f"{PAGE}:1: the page must start with a line '---'"),
    ],
    ids=[
        "unknown-key",
        "missing-key",
        "bad-date",
        "review-before-reviewed",
        "bad-audience",
        "bad-order",
        "no-sources",
        "unknown-source",
        "source-not-an-id",
        "malformed-yaml",
        "unknown-topic",
        "missing-page",
        "missing-glossary-entry",
        "path-link",
        "unknown-placeholder",
        "no-front-matter",
    ],
)
def test_bad_page_content_is_reported_with_file_and_line(content_copy, old, new, expected):
    edit(content_copy, PAGE, old, new)
    messages = errors_for(content_copy)
    assert any(expected in message for message in messages), messages


def test_link_to_missing_section_is_reported(content_copy):
    edit(content_copy, "en/helping-professionals.md", "#who-comes", "#nowhere")
    assert any("that page has no heading with id 'nowhere'" in m for m in errors_for(content_copy))


def test_non_utf8_file_is_reported_with_its_line(content_copy):
    path = content_copy / PAGE
    path.write_bytes(path.read_bytes().replace(b"small group", "sm\xe4ll group".encode("latin-1")))
    messages = errors_for(content_copy)
    assert any(f"{PAGE}:13: the file is not saved as UTF-8" in m for m in messages), messages


def test_duplicate_page_names_are_reported(content_copy):
    (content_copy / "en" / "more").mkdir()
    (content_copy / "en" / "more" / "what-is-a-core-group.md").write_text((content_copy / PAGE).read_text())
    assert any(
        "another file already uses the page name 'what-is-a-core-group'" in m
        for m in errors_for(content_copy)
    )


def test_reserved_and_badly_named_files_are_reported(content_copy):
    (content_copy / "en" / "glossary.md").write_text((content_copy / PAGE).read_text())
    (content_copy / "en" / "Big Page.md").write_text((content_copy / PAGE).read_text())
    (content_copy / "en" / "search.md").write_text((content_copy / PAGE).read_text())
    messages = errors_for(content_copy)
    assert any("glossary.md: 'glossary' is the name of a built-in page" in m for m in messages)
    assert any("search.md: 'search' is the name of a built-in page" in m for m in messages)
    assert any("Big Page.md: rename the file" in m for m in messages)


def test_all_errors_are_reported_together(content_copy):
    edit(content_copy, PAGE, "topic: basics", "topic: basics\ncolour: blue")
    edit(content_copy, "en/helping-professionals.md", "audience: professionals", "audience: nobody")
    edit(content_copy, "site.yaml", "bank_holidays: england-and-wales", "bank_holidays: wales")
    messages = errors_for(content_copy)
    assert len(messages) == 3
    assert any("site.yaml:14: 'bank_holidays'" in m for m in messages)


def test_timeline_errors_are_reported_with_those_of_other_files(content_copy):
    edit(content_copy, PAGE, "topic: basics", "topic: basics\ncolour: blue")
    edit(content_copy, "timeline.yaml", "    largest_count: 6", "    largest_count: 12")
    edit(content_copy, "en/timeline.yaml", "      other: >-\n", "      many: >-\n")
    messages = errors_for(content_copy)
    assert any("what-is-a-core-group.md" in m and "colour" in m for m in messages)
    assert any(
        "timeline.yaml" in m and "'largest_count' (12) must not be more than 'count' (6)" in m
        for m in messages
    )
    # The words are checked against the rules, so only once the rules are right.
    assert not any("en/timeline.yaml" in m for m in messages)
    edit(content_copy, "timeline.yaml", "    largest_count: 12", "    largest_count: 6")
    messages = errors_for(content_copy)
    assert any(
        "en/timeline.yaml" in m and "'many' is not a plural form of this language" in m for m in messages
    )
    assert any("colour" in m for m in messages)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "languages: [en, ar, pl]",
            "languages: [ar, en]",
            "site.yaml:13: 'languages': list the language codes with en first",
        ),
        (
            "languages: [en, ar, pl]",
            "languages: [en, xx-nonsense]",
            "site.yaml:13: 'languages': 'xx-nonsense' is not a language code",
        ),
        (
            "email: help@testshire.example",
            "email: not-an-email",
            "site.yaml:6: 'contact': 'email': 'not-an-email' is not an email address",
        ),
        (
            "url: https://testshire.example/procedures/core-groups",
            "url: http://insecure.example/",
            "must be a full web address starting with https://",
        ),
        (
            "base_url: https://guide.testshire.example/",
            "base_url: https://guide.testshire.example",
            "site.yaml:15: 'base_url': must end with '/'",
        ),
        ("enabled: true", "enabled: maybe", "site.yaml:17: 'exit_page': 'enabled': write true or false"),
    ],
    ids=[
        "english-not-first",
        "unknown-language",
        "bad-email",
        "insecure-url",
        "base-url-slash",
        "not-bool",
    ],
)
def test_bad_site_configuration_is_reported(content_copy, old, new, expected):
    edit(content_copy, "site.yaml", old, new)
    messages = errors_for(content_copy)
    assert any(expected in message for message in messages), messages


def test_translation_keys_are_checked(content_copy):
    edit(content_copy, "ar/what-is-a-core-group.md", "translation_status: draft\n", "")
    edit(content_copy, "ar/what-is-a-core-group.md", "what-is-a-core-group@", "helping-professionals@")
    messages = errors_for(content_copy)
    assert any("a translated page needs 'translation_status'" in m for m in messages)
    assert any("a translation keeps the English file name" in m for m in messages)


def test_translation_must_keep_english_section_ids(content_copy):
    edit(content_copy, "ar/what-is-a-core-group.md", " {#who-comes}", "")
    assert any("Missing: who-comes" in m for m in errors_for(content_copy))


def test_out_of_date_translation_and_overdue_review_are_warnings(content_copy):
    edit(content_copy, PAGE, "The core group meets often.", "The core group meets every few weeks.")
    site = load_site(content_copy, today=datetime.date(2028, 1, 1))
    warnings = "\n".join(site.warnings)
    assert "ar/what-is-a-core-group.md: out of date: the English page has changed" in warnings
    assert f"{PAGE}: review is overdue (review_by 2027-11-01)" in warnings


def test_language_without_content_falls_back_to_english_with_a_warning(content_copy):
    edit(content_copy, "site.yaml", "languages: [en, ar, pl]", "languages: [en, ar, pl, ro]")
    site = load_site(content_copy)
    assert any("no content in 'ro' yet" in warning for warning in site.warnings)
    assert site.page("ro", "what-is-a-core-group").is_fallback


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "kind: local-procedure",
            "kind: local",
            "sources.yaml:11: source 'local-procedure': 'kind': must be one of",
        ),
        (
            "url: https://www.gov.uk/",
            "url: http://www.gov.uk/",
            "sources.yaml:6: source 'national-guidance': 'url': 'http://www.gov.uk/",
        ),
        (
            "  publisher: HM Government\n",
            "",
            "sources.yaml:2: source 'national-guidance': the key 'publisher' is missing",
        ),
        ("local-procedure:", "Local Procedure:", "sources.yaml:8: source id 'Local Procedure'"),
    ],
    ids=["unknown-kind", "not-https", "missing-publisher", "bad-id"],
)
def test_bad_sources_list_is_reported_with_its_line(content_copy, old, new, expected):
    edit(content_copy, "sources.yaml", old, new)
    messages = errors_for(content_copy)
    assert any(expected in message for message in messages), messages


def test_missing_sources_list_is_reported(content_copy):
    (content_copy / "sources.yaml").unlink()
    assert any("sources.yaml: the list of sources is missing" in m for m in errors_for(content_copy))


def test_translation_shows_the_english_sources_and_may_not_list_its_own(content_copy):
    edit(
        content_copy,
        "ar/what-is-a-core-group.md",
        "translation_status: draft",
        "translation_status: draft\nsources:\n  - local-procedure",
    )
    messages = errors_for(content_copy)
    assert any(
        "ar/what-is-a-core-group.md:11: 'sources' comes from the English page" in m for m in messages
    ), messages
