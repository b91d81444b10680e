"""The command line: `python -m portal.timeline --icpc 2026-12-18` (see `--help`)."""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from portal.errors import ContentErrors
from portal.timeline.bank_holidays import FIRST_YEAR, LAST_YEAR, NATION_NAMES, NATIONS, bank_holidays
from portal.timeline.calendar_file import to_icalendar
from portal.timeline.engine import check_inputs, compute_timeline, span_years
from portal.timeline.model import (
    USER_RULE,
    Milestone,
    OutOfRange,
    Problem,
    TimelineInputs,
    TimelineRules,
    TimelineTexts,
)
from portal.timeline.rules import DEFAULT_RULES_PATH, DEFAULT_TEXTS_PATH, load_rules, load_texts

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

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
    "core_group_before_earlier_meeting": "{option} must be after the first core group (or the "
    "conference) and after the core groups given before it",
    "unknown_core_group": "{option}: core groups are numbered from 1 to 30",
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
        option=OPTION_NAMES.get(problem.field) or f"--core-group {problem.field.rpartition('_')[2]}=...",
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


def _core_group(text: str) -> tuple[int, datetime.date]:
    number, _, day = text.partition("=")
    if not re.fullmatch(r"[0-9]{1,2}", number):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a meeting number and a date: write it as N=YYYY-MM-DD, e.g. 2=2027-05-20"
        )
    return int(number), _date_argument(day)


def _whole_number(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,3}", text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of weeks, e.g. 4")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m portal.timeline",
        description="Show when each core group meeting, record and review conference is due.",
        epilog=f"Dates are written YYYY-MM-DD, in the years {FIRST_YEAR + 1} to about {LAST_YEAR - 2}. "
        "Nothing is sent anywhere.",
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
        "--core-group",
        action="append",
        default=[],
        type=_core_group,
        metavar="N=YYYY-MM-DD",
        help="the real date of regular core group meeting N (1 is the one after the first), if known; "
        "the meetings after it count from it",
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
    parser.add_argument(
        "--ics", type=Path, metavar="FILE", help="write an iCalendar file (reminders of each date)"
    )
    parser.add_argument("--rules", type=Path, default=DEFAULT_RULES_PATH, help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS_PATH, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; 0 on success, 1 for bad data files or an unwritable --ics, 2 for bad options."""
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
        core_groups=tuple(sorted(dict(args.core_group).items())),
    )
    problems = check_inputs(rules, inputs)
    errors = [describe_problem(p, rules) for p in problems if p.severity == "error"]
    if errors:
        parser.error("; ".join(errors))  # exits with status 2
    for problem in problems:
        print(f"note: {describe_problem(problem, rules)}", file=sys.stderr)
    given = [day for day in inputs.field_dates().values() if day]
    # The timeline runs at most span_years past the last date given (and reminders a little
    # before the first), so the bank holidays of those years are enough.
    span = span_years(rules)
    years = range(min(given).year - 1, max(given).year + span + 1)
    if years.start < FIRST_YEAR or years.stop - 1 > LAST_YEAR:
        parser.error(f"the dates must be in the years {FIRST_YEAR + 1} to {LAST_YEAR - span}")
    holiday_dates = bank_holidays(args.nation, years)
    try:
        milestones = compute_timeline(rules, inputs, holiday_dates)
    except OutOfRange as error:
        parser.error(str(error))
    if args.ics:
        stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
        text = to_icalendar(milestones, rules, texts, stamp, holiday_dates)
        try:
            # newline="" keeps the CRLF line ends that iCalendar requires.
            with args.ics.open("w", encoding="utf-8", newline="") as file:
                file.write(text)
        except OSError as error:
            reason = error.strerror or str(error)
            print(f"error: cannot write the calendar file {args.ics}: {reason}", file=sys.stderr)
            return 1
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
