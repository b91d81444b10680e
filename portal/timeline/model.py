"""The timeline's data: rules, texts, a family's inputs and the milestones worked out from them.

Frozen dataclasses and constants only; loading is in `rules.py`, the dates in `engine.py`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.timeline.numbers import numbering_system, plural_category, write_number

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
# Families may give the real dates of regular core group meetings 1 to this number.
MAX_CORE_GROUPS = 30


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

    @property
    def counts(self) -> range:
        """Every count this rule can be used with (a family may choose its own for core groups)."""
        if self.smallest_count is None or self.largest_count is None:
            return range(self.count, self.count + 1)
        return range(self.smallest_count, self.largest_count + 1)


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
    # The explanation for each CLDR plural category of {count} ("one", "few", "other"...);
    # an explanation without {count} has only "other".
    explanation: Mapping[str, str]


@dataclass(frozen=True)
class TimelineTexts:
    """The labels, explanations and status names of one language."""

    rules: Mapping[str, RuleText]
    statuses: Mapping[str, str]
    source: Path | None = None
    lang: str = "en"

    def label(self, rule_id: str) -> str:
        """The short name of a rule's meeting or record."""
        return self.rules[rule_id].label

    def explanation(self, rule_id: str, count: int) -> str:
        """The explanation of a rule in the plural form for count, with count written in."""
        forms = self.rules[rule_id].explanation
        text = forms.get(plural_category(self.lang, count), forms.get("other", ""))
        return text.replace("{count}", write_number(count, self.lang))

    def explain(self, milestone: Milestone) -> str:
        """The explanation of a milestone's rule, with the number it used filled in."""
        return self.explanation(milestone.rule, milestone.count)

    def to_json(self) -> dict[str, Any]:
        """The texts as plain JSON data, for the browser."""
        return {
            "lang": self.lang,
            "numbering_system": numbering_system(self.lang),
            "rules": {
                rule_id: {"label": text.label, "explanation": dict(text.explanation)}
                for rule_id, text in self.rules.items()
            },
            "statuses": dict(self.statuses),
        }


@dataclass(frozen=True)
class TimelineInputs:
    """What a family tells the calculator; every date is optional but one of the first two."""

    icpc: datetime.date | None = None
    strategy_discussion: datetime.date | None = None
    first_core_group: datetime.date | None = None
    review_conferences: tuple[datetime.date, ...] = ()
    interval_weeks: int | None = None
    # The real dates of regular core group meetings, by their number (core_group_1 is 1),
    # as (number, date) pairs in order of number.
    core_groups: tuple[tuple[int, datetime.date], ...] = ()

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
        data: dict[str, Any] = {
            "icpc": iso(self.icpc),
            "strategy_discussion": iso(self.strategy_discussion),
            "first_core_group": iso(self.first_core_group),
            "review_conferences": [day.isoformat() for day in self.review_conferences],
            "interval_weeks": self.interval_weeks,
        }
        if self.core_groups:
            data["core_groups"] = {str(number): day.isoformat() for number, day in self.core_groups}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TimelineInputs:
        """Inputs from the JSON shape of `to_json` (missing keys mean 'not given')."""
        return cls(
            icpc=from_iso(data.get("icpc")),
            strategy_discussion=from_iso(data.get("strategy_discussion")),
            first_core_group=from_iso(data.get("first_core_group")),
            review_conferences=tuple(
                datetime.date.fromisoformat(day) for day in data.get("review_conferences") or ()
            ),
            interval_weeks=data.get("interval_weeks"),
            core_groups=tuple(
                sorted(
                    (int(number), datetime.date.fromisoformat(day))
                    for number, day in (data.get("core_groups") or {}).items()
                )
            ),
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
            "due": iso(self.due),
            "counted_from": iso(self.counted_from),
            "actual": self.actual,
            "count": self.count,
        }


@dataclass(frozen=True)
class Problem:
    """Something wrong (or worth a second look) in what the family entered."""

    field: str  # a DATE_FIELDS name, "core_group_<number>", "interval_weeks" or "review_conferences"
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


def iso(day: datetime.date | None) -> str | None:
    """YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


def from_iso(text: str | None) -> datetime.date | None:
    """A date from YYYY-MM-DD, or None for an empty value."""
    return datetime.date.fromisoformat(text) if text else None
