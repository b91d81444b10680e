"""The Frozen-Flask set-up: one URL generator per route, driven by the site model; pages whose
render key is unchanged are copied from the last good build instead of being rendered again, and
the others are rendered on every core when there are many."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from unicodedata import normalize

from flask import Flask
from flask_frozen import Freezer

from portal.jsonfile import read_json
from portal.leaflets import LeafletCatalogue
from portal.parallel import fork_map
from portal.relative_urls import RelativeUrls
from portal.render_keys import RenderKeys
from portal.review.views import status_urls
from portal.views import EndpointValues, site_urls, sitemap_part_urls

NOT_KEYED = frozenset({"static", "site.leaflet_file"})  # copies of files: nothing to render


def leaflet_urls(catalogue: LeafletCatalogue) -> Iterator[EndpointValues]:
    """Every leaflet file the build made."""
    for made in catalogue.made:
        for file in made.files:
            yield "site.leaflet_file", {"lang": made.lang, "filename": file.filename}


class PreviousBuild:
    """The last good site and the key and hash of each address in it (build.py keeps them)."""

    def __init__(self, site_dir: Path, keys_file: Path) -> None:
        self.site_dir = site_dir
        self.entries = read_json(keys_file)

    def reuse(self, url: str, filepath: str, key: str) -> bytes | None:
        """The file made for `url` last time, if it was made from the same key and is still as made."""
        entry = self.entries.get(url)
        if not isinstance(entry, list) or entry[:1] != [key]:
            return None
        try:
            data = (self.site_dir / filepath).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == entry[1] else None


class IncrementalFreezer(Freezer):
    """A freezer that renders an address only when its render key differs from the last good build's.

    It always writes into a new, empty folder (build.py's staging folder).
    """

    def __init__(self, app: Flask, previous: PreviousBuild | None) -> None:
        super().__init__(app, with_no_argument_rules=False, log_url_for=False)
        self.previous = previous
        self.made: dict[str, list[str]] = {}  # url: [render key, hash of the file]
        self.rendered: list[str] = []  # the addresses rendered (not copied), for the build's report

    def freeze(self) -> set[str]:
        """Write every address: a copy from the last good build when its key is unchanged, else rendered."""
        self.root.mkdir(parents=True, exist_ok=True)
        render_keys = _render_keys(self.app)
        urls: dict[str, str | None] = {}  # url: its render key (None for copies of files)
        endpoints = set()
        addresses = self.app.url_map.bind("localhost")
        for url, endpoint, _ in self._generate_all_urls():
            endpoints.add(endpoint)
            if url not in urls:
                matched, values = addresses.match(url)
                urls[url] = None if matched in NOT_KEYED else render_keys.key(matched, values)
        self._check_endpoints(endpoints)
        for url in (url for url, key in urls.items() if key is None):
            self._build_one(url)  # a static or leaflet file: a copy, quicker here than in a worker
        to_render = [url for url, key in urls.items() if key is not None and not self._copied(url, key)]
        for url, digest in zip(to_render, fork_map(self.render, to_render), strict=True):
            self.made[url] = [urls[url], digest]
            self.rendered.append(url)
        return set(urls)

    def _copied(self, url: str, key: str) -> bool:
        """Copy the file made for `url` by the last good build, if it was made from the same key."""
        filepath = normalize("NFC", self.urlpath_to_filepath(url))
        data = self.previous.reuse(url, filepath, key) if self.previous else None
        if data is None:
            return False
        path = self.root / filepath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.made[url] = [key, hashlib.sha256(data).hexdigest()]
        return True

    def rendered_files(self) -> list[str]:
        """The files of the addresses rendered (not copied), as paths inside the site folder."""
        return [normalize("NFC", self.urlpath_to_filepath(url)) for url in self.rendered]

    def render(self, url: str) -> str:
        """Render one address through the app (Frozen-Flask's own step); the hash of the file written."""
        return hashlib.sha256(self._build_one(url).read_bytes()).hexdigest()


def _render_keys(app: Flask) -> RenderKeys:
    """The keys of this app's site: its model, leaflets, code, catalogues, static files and settings."""
    settings = sorted(
        (name, value)
        for name, value in app.config.items()
        if name not in ("BUILD_DATE", "FREEZER_DESTINATION")
        and isinstance(value, str | int | float | bool | tuple | list | type(None))
    )
    folders = (
        Path(__file__).resolve().parent,  # the code and templates
        Path(app.static_folder),
        Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]),
    )
    return RenderKeys(
        app.extensions["site"], app.extensions["leaflets"], folders, repr(settings), app.config["BUILD_DATE"]
    )


def make_freezer(app: Flask, destination: Path, previous: PreviousBuild | None = None) -> IncrementalFreezer:
    """A freezer writing into `destination`, with relative URLs so the site works from any folder."""
    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_RELATIVE_URLS=False,  # relative all the same, by RelativeUrls below (quicker)
        FREEZER_REMOVE_EXTRA_FILES=False,  # always a new, empty folder
        FREEZER_IGNORE_MIMETYPE_WARNINGS=True,
        FREEZER_STATIC_IGNORE=["sw.js"],  # served from the root as /sw.js instead
    )
    app.jinja_env.globals["url_for"] = RelativeUrls()
    freezer = IncrementalFreezer(app, previous)
    freezer.register_generator(lambda: site_urls(app.extensions["site"]))
    freezer.register_generator(lambda: leaflet_urls(app.extensions["leaflets"]))
    freezer.register_generator(status_urls)
    freezer.register_generator(lambda: sitemap_part_urls(app.extensions["site"]))
    return freezer
