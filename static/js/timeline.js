/* The "what happens next" timeline for the browser: the same rules as portal/timeline/.
 *
 * Why a classic script, not an ES module: the built site must also work when it is opened
 * from disk (file://), and there Chromium refuses <script type="module"> and fetch(). So this
 * file has no import or export. It puts its functions on globalThis.CoreGroupTimeline, and a
 * page hands it the rules and bank holidays that the build put in data attributes.
 * Node's test runner imports it through
 * timeline.mjs, which re-exports the same functions as an ES module.
 *
 * Dates are whole day numbers (days since 1970-01-01) and only ever pass through UTC, so
 * the answer never depends on the reader's time zone or on summer time.
 *
 * Keep it in step with portal/timeline/ (engine.py, explain.py, calendar_file.py):
 * tests/timeline_cases.json and a property test run thousands of dates through both.
 */
(function (root) {
  "use strict";

  var DAY_MS = 86400000;
  var MAX_REVIEW_CONFERENCES = 2;
  var TOO_FAR_MONTHS = 24;
  var USER_RULE = "core_group_by";
  var DATE_FIELDS = [
    "strategy_discussion",
    "icpc",
    "first_core_group",
    "review_conference_1",
    "review_conference_2",
  ];
  var MEETING_FIELDS = DATE_FIELDS.slice(1);
  // Families may give the real dates of regular core group meetings 1 to this number.
  var MAX_CORE_GROUPS = 30;

  /** A date outside the years whose bank holidays are known. */
  class OutOfRange extends RangeError {}

  /** The inputs have errors, so there is no timeline to show. */
  class InvalidInputs extends Error {
    constructor(problems) {
      super(problems.map((p) => p.field + ": " + p.code).join(", "));
      this.problems = problems;
    }
  }

  // ------------------------------------------------------------------------ day numbers

  function isLeapYear(year) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  }

  function daysInMonth(year, month) {
    return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  }

  /** The day number of a calendar date (month 1-12); no time zone is involved. */
  function dayNumber(year, month, day) {
    // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
    var time = new Date(0);
    time.setUTCFullYear(year, month - 1, day);
    return Math.round(time.getTime() / DAY_MS);
  }

  /** [year, month (1-12), day] of a day number. */
  function dateParts(number) {
    var time = new Date(number * DAY_MS);
    return [time.getUTCFullYear(), time.getUTCMonth() + 1, time.getUTCDate()];
  }

  /** True when year, month and day make a real date (31 April does not). */
  function isRealDate(year, month, day) {
    return (
      Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
      year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
      day >= 1 && day <= daysInMonth(year, month)
    );
  }

  /** The day number of a YYYY-MM-DD date; RangeError if it is not a real date. */
  function parseIso(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match || !isRealDate(+match[1], +match[2], +match[3])) {
      throw new RangeError("not a date: " + text);
    }
    return dayNumber(+match[1], +match[2], +match[3]);
  }

  function pad(number, width) {
    return String(number).padStart(width, "0");
  }

  /** The YYYY-MM-DD form of a day number. */
  function toIso(number) {
    var parts = dateParts(number);
    return pad(parts[0], 4) + "-" + pad(parts[1], 2) + "-" + pad(parts[2], 2);
  }

  /** Monday 0 to Sunday 6, as Python's date.weekday(). */
  function weekday(number) {
    // Day 0, 1 January 1970, was a Thursday (3).
    return (((number + 3) % 7) + 7) % 7;
  }

  // ------------------------------------------------------------------------ date arithmetic

  var holidaySets = new WeakMap();

  /** The bank holiday data as the build wrote it, with a Set of day numbers for look-ups. */
  function holidayTable(holidays) {
    var table = holidaySets.get(holidays);
    if (!table) {
      table = {
        firstYear: holidays.first_year,
        lastYear: holidays.last_year,
        days: new Set(holidays.dates.map(parseIso)),
      };
      holidaySets.set(holidays, table);
    }
    return table;
  }

  function isHoliday(number, holidays) {
    var table = holidayTable(holidays);
    var year = dateParts(number)[0];
    // Beyond the years looked up, a "working day" would be a silent guess: refuse instead.
    if (year < table.firstYear || year > table.lastYear) {
      throw new OutOfRange(
        toIso(number) + " is outside the bank holidays known (" +
        table.firstYear + " to " + table.lastYear + ")"
      );
    }
    return table.days.has(number);
  }

  /** Monday to Friday and not a bank holiday. */
  function isWorkingDay(number, holidays) {
    var holiday = isHoliday(number, holidays);
    return weekday(number) < 5 && !holiday;
  }

  /** The count-th working day strictly after start (start itself is not counted). */
  function addWorkingDays(start, count, holidays) {
    var number = start;
    while (count > 0) {
      number += 1;
      if (isWorkingDay(number, holidays)) count -= 1;
    }
    return number;
  }

  /** The same day number months later, or the last day of that month if it is shorter. */
  function addMonths(start, months) {
    var parts = dateParts(start);
    var monthIndex = parts[0] * 12 + parts[1] - 1 + months;
    var year = Math.floor(monthIndex / 12);
    var month = monthIndex - year * 12 + 1;
    return dayNumber(year, month, Math.min(parts[2], daysInMonth(year, month)));
  }

  /** The day itself if it is a working day, else the last working day before it. */
  function workingDayOnOrBefore(number, holidays) {
    while (!isWorkingDay(number, holidays)) number -= 1;
    return number;
  }

  /** The due date count units after start, moved back to a working day for weeks and months. */
  function dueAfter(start, count, unit, holidays) {
    if (unit === "working_days") return addWorkingDays(start, count, holidays);
    var number;
    if (unit === "weeks") number = start + 7 * count;
    else if (unit === "months") number = addMonths(start, count);
    else throw new RangeError("unknown unit " + unit);
    return workingDayOnOrBefore(number, holidays);
  }

  // ------------------------------------------------------------------------ the timeline

  function optionalDay(text) {
    return text ? parseIso(text) : null;
  }

  /** Each date field by its form name, as day numbers or null. */
  function fieldDates(inputs) {
    var reviews = inputs.review_conferences || [];
    return {
      strategy_discussion: optionalDay(inputs.strategy_discussion),
      icpc: optionalDay(inputs.icpc),
      first_core_group: optionalDay(inputs.first_core_group),
      review_conference_1: optionalDay(reviews[0]),
      review_conference_2: optionalDay(reviews[1]),
    };
  }

  function orderProblem(field, day, dates) {
    var strategy = dates.strategy_discussion;
    var conference = dates.icpc;
    if (field === "icpc" && strategy !== null && day < strategy) {
      return "conference_before_strategy_discussion";
    }
    if (field === "first_core_group") {
      if (conference !== null && day < conference) return "first_core_group_before_conference";
      if (conference === null && strategy !== null && day <= strategy) {
        return "first_core_group_before_strategy_discussion";
      }
    }
    if (field === "review_conference_1") {
      if (conference !== null && day <= conference) return "review_before_conference";
      if (conference === null && strategy !== null && day <= strategy) {
        return "review_before_strategy_discussion";
      }
    }
    if (field === "review_conference_2") {
      var first = dates.review_conference_1;
      if (first !== null && day <= first) return "review_before_previous_review";
    }
    return null;
  }

  /**
   * Everything wrong with the inputs, in form order: [{field, code, severity}].
   * Give today (YYYY-MM-DD) to check for dates more than two years away.
   */
  function checkInputs(rules, inputs, today) {
    var problems = [];
    var dates = fieldDates(inputs);
    var reviews = inputs.review_conferences || [];
    if (dates.icpc === null && dates.strategy_discussion === null) {
      problems.push({ field: "icpc", code: "missing_start", severity: "error" });
    }
    if (reviews.length > MAX_REVIEW_CONFERENCES) {
      problems.push({
        field: "review_conferences", code: "too_many_review_conferences", severity: "error",
      });
    }
    var interval = inputs.interval_weeks;
    if (interval !== null && interval !== undefined) {
      var rule = rules[USER_RULE];
      if (
        !Number.isInteger(interval) ||
        interval < rule.smallest_count || interval > rule.largest_count
      ) {
        problems.push({ field: "interval_weeks", code: "interval_out_of_range", severity: "error" });
      }
    }
    var todayNumber = today ? parseIso(today) : null;
    DATE_FIELDS.forEach(function (field) {
      var day = dates[field];
      if (day === null) return;
      if (
        todayNumber !== null &&
        !(addMonths(todayNumber, -TOO_FAR_MONTHS) <= day &&
          day <= addMonths(todayNumber, TOO_FAR_MONTHS))
      ) {
        problems.push({ field: field, code: "too_far_away", severity: "error" });
      }
      var error = orderProblem(field, day, dates);
      if (error) problems.push({ field: field, code: error, severity: "error" });
      if (MEETING_FIELDS.indexOf(field) >= 0 && weekday(day) >= 5) {
        problems.push({ field: field, code: "weekend", severity: "warning" });
      }
    });
    return problems.concat(coreGroupProblems(inputs, dates, todayNumber));
  }

  /** The real dates of later core groups as [number, day number] pairs, in order of number. */
  function givenCoreGroups(inputs) {
    var given = inputs.core_groups || {};
    return Object.keys(given)
      .map(function (number) { return [Number(number), parseIso(given[number])]; })
      .sort(function (a, b) { return a[0] - b[0]; });
  }

  /** The real dates of later core groups: each after the first meeting and the one given before. */
  function coreGroupProblems(inputs, dates, todayNumber) {
    var problems = [];
    var earlier = dates.first_core_group !== null ? dates.first_core_group
      : dates.icpc !== null ? dates.icpc : dates.strategy_discussion;
    givenCoreGroups(inputs).forEach(function (pair) {
      var number = pair[0];
      var day = pair[1];
      var field = "core_group_" + number;
      if (!(Number.isInteger(number) && number >= 1 && number <= MAX_CORE_GROUPS)) {
        problems.push({ field: field, code: "unknown_core_group", severity: "error" });
        return;
      }
      if (
        todayNumber !== null &&
        !(addMonths(todayNumber, -TOO_FAR_MONTHS) <= day &&
          day <= addMonths(todayNumber, TOO_FAR_MONTHS))
      ) {
        problems.push({ field: field, code: "too_far_away", severity: "error" });
      }
      if (earlier !== null && day <= earlier) {
        problems.push({ field: field, code: "core_group_before_earlier_meeting", severity: "error" });
      }
      if (weekday(day) >= 5) problems.push({ field: field, code: "weekend", severity: "warning" });
      earlier = earlier === null ? day : Math.max(earlier, day);
    });
    return problems;
  }

  /**
   * Every meeting and record from the first conference to the core group after the second
   * review: [{id, rule, index, date, due, counted_from, actual, count}], dates as YYYY-MM-DD.
   * rules and holidays are the "rules" and "holidays" parts of the build's timeline data.
   */
  function computeTimeline(rules, inputs, holidays) {
    var errors = checkInputs(rules, inputs).filter((p) => p.severity === "error");
    if (errors.length) throw new InvalidInputs(errors);
    var dates = fieldDates(inputs);
    var interval = inputs.interval_weeks || rules[USER_RULE].count;
    var reviews = inputs.review_conferences || [];
    var givenCoreGroupDays = {};
    givenCoreGroups(inputs).forEach(function (pair) { givenCoreGroupDays[pair[0]] = pair[1]; });
    var milestones = [];

    function add(id, ruleId, index, countedFrom, given, count) {
      var rule = rules[ruleId];
      count = count || rule.count;
      var due = countedFrom === null ? null : dueAfter(countedFrom, count, rule.unit, holidays);
      var date = given === null ? due : given;
      milestones.push({
        id: id,
        rule: ruleId,
        index: index,
        day: date,
        due: due,
        counted_from: countedFrom,
        actual: given !== null,
        count: count,
      });
      return date;
    }

    function coreGroups(start, before, index) {
      // Each meeting counts from the one before it, as shown, until the next review is due.
      var rule = rules[USER_RULE];
      var previous = start;
      for (;;) {
        var due = dueAfter(previous, interval, rule.unit, holidays);
        var given = Object.prototype.hasOwnProperty.call(givenCoreGroupDays, index)
          ? givenCoreGroupDays[index] : null;
        // A meeting on or after the next review belongs to the chain after that review.
        if ((given === null ? due : given) >= before) return index;
        previous = add("core_group_" + index, USER_RULE, index, previous, given, interval);
        index += 1;
      }
    }

    var conference = add(
      "initial_conference", "icpc_by", 1, dates.strategy_discussion, dates.icpc
    );
    var firstCoreGroup = add(
      "first_core_group", "first_core_group_by", 1, conference, dates.first_core_group
    );
    add("first_core_group_record", "first_core_group_record_by", 1, firstCoreGroup, null);
    // The reviews are worked out first because each chain of core groups stops at the next one.
    var reviewRule = rules.first_review_conference_by;
    var firstReview = reviews.length
      ? dates.review_conference_1
      : dueAfter(conference, reviewRule.count, reviewRule.unit, holidays);
    var index = coreGroups(firstCoreGroup, firstReview, 1);
    add(
      "first_review_conference", "first_review_conference_by", 1, conference,
      reviews.length ? firstReview : null
    );
    var afterFirst = add(
      "core_group_after_review_1", "core_group_after_review_by", 1, firstReview, null
    );
    var secondRule = rules.review_conference_by;
    var secondReview = reviews.length > 1
      ? dates.review_conference_2
      : dueAfter(firstReview, secondRule.count, secondRule.unit, holidays);
    coreGroups(afterFirst, secondReview, index);
    add(
      "review_conference_2", "review_conference_by", 2, firstReview,
      reviews.length > 1 ? secondReview : null
    );
    add("core_group_after_review_2", "core_group_after_review_by", 2, secondReview, null);
    // Array sort is stable, so meetings on the same day keep the order they happen in.
    milestones.sort((a, b) => a.day - b.day);
    return milestones.map(function (m) {
      return {
        id: m.id,
        rule: m.rule,
        index: m.index,
        date: toIso(m.day),
        due: m.due === null ? null : toIso(m.due),
        counted_from: m.counted_from === null ? null : toIso(m.counted_from),
        actual: m.actual,
        count: m.count,
      };
    });
  }

  // ------------------------------------------------------------------------ counts in words

  /** A whole number in the texts' digits (numbering_system, as portal/languages.py chose it). */
  function writeNumber(texts, count) {
    var format = new Intl.NumberFormat(texts.lang + "-u-nu-" + (texts.numbering_system || "latn"), {
      useGrouping: false,
    });
    return format.format(count);
  }

  /**
   * The explanation of a milestone's rule in the plural form of its count (CLDR rules, as
   * Babel has them in Python), with the count written in.
   */
  function explain(texts, milestone) {
    var forms = texts.rules[milestone.rule].explanation;
    var category = new Intl.PluralRules(texts.lang).select(milestone.count);
    var text = Object.prototype.hasOwnProperty.call(forms, category) ? forms[category] : forms.other;
    return text.split("{count}").join(writeNumber(texts, milestone.count));
  }

  // ------------------------------------------------------------------------ why this date

  /**
   * How a milestone's due date was worked out, as portal/timeline/explain.py: {counted_from,
   * moved_from, holidays: [[date, name]], weekend_days}; null when nothing was counted.
   */
  function why(rules, milestone, holidays) {
    if (milestone.counted_from === null || milestone.due === null) return null;
    var rule = rules[milestone.rule];
    var start = parseIso(milestone.counted_from);
    var due = parseIso(milestone.due);
    var first, last, movedFrom = null;
    if (rule.unit === "working_days") {
      first = start + 1;
      last = due;
    } else {
      var landed = rule.unit === "weeks" ? start + 7 * milestone.count : addMonths(start, milestone.count);
      first = due + 1;
      last = landed;
      if (landed !== due) movedFrom = toIso(landed);
    }
    var names = holidays.names || {};
    var found = [];
    var weekendDays = 0;
    for (var day = first; day <= last; day++) {
      if (weekday(day) >= 5) weekendDays += 1;
      else if (isHoliday(day, holidays)) {
        var iso = toIso(day);
        found.push([iso, Object.prototype.hasOwnProperty.call(names, iso) ? names[iso] : null]);
      }
    }
    return {
      counted_from: milestone.counted_from,
      moved_from: movedFrom,
      holidays: found,
      weekend_days: weekendDays,
    };
  }

  // ------------------------------------------------------------------------ iCalendar

  function icalText(text) {
    return text
      .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
  }

  function utf8Length(character) {
    var code = character.codePointAt(0);
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }

  /** Split a content line into parts of at most 75 bytes, never inside a character. */
  function fold(line) {
    var parts = [];
    var current = "";
    var size = 0;
    for (var character of line) {
      var length = utf8Length(character);
      if (size + length > 75) {
        parts.push(current);
        current = " ";
        size = 1;
      }
      current += character;
      size += length;
    }
    parts.push(current);
    return parts.join("\r\n");
  }

  function compact(iso) {
    return iso.replace(/-/g, "");
  }

  // As portal/timeline/calendar_file.py: the alarm rings at 9:00, 3 working days before.
  var REMINDER_WORKING_DAYS = 3;
  var REMINDER_HOUR = 9;
  var CALENDAR_WORDS = {
    due_title: "Due by: {label}",
    due_note: "This is the latest date under the usual rules. The real date comes from your social worker.",
    urls: {},
  };

  /** The working day REMINDER_WORKING_DAYS working days before a day number. */
  function reminderDay(number, holidays) {
    var count = REMINDER_WORKING_DAYS;
    while (count > 0) {
      number -= 1;
      if (isWorkingDay(number, holidays)) count -= 1;
    }
    return number;
  }

  /**
   * An iCalendar file with one all-day reminder per milestone. stamp is a Date (when it was
   * made); words are the calendar's words in the reader's language ({due_title, due_note,
   * urls}), as CalendarWords in Python.
   */
  function toICalendar(milestones, rules, texts, stamp, holidays, words) {
    words = words || CALENDAR_WORDS;
    var stampText = stamp.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
    var conferenceMilestone = milestones.filter((m) => m.rule === "icpc_by")[0] || milestones[0];
    var conference = compact(conferenceMilestone.date);
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Core Group Guide//What happens next//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
    ];
    milestones.forEach(function (milestone) {
      var label = texts.rules[milestone.rule].label;
      var summary = milestone.actual ? label : words.due_title.split("{label}").join(label);
      var status = texts.statuses[rules[milestone.rule].status];
      var description = [explain(texts, milestone) + " (" + status + ")"];
      if (!milestone.actual) description.push(words.due_note);
      var url = Object.prototype.hasOwnProperty.call(words.urls, milestone.rule)
        ? words.urls[milestone.rule] : "";
      if (url) description.push(url);
      var day = parseIso(milestone.date);
      // A relative trigger from the all-day event's midnight start: 9:00 local time anywhere.
      var daysBefore = day - reminderDay(day, holidays);
      var trigger = "-P" + (daysBefore - 1) + "DT" + (24 - REMINDER_HOUR) + "H";
      lines.push(
        "BEGIN:VEVENT",
        // Stable per child and meeting, so importing an updated file replaces the old events.
        "UID:" + milestone.id + "-" + conference + "@core-group-guide",
        "DTSTAMP:" + stampText,
        "DTSTART;VALUE=DATE:" + compact(milestone.date),
        "DTEND;VALUE=DATE:" + compact(toIso(parseIso(milestone.date) + 1)),
        "SUMMARY:" + icalText(summary),
        "DESCRIPTION:" + icalText(description.join("\n"))
      );
      if (url) lines.push("URL:" + url);
      lines.push(
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:" + icalText(summary),
        "TRIGGER:" + trigger,
        "END:VALARM",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map((line) => fold(line) + "\r\n").join("");
  }

  root.CoreGroupTimeline = Object.freeze({
    OutOfRange: OutOfRange,
    InvalidInputs: InvalidInputs,
    DATE_FIELDS: DATE_FIELDS,
    MAX_CORE_GROUPS: MAX_CORE_GROUPS,
    isRealDate: isRealDate,
    dayNumber: dayNumber,
    dateParts: dateParts,
    parseIso: parseIso,
    toIso: toIso,
    weekday: weekday,
    isWorkingDay: isWorkingDay,
    addWorkingDays: addWorkingDays,
    addMonths: addMonths,
    workingDayOnOrBefore: workingDayOnOrBefore,
    dueAfter: dueAfter,
    checkInputs: checkInputs,
    computeTimeline: computeTimeline,
    writeNumber: writeNumber,
    explain: explain,
    why: why,
    REMINDER_WORKING_DAYS: REMINDER_WORKING_DAYS,
    toICalendar: toICalendar,
  });
})(globalThis);
