// The browser timeline engine on the golden cases shared with tests/test_timeline.py.
// Run with: node --test tests/js/
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import vm from "node:vm";

import ICAL from "ical.js";

import timeline from "../../static/js/timeline.mjs";

const golden = JSON.parse(
  readFileSync(new URL("../timeline_cases.json", import.meta.url), "utf8")
);
const table = golden.bank_holidays;
const holidays = Object.fromEntries(
  Object.entries(table.dates).map(([nation, dates]) => [
    nation,
    { nation, first_year: table.first_year, last_year: table.last_year, dates },
  ])
);
// The England defaults the golden dates were worked out from (as browser_data writes them).
const RULES = golden.rules;

function runTimeline(testCase) {
  return timeline.computeTimeline(RULES, testCase.inputs, holidays[testCase.nation]);
}

describe("golden timelines", () => {
  for (const testCase of golden.timelines) {
    test(testCase.name, () => {
      const got = runTimeline(testCase);
      assert.deepEqual(got.map((m) => m.id), testCase.expected.map((m) => m.id));
      got.forEach((milestone, i) => {
        const want = { actual: false, ...testCase.expected[i] };
        const picked = Object.fromEntries(Object.keys(want).map((key) => [key, milestone[key]]));
        assert.deepEqual(picked, want, testCase.why);
      });
    });
  }
});

describe("golden date arithmetic", () => {
  for (const c of golden.due_after) {
    test(`${c.start} + ${c.count} ${c.unit} (${c.nation}): ${c.why}`, () => {
      const due = timeline.dueAfter(timeline.parseIso(c.start), c.count, c.unit, holidays[c.nation]);
      assert.equal(timeline.toIso(due), c.expected);
    });
  }
  for (const c of golden.add_months) {
    test(`${c.start} ${c.months >= 0 ? "+" : ""}${c.months} months`, () => {
      assert.equal(timeline.toIso(timeline.addMonths(timeline.parseIso(c.start), c.months)), c.expected);
    });
  }
});

describe("golden input checks", () => {
  for (const c of golden.checks) {
    test(JSON.stringify(c.inputs) + (c.today ? ` today ${c.today}` : ""), () => {
      assert.deepEqual(timeline.checkInputs(RULES, c.inputs, c.today), c.expected);
    });
  }
});

describe("the engine", () => {
  test("loads as a classic script, as a page opened from disk does", () => {
    const source = readFileSync(new URL("../../static/js/timeline.js", import.meta.url), "utf8");
    assert.doesNotMatch(source, /^\s*(import|export)\b/m);
    const context = vm.createContext({});
    vm.runInContext(source, context);
    assert.equal(typeof context.CoreGroupTimeline.computeTimeline, "function");
  });

  test("gives the same answer in every time zone", () => {
    const saved = process.env.TZ;
    const testCase = golden.timelines[0];
    const expected = runTimeline(testCase);
    try {
      for (const zone of ["Pacific/Kiritimati", "America/Los_Angeles", "Europe/London", "Asia/Kolkata"]) {
        process.env.TZ = zone;
        assert.deepEqual(runTimeline(testCase), expected, zone);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test("reads and writes dates without a time zone", () => {
    for (const iso of ["2028-02-29", "2026-12-18", "0099-01-01", "1970-01-01", "9999-12-31"]) {
      assert.equal(timeline.toIso(timeline.parseIso(iso)), iso);
    }
    assert.equal(timeline.weekday(timeline.parseIso("2026-12-18")), 4); // a Friday
    for (const bad of ["2027-02-29", "2026-13-01", "2026-04-31", "18/12/2026", "2026-1-1", ""]) {
      assert.throws(() => timeline.parseIso(bad), RangeError, bad);
    }
    assert.equal(timeline.isRealDate(2028, 2, 29), true);
    assert.equal(timeline.isRealDate(2027, 2, 29), false);
  });

  test("refuses dates beyond the known bank holidays", () => {
    assert.throws(
      () => timeline.computeTimeline(RULES, { icpc: "2029-11-01" }, holidays["england-and-wales"]),
      (error) => error instanceof timeline.OutOfRange && /2030-02-01 is outside/.test(error.message)
    );
  });

  test("gives no timeline for inputs with errors", () => {
    assert.throws(
      () => timeline.computeTimeline(
        RULES, { icpc: "2026-12-18", first_core_group: "2026-12-01" }, holidays["england-and-wales"]
      ),
      (error) => error instanceof timeline.InvalidInputs &&
        error.problems[0].code === "first_core_group_before_conference"
    );
  });

  test("writes an iCalendar file with folded CRLF lines", () => {
    const milestones = runTimeline(golden.timelines[0]);
    const texts = {
      lang: "pl",
      rules: Object.fromEntries(Object.keys(RULES).map((id) => [id, {
        label: "Spotkanie; grupy, głównej ".repeat(5),
        explanation: { one: "Co tydzień.", few: "Co {count} tygodnie.", many: "Co {count} tygodni." },
      }])),
      statuses: { statutory: "Krajowe", local: "Lokalne", good_practice: "Dobra praktyka" },
    };
    const ics = timeline.toICalendar(
      milestones, RULES, texts, new Date(Date.UTC(2026, 10, 23, 12)), holidays["england-and-wales"]
    );
    assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert.ok(ics.endsWith("END:VCALENDAR\r\n"));
    const lines = ics.split("\r\n");
    assert.ok(lines.every((line) => Buffer.byteLength(line, "utf8") <= 75));
    assert.equal(lines.filter((line) => line === "BEGIN:VEVENT").length, milestones.length);
    assert.ok(ics.includes("DTSTAMP:20261123T120000Z"));
    assert.ok(ics.includes("DTSTART;VALUE=DATE:20270106\r\nDTEND;VALUE=DATE:20270107"));
    assert.ok(ics.replace(/\r\n /g, "").includes("SUMMARY:Spotkanie\\; grupy\\, głównej "));
  });
});

describe("the calendar file in a real calendar parser (ical.js)", () => {
  const milestones = timeline.computeTimeline(
    RULES, { icpc: "2026-12-18", review_conferences: [] }, holidays["england-and-wales"]
  );
  const texts = {
    lang: "en",
    rules: Object.fromEntries(Object.keys(RULES).map((id) => [id, {
      label: "Label of " + id,
      explanation: { one: "One {count}.", other: "Every {count}." },
    }])),
    statuses: { statutory: "National guidance", local: "Local procedure", good_practice: "Good practice" },
  };
  const words = {
    due_title: "Due by: {label}",
    due_note: "This is the latest date under the usual rules.",
    urls: { first_core_group_by: "https://example.org/en/when-and-where-are-meetings/" },
  };
  const ics = timeline.toICalendar(
    milestones, RULES, texts, new Date(Date.UTC(2026, 10, 23, 12)), holidays["england-and-wales"], words
  );
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));

  test("has one all-day event per date, titled as a due date", () => {
    assert.equal(events.length, milestones.length);
    events.forEach((event, i) => {
      assert.equal(event.startDate.isDate, true);
      assert.equal(event.startDate.toString(), milestones[i].date);
      assert.equal(event.endDate.toJSDate() - event.startDate.toJSDate(), 86400000);
    });
    assert.equal(events[0].summary, "Label of icpc_by");
    assert.equal(events[1].summary, "Due by: Label of first_core_group_by");
    assert.match(events[1].description, /latest date under the usual rules/);
    assert.match(events[1].description, /https:\/\/example\.org\/en\/when-and-where-are-meetings\//);
    assert.equal(events[1].component.getFirstPropertyValue("transp"), "TRANSPARENT");
  });

  test("reminds at 9:00, three working days before each date", () => {
    assert.equal(timeline.REMINDER_WORKING_DAYS, 3);
    events.forEach((event) => {
      const [alarm] = event.component.getAllSubcomponents("valarm");
      assert.equal(alarm.getFirstPropertyValue("action"), "DISPLAY");
      const rings = event.startDate.clone();
      rings.isDate = false;
      rings.addDuration(alarm.getFirstPropertyValue("trigger"));
      assert.equal(rings.hour, 9);
    });
    // Wednesday 6 January 2027: back over New Year's Day and a weekend to Thursday 31 December.
    const trigger = events[1].component.getFirstSubcomponent("valarm").getFirstPropertyValue("trigger");
    assert.equal(trigger.toString(), "-P5DT15H");
  });
});
