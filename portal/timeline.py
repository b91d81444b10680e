"""The "what happens next" timeline: when each meeting and record is due, from the rules data.

Pure Python, no Flask. `static/js/timeline.js` implements the same rules for the browser;
the golden cases in `tests/timeline_cases.json` and a property test keep the two identical,
so a change here needs the same change there.

Run it as a command: `python -m portal.timeline --icpc 2026-12-18` (see `--help`).
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import json
import re
import sys
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from portal.errors import ContentErrors, ErrorList
from portal.languages import SOURCE_LANGUAGE
from portal.schema import Field, parse_date, parse_fields, parse_text
from portal.yamlfile import Located, read_yaml_file

ONE_DAY = datetime.timedelta(days=1)
CONTENT = Path(__file__).resolve().parent.parent / "content"
DEFAULT_RULES_PATH = CONTENT / "timeline.yaml"
DEFAULT_TEXTS_PATH = CONTENT / "en" / "timeline.yaml"

# The `holidays` package calls the UK "GB"; each nation is a subdivision of it.
NATIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}
NATION_NAMES = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
UNITS = {"working days": "working_days", "weeks": "weeks", "months": "months"}
STATUSES = ("statutory", "local", "good_practice")
MAX_COUNT = 100
MAX_REVIEW_CONFERENCES = 2
# "More than two years away" is measured in months so that both engines agree on 29 February.
TOO_FAR_MONTHS = 24

# What each rule counts from is the shape of the process, which the code follows, so it is
# fixed; the data file names it only so that it reads clearly to the people who edit it.
COUNTS_FROM = {
    "icpc_by": "strategy_discussion",
    "first_core_group_by": "initial_conference",
    "first_core_group_record_by": "first_core_group",
    "core_group_by": "previous_core_group",
    "first_review_conference_by": "initial_conference",
    "core_group_after_review_by": "review_conference",
    "review_conference_by": "previous_review_conference",
}
RULE_IDS = tuple(COUNTS_FROM)
# The one rule whose number a family may change (a conference can decide to meet more often).
USER_RULE = "core_group_by"

# The dates a family can give, in the order the form asks for them.
DATE_FIELDS = (
    "strategy_discussion",
    "icpc",
    "first_core_group",
    "review_conference_1",
    "review_conference_2",
)
MEETING_FIELDS = DATE_FIELDS[1:]
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ---------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Rule:
    """One timescale: `count` `unit`s after what it counts from."""

    id: str
    count: int
    unit: str  # "working_days", "weeks" or "months"
    counts_from: str
    status: str  # "statutory", "local" or "good_practice"
    guidance: str  # a page slug, optionally with "#section"
    smallest_count: int | None = None
    largest_count: int | None = None


@dataclass(frozen=True)
class TimelineRules:
    """All the rules, in the order of RULE_IDS, and the file they came from."""

    rules: tuple[Rule, ...]
    source: Path | None = None
    worked_example: datetime.date | None = None  # the conference date of the page's example

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id (KeyError if there is none)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    @classmethod
    def from_json(cls, data: Mapping[str, Mapping[str, Any]]) -> TimelineRules:
        """Rules from the "rules" part of `browser_data` (trusted data: not validated again)."""
        return cls(tuple(Rule(id=rule_id, **fields) for rule_id, fields in data.items()))


@dataclass(frozen=True)
class RuleText:
    """What a family reads about one rule, in one language."""

    label: str
    explanation: str  # may contain {count}


@dataclass(frozen=True)
class TimelineTexts:
    """The labels, explanations and status names of one language."""

    rules: Mapping[str, RuleText]
    statuses: Mapping[str, str]
    source: Path | None = None

    def label(self, rule_id: str) -> str:
        """The short name of a rule's meeting or record."""
        return self.rules[rule_id].label

    def explanation(self, rule_id: str, count: int) -> str:
        """The explanation of a rule, with its number filled in."""
        return self.rules[rule_id].explanation.replace("{count}", str(count))

    def explain(self, milestone: Milestone) -> str:
        """The explanation of a milestone's rule, with the number it used filled in."""
        return self.explanation(milestone.rule, milestone.count)

    def to_json(self) -> dict[str, Any]:
        """The texts as plain JSON data, for the browser."""
        return {
            "rules": {
                rule_id: {"label": text.label, "explanation": text.explanation}
                for rule_id, text in self.rules.items()
            },
            "statuses": dict(self.statuses),
        }


@dataclass(frozen=True)
class BankHolidays:
    """The weekday bank holidays of one nation, for a known range of years."""

    nation: str
    first_year: int
    last_year: int
    dates: frozenset[datetime.date]

    def __contains__(self, day: object) -> bool:
        # Beyond the years looked up, a "working day" would be a silent guess: refuse instead.
        if not isinstance(day, datetime.date):
            return False
        if not self.first_year <= day.year <= self.last_year:
            raise OutOfRange(
                f"{day.isoformat()} is outside the bank holidays known "
                f"({self.first_year} to {self.last_year})"
            )
        return day in self.dates


@dataclass(frozen=True)
class TimelineInputs:
    """What a family tells the calculator; every date is optional but one of the first two."""

    icpc: datetime.date | None = None
    strategy_discussion: datetime.date | None = None
    first_core_group: datetime.date | None = None
    review_conferences: tuple[datetime.date, ...] = ()
    interval_weeks: int | None = None

    def field_dates(self) -> dict[str, datetime.date | None]:
        """Each date field by its form name (review_conference_1, ...)."""
        reviews = list(self.review_conferences[:MAX_REVIEW_CONFERENCES])
        reviews += [None] * (MAX_REVIEW_CONFERENCES - len(reviews))
        return {
            "strategy_discussion": self.strategy_discussion,
            "icpc": self.icpc,
            "first_core_group": self.first_core_group,
            "review_conference_1": reviews[0],
            "review_conference_2": reviews[1],
        }

    def to_json(self) -> dict[str, Any]:
        """The inputs as plain JSON data, as the browser engine takes them."""
        return {
            "icpc": _iso(self.icpc),
            "strategy_discussion": _iso(self.strategy_discussion),
            "first_core_group": _iso(self.first_core_group),
            "review_conferences": [day.isoformat() for day in self.review_conferences],
            "interval_weeks": self.interval_weeks,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TimelineInputs:
        """Inputs from the JSON shape of `to_json` (missing keys mean 'not given')."""
        return cls(
            icpc=_from_iso(data.get("icpc")),
            strategy_discussion=_from_iso(data.get("strategy_discussion")),
            first_core_group=_from_iso(data.get("first_core_group")),
            review_conferences=tuple(
                datetime.date.fromisoformat(day) for day in data.get("review_conferences") or ()
            ),
            interval_weeks=data.get("interval_weeks"),
        )


@dataclass(frozen=True)
class Milestone:
    """One meeting or record on the timeline."""

    id: str  # unique in the timeline, e.g. "core_group_3"
    rule: str  # the rule id it comes from
    index: int  # running number of a repeated meeting; the review number for reviews
    date: datetime.date  # the date to show: the family's own date, else the due date
    due: datetime.date | None  # what the rule gives; None when there is nothing to count from
    counted_from: datetime.date | None
    actual: bool  # True when the family gave this date
    count: int  # the number of units used (the family's interval for regular core groups)

    def to_json(self) -> dict[str, Any]:
        """The milestone as plain JSON data, with ISO dates."""
        return {
            "id": self.id,
            "rule": self.rule,
            "index": self.index,
            "date": self.date.isoformat(),
            "due": _iso(self.due),
            "counted_from": _iso(self.counted_from),
            "actual": self.actual,
            "count": self.count,
        }


@dataclass(frozen=True)
class Problem:
    """Something wrong (or worth a second look) in what the family entered."""

    field: str  # a DATE_FIELDS name, "interval_weeks" or "review_conferences"
    code: str
    severity: str  # "error" stops the calculation; "warning" only flags

    def to_json(self) -> dict[str, str]:
        """The problem as plain JSON data."""
        return {"field": self.field, "code": self.code, "severity": self.severity}


class OutOfRange(ValueError):
    """A date outside the years whose bank holidays are known."""


class InvalidInputs(ValueError):
    """The inputs have errors, so there is no timeline to show."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in self.problems))


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _from_iso(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


# ---------------------------------------------------------------------------- loading


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


def load_rules(path: Path = DEFAULT_RULES_PATH) -> TimelineRules:
    """Read and validate the rules file; every problem is raised together, with its line."""
    path = Path(path)
    errors = ErrorList()
    raw = _read_mapping(path, errors)
    section = _section(raw, "rules", path, errors) if raw is not None else None
    worked_example = None
    if raw is not None:
        _check_keys(raw, ("worked_example", "rules"), "section", path, errors)
        worked_example = _parse_worked_example(raw, path, errors)
    rules: list[Rule] = []
    if section is not None:
        blocks, section_line = section
        _check_keys(blocks, RULE_IDS, "rule", path, errors)
        for rule_id in RULE_IDS:
            located = blocks.get(rule_id)
            if located is None:
                errors.add(path, section_line, f"the rule '{rule_id}' is missing")
                continue
            rule = _parse_rule(rule_id, located, path, errors)
            if rule is not None:
                rules.append(rule)
    errors.raise_if_any()
    return TimelineRules(tuple(rules), path, worked_example)


def _parse_worked_example(raw: dict[str, Located], path: Path, errors: ErrorList) -> datetime.date | None:
    located = raw.get("worked_example")
    if located is None:
        errors.add(path, 1, "the line 'worked_example: YYYY-MM-DD' is missing")
        return None
    try:
        return parse_date(located.value)
    except ValueError as error:
        errors.add(path, located.line, f"worked_example: {error}")
        return None


def _parse_rule(rule_id: str, located: Located, path: Path, errors: ErrorList) -> Rule | None:
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

    rule = Rule(id=rule_id, **values)
    ok = True
    if rule.counts_from != COUNTS_FROM[rule_id]:
        errors.add(
            path,
            line_of("counts_from"),
            f"{rule_id}: 'counts_from' must be {COUNTS_FROM[rule_id]}: what a rule counts from "
            "cannot be changed, only its count and unit",
        )
        ok = False
    if rule_id == USER_RULE:
        if rule.unit != "weeks":
            errors.add(
                path,
                line_of("unit"),
                f"{rule_id}: 'unit' must be weeks, because families enter their own number of weeks",
            )
            ok = False
        if not rule.smallest_count <= rule.count <= rule.largest_count:
            errors.add(
                path,
                line_of("count"),
                f"{rule_id}: 'count' ({rule.count}) must be between smallest_count "
                f"({rule.smallest_count}) and largest_count ({rule.largest_count})",
            )
            ok = False
    return rule if ok else None


def load_texts(path: Path, rules: TimelineRules) -> TimelineTexts:
    """Read and validate one language's timeline texts for these rules."""
    path = Path(path)
    errors = ErrorList()
    raw = _read_mapping(path, errors)
    texts: dict[str, RuleText] = {}
    statuses: dict[str, str] = {}
    if raw is not None:
        _check_keys(raw, ("rules", "statuses"), "section", path, errors)
        section = _section(raw, "rules", path, errors)
        if section is not None:
            blocks, section_line = section
            rule_ids = [rule.id for rule in rules.rules]
            _check_keys(blocks, rule_ids, "rule", path, errors)
            for rule_id in rule_ids:
                text = _parse_rule_text(rule_id, blocks, section_line, path, errors)
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
    errors.raise_if_any()
    return TimelineTexts(MappingProxyType(texts), MappingProxyType(statuses), path)


def _parse_rule_text(
    rule_id: str, blocks: dict[str, Located], section_line: int, path: Path, errors: ErrorList
) -> RuleText | None:
    located = blocks.get(rule_id)
    if located is None:
        errors.add(path, section_line, f"the texts for '{rule_id}' are missing")
        return None
    if not isinstance(located.value, dict):
        errors.add(path, located.line, f"'{rule_id}:' needs a label and an explanation")
        return None
    fields = {"label": Field(parse_text, True), "explanation": Field(parse_text, True)}
    values, problems = parse_fields(located.value, fields, located.line)
    for line, message in problems:
        errors.add(path, line, f"{rule_id}: {message}")
    for key in ("label", "explanation"):
        if key not in values:
            continue
        for name in PLACEHOLDER.findall(values[key]):
            if name != "count":
                errors.add(
                    path,
                    located.value[key].line,
                    f"{rule_id}: '{{{name}}}' is not a placeholder the calculator knows; "
                    "only {count} can be used",
                )
                problems.append((0, ""))
    return None if problems else RuleText(**values)


def bank_holidays(nation: str, years: Iterable[int]) -> BankHolidays:
    """The weekday bank holidays of a UK nation for every year from min(years) to max(years)."""
    import holidays  # imported here so that the pure date functions load without it

    if nation not in NATIONS:
        raise ValueError(f"unknown nation '{nation}' (known: {', '.join(NATIONS)})")
    years = list(years)
    first, last = min(years), max(years)
    table = holidays.country_holidays("GB", subdiv=NATIONS[nation], years=range(first, last + 1))
    # Weekend holidays change nothing (their substitute days are listed separately).
    dates = frozenset(day for day in table if day.weekday() < 5)
    return BankHolidays(nation, first, last, dates)


def browser_data(rules: TimelineRules, holiday_dates: BankHolidays) -> dict[str, Any]:
    """The rules and bank holidays as JSON data for static/js/timeline.js."""
    return {
        "rules": {
            rule.id: {
                "count": rule.count,
                "unit": rule.unit,
                "counts_from": rule.counts_from,
                "status": rule.status,
                "guidance": rule.guidance,
                "smallest_count": rule.smallest_count,
                "largest_count": rule.largest_count,
            }
            for rule in rules.rules
        },
        "holidays": {
            "nation": holiday_dates.nation,
            "first_year": holiday_dates.first_year,
            "last_year": holiday_dates.last_year,
            "dates": sorted(day.isoformat() for day in holiday_dates.dates),
        },
    }


@dataclass(frozen=True)
class CalculatorData:
    """Everything the calculator page of one language needs, worked out at build time."""

    rules: TimelineRules
    texts: TimelineTexts
    texts_lang: str  # the language `texts` are in: English until a translation exists
    holidays: BankHolidays
    example_inputs: TimelineInputs
    example: tuple[Milestone, ...]

    def browser_json(self) -> dict[str, Any]:
        """Rules, bank holidays and texts, for the page's embedded JSON."""
        return browser_data(self.rules, self.holidays) | {"texts": self.texts.to_json()}


def load_calculator(
    content_dir: Path, languages: Sequence[str], nation: str, today: datetime.date
) -> dict[str, CalculatorData]:
    """The calculator of every language, from timeline.yaml and each <lang>/timeline.yaml."""
    rules = load_rules(content_dir / "timeline.yaml")
    errors = ErrorList()
    texts: dict[str, TimelineTexts] = {}
    for code in languages:
        path = content_dir / code / "timeline.yaml"
        if code == SOURCE_LANGUAGE or path.exists():
            try:
                texts[code] = load_texts(path, rules)
            except ContentErrors as error:
                errors.errors += error.errors
    errors.raise_if_any()
    # The browser gets bank holidays for a site left unbuilt for years: from 2 years back
    # (a conference in the past) to 5 ahead (a timeline runs about a year past its last date).
    holidays = bank_holidays(nation, range(today.year - 2, today.year + 6))
    example_inputs = TimelineInputs(icpc=rules.worked_example)
    example_year = rules.worked_example.year
    example = compute_timeline(
        rules, example_inputs, bank_holidays(nation, range(example_year, example_year + 3))
    )
    fallback = texts[SOURCE_LANGUAGE]
    return {
        code: CalculatorData(
            rules,
            texts.get(code, fallback),
            code if code in texts else SOURCE_LANGUAGE,
            holidays,
            example_inputs,
            example,
        )
        for code in languages
    }


# ---------------------------------------------------------------------------- date arithmetic


def is_working_day(day: datetime.date, holiday_dates: Container[datetime.date]) -> bool:
    """Monday to Friday and not a bank holiday."""
    # Look the day up first, so that a date beyond the known years fails even on a weekend.
    holiday = day in holiday_dates
    return day.weekday() < 5 and not holiday


def add_working_days(
    start: datetime.date, count: int, holiday_dates: Container[datetime.date]
) -> datetime.date:
    """The count-th working day strictly after start (start itself is not counted)."""
    day = start
    while count > 0:
        day += ONE_DAY
        if is_working_day(day, holiday_dates):
            count -= 1
    return day


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day number months later, or the last day of that month if it is shorter."""
    month_index = start.year * 12 + start.month - 1 + months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(start.day, last_day))


def working_day_on_or_before(day: datetime.date, holiday_dates: Container[datetime.date]) -> datetime.date:
    """The day itself if it is a working day, else the last working day before it."""
    while not is_working_day(day, holiday_dates):
        day -= ONE_DAY
    return day


def due_after(
    start: datetime.date, count: int, unit: str, holiday_dates: Container[datetime.date]
) -> datetime.date:
    """The due date count units after start, moved back to a working day for weeks and months."""
    if unit == "working_days":
        return add_working_days(start, count, holiday_dates)
    if unit == "weeks":
        day = start + datetime.timedelta(weeks=count)
    elif unit == "months":
        day = add_months(start, count)
    else:
        raise ValueError(f"unknown unit '{unit}'")
    return working_day_on_or_before(day, holiday_dates)


# ---------------------------------------------------------------------------- the timeline


def check_inputs(
    rules: TimelineRules, inputs: TimelineInputs, today: datetime.date | None = None
) -> tuple[Problem, ...]:
    """Everything wrong with the inputs, in form order; give today to check 'too far away'."""
    problems: list[Problem] = []
    dates = inputs.field_dates()
    if inputs.icpc is None and inputs.strategy_discussion is None:
        problems.append(Problem("icpc", "missing_start", "error"))
    if len(inputs.review_conferences) > MAX_REVIEW_CONFERENCES:
        problems.append(Problem("review_conferences", "too_many_review_conferences", "error"))
    if inputs.interval_weeks is not None:
        rule = rules.rule(USER_RULE)
        interval = inputs.interval_weeks
        if (
            isinstance(interval, bool)
            or not isinstance(interval, int)
            or not rule.smallest_count <= interval <= rule.largest_count
        ):
            problems.append(Problem("interval_weeks", "interval_out_of_range", "error"))
    for field in DATE_FIELDS:
        day = dates[field]
        if day is None:
            continue
        if today is not None and not (
            add_months(today, -TOO_FAR_MONTHS) <= day <= add_months(today, TOO_FAR_MONTHS)
        ):
            problems.append(Problem(field, "too_far_away", "error"))
        error = _order_problem(field, day, dates)
        if error:
            problems.append(Problem(field, error, "error"))
        if field in MEETING_FIELDS and day.weekday() >= 5:
            problems.append(Problem(field, "weekend", "warning"))
    return tuple(problems)


def _order_problem(field: str, day: datetime.date, dates: Mapping[str, datetime.date | None]) -> str | None:
    strategy, conference = dates["strategy_discussion"], dates["icpc"]
    if field == "icpc" and strategy and day < strategy:
        return "conference_before_strategy_discussion"
    if field == "first_core_group":
        if conference and day < conference:
            return "first_core_group_before_conference"
        if not conference and strategy and day <= strategy:
            return "first_core_group_before_strategy_discussion"
    if field == "review_conference_1":
        if conference and day <= conference:
            return "review_before_conference"
        if not conference and strategy and day <= strategy:
            return "review_before_strategy_discussion"
    if field == "review_conference_2":
        first = dates["review_conference_1"]
        if first and day <= first:
            return "review_before_previous_review"
    return None


def compute_timeline(
    rules: TimelineRules, inputs: TimelineInputs, holiday_dates: Container[datetime.date]
) -> tuple[Milestone, ...]:
    """Every meeting and record from the first conference to the core group after the second review."""
    errors = [problem for problem in check_inputs(rules, inputs) if problem.severity == "error"]
    if errors:
        raise InvalidInputs(errors)
    interval = inputs.interval_weeks or rules.rule(USER_RULE).count
    reviews = inputs.review_conferences
    milestones: list[Milestone] = []

    def add(
        milestone_id: str,
        rule_id: str,
        index: int,
        counted_from: datetime.date | None,
        given: datetime.date | None,
        count: int | None = None,
    ) -> datetime.date:
        rule = rules.rule(rule_id)
        count = count or rule.count
        due = due_after(counted_from, count, rule.unit, holiday_dates) if counted_from else None
        date = given or due
        milestones.append(
            Milestone(milestone_id, rule_id, index, date, due, counted_from, given is not None, count)
        )
        return date

    def core_groups(start: datetime.date, before: datetime.date, index: int) -> int:
        # Each meeting counts from the one before it, as shown, until the next review is due.
        rule = rules.rule(USER_RULE)
        previous = start
        while True:
            due = due_after(previous, interval, rule.unit, holiday_dates)
            if due >= before:
                return index
            add(f"core_group_{index}", USER_RULE, index, previous, None, interval)
            previous, index = due, index + 1

    conference = add("initial_conference", "icpc_by", 1, inputs.strategy_discussion, inputs.icpc)
    first_core_group = add("first_core_group", "first_core_group_by", 1, conference, inputs.first_core_group)
    add("first_core_group_record", "first_core_group_record_by", 1, first_core_group, None)
    # The reviews are worked out first because each chain of core groups stops at the next one.
    review_rule = rules.rule("first_review_conference_by")
    first_review = (
        reviews[0] if reviews else due_after(conference, review_rule.count, review_rule.unit, holiday_dates)
    )
    index = core_groups(first_core_group, first_review, 1)
    add(
        "first_review_conference",
        "first_review_conference_by",
        1,
        conference,
        first_review if reviews else None,
    )
    after_first = add("core_group_after_review_1", "core_group_after_review_by", 1, first_review, None)
    second_rule = rules.rule("review_conference_by")
    second_review = (
        reviews[1]
        if len(reviews) > 1
        else due_after(first_review, second_rule.count, second_rule.unit, holiday_dates)
    )
    core_groups(after_first, second_review, index)
    add(
        "review_conference_2",
        "review_conference_by",
        2,
        first_review,
        second_review if len(reviews) > 1 else None,
    )
    add("core_group_after_review_2", "core_group_after_review_by", 2, second_review, None)
    # Sorting is stable, so meetings on the same day keep the order they happen in.
    return tuple(sorted(milestones, key=lambda milestone: milestone.date))


# ---------------------------------------------------------------------------- iCalendar


def to_icalendar(
    milestones: Sequence[Milestone],
    rules: TimelineRules,
    texts: TimelineTexts,
    stamp: datetime.datetime,
    due_template: str = "{label} (due)",
) -> str:
    """An iCalendar file with one all-day event per milestone; stamp is the time it was made."""
    stamp_text = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    conference = next((m.date for m in milestones if m.rule == "icpc_by"), milestones[0].date)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Core Group Guide//What happens next//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for milestone in milestones:
        label = texts.label(milestone.rule)
        summary = label if milestone.actual else due_template.replace("{label}", label)
        status = texts.statuses[rules.rule(milestone.rule).status]
        lines += [
            "BEGIN:VEVENT",
            # Stable per child and meeting, so importing an updated file replaces the old events.
            f"UID:{milestone.id}-{conference:%Y%m%d}@core-group-guide",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{milestone.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{milestone.date + ONE_DAY:%Y%m%d}",
            f"SUMMARY:{_ical_text(summary)}",
            f"DESCRIPTION:{_ical_text(texts.explain(milestone) + ' (' + status + ')')}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _ical_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Split a content line into parts of at most 75 bytes, never inside a character."""
    parts, current, size = [], "", 0
    for character in line:
        length = len(character.encode("utf-8"))
        if size + length > 75:
            parts.append(current)
            current, size = " ", 1
        current += character
        size += length
    parts.append(current)
    return "\r\n".join(parts)


# ---------------------------------------------------------------------------- the command

OPTION_NAMES = {
    "strategy_discussion": "--strategy-discussion",
    "icpc": "--icpc",
    "first_core_group": "--first-core-group",
    "review_conference_1": "the first --review-conference",
    "review_conference_2": "the second --review-conference",
    "review_conferences": "--review-conference",
    "interval_weeks": "--interval-weeks",
}
PROBLEM_MESSAGES = {
    "missing_start": "give the date of the initial conference (--icpc) "
    "or of the strategy discussion (--strategy-discussion)",
    "too_many_review_conferences": "give --review-conference at most twice "
    "(the first and the second review conference)",
    "interval_out_of_range": "--interval-weeks must be a whole number from {smallest} to {largest}",
    "too_far_away": "{option} is more than two years away",
    "conference_before_strategy_discussion": "the conference (--icpc) is before the strategy "
    "discussion (--strategy-discussion)",
    "first_core_group_before_conference": "the first core group (--first-core-group) is before "
    "the conference (--icpc)",
    "first_core_group_before_strategy_discussion": "the first core group (--first-core-group) "
    "must be after the strategy discussion",
    "review_before_conference": "{option} must be after the conference (--icpc)",
    "review_before_strategy_discussion": "{option} must be after the strategy discussion",
    "review_before_previous_review": "{option} must be after the first one",
    "weekend": "{option} is on a weekend: please check it",
}
UNIT_WORDS = {
    "working_days": ("working day", "working days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
}


def describe_problem(problem: Problem, rules: TimelineRules) -> str:
    """A problem in English words, naming the command-line option."""
    rule = rules.rule(USER_RULE)
    return PROBLEM_MESSAGES[problem.code].format(
        option=OPTION_NAMES[problem.field],
        smallest=rule.smallest_count,
        largest=rule.largest_count,
    )


def format_text(milestones: Sequence[Milestone], rules: TimelineRules, texts: TimelineTexts) -> str:
    """The timeline as plain text lines, in date order."""
    lines = []
    for milestone in milestones:
        rule = rules.rule(milestone.rule)
        status = texts.statuses[rule.status]
        if milestone.actual:
            detail = "the date you gave"
            if milestone.due:
                detail += f"; it was due by {milestone.due:%a %d %b %Y}"
        else:
            words = UNIT_WORDS[rule.unit][milestone.count != 1]
            detail = f"due: {milestone.count} {words} after {milestone.counted_from:%a %d %b %Y}"
        lines.append(f"{milestone.date:%a %d %b %Y}  {texts.label(milestone.rule)}")
        lines.append(f"{'':17}{detail} ({status.lower()})")
    return "\n".join(lines) + "\n"


def _date_argument(text: str) -> datetime.date:
    if not ISO_DATE.match(text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-18")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text} is not a real date: check the day and the month") from None


def _whole_number(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,3}", text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of weeks, e.g. 4")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m portal.timeline",
        description="Show when each core group meeting, record and review conference is due.",
        epilog="Dates are written YYYY-MM-DD. Nothing is sent anywhere.",
    )
    date = {"type": _date_argument, "metavar": "YYYY-MM-DD"}
    parser.add_argument("--icpc", help="the date of the initial child protection conference", **date)
    parser.add_argument(
        "--strategy-discussion",
        help="the date of the strategy discussion (used to work out the conference date "
        "when --icpc is not given)",
        **date,
    )
    parser.add_argument(
        "--first-core-group", help="the date of the first core group meeting, if known", **date
    )
    parser.add_argument(
        "--review-conference",
        action="append",
        default=[],
        help="the date of a review conference, if known; give it twice for the first and the second review",
        **date,
    )
    parser.add_argument(
        "--interval-weeks",
        type=_whole_number,
        metavar="N",
        help="how many weeks apart the core group meets, if the conference decided",
    )
    parser.add_argument(
        "--nation",
        choices=tuple(NATIONS),
        default="england-and-wales",
        help="whose bank holidays count (default: england-and-wales)",
    )
    parser.add_argument("--json", action="store_true", help="print the timeline as JSON")
    parser.add_argument("--ics", type=Path, metavar="FILE", help="write an iCalendar file")
    parser.add_argument("--rules", type=Path, default=DEFAULT_RULES_PATH, help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS_PATH, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; 0 on success, 1 for bad data files, 2 for bad options."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        rules = load_rules(args.rules)
        texts = load_texts(args.texts, rules)
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    inputs = TimelineInputs(
        icpc=args.icpc,
        strategy_discussion=args.strategy_discussion,
        first_core_group=args.first_core_group,
        review_conferences=tuple(args.review_conference),
        interval_weeks=args.interval_weeks,
    )
    problems = check_inputs(rules, inputs)
    errors = [describe_problem(p, rules) for p in problems if p.severity == "error"]
    if errors:
        parser.error("; ".join(errors))  # exits with status 2
    for problem in problems:
        print(f"note: {describe_problem(problem, rules)}", file=sys.stderr)
    given = [day for day in inputs.field_dates().values() if day]
    # A timeline runs at most about a year past the last date given; two spare years are ample.
    holiday_dates = bank_holidays(args.nation, range(min(given).year - 1, max(given).year + 3))
    try:
        milestones = compute_timeline(rules, inputs, holiday_dates)
    except OutOfRange as error:
        parser.error(str(error))
    if args.ics:
        stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
        # newline="" keeps the CRLF line ends that iCalendar requires.
        with args.ics.open("w", encoding="utf-8", newline="") as file:
            file.write(to_icalendar(milestones, rules, texts, stamp))
    if args.json:
        data = []
        for milestone in milestones:
            rule = rules.rule(milestone.rule)
            data.append(
                milestone.to_json()
                | {
                    "label": texts.label(milestone.rule),
                    "explanation": texts.explain(milestone),
                    "status": rule.status,
                    "guidance": rule.guidance,
                }
            )
        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif not args.ics:
        print(
            f"What happens next (bank holidays of {NATION_NAMES[args.nation]}; "
            f"core groups every {inputs.interval_weeks or rules.rule(USER_RULE).count} weeks)\n"
        )
        print(format_text(milestones, rules, texts), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
