"""Shared fixtures: a small fixture site frozen once, and a parser that runs site-wide checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import build
from portal import i18n

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "content"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Interface translations are compiled by the build; tests need them too."""
    i18n.compile_catalogs()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture content frozen into a temporary build folder; returns build/site."""
    build_dir = tmp_path_factory.mktemp("fixture-build")
    return build.build(FIXTURE_CONTENT, build_dir)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, request) -> Path:
    """The project's real content frozen once per test run; returns build/site.

    The leaflets' PDF and Word files are kept between runs in pytest's cache, keyed by a hash of
    everything they depend on, so only changed leaflets are made again.
    """
    build_dir = tmp_path_factory.mktemp("real-build")
    cache = getattr(request.config, "cache", None)
    leaflet_cache = cache.mkdir("leaflet-cache") if cache else None
    return build.build(build.CONTENT_DIR, build_dir, leaflet_cache=leaflet_cache)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the fixture content, for tests that break it on purpose."""
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
