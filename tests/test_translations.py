"""Every language has every interface string and family page; no English leaks into other languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal import i18n
from portal.languages import SOURCE_LANGUAGE
from portal.paths import CONTENT_DIR
from tests.helpers import parse_page, project_site

SITE = project_site()
OTHER_LANGUAGES = [code for code in SITE.config.languages if code != SOURCE_LANGUAGE]
TEMPLATES = sorted((i18n.ROOT / "portal" / "templates").rglob("*.html"))
# Python-format placeholders for templates, and {name} ones that the calculator script fills in.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def read_catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def template_messages() -> set[str]:
    return {message.id for message in read_catalog(i18n.TEMPLATE_POT) if message.id}


def test_message_template_matches_the_templates(tmp_path, monkeypatch):
    """translations/messages.pot is up to date, so translators see every string."""
    fresh = tmp_path / "messages.pot"
    monkeypatch.setattr(i18n, "TEMPLATE_POT", fresh)
    i18n.update_catalogs(())
    assert {m.id for m in read_catalog(fresh) if m.id} == template_messages(), "run `make translations`"


# Pages for the organisation that runs the site, not for readers: in English, like the build's messages.
ENGLISH_ONLY_TEMPLATES = {"review/status.html"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_templates_have_no_untranslated_literal_text(template):
    source = template.read_text(encoding="utf-8")
    if (
        template.suffix != ".html"
        or template.relative_to(i18n.ROOT / "portal" / "templates").as_posix() in ENGLISH_ONLY_TEMPLATES
    ):
        return
    without_jinja = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", source, flags=re.DOTALL)
    literal_attributes = re.findall(
        r'\b(?:aria-label|title|alt|placeholder|content)="([^"]*[A-Za-z][^"]*)"', without_jinja
    )
    literal_attributes = [
        value
        for value in literal_attributes
        if not value.startswith(("width=", "default-src", "no-referrer"))
    ]
    text = re.sub(r"<[^>]*>", " ", without_jinja)
    words = re.findall(r"[A-Za-z]{2,}", text)
    assert not words and not literal_attributes, f"wrap in _(): {words or literal_attributes}"


def _as_tuple(value) -> tuple[str, ...]:
    """Plural messages have a tuple of forms; singular ones a single string."""
    return value if isinstance(value, tuple) else (value,)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_interface_string_is_translated(code):
    catalog_path = i18n.TRANSLATIONS_DIR / code / "LC_MESSAGES" / "messages.po"
    assert catalog_path.exists(), f"{catalog_path} is missing: run `make translations` and translate it"
    catalog = {message.id: message for message in read_catalog(catalog_path) if message.id}
    problems = []
    for msgid in sorted(template_messages(), key=str):
        message = catalog.get(msgid)
        strings = _as_tuple(message.string) if message else ("",)
        if message is None or not all(strings):
            problems.append(f"untranslated: {msgid!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        else:
            expected = {name for form in _as_tuple(msgid) for name in PLACEHOLDER.findall(form)}
            for string in strings:
                found = set(PLACEHOLDER.findall(string))
                # A plural form may spell the number out ("one week"), so only it may drop %(num)d.
                allowed_missing = {"%(num)d"} if isinstance(msgid, tuple) else set()
                if not (expected - allowed_missing <= found <= expected):
                    problems.append(f"placeholders differ: {msgid!r} -> {string!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_family_page_is_translated(code):
    family = [page.slug for page in SITE.pages_in(SOURCE_LANGUAGE, "families")]
    missing = [slug for slug in family if slug not in SITE.content[code].pages]
    assert not missing, f"{code}: family pages not yet translated: {missing}"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_translations_are_marked_and_follow_the_english_page(code):
    for page in SITE.content[code].pages.values():
        assert page.translation_status in ("draft", "reviewed")
        assert page.translation_of[0] == page.slug
    stale = [warning for warning in SITE.warnings if f"/{code}/" in warning and "out of date" in warning]
    assert not stale, stale


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_glossary_topics_and_calculator_texts_exist(code):
    folder = CONTENT_DIR / code
    assert SITE.content[code].glossary, f"{folder}/glossary.yaml"
    assert set(SITE.content[code].topics) == set(SITE.source.topics), f"{folder}/topics.yaml"
    assert (folder / "timeline.yaml").exists()


def _english_interface_strings(code: str) -> set[str]:
    """English strings that the language translates differently (so seeing them is a leak)."""
    catalog = read_catalog(i18n.TRANSLATIONS_DIR / code / "LC_MESSAGES" / "messages.po")
    return {
        message.id
        for message in catalog
        if message.id
        and isinstance(message.id, str)
        and "%(" not in message.id
        and message.string != message.id
    }


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_no_english_interface_text_on_translated_pages(real_site, code):
    english = _english_interface_strings(code)
    leaks = []
    for page in sorted((real_site / code).rglob("*.html")):
        soup = parse_page(page)
        assert soup.find("html")["lang"] == code
        for text in soup.find_all(string=True):
            if text.parent.name in ("script", "style") or text.find_parent(attrs={"lang": SOURCE_LANGUAGE}):
                continue
            if text.strip() in english:
                leaks.append(f"{page.relative_to(real_site)}: {text.strip()!r}")
    assert not leaks, "\n".join(leaks[:20])
