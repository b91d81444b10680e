"""The translation coverage table the build prints, and --require-translations."""

from __future__ import annotations

import pytest

import build
from portal.coverage import coverage, coverage_table
from portal.loader import load_site
from tests.conftest import FIXTURE_CONTENT


def test_table_marks_each_family_page_in_each_language(tmp_path):
    (tmp_path / "messages.pot").write_text("")
    rows = coverage(load_site(FIXTURE_CONTENT), tmp_path, template_count=4)
    table = coverage_table(rows).splitlines()
    assert table[0].split() == ["family", "page", "en", "ar", "pl"]
    assert table[1].split() == ["what-is-a-core-group", "yes", "yes", "-"]
    assert table[-2].split() == ["family", "pages", "100%", "100%", "0%"]
    assert table[-1].split() == ["interface", "strings", "100%", "0%", "0%"]  # no catalogues here


def test_require_translations_stops_the_build_and_keeps_the_old_site(tmp_path, capsys):
    site_dir = build.build(FIXTURE_CONTENT, tmp_path)
    before = sorted(path.name for path in site_dir.rglob("*"))
    with pytest.raises(build.MissingTranslations, match="pl"):
        build.build(FIXTURE_CONTENT, tmp_path, require_translations=True)
    assert sorted(path.name for path in site_dir.rglob("*")) == before
    assert "what-is-a-core-group" in capsys.readouterr().out  # the table was printed
