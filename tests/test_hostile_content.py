"""Hostile and careless content, configuration and translations: a clear error with the file and
line, or safe output; never a traceback, a silent change or an injected tag."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from portal import i18n, yamlfile
from portal.app import create_app
from portal.catalogues import check_catalogues
from portal.errors import ContentErrors
from portal.loader import load_site, revision_of
from portal.rendering import MarkdownRenderer, is_reserved_id
from portal.yamlfile import MAX_CHARACTERS, YamlError, parse_yaml
from tests.test_content_errors import PAGE, edit, errors_for

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8)
)


# ------------------------------------------------------------------------------------------ YAML


@pytest.mark.parametrize(
    "text, line, expected",
    [
        (LAUGHS, 1, "'&a' names a part of the file to repeat (an anchor)"),
        ("a: 1\nb: *a\n", 2, "'*a' repeats another part of the file (an alias)"),
        ("a: &a [*a]\n", 1, "(an anchor)"),
        ("a:\n  x: 1\nb:\n  <<: {x: 2}\n", 4, "'<<' (a merge key) is not used here"),
        ("a: !!python/object/apply:os.system [ls]\n", 1, "'!!python/object/apply:os.system' (a YAML tag)"),
        ("a: !include other.yaml\n", 1, "'!include' (a YAML tag)"),
        ("a: !!binary aGVsbG8=\n", 1, "(a YAML tag)"),
        ("a: 1\nb:\n  c: 2\n  c: 3\n", 4, "the key 'c' is written twice, on lines 3 and 4"),
        ("title: x\nTitle: y\ntitle: z\n", 3, "the key 'title' is written twice, on lines 1 and 3"),
        ("a: " + "[" * 40 + "]" * 40 + "\n", 1, "nested more than 20 deep"),
        ("a:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 30)), 21, "nested more than 20 deep"),
        ("? [a, b]\n: c\n", 1, "a key must be a word or text"),
        ("a: 1\n---\nb: 2\n", 2, "a second document starts here"),
        ("a: [1\nb: 2\n", 2, "this is not valid YAML"),
        ("a: 'unclosed\n", 2, "this is not valid YAML"),
        ("a:\n  b: 1\n\tc: 2\n", 3, "this is not valid YAML"),
        ("a: b\nc: d\x07\n", 2, "a character that is not allowed (U+0007)"),
    ],
    ids=[
        "billion-laughs",
        "alias",
        "self-referencing-alias",
        "merge-key",
        "python-tag",
        "unknown-tag",
        "binary-tag",
        "duplicate-nested-key",
        "duplicate-key",
        "deep-flow",
        "deep-block",
        "complex-key",
        "two-documents",
        "unclosed-list",
        "unclosed-quote",
        "tabs",
        "control-character",
    ],
)
@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])  # with libyaml, and without
def test_hostile_yaml_is_a_clear_error_with_its_line(monkeypatch, loader, text, line, expected):
    monkeypatch.setattr(yamlfile, "_LOADER", getattr(yaml, loader))
    with pytest.raises(YamlError) as raised:
        parse_yaml(text)
    assert (raised.value.line, expected) == (line, expected) and expected in str(raised.value)


def test_a_huge_yaml_file_is_refused_before_it_is_parsed():
    with pytest.raises(YamlError, match="too large"):
        parse_yaml("a: " + "x" * MAX_CHARACTERS)


@pytest.mark.parametrize(
    "relative, old, new, expected",
    [
        (PAGE, "order: 1", "order: &o 1\nextra: *o", f"{PAGE}:6: '&o' names a part"),
        (PAGE, "order: 1", "order: 1\norder: 2", f"{PAGE}:7: the key 'order' is written twice, on lines 6 and 7"),
        (PAGE, "topic: basics", "topic: !!python/name:os.system basics", f"{PAGE}:5: '!!python/name:os.system'"),
        ("site.yaml", "contact:", "contact: &c", "site.yaml:4: '&c' names a part"),
        ("site.yaml", "bank_holidays:", "languages: [en]\nbank_holidays:", "site.yaml:14: the key 'languages' is written twice, on lines 13 and 14"),
        ("en/glossary.yaml", "- id: section-47", "- <<: {id: x}\n  id: section-47", "glossary.yaml:5: '<<'"),
        ("en/topics.yaml", "practice:", "basics:", "topics.yaml:5: the key 'basics' is written twice, on lines 1"),
        ("timeline.yaml", "rules:", "rules: !!set", "timeline.yaml:"),
    ],
    ids=["page-anchor", "page-duplicate", "page-tag", "site-anchor", "site-duplicate", "glossary-merge",
         "topics-duplicate", "timeline-tag"],
)  # fmt: skip
def test_hostile_yaml_in_every_kind_of_file_is_reported_with_file_and_line(
    content_copy, relative, old, new, expected
):
    edit(content_copy, relative, old, new)
    messages = errors_for(content_copy)
    assert any(expected in message for message in messages), messages


@pytest.mark.parametrize(
    "written, shown",
    [
        ("02070000000", "02070000000"),  # YAML 1.1 reads it as octal: 283115520
        ("+441632960000", "+441632960000"),  # an int: the + would be lost
        ("12:30:45", "12:30:45"),  # sexagesimal: 45045
        ("no", "no"),  # False
        ("1_000", "1_000"),  # 1000
        ("0x1F", "0x1F"),  # 31
        ("2026-01-02", "2026-01-02"),  # a date
        ("1.50", "1.50"),  # 1.5
        ("~", ""),  # empty, as the comment in site.yaml says
    ],
)
def test_text_settings_are_read_exactly_as_written(content_copy, written, shown):
    edit(content_copy, "site.yaml", 'phone: "01234 567890"', f"phone: {written}")
    edit(content_copy, "site.yaml", "hours: Monday to Friday, 9am to 5pm", f"hours: {written}")
    edit(content_copy, "site.yaml", "name: Testshire Safeguarding Children Partnership", f"name: {written}")
    config = load_site(content_copy).config
    assert (config.contact.phone, config.contact.hours, config.organisation_name) == (shown, shown, shown)


def test_a_phone_number_is_published_as_written(content_copy):
    edit(content_copy, "site.yaml", 'phone: "01234 567890"', "phone: +441632960000")
    edit(content_copy, "site.yaml", "hours: Monday to Friday, 9am to 5pm", "hours: no")
    page = create_app(content_copy).test_client().get("/en/what-is-a-core-group/").get_data(as_text=True)
    contact = BeautifulSoup(page, "lxml").select_one(".page-body .local-contact").get_text()
    assert "+441632960000" in contact and "(no)" in contact
    assert "False" not in contact


def test_page_titles_and_glossary_words_are_text_too(content_copy):
    edit(content_copy, PAGE, "title: What is a core group?", "title: 1984")
    edit(content_copy, "en/glossary.yaml", "term: Core group", "term: yes")
    site = load_site(content_copy)
    assert site.page("en", "what-is-a-core-group").page.title == "1984"
    assert site.source.glossary[0].term == "yes"


def test_front_matter_dates_and_numbers_still_parse(content_copy):
    page = load_site(content_copy).page("en", "what-is-a-core-group").page
    assert (page.order, page.reviewed.isoformat()) == (1, "2026-11-01")


def test_unreadable_yaml_files_are_errors_not_tracebacks(content_copy):
    (content_copy / "en" / "topics.yaml").unlink()
    (content_copy / "en" / "topics.yaml").mkdir()
    (content_copy / "en" / "glossary.yaml").write_bytes(b"- id: x\n  term: \xff\xfe\n")
    messages = errors_for(content_copy)
    assert any("topics.yaml: the file cannot be read" in message for message in messages), messages
    assert any("glossary.yaml:2: the file is not saved as UTF-8" in message for message in messages), messages


# ------------------------------------------------------------------------------ site.yaml values


@pytest.mark.parametrize(
    "base_url",
    [
        'https://guide.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">/',
        "https://guide.example/ onmouseover=alert(1)/",
        "https://guide.example/'/",
        "https://guide.example/<x>/",
        "https://guide.example/\\/",
        "https://user:secret@guide.example/",
        "javascript:alert(1)//https://x/",
        "https:///",
        "https://guide.example/?page=/",
        "https://guide.example/#x/",
        "//guide.example/",
    ],
)
def test_base_url_must_be_a_plain_https_address(content_copy, base_url):
    quoted = base_url.replace("\\", "\\\\").replace('"', '\\"')
    edit(content_copy, "site.yaml", "base_url: https://guide.testshire.example/", f'base_url: "{quoted}"')
    messages = errors_for(content_copy)
    assert any(message.startswith(f"{content_copy / 'site.yaml'}:15: 'base_url'") for message in messages), (
        messages
    )


@pytest.mark.parametrize(
    "languages, expected",
    [
        ("[en, ar, pl, pl]", "the language 'pl' is listed twice"),
        ("[en, ar, pl, PL]", "write the language code 'PL' in lower case"),
        ("[en, ar, Pl]", "write the language code 'Pl' in lower case"),
        ("[en, EN]", "write the language code 'EN' in lower case"),
    ],
)
def test_a_language_listed_twice_in_any_letter_case_is_an_error(content_copy, languages, expected):
    edit(content_copy, "site.yaml", "languages: [en, ar, pl]", f"languages: {languages}")
    assert any(f"site.yaml:13: 'languages': {expected}" in message for message in errors_for(content_copy))


def test_language_codes_are_read_as_written(content_copy):
    edit(content_copy, "site.yaml", "languages: [en, ar, pl]", "languages: [en, no]")  # not False
    assert load_site(content_copy).config.languages == ("en", "no")


# ---------------------------------------------------------------------------------- translations


@pytest.mark.parametrize(
    "old, new, line",
    [
        ("audience: families", "audience: professionals", 4),
        ("audience: families", "audience: both", 4),
        ("topic: basics", "topic: practice", 5),
        ("order: 1", "order: 2", 6),
    ],
)
def test_a_translation_cannot_change_what_the_english_page_decides(content_copy, old, new, line):
    edit(content_copy, "ar/what-is-a-core-group.md", old, new)
    key = old.split(":")[0]
    messages = errors_for(content_copy)
    expected = f"ar/what-is-a-core-group.md:{line}: '{key}' must be the same as on the English page"
    assert any(expected in message for message in messages), messages


def _write_catalogue(folder: Path, lang: str, edit_text) -> Path:
    source = i18n.TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po"
    target = folder / lang / "LC_MESSAGES" / "messages.po"
    target.parent.mkdir(parents=True)
    target.write_text(edit_text(source.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _replace_msgstr(msgid: str, new_msgstr_line: str):
    """An edit that replaces the msgstr line following `msgid "<msgid>"`."""

    def edit_text(text: str) -> str:
        pattern = re.compile(rf'(^msgid "{re.escape(msgid)}"\n)msgstr "[^\n]*"$', re.MULTILINE)
        assert pattern.search(text), f"test set-up: {msgid!r}"
        return pattern.sub(lambda match: match[1] + new_msgstr_line, text, count=1)

    return edit_text


@pytest.mark.parametrize(
    "edit_text, expected",
    [
        (_replace_msgstr("Contact", 'msgstr "Kontakt'), "check for a missing closing quote"),
        (_replace_msgstr("Contact", 'msgstr "Kontakt" extra'), "this line cannot be read"),
        (lambda text: text + "\nthis is not a po line\n", "this line cannot be read"),
        (lambda text: text + '\nmsgid "orphan"\n', "this catalogue cannot be read"),
        (_replace_msgstr("Last reviewed: %(date)s", 'msgstr "Ostatnio sprawdzono"'), "lacks %(date)s"),
        (_replace_msgstr("Last reviewed: %(date)s", 'msgstr "Ostatnio: %(data)s"'), "has %(data)s"),
        (_replace_msgstr("Last reviewed: %(date)s", 'msgstr "%(date)s %(name)s"'), "has %(name)s"),
        (_replace_msgstr("Last reviewed: %(date)s", 'msgstr "100% %(date)s"'), "a lone '%'"),
        (_replace_msgstr("Contact", 'msgstr "Kontakt {count}"'), "has {count}"),
    ],
    ids=["lost-quote", "garbage-after", "garbage-line", "msgid-without-msgstr", "placeholder-missing",
         "placeholder-renamed", "placeholder-added", "stray-percent", "brace-placeholder-added"],
)  # fmt: skip
def test_a_broken_catalogue_is_an_error_naming_the_file_and_line(tmp_path, edit_text, expected):
    path = _write_catalogue(tmp_path, "pl", edit_text)
    problems = check_catalogues(tmp_path)
    assert problems, "no problem found"
    assert all(problem.path == path and problem.line for problem in problems), problems
    assert any(expected in problem.message for problem in problems), problems


def test_the_real_catalogues_have_no_problem():
    assert check_catalogues(i18n.TRANSLATIONS_DIR) == []


def test_a_broken_catalogue_stops_the_build_before_anything_is_built(tmp_path, content_copy, monkeypatch):
    import build

    out = tmp_path / "out"
    site_dir = build.build(content_copy, out)
    before = {path: path.read_bytes() for path in site_dir.rglob("*") if path.is_file()}
    translations = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS_DIR, translations)
    catalogue = translations / "ar" / "LC_MESSAGES" / "messages.po"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("%(date)s", "%(datum)s", 1), encoding="utf-8"
    )
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", translations)
    with pytest.raises(ContentErrors, match=r"ar/LC_MESSAGES/messages.po:\d+: the translation of"):
        build.build(content_copy, out)
    after = {path: path.read_bytes() for path in site_dir.rglob("*") if path.is_file()}
    assert before == after


def test_catalogues_are_checked_and_compiled_again_only_when_they_change(tmp_path, monkeypatch):
    translations = Path(shutil.copytree(i18n.TRANSLATIONS_DIR, tmp_path / "translations"))
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", translations)
    compiled = []
    real_pybabel = i18n._pybabel
    monkeypatch.setattr(
        i18n, "_pybabel", lambda *arguments: compiled.append(arguments) or real_pybabel(*arguments)
    )
    i18n.compile_catalogs()
    compiled.clear()
    i18n.compile_catalogs()
    assert compiled == []  # the same files: neither checked nor compiled again
    catalogue = translations / "ar" / "LC_MESSAGES" / "messages.po"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("%(date)s", "%(datum)s", 1), encoding="utf-8"
    )
    with pytest.raises(ContentErrors, match=r"ar/LC_MESSAGES/messages.po:\d+: the translation of"):
        i18n.compile_catalogs()


# ---------------------------------------------------------------------------------- page content


@pytest.mark.parametrize(
    "line, expected",
    [
        ("{{ contact }", "a placeholder is not closed or not opened"),
        ("{ { contact }}", "a placeholder is not closed or not opened"),
        ("contact }}", "a placeholder is not closed or not opened"),
        ("Ring us: {{ contact }} today.", "on a line of its own"),
        ("- {{ local_procedures }}", "on a line of its own"),
        ("{{ contact }} {{ contact }}", "on a line of its own"),
        ("{{ phone }}", "unknown placeholder '{{ phone }}'"),
        ("See {{ Contact }} here", "unknown placeholder '{{ Contact }}'"),
        ("    {{ contact }}", "at the beginning of its line"),
    ],
)
def test_a_broken_or_misplaced_placeholder_is_an_error_with_its_line(content_copy, line, expected):
    edit(content_copy, PAGE, "At a place that suits you.", line)
    messages = errors_for(content_copy)
    assert any(f"{PAGE}:25: " in message and expected in message for message in messages), messages


def test_a_placeholder_inside_a_paragraph_is_an_error(content_copy):
    edit(
        content_copy,
        PAGE,
        "To keep your child safe.\n\n{{ contact }}",
        "To keep your child safe.\n{{ contact }}",
    )
    assert any(f"{PAGE}:30: start {{{{ contact }}}}" in message for message in errors_for(content_copy))


def test_a_link_to_a_missing_section_is_reported_on_its_own_line(content_copy):
    edit(
        content_copy,
        PAGE,
        "At a place that suits you.",
        "See [the family page](helping-professionals).\n\nAnd [a part](helping-professionals#nowhere).",
    )
    messages = errors_for(content_copy)
    assert any(f"{PAGE}:27: link to 'helping-professionals#nowhere'" in message for message in messages), (
        messages
    )


def test_windows_line_endings_do_not_change_a_pages_revision(content_copy):
    page = content_copy / PAGE
    before = load_site(content_copy).page("en", "what-is-a-core-group").page
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    site = load_site(content_copy)
    assert site.page("en", "what-is-a-core-group").page.revision == before.revision
    assert revision_of("a\r\nb\r\n") == revision_of("a\nb\n")
    assert not [
        warning for warning in site.warnings if "out of date" in warning
    ]  # the Arabic page follows it


@pytest.mark.parametrize(
    "entry, expected",
    [
        ("  match: [a]", "'a' is too short or too common"),
        ("  match: [core group, the]", "'the' is too short or too common"),
        ("  match: [You]", "'You' is too short or too common"),
        ("  match: ['-']", "'-' is too short or too common"),
        ("  match: [s.]", "'s.' is too short or too common"),
    ],
)
def test_a_glossary_word_of_one_letter_or_an_everyday_word_is_an_error(content_copy, entry, expected):
    edit(content_copy, "en/glossary.yaml", "  match: [core group, core groups]", entry)
    assert any(f"glossary.yaml:3: {expected}" in message for message in errors_for(content_copy))


def test_a_glossary_term_alone_is_checked_too(content_copy):
    edit(
        content_copy,
        "en/glossary.yaml",
        "  term: Core group\n  match: [core group, core groups]\n",
        "  term: I\n",
    )
    assert any("glossary.yaml:1: 'I' is too short" in message for message in errors_for(content_copy))


@pytest.mark.parametrize(
    "html",
    [
        '<a class="exit-page-button" id="exit-page" href="https://evil.example/">Exit this page</a>',
        '<p class="notice notice-draft" id="main">Fake notice</p>',
        '<div class="skip-link"><span id="language-list" class="language-switcher">x</span></div>',
        "Exit this page\n{: .exit-page-button #exit-page }",
    ],
)
def test_content_cannot_dress_up_as_the_sites_own_controls(html):
    rendered = MarkdownRenderer().render(html).html
    soup = BeautifulSoup(rendered, "lxml")
    assert not soup.find_all(class_=True) and not soup.find_all(id=True), rendered


def test_headings_keep_their_ids_and_glossary_links_their_class():
    from portal.rendering import GlossaryTerm

    rendered = MarkdownRenderer().render(
        "## Who comes {#who-comes}\n\nThe core group.", (GlossaryTerm("cg", ("core group",)),)
    )
    soup = BeautifulSoup(rendered.html, "lxml")
    assert soup.find("h2")["id"] == "who-comes"
    assert soup.find("a")["class"] == ["glossary-term"]


@pytest.mark.parametrize(
    "heading", ["## Main", "## Anything {#main}", "## Results", "### Print", "## X {#topic-basics}"]
)
def test_a_heading_cannot_take_an_id_the_site_uses(content_copy, heading):
    edit(content_copy, PAGE, "## Where", heading)
    messages = errors_for(content_copy)
    assert any(
        f"{PAGE}:23: the heading" in message and "which the site uses" in message for message in messages
    ), messages


def test_reserved_ids_cover_every_id_the_templates_use():
    templates = Path(i18n.ROOT / "portal" / "templates").rglob("*.html")
    for template in templates:
        for value in re.findall(r'\bid="([^"]*)"', template.read_text(encoding="utf-8")):
            literal = value.split("{{")[0]
            if literal:
                assert is_reserved_id(literal if "{{" not in value else literal + "x"), (template.name, value)


def test_a_folder_named_like_a_page_is_an_error(content_copy):
    (content_copy / "en" / "extra.md").mkdir()
    assert any("extra.md: this is a folder, not a page" in message for message in errors_for(content_copy))


def test_a_link_leading_nowhere_or_out_of_content_is_an_error(content_copy, tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text((content_copy / PAGE).read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(outside, content_copy / "en" / "stolen.md")
    os.symlink(tmp_path / "nothing-here.md", content_copy / "en" / "dangling.md")
    os.symlink("/etc/passwd", content_copy / "en" / "glossary-extra.yaml")
    os.symlink(content_copy / PAGE, content_copy / "en" / "same-page-again.md")  # inside: allowed
    messages = errors_for(content_copy)
    assert any("stolen.md: this is a link to a file outside content/" in message for message in messages)
    assert any("dangling.md: this is a link to a file that does not exist" in message for message in messages)
    assert any(
        "glossary-extra.yaml: this is a link to a file outside content/" in message for message in messages
    )
    assert not any("same-page-again" in message for message in messages), messages


def test_errors_in_the_timeline_rules_do_not_hide_errors_elsewhere(content_copy):
    edit(content_copy, "timeline.yaml", "rules:", "rules: [")
    edit(content_copy, PAGE, "audience: families", "audience: parents")
    edit(content_copy, "site.yaml", "bank_holidays: england-and-wales", "bank_holidays: mars")
    edit(content_copy, "en/glossary.yaml", "  match: [core group, core groups]", "  match: [a]")
    messages = "\n".join(errors_for(content_copy))
    for expected in ("timeline.yaml:", f"{PAGE}:4:", "site.yaml:14:", "glossary.yaml:3:"):
        assert expected in messages, messages
