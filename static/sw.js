/* Core Group Guide's service worker: keeps the pages and leaflets of each language the reader
 * opens, the calculator and its scripts on the phone, so the guide still opens without a signal.
 *
 * Served from the site's root as sw.js (a worker controls only its own folder and below),
 * with `self.SITE` written above this line by the build:
 *   { version, shell: [paths], languages: { code: [paths] } }
 * Paths are relative to the root, because the site may be published under any address.
 * site.js registers it only on http(s) pages, never on pages opened from disk.
 *
 * Pages: network first, so readers get the latest wording, with the stored copy when offline;
 * a page never stored sends the reader to the offline page of their language.
 * Styles, scripts, icons: the stored copy first; a new site version brings a new cache.
 */
/* global SITE */
"use strict";

var PREFIX = "core-group-guide-";
var CACHE = PREFIX + SITE.version;
var SCOPE = self.registration.scope;

function absolute(path) {
  return new URL(path, SCOPE).href;
}

// A page's stored copy is under its .../index.html address, however it was asked for.
function pageKey(url) {
  var clean = new URL(url);
  clean.search = "";
  clean.hash = "";
  if (clean.pathname.slice(-1) === "/") clean.pathname += "index.html";
  return clean.href;
}

function languageOf(url) {
  if (!url || url.indexOf(SCOPE) !== 0) return null;
  var code = url.slice(SCOPE.length).split("/")[0];
  return Object.prototype.hasOwnProperty.call(SITE.languages, code) ? code : null;
}

// Fetch and store what is not stored yet, a few at a time (cheap phones, slow networks).
function store(cache, paths) {
  var queue = paths.map(absolute);
  function worker() {
    var url = queue.shift();
    if (!url) return Promise.resolve();
    return cache
      .match(url)
      .then(function (found) {
        if (found) return null;
        return fetch(url, { cache: "no-cache" }).then(function (response) {
          if (response.ok) return cache.put(url, response);
          return null;
        });
      })
      .catch(function () {
        return null; // one missing file must not stop the rest
      })
      .then(worker);
  }
  return Promise.all([worker(), worker(), worker()]);
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return store(cache, SITE.shell);
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (key) {
              return key.indexOf(PREFIX) === 0 && key !== CACHE;
            })
            .map(function (key) {
              return caches.delete(key);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

// A page says "I am being read": keep every page of its language.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "cache-language") return;
  var code = languageOf(event.source && event.source.url) || languageOf(data.url);
  if (!code) return;
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return store(cache, SITE.languages[code]).then(function () {
        if (event.source) event.source.postMessage({ type: "language-cached", language: code });
      });
    })
  );
});

function isPage(request) {
  return request.mode === "navigate" || (request.headers.get("Accept") || "").indexOf("text/html") !== -1;
}

function networkFirst(request) {
  var key = pageKey(request.url);
  return fetch(request)
    .then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.ok && type.indexOf("text/html") === 0) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) {
          return cache.put(key, copy);
        });
      }
      return response;
    })
    .catch(function () {
      return caches.match(key).then(function (found) {
        return found || (request.mode === "navigate" ? offlinePage(request.url) : Response.error());
      });
    });
}

// The offline page in the language of the address asked for, else of the reader's open pages
// (most recently used first), else any language stored. A redirect, so that its links work.
function offlinePage(url) {
  return self.clients
    .matchAll({ type: "window" })
    .then(function (windows) {
      var codes = [url].concat(windows.map(function (client) { return client.url; })).map(languageOf);
      codes = codes.concat(Object.keys(SITE.languages));
      return codes.reduce(function (previous, code) {
        return previous.then(function (response) {
          if (response || !code) return response;
          var address = absolute(code + "/offline.html");
          return caches.match(address).then(function (stored) {
            return stored ? Response.redirect(address, 302) : null;
          });
        });
      }, Promise.resolve(null));
    })
    .then(function (response) {
      return response || Response.error();
    });
}

function cacheFirst(request) {
  return caches.match(request, { ignoreSearch: true }).then(function (found) {
    return found || fetch(request);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  event.respondWith(isPage(request) ? networkFirst(request) : cacheFirst(request));
});
