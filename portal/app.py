"""The Flask application factory."""

from __future__ import annotations

import datetime
from pathlib import Path

from flask import Flask

from portal import i18n, leaflets, offline, templating, views
from portal.loader import load_site
from portal.models import Site
from portal.paths import CONTENT_DIR, ROOT
from portal.rendering import RenderCache
from portal.review import views as review_views


def create_app(
    content_dir: Path = CONTENT_DIR,
    *,
    local_dir: Path | None = None,
    site: Site | None = None,
    today: datetime.date | None = None,
    settings: dict | None = None,
    render_cache: RenderCache | None = None,
) -> Flask:
    """Build the site model once, then the app that serves it."""
    app = Flask(__name__, static_folder=str(ROOT / "static"), static_url_path="/static")
    app.config.update(FREEZER_RELATIVE_URLS=True, FREEZER_DESTINATION=str(ROOT / "build" / "site"))
    app.config.update(BUILD_DATE=today or datetime.date.today())  # dates the statements
    app.config.update(settings or {})
    app.extensions["site"] = site or load_site(
        Path(content_dir), today=today, local_dir=local_dir, render_cache=render_cache
    )
    templating.init_app(app)
    i18n.init_app(app)
    views.init_app(app)
    leaflets.init_app(app)
    offline.init_app(app)
    review_views.init_app(app)
    return app
