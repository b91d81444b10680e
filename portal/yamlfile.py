"""Reading YAML while keeping the line number of every key, so errors can point at it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from portal.errors import ErrorList


@dataclass(frozen=True)
class Located:
    """A YAML value with the line it starts on (1-based, in the file)."""

    value: Any
    line: int


class YamlError(ValueError):
    """Malformed YAML, with the line where the parser gave up."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def read_text(path: Path) -> str:
    """Read a UTF-8 text file; a file in another encoding is a YamlError naming the line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise YamlError(
            "the file is not saved as UTF-8 text; open it in your editor and save it "
            "with the encoding 'UTF-8'",
            line,
        ) from None


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
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise YamlError(f"this is not valid YAML ({problem})", line) from None
    if node is None:
        return None
    return _convert(node, first_line)


def _convert(node: yaml.Node, first_line: int) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Located] = {}
        for key_node, value_node in node.value:
            key = str(_plain(key_node))
            result[key] = Located(_convert(value_node, first_line), key_node.start_mark.line + first_line)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [Located(_convert(item, first_line), item.start_mark.line + first_line) for item in node.value]
    return _plain(node)


def _plain(node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except ValueError:
        # e.g. 2026-13-01 looks like a date but is not one: keep the text so the key's own
        # parser can say what is wrong with it.
        return node.value


def unwrap(value: Any) -> Any:
    """Turn Located wrappers back into plain values (for data that needs no line numbers)."""
    if isinstance(value, Located):
        return unwrap(value.value)
    if isinstance(value, dict):
        return {key: unwrap(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unwrap(item) for item in value]
    return value
