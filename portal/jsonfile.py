"""The build folder's JSON records (caches, keys, journal, record of inputs): each written whole or
not at all, and read as empty when missing, half-written or damaged, so a bad record only costs a
slower build. Standard library only: build.py reads its record of inputs before its imports."""

from __future__ import annotations

import json
from pathlib import Path


def read_json(path: Path) -> dict:
    """The object in `path`, or {} when there is none that can be read."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_json(path: Path, data: dict) -> None:
    """Write under a temporary name (`<name>.partial`), then rename: a half-written file is never read."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    partial.replace(path)
