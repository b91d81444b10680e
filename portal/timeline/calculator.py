"""What the calculator page of each language needs, worked out once at build time."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.errors import ErrorList
from portal.languages import SOURCE_LANGUAGE
from portal.timeline.bank_holidays import BankHolidays, bank_holidays
from portal.timeline.engine import compute_timeline, span_years
from portal.timeline.model import Milestone, TimelineInputs, TimelineRules, TimelineTexts
from portal.timeline.rules import read_rules, read_texts


def browser_data(rules: TimelineRules, holiday_dates: BankHolidays) -> dict[str, Any]:
    """The rules and bank holidays (with their names) as JSON data for static/js/timeline.js."""
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
            "names": {day.isoformat(): name for day, name in sorted(holiday_dates.names.items())},
            "names_lang": holiday_dates.names_lang,
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
    example_holidays: BankHolidays

    def browser_json(self) -> dict[str, Any]:
        """Rules, bank holidays and texts, for the page's embedded data."""
        return browser_data(self.rules, self.holidays) | {"texts": self.texts.to_json()}


def holiday_years(today: datetime.date, rules: TimelineRules) -> range:
    """The years the browser needs bank holidays for, for a site left unbuilt for years."""
    # A family may give dates up to two years either side of today; the timeline runs on past
    # the last one by at most span_years; and the site may be served for three years unchanged.
    span = span_years(rules)
    return range(today.year - 2 - span, today.year + 2 + span + 3 + 1)


def load_calculator(
    content_dir: Path,
    languages: Sequence[str],
    nation: str,
    today: datetime.date,
    errors: ErrorList,
    local_timescales: Path | None = None,
) -> dict[str, CalculatorData]:
    """The calculator of every language, from timeline.yaml (with local timescales over it) and each <lang>/timeline.yaml.

    Problems are added to errors (with those of every other file) and give no calculator.
    """
    rules = read_rules(content_dir / "timeline.yaml", errors, local_timescales)
    if rules is None:
        return {}
    texts: dict[str, TimelineTexts] = {}
    for code in languages:
        path = content_dir / code / "timeline.yaml"
        if code == SOURCE_LANGUAGE or path.exists():
            loaded = read_texts(path, rules, code, errors)
            if loaded is not None:
                texts[code] = loaded
    if SOURCE_LANGUAGE not in texts:
        return {}
    example_inputs = TimelineInputs(icpc=rules.worked_example)
    assert rules.worked_example is not None
    example_years = range(rules.worked_example.year, rules.worked_example.year + span_years(rules) + 1)
    result = {}
    for code in languages:
        shown = texts.get(code, texts[SOURCE_LANGUAGE])
        example_holidays = bank_holidays(nation, example_years, shown.lang)
        result[code] = CalculatorData(
            rules,
            shown,
            shown.lang,
            bank_holidays(nation, holiday_years(today, rules), shown.lang),
            example_inputs,
            compute_timeline(rules, example_inputs, example_holidays),
            example_holidays,
        )
    return result
