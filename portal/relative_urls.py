"""Links relative to the page being frozen, so that the site works from any folder or a ZIP.

Frozen-Flask's relative_url_for asks Flask to build every link of every page (about thirty a
page) and then works out the relative path with os.path's relpath. The same address is built
again on every page that links to it, so this builds each address once per freeze and takes the
relative path with plain string work; the links are the same, character for character.

404.html is the exception: hosts serve it at whatever address was missing, so its relative links
are made to start from the site's folder on its host instead (links_from_root).
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

from flask import request, url_for

# A link written relative to the page: no scheme, not from the root, not a fragment.
RELATIVE_LINK = re.compile(r'(\s(?:href|src|data-service-worker)=")(?![a-z][a-z0-9+.-]*:|/|#)([^"]*")')


class RelativeUrls:
    """url_for for the templates while freezing: `url_for(endpoint, **values)`, relative."""

    def __init__(self) -> None:
        self._absolute: dict[tuple, str] = {}  # (endpoint, values): the address from the site's root

    def __call__(self, endpoint: str, **values) -> str:
        key = (endpoint, tuple(sorted(values.items())))
        url = self._absolute.get(key)
        if url is None:
            url = self._absolute[key] = url_for(endpoint, **values)
        return relative_url(url, request.path)


def relative_url(url: str, page_path: str) -> str:
    """`url` (from the site's root) as seen from the page at `page_path`; a folder's address gets
    index.html, as the frozen files are named. Other sites' addresses are left as they are."""
    if not url.startswith("/"):
        return url
    url, fragment_sep, fragment = url.partition("#")
    url, query_sep, query = url.partition("?")
    if url.endswith("/"):
        url += "index.html"
    url += query_sep + query + fragment_sep + fragment
    page_folder = page_path if page_path.endswith("/") else page_path.rsplit("/", 1)[0] + "/"
    return relative_path(url, page_folder)


def relative_path(target: str, start: str) -> str:
    """posixpath.relpath(target, start) for two addresses from the root, without its filesystem work."""
    target_parts = [part for part in target.split("/") if part]
    start_parts = [part for part in start.split("/") if part]
    common = 0
    for target_part, start_part in zip(target_parts, start_parts, strict=False):  # up to the shorter
        if target_part != start_part:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."


def links_from_root(html: str, base_url: str) -> str:
    """The HTML of a page at the site's root with its relative links starting from the site's folder
    on its host ("/guide/" for https://example.org/guide/; "/" without base_url).

    Only the path, so that the page also works on a copy of the site at another host (a preview),
    as long as the folder is the same. base_url is validated in site.yaml; escaped all the same.
    """
    folder = urlsplit(base_url).path if base_url else "/"
    folder = escape(folder if folder.endswith("/") else folder + "/", quote=True)
    return RELATIVE_LINK.sub(lambda match: match[1] + folder + match[2], html)
