"""The Frozen-Flask set-up: one URL generator per route, driven by the site model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flask import Flask
from flask_frozen import Freezer

from portal.leaflets import LeafletCatalogue
from portal.review.views import status_urls
from portal.views import EndpointValues, site_urls


def leaflet_urls(catalogue: LeafletCatalogue) -> Iterator[EndpointValues]:
    """Every leaflet file the build made."""
    for made in catalogue.made:
        for file in made.files:
            yield "site.leaflet_file", {"lang": made.lang, "filename": file.filename}


def make_freezer(app: Flask, destination: Path) -> Freezer:
    """A freezer writing into `destination`, with relative URLs so the site works from any folder."""
    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_RELATIVE_URLS=True,
        FREEZER_REMOVE_EXTRA_FILES=True,
        FREEZER_IGNORE_MIMETYPE_WARNINGS=True,
        FREEZER_STATIC_IGNORE=["sw.js"],  # served from the root as /sw.js instead
    )
    freezer = Freezer(app, with_no_argument_rules=False, log_url_for=True)
    freezer.register_generator(lambda: site_urls(app.extensions["site"]))
    freezer.register_generator(lambda: leaflet_urls(app.extensions["leaflets"]))
    freezer.register_generator(status_urls)
    return freezer
