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
  var CORE_GROUP_KEY = "core-group-"; // core-group-2=2027-05-20: the real date of meeting 2
  var CALENDAR_FILE = "core-group-dates.ics";
  // Zero of each script's digits that phones in the site's languages may type.
  var DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0xff10];

  var lastTimeline = null;
  var lastInputs = null;
  // The real dates of later core group meetings the family entered, by meeting number.
  var coreGroupDates = {};

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

  // One digit system a language, as the build chose it (portal/languages.py), whatever the
  // browser's own default for the locale.
  var numbered = locale + "-u-nu-" + root.getAttribute("data-numbering");
  var dateFormat = new Intl.DateTimeFormat(numbered, {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
  var shortDateFormat = new Intl.DateTimeFormat(numbered, {
    weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
  });
  var relativeFormat = new Intl.RelativeTimeFormat(numbered, { numeric: "auto" });
  var listFormat = new Intl.ListFormat(numbered, { style: "long", type: "conjunction" });

  function formatDate(iso) {
    // Day numbers are UTC midnights, so format them in UTC: no time zone can shift the day.
    return dateFormat.format(new Date(T.parseIso(iso) * 86400000));
  }

  function formatShortDate(iso) {
    return shortDateFormat.format(new Date(T.parseIso(iso) * 86400000));
  }

  var numberFormat = new Intl.NumberFormat(numbered, { useGrouping: false });

  function writeNumber(count) {
    return numberFormat.format(count);
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
      core_groups: coreGroupDates,
    };
    return { inputs: inputs, problems: problems };
  }

  function problemFor(problems, field) {
    return problems.filter(function (p) { return p.field === field && p.severity === "error"; })[0];
  }

  // ------------------------------------------------------------------------ errors

  function messageFor(problem) {
    var template = problem.code === "weekend" ? strings.weekend : strings.errors[problem.code];
    if (problem.severity === "warning" && problem.code !== "weekend") template = strings.real_date_dropped;
    var field = strings.fields[problem.field] || (/^core_group_/.test(problem.field) ? strings.fields.core_group : "");
    return fill(template, { field: field, year: writeNumber(data.holidays.last_year) });
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

  function label(milestone) {
    return data.texts.rules[milestone.rule].label;
  }

  /** A node in the language of the calculator texts (English until they are translated). */
  function withTextsLang(node) {
    if (strings.texts_lang !== document.documentElement.lang) {
      node.lang = strings.texts_lang;
      node.dir = "ltr";
    }
    return node;
  }

  /** Fill parent with a template whose {name} placeholders are the given nodes. */
  function compose(parent, template, nodes) {
    template.split(/(\{\w+\})/).forEach(function (part) {
      var name = part.slice(1, -1);
      if (part.charAt(0) === "{" && Object.prototype.hasOwnProperty.call(nodes, name)) {
        parent.appendChild(nodes[name]);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
    return parent;
  }

  function labelNode(milestone) {
    return withTextsLang(element("span", "", label(milestone)));
  }

  function timeElement(iso, format) {
    var time = element("time", "", format(iso));
    time.dateTime = iso;
    return time;
  }

  /** Bank holidays by name and date, joined as the page's language joins a list. */
  function holidayList(holidays) {
    var nodes = {};
    var names = holidays.map(function (holiday, i) {
      var item = element("span");
      var name = element("span", "", holiday[1] || "");
      if (data.holidays.names_lang !== document.documentElement.lang) {
        name.lang = data.holidays.names_lang;
        name.dir = "auto";
      }
      item.appendChild(name);
      item.appendChild(document.createTextNode(" ("));
      item.appendChild(timeElement(holiday[0], formatShortDate));
      item.appendChild(document.createTextNode(")"));
      nodes["h" + i] = item;
      return "{h" + i + "}";
    });
    return compose(element("span"), listFormat.format(names), nodes);
  }

  /** A paragraph from a template whose one {name} is a node. */
  function paragraphWith(template, name, node) {
    var nodes = {};
    nodes[name] = node;
    return compose(element("p"), template, nodes);
  }

  /** "Why this date?": what it counts from, what was not counted, what moved it, how firm. */
  function whyDetails(milestone) {
    var reason = T.why(data.rules, milestone, data.holidays);
    var rule = data.rules[milestone.rule];
    var details = element("details", "why");
    details.appendChild(element("summary", "", strings.why));
    var body = element("div", "why-body");
    if (reason) {
      var start = fill(strings.why_start, { what: strings.starts[rule.counts_from] });
      body.appendChild(paragraphWith(start, "date", timeElement(reason.counted_from, formatDate)));
      body.appendChild(withTextsLang(element("p", "", explanation(milestone))));
      if (rule.unit === "working_days") {
        body.appendChild(element("p", "", fill(strings.why_weekends, { count: writeNumber(reason.weekend_days) })));
        body.appendChild(
          reason.holidays.length
            ? paragraphWith(strings.why_holidays, "names", holidayList(reason.holidays))
            : element("p", "", strings.why_no_holidays)
        );
      } else if (reason.moved_from) {
        body.appendChild(paragraphWith(strings.why_moved, "date", timeElement(reason.moved_from, formatDate)));
        if (reason.holidays.length) {
          body.appendChild(paragraphWith(strings.why_moved_over, "names", holidayList(reason.holidays)));
        }
      } else {
        body.appendChild(element("p", "", strings.why_not_moved));
      }
    }
    body.appendChild(element("p", "", fill(strings.why_status, { status: strings.status_meanings[rule.status] })));
    details.appendChild(body);
    return details;
  }

  function guidanceLink(milestone) {
    var guidance = strings.guidance[milestone.rule];
    if (!guidance) return null;
    var more = element("p", "timeline-more");
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
    return more;
  }

  function timelineItem(milestone, todayNumber, isNext) {
    var day = T.parseIso(milestone.date);
    var isPast = day < todayNumber;
    var item = element("li", "timeline-item" + (isPast ? " timeline-item-past" : "") + (isNext ? " timeline-item-next" : ""));
    if (isNext) item.setAttribute("aria-current", "step");

    // The heading carries the date, so that moving by headings tells the dates.
    item.appendChild(compose(
      element("h3", "timeline-label"),
      milestone.actual ? strings.heading_on : strings.heading_due,
      { label: labelNode(milestone), date: timeElement(milestone.date, formatShortDate) }
    ));

    var when = element("p", "timeline-when");
    when.appendChild(timeElement(milestone.date, formatDate));
    when.appendChild(document.createTextNode(" "));
    when.appendChild(element("span", "timeline-relative", relativeFormat.format(day - todayNumber, "day")));
    if (isPast || isNext) {
      when.appendChild(document.createTextNode(" "));
      when.appendChild(element("strong", "timeline-tag", isPast ? strings.past : strings.next));
    }
    item.appendChild(when);

    var how = element("p", "timeline-how");
    var howText = milestone.actual ? strings.your_date : strings.due_by;
    if (milestone.actual && milestone.due && milestone.due !== milestone.date) {
      howText += ". " + fill(strings.was_due, { date: formatDate(milestone.due) });
    }
    how.appendChild(document.createTextNode(howText + " "));
    how.appendChild(element("span", "tag", data.texts.statuses[data.rules[milestone.rule].status]));
    item.appendChild(how);

    if (milestone.due) item.appendChild(whyDetails(milestone));
    else item.appendChild(withTextsLang(element("p", "timeline-explanation", explanation(milestone))));
    var more = guidanceLink(milestone);
    if (more) item.appendChild(more);
    if (milestone.rule === "core_group_by") item.appendChild(realDateForm(milestone));
    return item;
  }

  /** "Enter the real date of this meeting" (regular core groups): later meetings count from it. */
  function realDateForm(milestone) {
    var field = milestone.id; // core_group_<number>
    var details = $("real-date-template").content.firstElementChild.cloneNode(true);
    details.querySelectorAll("[id], [for], [aria-describedby]").forEach(function (node) {
      ["id", "for", "aria-describedby"].forEach(function (name) {
        var value = node.getAttribute(name);
        if (value) node.setAttribute(name, value.replace("core_group", field));
      });
    });
    var legend = details.querySelector("legend");
    var words = legend.textContent;
    legend.textContent = "";
    compose(legend, words, { label: labelNode(milestone) });
    var given = coreGroupDates[milestone.index];
    if (given) {
      var parts = given.split("-");
      details.querySelector("#" + field + "-day").value = Number(parts[2]);
      details.querySelector("#" + field + "-month").value = Number(parts[1]);
      details.querySelector("#" + field + "-year").value = parts[0];
    }
    var error = details.querySelector(".error-message");
    details.querySelector("button").addEventListener("click", function () { useRealDate(milestone, error); });
    return details;
  }

  function useRealDate(milestone, errorBox) {
    var field = milestone.id;
    var read = readDate(field);
    var problem = read.error ? { field: field, code: read.error, severity: "error" } : null;
    var dates = Object.assign({}, coreGroupDates);
    if (read.iso) dates[milestone.index] = read.iso;
    else if (read.empty) delete dates[milestone.index];
    if (!problem) {
      var inputs = Object.assign({}, lastInputs, { core_groups: dates });
      problem = T.checkInputs(data.rules, inputs, todayIso()).filter(function (p) {
        return p.field === field && p.severity === "error";
      })[0] || null;
    }
    if (problem) {
      errorBox.textContent = "";
      errorBox.appendChild(element("span", "visually-hidden", strings.error_prefix + " "));
      errorBox.appendChild(document.createTextNode(messageFor(problem)));
      errorBox.hidden = false;
      $(field + "-day").focus();
      return;
    }
    coreGroupDates = dates;
    calculate(false);
    // Back to the meeting just changed, by its heading (which now carries the real date).
    var heading = document.querySelector("#" + field + "-group");
    var item = heading && heading.closest("li");
    if (item) {
      var title = item.querySelector("h3");
      title.tabIndex = -1;
      title.focus();
    }
  }

  /** The next date that is not in the past: what it is, when, and whom to ask. */
  function renderSummary(next, todayNumber) {
    var box = $("results-summary");
    box.textContent = "";
    if (!next) {
      box.appendChild(element("p", "summary-date", strings.all_past));
      box.appendChild(element("p", "", strings.summary_ask));
      return;
    }
    var date = element("strong");
    date.appendChild(timeElement(next.date, formatDate));
    box.appendChild(compose(
      element("p", "summary-date"),
      next.actual ? strings.next_on : strings.next_due,
      { label: labelNode(next), date: date }
    ));
    box.appendChild(element("p", "summary-relative", relativeFormat.format(T.parseIso(next.date) - todayNumber, "day")));
    box.appendChild(withTextsLang(element("p", "summary-explanation", explanation(next))));
    box.appendChild(element("p", "summary-ask", strings.summary_ask));
  }

  function renderTimeline(milestones, warnings) {
    var todayNumber = T.parseIso(todayIso());
    // What comes next: a date still to come. A date the family entered for today (the
    // conference they have just left) is not news to them.
    var next = milestones.filter(function (m) {
      var day = T.parseIso(m.date);
      return day > todayNumber || (day === todayNumber && !m.actual);
    })[0];
    var list = $("timeline");
    var pastList = $("past-timeline");
    list.textContent = "";
    pastList.textContent = "";
    var pastCount = 0;
    milestones.forEach(function (milestone) {
      var isPast = T.parseIso(milestone.date) < todayNumber;
      if (isPast) pastCount += 1;
      (isPast ? pastList : list).appendChild(timelineItem(milestone, todayNumber, milestone === next));
    });
    // Past steps stay out of the way, folded, but one tap brings them back.
    $("past-dates").hidden = pastCount === 0;
    $("past-dates").open = false;
    $("past-dates-summary").textContent = fill(strings.past_dates, { count: writeNumber(pastCount) });

    renderSummary(next, todayNumber);
    $("printed-on").textContent = fill(strings.printed_on, { date: formatDate(todayIso()) });

    var warningBox = $("results-warnings");
    warningBox.textContent = "";
    warnings.forEach(function (problem) {
      warningBox.appendChild(element("p", "notice", messageFor(problem)));
    });

    $("action-status").textContent = "";
    $("copy-fallback").hidden = true;
    $("results").hidden = false;
    // With dates to read, the rules and the example fold away (one tap opens them).
    $("about-dates").open = false;
    carryDatesToOtherLanguages();
  }

  function calculate(moveFocus) {
    clearErrors();
    var read = readForm();
    if (showErrors(read.problems)) return;
    var problems = T.checkInputs(data.rules, read.inputs, todayIso());
    // Real dates of later meetings that no longer fit the dates above (the conference was
    // changed, say) are let go, and the reader is told, rather than blocking the form.
    var stale = problems.filter(function (p) { return /^core_group_/.test(p.field) && p.severity === "error"; });
    if (stale.length) {
      stale.forEach(function (p) { delete coreGroupDates[p.field.split("_")[2]]; });
      read.inputs.core_groups = coreGroupDates;
      problems = T.checkInputs(data.rules, read.inputs, todayIso()).concat(stale.map(function (p) {
        return { field: p.field, code: p.code, severity: "warning" };
      }));
    }
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
    if (moveFocus) {
      // The results start at the top of the screen, so the next date and the buttons show at once.
      $("results-heading").scrollIntoView({ block: "start" });
      $("results-heading").focus({ preventScroll: true });
    }
  }

  // ------------------------------------------------------------------------ the address

  function fieldValue(field) {
    if (field === "interval_weeks") return lastInputs.interval_weeks ? String(lastInputs.interval_weeks) : "";
    if (field === "review_conference_1") return lastInputs.review_conferences[0] || "";
    if (field === "review_conference_2") return lastInputs.review_conferences[1] || "";
    return lastInputs[field] || "";
  }

  /** The dates as the part of an address after "#". */
  function linkFragment() {
    var parts = [];
    Object.keys(LINK_KEYS).forEach(function (field) {
      var value = fieldValue(field);
      if (value) parts.push(LINK_KEYS[field] + "=" + encodeURIComponent(value));
    });
    Object.keys(lastInputs.core_groups || {}).forEach(function (number) {
      parts.push(CORE_GROUP_KEY + number + "=" + lastInputs.core_groups[number]);
    });
    return "#" + parts.join("&");
  }

  function shareLink() {
    return location.href.split("#")[0] + linkFragment();
  }

  /**
   * The language links take the dates along, so that switching language keeps them. Static
   * links cannot know them: they are set here, from the dates shown.
   */
  function carryDatesToOtherLanguages() {
    document.querySelectorAll(".language-switcher a[hreflang]").forEach(function (link) {
      var base = link.getAttribute("data-base-href");
      if (base === null) {
        base = link.getAttribute("href").split("#")[0];
        link.setAttribute("data-base-href", base);
      }
      link.setAttribute("href", base + linkFragment());
    });
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
    coreGroupDates = {};
    Object.keys(values).forEach(function (key) {
      var match = /^core-group-(\d{1,2})$/.exec(key);
      if (match && /^\d{4}-\d{2}-\d{2}$/.test(values[key])) {
        var day = values[key].split("-").map(Number);
        if (T.isRealDate(day[0], day[1], day[2])) coreGroupDates[Number(match[1])] = values[key];
      }
    });
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

  /** Where each rule is explained, as full addresses for the calendar (web pages only). */
  function guidanceUrls() {
    var urls = {};
    if (!/^https?:$/.test(location.protocol)) return urls;
    Object.keys(strings.guidance).forEach(function (ruleId) {
      urls[ruleId] = new URL(strings.guidance[ruleId].url, location.href).href;
    });
    return urls;
  }

  function addToCalendar() {
    if (!lastTimeline) return;
    var words = { due_title: strings.calendar_due, due_note: strings.calendar_note, urls: guidanceUrls() };
    var text = T.toICalendar(lastTimeline, data.rules, data.texts, new Date(), data.holidays, words);
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

  /** The phone's own Share sheet where it has one; else the link is copied. */
  function share() {
    if (!lastTimeline) return;
    if (!canShare()) {
      copyLink();
      return;
    }
    navigator.share({ title: document.title, url: shareLink() }).catch(function (error) {
      // Closing the Share sheet is not a failure; anything else falls back to copying.
      if (!error || error.name !== "AbortError") copyLink();
    });
  }

  function canShare() {
    return typeof navigator.share === "function" && /^https?:$/.test(location.protocol);
  }

  // ------------------------------------------------------------------------ start

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    calculate(true);
  });
  $("add-to-calendar").addEventListener("click", addToCalendar);
  $("print").addEventListener("click", function () { window.print(); });
  // Paper shows every date: the folded past ones too (closed details do not print).
  var pastWasOpen = false;
  window.addEventListener("beforeprint", function () {
    pastWasOpen = $("past-dates").open;
    $("past-dates").open = true;
  });
  window.addEventListener("afterprint", function () { $("past-dates").open = pastWasOpen; });
  $("share").textContent = canShare() ? strings.share : strings.copy_link;
  $("share").addEventListener("click", share);
  window.addEventListener("hashchange", function () {
    if (readLink()) calculate(false);
  });

  if (readLink()) calculate(false);
})();
