"""`python build.py` with nothing changed answers at once, before importing the app, and only when
the inputs hash the same and the site in place is the very one the last build left."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import build
from portal import inputs
from portal.errors import ContentErrors
from tests.conftest import FIXTURE_CONTENT


@pytest.fixture(scope="module")
def leaflet_cache(tmp_path_factory) -> Path:
    """Shared by every build here: leaflets are cached by their own HTML, so sharing changes nothing."""
    return tmp_path_factory.mktemp("leaflets")


@pytest.fixture
def built(tmp_path, leaflet_cache) -> tuple[Path, Path]:
    """A copy of the fixture content, built into a build folder of its own."""
    content = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
    out = tmp_path / "out"
    build.build(content, out, leaflet_cache=leaflet_cache)
    return content, out


def _current(content: Path, out: Path, strict: bool = False) -> bool:
    return inputs.report_if_current(out, inputs.fingerprint(content, None, strict, False))


def test_a_build_with_nothing_changed_is_answered_by_the_record(built, capsys):
    content, out = built
    capsys.readouterr()
    assert _current(content, out)
    assert "Nothing changed since the last build" in capsys.readouterr().out


def test_an_edit_to_the_content_is_a_change(built):
    content, out = built
    page = content / "en" / "what-is-a-core-group.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert not _current(content, out)


def test_saving_a_file_unchanged_is_not_a_change(built):
    content, out = built
    page = content / "en" / "what-is-a-core-group.md"
    page.write_bytes(page.read_bytes())
    os.utime(page, (1, 1))
    assert _current(content, out)


def test_other_settings_are_a_change(built):
    content, out = built
    assert not _current(content, out, strict=True)


@pytest.mark.parametrize("harm", ["edited", "removed", "zip removed"])
def test_a_site_changed_by_hand_is_built_again(built, harm):
    content, out = built
    page = out / "site" / "en" / "index.html"
    if harm == "edited":
        page.write_bytes(page.read_bytes() + b" ")
    elif harm == "removed":
        page.unlink()
    else:
        (out / build.ZIP_NAME).unlink()
    assert not _current(content, out)


def test_after_a_failed_build_the_old_site_is_not_taken_as_current(built):
    content, out = built
    page = content / "en" / "what-is-a-core-group.md"
    original = page.read_text(encoding="utf-8")
    page.write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(ContentErrors):
        build.build(content, out)
    page.write_text(original, encoding="utf-8")  # back as the site in place was built from
    assert not _current(content, out)


def test_the_warnings_of_the_build_are_shown_again(built, capsys):
    content, out = built
    capsys.readouterr()
    assert _current(content, out)
    assert "no content in 'pl' yet" in capsys.readouterr().err  # the fixture has no Polish pages


def test_the_command_answers_before_importing_the_app(real_site):
    """The real site's test build is current for `build.py --out` its folder (same content, no
    local folder, default settings), so the command ends before Flask is imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "build.py", "--out", str(real_site.parent)],
        cwd=build.ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Nothing changed since the last build" in result.stdout
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "portal.inputs" in imported
    assert not {"flask", "weasyprint", "markdown", "jinja2"} & imported
