"""Thousands of random inputs through both timeline engines: the answers must be identical.

One Node process (tests/js/timeline_worker.mjs) answers every example over a pipe, one JSON
line each way, so Hypothesis can still shrink a failure to its simplest case.
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.timeline import (
    DEFAULT_TEXTS_PATH,
    MAX_COUNT,
    NATIONS,
    CalendarWords,
    InvalidInputs,
    OutOfRange,
    TimelineInputs,
    TimelineRules,
    bank_holidays,
    browser_data,
    check_inputs,
    compute_timeline,
    due_after,
    load_texts,
    to_icalendar,
    why,
)
from portal.timeline.numbers import plural_category

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((ROOT / "tests" / "timeline_cases.json").read_text(encoding="utf-8"))
RULES = TimelineRules.from_json(GOLDEN["rules"])
TEXTS = load_texts(DEFAULT_TEXTS_PATH, RULES)
# Random dates fall in 2025-2029; the timeline runs on up to about two years past the last one.
FIRST, LAST = datetime.date(2025, 1, 1), datetime.date(2029, 12, 31)
HOLIDAYS = {nation: bank_holidays(nation, range(2024, 2033)) for nation in NATIONS}
LANGUAGES = sorted(path.parent.name for path in (ROOT / "content").glob("*/timeline.yaml"))
ALL_TEXTS = {lang: load_texts(ROOT / "content" / lang / "timeline.yaml", RULES, lang) for lang in LANGUAGES}
WORDS = CalendarWords(
    due_title="Termin: {label}",
    due_note="Najpóźniej; zapytaj, (pracownika).",
    urls={"icpc_by": "https://example.org/a,b"},
)
STAMP = datetime.datetime(2026, 11, 23, 9, 30, tzinfo=datetime.UTC)
EXAMPLES = settings(
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run and in CI; failures are reproducible
)

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")


class NodeEngine:
    """The browser engine in one long-lived Node process."""

    def __init__(self) -> None:
        # A file, not a pipe, so that Node can never block on a full stderr buffer.
        self.stderr = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.process = subprocess.Popen(
            ["node", str(ROOT / "tests" / "js" / "timeline_worker.mjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        data = {nation: browser_data(RULES, table) for nation, table in HOLIDAYS.items()}
        self.ask({"op": "setup", "data": data})

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            self.stderr.seek(0)
            raise RuntimeError(f"the Node engine stopped:\n{self.stderr.read()}")
        return json.loads(line)

    def close(self) -> None:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.close()  # the worker ends when its input does
        self.process.wait(timeout=10)
        self.process.stdout.close()
        self.stderr.close()


@pytest.fixture(scope="module")
def node() -> Iterator[NodeEngine]:
    engine = NodeEngine()
    yield engine
    engine.close()


def python_answer(run) -> dict[str, Any]:
    """What Python gives, in the shape of the worker's reply."""
    try:
        return {"ok": run()}
    except InvalidInputs as error:
        return {"error": {"type": "InvalidInputs", "problems": [p.to_json() for p in error.problems]}}
    except OutOfRange as error:
        return {"error": {"type": "OutOfRange", "message": str(error)}}


days = st.dates(min_value=FIRST, max_value=LAST)
offsets = st.integers(min_value=0, max_value=400).map(lambda n: datetime.timedelta(days=n))


@st.composite
def sensible_inputs(draw) -> TimelineInputs:
    """Inputs a family might really give: dates in order, a few days to months apart."""
    start = draw(days)
    kind = draw(st.sampled_from(["icpc", "strategy", "both"]))
    strategy = start if kind != "icpc" else None
    icpc = start if kind == "icpc" else None
    if kind == "both":
        icpc = start + datetime.timedelta(days=draw(st.integers(0, 40)))
    base = icpc or strategy
    first_core_group = draw(st.none() | st.integers(0, 60).map(lambda n: base + datetime.timedelta(n)))
    reviews: list[datetime.date] = []
    if draw(st.booleans()):
        reviews.append(base + datetime.timedelta(days=draw(st.integers(1, 200))))
        if draw(st.booleans()):
            reviews.append(reviews[0] + datetime.timedelta(days=draw(st.integers(1, 300))))
    interval = draw(st.none() | st.integers(1, RULES.rule("core_group_by").largest_count))
    # Real dates of a few later core groups, in order, weeks apart.
    numbers = sorted(draw(st.sets(st.integers(1, 8), max_size=3)))
    core_groups, day = [], base + datetime.timedelta(days=draw(st.integers(20, 60)))
    for number in numbers:
        day += datetime.timedelta(days=draw(st.integers(1, 90)))
        core_groups.append((number, day))
    return TimelineInputs(icpc, strategy, first_core_group, tuple(reviews), interval, tuple(core_groups))


@st.composite
def wild_inputs(draw) -> TimelineInputs:
    """Anything at all, in any order, to compare the checks and the errors."""
    optional_day = st.none() | days
    return TimelineInputs(
        icpc=draw(optional_day),
        strategy_discussion=draw(optional_day),
        first_core_group=draw(optional_day),
        review_conferences=tuple(draw(st.lists(days, max_size=3))),
        interval_weeks=draw(st.none() | st.integers(-1, 14)),
        core_groups=tuple(sorted(draw(st.dictionaries(st.integers(-1, 35), days, max_size=3)).items())),
    )


@EXAMPLES
@given(
    nation=st.sampled_from(list(NATIONS)),
    inputs=st.one_of(sensible_inputs(), sensible_inputs(), wild_inputs()),
    today=st.none() | days,
)
def test_both_engines_give_the_same_timeline(node, nation, inputs, today):
    request = {"nation": nation, "inputs": inputs.to_json()}
    checks = [p.to_json() for p in check_inputs(RULES, inputs, today)]
    assert node.ask({"op": "check", "today": today and today.isoformat(), **request}) == {"ok": checks}

    def timeline():
        return [m.to_json() for m in compute_timeline(RULES, inputs, HOLIDAYS[nation])]

    assert node.ask({"op": "timeline", **request}) == python_answer(timeline)


def browser_texts(lang: str) -> dict[str, Any]:
    """A language's texts as the calculator page hands them to the browser."""
    return ALL_TEXTS[lang].to_json()


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    nation=st.sampled_from(list(NATIONS)),
    inputs=sensible_inputs(),
    lang=st.sampled_from(LANGUAGES),
    words=st.sampled_from([None, WORDS]),
)
def test_both_engines_write_the_same_calendar(node, nation, inputs, lang, words):
    def calendar():
        milestones = compute_timeline(RULES, inputs, HOLIDAYS[nation])
        return to_icalendar(milestones, RULES, ALL_TEXTS[lang], STAMP, HOLIDAYS[nation], words)

    request = {
        "op": "ics",
        "nation": nation,
        "inputs": inputs.to_json(),
        "texts": browser_texts(lang),
        "stamp": STAMP.isoformat(),
        "words": words.to_json() if words else None,
    }
    assert node.ask(request) == python_answer(calendar)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(nation=st.sampled_from(list(NATIONS)), inputs=sensible_inputs())
def test_both_engines_explain_each_date_the_same(node, nation, inputs):
    def reasons():
        milestones = compute_timeline(RULES, inputs, HOLIDAYS[nation])
        answers = [why(m, RULES, HOLIDAYS[nation]) for m in milestones]
        return [answer.to_json() if answer else None for answer in answers]

    assert node.ask({"op": "why", "nation": nation, "inputs": inputs.to_json()}) == python_answer(reasons)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_intl_plural_rules_agree_with_babel_for_every_allowed_count(node, lang):
    counts = list(range(1, MAX_COUNT + 1))
    assert node.ask({"op": "plural", "lang": lang, "counts": counts}) == {
        "ok": [plural_category(lang, count) for count in counts]
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_both_engines_word_every_count_the_same(node, lang):
    for rule in RULES.rules:
        for count in range(1, MAX_COUNT + 1):
            request = {"op": "explain", "texts": browser_texts(lang), "rule": rule.id, "count": count}
            assert node.ask(request) == {"ok": ALL_TEXTS[lang].explanation(rule.id, count)}, (rule.id, count)


@EXAMPLES
@given(
    nation=st.sampled_from(list(NATIONS)),
    start=days,
    unit_and_count=st.one_of(
        st.tuples(st.just("working_days"), st.integers(1, 100)),
        st.tuples(st.just("weeks"), st.integers(1, 100)),
        st.tuples(st.just("months"), st.integers(1, 36)),
    ),
)
def test_both_engines_do_the_same_date_arithmetic(node, nation, start, unit_and_count):
    unit, count = unit_and_count
    expected = due_after(start, count, unit, HOLIDAYS[nation]).isoformat()
    request = {"op": "due_after", "nation": nation, "start": start.isoformat()}
    assert node.ask({**request, "unit": unit, "count": count}) == {"ok": expected}
