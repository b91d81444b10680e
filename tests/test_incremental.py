"""Incremental builds: a page is rendered again only when something it shows changed, and the site
is always byte for byte what a clean build of the same content makes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

import build
from tests.conftest import FIXTURE_CONTENT
from tests.helpers import local_page

# Shown on every page (navigation, labels), so a change to them renders everything again.
EVERY_PAGE = {"/en/", "/ar/", "/en/glossary/", "/ar/what-is-a-core-group/", "/en/helping-professionals/"}


@pytest.fixture(scope="module")
def leaflet_cache(tmp_path_factory) -> Path:
    """Shared by every build here: leaflets are cached by their own HTML, so sharing changes nothing."""
    return tmp_path_factory.mktemp("leaflets")


def _build(content: Path, build_dir: Path, leaflet_cache: Path, local_dir: Path | None = None) -> set[str]:
    """Build, and return the addresses that were rendered rather than copied from the last build."""
    freezers = []
    real_make_freezer = build.make_freezer
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            build, "make_freezer", lambda *args: freezers.append(real_make_freezer(*args)) or freezers[-1]
        )
        build.build(content, build_dir, leaflet_cache=leaflet_cache, local_dir=local_dir)
    return set(freezers[0].rendered)


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_page(content: Path) -> None:
    text = (content / "en" / "helping-professionals.md").read_text(encoding="utf-8")
    text = text.replace("title: Core groups for professionals", "title: Records of meetings").replace(
        "order: 1", "order: 2"
    )
    (content / "en" / "records-of-meetings.md").write_text(text, encoding="utf-8")


def _set_languages(content: Path, languages: str) -> None:
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        re.sub(r"(?m)^languages:.*$", f"languages: {languages}", site_yaml.read_text(encoding="utf-8")),
        encoding="utf-8",
    )


EN_PAGE, AR_PAGE = Path("en/what-is-a-core-group.md"), Path("ar/what-is-a-core-group.md")


class Edit(NamedTuple):
    name: str
    change: Callable[[Path], None]
    rendered: set[str]  # addresses that must be rendered again
    not_rendered: set[str]  # addresses that must be copied from the last build
    before: Callable[[Path], None] | None = None  # a change made before the first build


EDITS = [
    Edit(
        "a sentence of an English page",
        lambda content: _replace(content / EN_PAGE, "The core group meets often.", "It meets often."),
        # The Arabic translation is now out of date, and says so.
        {"/en/what-is-a-core-group/", "/pl/what-is-a-core-group/", "/ar/what-is-a-core-group/", "/sw.js"},
        {
            "/en/",
            "/en/glossary/",
            "/en/helping-professionals/",
            "/ar/families/",
            "/ar/search/search-index.js",
        },
    ),
    Edit(
        "a sentence of a translation",
        lambda content: _replace(content / AR_PAGE, "\n\n", "\n\nجملة جديدة.\n\n"),
        {"/ar/what-is-a-core-group/", "/ar/search/search-index.js"},
        {"/en/what-is-a-core-group/", "/pl/what-is-a-core-group/", "/ar/", "/en/search/search-index.js"},
    ),
    Edit(
        "a page's title",
        lambda content: _replace(
            content / EN_PAGE, "title: What is a core group?", "title: About core groups"
        ),
        EVERY_PAGE,
        set(),
    ),
    Edit(
        "a word list entry",
        lambda content: _replace(content / "en" / "glossary.yaml", "who meet to carry", "who meet to put"),
        EVERY_PAGE,
        set(),
    ),
    Edit(
        "a setting in site.yaml",
        lambda content: _replace(content / "site.yaml", "01234 567890", "01234 567891"),
        EVERY_PAGE,
        set(),
    ),
    Edit("a new page", _add_page, {"/en/records-of-meetings/", *EVERY_PAGE}, set()),
    Edit(
        "a page deleted",
        lambda content: (content / "en" / "records-of-meetings.md").unlink(),
        {"/en/helping-professionals/", "/en/", "/ar/professionals/"},
        set(),
        before=_add_page,
    ),
    Edit("a language removed", lambda content: _set_languages(content, "[en, ar]"), {"/en/"}, set()),
    Edit(
        "a language added",
        lambda content: _set_languages(content, "[en, ar, pl, ro]"),
        {"/ro/", "/en/"},
        set(),
    ),
]


def test_nothing_changed_renders_nothing_again(tmp_path, leaflet_cache):
    content = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
    first = _build(content, tmp_path / "build", leaflet_cache)
    before = _files(tmp_path / "build" / "site")
    again = _build(content, tmp_path / "build", leaflet_cache)
    assert "/en/what-is-a-core-group/" in first
    # 404.html too, though the build rewrites it after freezing (absolute links): its recorded hash
    # is of the file as finished.
    assert again == set()
    assert _files(tmp_path / "build" / "site") == before


@pytest.mark.parametrize("edit", EDITS, ids=[edit.name for edit in EDITS])
def test_an_edit_renders_the_pages_that_show_it_and_the_site_is_a_clean_builds(tmp_path, leaflet_cache, edit):
    content = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
    if edit.before:
        edit.before(content)
    _build(content, tmp_path / "build", leaflet_cache)
    edit.change(content)
    again = _build(content, tmp_path / "build", leaflet_cache)
    assert edit.rendered <= again, f"not rendered again: {sorted(edit.rendered - again)}"
    assert not edit.not_rendered & again, f"rendered again needlessly: {sorted(edit.not_rendered & again)}"
    _build(content, tmp_path / "clean", leaflet_cache)
    assert _files(tmp_path / "build" / "site") == _files(tmp_path / "clean" / "site")
    assert (tmp_path / "build" / build.ZIP_NAME).read_bytes() == (
        tmp_path / "clean" / build.ZIP_NAME
    ).read_bytes()


LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 30"><rect width="90" height="30"/></svg>'
BRANDING = 'branding:\n  logo: logo.svg\n  logo_alt: Our logo\n  colours:\n    header_and_links: "#005a5b"\n'
LOCAL_EDITS = [
    Edit(
        "a sentence of a local page",
        lambda local: _replace(local / "en" / "our-page.md", "Words of our own.", "Other words."),
        {"/en/our-page/", "/ar/our-page/"},
        {"/en/", "/en/what-is-a-core-group/", "/ar/what-is-a-core-group/"},
    ),
    Edit(
        "a brand colour",
        lambda local: _replace(local / "site.yaml", "#005a5b", "#1d4f91"),
        {"/brand/brand.css", *EVERY_PAGE},
        set(),
    ),
    Edit(
        "the logo",
        lambda local: _replace(local / "logo.svg", "<rect", '<rect fill="#005a5b"'),
        {"/brand/logo.svg", *EVERY_PAGE},
        set(),
    ),
    Edit(
        "a local timescale",
        lambda local: (local / "timeline.yaml").write_text(
            "rules:\n  core_group_by:\n    count: 4\n    largest_count: 4\n"
        ),
        {"/en/calculator/", "/ar/calculator/"},
        set(),
    ),
]


@pytest.mark.parametrize("edit", LOCAL_EDITS, ids=[edit.name for edit in LOCAL_EDITS])
def test_an_edit_in_the_local_folder_is_built_like_a_clean_build(tmp_path, leaflet_cache, edit):
    content = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
    local = tmp_path / "local"
    (local / "en").mkdir(parents=True)
    (local / "en" / "our-page.md").write_text(local_page(), encoding="utf-8")
    (local / "logo.svg").write_text(LOGO, encoding="utf-8")
    (local / "site.yaml").write_text(
        (content / "site.yaml").read_text(encoding="utf-8") + BRANDING, encoding="utf-8"
    )
    _build(content, tmp_path / "build", leaflet_cache, local)
    edit.change(local)
    again = _build(content, tmp_path / "build", leaflet_cache, local)
    assert edit.rendered <= again, f"not rendered again: {sorted(edit.rendered - again)}"
    assert not edit.not_rendered & again, f"rendered again needlessly: {sorted(edit.not_rendered & again)}"
    _build(content, tmp_path / "clean", leaflet_cache, local)
    assert _files(tmp_path / "build" / "site") == _files(tmp_path / "clean" / "site")
