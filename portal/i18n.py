"""Interface translations (gettext catalogs via flask-babel) and locale choice per page."""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from flask import Flask, current_app, g
from flask_babel import Babel, refresh

from portal.languages import SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = ROOT / "translations"
BABEL_CONFIG = ROOT / "babel.cfg"
TEMPLATE_POT = TRANSLATIONS_DIR / "messages.pot"


# English dates are written the British way (23 November 2026).
BABEL_LOCALE_OVERRIDES = {"en": "en_GB"}


def current_locale() -> str:
    """The Babel locale of the page being rendered (its language is set by the views from the URL)."""
    lang = g.get("lang", SOURCE_LANGUAGE)
    return BABEL_LOCALE_OVERRIDES.get(lang, lang)


def _take_page_language(endpoint: str | None, values: dict | None) -> None:
    """Set the page language from the URL before anything is rendered.

    The freezer renders every page inside one outer context, so `g` and flask-babel's cached
    locale would otherwise carry one page's language over to the next.
    """
    lang = (values or {}).get("lang", SOURCE_LANGUAGE)
    g.lang = lang if lang in current_app.extensions["site"].config.languages else SOURCE_LANGUAGE
    refresh()


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", SOURCE_LANGUAGE)
    Babel(app, locale_selector=current_locale)
    app.url_value_preprocessor(_take_page_language)


def _pybabel(*arguments: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *arguments])


def compile_catalogs() -> None:
    """Compile every messages.po into the messages.mo that flask-babel reads."""
    if any(TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po")):
        _pybabel("compile", "--statistics", "-d", str(TRANSLATIONS_DIR))


def update_catalogs(languages: tuple[str, ...]) -> None:
    """Extract the interface strings and merge them into each language's catalog."""
    _pybabel(
        "extract",
        "-F",
        str(BABEL_CONFIG),
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--project",
        "Core Group Guide",
        "--copyright-holder",
        "Core Group Guide contributors",
        "-o",
        str(TEMPLATE_POT),
        str(ROOT / "portal"),
    )
    for code in languages:
        if code == SOURCE_LANGUAGE:
            continue
        catalog = TRANSLATIONS_DIR / code / "LC_MESSAGES" / "messages.po"
        if catalog.exists():
            _pybabel(
                "update",
                "--ignore-obsolete",
                "-i",
                str(TEMPLATE_POT),
                "-d",
                str(TRANSLATIONS_DIR),
                "-l",
                code,
            )
        else:
            _pybabel("init", "-i", str(TEMPLATE_POT), "-d", str(TRANSLATIONS_DIR), "-l", code)
