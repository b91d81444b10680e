"""The Python timeline engine: golden cases, each date convention, the data files and the CLI."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from portal import config
from portal.errors import ContentErrors, ErrorList
from portal.timeline import (
    DEFAULT_TEXTS_PATH,
    MAX_COUNT,
    NATIONS,
    REMINDER_WORKING_DAYS,
    BankHolidays,
    CalendarWords,
    InvalidInputs,
    OutOfRange,
    RuleText,
    TimelineInputs,
    TimelineRules,
    TimelineTexts,
    add_months,
    add_working_days,
    bank_holidays,
    browser_data,
    check_inputs,
    compute_timeline,
    due_after,
    is_working_day,
    load_calculator,
    load_rules,
    load_texts,
    main,
    to_icalendar,
)
from portal.timeline.numbers import plural_category, write_number

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((ROOT / "tests" / "timeline_cases.json").read_text(encoding="utf-8"))
TABLE = GOLDEN["bank_holidays"]
# The England defaults the golden dates were worked out from; an area may change its own
# content/timeline.yaml without breaking these tests.
RULES = TimelineRules.from_json(GOLDEN["rules"])
TEXTS = load_texts(DEFAULT_TEXTS_PATH, RULES)
D = datetime.date.fromisoformat
UNIT_WORDS = {"working_days": "working days", "weeks": "weeks", "months": "months"}


def rules_yaml(rules: TimelineRules) -> str:
    """A rules file in the format of content/timeline.yaml, without its comments."""
    lines = ["worked_example: 2026-12-18", "rules:"]
    for rule in rules.rules:
        lines += [
            f"  {rule.id}:",
            f"    count: {rule.count}",
            f"    unit: {UNIT_WORDS[rule.unit]}",
            f"    counts_from: {rule.counts_from}",
            f"    status: {rule.status}",
            f"    guidance: {rule.guidance}",
        ]
        if rule.smallest_count is not None:
            lines += [
                f"    smallest_count: {rule.smallest_count}",
                f"    largest_count: {rule.largest_count}",
            ]
    return "\n".join(lines) + "\n"


RULES_TEXT = rules_yaml(RULES)


@pytest.fixture
def rules_file(tmp_path) -> Path:
    """The golden rules written as a rules file, for the command."""
    path = tmp_path / "rules.yaml"
    path.write_text(RULES_TEXT, encoding="utf-8")
    return path


def golden_holidays(nation: str) -> BankHolidays:
    """The golden file's hand-written bank holidays (checked against `holidays` below)."""
    dates = frozenset(D(day) for day in TABLE["dates"][nation])
    return BankHolidays(nation, TABLE["first_year"], TABLE["last_year"], dates)


ENGLAND = golden_holidays("england-and-wales")


# ---------------------------------------------------------------------------- golden cases


@pytest.mark.parametrize("nation", NATIONS)
def test_holidays_package_agrees_with_the_golden_table(nation):
    years = range(TABLE["first_year"], TABLE["last_year"] + 1)
    assert bank_holidays(nation, years) == golden_holidays(nation)


@pytest.mark.parametrize("case", GOLDEN["timelines"], ids=lambda case: case["name"])
def test_golden_timeline(case):
    inputs = TimelineInputs.from_json(case["inputs"])
    years = range(TABLE["first_year"], TABLE["last_year"] + 1)
    milestones = compute_timeline(RULES, inputs, bank_holidays(case["nation"], years))
    got = [milestone.to_json() for milestone in milestones]
    # Only the keys the case lists are compared, but `actual` is always checked.
    expected = [{"actual": False} | item for item in case["expected"]]
    assert len(got) == len(expected), [item["id"] for item in got]
    assert [{key: item[key] for key in want} for item, want in zip(got, expected, strict=True)] == expected


@pytest.mark.parametrize(
    "case", GOLDEN["due_after"], ids=lambda case: f"{case['start']}+{case['count']}{case['unit']}"
)
def test_golden_due_after(case):
    holidays = golden_holidays(case["nation"])
    due = due_after(D(case["start"]), case["count"], case["unit"], holidays)
    assert due.isoformat() == case["expected"], case["why"]


@pytest.mark.parametrize("case", GOLDEN["add_months"], ids=lambda case: f"{case['start']}{case['months']:+d}")
def test_golden_add_months(case):
    assert add_months(D(case["start"]), case["months"]).isoformat() == case["expected"]


@pytest.mark.parametrize("case", GOLDEN["checks"], ids=lambda case: json.dumps(case["inputs"]))
def test_golden_checks(case):
    today = D(case["today"]) if "today" in case else None
    problems = check_inputs(RULES, TimelineInputs.from_json(case["inputs"]), today)
    assert [problem.to_json() for problem in problems] == case["expected"]


def test_golden_cases_cover_the_tricky_dates():
    names = " ".join(case["name"] for case in GOLDEN["timelines"])
    for word in ("christmas", "easter", "may", "august", "month-end", "leap", "substitute"):
        assert word in names


# ---------------------------------------------------------------------------- date conventions


def test_working_days_exclude_weekends_and_bank_holidays():
    # Thursday 24 December 2026 -> Tuesday 29th: 25th (holiday), 26-27 (weekend), 28th (substitute).
    assert add_working_days(D("2026-12-24"), 1, ENGLAND) == D("2026-12-29")


def test_the_start_day_itself_is_not_counted():
    # Monday 21 December 2026 is a working day, but "1 working day after" it is the 22nd.
    assert add_working_days(D("2026-12-21"), 1, ENGLAND) == D("2026-12-22")
    assert add_working_days(D("2026-12-21"), 3, ENGLAND) == D("2026-12-24")


def test_weeks_are_seven_days_each():
    assert due_after(D("2027-01-06"), 6, "weeks", ENGLAND) == D("2027-02-17")


def test_months_keep_the_day_number_or_take_the_last_day():
    assert add_months(D("2027-01-31"), 1) == D("2027-02-28")
    assert add_months(D("2028-01-31"), 1) == D("2028-02-29")
    assert add_months(D("2027-03-18"), 6) == D("2027-09-18")


def test_weeks_and_months_move_back_to_a_working_day():
    # 18 September 2027 is a Saturday.
    assert due_after(D("2027-03-18"), 6, "months", ENGLAND) == D("2027-09-17")
    # 1 January 2027 is a bank holiday.
    assert due_after(D("2026-11-20"), 6, "weeks", ENGLAND) == D("2026-12-31")


def test_the_chain_counts_from_the_date_shown():
    # 20 July + 6 weeks is the August bank holiday; the next meeting counts from the 28th.
    inputs = TimelineInputs(icpc=D("2026-07-08"), first_core_group=D("2026-07-20"))
    milestones = {m.id: m for m in compute_timeline(RULES, inputs, ENGLAND)}
    assert milestones["core_group_1"].date == D("2026-08-28")
    assert milestones["core_group_1"].counted_from == D("2026-07-20")
    assert milestones["core_group_2"].counted_from == D("2026-10-22")  # the after-review meeting


def test_given_dates_are_marked_actual_and_keep_their_due_date():
    inputs = TimelineInputs(icpc=D("2026-12-18"), first_core_group=D("2027-01-08"))
    milestones = {m.id: m for m in compute_timeline(RULES, inputs, ENGLAND)}
    first = milestones["first_core_group"]
    assert (first.date, first.due, first.actual) == (D("2027-01-08"), D("2027-01-06"), True)
    assert milestones["first_core_group_record"].counted_from == D("2027-01-08")
    assert not milestones["first_core_group_record"].actual


def test_the_timeline_ends_with_the_core_group_after_the_second_review():
    milestones = compute_timeline(RULES, TimelineInputs(icpc=D("2026-12-18")), ENGLAND)
    assert milestones[-1].id == "core_group_after_review_2"
    assert [m.date for m in milestones] == sorted(m.date for m in milestones)
    assert len({m.id for m in milestones}) == len(milestones)


def test_the_rules_file_reads_back_as_written(rules_file):
    assert load_rules(rules_file).rules == RULES.rules


def test_a_changed_number_in_the_rules_changes_the_timeline(tmp_path):
    path = tmp_path / "timeline.yaml"
    path.write_text(RULES_TEXT.replace("count: 10\n", "count: 4\n", 1), encoding="utf-8")
    milestones = compute_timeline(load_rules(path), TimelineInputs(icpc=D("2026-12-18")), ENGLAND)
    first = next(m for m in milestones if m.id == "first_core_group")
    assert first.date == D("2026-12-24")


def test_dates_beyond_the_known_bank_holidays_are_refused():
    with pytest.raises(OutOfRange, match="2030-02-01 is outside the bank holidays known"):
        compute_timeline(RULES, TimelineInputs(icpc=D("2029-11-01")), ENGLAND)


def test_inputs_with_errors_give_no_timeline():
    inputs = TimelineInputs(icpc=D("2026-12-18"), first_core_group=D("2026-12-01"))
    with pytest.raises(InvalidInputs) as raised:
        compute_timeline(RULES, inputs, ENGLAND)
    assert [p.code for p in raised.value.problems] == ["first_core_group_before_conference"]


def test_weekend_conference_is_only_a_warning():
    inputs = TimelineInputs(icpc=D("2027-01-16"))
    assert [p.severity for p in check_inputs(RULES, inputs)] == ["warning"]
    assert compute_timeline(RULES, inputs, ENGLAND)[0].date == D("2027-01-16")


def test_nations_match_the_site_configuration():
    assert tuple(NATIONS) == config.NATIONS


# ---------------------------------------------------------------------------- data for the browser


def test_browser_data_is_plain_json():
    data = browser_data(RULES, bank_holidays("england-and-wales", range(2024, 2032)))
    assert json.loads(json.dumps(data)) == data
    assert data["rules"] == GOLDEN["rules"]
    assert TimelineRules.from_json(data["rules"]) == RULES
    assert data["holidays"]["first_year"] == 2024 and data["holidays"]["last_year"] == 2031
    assert "2027-12-28" in data["holidays"]["dates"]
    assert json.loads(json.dumps(TEXTS.to_json()))["statuses"]["local"] == "Local procedure"


def test_the_shipped_rules_load():
    assert [rule.id for rule in load_rules().rules] == [rule.id for rule in RULES.rules]


def test_rule_statuses_follow_the_guidance():
    statuses = {rule.id: rule.status for rule in load_rules().rules}
    assert statuses == {
        "icpc_by": "statutory",
        "first_core_group_by": "local",
        "first_core_group_record_by": "local",
        "core_group_by": "local",
        "first_review_conference_by": "statutory",
        "core_group_after_review_by": "good_practice",
        "review_conference_by": "statutory",
    }


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "content").glob("*/timeline.yaml")),
    ids=lambda path: path.parent.name,
)
def test_every_language_has_complete_timeline_texts(path):
    texts = load_texts(path, RULES, path.parent.name)
    assert set(texts.rules) == {rule.id for rule in RULES.rules}


# Words that must not follow each number, by language and unit: a wrong plural form.
WRONG_FORMS = {
    "en": [
        (re.compile(r"\b1 (working days|weeks|months)\b"), "1 with a plural"),
        (re.compile(r"\b([2-9]|\d\d+) (working day|week|month)\b(?!s)"), "a plural with the singular"),
    ],
    "ar": [
        (re.compile(r"\b2 "), "2 written as a number (the dual has none)"),
        (re.compile(r"\b1 "), "1 written as a number"),
    ],
    "pl": [
        (re.compile(r"\b([5-9]|1\d) tygodnie\b"), "5-19 with 'tygodnie'"),
        (re.compile(r"\b([2-4]) tygodni\b(?! )"), "2-4 with 'tygodni' after 'na'"),
    ],
    "ro": [
        (re.compile(r"\b([2-9]|1\d) de (zile|săptămâni|luni)\b"), "2-19 with 'de'"),
        (re.compile(r"\b([2-9]\d) (zile|săptămâni|luni)\b"), "20+ without 'de'"),
    ],
}


@pytest.mark.parametrize(
    "lang", sorted(path.parent.name for path in (ROOT / "content").glob("*/timeline.yaml"))
)
def test_every_count_the_rules_allow_reads_in_every_language(lang):
    texts = load_texts(ROOT / "content" / lang / "timeline.yaml", RULES, lang)
    for rule in RULES.rules:
        for count in range(1, MAX_COUNT + 1):
            text = texts.explanation(rule.id, count)
            assert text and "{" not in text, (rule.id, count)
            category = plural_category(lang, count)
            assert text == " ".join(texts.rules[rule.id].explanation[category].split()).replace(
                "{count}", write_number(count, lang)
            )
            for pattern, what in WRONG_FORMS.get(lang, []):
                assert not pattern.search(text), (rule.id, count, what, text)


def test_arabic_counts_use_the_dual_and_the_right_noun():
    texts = load_texts(ROOT / "content" / "ar" / "timeline.yaml", RULES, "ar")
    assert "خلال أسبوعين" in texts.explanation("core_group_after_review_by", 2)
    assert "خلال 3 أسابيع" in texts.explanation("core_group_after_review_by", 3)
    assert "خلال 11 أسبوعًا" in texts.explanation("core_group_after_review_by", 11)
    assert "خلال أسبوع واحد" in texts.explanation("core_group_after_review_by", 1)
    assert "خلال 15 يوم عمل" in texts.explanation("icpc_by", 15)
    assert "خلال 10 أيام عمل" in texts.explanation("first_core_group_by", 10)


def test_polish_weeks_agree_with_the_number():
    texts = load_texts(ROOT / "content" / "pl" / "timeline.yaml", RULES, "pl")
    assert "raz na 2 tygodnie" in texts.explanation("core_group_by", 2)
    assert "raz na 6 tygodni" in texts.explanation("core_group_by", 6)
    assert "raz w tygodniu" in texts.explanation("core_group_by", 1)


@pytest.mark.parametrize("lang", ["bn", "en", "ar", "ur"])
def test_counts_use_the_languages_digits(lang):
    texts = load_texts(ROOT / "content" / lang / "timeline.yaml", RULES, lang)
    text = texts.explanation("icpc_by", 15)
    assert ("১৫" in text) == (lang == "bn")
    assert ("15" in text) == (lang != "bn")
    if lang == "bn":
        assert not re.search(r"[0-9]", " ".join(texts.explanation(r.id, 7) for r in RULES.rules))


def test_a_count_without_its_plural_forms_is_refused(tmp_path):
    path = tmp_path / "timeline.yaml"
    text = (ROOT / "content" / "pl" / "timeline.yaml").read_text(encoding="utf-8")
    start = text.index("      few: >-", text.index("core_group_by:"))
    end = text.index("      many: >-", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_texts(path, RULES, "pl")
    [error] = raised.value.errors
    assert error.line == line_of(path.read_text(encoding="utf-8"), "core_group_by:") + 2
    assert "needs the plural form(s) few" in error.message


def test_a_plain_explanation_with_a_count_is_refused(tmp_path):
    path = tmp_path / "timeline.yaml"
    text = TEXTS_TEXT.replace(
        "    explanation:\n      one: Explanation of icpc_by, one.\n      other:", "    explanation:"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        ContentErrors, match="icpc_by: an explanation with {count} needs a form for each count"
    ):
        load_texts(path, RULES, "en")


def test_a_category_the_language_does_not_have_is_refused(tmp_path):
    path = tmp_path / "timeline.yaml"
    text = (ROOT / "content" / "en" / "timeline.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("      other: >-", "      few: >-", 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_texts(path, RULES, "en")
    messages = " ".join(str(error) for error in raised.value.errors)
    assert "'few' is not a plural form of this language (its forms: one, other)" in messages


def test_explanations_fill_in_the_family_interval():
    inputs = TimelineInputs(icpc=D("2026-12-18"), interval_weeks=4)
    milestone = next(m for m in compute_timeline(RULES, inputs, ENGLAND) if m.rule == "core_group_by")
    assert "every 4 weeks" in TEXTS.explain(milestone)
    one_week = TimelineInputs(icpc=D("2026-12-18"), interval_weeks=1)
    milestone = next(m for m in compute_timeline(RULES, one_week, ENGLAND) if m.rule == "core_group_by")
    assert "at least every week to" in TEXTS.explain(milestone)


# ---------------------------------------------------------------------------- bad data files


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


BAD_RULES = [
    # (id, old text, new text, marker on the reported line, message)
    ("count-not-a-number", "count: 10\n", "count: ten\n", "count: ten", "whole number"),
    ("count-boolean", "count: 7\n", "count: yes\n", "count: yes", "whole number"),
    ("count-too-big", "count: 15\n", "count: 1500\n", "count: 1500", "from 1 to 100"),
    ("unknown-unit", "unit: months\n", "unit: fortnights\n", "unit: fortnights", "one of"),
    ("unknown-status", "status: good_practice", "status: nice", "status: nice", "one of"),
    ("bad-guidance", "guidance: what-happens-next", "guidance: What Happens", "guidance: What", "file name"),
    (
        "counts-from-changed",
        "counts_from: review_conference\n",
        "counts_from: initial_conference\n",
        "counts_from: initial_conference\n    status: good",
        "cannot be changed",
    ),
    (
        "unknown-key",
        "    smallest_count: 1\n",
        "    smallest_count: 1\n    colour: blue\n",
        "colour",
        "unknown key 'colour'",
    ),
    ("interval-outside-choices", "    count: 6\n", "    count: 20\n", "count: 20", "between smallest_count"),
    (
        "less-often-than-the-rule",
        "    largest_count: 6\n",
        "    largest_count: 12\n",
        "largest_count: 12",
        "must not be more than 'count' (6): a conference can decide the core group meets more often",
    ),
    (
        "worked-example-year-9999",
        "worked_example: 2026-12-18\n",
        "worked_example: 9999-12-18\n",
        "worked_example",
        "the calculator works with years 1900 to",
    ),
    (
        "interval-in-months",
        "    count: 6\n    unit: weeks",
        "    count: 6\n    unit: months",
        "months\n    counts_from: previous_core_group",
        "must be weeks",
    ),
    ("unknown-rule", "  icpc_by:", "  icpc_within:", "icpc_within", "unknown rule 'icpc_within'"),
    (
        "bad-worked-example",
        "worked_example: 2026-12-18",
        "worked_example: 2026-12-32",
        "worked_example",
        "is not a date",
    ),
    ("tab-character", "    count: 15\n", "\tcount: 15\n", "\tcount", "not valid YAML"),
]


@pytest.mark.parametrize(
    "old, new, marker, message", [case[1:] for case in BAD_RULES], ids=[case[0] for case in BAD_RULES]
)
def test_bad_rules_name_the_file_and_line(tmp_path, old, new, marker, message):
    assert old in RULES_TEXT
    text = RULES_TEXT.replace(old, new, 1)
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_rules(path)
    line = line_of(text, marker)
    reported = [str(error) for error in raised.value.errors]
    assert any(f"{path}:{line}: " in item and message in item for item in reported), reported


def test_missing_rule_is_reported_at_the_rules_section(tmp_path):
    text = RULES_TEXT[: RULES_TEXT.index("  review_conference_by:")]
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_rules(path)
    assert [str(e) for e in raised.value.errors] == [
        f"{path}:{line_of(text, 'rules:')}: the rule 'review_conference_by' is missing"
    ]


def test_every_problem_is_reported_together(tmp_path):
    text = RULES_TEXT.replace("count: 10\n", "count: ten\n").replace("status: local", "status: maybe")
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_rules(path)
    assert len(raised.value.errors) == 4  # one count and three statuses


def test_every_count_and_unit_the_documentation_allows_builds(tmp_path):
    """The longest rules the comments of content/timeline.yaml allow still make a calculator."""
    longest = RULES_TEXT
    for rule in RULES.rules:
        unit = "weeks" if rule.id == "core_group_by" else "months"
        longest = longest.replace(
            f"  {rule.id}:\n    count: {rule.count}\n    unit: {UNIT_WORDS[rule.unit]}\n",
            f"  {rule.id}:\n    count: {MAX_COUNT}\n    unit: {unit}\n",
        )
    longest = longest.replace("largest_count: 6", f"largest_count: {MAX_COUNT}")
    (tmp_path / "en").mkdir()
    (tmp_path / "timeline.yaml").write_text(longest, encoding="utf-8")
    (tmp_path / "en" / "timeline.yaml").write_text(
        DEFAULT_TEXTS_PATH.read_text(encoding="utf-8"), encoding="utf-8"
    )
    errors = ErrorList()
    today = datetime.date(2026, 12, 1)
    calculators = load_calculator(tmp_path, ("en",), "england-and-wales", today, errors)
    assert not errors.errors
    calculator = calculators["en"]
    assert calculator.rules.rule("review_conference_by").count == MAX_COUNT
    # The browser's bank holidays reach past a timeline that starts two years from today.
    inputs = TimelineInputs(icpc=add_months(today, 24))
    assert compute_timeline(calculator.rules, inputs, calculator.holidays)[-1].date.year > today.year + 10


def test_missing_rules_file(tmp_path):
    with pytest.raises(ContentErrors, match="the file is missing"):
        load_rules(tmp_path / "nothing.yaml")


# A small texts file of known shape, so that editing the English wording breaks no test.
TEXTS_TEXT = (
    "rules:\n"
    + "".join(
        f"  {rule.id}:\n    label: Label of {rule.id}\n    explanation:\n"
        f"      one: Explanation of {rule.id}, one.\n"
        f"      other: Explanation of {rule.id}, {{count}}.\n"
        for rule in RULES.rules
    )
    + "statuses:\n  statutory: National\n  local: Local\n  good_practice: Good practice\n"
)

BAD_TEXTS = [
    (
        "unknown-placeholder",
        "label: Label of core_group_by\n",
        "label: Label of core_group_by {weeks}\n",
        "core_group_by {weeks}",
        "'{weeks}' is not a placeholder",
    ),
    (
        "unknown-key",
        "    label: Label of review_conference_by\n    explanation:",
        "    label: Label of review_conference_by\n    note:",
        "note:",
        "unknown key 'note'",
    ),
    (
        "missing-explanation",
        "    label: Label of review_conference_by\n    explanation:",
        "    label: Label of review_conference_by\n    note:",
        "  review_conference_by:",
        "the key 'explanation' is missing",
    ),
    (
        "empty-label",
        "label: Label of first_core_group_by",
        "label: ''",
        "label: ''",
        "write some text",
    ),
    (
        "unknown-status",
        "  good_practice: Good practice",
        "  best_practice: Good practice",
        "best_practice",
        "unknown status",
    ),
    (
        "missing-rule",
        "  icpc_by:",
        "  icpc_within:",
        "rules:",
        "the texts for 'icpc_by' are missing",
    ),
]


def test_the_small_texts_file_is_valid(tmp_path):
    path = tmp_path / "timeline.yaml"
    path.write_text(TEXTS_TEXT, encoding="utf-8")
    assert load_texts(path, RULES).label("icpc_by") == "Label of icpc_by"


@pytest.mark.parametrize(
    "old, new, marker, message", [case[1:] for case in BAD_TEXTS], ids=[case[0] for case in BAD_TEXTS]
)
def test_bad_texts_name_the_file_and_line(tmp_path, old, new, marker, message):
    assert old in TEXTS_TEXT
    text = TEXTS_TEXT.replace(old, new, 1)
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_texts(path, RULES)
    reported = [str(error) for error in raised.value.errors]
    line = line_of(text, marker)
    assert any(f"{path}:{line}: " in item and message in item for item in reported), reported


# ---------------------------------------------------------------------------- iCalendar


def test_icalendar_imports_with_one_all_day_event_per_milestone():
    milestones = compute_timeline(RULES, TimelineInputs(icpc=D("2026-12-18")), ENGLAND)
    stamp = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    words = CalendarWords(urls={"first_core_group_by": "https://example.org/en/when/"})
    text = to_icalendar(milestones, RULES, TEXTS, stamp, ENGLAND, words)
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(milestones)
    for event, milestone in zip(events, milestones, strict=True):
        start = event.decoded("DTSTART")
        assert type(start) is datetime.date and start == milestone.date
        assert event.decoded("DTEND") == milestone.date + datetime.timedelta(days=1)
        assert TEXTS.label(milestone.rule) in str(event["SUMMARY"])
        assert str(event["TRANSP"]) == "TRANSPARENT"
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        # The alarm rings at 9:00, REMINDER_WORKING_DAYS working days before the date.
        rings = datetime.datetime.combine(milestone.date, datetime.time()) + alarm.decoded("TRIGGER")
        assert rings.time() == datetime.time(9, 0)
        between = [
            rings.date() + datetime.timedelta(days=n) for n in range((milestone.date - rings.date()).days)
        ]
        assert sum(1 for day in between if is_working_day(day, ENGLAND)) == REMINDER_WORKING_DAYS
        assert is_working_day(rings.date(), ENGLAND)
    assert str(events[0]["SUMMARY"]) == "Initial child protection conference"
    assert str(events[1]["SUMMARY"]) == "Due by: First core group meeting"
    description = str(events[1]["DESCRIPTION"])
    assert "10 working days" in description
    assert "the latest date under the usual rules" in description and "social worker" in description
    assert (
        "https://example.org/en/when/" in description
        and str(events[1]["URL"]) == "https://example.org/en/when/"
    )
    # First core group due Wed 6 Jan 2027: the reminder skips New Year's Day and the weekend.
    assert (events[1].walk("VALARM")[0].decoded("TRIGGER")) == -datetime.timedelta(days=5, hours=15)
    assert len({str(event["UID"]) for event in events}) == len(events)


def test_icalendar_lines_are_folded_and_escaped():
    milestones = compute_timeline(RULES, TimelineInputs(icpc=D("2026-12-18")), ENGLAND)
    long_label = "Spotkanie grupy; głównej, " * 6  # non-ASCII, commas and semicolons
    texts = TimelineTexts(
        dict(TEXTS.rules) | {"core_group_by": RuleText(long_label, {"other": "ąę {count}"})}, TEXTS.statuses
    )
    text = to_icalendar(
        milestones, RULES, texts, datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC), ENGLAND
    )
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    event = next(
        e for e in icalendar.Calendar.from_ical(text).walk("VEVENT") if "core_group_1-" in str(e["UID"])
    )
    assert str(event["SUMMARY"]) == "Due by: " + long_label


# ---------------------------------------------------------------------------- the command


@pytest.fixture
def cli(capsys, rules_file):
    """Runs the command in-process with the golden rules; returns (exit code, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        if "--rules" not in argv:
            argv = (*argv, "--rules", str(rules_file))
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_prints_the_milestones_in_order(cli):
    code, out, _ = cli("--icpc", "2026-12-18")
    assert code == 0
    assert "bank holidays of England and Wales; core groups every 6 weeks" in out
    assert "Wed 06 Jan 2027  First core group meeting" in out
    assert "due: 10 working days after Fri 18 Dec 2026 (local procedure)" in out
    assert out.index("06 Jan 2027") < out.index("15 Jan 2027") < out.index("01 Oct 2027")


def test_cli_json(cli):
    code, out, _ = cli(
        "--icpc",
        "2026-12-18",
        "--first-core-group",
        "2027-01-08",
        "--review-conference",
        "2027-03-11",
        "--review-conference",
        "2027-09-09",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    case = next(c for c in GOLDEN["timelines"] if c["name"] == "actual-dates-for-both-reviews")
    assert [(item["id"], item["date"]) for item in data] == [
        (item["id"], item["date"]) for item in case["expected"]
    ]
    assert data[1]["label"] == "First core group meeting" and data[1]["actual"] is True
    assert data[1]["guidance"] == "when-and-where-are-meetings"


def test_cli_real_date_of_a_later_core_group(cli):
    code, out, _ = cli("--icpc", "2026-12-18", "--core-group", "2=2027-05-20", "--json")
    assert code == 0
    data = {item["id"]: item for item in json.loads(out)}
    assert data["core_group_2"]["date"] == "2027-05-20" and data["core_group_2"]["actual"] is True
    assert data["core_group_3"]["counted_from"] == "2027-05-20"
    code, _, err = cli("--icpc", "2026-12-18", "--core-group", "2=2026-12-01")
    assert code == 2 and "--core-group 2=... must be after the first core group" in err


def test_cli_strategy_discussion_nation_and_interval(cli):
    code, out, _ = cli(
        "--strategy-discussion",
        "2026-12-04",
        "--interval-weeks",
        "4",
        "--nation",
        "scotland",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data[0]["id"] == "initial_conference" and data[0]["date"] == "2026-12-29"
    assert data[0]["actual"] is False
    assert {item["count"] for item in data if item["rule"] == "core_group_by"} == {4}


def test_cli_writes_an_importable_icalendar_file(tmp_path, cli):
    path = tmp_path / "timeline.ics"
    code, out, _ = cli("--icpc", "2026-12-18", "--ics", str(path))
    assert code == 0 and out == ""
    data = path.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(data)
    dates = [event.decoded("DTSTART") for event in calendar.walk("VEVENT")]
    assert dates[0] == D("2026-12-18") and dates[-1] == D("2027-10-01") and len(dates) == 12


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--icpc", "2026-02-30"], "2026-02-30 is not a real date"),
        (["--icpc", "18/12/2026"], "'18/12/2026' is not a date: write it as YYYY-MM-DD"),
        ([], "give the date of the initial conference (--icpc)"),
        (["--icpc", "2026-12-18", "--first-core-group", "2026-12-01"], "is before the conference"),
        (["--icpc", "2026-12-18", "--interval-weeks", "7"], "from 1 to 6"),
        (["--icpc", "9999-12-31"], "the dates must be in the years 1901 to"),
        (["--icpc", "1066-10-14"], "the dates must be in the years 1901 to"),
        (["--icpc", "2026-12-18", "--interval-weeks", "six"], "not a whole number"),
        (["--icpc", "2026-12-18", "--nation", "wales"], "invalid choice"),
        (
            ["--icpc", "2026-12-18"] + ["--review-conference", "2027-03-18"] * 3,
            "at most twice",
        ),
        (
            ["--icpc", "2026-12-18", "--review-conference", "2026-12-01"],
            "the first --review-conference must be after the conference",
        ),
    ],
)
def test_cli_rejects_bad_input_with_a_clear_message(cli, argv, message):
    code, out, err = cli(*argv)
    assert code == 2
    assert message in err
    assert out == ""


def test_cli_notes_a_weekend_conference(cli):
    code, out, err = cli("--icpc", "2027-01-16")
    assert code == 0 and "Sat 16 Jan 2027" in out
    assert "note: --icpc is on a weekend" in err


@pytest.mark.parametrize("where", ["missing-folder/dates.ics", ".", "a-file/dates.ics"])
def test_cli_reports_an_unwritable_calendar_file_in_one_line(tmp_path, cli, where):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    path = tmp_path / where
    code, out, err = cli("--icpc", "2026-12-18", "--ics", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"error: cannot write the calendar file {path}: ")


def test_cli_reports_a_bad_rules_file(tmp_path, cli):
    path = tmp_path / "timeline.yaml"
    path.write_text(RULES_TEXT.replace("count: 10\n", "count: ten\n"), encoding="utf-8")
    code, _, err = cli("--icpc", "2026-12-18", "--rules", str(path))
    assert code == 1
    assert f"{path}:{line_of(path.read_text(), 'count: ten')}:" in err


def test_cli_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "portal.timeline", "--icpc", "2026-12-18", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert json.loads(result.stdout)[0] == json.loads(result.stdout)[0] | {
        "id": "initial_conference",
        "date": "2026-12-18",
    }
