"""Why a date is what it is: what it counts from and which weekends and bank holidays moved it."""

from __future__ import annotations

import datetime
from collections.abc import Container
from dataclasses import dataclass

from portal.timeline.bank_holidays import holiday_name
from portal.timeline.engine import ONE_DAY, add_months
from portal.timeline.model import Milestone, TimelineRules


@dataclass(frozen=True)
class Why:
    """How a due date was worked out. static/js/timeline.js's `why` gives the same."""

    counted_from: datetime.date
    # For weeks and months: the date the count lands on, when that is not a working day and the
    # due date moved back from it; None when it did not move (and always for working days).
    moved_from: datetime.date | None
    # The weekday bank holidays that were not counted (working days) or that the date moved
    # back over, in date order, with their names where known.
    holidays: tuple[tuple[datetime.date, str | None], ...]
    weekend_days: int  # Saturdays and Sundays not counted, or moved back over

    def to_json(self) -> dict[str, object]:
        """As plain JSON data."""
        return {
            "counted_from": self.counted_from.isoformat(),
            "moved_from": self.moved_from.isoformat() if self.moved_from else None,
            "holidays": [[day.isoformat(), name] for day, name in self.holidays],
            "weekend_days": self.weekend_days,
        }


def why(milestone: Milestone, rules: TimelineRules, holiday_dates: Container[datetime.date]) -> Why | None:
    """Why the rule gives the milestone's due date; None when nothing was counted."""
    if milestone.counted_from is None or milestone.due is None:
        return None
    rule = rules.rule(milestone.rule)
    start, due = milestone.counted_from, milestone.due
    if rule.unit == "working_days":
        first, last, moved_from = start + ONE_DAY, due, None
    else:
        if rule.unit == "weeks":
            landed = start + datetime.timedelta(weeks=milestone.count)
        else:
            landed = add_months(start, milestone.count)
        first, last = due + ONE_DAY, landed
        moved_from = landed if landed != due else None
    holidays: list[tuple[datetime.date, str | None]] = []
    weekend_days = 0
    day = first
    while day <= last:
        if day.weekday() >= 5:
            weekend_days += 1
        elif day in holiday_dates:
            holidays.append((day, holiday_name(holiday_dates, day)))
        day += ONE_DAY
    return Why(start, moved_from, tuple(holidays), weekend_days)
