"""The site's font stack: for every script it is written in, a named font that is installed by the
project's set-up (Debian's Noto packages) has a glyph for every letter the pages use."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from tests.helpers import project_site

ROOT = Path(__file__).resolve().parent.parent
CSS = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
SITE = project_site()
# The languages whose script system fonts most often lack, with the Unicode script name.
SCRIPTS = {"ar": "ARABIC", "ur": "ARABIC", "bn": "BENGALI", "pa": "GURMUKHI", "gu": "GUJARATI"}


def font_stack(lang: str) -> list[str]:
    """The families the stylesheet names for text in `lang`, in order, with var(--font) expanded."""
    base = re.search(r"--font:([^;]+);", CSS).group(1)
    rule = re.search(r":lang\(" + lang + r"\)\s*\{[^}]*font-family:([^;]+);", CSS)
    stack = (rule.group(1) if rule else "var(--font)").replace("var(--font)", base)
    return [family.strip().strip('"') for family in stack.split(",")]


@cache
def installed_font(family: str) -> Path | None:
    listed = subprocess.run(
        ["fc-list", f":family={family}:style=Regular", "file"], capture_output=True, text=True
    )
    files = [line.split(":")[0] for line in listed.stdout.splitlines() if line.strip()]
    return Path(files[0]) if files else None


def letters_used(lang: str, script: str) -> set[str]:
    content = SITE.content[lang]
    text = " ".join(page.body_html + page.title + page.summary for page in content.pages.values())
    text += " ".join(entry.term + entry.definition for entry in content.glossary)
    text = re.sub(r"<[^>]+>", " ", text)
    return {char for char in text if unicodedata.name(char, "").startswith(script)}


@pytest.mark.parametrize("lang", SCRIPTS)
def test_a_named_installed_font_covers_every_letter_of_the_language(lang):
    letters = letters_used(lang, SCRIPTS[lang])
    assert letters, f"no {SCRIPTS[lang]} letters found in the {lang} pages"
    covering = []
    for family in font_stack(lang):
        path = installed_font(family)
        if path is None:
            continue
        cmap = TTFont(path, fontNumber=0).getBestCmap()
        missing = {char for char in letters if ord(char) not in cmap}
        if not missing:
            covering.append(family)
    assert covering, f"{lang}: no font in {font_stack(lang)} is installed with every letter used"
    assert font_stack(lang).index(covering[0]) < font_stack(lang).index("sans-serif")
