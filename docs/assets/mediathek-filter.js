/* Facet filters for the Mediathek list. Without JavaScript the page shows its page of entries, with
   plain links to the others; with it, filters combine over the whole collection, show counts and
   live in the URL (shareable, back button works).
   The pages carry only their own cards and the counts before any filter. The first filter loads
   the filter index (every entry's facets, mediathek-index/filter.json); the cards shown are built
   from the card texts of the listing pages they are on (mediathek-index/karten-<page>.json), a
   section's first STEP results at a time. The text filter uses Pagefind's full-text search (German
   stemming) and falls back to plain matching when the index cannot be loaded (e.g. a copy opened
   from disk: then the filters work on the cards of this page only). */
(function () {
  "use strict";
  var form = document.querySelector("[data-mt-filter]");
  var data = document.querySelector("[data-mt-filter-data]");
  if (!form || !data) return;
  var STEP = 20; // results shown per section, and added by its „Weitere …“ button
  var FACETS = ["typ", "thema", "schlagwort", "land", "jahr"];
  var MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
  var initialCounts = JSON.parse(data.getAttribute("data-counts"));
  var indexUrl = new URL(data.getAttribute("data-index"), window.location.href);
  var status = form.querySelector("[data-mt-filter-status]");
  var active = form.querySelector("[data-mt-filter-active]"); // „Filter (2 aktiv)“, the phone's one control
  var details = form.querySelector("[data-mt-filter-details]");
  var empty = document.querySelector("[data-mt-empty]");
  var pager = document.querySelector("[data-mt-pager]");
  var base = new URL(document.querySelector("[data-mt-search]").getAttribute("data-mt-base") + "/", window.location.href);
  var total = Object.keys(initialCounts.typ).reduce(function (sum, key) { return sum + initialCounts.typ[key]; }, 0);
  // This page as served: each section's cards, count and visibility, restored when no filter is set.
  var sections = Array.prototype.map.call(document.querySelectorAll("[data-mt-section]"), function (section) {
    var list = section.querySelector(".mt-cards");
    return {
      type: section.getAttribute("data-mt-section"),
      element: section,
      list: list,
      count: section.querySelector("[data-mt-section-count]"),
      cards: Array.prototype.slice.call(list.querySelectorAll("[data-mt-entry]")),
      servedCount: section.querySelector("[data-mt-section-count]").textContent,
      servedHidden: section.hidden,
      more: null
    };
  });
  var index = null; // promise of the filter index
  var entries = null; // its entries, or this page's cards when it cannot be loaded
  var fromPageOnly = false;
  var shards = {}; // listing page -> promise of its card texts
  var limits = {}; // section type -> results shown
  var textMatches = null; // null: no text filter; otherwise a Set of entry slugs
  var pagefind = null;
  var ticket = 0;
  var rendering = 0;
  form.hidden = false;
  // From 60em the fields stand open (mediathek.css, by ::details-content); a browser without it opens them here.
  if (!(window.CSS && CSS.supports("selector(::details-content)")) && window.matchMedia("(min-width: 60em)").matches) details.open = true;

  function number(n) { return n.toLocaleString("de-DE"); } // 5.000

  function state() {
    var result = {};
    FACETS.forEach(function (name) { result[name] = form.elements[name].value; });
    result.q = form.elements.q.value.trim();
    return result;
  }

  function showActive(current) {
    var n = FACETS.filter(function (name) { return current[name]; }).length + (current.q ? 1 : 0);
    active.textContent = n ? " (" + n + " aktiv)" : "";
    form.toggleAttribute("data-mt-active", n > 0);
  }

  function filtered(current) {
    return textMatches !== null || FACETS.some(function (name) { return current[name]; });
  }

  function loadIndex() {
    if (!index) {
      index = fetch(indexUrl.href).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (raw) {
        entries = raw.entries.map(function (row, position) {
          var date = new Date(row[5] * 86400000);
          return {
            slug: row[0],
            position: position,
            page: Math.floor(position / raw.pageSize) + 1,
            offset: position % raw.pageSize,
            date: date,
            type: raw.types[row[1]],
            land: row[4] >= 0 ? raw.lands[row[4]] : null,
            tags: row[3].map(function (i) { return raw.tags[i]; }),
            facets: {
              typ: [raw.types[row[1]][0]],
              thema: row[2].map(function (i) { return raw.topics[i][0]; }),
              schlagwort: row[3].map(function (i) { return raw.tags[i][0]; }),
              land: [row[4] >= 0 ? raw.lands[row[4]][0] : ""],
              jahr: [String(date.getUTCFullYear())]
            }
          };
        });
      }).catch(function () {
        fromPageOnly = true;
        entries = [];
        sections.forEach(function (section) {
          section.cards.forEach(function (card) {
            entries.push({
              slug: card.dataset.mtEntry,
              node: card,
              facets: {
                typ: [card.dataset.type],
                thema: card.dataset.topics.split(" "),
                schlagwort: card.dataset.tags.split(" "),
                land: [card.dataset.land],
                jahr: [card.dataset.year]
              }
            });
          });
        });
      });
    }
    return index;
  }

  function cardTexts(page) {
    if (!shards[page]) {
      shards[page] = fetch(new URL("karten-" + page + ".json", indexUrl).href).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    return shards[page];
  }

  function matches(entry, current, skip) {
    if (textMatches && !textMatches.has(entry.slug)) return false;
    return FACETS.every(function (name) {
      return name === skip || !current[name] || entry.facets[name].indexOf(current[name]) !== -1;
    });
  }

  function showCounts(counts) {
    FACETS.forEach(function (name) {
      Array.prototype.forEach.call(form.elements[name].options, function (option) {
        if (!option.dataset.label) option.dataset.label = option.textContent;
        if (option.value) option.textContent = option.dataset.label + " (" + (counts[name][option.value] || 0) + ")";
      });
    });
  }

  function countsFor(current) {
    var counts = {};
    FACETS.forEach(function (name) {
      var of = counts[name] = {};
      entries.forEach(function (entry) {
        if (!matches(entry, current, name)) return;
        entry.facets[name].forEach(function (value) { of[value] = (of[value] || 0) + 1; });
      });
    });
    return counts;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The card as the pages render it (card.html.j2), built from the index and the card texts.
  function card(entry, texts) {
    var iso = entry.date.toISOString().slice(0, 10);
    var article = element("article", {
      "class": "mt-card",
      "data-mt-entry": entry.slug,
      "data-type": entry.facets.typ[0],
      "data-topics": entry.facets.thema.join(" "),
      "data-tags": entry.facets.schlagwort.join(" "),
      "data-land": entry.facets.land[0],
      "data-year": entry.facets.jahr[0]
    });
    var heading = article.appendChild(element("h3", { "class": "mt-card__title" }));
    heading.appendChild(element("a", { href: new URL("mediathek/" + entry.slug + "/", base).pathname }, texts[0]));
    var meta = article.appendChild(element("p", { "class": "mt-card__meta" }));
    meta.appendChild(element("span", { "class": "mt-badge mt-badge--" + entry.type[0] }, texts[2] || entry.type[1]));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(element("time", { datetime: iso }, entry.date.getUTCDate() + ". " + MONTHS[entry.date.getUTCMonth()] + " " + entry.date.getUTCFullYear()));
    if (entry.land) meta.appendChild(document.createTextNode(" · " + entry.land[1]));
    article.appendChild(element("p", { "class": "mt-card__description" }, texts[1]));
    var tags = article.appendChild(element("ul", { "class": "mt-tags", "aria-label": "Schlagwörter" }));
    entry.tags.forEach(function (tag) {
      tags.appendChild(element("li")).appendChild(element("a", { "class": "md-tag", href: new URL("schlagwoerter/" + tag[0] + "/", base).pathname }, tag[1]));
    });
    return article;
  }

  function cardsFor(shown) {
    if (fromPageOnly) return Promise.resolve(shown.map(function (entry) { return entry.node; }));
    return Promise.all(shown.map(function (entry) {
      return cardTexts(entry.page).then(function (texts) { return card(entry, texts[entry.offset]); });
    }));
  }

  function showServed() {
    sections.forEach(function (section) {
      section.list.replaceChildren.apply(section.list, section.cards);
      section.cards.forEach(function (node) { node.hidden = false; });
      section.count.textContent = section.servedCount;
      section.element.hidden = section.servedHidden;
      if (section.more) section.more.hidden = true;
    });
    if (pager) pager.hidden = false;
    empty.hidden = true;
    status.textContent = number(total) + " Einträge";
    showCounts(initialCounts);
  }

  function moreButton(section) {
    if (!section.more) {
      section.more = element("p", { "class": "mt-more" });
      var button = section.more.appendChild(element("button", { type: "button", "class": "md-button" }));
      button.addEventListener("click", function () {
        var first = section.list.children.length;
        limits[section.type] = (limits[section.type] || STEP) + STEP;
        apply().then(function () {
          var next = section.list.children[first];
          if (next) next.querySelector("a").focus();
        });
      });
      section.element.appendChild(section.more);
    }
    return section.more;
  }

  // data-mt-busy: set while results are on their way (the index or card texts loading)
  function apply() {
    var current = state();
    var mine = ++rendering;
    form.setAttribute("data-mt-busy", "");
    showActive(current);
    if (!filtered(current)) { showServed(); form.removeAttribute("data-mt-busy"); return Promise.resolve(); }
    return loadIndex().then(function () {
      if (mine !== rendering) return;
      var found = entries.filter(function (entry) { return matches(entry, current, null); });
      var all = fromPageOnly ? entries.length : total;
      return Promise.all(sections.map(function (section) {
        var ofType = found.filter(function (entry) { return entry.facets.typ[0] === section.type; });
        var shown = ofType.slice(0, limits[section.type] || STEP);
        return cardsFor(shown).then(function (nodes) { return { section: section, nodes: nodes, count: ofType.length }; });
      })).then(function (results) {
        if (mine !== rendering) return;
        results.forEach(function (result) {
          var section = result.section;
          result.nodes.forEach(function (node) { node.hidden = false; });
          section.list.replaceChildren.apply(section.list, result.nodes);
          section.count.textContent = result.count;
          section.element.hidden = result.count === 0;
          var rest = result.count - result.nodes.length;
          if (rest > 0) {
            var more = moreButton(section);
            more.hidden = false;
            var next = Math.min(STEP, rest);
            more.firstChild.textContent = "Weitere " + next + (next === 1 ? " Eintrag" : " Einträge") + " zeigen (noch " + number(rest) + ")";
          } else if (section.more) {
            section.more.hidden = true;
          }
        });
        if (pager) pager.hidden = true;
        empty.hidden = found.length !== 0;
        status.textContent = found.length === all ? number(all) + " Einträge" : number(found.length) + " von " + number(all) + " Einträgen";
        showCounts(countsFor(current));
      });
    }).catch(function () {
      if (mine === rendering) status.textContent = "Die Filter konnten nicht geladen werden.";
    }).then(function () {
      if (mine === rendering) form.removeAttribute("data-mt-busy");
    });
  }

  function changed() {
    limits = {};
    return apply();
  }

  function plainTextMatches(query) {
    var needle = query.toLocaleLowerCase("de");
    return loadIndex().then(function () {
      return new Set(entries.filter(function (entry) {
        var text = entry.node ? entry.node.textContent : entry.slug.replace(/-/g, " ");
        return text.toLocaleLowerCase("de").indexOf(needle) !== -1;
      }).map(function (entry) { return entry.slug; }));
    });
  }

  function searchText(query) {
    var mine = ++ticket;
    if (!query) { textMatches = null; changed(); return; }
    if (!pagefind) pagefind = import(new URL("pagefind/pagefind.js", base).href);
    pagefind.then(function (module) { return module.search(query); }).then(function (search) {
      return Promise.all(search.results.map(function (r) { return r.data(); }));
    }).then(function (datas) {
      return new Set(datas.map(function (d) {
        var parts = new URL(d.url, window.location.href).pathname.split("/").filter(Boolean);
        return parts[parts.length - 1];
      }));
    }).catch(function () {
      return plainTextMatches(query);
    }).then(function (found) {
      if (mine !== ticket) return;
      textMatches = found;
      changed();
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
    FACETS.forEach(function (name) { if (current[name]) params.set(name, current[name]); });
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
    FACETS.forEach(function (name) {
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
    changed();
    toUrl(true);
  });
  form.elements.q.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { searchText(form.elements.q.value.trim()); toUrl(false); }, 200);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { ticket += 1; textMatches = null; changed(); toUrl(true); }, 0);
  });
  window.addEventListener("popstate", fromUrl);
  fromUrl();
})();
