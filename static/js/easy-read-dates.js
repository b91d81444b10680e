/* The Easy Read dates page: the conference date in, the next date with a calendar picture and
 * then every date, one a line, out. The dates come from the calculator's own engine
 * (timeline.js) and rules (in the attributes of id="er-dates-data"), worked out on this device.
 * A classic script, so that the page also works opened from disk.
 */
(function () {
  "use strict";

  var T = window.CoreGroupTimeline;
  var form = document.getElementById("er-dates-form");
  var holder = document.getElementById("er-dates-data");
  if (!T || !form || !holder) return;

  var data = JSON.parse(holder.getAttribute("data-rules"));
  var strings = JSON.parse(holder.getAttribute("data-strings"));
  var textsLang = holder.getAttribute("data-texts-lang");
  var dateFormat = new Intl.DateTimeFormat(form.getAttribute("data-locale"), {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
  var inputs = ["er-day", "er-month", "er-year"].map(function (id) { return document.getElementById(id); });
  var error = document.getElementById("er-date-error");
  var results = document.getElementById("er-results");
  // Zero of each script's digits that phones in the site's languages may type.
  var DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0xff10];

  function asciiDigits(text) {
    return text.replace(/\s+/g, "").replace(/./g, function (character) {
      var code = character.charCodeAt(0);
      for (var i = 0; i < DIGIT_ZEROS.length; i++) {
        if (code >= DIGIT_ZEROS[i] && code <= DIGIT_ZEROS[i] + 9) return String(code - DIGIT_ZEROS[i]);
      }
      return character;
    });
  }

  function formatDate(iso) {
    return dateFormat.format(new Date(T.parseIso(iso) * 86400000));
  }

  function todayIso() {
    var now = new Date();
    return T.toIso(T.dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate()));
  }

  function showError(code, values) {
    var text = strings[code].replace("{field}", strings.field);
    Object.keys(values || {}).forEach(function (name) { text = text.replace("{" + name + "}", values[name]); });
    error.textContent = text;
    error.hidden = false;
    inputs.forEach(function (input) { input.setAttribute("aria-invalid", "true"); });
    results.hidden = true;
    inputs[0].focus();
  }

  function readDate() {
    var parts = inputs.map(function (input) { return asciiDigits(input.value); });
    if (parts.some(function (part) { return part === ""; })) return { error: "incomplete" };
    var numbers = parts.map(Number);
    if (!parts.every(function (part) { return /^\d+$/.test(part); }) || parts[2].length !== 4 ||
        !T.isRealDate(numbers[2], numbers[1], numbers[0])) {
      return { error: "not_real" };
    }
    return { iso: T.toIso(T.dayNumber(numbers[2], numbers[1], numbers[0])) };
  }

  function label(milestone) {
    var span = document.createElement("span");
    span.textContent = data.texts.rules[milestone.rule].label;
    if (textsLang) {
      span.lang = textsLang;
      span.dir = "ltr";
    }
    return span;
  }

  function line(milestone, isPast) {
    var item = document.createElement("li");
    var time = document.createElement("time");
    time.dateTime = milestone.date;
    time.textContent = formatDate(milestone.date);
    var when = document.createElement("strong");
    when.appendChild(time);
    item.appendChild(when);
    item.appendChild(document.createTextNode(": "));
    item.appendChild(label(milestone));
    if (isPast) {
      item.className = "er-past";
      item.appendChild(document.createTextNode(" (" + strings.past + ")"));
    }
    return item;
  }

  function show(milestones) {
    var today = T.parseIso(todayIso());
    var next = milestones.filter(function (m) { return T.parseIso(m.date) >= today; })[0];
    var nextBox = document.getElementById("er-next");
    nextBox.textContent = "";
    var paragraph = document.createElement("p");
    if (next) {
      var strong = line(next, false);
      while (strong.firstChild) paragraph.appendChild(strong.firstChild);
    } else {
      paragraph.textContent = strings.all_past;
    }
    nextBox.appendChild(paragraph);
    var list = document.getElementById("er-date-list");
    list.textContent = "";
    milestones.forEach(function (milestone) {
      list.appendChild(line(milestone, T.parseIso(milestone.date) < today));
    });
    error.hidden = true;
    inputs.forEach(function (input) { input.removeAttribute("aria-invalid"); });
    results.hidden = false;
    results.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var read = readDate();
    if (read.error) return showError(read.error);
    var problems = T.checkInputs(data.rules, { icpc: read.iso }, todayIso()).filter(function (p) {
      return p.severity === "error";
    });
    if (problems.length) return showError(strings[problems[0].code] ? problems[0].code : "not_real");
    try {
      show(T.computeTimeline(data.rules, { icpc: read.iso }, data.holidays));
    } catch (problem) {
      if (!(problem instanceof T.OutOfRange)) throw problem;
      showError("out_of_range", { year: String(data.holidays.last_year) });
    }
  });
})();
