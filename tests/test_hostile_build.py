"""Interrupted, concurrent and careless builds: there is always a site, its ZIP matches it, and
leaflet problems are named."""

from __future__ import annotations

import fcntl
import os
import zipfile
from pathlib import Path

import pytest

import build
from portal import inputs
from portal.leaflets import LEAFLETS, LeafletCatalogue, LeafletFile, MadeLeaflet, leaflet_warnings
from portal.loader import load_site
from tests.helpers import parse_page


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _zip_matches(build_dir: Path) -> bool:
    with zipfile.ZipFile(build_dir / build.ZIP_NAME) as archive:
        zipped = {name.removeprefix("core-group-guide/"): archive.read(name) for name in archive.namelist()}
    return zipped == _files(build_dir / "site")


@pytest.fixture
def built(content_copy, tmp_path) -> Path:
    """A build folder holding a good build of the fixture content."""
    out = tmp_path / "out"
    build.build(content_copy, out)
    return out


def _change_a_page(content_dir: Path) -> None:
    page = content_dir / "en" / "what-is-a-core-group.md"
    page.write_text(page.read_text(encoding="utf-8").replace("At a place", "In a room"), encoding="utf-8")


@pytest.mark.parametrize("step", ["site-to-old", "staging-to-site", "zip"])
def test_a_build_interrupted_during_the_swap_is_finished_by_the_next(built, content_copy, monkeypatch, step):
    before = _files(built / "site")
    _change_a_page(content_copy)
    real_rename, real_replace = Path.rename, os.replace

    def rename(self, target):
        if (step == "site-to-old" and self.name == "site") or (
            step == "staging-to-site" and Path(target).name == "site"
        ):
            raise KeyboardInterrupt  # the power goes off here
        return real_rename(self, target)

    def replace(source, target):
        if step == "zip" and Path(target).name == build.ZIP_NAME:
            raise KeyboardInterrupt
        return real_replace(source, target)

    monkeypatch.setattr(Path, "rename", rename)
    monkeypatch.setattr(build.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        build.build(content_copy, built)
    monkeypatch.undo()
    if step == "site-to-old":
        assert _files(built / "site") == before  # nothing happened yet
    # The next build (or a failed one) first finishes the interrupted swap: the new site and its ZIP.
    (content_copy / "en" / "what-is-a-core-group.md").write_text("broken\n")
    with pytest.raises(build.ContentErrors):
        build.build(content_copy, built)
    assert "In a room" in (built / "site" / "en" / "what-is-a-core-group" / "index.html").read_text()
    assert _zip_matches(built)
    assert sorted(path.name for path in built.iterdir()) == sorted(
        [
            ".build.lock",
            ".leaflet-cache",
            build.MARKDOWN_CACHE,
            build.RENDER_KEYS,
            build.TEMPLATE_CACHE,
            "site",
            build.ZIP_NAME,
        ]
    )


def test_leftovers_of_an_interrupted_build_are_removed_by_the_next(built, content_copy):
    (built / f"{build.STAGING_PREFIX}abc").mkdir()
    (built / f"{build.STAGING_PREFIX}abc" / "index.html").write_text("half a site")
    (built / f"{build.STAGING_PREFIX}abc.zip").write_bytes(b"half a zip")
    (built / f"{build.SWAP_JOURNAL}.partial").write_text('{"site": "x"')
    (built / f"{inputs.RECORD}.partial").write_text('{"inputs": "x"')
    build.build(content_copy, built)
    expected = [
        ".build.lock",
        ".leaflet-cache",
        build.MARKDOWN_CACHE,
        build.RENDER_KEYS,
        build.TEMPLATE_CACHE,
        inputs.RECORD,
    ]
    assert sorted(path.name for path in built.iterdir()) == sorted([*expected, "site", build.ZIP_NAME])
    assert _zip_matches(built)


def test_an_unreadable_journal_keeps_the_old_site(built, content_copy):
    before = _files(built / "site")
    (built / "site").rename(built / build.OLD_SITE)  # as if interrupted between the two renames
    (built / build.SWAP_JOURNAL).write_text("not json")
    (content_copy / "site.yaml").write_text("languages: [")
    with pytest.raises(build.ContentErrors):
        build.build(content_copy, built)
    assert _files(built / "site") == before


def test_a_second_build_into_the_same_folder_stops_at_once(built, content_copy, capsys, monkeypatch):
    before = _files(built / "site")
    with (built / build.LOCK_NAME).open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another build is running
        with pytest.raises(build.BuildBusy, match="another build is writing into"):
            build.build(content_copy, built)
        monkeypatch.setattr(build, "CONTENT_DIR", content_copy)
        monkeypatch.setattr(build, "BUILD_DIR", built)
        assert build.main([]) == 1
        assert "another build is writing into" in capsys.readouterr().err
    assert _files(built / "site") == before


def test_the_404_page_escapes_the_site_address(content_copy, tmp_path):
    config = content_copy / "site.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("https://guide.testshire.example/", "https://guide.testshire.example/a&b=c/")
    )
    site_dir = build.build(content_copy, tmp_path / "out")
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert 'href="/a&amp;b=c/static/css/site.css"' in html  # links start at base_url's path
    assert "a&b" not in html
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://guide.testshire.example/a&amp;b=c/en/" in sitemap and "a&b" not in sitemap
    page = parse_page(site_dir / "en" / "what-is-a-core-group" / "index.html")
    assert page.find("link", hreflang="ar")["href"].startswith("https://guide.testshire.example/a&b=c/ar/")


def _professional_page(content_dir: Path, lang: str, slug: str) -> None:
    english = (content_dir / "en" / "helping-professionals.md").read_text(encoding="utf-8")
    (content_dir / lang / f"{slug}.md").write_text(english.replace("order: 1", "order: 2"), encoding="utf-8")


def test_a_language_losing_a_leaflet_for_want_of_one_page_is_a_warning(content_copy):
    revision = load_site(content_copy).source.pages["helping-professionals"].revision
    arabic = (content_copy / "en" / "helping-professionals.md").read_text(encoding="utf-8")
    arabic = arabic.replace(
        "sources:\n  - local-procedure\n",
        f"translation_of: helping-professionals@{revision}\ntranslation_status: draft\n",
    )
    (content_copy / "ar" / "helping-professionals.md").write_text(arabic, encoding="utf-8")
    _professional_page(content_copy, "en", "more-for-professionals")  # new in English only
    warnings = leaflet_warnings(load_site(content_copy), LeafletCatalogue())
    assert warnings == (
        "the leaflet core-groups-a-guide-for-professionals is not made in 'ar': it has the English page "
        f"{content_copy / 'en' / 'more-for-professionals.md'}, which has no translation in ar/",
    )


def test_a_leaflet_past_its_page_limit_is_a_warning_naming_its_pages(content_copy):
    families = next(leaflet for leaflet in LEAFLETS if leaflet.max_pages)
    files = (LeafletFile(f"{families.name}-en.pdf", "pdf", b"%PDF", families.max_pages + 1),)
    made = MadeLeaflet(families, "en", "Title", ("what-is-a-core-group",), files)
    warnings = leaflet_warnings(load_site(content_copy), LeafletCatalogue((made,)))
    assert warnings == (
        f"the leaflet {families.name}-en.pdf has {families.max_pages + 1} pages, more than its limit of "
        f"{families.max_pages}: shorten its pages (what-is-a-core-group) or leave sections out "
        "(portal/leaflets/definitions.py)",
    )


def test_strict_makes_leaflet_warnings_errors_and_keeps_the_old_site(
    built, content_copy, capsys, monkeypatch
):
    before = _files(built / "site")
    revision = load_site(content_copy).source.pages["helping-professionals"].revision
    arabic = (content_copy / "en" / "helping-professionals.md").read_text(encoding="utf-8")
    arabic = arabic.replace(
        "sources:\n  - local-procedure\n",
        f"translation_of: helping-professionals@{revision}\ntranslation_status: draft\n",
    )
    (content_copy / "ar" / "helping-professionals.md").write_text(arabic, encoding="utf-8")
    _professional_page(content_copy, "en", "more-for-professionals")
    monkeypatch.setattr(build, "CONTENT_DIR", content_copy)
    monkeypatch.setattr(build, "BUILD_DIR", built)
    assert build.main(["--strict"]) == 1
    assert "which --strict makes errors" in capsys.readouterr().err
    assert _files(built / "site") == before
    assert build.main([]) == 0  # without --strict it is a warning
    assert (
        "warning: the leaflet core-groups-a-guide-for-professionals is not made in 'ar'"
        in capsys.readouterr().err
    )
