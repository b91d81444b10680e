"""Everything a build reads, as one fingerprint, and whether the site in place was made from it.

Standard library only, and nothing else from the project: `python build.py` asks this before it
imports Flask, WeasyPrint and the rest (most of a second), so that a build with nothing changed
answers at once. A build writes the record (RECORD) after it has swapped its site in; the answer
is "nothing changed" only when the inputs hash the same and the site and its ZIP are still the
very files that build left (same sizes and modification times), so a hand-edited or half-removed
site is built again.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import sys
import sysconfig
from pathlib import Path

from portal.jsonfile import read_json, write_json
from portal.paths import ROOT, SITE_NAME, ZIP_NAME

RECORD = ".inputs.json"  # in the build folder
# The project's own inputs besides the content: code and templates, static files, catalogues.
PROJECT_FOLDERS = (ROOT / "portal", ROOT / "static", ROOT / "translations")
PROJECT_FILES = (ROOT / "build.py",)
DERIVED = (".mo", ".pyc", ".compiled-from")  # made from files that are hashed already
# The fonts and libraries WeasyPrint uses come from Debian packages: any package change counts.
DEBIAN_PACKAGES = Path("/var/lib/dpkg/status")


def fingerprint(content_dir: Path, local_dir: Path | None, strict: bool, require_translations: bool) -> str:
    """A hash of every file a build reads, its settings, today's date (pages show review dates),
    the Python and the installed packages' names and versions."""
    digest = hashlib.blake2b(digest_size=20)
    facts = [
        f"strict={strict} require_translations={require_translations}",
        datetime.date.today().isoformat(),
        sys.version,
        *sorted(_listing(Path(sysconfig.get_paths()["purelib"]))),
        repr(_stat(DEBIAN_PACKAGES)),
    ]
    for fact in facts:
        digest.update(fact.encode("utf-8", "surrogateescape") + b"\0")
    for folder in (content_dir, *((local_dir,) if local_dir else ()), *PROJECT_FOLDERS):
        digest.update(f"folder {folder}\0".encode("utf-8", "surrogateescape"))
        for path in _files_under(folder):
            _add_file(digest, path, path.relative_to(folder).as_posix())
    for path in PROJECT_FILES:
        _add_file(digest, path, path.name)
    return digest.hexdigest()


def forget_record(build_dir: Path) -> None:
    """Called as a build starts: until it has finished, the site in place is not known to be current."""
    (build_dir / RECORD).unlink(missing_ok=True)


def write_record(build_dir: Path, inputs: str, warnings: list[str]) -> None:
    """Remember what the site in place was made from, and the build's warnings to show again."""
    write_json(
        build_dir / RECORD, {"inputs": inputs, "output": _output_state(build_dir), "warnings": warnings}
    )


def report_if_current(build_dir: Path, inputs: str) -> bool:
    """When the site in place was made from exactly these inputs and is still as it was made, say so
    (with that build's warnings again) and answer True."""
    record = read_json(build_dir / RECORD)
    if record.get("inputs") != inputs:
        return False
    if record.get("output") != _output_state(build_dir):
        return False
    for warning in record.get("warnings") or ():
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Nothing changed since the last build: {build_dir / SITE_NAME} and its ZIP are up to date")
    return True


def _output_state(build_dir: Path) -> dict[str, list[int]]:
    """The size and modification time of every file of the site and of its ZIP."""
    site_dir = build_dir / SITE_NAME
    state = {path.relative_to(site_dir).as_posix(): _stat(path) for path in _files_under(site_dir)}
    state[f"<{ZIP_NAME}>"] = _stat(build_dir / ZIP_NAME)
    return state


def _files_under(folder: Path) -> list[Path]:
    found = []
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        found.extend(Path(directory, name) for name in sorted(names) if not name.endswith(DERIVED))
    return found


def _add_file(digest, path: Path, name: str) -> None:
    try:
        data = path.read_bytes()
    except OSError:
        data = b"\xff missing"
    digest.update(f"{name}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
    digest.update(data)


def _stat(path: Path) -> list[int]:
    try:
        found = path.stat()
    except OSError:
        return [-1, -1]
    return [found.st_size, found.st_mtime_ns]


def _listing(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []
