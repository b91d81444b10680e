"""Jinja set-up: strict undefined values and the filters templates use."""

from __future__ import annotations

import re

from flask import Flask, render_template
from flask_babel import format_date
from jinja2 import StrictUndefined
from markupsafe import Markup

# A placeholder written alone on a line in Markdown becomes a paragraph of its own.
PLACEHOLDER_PARAGRAPH = re.compile(r"<p>\{\{\s*([a-z_]+)\s*\}\}</p>")


def fill_local_details(html: str) -> Markup:
    """Replace {{ contact }}-style placeholders with the local details from site.yaml."""
    return Markup(
        PLACEHOLDER_PARAGRAPH.sub(lambda match: render_template(f"local/{match.group(1)}.html"), html)
    )


def init_app(app: Flask) -> None:
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["fill_local_details"] = fill_local_details
    app.jinja_env.globals["format_date"] = format_date
