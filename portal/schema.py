"""Front matter keys: each key with its own parser, so every mistake gets a precise message."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.errors import ErrorList
from portal.frontmatter import SplitFile, split_front_matter
from portal.yamlfile import Located, YamlError, as_written, read_text

AUDIENCES = ("families", "professionals", "both")
TRANSLATION_STATUSES = ("draft", "reviewed")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TRANSLATION_OF_PATTERN = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)@([0-9a-f]{10})$")


def parse_text(value: Any) -> str:
    """A non-empty line of text."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("write some text here")
    return " ".join(value.split())


def parse_audience(value: Any) -> str:
    if value not in AUDIENCES:
        raise ValueError(f"must be one of: {', '.join(AUDIENCES)}")
    return value


def parse_slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG_PATTERN.match(value):
        raise ValueError("use lower-case letters, digits and hyphens only, e.g. core-groups")
    return value


def parse_order(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number, e.g. 1")
    return value


def parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        raise ValueError("write only the date, as YYYY-MM-DD, without a time")
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-23") from None


def parse_text_list(value: Any) -> tuple[str, ...]:
    """A list of lines of text, each read exactly as written."""
    if not isinstance(value, list) or not value:
        raise ValueError("list at least one item, each on its own line starting with '- '")
    return tuple(parse_text(as_written(item)) for item in value)


def parse_sources(value: Any) -> tuple[str, ...]:
    """Ids of entries in content/sources.yaml (checked against it once that is loaded)."""
    if not isinstance(value, list) or not value:
        raise ValueError(
            "list at least one source id from sources.yaml, each on its own line starting with '- '"
        )
    ids = tuple(as_written(item) for item in value)
    for item in ids:
        if not isinstance(item, str) or not SLUG_PATTERN.match(item):
            raise ValueError(f"'{item}' is not a source id: write the id of an entry in content/sources.yaml")
    return ids


def parse_translation_of(value: Any) -> tuple[str, str]:
    match = TRANSLATION_OF_PATTERN.match(str(value))
    if not match:
        raise ValueError(
            "write the English page and its revision, e.g. what-is-a-core-group@1a2b3c4d5e "
            "(python build.py --revisions lists them)"
        )
    return match.group(1), match.group(2)


def parse_translation_status(value: Any) -> str:
    if value not in TRANSLATION_STATUSES:
        raise ValueError(f"must be one of: {', '.join(TRANSLATION_STATUSES)}")
    return value


class NestedProblems(ValueError):
    """Problems inside a nested mapping, each with its own line."""

    def __init__(self, problems: list[tuple[int, str]]):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


@dataclass(frozen=True)
class Field:
    """A key's parser; a `text` key gets a scalar exactly as written (02070000000 stays text)."""

    parse: Callable[[Any], Any]
    required: bool
    text: bool = False


PAGE_FIELDS: dict[str, Field] = {
    "title": Field(parse_text, True, text=True),
    "summary": Field(parse_text, True, text=True),
    "audience": Field(parse_audience, True),
    "topic": Field(parse_slug, True),
    "order": Field(parse_order, True),
    "reviewed": Field(parse_date, True),
    "review_by": Field(parse_date, True),
    "sources": Field(parse_sources, False),  # English pages only: checked in portal.loader
    "translation_of": Field(parse_translation_of, False),
    "translation_status": Field(parse_translation_status, False),
    # Sign-off by a translator: only with translation_status: reviewed (see portal.review).
    "reviewed_by": Field(parse_text, False, text=True),
    "reviewed_on": Field(parse_date, False),
    # A local page that takes the place of a shared page: its name and the revision it was written against.
    "replaces": Field(parse_translation_of, False),
}


def parse_fields(
    raw: dict[str, Located], fields: dict[str, Field], start_line: int
) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """Parse every key; return the values and a list of (line, problem) for the bad ones."""
    values: dict[str, Any] = {}
    problems: list[tuple[int, str]] = []
    for key, located in raw.items():
        field = fields.get(key)
        if field is None:
            known = ", ".join(fields)
            problems.append((located.line, f"unknown key '{key}' (known keys: {known})"))
            continue
        try:
            values[key] = field.parse(as_written(located) if field.text else located.value)
        except NestedProblems as nested:
            problems += [(line, f"'{key}': {message}") for line, message in nested.problems]
        except ValueError as error:
            problems.append((located.line, f"'{key}': {error}"))
    for key, field in fields.items():
        if field.required and key not in raw:
            problems.append((start_line, f"the key '{key}' is missing: add a line '{key}: ...'"))
    return values, problems


def parse_entries(
    path: Path,
    raw: dict[str, Located] | None,
    fields: dict[str, Field],
    errors: ErrorList,
    *,
    name: Callable[[str], str],
    key_problem: Callable[[str], str | None],
    needs: str,
) -> dict[str, tuple[dict[str, Any], int]]:
    """A YAML file of entries by key (sources.yaml, topics.yaml, contacts.yaml), each checked.

    `key_problem` says what is wrong with a key (None when nothing is); `name` names an entry in
    messages ("topic 'x'"); `needs` says what an entry needs when it is not a set of keys. Every
    problem is reported at its line; each good entry is returned with its parsed values and line.
    """
    entries: dict[str, tuple[dict[str, Any], int]] = {}
    for key, located in (raw or {}).items():
        if problem := key_problem(key):
            errors.add(path, located.line, problem)
        elif not isinstance(located.value, dict):
            errors.add(path, located.line, f"{name(key)} needs {needs}")
        else:
            values, problems = parse_fields(located.value, fields, located.line)
            for line, message in problems:
                errors.add(path, line, f"{name(key)}: {message}")
            if not problems:
                entries[key] = (values, located.line)
    return entries


def bad_id(kind: str) -> Callable[[str], str | None]:
    """The key check of entries whose keys are ids: lower-case letters, digits and hyphens."""
    return lambda key: (
        None if SLUG_PATTERN.match(key) else f"{kind} '{key}': use lower-case letters, digits and hyphens"
    )


def read_page_fields(
    path: Path, fields: dict[str, Field], errors: ErrorList, split: SplitFile | None = None
) -> tuple[SplitFile, dict] | None:
    """A Markdown page's front matter parsed key by key, with its body; None (problems reported) when unusable.

    Shared by guide pages and Easy Read pages, so both report the same mistakes the same way.
    `split` is the file already read and split, when the caller has it.
    """
    if split is None:
        try:
            split = split_front_matter(read_text(path))
        except YamlError as error:
            errors.add(path, error.line, str(error))
            return None
    values, problems = parse_fields(split.fields, fields, 1)
    for line, message in problems:
        errors.add(path, line, message)
    if problems:
        return None
    if values["review_by"] <= values["reviewed"]:
        errors.add(path, split.fields["review_by"].line, "'review_by' must be a date after 'reviewed'")
    return split, values
