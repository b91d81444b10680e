"""Splitting a Markdown file into its front matter (YAML between --- lines) and its body."""

from __future__ import annotations

from dataclasses import dataclass

from portal.yamlfile import Located, YamlError, parse_yaml


@dataclass(frozen=True)
class SplitFile:
    """The front matter keys (with their lines), the Markdown body and the body's first line."""

    fields: dict[str, Located]
    body: str
    body_first_line: int


def split_front_matter(text: str) -> SplitFile:
    """Split a page's text; raises YamlError when the front matter is missing or malformed."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise YamlError(
            "the page must start with a line '---', then its details (title, summary, ...), "
            "then another '---' line",
            1,
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            fields = parse_yaml("".join(lines[1:index]), first_line=2)
            if not isinstance(fields, dict):
                raise YamlError("the details between the '---' lines must be 'key: value' lines", 2)
            return SplitFile(fields, "".join(lines[index + 1 :]), index + 2)
    raise YamlError("the details at the top are never closed: add a line '---' after them", 1)
