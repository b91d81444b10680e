// The browser search (static/js/search.js) under Node: normalisation for each of the site's
// scripts, tokenising, prefix and typo matching, snippets and hostile queries.
// Run with: node --test tests/js/
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";

const require = createRequire(import.meta.url);
const MiniSearch = require("../../static/vendor/minisearch/minisearch.min.js");
const search = require("../../static/js/search.js");

const DATA = {
  lang: "en",
  pages: [
    ["transitions/index.html", "Transitions and handover", ""],
    ["plan/index.html", "خطة حماية الطفل", ""],
    ["ur/index.html", "بچوں کے تحفظ کا منصوبہ", ""],
    ["bn/index.html", "শিশু সুরক্ষা পরিকল্পনা", ""],
    ["pa/index.html", "ਬਾਲ ਸੁਰੱਖਿਆ ਯੋਜਨਾ", ""],
    ["pl/index.html", "Plan ochrony dziecka", ""],
    ["glossary/index.html", "Word list", ""],
    ["gu/index.html", "બાળ સુરક્ષા યોજના", "en"],
  ],
  sections: [
    [0, "chronologies", "Chronologies", "Record significant incidents in a chronology before handover."],
    [1, "conference", "المؤتمر", "يُعقد المؤتمرُ بعد ٣ أسابيع. إنّ الأُسرة مدعوّة."],
    [2, "meeting", "میٹنگ", "کانفرنس کے بعد پہلی میٹنگ ۱۰ دن میں ہوتی ہے۔ یہ کارکن کی ذمہ داری ہے۔"],
    [3, "meeting", "সভা", "সম্মেলনের পরে প্রথম সভা ১০ দিনের মধ্যে হয়।"],
    [4, "meeting", "ਮੀਟਿੰਗ", "ਕਾਨਫ਼ਰੰਸ ਤੋਂ ਬਾਅਦ ਪਹਿਲੀ ਮੀਟਿੰਗ ੧੦ ਦਿਨਾਂ ਵਿੱਚ ਹੁੰਦੀ ਹੈ।"],
    [5, "spotkanie", "Pierwsze spotkanie", "Pierwsze spotkanie grupy odbywa się w ciągu 10 dni roboczych. Żółć."],
    [6, "advocate", "Advocate", "Someone who helps you say what you think."],
    [7, "", "", "પરિષદ પછી પહેલી બેઠક ૧૦ દિવસમાં થાય છે."],
  ],
};

const index = search.createIndex(MiniSearch, DATA);
const urls = (query) => search.search(index, DATA, query).map((result) => result.url);

describe("normalise", () => {
  test("Latin: case and accents folded, Polish ł too", () => {
    assert.equal(search.normalise("ŻÓŁĆ Żółć"), "zolc zolc");
    assert.equal(search.normalise("ăîșțâ"), "aista");
    assert.equal(search.normalise("Ñandú Çà"), "nandu ca");
  });
  test("Arabic: hamza and alef forms, tatweel, diacritics, alef maksura, teh marbuta", () => {
    assert.equal(search.normalise("أإآٱ"), "اااا");
    assert.equal(search.normalise("المـــؤتمرُ"), "الموتمر");
    assert.equal(search.normalise("مُسْتَشْفَى"), "مستشفي");
    assert.equal(search.normalise("الأسرة"), search.normalise("الاسره"));
  });
  test("Urdu and Persian letters read as Arabic ones: yeh, kaf, heh", () => {
    assert.equal(search.normalise("ی"), search.normalise("ي"));
    assert.equal(search.normalise("ک"), search.normalise("ك"));
    assert.equal(search.normalise("ذمہ"), search.normalise("ذمه"));
  });
  test("Eastern digits read as 0-9", () => {
    assert.equal(search.normalise("٣ ۱۰ ১০ ੧੦ ૧૦"), "3 10 10 10 10");
  });
  test("Indic vowel signs and viramas are kept (they are part of the letter)", () => {
    assert.equal(search.normalise("সুরক্ষা"), "সুরক্ষা");
    assert.equal(search.normalise("ਸੁਰੱਖਿਆ"), "ਸੁਰੱਖਿਆ");
    assert.equal(search.normalise("સુરક્ષા"), "સુરક્ષા");
  });
  test("Indic nukta letters match in composed and decomposed form; joiners vanish", () => {
    assert.equal(search.normalise("ਫ਼"), search.normalise("ਫ\u0a3c"));
    assert.equal(search.normalise("ক্\u200dষ"), search.normalise("ক্ষ"));
  });
});

describe("tokenise", () => {
  test("never splits inside an Indic cluster", () => {
    assert.deepEqual(search.tokenise("শিশু সুরক্ষা, পরিকল্পনা।"), ["শিশু", "সুরক্ষা", "পরিকল্পনা"]);
    assert.deepEqual(search.tokenise("ਬਾਲ ਸੁਰੱਖਿਆ"), ["ਬਾਲ", "ਸੁਰੱਖਿਆ"]);
    assert.deepEqual(search.tokenise("બાળ સુરક્ષા"), ["બાળ", "સુરક્ષા"]);
  });
  test("Arabic punctuation separates words", () => {
    assert.deepEqual(search.tokenise("المؤتمر، الأسرة؛ الطفل؟"), ["المؤتمر", "الأسرة", "الطفل"]);
  });
});

describe("search", () => {
  test("a word finds its section, linked to the heading's anchor", () => {
    assert.deepEqual(urls("chronology"), ["transitions/index.html#chronologies"]);
  });
  test("prefix while typing", () => {
    assert.deepEqual(urls("chron"), ["transitions/index.html#chronologies"]);
    assert.deepEqual(urls("spotk"), ["pl/index.html#spotkanie"]);
  });
  test("typo tolerance for Latin words", () => {
    assert.deepEqual(urls("advocat"), ["glossary/index.html#advocate"]);
    assert.deepEqual(urls("chronolgy"), ["transitions/index.html#chronologies"]);
    assert.deepEqual(urls("advokate"), ["glossary/index.html#advocate"]);
  });
  test("accents are optional", () => {
    assert.deepEqual(urls("zolc"), ["pl/index.html#spotkanie"]);
    assert.deepEqual(urls("ciagu"), ["pl/index.html#spotkanie"]);
  });
  test("Arabic with or without the article, hamza or diacritics", () => {
    assert.deepEqual(urls("مؤتمر"), ["plan/index.html#conference"]);
    assert.deepEqual(urls("الموتمر"), ["plan/index.html#conference"]);
    assert.deepEqual(urls("الاسرة"), ["plan/index.html#conference"]);
  });
  test("Urdu typed with Arabic letters, and Eastern digits", () => {
    assert.deepEqual(urls("ذمه"), ["ur/index.html#meeting"]);
    assert.deepEqual(urls("كانفرنس"), ["ur/index.html#meeting"]);
    assert.ok(urls("10").includes("ur/index.html#meeting"));
  });
  test("Bengali, Punjabi and Gujarati words and prefixes", () => {
    assert.deepEqual(urls("সম্মেলনের"), ["bn/index.html#meeting"]);
    assert.deepEqual(urls("সম্মে"), ["bn/index.html#meeting"]);
    assert.deepEqual(urls("ਕਾਨਫ਼ਰੰਸ"), ["pa/index.html#meeting"]);
    assert.deepEqual(urls("બેઠક"), ["gu/index.html"]);
  });
  test("English results of another language keep their language", () => {
    assert.equal(search.search(index, DATA, "બેઠક")[0].lang, "en");
  });
  test("mixed scripts: every word when possible, else any word", () => {
    assert.deepEqual(urls("chronology সভা").sort(), ["bn/index.html#meeting", "transitions/index.html#chronologies"]);
  });
  test("bad input finds nothing and throws nothing", () => {
    const long = "chronology ".repeat(100).slice(0, 1000);
    for (const query of ["", " ", "c", "ক", "!!!", "?!،؟", "<script>", "\"'><img>", "<script>alert(1)</script>", "a".repeat(1000)]) {
      assert.doesNotThrow(() => search.search(index, DATA, query));
    }
    assert.deepEqual(urls(""), []);
    assert.deepEqual(urls("c"), []);
    assert.deepEqual(urls("!!!"), []);
    assert.deepEqual(urls("\"'><img>"), []);
    assert.equal(search.cleanQuery("a".repeat(1000)).length, 200);
    assert.deepEqual(urls(long), ["transitions/index.html#chronologies"]);
  });
});

describe("snippet", () => {
  test("marks the matched words, as text parts", () => {
    const [result] = search.search(index, DATA, "chronology");
    const parts = search.snippet(result.text, result.terms);
    assert.deepEqual(
      parts.filter((part) => part.mark).map((part) => part.text),
      ["chronology"]
    );
    assert.equal(parts.map((part) => part.text).join(""), result.text);
  });
  test("marks Arabic words however they were written", () => {
    const [result] = search.search(index, DATA, "الموتمر");
    const marked = search.snippet(result.text, result.terms).filter((part) => part.mark);
    assert.deepEqual(marked.map((part) => part.text), ["المؤتمرُ"]);
  });
  test("long texts are cut around the first match", () => {
    const text = "word ".repeat(100) + "target " + "word ".repeat(100);
    const parts = search.snippet(text, ["target"]);
    const joined = parts.map((part) => part.text).join("");
    assert.ok(joined.length < 260 && joined.startsWith("… ") && joined.endsWith(" …"));
    assert.ok(parts.some((part) => part.mark && part.text === "target"));
  });
});
