"""An organisation's own folder: new and replaced pages, glossary, sources, timescales, contact
blocks, settings and branding, and the clear errors its mistakes get."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

import build
from portal.branding import COLOUR_USES, contrast_ratio
from portal.errors import ContentErrors
from portal.loader import load_site
from tests.conftest import FIXTURE_CONTENT, ROOT
from tests.helpers import local_page

TODAY = datetime.date(2026, 12, 1)
SHARED_PAGE = "what-is-a-core-group"
SHARED_REVISION = "370c487633"  # of tests/fixtures/content/en/what-is-a-core-group.md
# A replacement keeps the headings other pages link to (the build checks every link).
REPLACEMENT_BODY = "Words of our own.\n\n## Who comes\n\nThe people who work with your family."
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 30" width="90" height="30">'
    '<rect width="90" height="30" fill="#005a5b"/></svg>'
)


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _settings(branding: str = "") -> str:
    """The fixture's site.yaml, as an organisation would copy it into its own folder."""
    return (FIXTURE_CONTENT / "site.yaml").read_text(encoding="utf-8") + branding


def _load(tmp_path: Path, files: dict[str, str]):
    return load_site(FIXTURE_CONTENT, today=TODAY, local_dir=_write(tmp_path / "local", files))


def _problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        _load(tmp_path, files)
    return [str(error) for error in caught.value.errors]


# ------------------------------------------------------------------ pages, glossary, contacts


def test_a_local_page_joins_the_guide_with_its_local_source(tmp_path):
    site = _load(
        tmp_path,
        {
            "sources.yaml": "our-procedure:\n  title: Our procedure\n  publisher: Us\n  kind: local-procedure\n",
            "en/our-page.md": local_page().replace("  - national-guidance", "  - our-procedure"),
        },
    )
    assert "our-page" in site.slugs
    assert site.source.pages["our-page"].sources == ("our-procedure",)
    assert site.sources["our-procedure"].title == "Our procedure"
    assert site.page("ar", "our-page").is_fallback  # not translated yet: English, as for shared pages


def test_a_replacement_takes_the_shared_pages_place_and_its_old_translations_go(tmp_path):
    site = _load(
        tmp_path,
        {
            f"en/{SHARED_PAGE}.md": local_page(
                "Core groups here", f"replaces: {SHARED_PAGE}@{SHARED_REVISION}\n", REPLACEMENT_BODY
            )
        },
    )
    assert site.source.pages[SHARED_PAGE].title == "Core groups here"
    shown_in_arabic = site.page("ar", SHARED_PAGE)
    assert shown_in_arabic.is_fallback and shown_in_arabic.page.title == "Core groups here"
    [replacement] = site.replacements
    assert replacement.endswith(
        f"local/en/{SHARED_PAGE}.md replaces the shared page tests/fixtures/content/en/{SHARED_PAGE}.md"
    )
    assert not any("has changed since" in warning for warning in site.warnings)


def test_a_replacement_warns_when_the_shared_page_changed_since(tmp_path):
    site = _load(
        tmp_path,
        {
            f"en/{SHARED_PAGE}.md": local_page(
                extra=f"replaces: {SHARED_PAGE}@0000000000\n", body=REPLACEMENT_BODY
            )
        },
    )
    [warning] = [warning for warning in site.warnings if "has changed since" in warning]
    assert f"replaces: {SHARED_PAGE}@{SHARED_REVISION}" in warning


def test_a_local_translation_of_a_replaced_page_is_shown(tmp_path):
    english = local_page("Core groups here", f"replaces: {SHARED_PAGE}@{SHARED_REVISION}\n", REPLACEMENT_BODY)
    local_dir = _write(tmp_path / "local", {f"en/{SHARED_PAGE}.md": english})
    revision = load_site(FIXTURE_CONTENT, today=TODAY, local_dir=local_dir).source.pages[SHARED_PAGE].revision
    arabic = (
        english.replace("Core groups here", "المجموعات الأساسية هنا")
        .replace(f"replaces: {SHARED_PAGE}@{SHARED_REVISION}\n", "")
        .replace("sources:\n  - national-guidance\n", "")
        .replace("---\n\n", f"translation_of: {SHARED_PAGE}@{revision}\ntranslation_status: draft\n---\n\n")
        .replace("Words of our own.", "كلمات خاصة بنا.")
        .replace("Who comes", "من يحضر {#who-comes}")
    )
    site = _load(tmp_path, {f"en/{SHARED_PAGE}.md": english, f"ar/{SHARED_PAGE}.md": arabic})
    shown = site.page("ar", SHARED_PAGE)
    assert not shown.is_fallback and shown.page.title == "المجموعات الأساسية هنا"


def test_local_glossary_entries_are_added_and_link_in_pages(tmp_path):
    site = _load(
        tmp_path,
        {
            "en/glossary.yaml": "- id: front-door\n  term: Front Door\n  definition: The team to contact here.\n",
            "en/our-page.md": local_page(body="Call the Front Door if you are worried."),
        },
    )
    assert [entry.id for entry in site.source.glossary][-1] == "front-door"
    assert 'href="../glossary/index.html#front-door"' in site.source.pages["our-page"].body_html


def test_a_contact_block_is_kept_for_its_page(tmp_path):
    site = _load(
        tmp_path,
        {"contacts.yaml": f"{SHARED_PAGE}:\n  heading: Ask us\n  email: team@example.org\n"},
    )
    assert site.local_contacts[SHARED_PAGE].heading == "Ask us"
    assert site.local_contacts[SHARED_PAGE].email == "team@example.org"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {f"en/{SHARED_PAGE}.md": local_page()},
            f"local/en/{SHARED_PAGE}.md:1: the guide already has a page called '{SHARED_PAGE}'",
        ),
        (
            {"en/our-page.md": local_page(extra=f"replaces: our-page@{SHARED_REVISION}\n")},
            "local/en/our-page.md:11: there is no shared page called 'our-page' to replace",
        ),
        (
            {f"ar/{SHARED_PAGE}.md": local_page()},
            f"this translates the shared page '{SHARED_PAGE}'",
        ),
        ({"notes.txt": "hello"}, "local/notes.txt: the build does not use 'notes.txt' here"),
        (
            {"en/picture.png": "x"},
            "local/en/picture.png: a language folder holds pages (.md) and glossary.yaml",
        ),
        (
            {"contacts.yaml": "no-such-page:\n  heading: Ask us\n"},
            "local/contacts.yaml:1: there is no page called 'no-such-page'",
        ),
        (
            {"contacts.yaml": f"{SHARED_PAGE}:\n  heading: Ask us\n  fax: 123\n"},
            "local/contacts.yaml:3: what-is-a-core-group: unknown key 'fax'",
        ),
        (
            {"sources.yaml": "national-guidance:\n  title: Ours\n  publisher: Us\n  kind: local-procedure\n"},
            "local/sources.yaml: the source id 'national-guidance' is already used by the guide",
        ),
        (
            {"site.yaml": _settings().replace("bank_holidays:", "colour: red\nbank_holidays:")},
            "local/site.yaml:14: unknown key 'colour'",
        ),
    ],
    ids=[
        "collision",
        "replaces-nothing",
        "translation-of-shared",
        "unknown-file",
        "unknown-file-in-language",
        "contact-for-missing-page",
        "contact-unknown-key",
        "source-collision",
        "unknown-setting",
    ],
)
def test_mistakes_in_the_local_folder_name_the_file_and_line(tmp_path, files, expected):
    problems = _problems(tmp_path, files)
    assert any(expected in problem for problem in problems), problems


# ------------------------------------------------------------------ timescales


def test_local_timescales_change_only_what_they_say(tmp_path):
    site = _load(
        tmp_path, {"timeline.yaml": "rules:\n  core_group_by:\n    count: 4\n    largest_count: 4\n"}
    )
    rules = {rule.id: rule for rule in site.calculator["en"].rules.rules}
    assert (rules["core_group_by"].count, rules["core_group_by"].largest_count) == (4, 4)
    assert rules["core_group_by"].unit == "weeks" and rules["first_core_group_by"].count == 10
    meetings = [item for item in site.calculator["en"].example if item.rule == "core_group_by"]
    assert meetings and all(
        item.count == 4 and (item.due - item.counted_from).days <= 28 for item in meetings
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "rules:\n  core_group_by:\n    unit: days\n",
            "local/timeline.yaml:3: core_group_by: 'unit': must be one of",
        ),
        (
            "rules:\n  first_core_group_by:\n    counts_from: strategy_discussion\n",
            "local/timeline.yaml:3: unknown key in first_core_group_by 'counts_from'",
        ),
        ("rules:\n  core_groups:\n    count: 4\n", "local/timeline.yaml:2: unknown rule 'core_groups'"),
        (
            "rules:\n  core_group_by:\n    largest_count: 8\n",
            "local/timeline.yaml:3: core_group_by: 'largest_count' (8) must not be more than 'count' (6)",
        ),
        (
            "rules:\n  core_group_by:\n    unit: months\n",
            "local/timeline.yaml:3: core_group_by: 'unit' must be weeks",
        ),
        ("core_group_by:\n  count: 4\n", "local/timeline.yaml:1: unknown section 'core_group_by'"),
    ],
    ids=[
        "unit-not-allowed",
        "counts-from-fixed",
        "unknown-rule",
        "largest-over-count",
        "user-rule-weeks",
        "no-rules",
    ],
)
def test_mistakes_in_local_timescales_name_the_local_file_and_line(tmp_path, text, expected):
    problems = _problems(tmp_path, {"timeline.yaml": text})
    assert any(expected in problem for problem in problems), problems


# ------------------------------------------------------------------ branding


def test_the_contrast_ratio_is_wcags():
    assert round(contrast_ratio("#000000", "#ffffff"), 2) == 21
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54  # the lightest grey that passes on white
    assert contrast_ratio("#1d4f91", "#ffffff") == contrast_ratio("#ffffff", "#1d4f91")


def _branding(
    logo: str = "logo.svg", alt: str = "Our logo", light: str = "#005a5b", dark: str = "#7fd6d6"
) -> str:
    return (
        f"branding:\n  logo: {logo}\n  logo_alt: {alt}\n  colours:\n"
        f'    header_and_links: "{light}"\n    dark_mode_links: "{dark}"\n'
    )


def test_good_branding_is_kept(tmp_path):
    site = _load(tmp_path, {"site.yaml": _settings(_branding()), "logo.svg": LOGO})
    branding = site.config.branding
    assert branding.logo.alt == "Our logo" and branding.logo.width_at(40) == 120
    assert (
        branding.colour("header_and_links") == "#005a5b" and branding.colour("dark_mode_links") == "#7fd6d6"
    )


@pytest.mark.parametrize(
    ("branding", "files", "expected"),
    [
        (
            _branding(light="#77aaff"),
            {"logo.svg": LOGO},
            "local/site.yaml:23: 'branding': 'colours': 'header_and_links': #77aaff is used for the header's "
            "background, and links on the light page, but its contrast with the white text of the header and "
            "the white page (#ffffff) is only 2.33:1; WCAG 2.2 AA needs at least 4.5:1, so choose a darker colour",
        ),
        (
            _branding(dark="#1d4f91"),
            {"logo.svg": LOGO},
            "'dark_mode_links': #1d4f91 is used for links and highlights in dark mode, but its contrast with the "
            "dark page (#121212) is only 2.30:1; WCAG 2.2 AA needs at least 4.5:1, so choose a lighter colour",
        ),
        (
            _branding(dark="#8a8a8a"),  # enough on the dark page and its grey boxes, not in a notice
            {"logo.svg": LOGO},
            "its contrast with the notices on the dark page (#2f2a1a) is only 4.14:1",
        ),
        (_branding(light="teal"), {"logo.svg": LOGO}, "write the colour as # and six hexadecimal digits"),
        (_branding(), {}, "local/site.yaml:20: branding: the logo file"),
        (
            _branding(),
            {"logo.svg": LOGO.replace("<rect", "<script>alert(1)</script><rect")},
            "cannot contain <script>",
        ),
        (
            _branding(),
            {"logo.svg": LOGO.replace("<rect", '<image href="file:///etc/passwd"/><rect')},
            "the logo links to another file",
        ),
        (_branding(logo="logo.gif"), {"logo.gif": "GIF89a"}, "the logo must be an .svg or .png file"),
        (_branding(logo="../secret.svg"), {}, "the logo must be a file in the same folder as site.yaml"),
        (_branding(alt='""'), {"logo.svg": LOGO}, "branding: add 'logo_alt:'"),
    ],
    ids=[
        "light-too-pale",
        "dark-too-dark",
        "dark-too-dark-in-a-notice",
        "not-a-colour",
        "missing-logo",
        "script",
        "external",
        "gif",
        "outside",
        "no-alt",
    ],
)
def test_bad_branding_is_refused(tmp_path, branding, files, expected):
    problems = _problems(tmp_path, {"site.yaml": _settings(branding), **files})
    assert any(expected in problem for problem in problems), problems


def test_a_logo_over_200_kb_is_refused(tmp_path):
    padding = "<!--" + "x" * (201 * 1024) + "-->"
    problems = _problems(tmp_path, {"site.yaml": _settings(_branding()), "logo.svg": LOGO + padding})
    assert any("the logo 'logo.svg' is 201 KB; the limit is 200 KB" in problem for problem in problems), (
        problems
    )


def test_a_mistake_in_the_local_folder_keeps_the_previous_build(fixture_site, tmp_path):
    build_dir = Path(shutil.copytree(fixture_site.parent, tmp_path / "build", symlinks=True))
    before = (build_dir / "site" / "en" / "index.html").read_bytes()
    local_dir = _write(tmp_path / "local", {"en/what-is-a-core-group.md": local_page()})
    with pytest.raises(ContentErrors):
        build.build(FIXTURE_CONTENT, build_dir, local_dir=local_dir)
    assert (build_dir / "site" / "en" / "index.html").read_bytes() == before


def _css_colours(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", block))


def test_the_contrast_gate_checks_against_the_backgrounds_of_the_sites_stylesheet():
    css = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
    light = _css_colours(css[css.index(":root {") : css.index("}")])
    dark_start = css.index("@media (prefers-color-scheme: dark)")
    dark = _css_colours(css[dark_start : css.index("}", dark_start)])
    page = ("background", "surface", "notice")  # where links are shown
    assert set(COLOUR_USES["header_and_links"][1].values()) == {
        *(light[name] for name in page),
        light["header-text"],
        dark["header-text"],
    }
    assert set(COLOUR_USES["dark_mode_links"][1].values()) == {dark[name] for name in page}
