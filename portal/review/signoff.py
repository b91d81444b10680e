"""A translator's sign-off: on a translated page's front matter, and in <lang>/review.yaml for the rest."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.errors import ErrorList
from portal.schema import Field, parse_date, parse_fields, parse_text, parse_translation_status
from portal.yamlfile import Located, read_yaml_file

REVIEW_FILE = "review.yaml"
# The parts of a language that are not pages, each signed off as a whole in review.yaml.
PARTS = ("glossary", "topics", "calculator", "interface")
REVISION_PATTERN = re.compile(r"^[0-9a-f]{10}$")


def parse_revision(value: Any) -> str:
    if not isinstance(value, str) or not REVISION_PATTERN.match(value):
        raise ValueError("write the English revision you checked against, e.g. 1a2b3c4d5e (make revisions)")
    return value


PART_FIELDS = {
    "translation_of": Field(parse_revision, True, text=True),
    "translation_status": Field(parse_translation_status, True),
    "reviewed_by": Field(parse_text, False, text=True),
    "reviewed_on": Field(parse_date, False),
}


@dataclass(frozen=True)
class SignOff:
    """One part of a language (glossary, topics, calculator texts, interface strings) and its check."""

    part: str
    translation_of: str  # the English revision the translation follows
    translation_status: str
    reviewed_by: str | None = None
    reviewed_on: datetime.date | None = None


def sign_off_problems(values: dict[str, Any], fields: dict[str, Located]) -> list[tuple[int, str]]:
    """What is wrong with a sign-off: `reviewed` needs who and when; `draft` has neither."""
    problems = []
    if values.get("translation_status") == "reviewed":
        for key, example in (
            ("reviewed_by", "the translator's name or organisation"),
            ("reviewed_on", "2026-12-01"),
        ):
            if key not in values:
                line = fields["translation_status"].line
                problems.append((line, f"'translation_status: reviewed' needs '{key}:' ({example})"))
    else:
        for key in ("reviewed_by", "reviewed_on"):
            if key in values:
                problems.append(
                    (
                        fields[key].line,
                        f"'{key}' goes with 'translation_status: reviewed': remove it, "
                        "or set reviewed once a translator has checked the text",
                    )
                )
    return problems


def load_sign_offs(path: Path, errors: ErrorList) -> dict[str, SignOff]:
    """The sign-offs in a language's review.yaml, by part (none when there is no file)."""
    if not path.exists():
        return {}
    raw = read_yaml_file(
        path, errors, dict, f"write one part ({', '.join(PARTS)}) per line, each with its sign-off below it"
    )
    if raw is None:
        return {}
    sign_offs = {}
    for part, located in raw.items():
        if part not in PARTS:
            errors.add(path, located.line, f"unknown part '{part}' (known parts: {', '.join(PARTS)})")
            continue
        if not isinstance(located.value, dict):
            errors.add(path, located.line, f"'{part}' needs translation_of and translation_status")
            continue
        values, problems = parse_fields(located.value, PART_FIELDS, located.line)
        if not problems:
            problems = sign_off_problems(values, located.value)
        for line, message in problems:
            errors.add(path, line, f"'{part}': {message}")
        if not problems:
            sign_offs[part] = SignOff(part, **values)
    return sign_offs
