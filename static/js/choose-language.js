// On the language chooser, point out the language the browser prefers. Never redirects:
// the reader always chooses.
(function () {
  "use strict";
  var list = document.getElementById("language-list");
  if (!list || !navigator.languages) return;
  var links = list.querySelectorAll("a[hreflang]");
  for (var i = 0; i < navigator.languages.length; i++) {
    var wanted = navigator.languages[i].toLowerCase().split("-")[0];
    for (var j = 0; j < links.length; j++) {
      if (links[j].getAttribute("hreflang") === wanted && wanted !== "en") {
        links[j].classList.add("suggested");
        list.insertBefore(links[j].parentNode, list.firstChild);
        return;
      }
    }
  }
})();
