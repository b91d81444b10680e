"""The pages the review package adds: a family page with its English alongside, and the status report."""

from __future__ import annotations

import datetime

from flask import Blueprint, Flask, abort, render_template

from portal import i18n
from portal.languages import SOURCE_LANGUAGE
from portal.review.pairing import bilingual_slugs, pairs
from portal.review.status import STATES, page_statuses, part_statuses, state_counts
from portal.views import current_site

review_pages = Blueprint("review", __name__)


@review_pages.route("/<lang>/<slug>/bilingual/")
def bilingual(lang: str, slug: str):
    site = current_site()
    if lang not in site.config.languages or slug not in bilingual_slugs(site, lang):
        abort(404)
    translated, english = site.content[lang].pages[slug], site.source.pages[slug]
    return render_template(
        "review/bilingual.html",
        page=translated,
        english=english,
        english_language=site.source.language,
        pairs=pairs(translated, english),
        topic=site.topic(lang, translated.topic),
        page_languages=tuple(code for code in site.config.languages if slug in bilingual_slugs(site, code)),
    )


@review_pages.route("/status/")
def status():
    """Every page and part in every language: for the organisation, not linked from any menu."""
    site = current_site()
    rows = page_statuses(site)
    languages = [code for code in site.config.languages if code != SOURCE_LANGUAGE]
    return render_template(
        "review/status.html",
        rows=rows,
        parts=[
            part
            for code in languages
            for part in part_statuses(site, code, i18n.TRANSLATIONS_DIR, i18n.TEMPLATE_POT)
        ],
        counts=state_counts(rows),
        states=STATES,
        today=datetime.date.today(),
        page_languages=(),
    )


def status_urls():
    """The status report's address, frozen but left out of the sitemap, menus and offline copy."""
    yield "review.status", {}


def init_app(app: Flask) -> None:
    app.register_blueprint(review_pages)
