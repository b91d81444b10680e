"""Test helpers: parse a built page and run the checks every page must pass."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from portal.languages import language


def parse_page(path: Path) -> BeautifulSoup:
    """Parse a built HTML page and check what every page must have."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    html = soup.find("html")
    assert html is not None and html.get("lang"), f"{path}: <html> needs a lang"
    expected_dir = language(html["lang"]).direction
    assert html.get("dir") == expected_dir, f"{path}: dir should be {expected_dir}"
    assert len(soup.find_all("h1")) == 1, f"{path}: exactly one <h1>"
    ids = Counter(element["id"] for element in soup.find_all(id=True))
    duplicates = [element_id for element_id, count in ids.items() if count > 1]
    assert not duplicates, f"{path}: duplicate ids {duplicates}"
    assert soup.find("main", id="main"), f"{path}: a <main id=main> landmark"
    assert soup.select_one('a.skip-link[href="#main"]'), f"{path}: a skip link"
    return soup


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(path for path in site_dir.rglob("*.html"))


def translated(lang: str, message: str) -> str:
    """The interface string `message` as the site shows it in `lang` (compiled catalogues)."""
    from babel.support import Translations

    from portal import i18n

    return Translations.load(str(i18n.TRANSLATIONS_DIR), [lang]).gettext(message)


@cache
def project_site():
    """The project's real content as a validated site model, loaded once per test run."""
    from portal.loader import load_site
    from portal.paths import CONTENT_DIR

    return load_site(CONTENT_DIR)


def worker_data(site_dir: Path) -> dict:
    """The build's lists of pages at the start of sw.js (`self.SITE = {...};`, minified or not)."""
    source = (site_dir / "sw.js").read_text(encoding="utf-8")
    start = re.match(r"self\.SITE\s*=\s*", source)
    assert start, "sw.js starts with the build's list of pages"
    data, _ = json.JSONDecoder().raw_decode(source, start.end())
    return data


LOCAL_PAGE = """---
title: {title}
summary: A page of the organisation's own.
audience: families
topic: basics
order: 5
reviewed: 2026-11-01
review_by: 2027-11-01
sources:
  - national-guidance
{extra}---

{body}
"""


def local_page(title: str = "Our local page", extra: str = "", body: str = "Words of our own.") -> str:
    """A page for an organisation's local folder, in the fixture content's topics and sources."""
    return LOCAL_PAGE.format(title=title, extra=extra, body=body)
