"""The pages the review package adds: a family page with its English alongside, and the status report."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, render_template

from portal.review.pairing import bilingual_slugs, pairs
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


def init_app(app: Flask) -> None:
    app.register_blueprint(review_pages)
