"""The date engine: working days, weeks and months, the checks on a family's dates, the timeline.

Pure Python. `static/js/timeline.js` implements the same rules for the browser; the golden
cases in `tests/timeline_cases.json` and a property test keep the two identical, so a change
here needs the same change there.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Container, Mapping

from portal.timeline.model import (
    DATE_FIELDS,
    MAX_CORE_GROUPS,
    MAX_REVIEW_CONFERENCES,
    MEETING_FIELDS,
    TOO_FAR_MONTHS,
    USER_RULE,
    InvalidInputs,
    Milestone,
    Problem,
    TimelineInputs,
    TimelineRules,
)

ONE_DAY = datetime.timedelta(days=1)


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
    problems += _core_group_problems(inputs, dates, today)
    return tuple(problems)


def _core_group_problems(
    inputs: TimelineInputs, dates: Mapping[str, datetime.date | None], today: datetime.date | None
) -> list[Problem]:
    """The real dates of later core groups: each after the first meeting and the one given before."""
    problems: list[Problem] = []
    earlier = dates["first_core_group"] or dates["icpc"] or dates["strategy_discussion"]
    for number, day in inputs.core_groups:
        field = f"core_group_{number}"
        if not 1 <= number <= MAX_CORE_GROUPS:
            problems.append(Problem(field, "unknown_core_group", "error"))
            continue
        if today is not None and not (
            add_months(today, -TOO_FAR_MONTHS) <= day <= add_months(today, TOO_FAR_MONTHS)
        ):
            problems.append(Problem(field, "too_far_away", "error"))
        if earlier is not None and day <= earlier:
            problems.append(Problem(field, "core_group_before_earlier_meeting", "error"))
        if day.weekday() >= 5:
            problems.append(Problem(field, "weekend", "warning"))
        earlier = max(earlier, day) if earlier else day
    return problems


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
    given_core_groups = dict(inputs.core_groups)
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
            given = given_core_groups.get(index)
            # A meeting on or after the next review belongs to the chain after that review.
            if (given or due) >= before:
                return index
            previous = add(f"core_group_{index}", USER_RULE, index, previous, given, interval)
            index += 1

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


def span_days(rules: TimelineRules) -> int:
    """At most how many days a timeline runs past the last date a family gives, for these rules."""
    # An upper bound, not the answer: it sizes the bank holiday table. Working days are at most
    # 7/5 of their count plus a Christmas and an Easter; a month is at most 31 days.
    per_unit = {
        "working_days": lambda count: count * 7 // 5 + 14,
        "weeks": lambda count: count * 7,
        "months": lambda count: count * 31,
    }
    return sum(per_unit[rule.unit](max(rule.counts)) for rule in rules.rules)


def span_years(rules: TimelineRules) -> int:
    """span_days in whole years, rounded up."""
    return -(-span_days(rules) // 365)
