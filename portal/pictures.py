"""The pictures Easy Read pages may use: OpenMoji symbols vendored in static/pictures/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PICTURES_DIR = Path(__file__).resolve().parent.parent / "static" / "pictures"
# What the licence (CC BY-SA 4.0) asks for, in the words OpenMoji suggest; shown on every
# Easy Read page and in the Easy Read leaflet.
OPENMOJI_URL = "https://openmoji.org/"
LICENCE_NAME = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


@cache
def picture_names(folder: Path = PICTURES_DIR) -> frozenset[str]:
    """The names content can use: each picture has name.svg (web, PDF) and name.png (Word)."""
    return frozenset(path.stem for path in folder.glob("*.svg") if path.with_suffix(".png").is_file())


def picture_path(name: str, suffix: str = ".svg", folder: Path = PICTURES_DIR) -> Path:
    return folder / f"{name}{suffix}"
