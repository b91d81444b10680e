// The browser timeline engine on the golden cases shared with tests/test_timeline.py.
// Run with: node --test tests/js/
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import vm from "node:vm";

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
      rules: Object.fromEntries(Object.keys(RULES).map((id) => [id, {
        label: "Spotkanie; grupy, głównej ".repeat(5),
        explanation: "Co {count} tygodni.",
      }])),
      statuses: { statutory: "Krajowe", local: "Lokalne", good_practice: "Dobra praktyka" },
    };
    const ics = timeline.toICalendar(milestones, RULES, texts, new Date(Date.UTC(2026, 10, 23, 12)));
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
