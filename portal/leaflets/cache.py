"""The leaflets' PDF and Word files, made on every core, kept in a cache by a hash of what each depends on.

A cache entry is a folder named by the leaflet's key, holding its files and a files.json that
lists them; it is written under a temporary name and renamed, so a half-written entry never counts.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from portal import leaflets
from portal.parallel import cores

LEAFLET_CACHE = ".leaflet-cache"  # in the build folder; made files, by the hash of what they depend on
LEAFLET_CACHE_DAYS = 30  # cached leaflets unused for this long are removed


def make_leaflets(app, cache_dir: Path) -> leaflets.LeafletCatalogue:
    """Each leaflet's PDF and Word file: from the cache when nothing they depend on has changed."""
    started = time.perf_counter()
    documents = leaflets.leaflet_documents(app)
    cache_dir.mkdir(parents=True, exist_ok=True)
    files = {document.key: _cached_leaflet(cache_dir / document.key) for document in documents}
    to_make = [document for document in documents if files[document.key] is None]
    if len(to_make) > 1:  # a second or more each: say so before the wait
        print(
            f"Making {len(to_make)} leaflets (PDF and Word); the cache keeps them for the next build...",
            flush=True,
        )
    for document, made in zip(to_make, _make_files(to_make), strict=True):
        files[document.key] = made
        _cache_leaflet(cache_dir, document.key, made)
    _prune_leaflet_cache(cache_dir)
    print(
        f"Leaflets: {len(documents)} ({len(to_make)} made, {len(documents) - len(to_make)} from the cache) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return leaflets.LeafletCatalogue(
        tuple(leaflets.made_leaflet(document, files[document.key]) for document in documents)
    )


def _make_files(documents: list[leaflets.LeafletDocument]) -> list[tuple[leaflets.LeafletFile, ...]]:
    """The files of each document, in order: the slow part (a second or more each), so on every core.

    The longest documents start first, so that no core is left with a long one at the end.
    """
    workers = min(len(documents), cores())
    if workers < 2:
        return [leaflets.make_files(document) for document in documents]
    longest_first = sorted(documents, key=lambda document: -len(document.html))
    # Spawned, not forked: a worker starts clean even when the caller has threads (a test run's browser).
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        made = pool.map(
            leaflets.files_from_html,
            [document.html for document in longest_first],
            [document.stem for document in longest_first],
        )
        by_stem = dict(zip((document.stem for document in longest_first), made, strict=True))
    return [by_stem[document.stem] for document in documents]


def _cached_leaflet(entry: Path) -> tuple[leaflets.LeafletFile, ...] | None:
    try:
        listed = json.loads((entry / "files.json").read_text(encoding="utf-8"))
        files = tuple(
            leaflets.LeafletFile(
                item["filename"], item["format"], (entry / item["filename"]).read_bytes(), item["pages"]
            )
            for item in listed
        )
    except (OSError, ValueError, KeyError):
        return None
    os.utime(entry)  # in use, so pruning keeps it
    return files


def _cache_leaflet(cache_dir: Path, key: str, files: tuple[leaflets.LeafletFile, ...]) -> None:
    """Write an entry in full under a temporary name, then rename it: a half-written entry never counts."""
    partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=cache_dir))
    for file in files:
        (partial / file.filename).write_bytes(file.data)
    listed = [{"filename": file.filename, "format": file.format, "pages": file.pages} for file in files]
    (partial / "files.json").write_text(json.dumps(listed, indent=1), encoding="utf-8")
    shutil.rmtree(cache_dir / key, ignore_errors=True)
    partial.rename(cache_dir / key)


def _prune_leaflet_cache(cache_dir: Path) -> None:
    too_old = time.time() - LEAFLET_CACHE_DAYS * 24 * 3600
    for entry in cache_dir.iterdir():
        if entry.stat().st_mtime < too_old:  # a crashed build's partial entry goes too, in time
            shutil.rmtree(entry, ignore_errors=True)
