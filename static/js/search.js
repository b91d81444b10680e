/* Core Group Guide: search in the reader's language, results as they type. A classic script
 * (works from file://), loaded by search-box.js after MiniSearch and <lang>/search/search-index.js.
 * No eval; text is only ever inserted as text. In Node it exports its pure parts (tests, bench). */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else api.start(root.document, root.MiniSearch, root.coreGroupSearchIndex);
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var MAX_QUERY = 200; // characters read from the box; a pasted page is cut here
  var MIN_QUERY = 2; // letters before searching: one letter would match nearly everything
  var SNIPPET = 70; // characters of context either side of the first match
  var SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u; // marks stay inside words: Indic clusters never split
  var JOINERS = /[\u200c\u200d\u00ad]/g; // zero-width (non-)joiners and soft hyphens
  var LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu; // accents on Latin letters only, not Indic vowels
  var ARABIC_MARKS = /[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g; // harakat, hamza/madda marks, tatweel
  var LETTER_FORMS = {
    // alef maksura, Persian/Urdu yeh -> yeh; keheh -> kaf; teh marbuta, Urdu hehs -> heh; alef wasla
    "\u0649": "\u064a",
    "\u06cc": "\u064a",
    "\u06d0": "\u064a",
    "\u06a9": "\u0643",
    "\u06aa": "\u0643",
    "\u0629": "\u0647",
    "\u06c1": "\u0647",
    "\u06be": "\u0647",
    "\u06d5": "\u0647",
    "\u0671": "\u0627",
    "\u0142": "l", // Polish l with stroke has no decomposition
    "\u00df": "ss",
    "\u00f8": "o",
    "\u00e6": "ae",
    "\u0153": "oe",
  };
  var FORMS = new RegExp("[" + Object.keys(LETTER_FORMS).join("") + "]", "g");
  // Digits of the site's scripts, read as 0-9: Arabic-Indic, Eastern (Urdu), Bengali, Gurmukhi, Gujarati.
  var DIGIT_ZEROS = [0x660, 0x6f0, 0x9e6, 0xa66, 0xae6];
  var ARABIC_ARTICLE = /^(?:[\u0648\u0641\u0628\u0643]?\u0627\u0644|\u0644\u0644)(.{2,})$/; // al-, wal-, bil-, lil-...
  var LATIN = /\p{Script=Latin}/u;

  function foldDigits(text) {
    return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef]/g, function (digit) {
      var code = digit.charCodeAt(0);
      for (var i = 0; i < DIGIT_ZEROS.length; i++) {
        var offset = code - DIGIT_ZEROS[i];
        if (offset >= 0 && offset <= 9) return String(offset);
      }
      return digit;
    });
  }

  /** One word as the index keeps it: lower case, accents and letter variants folded. */
  function normalise(word) {
    var text = String(word).normalize("NFD").toLowerCase();
    text = text.replace(JOINERS, "").replace(LATIN_MARKS, "$1").replace(ARABIC_MARKS, "");
    text = text.replace(FORMS, function (letter) {
      return LETTER_FORMS[letter];
    });
    return foldDigits(text).normalize("NFC");
  }

  /** The words of a text, cut at spaces and punctuation (never inside a letter and its marks). */
  function tokenise(text) {
    return String(text)
      .replace(JOINERS, "")
      .split(SEPARATORS)
      .filter(function (word) {
        return word.length > 0;
      });
  }

  // Indexed words: Arabic words with the article are also kept without it ("the conference" finds "conference").
  function indexTerm(word) {
    var term = normalise(word);
    if (!term) return null;
    var bare = ARABIC_ARTICLE.exec(term);
    return bare ? [term, bare[1]] : term;
  }

  // Searched words: the bare form, which matches both.
  function queryTerm(word) {
    var term = normalise(word);
    if (!term) return null;
    var bare = ARABIC_ARTICLE.exec(term);
    return bare ? bare[1] : term;
  }

  /** A MiniSearch index over the sections of one language's index data. */
  function createIndex(MiniSearch, data) {
    var index = new MiniSearch({
      fields: ["title", "heading", "text"],
      idField: "id",
      tokenize: tokenise,
      processTerm: indexTerm,
      searchOptions: {
        boost: { title: 3, heading: 2 },
        processTerm: queryTerm,
        prefix: function (term) {
          return term.length >= MIN_QUERY;
        },
      },
    });
    index.addAll(
      data.sections.map(function (section, id) {
        return { id: id, title: data.pages[section[0]][1], heading: section[2], text: section[3] };
      })
    );
    return index;
  }

  // Typo tolerance where it helps (Latin letters): one slip in a word of 5 letters or more.
  function typos(term) {
    return term.length >= 5 && LATIN.test(term) ? 1 : false;
  }

  /** The reader's query, cleaned: at most MAX_QUERY characters, "" when there is nothing to search. */
  function cleanQuery(query) {
    var words = tokenise(String(query || "").slice(0, MAX_QUERY));
    var letters = words.map(normalise).join("");
    return Array.from(letters).length >= MIN_QUERY ? words.join(" ") : "";
  }

  /** Results, best first: each {page, section, terms}. Every word must match, else any word. */
  function search(index, data, query, limit) {
    var cleaned = cleanQuery(query);
    if (!cleaned) return [];
    // Cheapest first: exact words and prefixes; typos only when nothing else is found.
    var found = index.search(cleaned, { combineWith: "AND" });
    if (!found.length) found = index.search(cleaned, { combineWith: "AND", fuzzy: typos });
    if (!found.length) found = index.search(cleaned, { combineWith: "OR", fuzzy: typos });
    return found.slice(0, limit || 20).map(function (result) {
      var section = data.sections[result.id];
      var page = data.pages[section[0]];
      return {
        url: page[0] + (section[1] ? "#" + section[1] : ""),
        title: page[1],
        lang: page[2],
        heading: section[2],
        text: section[3],
        terms: result.terms,
      };
    });
  }

  /** A short part of `text` around the first matched word, as [{text, mark}] parts. */
  function snippet(text, terms) {
    var wanted = {};
    terms.forEach(function (term) {
      wanted[term] = true;
    });
    var words = /[\p{L}\p{M}\p{N}\u200c\u200d\u00ad]+/gu;
    var marks = [];
    var match;
    while ((match = words.exec(text))) {
      if (marks.length && match.index > marks[0][1] + SNIPPET * 2) break; // past the snippet
      var term = indexTerm(match[0]);
      var forms = Array.isArray(term) ? term : [term];
      if (forms.some(function (form) { return wanted[form]; })) {
        marks.push([match.index, match.index + match[0].length]);
      }
    }
    var start = marks.length ? Math.max(0, marks[0][0] - SNIPPET) : 0;
    var end = Math.min(text.length, (marks.length ? marks[0][1] : 0) + SNIPPET * 2);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    var parts = [];
    var at = start;
    marks.forEach(function (mark) {
      if (mark[0] < at || mark[1] > end) return;
      if (mark[0] > at) parts.push({ text: text.slice(at, mark[0]), mark: false });
      parts.push({ text: text.slice(mark[0], mark[1]), mark: true });
      at = mark[1];
    });
    if (at < end) parts.push({ text: text.slice(at, end), mark: false });
    if (start > 0) parts.unshift({ text: "… ", mark: false });
    if (end < text.length) parts.push({ text: " …", mark: false });
    return parts;
  }

  // ------------------------------------------------------------------ the page

  function element(doc, tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function queryFromAddress(win) {
    var match = /[?&]q=([^&]*)/.exec(win.location.search || "");
    if (!match) return "";
    try {
      return decodeURIComponent(match[1].replace(/\+/g, " "));
    } catch (error) {
      return "";
    }
  }

  function start(doc, MiniSearch, data) {
    if (!doc || !MiniSearch || !data) return;
    var win = doc.defaultView;
    // Built now, while the reader is still reaching for the keyboard, so a keystroke only searches.
    var index = createIndex(MiniSearch, data);
    Array.prototype.forEach.call(doc.querySelectorAll("[data-search]"), function (box) {
      var input = box.querySelector("input[name=q]");
      var results = box.querySelector("[data-search-results]");
      var status = box.querySelector("[data-search-status]");
      var none = box.querySelector("[data-search-none]");
      var isPage = box.hasAttribute("data-search-page");
      var rootUrl = (box.getAttribute("data-search-root") || "").replace(/index\.html$/, "");
      var statusTimer = 0;
      if (!input || !results || !status) return;

      function say(text) {
        win.clearTimeout(statusTimer);
        // Announced once the reader pauses, not after every letter.
        statusTimer = win.setTimeout(function () {
          status.textContent = text;
        }, 400);
      }

      function show(query) {
        results.textContent = "";
        if (none) none.hidden = true;
        if (!String(query).trim()) {
          say("");
          return;
        }
        var letters = tokenise(String(query).slice(0, MAX_QUERY)).length > 0;
        if (letters && !cleanQuery(query)) {
          say(box.getAttribute("data-search-short") || "");
          return;
        }
        var found = letters ? search(index, data, query, isPage ? 20 : 8) : [];
        if (!found.length) {
          if (none) none.hidden = false;
          say(none ? none.textContent.replace(/\s+/g, " ").trim() : "");
          return;
        }
        var list = element(doc, "ol", "search-results");
        found.forEach(function (result) {
          var item = element(doc, "li");
          var link = element(doc, "a");
          link.href = rootUrl + result.url;
          link.appendChild(element(doc, "span", "search-result-title", result.title));
          if (result.heading && result.heading !== result.title) {
            link.appendChild(doc.createTextNode(" ")); // read as one phrase, shown on two lines
            link.appendChild(element(doc, "span", "search-result-heading", result.heading));
          }
          var text = element(doc, "p", "search-snippet");
          snippet(result.text, result.terms).forEach(function (part) {
            text.appendChild(part.mark ? element(doc, "mark", "", part.text) : doc.createTextNode(part.text));
          });
          if (result.lang) {
            link.lang = text.lang = result.lang;
            link.dir = text.dir = "ltr";
          }
          item.appendChild(link);
          if (result.lang) item.appendChild(element(doc, "span", "in-english", box.getAttribute("data-search-in-english")));
          item.appendChild(text);
          list.appendChild(item);
        });
        results.appendChild(list);
        say((box.getAttribute("data-search-count") || "{count}").replace("{count}", String(found.length)));
      }

      input.addEventListener("input", function () {
        show(input.value);
      });
      input.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && input.value) {
          input.value = "";
          show("");
        }
      });
      if (isPage) {
        box.querySelector("form").addEventListener("submit", function (event) {
          event.preventDefault();
          show(input.value);
          try {
            win.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
          } catch (error) {
            // Some browsers refuse this on file:// pages; the results are shown all the same.
          }
        });
        if (!input.value) input.value = queryFromAddress(win);
      }
      if (input.value) show(input.value);
    });
  }

  return {
    normalise: normalise,
    tokenise: tokenise,
    cleanQuery: cleanQuery,
    createIndex: createIndex,
    search: search,
    snippet: snippet,
    start: start,
  };
});
