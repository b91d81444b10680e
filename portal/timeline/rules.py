"""Reading and checking the rules (content/timeline.yaml) and one language's words for them.

Every rule file is read here, so that a local override of the timescales can later be layered
on the rules without a second loader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from portal.errors import ErrorList
from portal.languages import SOURCE_LANGUAGE
from portal.schema import Field, parse_date, parse_fields, parse_text
from portal.timeline.bank_holidays import FIRST_YEAR, LAST_YEAR
from portal.timeline.engine import span_years
from portal.timeline.model import (
    COUNTS_FROM,
    MAX_COUNT,
    RULE_IDS,
    STATUSES,
    UNITS,
    USER_RULE,
    Rule,
    RuleText,
    TimelineRules,
    TimelineTexts,
)
from portal.timeline.numbers import categories_for, plural_categories
from portal.yamlfile import Located, read_yaml_file

CONTENT = Path(__file__).resolve().parent.parent.parent / "content"
DEFAULT_RULES_PATH = CONTENT / "timeline.yaml"
DEFAULT_TEXTS_PATH = CONTENT / SOURCE_LANGUAGE / "timeline.yaml"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Every count the documentation allows: the words must read right for each of them.
ALLOWED_COUNTS = range(1, MAX_COUNT + 1)


def _parse_count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_COUNT:
        raise ValueError(f"must be a whole number from 1 to {MAX_COUNT}, e.g. 10")
    return value


def _parse_unit(value: Any) -> str:
    if value not in UNITS:
        raise ValueError(f"must be one of: {', '.join(UNITS)}")
    return UNITS[value]


def _parse_status(value: Any) -> str:
    if value not in STATUSES:
        raise ValueError(f"must be one of: {', '.join(STATUSES)}")
    return value


def _parse_guidance(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(
        r"[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?", value
    ):
        raise ValueError(
            "write the file name of a guide page without '.md', e.g. when-and-where-are-meetings"
        )
    return value


def _parse_name(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("write a name, e.g. initial_conference")
    return value


RULE_FIELDS = {
    "count": Field(_parse_count, True),
    "unit": Field(_parse_unit, True),
    "counts_from": Field(_parse_name, True),
    "status": Field(_parse_status, True),
    "guidance": Field(_parse_guidance, True),
}
USER_RULE_FIELDS = {
    **RULE_FIELDS,
    "smallest_count": Field(_parse_count, True),
    "largest_count": Field(_parse_count, True),
}


def _read_mapping(path: Path, errors: ErrorList) -> dict[str, Located] | None:
    return read_yaml_file(path, errors, dict, "the file must be 'key: value' lines")


def _section(
    raw: dict[str, Located], key: str, path: Path, errors: ErrorList
) -> tuple[dict[str, Located], int] | None:
    """A required mapping inside the top level, with the line of its key."""
    located = raw.get(key)
    if located is None:
        errors.add(path, 1, f"the section '{key}:' is missing")
        return None
    if not isinstance(located.value, dict):
        errors.add(path, located.line, f"'{key}:' must be followed by indented 'name:' blocks")
        return None
    return located.value, located.line


def _check_keys(
    raw: dict[str, Located], known: Sequence[str], where: str, path: Path, errors: ErrorList
) -> None:
    for key, located in raw.items():
        if key not in known:
            errors.add(path, located.line, f"unknown {where} '{key}' (known: {', '.join(known)})")


# ---------------------------------------------------------------------------- the rules


def load_rules(path: Path = DEFAULT_RULES_PATH) -> TimelineRules:
    """Read and validate the rules file; every problem is raised together, with its line."""
    errors = ErrorList()
    rules = read_rules(path, errors)
    errors.raise_if_any()
    assert rules is not None
    return rules


def read_rules(path: Path, errors: ErrorList, local_path: Path | None = None) -> TimelineRules | None:
    """The rules file with an organisation's local timescales put over it, or None with its problems added to errors."""
    path = Path(path)
    before = len(errors.errors)
    raw = _read_mapping(path, errors)
    if raw is None:
        return None
    origins: dict[tuple[str, str], Path] = {}  # (rule, key) -> the file its value came from
    if local_path is not None and local_path.is_file():
        raw = _put_local_timescales(raw, local_path, origins, errors)
        if raw is None:
            return None
    _check_keys(raw, ("worked_example", "rules"), "section", path, errors)
    section = _section(raw, "rules", path, errors)
    rules: list[Rule] = []
    if section is not None:
        blocks, section_line = section
        _check_keys(blocks, RULE_IDS, "rule", path, errors)
        for rule_id in RULE_IDS:
            located = blocks.get(rule_id)
            if located is None:
                errors.add(path, section_line, f"the rule '{rule_id}' is missing")
                continue
            rule = _parse_rule(rule_id, located, path, errors, origins)
            if rule is not None:
                rules.append(rule)
    if len(errors.errors) > before:
        return None
    result = TimelineRules(tuple(rules), path)
    worked_example = _parse_worked_example(raw, result, path, errors)
    if worked_example is None:
        return None
    return TimelineRules(tuple(rules), path, worked_example)


def _parse_worked_example(raw: dict[str, Located], rules: TimelineRules, path: Path, errors: ErrorList):
    located = raw.get("worked_example")
    if located is None:
        errors.add(path, 1, "the line 'worked_example: YYYY-MM-DD' is missing")
        return None
    try:
        day = parse_date(located.value)
    except ValueError as error:
        errors.add(path, located.line, f"worked_example: {error}")
        return None
    last = LAST_YEAR - span_years(rules)
    if not FIRST_YEAR <= day.year <= last:
        errors.add(
            path,
            located.line,
            f"worked_example: the calculator works with years {FIRST_YEAR} to {last}; "
            "choose a date in that range, e.g. 2026-12-18",
        )
        return None
    return day


# What an organisation may change in a rule: never what it counts from.
LOCAL_KEYS = ("count", "unit", "status", "guidance", "smallest_count", "largest_count")


def _put_local_timescales(
    raw: dict[str, Located], local_path: Path, origins: dict[tuple[str, str], Path], errors: ErrorList
) -> dict[str, Located] | None:
    """The shared rules with the local file's values in place of theirs; each value checked where it is written."""
    local = _read_mapping(local_path, errors)
    if local is None:
        return None
    before = len(errors.errors)
    _check_keys(local, ("rules",), "section", local_path, errors)
    section = _section(local, "rules", local_path, errors)
    shared_section = raw.get("rules")
    if section is None or shared_section is None or not isinstance(shared_section.value, dict):
        return None
    blocks = dict(shared_section.value)
    for rule_id, located in section[0].items():
        if rule_id not in RULE_IDS:
            errors.add(local_path, located.line, f"unknown rule '{rule_id}' (known: {', '.join(RULE_IDS)})")
            continue
        if not isinstance(located.value, dict):
            errors.add(
                local_path, located.line, f"'{rule_id}:' must be followed by indented 'key: value' lines"
            )
            continue
        fields = USER_RULE_FIELDS if rule_id == USER_RULE else RULE_FIELDS
        allowed = [key for key in LOCAL_KEYS if key in fields]
        _check_keys(located.value, allowed, f"key in {rule_id}", local_path, errors)
        local_values = {key: value for key, value in located.value.items() if key in allowed}
        _, problems = parse_fields(local_values, {key: fields[key] for key in local_values}, located.line)
        for line, message in problems:
            errors.add(local_path, line, f"{rule_id}: {message}")
        shared_block = blocks.get(rule_id)
        if shared_block is not None and isinstance(shared_block.value, dict):
            blocks[rule_id] = Located({**shared_block.value, **local_values}, shared_block.line)
            origins.update({(rule_id, key): local_path for key in local_values})
    if len(errors.errors) > before:
        return None
    return {**raw, "rules": Located(blocks, shared_section.line)}


def _parse_rule(
    rule_id: str, located: Located, path: Path, errors: ErrorList, origins: dict[tuple[str, str], Path]
) -> Rule | None:
    if not isinstance(located.value, dict):
        errors.add(path, located.line, f"'{rule_id}:' must be followed by indented 'key: value' lines")
        return None
    fields = USER_RULE_FIELDS if rule_id == USER_RULE else RULE_FIELDS
    values, problems = parse_fields(located.value, fields, located.line)
    for line, message in problems:
        errors.add(path, line, f"{rule_id}: {message}")
    if problems:
        return None

    def line_of(key: str) -> int:
        return located.value[key].line

    def file_of(key: str) -> Path:
        return origins.get((rule_id, key), path)

    rule = Rule(id=rule_id, **values)
    ok = True
    if rule.counts_from != COUNTS_FROM[rule_id]:
        errors.add(
            file_of("counts_from"),
            line_of("counts_from"),
            f"{rule_id}: 'counts_from' must be {COUNTS_FROM[rule_id]}: what a rule counts from "
            "cannot be changed, only its count and unit",
        )
        ok = False
    if rule_id == USER_RULE:
        if rule.unit != "weeks":
            errors.add(
                file_of("unit"),
                line_of("unit"),
                f"{rule_id}: 'unit' must be weeks, because families enter their own number of weeks",
            )
            ok = False
        if rule.largest_count > rule.count:
            errors.add(
                file_of("largest_count"),
                line_of("largest_count"),
                f"{rule_id}: 'largest_count' ({rule.largest_count}) must not be more than 'count' "
                f"({rule.count}): a conference can decide the core group meets more often than "
                "the rule says, never less often",
            )
            ok = False
        elif not rule.smallest_count <= rule.count <= rule.largest_count:
            errors.add(
                file_of("count"),
                line_of("count"),
                f"{rule_id}: 'count' ({rule.count}) must be between smallest_count "
                f"({rule.smallest_count}) and largest_count ({rule.largest_count})",
            )
            ok = False
    return rule if ok else None


# ---------------------------------------------------------------------------- the words


def load_texts(path: Path, rules: TimelineRules, lang: str = SOURCE_LANGUAGE) -> TimelineTexts:
    """Read and validate one language's timeline texts for these rules."""
    errors = ErrorList()
    texts = read_texts(path, rules, lang, errors)
    errors.raise_if_any()
    assert texts is not None
    return texts


def read_texts(path: Path, rules: TimelineRules, lang: str, errors: ErrorList) -> TimelineTexts | None:
    """One language's texts, or None with their problems added to errors."""
    path = Path(path)
    before = len(errors.errors)
    raw = _read_mapping(path, errors)
    texts: dict[str, RuleText] = {}
    statuses: dict[str, str] = {}
    if raw is None:
        return None
    _check_keys(raw, ("rules", "statuses"), "section", path, errors)
    section = _section(raw, "rules", path, errors)
    if section is not None:
        blocks, section_line = section
        rule_ids = [rule.id for rule in rules.rules]
        _check_keys(blocks, rule_ids, "rule", path, errors)
        for rule_id in rule_ids:
            text = _parse_rule_text(rule_id, lang, blocks, section_line, path, errors)
            if text is not None:
                texts[rule_id] = text
    section = _section(raw, "statuses", path, errors)
    if section is not None:
        names, section_line = section
        _check_keys(names, STATUSES, "status", path, errors)
        for status in STATUSES:
            located = names.get(status)
            if located is None:
                errors.add(path, section_line, f"the status '{status}' is missing")
                continue
            try:
                statuses[status] = parse_text(located.value)
            except ValueError as error:
                errors.add(path, located.line, f"{status}: {error}")
    if len(errors.errors) > before:
        return None
    return TimelineTexts(MappingProxyType(texts), MappingProxyType(statuses), path, lang)


def _parse_rule_text(
    rule_id: str, lang: str, blocks: dict[str, Located], section_line: int, path: Path, errors: ErrorList
) -> RuleText | None:
    located = blocks.get(rule_id)
    if located is None:
        errors.add(path, section_line, f"the texts for '{rule_id}' are missing")
        return None
    if not isinstance(located.value, dict):
        errors.add(path, located.line, f"'{rule_id}:' needs a label and an explanation")
        return None
    fields = {"label": Field(parse_text, True), "explanation": Field(_keep, True)}
    values, problems = parse_fields(located.value, fields, located.line)
    for line, message in problems:
        errors.add(path, line, f"{rule_id}: {message}")
    if problems:
        return None
    before = len(errors.errors)
    label_line = located.value["label"].line
    _check_placeholders(values["label"], (), rule_id, "label", path, label_line, errors)
    forms = _parse_forms(rule_id, lang, located.value["explanation"], path, errors)
    if forms is None or len(errors.errors) > before:
        return None
    return RuleText(values["label"], MappingProxyType(forms))


def _keep(value: Any) -> Any:
    return value


def _parse_forms(
    rule_id: str, lang: str, located: Located, path: Path, errors: ErrorList
) -> dict[str, str] | None:
    """An explanation: one text, or a text for each plural category of {count} in the language."""
    known = sorted(plural_categories(lang), key=CATEGORY_ORDER.index)
    needed = sorted(categories_for(lang, ALLOWED_COUNTS), key=CATEGORY_ORDER.index)
    example = "\n".join(f"      {category}: ..." for category in needed)
    if not isinstance(located.value, dict):
        try:
            text = parse_text(located.value)
        except ValueError as error:
            errors.add(path, located.line, f"{rule_id}: explanation: {error}")
            return None
        if "{count}" in text:
            errors.add(
                path,
                located.line,
                f"{rule_id}: an explanation with {{count}} needs a form for each count, so that "
                f"every number reads right; write it as\n    explanation:\n{example}",
            )
            return None
        _check_placeholders(text, (), rule_id, "explanation", path, located.line, errors)
        return {"other": text}
    forms: dict[str, str] = {}
    for category, item in located.value.items():
        if category not in known:
            errors.add(
                path,
                item.line,
                f"{rule_id}: '{category}' is not a plural form of this language "
                f"(its forms: {', '.join(known)})",
            )
            continue
        try:
            forms[category] = parse_text(item.value)
        except ValueError as error:
            errors.add(path, item.line, f"{rule_id}: {category}: {error}")
            continue
        _check_placeholders(forms[category], ("count",), rule_id, category, path, item.line, errors)
    missing = [category for category in needed if category not in located.value]
    if missing:
        errors.add(
            path,
            located.line,
            f"{rule_id}: the explanation needs the plural form(s) {', '.join(missing)} "
            f"(this language uses {', '.join(needed)} for the numbers 1 to {MAX_COUNT})",
        )
        return None
    return forms


# CLDR's order, so that messages list the forms as translators know them.
CATEGORY_ORDER = ["zero", "one", "two", "few", "many", "other"]


def _check_placeholders(
    text: str,
    allowed: Sequence[str],
    rule_id: str,
    key: str,
    path: Path,
    line: int,
    errors: ErrorList,
) -> None:
    for name in PLACEHOLDER.findall(text):
        if name not in allowed:
            known = ", ".join("{" + item + "}" for item in allowed) or "none"
            errors.add(
                path,
                line,
                f"{rule_id}: {key}: '{{{name}}}' is not a placeholder the calculator knows (here: {known})",
            )
