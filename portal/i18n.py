"""Interface translations (gettext catalogs via flask-babel) and locale choice per page."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from flask import Flask, current_app, g
from flask_babel import Babel, force_locale, get_translations, gettext, refresh
from flask_babel.speaklater import LazyString
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from portal.catalogues import check_catalogues
from portal.errors import ContentErrors
from portal.languages import SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = ROOT / "translations"
BABEL_CONFIG = ROOT / "babel.cfg"
TEMPLATE_POT = TRANSLATIONS_DIR / "messages.pot"
# In the translations folder: what its compiled catalogues (.mo, not kept in git) were made from,
# so that a build with the same messages.po files neither checks nor compiles them again.
COMPILED_FROM = ".compiled-from"


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
    set_page_language(lang if lang in current_app.extensions["site"].config.languages else SOURCE_LANGUAGE)


def set_page_language(lang: str) -> None:
    """The language of the page about to be rendered: its interface strings, dates and digits."""
    g.lang = lang
    g.pop("catalogue", None)
    refresh()  # flask-babel keeps the locale of an outer context otherwise


@contextmanager
def interface_language(lang: str) -> Iterator[None]:
    """Interface strings, dates and digits in `lang` for a while, whatever the page's language."""
    page_catalogue = g.pop("catalogue", None)
    try:
        with force_locale(BABEL_LOCALE_OVERRIDES.get(lang, lang)):
            yield
    finally:
        g.catalogue = page_catalogue


def _as_text(eval_ctx: EvalContext, translated: str, variables: dict) -> str | Markup:
    """A translation is text, never HTML: escaped before the (escaped) variables go in.

    Jinja's own newstyle gettext marks the translation as safe HTML, so a catalogue from outside
    could put tags in every page. Markup that a message needs is built in the template and passed
    in as a variable.
    """
    if eval_ctx.autoescape:
        return escape(translated) % variables
    return translated % variables


def _translations():
    """The catalogue of the language in force. flask-babel finds it afresh on every call (about 40 µs,
    and a page asks some 50 times), so it is kept on `g` until the language changes (above)."""
    if g.get("catalogue") is None:
        g.catalogue = get_translations()
    return g.catalogue


@pass_eval_context
def _template_gettext(eval_ctx: EvalContext, string: str, **variables) -> str | Markup:
    return _as_text(eval_ctx, _translations().ugettext(string), variables)


@pass_eval_context
def _template_ngettext(
    eval_ctx: EvalContext, singular: str, plural: str, num: int, **variables
) -> str | Markup:
    variables.setdefault("num", num)
    return _as_text(eval_ctx, _translations().ungettext(singular, plural, num), variables)


class LazyText(LazyString):
    """A lazily translated string that templates escape like any other text."""

    def __html__(self) -> Markup:
        return escape(str(self))


def lazy_text(string: str, **variables) -> LazyText:
    """Like flask-babel's lazy_gettext, but the translation is text in templates, never HTML."""
    return LazyText(gettext, string, **variables)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", SOURCE_LANGUAGE)
    Babel(app, locale_selector=current_locale)
    # Replace the callables flask-babel installed, which insert translations as raw HTML.
    app.jinja_env.globals.update(gettext=_template_gettext, ngettext=_template_ngettext)
    for unused in ("pgettext", "npgettext"):
        app.jinja_env.globals.pop(unused, None)
    app.url_value_preprocessor(_take_page_language)


def _pybabel(*arguments: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *arguments])


def compile_catalogs() -> None:
    """Check, then compile every messages.po into the messages.mo that flask-babel reads.

    A catalogue with a problem raises ContentErrors before anything is compiled or built.
    Nothing is done when every catalogue is compiled already from the same files.
    """
    catalogues = sorted(TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"))
    made_from, record = _made_from(catalogues), TRANSLATIONS_DIR / COMPILED_FROM
    compiled = all(path.with_suffix(".mo").is_file() for path in catalogues)
    if compiled and record.is_file() and record.read_text(encoding="utf-8") == made_from:
        return
    record.unlink(missing_ok=True)
    if problems := check_catalogues(TRANSLATIONS_DIR):
        raise ContentErrors(problems)
    if catalogues:
        _pybabel("compile", "--statistics", "-d", str(TRANSLATIONS_DIR))
    record.write_text(made_from, encoding="utf-8")


def _made_from(catalogues: list[Path]) -> str:
    """A hash of the catalogues and of the code that checks and compiles them."""
    digest = hashlib.sha256(f"babel {version('babel')}".encode())
    for code in (Path(__file__), Path(__file__).with_name("catalogues.py")):
        digest.update(code.read_bytes())
    for path in catalogues:
        digest.update(f"\0{path.parent.parent.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


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
