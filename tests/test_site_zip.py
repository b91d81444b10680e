"""The site's ZIP: the same bytes whether made from nothing or from the last ZIP's entries."""

from __future__ import annotations

import zipfile
from pathlib import Path

from portal.site_zip import FOLDER_IN_ZIP, zip_folder


def _site(folder: Path, pages: dict[str, bytes]) -> Path:
    for name, data in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


PAGES = {
    "index.html": b"<p>home</p>" * 200,
    "en/page/index.html": "<p>caf\u00e9 \u0628\u064a\u062a</p>".encode() * 300,
    "en/leaflets/guide.pdf": b"%PDF-1.7 not deflated" * 50,
}


def test_a_zip_made_from_the_last_one_is_the_zip_made_from_nothing(tmp_path):
    site = _site(tmp_path / "site", PAGES)
    zip_folder(site, tmp_path / "old.zip")
    (site / "en/page/index.html").write_bytes(b"<p>changed</p>")
    assert zip_folder(site, tmp_path / "reused.zip", previous=tmp_path / "old.zip") == 2
    assert zip_folder(site, tmp_path / "fresh.zip") == 0
    assert (tmp_path / "reused.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "reused.zip") as archive:
        assert archive.testzip() is None
        assert archive.read(f"{FOLDER_IN_ZIP}/en/page/index.html") == b"<p>changed</p>"
        assert archive.read(f"{FOLDER_IN_ZIP}/index.html") == PAGES["index.html"]
        assert archive.getinfo(f"{FOLDER_IN_ZIP}/en/leaflets/guide.pdf").compress_type == zipfile.ZIP_STORED


def test_a_damaged_or_missing_last_zip_is_not_used(tmp_path):
    site = _site(tmp_path / "site", PAGES)
    zip_folder(site, tmp_path / "fresh.zip")
    (tmp_path / "damaged.zip").write_bytes((tmp_path / "fresh.zip").read_bytes()[:500])
    for previous in (tmp_path / "damaged.zip", tmp_path / "missing.zip"):
        assert zip_folder(site, tmp_path / "made.zip", previous=previous) == 0
        assert (tmp_path / "made.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
