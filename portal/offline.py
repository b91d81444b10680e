"""Offline reading: the service worker (served from the site's root so that it controls every page)
and the page it shows for an address that is not saved on the device."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import rjsmin
from flask import Blueprint, Flask, abort, current_app, render_template, url_for

from portal.freezing import leaflet_urls
from portal.models import Site
from portal.views import current_leaflets, current_site, site_urls

offline = Blueprint("offline", __name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SERVICE_WORKER = "sw.js"  # in static/, but served (and frozen) as /sw.js: a worker controls only its folder
# Not kept for offline use: Node-only modules, downloads too big for a phone's cache, and the
# home-screen icons (fetched once, when the guide is added to a home screen).
NOT_CACHED = (".mjs", ".pdf", ".docx", ".map", ".png")
# The most paths a language's list may have: its first ones in site order (home, sections, word
# list, calculator, search, topics, then the pages in navigation order). A very big site stays
# a small worker; the pages past the limit are kept as they are read.
PRECACHE_LIMIT = 1000


def _static_files(static_dir: Path) -> list[Path]:
    return sorted(
        path
        for path in static_dir.rglob("*")
        if path.is_file() and path.name != SERVICE_WORKER and not path.name.endswith(NOT_CACHED)
    )


def precache_lists(site: Site, static_dir: Path, urls: list[str]) -> dict:
    """What the worker keeps: the shell (home, styles, scripts, icons), and for each language
    everything under its folder (pages, the offline page, leaflets; at most PRECACHE_LIMIT),
    kept once it is read.

    Paths are relative to the site's root, so the site works at any address.
    """
    languages: dict[str, list[str]] = defaultdict(list)
    shell = ["index.html", "404.html"]
    for url in urls:
        path = url.lstrip("/")
        path = path + "index.html" if path == "" or path.endswith("/") else path
        code = path.split("/", 1)[0]
        # The offline page is always kept: the worker shows it for any page it does not have.
        if code in site.config.languages and (
            len(languages[code]) < PRECACHE_LIMIT or path.endswith("/offline.html")
        ):
            languages[code].append(path)
        elif code == "brand":  # the organisation's logo and colours, on every page
            shell.append(path)
    shell += [f"static/{path.relative_to(static_dir).as_posix()}" for path in _static_files(static_dir)]
    return {"shell": shell, "languages": dict(languages)}


def site_version(site: Site, static_dir: Path) -> str:
    """A hash of everything a page is made of, so a changed site replaces the offline copies.

    Each part is added to the hash on its own, so memory stays that of one page, however big the site.
    """
    digest = hashlib.sha256()
    for code, content in sorted(site.content.items()):
        digest.update(repr((code, sorted(content.topics.items()), content.glossary)).encode())
        for slug, page in sorted(content.pages.items()):
            fields = (page.title, page.summary, page.body_html, page.reviewed)
            digest.update(repr((slug, *fields, page.translation_status, page.reviewed_on)).encode())
        for slug, page in sorted(content.easy_read.items()):
            digest.update(repr((slug, page.title, page.sections, page.reviewed)).encode())
    digest.update(repr(site.config).encode())
    for folder in (static_dir, TEMPLATES_DIR):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@offline.route("/sw.js")
def service_worker():
    site = current_site()
    static_dir = Path(current_app.static_folder)
    routes = [*site_urls(site), *leaflet_urls(current_leaflets())]
    data = precache_lists(site, static_dir, [url_for(endpoint, **values) for endpoint, values in routes])
    data["version"] = site_version(site, static_dir)
    # Served without its comments, like the other scripts (build.py); the data stays on line one.
    source = rjsmin.jsmin((static_dir / SERVICE_WORKER).read_text(encoding="utf-8"), keep_bang_comments=True)
    body = f"self.SITE = {json.dumps(data, sort_keys=True)};\n{source}"
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


@offline.route("/<lang>/offline.html")
def offline_page(lang: str):
    """Shown by the worker, in the reader's language, for an address not saved on the device."""
    if lang not in current_site().config.languages:
        abort(404)
    return render_template("offline.html", page_languages=())


def init_app(app: Flask) -> None:
    app.register_blueprint(offline)
