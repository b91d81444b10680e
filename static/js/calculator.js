/* The "work out your dates" page: reads the form, asks timeline.js for the dates, shows them.
 *
 * A classic script (no modules, no fetch), so that the site also works opened from disk.
 * Everything it needs comes from the page, in the attributes of id="calculator-data": the rules
 * and bank holidays in data-rules, and every word it shows, already translated, in
 * data-strings. Dates never leave the device: nothing is sent,
 * and nothing is stored; "Copy link" puts them in the part of the address after "#",
 * which browsers never send to a server.
 */
(function () {
  "use strict";

  var T = window.CoreGroupTimeline;
  var root = document.getElementById("calculator");
  var form = document.getElementById("calculator-form");
  if (!T || !root || !form) return;

  var holder = document.getElementById("calculator-data");
  var data = JSON.parse(holder.getAttribute("data-rules"));
  var strings = JSON.parse(holder.getAttribute("data-strings"));
  var locale = root.getAttribute("data-locale");
  var pageTitle = document.title;
  var DATE_FIELDS = ["icpc", "strategy_discussion", "first_core_group", "review_conference_1", "review_conference_2"];
  var OPTIONAL_FIELDS = DATE_FIELDS.slice(1).concat(["interval_weeks"]);
  // Short names for the address, so that a shared link stays readable.
  var LINK_KEYS = {
    icpc: "conference",
    strategy_discussion: "strategy",
    first_core_group: "first-core-group",
    review_conference_1: "review-1",
    review_conference_2: "review-2",
    interval_weeks: "weeks",
  };
  var CALENDAR_FILE = "core-group-dates.ics";
  // Zero of each script's digits that phones in the site's languages may type.
  var DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0xff10];

  var lastTimeline = null;
  var lastInputs = null;

  // ------------------------------------------------------------------------ helpers

  function $(id) {
    return document.getElementById(id);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Any script's digits as 0-9, without spaces. */
  function asciiDigits(text) {
    return text.replace(/\s+/g, "").replace(/[^\x00-\x7f]/g, function (character) {
      var code = character.charCodeAt(0);
      for (var i = 0; i < DIGIT_ZEROS.length; i++) {
        if (code >= DIGIT_ZEROS[i] && code <= DIGIT_ZEROS[i] + 9) {
          return String(code - DIGIT_ZEROS[i]);
        }
      }
      return character;
    });
  }

  /** Today on this device's calendar, as YYYY-MM-DD. */
  function todayIso() {
    var now = new Date();
    return T.toIso(T.dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate()));
  }

  var dateFormat = new Intl.DateTimeFormat(locale, {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
  var relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });

  function formatDate(iso) {
    // Day numbers are UTC midnights, so format them in UTC: no time zone can shift the day.
    return dateFormat.format(new Date(T.parseIso(iso) * 86400000));
  }

  // ------------------------------------------------------------------------ reading the form

  function dateInputs(field) {
    return ["day", "month", "year"].map(function (part) {
      return $(field + "-" + part);
    });
  }

  /** {empty}, {iso} or {error, inputs} for one date field. */
  function readDate(field) {
    var inputs = dateInputs(field);
    var parts = inputs.map(function (input) { return asciiDigits(input.value); });
    var missing = inputs.filter(function (input, i) { return parts[i] === ""; });
    if (missing.length === 3) return { empty: true };
    if (missing.length) return { error: "incomplete", inputs: missing };
    var numbers = parts.map(Number);
    if (
      !parts.every(function (part) { return /^\d+$/.test(part); }) ||
      parts[2].length !== 4 ||
      !T.isRealDate(numbers[2], numbers[1], numbers[0])
    ) {
      return { error: "not_real", inputs: inputs };
    }
    return { iso: T.toIso(T.dayNumber(numbers[2], numbers[1], numbers[0])) };
  }

  function readInterval() {
    var text = asciiDigits($("interval_weeks").value);
    if (text === "") return { value: null };
    var rule = data.rules.core_group_by;
    var number = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (!(number >= rule.smallest_count && number <= rule.largest_count)) {
      return { error: "interval_out_of_range" };
    }
    return { value: number };
  }

  /** The form as the engine's inputs, and the problems found on the way. */
  function readForm() {
    var problems = [];
    var dates = {};
    DATE_FIELDS.forEach(function (field) {
      var read = readDate(field);
      if (read.error) problems.push({ field: field, code: read.error, severity: "error", inputs: read.inputs });
      dates[field] = read.iso || null;
    });
    var interval = readInterval();
    if (interval.error) problems.push({ field: "interval_weeks", code: interval.error, severity: "error" });
    if (dates.review_conference_2 && !dates.review_conference_1 && !problemFor(problems, "review_conference_1")) {
      problems.push({ field: "review_conference_1", code: "second_review_without_first", severity: "error" });
    }
    var reviews = [dates.review_conference_1, dates.review_conference_2].filter(Boolean);
    var inputs = {
      icpc: dates.icpc,
      strategy_discussion: dates.strategy_discussion,
      first_core_group: dates.first_core_group,
      review_conferences: reviews,
      interval_weeks: interval.value === undefined ? null : interval.value,
    };
    return { inputs: inputs, problems: problems };
  }

  function problemFor(problems, field) {
    return problems.filter(function (p) { return p.field === field && p.severity === "error"; })[0];
  }

  // ------------------------------------------------------------------------ errors

  function messageFor(problem) {
    var template = problem.code === "weekend" ? strings.weekend : strings.errors[problem.code];
    var field = strings.fields[problem.field] || "";
    return fill(template, { field: field, year: data.holidays.last_year });
  }

  function clearErrors() {
    $("error-summary").hidden = true;
    $("error-summary-list").textContent = "";
    document.title = pageTitle;
    DATE_FIELDS.concat(["interval_weeks"]).forEach(function (field) {
      var group = $(field + "-group");
      group.classList.remove("form-group-error");
      var message = $(field + "-error");
      message.hidden = true;
      message.textContent = "";
      group.querySelectorAll("input").forEach(function (input) {
        input.removeAttribute("aria-invalid");
        input.classList.remove("input-error");
      });
      var described = field === "interval_weeks" ? $("interval_weeks") : group.querySelector("fieldset");
      described.setAttribute("aria-describedby", field + "-hint");
    });
  }

  /** The GOV.UK pattern: a summary that takes focus, each error linked to its field. */
  function showErrors(problems) {
    var errors = problems.filter(function (p) { return p.severity === "error"; });
    var seen = {};
    var list = $("error-summary-list");
    errors.forEach(function (problem) {
      if (seen[problem.field]) return; // one message a field, as the field shows only one
      seen[problem.field] = true;
      var message = messageFor(problem);
      var inputs = problem.inputs || (problem.field === "interval_weeks" ? [$("interval_weeks")] : dateInputs(problem.field));
      var link = element("a", "", message);
      link.href = "#" + inputs[0].id;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (inputs[0].closest("details")) inputs[0].closest("details").open = true;
        inputs[0].focus();
        var legend = $(problem.field + "-group").querySelector("legend, label");
        if (legend && legend.scrollIntoView) legend.scrollIntoView();
      });
      var item = element("li");
      item.appendChild(link);
      list.appendChild(item);

      var group = $(problem.field + "-group");
      group.classList.add("form-group-error");
      var fieldMessage = $(problem.field + "-error");
      fieldMessage.textContent = "";
      fieldMessage.appendChild(element("span", "visually-hidden", strings.error_prefix + " "));
      fieldMessage.appendChild(document.createTextNode(message));
      fieldMessage.hidden = false;
      inputs.forEach(function (input) {
        input.setAttribute("aria-invalid", "true");
        input.classList.add("input-error");
      });
      var described = problem.field === "interval_weeks" ? $("interval_weeks") : group.querySelector("fieldset");
      described.setAttribute("aria-describedby", problem.field + "-hint " + problem.field + "-error");
      var details = group.closest("details");
      if (details) details.open = true;
    });
    if (!errors.length) return false;
    document.title = strings.error_prefix + " " + pageTitle;
    $("results").hidden = true;
    var summary = $("error-summary");
    summary.hidden = false;
    summary.focus();
    return true;
  }

  // ------------------------------------------------------------------------ the timeline

  function explanation(milestone) {
    return T.explain(data.texts, milestone);
  }

  function withTextsLang(node) {
    // Texts not yet translated are English: say so, for screen readers and spelling.
    if (strings.texts_lang !== document.documentElement.lang) {
      node.lang = strings.texts_lang;
      node.dir = "ltr";
    }
    return node;
  }

  function renderTimeline(milestones, warnings) {
    var today = todayIso();
    var todayNumber = T.parseIso(today);
    var list = $("timeline");
    list.textContent = "";
    var next = milestones.filter(function (m) { return T.parseIso(m.date) >= todayNumber; })[0];

    milestones.forEach(function (milestone) {
      var day = T.parseIso(milestone.date);
      var isPast = day < todayNumber;
      var isNext = milestone === next;
      var item = element("li", "timeline-item" + (isPast ? " timeline-item-past" : "") + (isNext ? " timeline-item-next" : ""));
      if (isNext) item.setAttribute("aria-current", "step");

      var when = element("p", "timeline-when");
      var time = element("time", "", formatDate(milestone.date));
      time.dateTime = milestone.date;
      when.appendChild(time);
      when.appendChild(document.createTextNode(" "));
      when.appendChild(element("span", "timeline-relative", relativeFormat.format(day - todayNumber, "day")));
      if (isPast || isNext) {
        when.appendChild(document.createTextNode(" "));
        when.appendChild(element("strong", "timeline-tag", isPast ? strings.past : strings.next));
      }
      item.appendChild(when);

      item.appendChild(withTextsLang(element("h3", "timeline-label", data.texts.rules[milestone.rule].label)));

      var how = element("p", "timeline-how");
      var howText = milestone.actual ? strings.your_date : strings.due_by;
      if (milestone.actual && milestone.due && milestone.due !== milestone.date) {
        howText += ". " + fill(strings.was_due, { date: formatDate(milestone.due) });
      } else if (!milestone.actual && milestone.counted_from) {
        howText += ". " + fill(strings.counted_from, { date: formatDate(milestone.counted_from) });
      }
      how.appendChild(document.createTextNode(howText + " "));
      how.appendChild(element("span", "tag", data.texts.statuses[data.rules[milestone.rule].status]));
      item.appendChild(how);

      item.appendChild(withTextsLang(element("p", "timeline-explanation", explanation(milestone))));

      var guidance = strings.guidance[milestone.rule];
      if (guidance) {
        var more = element("p");
        var link = element("a");
        link.href = guidance.url;
        link.appendChild(document.createTextNode(strings.read_more + ": "));
        var title = element("span", "", guidance.title);
        if (guidance.lang !== document.documentElement.lang) {
          title.lang = guidance.lang;
          title.dir = "ltr";
        }
        link.appendChild(title);
        more.appendChild(link);
        item.appendChild(more);
      }
      list.appendChild(item);
    });

    var summary = fill(strings.today, { date: formatDate(today) }) + " ";
    summary += next
      ? fill(strings.next_summary, {
          label: data.texts.rules[next.rule].label,
          date: formatDate(next.date) + " (" + relativeFormat.format(T.parseIso(next.date) - todayNumber, "day") + ")",
        })
      : strings.all_past;
    $("results-summary").textContent = summary;

    var warningBox = $("results-warnings");
    warningBox.textContent = "";
    warnings.forEach(function (problem) {
      warningBox.appendChild(element("p", "notice", messageFor(problem)));
    });

    $("action-status").textContent = "";
    $("copy-fallback").hidden = true;
    $("results").hidden = false;
  }

  function calculate(moveFocus) {
    clearErrors();
    var read = readForm();
    if (showErrors(read.problems)) return;
    var problems = T.checkInputs(data.rules, read.inputs, todayIso());
    if (showErrors(problems)) return;
    var milestones;
    try {
      milestones = T.computeTimeline(data.rules, read.inputs, data.holidays);
    } catch (error) {
      if (error instanceof T.OutOfRange) {
        showErrors([{ field: "icpc", code: "out_of_range", severity: "error" }]);
        return;
      }
      throw error;
    }
    lastTimeline = milestones;
    lastInputs = read.inputs;
    renderTimeline(milestones, problems.filter(function (p) { return p.severity === "warning"; }));
    if (moveFocus) $("results-heading").focus();
  }

  // ------------------------------------------------------------------------ the address

  function fieldValue(field) {
    if (field === "interval_weeks") return lastInputs.interval_weeks ? String(lastInputs.interval_weeks) : "";
    if (field === "review_conference_1") return lastInputs.review_conferences[0] || "";
    if (field === "review_conference_2") return lastInputs.review_conferences[1] || "";
    return lastInputs[field] || "";
  }

  function shareLink() {
    var parts = [];
    Object.keys(LINK_KEYS).forEach(function (field) {
      var value = fieldValue(field);
      if (value) parts.push(LINK_KEYS[field] + "=" + encodeURIComponent(value));
    });
    return location.href.split("#")[0] + "#" + parts.join("&");
  }

  /** Fill the form from the dates after "#"; true if there were any. */
  function readLink() {
    var values = {};
    location.hash.slice(1).split("&").forEach(function (pair) {
      var cut = pair.indexOf("=");
      if (cut < 0) return;
      try {
        values[pair.slice(0, cut)] = decodeURIComponent(pair.slice(cut + 1));
      } catch (error) {
        // A damaged link: ignore that part.
      }
    });
    var fields = Object.keys(LINK_KEYS).filter(function (field) {
      return Object.prototype.hasOwnProperty.call(values, LINK_KEYS[field]);
    });
    if (!fields.length) return false;
    form.reset();
    fields.forEach(function (field) {
      var value = values[LINK_KEYS[field]];
      if (field === "interval_weeks") {
        $("interval_weeks").value = value;
        return;
      }
      // A value that is not YYYY-MM-DD goes into "day", so the form reports it as not a date.
      var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      var inputs = dateInputs(field);
      inputs[0].value = match ? String(Number(match[3])) : value;
      inputs[1].value = match ? String(Number(match[2])) : "";
      inputs[2].value = match ? match[1] : "";
    });
    if (OPTIONAL_FIELDS.some(hasValue)) $("more-dates").open = true;
    return true;
  }

  function hasValue(field) {
    if (field === "interval_weeks") return $("interval_weeks").value !== "";
    return dateInputs(field).some(function (input) { return input.value !== ""; });
  }

  // ------------------------------------------------------------------------ the buttons

  function addToCalendar() {
    if (!lastTimeline) return;
    var text = T.toICalendar(lastTimeline, data.rules, data.texts, new Date(), strings.calendar_due);
    var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    var link = element("a");
    link.href = url;
    link.download = CALENDAR_FILE;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    $("action-status").textContent = strings.calendar_ready;
  }

  function copyLink() {
    if (!lastTimeline) return;
    var link = shareLink();
    function fallback() {
      var box = $("copy-fallback");
      var input = $("copy-fallback-input");
      input.value = link;
      box.hidden = false;
      input.focus();
      input.select();
      $("action-status").textContent = strings.copy_failed;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(function () {
        $("copy-fallback").hidden = true;
        $("action-status").textContent = strings.copied;
      }, fallback);
    } else {
      fallback();
    }
  }

  // ------------------------------------------------------------------------ start

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    calculate(true);
  });
  $("add-to-calendar").addEventListener("click", addToCalendar);
  $("print").addEventListener("click", function () { window.print(); });
  $("copy-link").addEventListener("click", copyLink);
  window.addEventListener("hashchange", function () {
    if (readLink()) calculate(false);
  });

  if (readLink()) calculate(false);
})();
