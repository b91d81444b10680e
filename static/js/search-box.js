/* Core Group Guide: loads search only when it is wanted (the reader focuses a search box, or
 * opens the search page): MiniSearch, this language's index, then search.js, in that order.
 * Classic scripts added to the page, so it works from file:// and under the pages' CSP.
 * Without JavaScript the box is a plain form that opens the search page.
 */
(function () {
  "use strict";

  var doc = document;
  var loaded = false;
  var boxes = doc.querySelectorAll("[data-search]");

  function load() {
    if (loaded) return;
    loaded = true;
    var box = boxes[0];
    ["data-search-library", "data-search-index", "data-search-script"].forEach(function (name) {
      var script = doc.createElement("script");
      script.src = box.getAttribute(name);
      script.async = false; // run in the order added
      doc.head.appendChild(script);
    });
  }

  Array.prototype.forEach.call(boxes, function (box) {
    if (box.hasAttribute("data-search-page")) load();
    var input = box.querySelector("input[name=q]");
    if (input) input.addEventListener("focus", load);
  });
})();
