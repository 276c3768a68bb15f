/* Facet filters for the Mediathek list. Without JavaScript the page shows every entry; with it,
   filters combine, show counts and live in the URL (shareable, back button works).
   The text filter uses Pagefind's full-text search (German stemming) and falls back to plain
   matching when the index cannot be loaded (e.g. a copy opened from disk). */
(function () {
  "use strict";
  var form = document.querySelector("[data-mt-filter]");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll("[data-mt-entry]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-mt-section]"));
  var status = form.querySelector("[data-mt-filter-status]");
  var empty = document.querySelector("[data-mt-empty]");
  var base = new URL(document.querySelector("[data-mt-search]").getAttribute("data-mt-base") + "/", window.location.href);
  var FACETS = {
    typ: function (card) { return [card.dataset.type]; },
    thema: function (card) { return card.dataset.topics.split(" "); },
    schlagwort: function (card) { return card.dataset.tags.split(" "); },
    land: function (card) { return [card.dataset.land]; },
    jahr: function (card) { return [card.dataset.year]; }
  };
  var textMatches = null; // null: no text filter; otherwise a Set of entry slugs
  var pagefind = null;
  var ticket = 0;
  form.hidden = false;

  function state() {
    var result = {};
    Object.keys(FACETS).forEach(function (name) { result[name] = form.elements[name].value; });
    result.q = form.elements.q.value.trim();
    return result;
  }

  function matches(card, current, skip) {
    if (textMatches && !textMatches.has(card.dataset.mtEntry)) return false;
    return Object.keys(FACETS).every(function (name) {
      return name === skip || !current[name] || FACETS[name](card).indexOf(current[name]) !== -1;
    });
  }

  function updateCounts(current) {
    Object.keys(FACETS).forEach(function (name) {
      var select = form.elements[name];
      var counts = {};
      cards.forEach(function (card) {
        if (!matches(card, current, name)) return;
        FACETS[name](card).forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
      });
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.dataset.label) option.dataset.label = option.textContent;
        if (option.value) option.textContent = option.dataset.label + " (" + (counts[option.value] || 0) + ")";
      });
    });
  }

  function apply() {
    var current = state();
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, current, null);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    sections.forEach(function (section) {
      var visible = section.querySelectorAll("[data-mt-entry]:not([hidden])").length;
      section.hidden = visible === 0;
      section.querySelector("[data-mt-section-count]").textContent = visible;
    });
    empty.hidden = shown !== 0;
    status.textContent = shown === cards.length ? cards.length + " Einträge" : shown + " von " + cards.length + " Einträgen";
    updateCounts(current);
  }

  function plainTextMatches(query) {
    var needle = query.toLocaleLowerCase("de");
    return new Set(cards.filter(function (card) {
      return card.textContent.toLocaleLowerCase("de").indexOf(needle) !== -1;
    }).map(function (card) { return card.dataset.mtEntry; }));
  }

  function searchText(query) {
    var mine = ++ticket;
    if (!query) { textMatches = null; apply(); return; }
    if (!pagefind) pagefind = import(new URL("pagefind/pagefind.js", base).href);
    pagefind.then(function (module) { return module.search(query); }).then(function (search) {
      return Promise.all(search.results.map(function (r) { return r.data(); }));
    }).then(function (datas) {
      if (mine !== ticket) return;
      textMatches = new Set(datas.map(function (d) {
        var parts = new URL(d.url, window.location.href).pathname.split("/").filter(Boolean);
        return parts[parts.length - 1];
      }));
      apply();
    }).catch(function () {
      if (mine !== ticket) return;
      textMatches = plainTextMatches(query);
      apply();
    });
  }

  // Facets live in the query string; the typed text in the fragment (#q=…), which the browser never
  // sends to the server, so a query does not reach the host's logs on a reload or a shared link.
  function textInHash() {
    return /^#q=/.test(window.location.hash) ? new URLSearchParams(window.location.hash.slice(1)).get("q") || "" : null;
  }

  function toUrl(push) {
    var params = new URLSearchParams();
    var current = state();
    Object.keys(FACETS).forEach(function (name) { if (current[name]) params.set(name, current[name]); });
    var query = params.toString();
    var hash = current.q ? "#" + new URLSearchParams({ q: current.q }).toString() : (textInHash() === null ? window.location.hash : "");
    var url = window.location.pathname + (query ? "?" + query : "") + hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    var text = textInHash();
    Object.keys(FACETS).forEach(function (name) {
      var value = params.get(name) || "";
      var field = form.elements[name];
      if (!Array.prototype.some.call(field.options, function (o) { return o.value === value; })) value = "";
      field.value = value;
    });
    // An old link with ?q=… is read once and rewritten to #q=…; a plain anchor (#abschnitt) keeps the text.
    if (text !== null) form.elements.q.value = text;
    else if (params.has("q")) form.elements.q.value = params.get("q");
    else if (!window.location.hash) form.elements.q.value = "";
    searchText(form.elements.q.value.trim());
    if (params.has("q")) toUrl(false);
  }

  var typing = null;
  form.addEventListener("change", function (event) {
    if (event.target.name === "q") return;
    apply();
    toUrl(true);
  });
  form.elements.q.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { searchText(form.elements.q.value.trim()); toUrl(false); }, 200);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { textMatches = null; apply(); toUrl(true); }, 0);
  });
  window.addEventListener("popstate", fromUrl);
  fromUrl();
})();
