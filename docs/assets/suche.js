/* Site search with Pagefind, in Material's search layout.
   Pagefind is loaded on first use only; it fetches just the index chunks a query needs.
   What the search knows beyond the pages' text comes from the vocabulary in projects/ at build time
   (scripts/mediathek/catalog/searchwords.py): entries carry their tags' synonyms and search words as
   metadata, and suche.json names the overview pages Pagefind does not index (Glossar, Leitfaden für Autor*innen …). */
(function () {
  "use strict";
  var root = document.querySelector("[data-mt-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector("[data-mt-search-input]");
  var list = root.querySelector("[data-mt-search-list]");
  var meta = root.querySelector("[data-mt-search-meta]");
  var opener = document.querySelector("[data-mt-search-open]");
  var narrow = root.querySelector("[data-mt-search-narrow]");
  var base = new URL(root.getAttribute("data-mt-base") + "/", window.location.href);
  var pagefind = null;
  var latest = 0;
  var MAX_RESULTS = 10;
  var MAX_PAGES = 2; // overview pages shown above the entries
  var ENOUGH = 3; // fewer results with every word: add those with some of the words
  // Words that say nothing about a topic (folded as words() folds them); Pagefind would demand them on every result.
  var STOPWORDS = ("aber alle als also am an auf aus bei beim bin bis da das dass dem den der des die doch ein eine einem einen " +
    "einer eines es fuer gibt hat ich ihr im in ist kann kein keine keiner man mit nach nicht noch nur ob oder ohne sich sie " +
    "so ueber um und uns von vom vor was welche wenn wer wie wir wird zu zum zur zwischen").split(" ");
  var extra = null; // suche.json: overview pages and the vocabulary's words

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ excerptLength: 24 }).then(function () { return module; });
      });
      extra = fetch(new URL("suche.json", base).href).then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (data) { return { pages: data.pages || [], words: (data.words || []).map(fold) }; },
          function () { return { pages: [], words: [] }; });
    }
    return pagefind;
  }

  function words(text) {
    return text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
      .replace(/[*:](?=innen|in\b)/g, "").split(/[^a-z0-9]+/).filter(Boolean);
  }

  function fold(text) { return words(text).join(""); }

  // Optimal string alignment distance: a swapped pair of letters counts as one edit.
  function distance(a, b) {
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) { d[i] = [i]; }
    for (j = 0; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  // Pagefind has no fuzzy matching. A query that finds little is compared with the vocabulary's words:
  // a word that begins none of them and is one edit (two from eight letters) away from one of them,
  // or from its beginning, is read as that. Returns the corrected query, or null.
  function corrected(query, known) {
    var changed = false;
    var terms = significant(query).map(function (term) {
      var folded = fold(term), best = null, limit = folded.length >= 8 ? 2 : 1;
      if (folded.length < 5 || known.some(function (w) { return w.indexOf(folded) === 0; })) return term;
      known.forEach(function (word) {
        // The word or its beginning: a typo in the first part of a compound („Konfikt“ -> „konflikt“).
        for (var n = folded.length - 1; n <= folded.length + 1; n++) {
          var w = word.slice(0, n);
          if (w.length < 5) continue;
          var d = distance(folded, w);
          if (d <= limit) { limit = d - 1; best = w; }
        }
      });
      if (best === null) return term;
      changed = true;
      return best;
    });
    return changed ? terms.join(" ") : null;
  }

  // The query's words as typed (Pagefind ranks exact umlauts higher), without stopwords.
  function significant(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}*:-]+/u).filter(function (w) {
      var folded = words(w).join("");
      return folded.length > 2 && STOPWORDS.indexOf(folded) < 0;
    });
  }

  // An overview page matches when every significant word of the query begins a word of its title,
  // description or address, or stands inside its title (the later part of a compound: „Leitfaden“).
  // The address keeps an old name findable: „Autorenleitfaden“ for the „Leitfaden für Autor*innen“.
  function matchingPages(query, all) {
    var terms = significant(query).map(fold);
    if (!terms.length) return [];
    return all.filter(function (page) {
      var title = words(page.title).join(" ");
      var text = words(page.title + " " + page.description + " " + page.url.replace(/[\/-]/g, " "));
      return terms.every(function (term) {
        return title.indexOf(term) >= 0 || text.some(function (w) { return w.indexOf(term) === 0; });
      });
    }).slice(0, MAX_PAGES).map(function (page) {
      return { url: new URL(page.url, base).href, meta: { title: page.title, typ: "Seite" }, excerpt: escapeText(page.description) };
    });
  }

  // Pagefind returns the pages holding every word of the query. A reader's phrase („Ärger mit
  // Partnern“) rarely stands on one page: then the pages with some of its words follow, those with
  // more of the words first, then by the sum of their scores for each word.
  function withSomeWords(module, query, found) {
    var terms = significant(query);
    if (found.length >= ENOUGH || terms.length < 2) return found;
    return Promise.all(terms.map(function (term) { return module.search(term); })).then(function (searches) {
      var seen = {}, merged = [];
      found.forEach(function (r) { seen[r.id] = true; });
      searches.forEach(function (search) {
        (search ? search.results : []).forEach(function (r) {
          if (seen[r.id] === true) return;
          if (!seen[r.id]) { seen[r.id] = { result: r, words: 0, score: 0 }; merged.push(seen[r.id]); }
          seen[r.id].words += 1;
          seen[r.id].score += r.score;
        });
      });
      merged.sort(function (a, b) { return b.words - a.words || b.score - a.score; });
      return found.concat(merged.map(function (m) { return m.result; }));
    });
  }

  function open() {
    toggle.checked = true;
    load();
    window.setTimeout(function () { input.focus(); }, 0);
  }

  function close() {
    toggle.checked = false;
    input.blur();
    if (opener && window.getComputedStyle(opener).display !== "none") opener.focus();
  }

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function render(query, results, total, alternative) {
    list.innerHTML = "";
    // The Mediathek's filters take the same query (Pagefind) and add the facets.
    narrow.parentNode.hidden = !total;
    // The query goes into the fragment, which is never sent to the server (see the privacy page).
    narrow.href = new URL("mediathek/#" + new URLSearchParams({ q: query }).toString(), base).href;
    if (!query) {
      meta.textContent = "Suchbegriff eingeben – die Suche versteht auch gebeugte Formen wie „Netzwerken“.";
      return;
    }
    meta.textContent = total === 0
      ? "Keine Treffer für „" + query + "“."
      : total + " Treffer für „" + query + "“" + (alternative ? " (auch gesucht: „" + alternative + "“)" : "") +
        (total > MAX_RESULTS ? ", die ersten " + MAX_RESULTS + " werden gezeigt." : ".");
    results.forEach(function (data) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = data.url;
      // A practice example's kind of case beside its type, as on the cards: „Praxisbeispiel (konstruiert)“.
      var typ = data.meta && data.meta.typ ? data.meta.typ + (data.meta.fall ? " (" + data.meta.fall + ")" : "") : "";
      var kind = typ ? '<span class="mt-search-kind">' + escapeText(typ) + "</span> " : "";
      // Pagefind's excerpt is escaped page text with <mark> around the hits.
      link.innerHTML = '<article class="md-search-result__article md-typeset"><h2 class="mt-search-title">' + kind +
        escapeText((data.meta && data.meta.title) || data.url) + "</h2><p>" + data.excerpt + "</p></article>";
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) { render("", [], 0); return; }
    var alternative = null;
    load().then(function (module) {
      return module.debouncedSearch(query, {}, 120).then(function (search) {
        return search && ticket === latest ? withSomeWords(module, query, search.results) : null;
      }).then(function (results) {
        if (!results || results.length >= ENOUGH) return results;
        return extra.then(function (data) {
          alternative = corrected(query, data.words);
          if (!alternative) return results;
          return module.search(alternative).then(function (search) {
            return withSomeWords(module, alternative, search ? search.results : []);
          }).then(function (more) {
            var seen = {};
            results.forEach(function (r) { seen[r.id] = true; });
            return results.concat(more.filter(function (r) { return !seen[r.id]; }));
          });
        });
      });
    }).then(function (results) {
      if (!results || ticket !== latest) return null;
      return extra.then(function (data) {
        var named = matchingPages(query, data.pages);
        var shown = results.slice(0, MAX_RESULTS - named.length);
        return Promise.all(shown.map(function (r) { return r.data(); })).then(function (datas) {
          if (ticket === latest) render(query, named.concat(datas), named.length + results.length, alternative);
        });
      });
    }).catch(function () {
      meta.textContent = "Die Suche konnte nicht geladen werden. Alle Einträge finden Sie in der Mediathek.";
    });
  }

  input.addEventListener("focus", function () { if (!toggle.checked) { toggle.checked = true; load(); } });
  input.addEventListener("input", run);
  root.querySelector("form").addEventListener("reset", function () { window.setTimeout(run, 0); input.focus(); });
  root.querySelector("form").addEventListener("submit", function (event) {
    // Never submitted: the form would put the query into the URL sent to the server.
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
    else if (input.value.trim()) window.location.href = narrow.href;
  });
  // On the Mediathek itself the link changes only the fragment: the page stays, so close the search.
  narrow.addEventListener("click", function () { toggle.checked = false; });
  toggle.addEventListener("change", function () { if (toggle.checked) { load(); input.focus(); } });
  if (opener) {
    opener.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(); }
    });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!toggle.checked) {
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open();
      }
      return;
    }
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var index = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(index + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && links.length) {
      event.preventDefault();
      if (index <= 0) input.focus(); else links[index - 1].focus();
    }
  });
})();
