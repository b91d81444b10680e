"""Jinja set-up: strict undefined values and the filters templates use."""

from __future__ import annotations

import re

from flask import Flask, render_template
from flask_babel import format_date, format_percent
from jinja2 import StrictUndefined, pass_context
from markupsafe import Markup, escape

from portal.i18n import current_locale, interface_language
from portal.languages import SOURCE_LANGUAGE, localise_digits

# A placeholder written alone on a line in Markdown becomes a paragraph of its own.
PLACEHOLDER_PARAGRAPH = re.compile(r"<p>\{\{\s*([a-z_]+)\s*\}\}</p>")


def fill_local_details(html: str, text_lang: str) -> Markup:
    """Replace {{ contact }}-style placeholders with their templates (local details from site.yaml,
    the timescales table, the emergency line), in `text_lang`, the language of the text around them:
    an English page shown to a reader of another language gets English details."""
    return Markup(PLACEHOLDER_PARAGRAPH.sub(lambda match: local_detail(match.group(1), text_lang), html))


def local_detail(name: str, text_lang: str) -> Markup:
    """One local-details template (local/<name>.html) in `text_lang`, whatever the page's language."""
    with interface_language(text_lang):
        return Markup(render_template(f"local/{name}.html", text_lang=text_lang))


def format_local_date(*args, **kwargs) -> str:
    """flask-babel's format_date in the page language's own digits (Babel writes 0-9 in dates)."""
    return localise_digits(format_date(*args, **kwargs), current_locale())


def format_local_percent(number: float) -> str:
    """A percentage as the page's language writes it (400 % in Spanish), in its own digits."""
    return localise_digits(format_percent(number), current_locale())


@pass_context
def host_words(context, text: str) -> Markup:
    """Words the host wrote in the site settings (in English): marked as English on other languages' pages,
    so screen readers say them right and right-to-left pages keep their brackets and full stops in place."""
    if context.get("text_lang", context["lang"]) == SOURCE_LANGUAGE:
        return escape(text)
    return Markup('<span lang="en" dir="ltr">{}</span>').format(text)


@pass_context
def digits(context, value: object) -> str | Markup:
    """A number, or text with numbers, in the page language's own digits (a translation stays Markup)."""
    localised = localise_digits(str(value), context["lang"])
    # Markup is already escaped: returned as a plain str, it would be escaped a second time.
    return Markup(localised) if isinstance(value, Markup) else localised


def init_app(app: Flask) -> None:
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["fill_local_details"] = fill_local_details
    app.jinja_env.filters["digits"] = digits
    app.jinja_env.filters["host_words"] = host_words
    app.jinja_env.globals["format_date"] = format_local_date
    app.jinja_env.globals["format_percent"] = format_local_percent
    app.jinja_env.globals["local_detail"] = local_detail
