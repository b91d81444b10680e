"""The site in one ZIP file, the same bytes for the same site, reusing the last ZIP's compressed entries.

Standard library only. Every entry is dated 1980-01-01 (ZIP's earliest date) and files that are
compressed already (PDF, Word, PNG) are stored as they are. Deflating is most of the ZIP's cost,
so an entry whose bytes are the same as in the previous ZIP is copied from it still compressed:
the same data deflated by the same zlib gives the same bytes, so the new ZIP is byte for byte the
one a build from nothing makes.
"""

from __future__ import annotations

import contextlib
import struct
import zipfile
from pathlib import Path

FOLDER_IN_ZIP = "core-group-guide"
COMPRESSED = frozenset({".pdf", ".docx", ".png"})  # stored as they are: deflating gains nothing
LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # a ZIP entry's local header: fixed part, then name and extra


def zip_folder(folder: Path, zip_path: Path, previous: Path | None = None) -> int:
    """Write `folder` as `zip_path`; the number of entries copied from `previous` (an earlier ZIP)."""
    reused = 0
    with _open_previous(previous) as old, zipfile.ZipFile(zip_path, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            entry = _entry(f"{FOLDER_IN_ZIP}/{path.relative_to(folder).as_posix()}", path.suffix)
            data = path.read_bytes()
            raw = _same_entry(old, entry, data)
            if raw is None:
                archive.writestr(entry, data)
            else:
                _write_compressed(archive, entry, raw)
                reused += 1
    return reused


def _entry(name: str, suffix: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    entry.external_attr = 0o644 << 16
    entry.compress_type = zipfile.ZIP_STORED if suffix in COMPRESSED else zipfile.ZIP_DEFLATED
    return entry


def _open_previous(previous: Path | None):
    """The previous ZIP, or None (in a context manager either way) when it is missing or damaged."""
    try:
        return zipfile.ZipFile(previous) if previous and previous.is_file() else contextlib.nullcontext()
    except (OSError, zipfile.BadZipFile):
        return contextlib.nullcontext()  # a damaged ZIP is simply made again


def _same_entry(old: zipfile.ZipFile | None, entry: zipfile.ZipInfo, data: bytes) -> tuple | None:
    """The old ZIP's (info, compressed bytes) of `entry` when it holds exactly `data` the same way."""
    info = old.NameToInfo.get(entry.filename) if old else None
    if info is None or info.compress_type != entry.compress_type or info.file_size != len(data):
        return None
    try:
        if old.read(info) != data:  # inflating is quick; deflating is what costs
            return None
        old.fp.seek(info.header_offset)
        fields = LOCAL_HEADER.unpack(old.fp.read(LOCAL_HEADER.size))
        old.fp.seek(info.header_offset + LOCAL_HEADER.size + fields[-2] + fields[-1])
        return info, old.fp.read(info.compress_size)
    except (OSError, zipfile.BadZipFile, ValueError, struct.error):
        return None


def _write_compressed(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, found: tuple) -> None:
    """Add `entry` with data compressed already, as ZipFile.writestr would have written it.

    zipfile has no public way to do this; these are the steps writestr takes once it has compressed.
    """
    info, raw = found
    entry.CRC, entry.file_size, entry.compress_size = info.CRC, info.file_size, len(raw)
    entry.header_offset = archive.fp.tell()
    archive._writecheck(entry)
    archive._didModify = True
    archive.fp.write(entry.FileHeader(False))
    archive.fp.write(raw)
    archive.filelist.append(entry)
    archive.NameToInfo[entry.filename] = entry
    archive.start_dir = archive.fp.tell()
