"""Where the project's folders are (standard library only: build.py reads this before its imports)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
# An organisation's own folder, used when it exists (see content/README.md, "Your own pages").
LOCAL_DIR = ROOT / "local"
BUILD_DIR = ROOT / "build"
SITE_NAME = "site"  # the site, in the build folder
ZIP_NAME = "core-group-guide-site.zip"  # the same site in one file, beside it


def default_local_dir() -> Path | None:
    return LOCAL_DIR if LOCAL_DIR.is_dir() else None
