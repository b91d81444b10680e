"""The documents the guide's facts come from (content/sources.yaml), which pages cite by id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from portal.errors import ErrorList
from portal.schema import Field, bad_id, parse_entries, parse_text
from portal.yamlfile import read_yaml_file

# How firm a source is, so a reader can tell national guidance from one area's practice.
# The words shown for each kind are interface strings (portal/templates/sources.html).
SOURCE_KINDS = ("national-guidance", "local-procedure", "national-charity", "review", "public-service")


@dataclass(frozen=True)
class Source:
    """One document: what it is called, who publishes it, what kind it is and where to read it."""

    id: str
    title: str
    publisher: str
    kind: str
    url: str = ""  # empty when the document has no public https address


def _kind(value: Any) -> str:
    if value not in SOURCE_KINDS:
        raise ValueError(f"must be one of: {', '.join(SOURCE_KINDS)}")
    return value


def _https_url(value: Any) -> str:
    text = parse_text(value)
    if not text.startswith("https://") or any(character in text for character in ' "<>'):
        raise ValueError(f"'{text}' must be a public address starting with https:// (or leave the key out)")
    return text


SOURCE_FIELDS = {
    "title": Field(parse_text, True, text=True),
    "publisher": Field(parse_text, True, text=True),
    "kind": Field(_kind, True),
    "url": Field(_https_url, False, text=True),
}


def load_sources(path: Path, errors: ErrorList) -> Mapping[str, Source]:
    """Read and check the list of sources; problems go to `errors`."""
    if not path.exists():
        errors.add(path, None, "the list of sources is missing (see content/README.md, Sources)")
        return MappingProxyType({})
    raw = read_yaml_file(path, errors, dict, "write one source id per line, each followed by its details")
    entries = parse_entries(
        path,
        raw,
        SOURCE_FIELDS,
        errors,
        name=lambda source_id: f"source '{source_id}'",
        key_problem=bad_id("source id"),
        needs="title, publisher and kind",
    )
    sources = {source_id: Source(source_id, **values) for source_id, (values, _) in entries.items()}
    return MappingProxyType(sources)
