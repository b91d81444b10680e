"""Reading YAML safely while keeping the line number of every key, so errors can point at it.

Content and configuration need none of YAML's programming features, and some of them are
dangerous in files that come from outside (an alias can turn a few hundred bytes into gigabytes).
So the one reader builds the tree itself from the parser's events and refuses anchors, aliases,
merge keys, tags, duplicate keys, deep nesting and large files, each with its line. Every scalar
keeps the text it was written as, so a text setting is read exactly as written (`as_written`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from portal.errors import ErrorList

# libyaml when it is installed (much faster), else the pure-Python parser; both give lines.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_CHARACTERS = 1_000_000  # content files are a few kilobytes
MAX_DEPTH = 20  # levels of nested lists and mappings; content needs four or five
MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Located:
    """A YAML value with the line it starts on (1-based, in the file).

    `source` is a scalar's text exactly as written (None for lists and mappings).
    """

    value: Any
    line: int
    source: str | None = None


class YamlError(ValueError):
    """Malformed or refused YAML (or an unreadable file), with the line where the problem is."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def read_text(path: Path) -> str:
    """Read a UTF-8 text file with \\n line endings; an unreadable, huge or wrongly encoded file is a YamlError."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_CHARACTERS + 1)
    except (IsADirectoryError, PermissionError) as error:
        raise YamlError(f"the file cannot be read ({error.strerror})", None) from None
    _check_size(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise YamlError(
            "the file is not saved as UTF-8 text; open it in your editor and save it "
            "with the encoding 'UTF-8'",
            line,
        ) from None
    # Windows line endings read the same, so saving a page on Windows changes nothing.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_size(text: str | bytes) -> None:
    if len(text) > MAX_CHARACTERS:
        raise YamlError(
            f"the file is too large (over {MAX_CHARACTERS:,} characters); content files are far smaller",
            None,
        )


def read_yaml_file(path: Path, errors: ErrorList, shape: type, shape_message: str) -> Any:
    """Parse a YAML file whose top level must be a `shape` (dict or list).

    A missing, malformed or wrongly shaped file is reported to `errors` and gives None.
    """
    try:
        raw = parse_yaml(read_text(path))
    except FileNotFoundError:
        errors.add(path, None, "the file is missing")
        return None
    except YamlError as error:
        errors.add(path, error.line, str(error))
        return None
    if not isinstance(raw, shape):
        errors.add(path, 1, shape_message)
        return None
    return raw


def parse_yaml(text: str, first_line: int = 1) -> Any:
    """Parse YAML into plain Python values; mappings become dicts of key -> Located."""
    _check_size(text)
    builder = _TreeBuilder(first_line)
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            builder.add(event)
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + first_line
        raise YamlError(
            f"the file contains a character that is not allowed (U+{error.character:04X}); remove it", line
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise YamlError(f"this is not valid YAML ({problem})", line) from None
    return builder.root


def as_written(located: Located) -> Any:
    """The value, except that a scalar YAML read as a number, date or yes/no gives its text as written.

    YAML turns 02070000000 into 283115520, +441632960000 into 441632960000, 12:30:45 into 45045
    and `no` into False; a text setting wants the characters the author typed.
    """
    value = located.value
    if located.source is None or value is None or isinstance(value, str):
        return value
    return located.source


@dataclass
class _Collection:
    """A list or mapping being filled in, with the key waiting for its value (mappings)."""

    value: dict | list
    key: str | None = None
    key_line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)


class _TreeBuilder:
    """Turns parser events into dicts, lists and values, refusing what content has no use for."""

    def __init__(self, first_line: int):
        self.first_line = first_line
        self.stack: list[_Collection] = []
        self.root: Any = None
        self.documents = 0
        # One resolver and constructor per file: they turn plain scalars into ints, dates, ...
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def add(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._error(event, "a second document starts here ('---'): keep one per file")
        elif isinstance(event, yaml.AliasEvent):
            raise self._error(
                event,
                f"'*{event.anchor}' repeats another part of the file (an alias); write the value out instead",
            )
        elif isinstance(event, yaml.NodeEvent):
            self._refuse_anchor_and_tag(event)
            if isinstance(event, yaml.ScalarEvent):
                self._scalar(event)
            elif isinstance(event, yaml.CollectionStartEvent):
                self._start(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()

    def _refuse_anchor_and_tag(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            raise self._error(
                event, f"'&{event.anchor}' names a part of the file to repeat (an anchor); remove it"
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            written = tag.replace("tag:yaml.org,2002:", "!!")
            raise self._error(
                event, f"'{written}' (a YAML tag) is not used here; remove it (put text in quotes if needed)"
            )

    def _start(self, event: yaml.CollectionStartEvent) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise self._error(event, f"lists and sections are nested more than {MAX_DEPTH} deep")
        if self.stack and isinstance(self.stack[-1].value, dict) and self.stack[-1].key is None:
            raise self._error(event, "a key must be a word or text, not a list or section")
        collection = _Collection({} if isinstance(event, yaml.MappingStartEvent) else [])
        self._place(collection.value, self._line(event), None)
        self.stack.append(collection)

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        line = self._line(event)
        current = self.stack[-1] if self.stack else None
        if current is not None and isinstance(current.value, dict) and current.key is None:
            self._key(current, event, line)
        else:
            self._place(self._construct(event), line, event.value)

    def _key(self, mapping: _Collection, event: yaml.ScalarEvent, line: int) -> None:
        key = event.value
        if event.implicit[0] and self._tag_of(event) == MERGE_TAG:
            raise self._error(event, "'<<' (a merge key) is not used here; write the keys out instead")
        if key in mapping.key_lines:
            raise YamlError(
                f"the key '{key}' is written twice, on lines {mapping.key_lines[key]} and {line}: keep one",
                line,
            )
        mapping.key, mapping.key_line = key, line
        mapping.key_lines[key] = line

    def _place(self, value: Any, line: int, source: str | None) -> None:
        if not self.stack:
            self.root = value
            return
        current = self.stack[-1]
        if isinstance(current.value, list):
            current.value.append(Located(value, line, source))
        else:
            current.value[current.key] = Located(value, current.key_line, source)
            current.key = None

    def _construct(self, event: yaml.ScalarEvent) -> Any:
        """Quoted and block text stays text; a plain scalar becomes what YAML 1.1 reads it as."""
        if not event.implicit[0]:
            return event.value
        tag = self._tag_of(event)
        if tag == MERGE_TAG:
            raise self._error(event, "'<<' (a merge key) is not used here; write the keys out instead")
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            # e.g. 2026-13-01 looks like a date but is not one: keep the text so the key's own
            # parser can say what is wrong with it.
            return event.value

    def _tag_of(self, event: yaml.ScalarEvent) -> str:
        return self.resolver.resolve(yaml.ScalarNode, event.value, (True, False))

    def _line(self, event: yaml.Event) -> int:
        return event.start_mark.line + self.first_line

    def _error(self, event: yaml.Event, message: str) -> YamlError:
        return YamlError(message, self._line(event))
