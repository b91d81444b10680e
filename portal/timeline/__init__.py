"""The "what happens next" timeline: when each meeting and record is due, from the rules data.

Pure Python, no Flask, one job a module:

- `model`: the rules, texts, inputs and milestones (frozen dataclasses)
- `rules`: reading and checking content/timeline.yaml and content/<lang>/timeline.yaml
- `numbers`: plural forms and digits of counts, per language
- `bank_holidays`: UK bank holidays, with their names
- `engine`: working days, weeks and months; the checks on a family's dates; the timeline
- `explain`: why a date is what it is
- `calendar_file`: the iCalendar file
- `calculator`: what each language's calculator page needs, worked out at build time
- `cli`: `python -m portal.timeline --icpc 2026-12-18`

`static/js/timeline.js` is the same engine for the browser; tests/timeline_cases.json and a
property test keep the two identical.
"""

from portal.timeline.bank_holidays import NATION_NAMES, NATIONS, BankHolidays, bank_holidays
from portal.timeline.calculator import CalculatorData, browser_data, load_calculator
from portal.timeline.calendar_file import REMINDER_WORKING_DAYS, CalendarWords, to_icalendar
from portal.timeline.cli import PROBLEM_MESSAGES, describe_problem, format_text, main
from portal.timeline.engine import (
    add_months,
    add_working_days,
    check_inputs,
    compute_timeline,
    due_after,
    is_working_day,
    span_years,
    working_day_on_or_before,
)
from portal.timeline.explain import Why, why
from portal.timeline.model import (
    DATE_FIELDS,
    MAX_COUNT,
    RULE_IDS,
    STATUSES,
    UNITS,
    USER_RULE,
    InvalidInputs,
    Milestone,
    OutOfRange,
    Problem,
    Rule,
    RuleText,
    TimelineInputs,
    TimelineRules,
    TimelineTexts,
)
from portal.timeline.rules import DEFAULT_RULES_PATH, DEFAULT_TEXTS_PATH, load_rules, load_texts

__all__ = [
    "DATE_FIELDS",
    "DEFAULT_RULES_PATH",
    "DEFAULT_TEXTS_PATH",
    "MAX_COUNT",
    "NATIONS",
    "NATION_NAMES",
    "PROBLEM_MESSAGES",
    "REMINDER_WORKING_DAYS",
    "RULE_IDS",
    "STATUSES",
    "UNITS",
    "USER_RULE",
    "BankHolidays",
    "CalculatorData",
    "CalendarWords",
    "InvalidInputs",
    "Milestone",
    "OutOfRange",
    "Problem",
    "Rule",
    "RuleText",
    "TimelineInputs",
    "TimelineRules",
    "TimelineTexts",
    "Why",
    "add_months",
    "add_working_days",
    "bank_holidays",
    "browser_data",
    "check_inputs",
    "compute_timeline",
    "describe_problem",
    "due_after",
    "format_text",
    "is_working_day",
    "load_calculator",
    "load_rules",
    "load_texts",
    "main",
    "span_years",
    "to_icalendar",
    "why",
    "working_day_on_or_before",
]
