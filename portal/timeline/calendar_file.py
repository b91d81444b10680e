"""The calendar file: each step as an all-day reminder of the latest date, with an alarm before it."""

from __future__ import annotations

import datetime
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field

from portal.timeline.engine import ONE_DAY, is_working_day
from portal.timeline.model import Milestone, TimelineRules, TimelineTexts

# The alarm rings at 9:00 this many working days before each date: time to ring the social
# worker in working hours if no invitation or notes have come, and to arrange childcare or time
# off work, yet close enough to the date not to be forgotten. static/js/timeline.js agrees.
REMINDER_WORKING_DAYS = 3
REMINDER_HOUR = 9


@dataclass(frozen=True)
class CalendarWords:
    """The calendar's own words, in the reader's language (the defaults are the English ones)."""

    due_title: str = "Due by: {label}"
    due_note: str = (
        "This is the latest date under the usual rules. The real date comes from your social worker."
    )
    # Where each rule is explained (absolute addresses), by rule id; none from the command line.
    urls: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The words as the browser engine takes them."""
        return {
            "due_title": self.due_title,
            "due_note": self.due_note,
            "urls": dict(self.urls),
        }


def reminder_day(day: datetime.date, holiday_dates: Container[datetime.date]) -> datetime.date:
    """The working day REMINDER_WORKING_DAYS working days before day."""
    count = REMINDER_WORKING_DAYS
    while count > 0:
        day -= ONE_DAY
        if is_working_day(day, holiday_dates):
            count -= 1
    return day


def to_icalendar(
    milestones: Sequence[Milestone],
    rules: TimelineRules,
    texts: TimelineTexts,
    stamp: datetime.datetime,
    holiday_dates: Container[datetime.date],
    words: CalendarWords | None = None,
) -> str:
    """An iCalendar file with one all-day reminder per milestone; stamp is the time it was made."""
    words = words or CalendarWords()
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
        summary = label if milestone.actual else words.due_title.replace("{label}", label)
        status = texts.statuses[rules.rule(milestone.rule).status]
        description = [texts.explain(milestone) + " (" + status + ")"]
        if not milestone.actual:
            description.append(words.due_note)
        url = words.urls.get(milestone.rule)
        if url:
            description.append(url)
        # A relative trigger from the all-day event's midnight start, so it rings at 9:00
        # local time wherever the calendar is.
        days_before = (milestone.date - reminder_day(milestone.date, holiday_dates)).days
        trigger = f"-P{days_before - 1}DT{24 - REMINDER_HOUR}H"
        lines += [
            "BEGIN:VEVENT",
            # Stable per child and meeting, so importing an updated file replaces the old events.
            f"UID:{milestone.id}-{conference:%Y%m%d}@core-group-guide",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{milestone.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{milestone.date + ONE_DAY:%Y%m%d}",
            f"SUMMARY:{_ical_text(summary)}",
            f"DESCRIPTION:{_ical_text(chr(10).join(description))}",
            *([f"URL:{url}"] if url else []),
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_ical_text(summary)}",
            f"TRIGGER:{trigger}",
            "END:VALARM",
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
