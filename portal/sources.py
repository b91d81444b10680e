"""The documents the guide's facts come from (content/sources.yaml), which pages cite by id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from portal.errors import ErrorList
from portal.schema import SLUG_PATTERN, Field, parse_fields, parse_text
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
    sources: dict[str, Source] = {}
    for source_id, located in (raw or {}).items():
        if not SLUG_PATTERN.match(source_id):
            errors.add(
                path, located.line, f"source id '{source_id}': use lower-case letters, digits and hyphens"
            )
            continue
        if not isinstance(located.value, dict):
            errors.add(path, located.line, f"source '{source_id}' needs title, publisher and kind")
            continue
        values, problems = parse_fields(located.value, SOURCE_FIELDS, located.line)
        for line, message in problems:
            errors.add(path, line, f"source '{source_id}': {message}")
        if not problems:
            sources[source_id] = Source(source_id, **values)
    return MappingProxyType(sources)
