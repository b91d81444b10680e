/* Core Group Guide, on every page: "Exit this page", "Listen to this page", printing and
 * offline reading.
 *
 * A classic script (no modules), because pages opened from disk (file://) must run it too,
 * and no inline code anywhere, because the pages' Content-Security-Policy forbids it.
 * It holds no interface text: every label comes from the page, in the page's language,
 * through data-* attributes. Without JavaScript, "Exit this page" is a plain link and
 * everything else simply is not offered.
 */
(function () {
  "use strict";

  var doc = document;
  var script = doc.currentScript;

  // ------------------------------------------------------------------ Exit this page

  // Adapted from the GOV.UK Design System's Exit this page component (alphagov/govuk-frontend,
  // MIT licence, Crown copyright): an overlay hides the page at once, Shift pressed 3 times on
  // its own exits, and `pageshow` clears the overlay if a browser shows the page again. We use
  // location.replace, so Back does not return to the page that was left.
  var SHIFT_WINDOW_MS = 5000; // each Shift press must follow the last within this time

  function initExitPage() {
    var box = doc.querySelector("[data-exit-page]");
    var link = box && box.querySelector("[data-exit-page-link]");
    if (!link) return;
    var status = box.querySelector("[data-exit-page-status]");
    // No fine pointer: a phone or tablet whose on-screen keyboard sends Shift when it changes
    // case or switches to numbers (govuk-frontend issue 4095), so typing there never exits.
    var onScreenKeyboard = !!window.matchMedia && !window.matchMedia("(any-pointer: fine)").matches;
    var title = doc.title;
    var overlay = null;
    var presses = 0;
    var timer = 0;
    var held = {}; // Shift keys down now (left and right together are one press)
    var alone = true; // no other key since the first Shift went down: Shift+A is not a press

    function say(name) {
      status.textContent = name ? box.getAttribute("data-" + name) : "";
    }

    function count(value) {
      presses = value;
      box.setAttribute("data-presses", String(value));
      window.clearTimeout(timer);
    }

    function exit(event) {
      if (event) event.preventDefault();
      stopSpeaking();
      say("");
      doc.body.classList.add("exit-page-hide");
      overlay = doc.createElement("div");
      overlay.className = "exit-page-overlay";
      overlay.setAttribute("role", "alert");
      doc.body.appendChild(overlay);
      overlay.textContent = box.getAttribute("data-activated"); // after adding: announced more reliably
      doc.title = overlay.textContent;
      window.location.replace(link.href);
    }

    function typing(target) {
      return onScreenKeyboard && target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }

    link.addEventListener("click", exit);
    doc.addEventListener(
      "keydown",
      function (event) {
        if (event.key !== "Shift") {
          alone = false;
          if (presses) count(0);
        } else if (!Object.keys(held).length) {
          alone = true;
        }
        if (event.key === "Shift") held[event.code || "Shift"] = true;
      },
      true
    );
    doc.addEventListener(
      "keyup",
      function (event) {
        if (event.key !== "Shift") return;
        delete held[event.code || "Shift"];
        if (Object.keys(held).length || !alone || typing(event.target)) return;
        count(presses + 1);
        if (presses >= 3) {
          count(0);
          exit();
          return;
        }
        say(presses === 1 ? "shift-two" : "shift-one");
        timer = window.setTimeout(function () {
          count(0);
          say("timed-out");
        }, SHIFT_WINDOW_MS);
      },
      true
    );
    window.addEventListener("blur", function () {
      held = {};
    });
    window.addEventListener("pageshow", function () {
      doc.body.classList.remove("exit-page-hide");
      if (overlay) overlay.remove();
      overlay = null;
      doc.title = title;
      count(0);
      say("");
    });
  }

  // ------------------------------------------------------------- Listen to this page

  // Blocks read one at a time (long ones sentence by sentence: some voices stop after ~15 s).
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,summary,pre,label,legend";
  var SKIP = "[data-listen-skip],nav,[hidden],[aria-hidden='true'],.visually-hidden,script,style,template";
  var MAX_CHUNK = 220;
  var speech = null; // set by initListen, so that exit can stop it

  function stopSpeaking() {
    if (speech) speech.stop();
  }

  function primaryLanguage(tag) {
    return String(tag || "")
      .toLowerCase()
      .replace("_", "-")
      .split("-")[0];
  }

  function languageOf(element) {
    var withLang = element.closest("[lang]");
    return withLang ? withLang.getAttribute("lang") : doc.documentElement.lang;
  }

  function sentences(text) {
    if (text.length <= MAX_CHUNK) return [text];
    var parts = text.match(/[^.!?。।۔؟]+[.!?。।۔؟]*\s*/g) || [text];
    var out = [];
    var current = "";
    for (var i = 0; i < parts.length; i++) {
      if (current && (current + parts[i]).length > MAX_CHUNK) {
        out.push(current.trim());
        current = "";
      }
      current += parts[i];
    }
    if (current.trim()) out.push(current.trim());
    return out;
  }

  function readableBlocks(main) {
    var chunks = [];
    var blocks = main.querySelectorAll(BLOCKS);
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (block.closest(SKIP)) continue;
      var outer = block.parentElement && block.parentElement.closest(BLOCKS);
      if (outer && main.contains(outer)) continue; // read as part of the outer block
      var text = (block.innerText || "").replace(/\s+/g, " ").trim();
      if (!text) continue;
      var parts = sentences(text);
      for (var j = 0; j < parts.length; j++) {
        chunks.push({ element: block, text: parts[j], lang: languageOf(block) });
      }
    }
    return chunks;
  }

  function initListen() {
    var tools = doc.querySelector("[data-listen]");
    var main = doc.getElementById("main");
    var synth = window.speechSynthesis;
    if (!tools || !main || !synth || !window.SpeechSynthesisUtterance) return;
    var play = tools.querySelector("[data-listen-play]");
    var stop = tools.querySelector("[data-listen-stop]");
    var content = main.querySelector(".page-body[lang]") || main.querySelector("h1") || main;
    var pageLanguage = languageOf(content);
    var state = "idle"; // idle, playing or paused
    var chunks = [];
    var index = 0;
    var run = 0; // bumped on every start, pause and stop: callbacks of older utterances do nothing
    var reading = null;

    // Only voices on the device itself: text never goes to an online speech service.
    function voiceFor(lang) {
      var wanted = primaryLanguage(lang);
      var exact = String(lang || "").toLowerCase();
      var voices = synth.getVoices() || [];
      var best = null;
      var bestScore = -1;
      for (var i = 0; i < voices.length; i++) {
        var voice = voices[i];
        var tag = String(voice.lang || "")
          .toLowerCase()
          .replace("_", "-");
        if (!voice.localService || primaryLanguage(tag) !== wanted) continue;
        var score = (tag === exact ? 4 : 0) + (wanted === "en" && tag === "en-gb" ? 2 : 0) + (voice["default"] ? 1 : 0);
        if (score > bestScore) {
          best = voice;
          bestScore = score;
        }
      }
      return best;
    }

    function mark(element) {
      if (reading) reading.classList.remove("being-read");
      reading = element;
      if (reading) reading.classList.add("being-read");
    }

    function show() {
      var labels = { idle: "data-label-listen", playing: "data-label-pause", paused: "data-label-resume" };
      play.textContent = play.getAttribute(labels[state]);
      stop.hidden = state === "idle";
    }

    function speakNext(token) {
      if (token !== run || state !== "playing") return;
      if (index >= chunks.length) {
        halt();
        return;
      }
      var chunk = chunks[index];
      var voice = voiceFor(chunk.lang);
      if (!voice) {
        index += 1; // no voice for this part's language: skip it rather than mispronounce it
        speakNext(token);
        return;
      }
      var utterance = new window.SpeechSynthesisUtterance(chunk.text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      function next() {
        if (token !== run) return;
        index += 1;
        speakNext(token);
      }
      utterance.onend = next;
      utterance.onerror = next;
      mark(chunk.element);
      synth.speak(utterance);
    }

    function halt() {
      run += 1;
      state = "idle";
      index = 0;
      synth.cancel();
      mark(null);
      show();
    }

    play.addEventListener("click", function () {
      run += 1;
      if (state === "playing") {
        // Pausing cancels and later restarts the current part: pause() is unreliable on phones.
        state = "paused";
        synth.cancel();
      } else {
        if (state === "idle") {
          chunks = readableBlocks(main);
          index = 0;
        }
        state = "playing";
        synth.cancel();
        speakNext(run);
      }
      show();
    });
    stop.addEventListener("click", function () {
      halt();
      play.focus();
    });
    window.addEventListener("pagehide", function () {
      if (state !== "idle") halt();
    });

    function offerIfVoice() {
      var available = !!voiceFor(pageLanguage);
      if (!available && state !== "idle") halt();
      tools.hidden = !available;
    }
    speech = { stop: halt };
    offerIfVoice();
    if (synth.addEventListener) synth.addEventListener("voiceschanged", offerIfVoice);
  }

  // ---------------------------------------------------------------------- Printing

  // On paper the footer ends with where and when the page was printed (print.css shows it),
  // and closed sections are opened, then put back after printing.
  function initPrint() {
    var opened = [];
    var note = doc.querySelector("[data-print-note]");
    window.addEventListener("beforeprint", function () {
      if (note) {
        var lang = doc.documentElement.lang;
        var values = {
          "{address}": window.location.href,
          "{date}": new Date().toLocaleDateString(lang === "en" ? "en-GB" : lang, { day: "numeric", month: "long", year: "numeric" })
        };
        var parts = note.getAttribute("data-pattern").split(/(\{address\}|\{date\})/);
        note.textContent = "";
        for (var i = 0; i < parts.length; i++) {
          var part = values[parts[i]] ? doc.createElement("span") : doc.createTextNode(parts[i]);
          if (values[parts[i]]) {
            part.textContent = values[parts[i]];
            if (parts[i] === "{address}") part.dir = "ltr";
          }
          note.appendChild(part);
        }
      }
      var closed = doc.querySelectorAll("main details:not([open]), .site-footer details:not([open])");
      for (var j = 0; j < closed.length; j++) {
        closed[j].open = true;
        opened.push(closed[j]);
      }
    });
    window.addEventListener("afterprint", function () {
      while (opened.length) opened.pop().open = false;
    });
  }

  // ---------------------------------------------------------------- Offline reading

  // Only on http(s): a page opened from disk has no service worker and needs none.
  function initOffline() {
    var path = script && script.getAttribute("data-service-worker");
    if (!path || !("serviceWorker" in navigator) || !/^https?:$/.test(window.location.protocol)) return;
    var register = function () {
      navigator.serviceWorker
        .register(new URL(path, window.location.href).href)
        .then(function () {
          return navigator.serviceWorker.ready;
        })
        .then(function (registration) {
          if (registration.active) {
            registration.active.postMessage({ type: "cache-language", url: window.location.href });
          }
        })
        .catch(function () {
          // No offline copy (private browsing, storage full): the site works as before.
        });
    };
    if (doc.readyState === "complete") register();
    else window.addEventListener("load", register);
  }

  initExitPage();
  initListen();
  initPrint();
  initOffline();
})();
