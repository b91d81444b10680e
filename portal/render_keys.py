"""A key for each frozen address: a hash of everything its view and templates use from the Site model.

An address whose key is the same as in the last good build has the same bytes, so the build copies
them instead of rendering the page again. The keys come from the validated model, never from file
names, so that any content the loader adds to the model (a local layer, say) counts.

Most of a page is navigation, labels and settings, which many pages show; a page's text (its
Markdown, rendered, and the revision that hashes it) is shown only by the few addresses that show
that page. So every key has two parts:
- the site's outline: the whole model with every page's text left out, plus the code, templates,
  compiled catalogues and static files (a title, a setting or a template changed: every page again);
- the texts the address shows: its own page in its language and in English for a page, both sides
  for a bilingual page, every page a language's readers see for its search index, every text for
  the few addresses that show them all (service worker, status report, calculator), and the
  leaflets it lists (their sizes change with their pages).
A translation's review state comes from its English page's revision, which only the addresses that
show the state use (the page, its bilingual view, the about page's count, the status report).
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from collections.abc import Iterable, Mapping
from importlib.metadata import version
from pathlib import Path
from types import NoneType

from flask_babel.speaklater import LazyString

from portal.leaflets.catalogue import LeafletCatalogue
from portal.models import Site

# The fields that hold a page's text, or a hash of it: shown only where the page itself is.
TEXT_FIELDS = frozenset({"body_html", "headings", "revision", "sections"})
# Addresses that show every page's text (or the review state of each).
SHOW_EVERY_TEXT = frozenset({"offline.service_worker", "review.status", "site.calculator"})
DATED = frozenset({"site.accessibility", "site.privacy", "site.about"})  # they show the build's date
LIBRARIES = ("flask", "jinja2", "flask-babel", "babel", "markdown", "frozen-flask", "markupsafe")


class RenderKeys:
    """The key of each address of one site, worked out once per build for the parts all pages share."""

    def __init__(
        self,
        site: Site,
        leaflets: LeafletCatalogue,
        code_folders: Iterable[Path],
        settings: str = "",
        build_date: object = None,
    ) -> None:
        self.site = site
        self.leaflets = leaflets
        self.build_date = build_date
        outline = hashlib.sha256(_code_fingerprint(code_folders).encode())
        outline.update(settings.encode())
        for item in _outline(site):
            outline.update(stable_repr(item).encode())
        self.outline = outline.hexdigest()
        self._every_text: str | None = None
        # Each page's texts hashed once (most are in three keys), by id(page); the page is kept
        # with its hash so that its id cannot be reused by another object during the build.
        self._text_digests: dict[int, tuple[object, str]] = {}

    def key(self, endpoint: str, values: Mapping[str, object]) -> str:
        """The key of the address made by `endpoint` with `values`."""
        digest = hashlib.sha256(f"{self.outline} {endpoint} {stable_repr(values)}".encode())
        if endpoint in SHOW_EVERY_TEXT:
            digest.update(self.every_text().encode())
        elif endpoint in DATED:
            digest.update(str(self.build_date).encode())
            if endpoint == "site.about":  # it counts the reviewed translations
                digest.update(stable_repr(self._translation_states()).encode())
        for page in self._pages_shown(endpoint, values):
            digest.update(self._text_digest(page).encode())
        digest.update(stable_repr(self._leaflets_shown(endpoint, values)).encode())
        return digest.hexdigest()

    def every_text(self) -> str:
        if self._every_text is None:
            digest = hashlib.sha256(stable_repr((self.leaflets, self.site.warnings)).encode())
            for code, content in sorted(self.site.content.items()):
                for kind in (content.pages, content.easy_read):
                    for slug, page in sorted(kind.items()):
                        digest.update(f"{code} {slug} {self._text_digest(page)}".encode())
            self._every_text = digest.hexdigest()
        return self._every_text

    def _text_digest(self, page) -> str:
        found = self._text_digests.get(id(page))
        if found is None:
            found = self._text_digests[id(page)] = (
                page,
                hashlib.sha256(stable_repr(_texts(page)).encode()).hexdigest(),
            )
        return found[1]

    def _translation_states(self) -> list[tuple[str, str, str]]:
        site = self.site
        return [
            (code, slug, site.translation_state(code, slug)) for code in site.content for slug in site.slugs
        ]

    def _pages_shown(self, endpoint: str, values: Mapping[str, object]) -> list:
        """The pages whose text the address shows (beyond the outline)."""
        site, lang, slug = self.site, values.get("lang"), values.get("slug")
        if endpoint in ("site.page", "review.bilingual"):
            found = [site.content[lang].pages.get(slug), site.source.pages.get(slug)]
        elif endpoint == "site.easy_read":
            english = site.source.easy_read.get(slug)
            found = [site.content[lang].easy_read.get(slug), english]
            covered = english.pages if english else ()
            found += [site.page(lang, name).page for name in covered if name in site.source.pages]
        elif endpoint == "site.search_index_script":  # every page a reader of `lang` sees
            found = list(site.pages_in(lang))
        elif endpoint == "site.easy_read_index":
            found = [site.content[lang].easy_read.get("index"), site.source.easy_read.get("index")]
        else:
            found = []
        return [page for page in found if page is not None]

    def _leaflets_shown(self, endpoint: str, values: Mapping[str, object]) -> tuple:
        """The leaflets (with their sizes and pages) the address lists."""
        lang, slug = values.get("lang"), values.get("slug")
        about = {
            "site.page": slug,
            "site.calculator": "calculator",
            "site.easy_read_index": "easy-read/",
            "site.easy_read": f"easy-read/{slug}",
        }
        if endpoint in about:
            return self.leaflets.about(lang, about[endpoint])
        return self.leaflets.for_reader(lang) if endpoint == "site.leaflets" else ()


def stable_repr(value: object) -> str:
    """repr() that is the same in every process: sets in sorted order, dataclasses by the fields their repr shows."""
    if isinstance(value, str | int | float | bool | NoneType):
        return repr(value)
    if isinstance(value, LazyString):  # its words, not their translation in whatever language is active
        return f"_l({stable_repr(value._args)}, {stable_repr(value._kwargs)})"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (
            f"{f.name}={stable_repr(getattr(value, f.name))}" for f in dataclasses.fields(value) if f.repr
        )
        return f"{type(value).__name__}({', '.join(fields)})"
    if isinstance(value, Mapping):
        return (
            "{" + ", ".join(f"{stable_repr(key)}: {stable_repr(item)}" for key, item in value.items()) + "}"
        )
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(stable_repr(item) for item in value)) + "}"
    if isinstance(value, tuple | list):
        return "(" + ", ".join(stable_repr(item) for item in value) + ")"
    return repr(value)


def _texts(page) -> tuple:
    return tuple(getattr(page, name) for name in sorted(TEXT_FIELDS) if hasattr(page, name))


def _outline(site: Site) -> Iterable[object]:
    """The whole model with the pages' texts left out, in a fixed order."""
    for field in dataclasses.fields(site):
        if field.name not in ("content", "warnings") and field.repr:  # warnings: printed, on no page
            yield field.name, getattr(site, field.name)
    for code, content in sorted(site.content.items()):
        for field in dataclasses.fields(content):
            value = getattr(content, field.name)
            if field.name in ("pages", "easy_read"):
                for slug, page in sorted(value.items()):
                    yield code, field.name, slug, _without_texts(page)
            else:
                yield code, field.name, value


def _without_texts(page) -> tuple:
    return tuple(
        (field.name, getattr(page, field.name))
        for field in dataclasses.fields(page)
        if field.name not in TEXT_FIELDS and field.repr
    )


def _code_fingerprint(folders: Iterable[Path]) -> str:
    """The code, templates, catalogues and static files that turn the model into pages, and the libraries."""
    digest = hashlib.sha256(sys.version.encode())
    digest.update(" ".join(f"{name} {version(name)}" for name in LIBRARIES).encode())
    for folder in folders:
        for path in sorted(
            path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts
        ):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
