/* Site search with Pagefind, in Material's search layout.
   Pagefind is loaded on first use only; it fetches just the index chunks a query needs.
   What the search knows beyond the pages' text comes from the vocabulary in projects/ at build time
   (scripts/mediathek/catalog/searchwords.py): entries carry their tags' synonyms and search words as
   metadata, and suche.json names the overview pages Pagefind does not index (Glossar, Leitfaden für Autor*innen …).
   A query word that finds nothing fetches suchwoerter/<its first letter>.json (only then): its thesaurus neighbours that the
   collection uses (OpenThesaurus, projects/_thesaurus.yml) are searched in its place, or, for a misspelt
   word, the nearest word of the collection, offered as „Meinten Sie …?“. Pages found by the reader's own
   words rank above those found only by such a replacement.
   Bytes on first use (budget 300 KB at 1,000 entries): every word searched may load an index chunk and
   every result shown its text, so only what the first results need is fetched; more on request. */
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
  var moreButton = root.querySelector("[data-mt-search-more]");
  var base = new URL(root.getAttribute("data-mt-base") + "/", window.location.href);
  var pagefind = null;
  var latest = 0;
  // Each result's text (its Pagefind fragment, some 5 KB at 1,000 entries) is a download of its own: the
  // first STEP load with the search, STEP more each time the reader asks for them.
  var STEP = 5;
  var ENOUGH = 10; // pages holding every word, replacements in place, that make a second replacement word needless
  var MAX_PAGES = 2; // overview pages shown above the entries
  var REPLACED = 0.75; // a query word's replacement (thesaurus, correction) counts less than the word itself
  var GUESSED = 0.25; // what Pagefind finds for a word the collection does not use: a shorter beginning of it
  var MAX_REWRITES = 6;
  var MAX_NEIGHBOURS = 2; // thesaurus words searched for one unknown word (most used first): each may load an index chunk
  // Words that say nothing about a topic (folded as words() folds them): the Snowball project's German stop
  // words (also lunr's), and a few more. Pagefind would demand them on every result, and as words of a
  // phrase they would count as much as the words that name the reader's problem.
  var STOPWORDS = ("aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes " +
    "anderm andern anderr anders auch auf aus bei beim bin bis bist da damit dann das dass dasselbe dazu " +
    "dein deine deinem deinen deiner deines dem demselben den denn denselben der derer derselbe " +
    "derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser dieses " +
    "dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen einiger " +
    "einiges einmal er es etwas euch euer eure eurem euren eurer eures fuer gegen gewesen gibt hab habe " +
    "haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in " +
    "indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine " +
    "keinem keinen keiner keines koennen koennte machen man manche manchem manchen mancher manches mein " +
    "meine meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob oder " +
    "ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche solchem solchen " +
    "solcher solches soll sollte sondern sonst ueber um und uns unser unsere unserem unseren unseres " +
    "unter viel vom von vor waehrend war waren warst was weg weil weiter welche welchem welchen welcher " +
    "welches wenn wer werde werden wie wieder will wir wird wirst wo wollen wollte wuerde wuerden zu zum " +
    "zur zwar zwischen").split(" ");
  var extra = null; // suche.json: overview pages
  var aids = {}; // suchwoerter/<letter>.json: the collection's words and the thesaurus, fetched when a word finds nothing
  var shown = null; // the results of the query on screen: { items, count shown, busy }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ excerptLength: 24 }).then(function () { return module; });
      });
      extra = fetch(new URL("suche.json", base).href).then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (data) { return { pages: data.pages || [] }; }, function () { return { pages: [] }; });
    }
    return pagefind;
  }

  // The words beginning with the term's first letter (a typo in the first letter stays uncorrected).
  function loadAid(term) {
    var letter = fold(term).charAt(0);
    if (!/[a-z]/.test(letter)) letter = "_";
    if (!aids[letter]) {
      aids[letter] = fetch(new URL("suchwoerter/" + letter + ".json", base).href).then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (data) {
          var words = data.woerter || [];
          return { words: words, folded: words.map(fold), thesaurus: data.thesaurus || {} };
        }, function () { return { words: [], folded: [], thesaurus: {} }; });
    }
    return aids[letter];
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

  // Pagefind has no fuzzy matching. A word that finds nothing is compared with the collection's words
  // (most used first): one edit away (two from eight letters) from one of them, or from its beginning
  // (a typo in the first part of a compound: „Konfikt“ -> „Konflikt“), it is read as that word.
  // Returns the word as the collection writes it, or null.
  function correction(term, aidData) {
    // Two edits from eight letters as typed: folding („ö“ -> „oe“) must not make a word longer to the limit.
    var folded = fold(term), best = null, limit = term.replace(/[^\p{L}]/gu, "").length >= 8 ? 2 : 1;
    if (folded.length < 5) return null;
    aidData.folded.forEach(function (word, index) {
      for (var n = folded.length - 1; n <= folded.length + 1; n++) {
        var w = word.slice(0, n);
        if (w.length < 5 || n > word.length) continue;
        var d = distance(folded, w);
        if (d <= limit) { limit = d - 1; best = { index: index, length: n }; }
      }
    });
    if (best === null) return null;
    var shown = aidData.words[best.index];
    if (best.length >= aidData.folded[best.index].length) return shown;
    for (var k = 1; k <= shown.length; k++) {  // the beginning of the word, in its own spelling
      if (fold(shown.slice(0, k)) === aidData.folded[best.index].slice(0, best.length)) return shown.slice(0, k);
    }
    return null;
  }

  // A compound the collection does not use whose first part it does („Zuständigkeitsregeln“): the
  // collection's most used word that begins with the longest such part (at least half of the word).
  function head(term, aidData) {
    var folded = fold(term);
    for (var n = folded.length - 1; n >= Math.max(6, Math.ceil(folded.length / 2)); n--) {
      var part = folded.slice(0, n);
      for (var i = 0; i < aidData.folded.length; i++) {
        if (aidData.folded[i].indexOf(part) === 0) return aidData.words[i];
      }
    }
    return null;
  }

  // The base forms a word may have (Firmen -> firma, Dörfern -> dorf): the thesaurus lists base forms.
  function lemmas(folded) {
    var found = [folded];
    ["innen", "ern", "en", "er", "es", "e", "n", "s"].forEach(function (ending) {
      if (folded.length - ending.length < 3 || folded.slice(-ending.length) !== ending) return;
      var stem = folded.slice(0, -ending.length);
      found.push(stem, stem + "e", stem + "a", stem.replace(/(ae|oe|ue)([^aeiou]*)$/, function (m, v, rest) { return v[0] + rest; }));
    });
    return found;
  }

  function neighbours(term, aidData) {
    var found = [];
    lemmas(fold(term)).forEach(function (lemma) {
      (Object.prototype.hasOwnProperty.call(aidData.thesaurus, lemma) ? aidData.thesaurus[lemma] : []).forEach(function (w) {
        if (found.indexOf(w) < 0) found.push(w);
      });
    });
    return found;
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
  // Partnern“) rarely stands on one page: the pages with every word come first, then those with some
  // of the words, more of the words first, then by the sum of their scores. Each word of the query is a
  // slot, filled by the word itself (weight 1) or by one of its replacements (REPLACED); a word the
  // collection does not use fills it only by Pagefind's guess at a shorter beginning (GUESSED).
  // A word's score counts by how few pages hold it (telling): among pages with as many of the words, in
  // „Sitzungen ziehen sich immer hin“ the rarer „Sitzungen“ decides, not „immer“, which nearly every
  // page holds and Pagefind scores high wherever it stands often.
  function ranked(found, slots) {
    var seen = {}, merged = [], pages = {}, total = 0;
    found.forEach(function (r) { seen[r.id] = true; });
    // The pages any search found stand in for the collection, whose size Pagefind does not tell.
    slots.forEach(function (slot) {
      slot.searches.forEach(function (search) {
        (search ? search.results : []).forEach(function (r) { if (!pages[r.id]) { pages[r.id] = true; total++; } });
      });
    });
    found.forEach(function (r) { if (!pages[r.id]) { pages[r.id] = true; total++; } });
    slots.forEach(function (slot) {
      var hits = {};
      slot.searches.forEach(function (search, i) {
        var results = search ? search.results : [];
        var weight = i > 0 ? REPLACED : slot.known ? 1 : GUESSED, rarity = telling(results.length, total);
        results.forEach(function (r) {
          if (seen[r.id] === true || (hits[r.id] || 0) >= weight) return;
          if (!seen[r.id]) { seen[r.id] = { result: r, words: 0, score: 0 }; merged.push(seen[r.id]); }
          seen[r.id].words += weight - (hits[r.id] || 0);
          seen[r.id].score += r.score * rarity;
          hits[r.id] = weight;
        });
      });
    });
    merged.sort(function (a, b) { return b.words - a.words || b.score - a.score; });
    return found.concat(merged.map(function (m) { return m.result; }));
  }

  // How much finding a word on a page says: 1 for a word on one page, near 0 for one on every page.
  function telling(pagesWithWord, pages) {
    return pagesWithWord ? Math.log((pages + 1) / pagesWithWord) / Math.log(pages + 1) : 0;
  }

  // Every combination of the slots' words (at most MAX_REWRITES): the query with its unknown words replaced.
  function rewrites(slots) {
    var queries = [[]];
    slots.forEach(function (slot) {
      var options = slot.known || !slot.words.length ? [slot.term] : slot.words;
      var next = [];
      queries.forEach(function (q) { options.forEach(function (w) { next.push(q.concat([w])); }); });
      queries = next.slice(0, MAX_REWRITES);
    });
    return queries.map(function (q) { return q.join(" "); });
  }

  // Pagefind answers a word it does not know with the pages holding a shorter beginning of it („Zoff“
  // -> „z.“); in quotes it answers only for the word itself (and its other forms). A word that finds
  // nothing that way gets its thesaurus neighbours, or else its correction, from suchwoerter.json.
  // Resolves to { results, also: [words searched in addition], suggestion: the corrected query or null }.
  function searchQuery(module, query) {
    // The query as typed, stop words and all: its pages come first. Searched only when its results are
    // used, as every word of it may load an index chunk of its own (some 40 KB at 1,000 entries), and a
    // query with replaced words takes the pages holding the replacements instead.
    function asTyped(slots) {
      return module.search(query).then(function (search) {
        return { results: ranked(search ? search.results : [], slots), also: [], suggestion: null };
      });
    }
    var terms = significant(query);
    if (!terms.length) return asTyped([]);
    return Promise.all(terms.map(function (term) {
      return Promise.all([module.search('"' + term + '"'), module.search(term)]);
    })).then(function (searched) {
      var slots = terms.map(function (term, i) {
        return { term: term, known: !!(searched[i][0] && searched[i][0].results.length), words: [], searches: [searched[i][1]] };
      });
      var unknown = slots.filter(function (slot) { return !slot.known; });
      if (!unknown.length) return asTyped(slots);
      return Promise.all(unknown.map(function (slot) { return loadAid(slot.term); })).then(function (aidData) {
        var corrected = {};
        unknown.forEach(function (slot, i) {
          slot.words = neighbours(slot.term, aidData[i]).slice(0, MAX_NEIGHBOURS);
          if (!slot.words.length) {
            var better = correction(slot.term, aidData[i]);
            if (better) { slot.words = [better]; corrected[slot.term] = better; }
          }
          if (!slot.words.length) {
            var part = head(slot.term, aidData[i]);
            if (part) slot.words = [part];
          }
        });
        if (!unknown.some(function (slot) { return slot.words.length; })) return asTyped(slots);
        var suggestion = null;
        if (Object.keys(corrected).length) {
          suggestion = query.replace(/[\p{L}\p{N}*:-]+/gu, function (w) { return corrected[w.toLowerCase()] || w; });
        }
        // Each unknown word's first replacement first; the second only when the first leaves too few pages
        // with every word: each replacement word may load an index chunk of its own (some 30 KB at 1,000 entries).
        return replace(module, slots, 1).then(function (done) {
          var second = unknown.some(function (slot) { return slot.words.length > 1; });
          return done.first.length >= ENOUGH || !second ? done : replace(module, slots, MAX_NEIGHBOURS);
        }).then(function (done) {
          return { results: ranked(done.first, done.slots), also: done.also, suggestion: suggestion };
        });
      });
    });
  }

  // The query with each unknown word replaced by its first n replacements (every combination), and each
  // replacement on its own. Resolves to { first: the pages with every word, best first; slots: the slots
  // with those searches; also: the replacement words searched }.
  function replace(module, slots, n) {
    var used = slots.map(function (slot) {
      return slot.known ? slot : { term: slot.term, known: false, words: slot.words.slice(0, n), searches: slot.searches.slice(0, 1) };
    });
    return Promise.all([
      Promise.all(rewrites(used).map(function (q) { return module.search(q); })),
      Promise.all(used.map(function (slot) {
        return Promise.all((slot.known ? [] : slot.words).map(function (w) { return module.search(w); })).then(function (more) {
          slot.searches = slot.searches.concat(more);
        });
      }))
    ]).then(function (done) {
      // Pages with every word, the replacements in place of the unknown ones, come first.
      var first = [], seen = {}, also = [];
      done[0].forEach(function (search) {
        (search ? search.results : []).forEach(function (r) { if (!seen[r.id]) { seen[r.id] = true; first.push(r); } });
      });
      first.sort(function (a, b) { return b.score - a.score; });
      used.forEach(function (slot) {
        if (!slot.known) slot.words.forEach(function (w) { if (also.indexOf(w) < 0) also.push(w); });
      });
      return { first: first, slots: used, also: also };
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

  function render(query, total, also, suggestion) {
    list.innerHTML = "";
    // The Mediathek's filters take the same query (Pagefind) and add the facets.
    narrow.parentNode.hidden = !total;
    moreButton.parentNode.hidden = true;
    // The query goes into the fragment, which is never sent to the server (see the privacy page).
    narrow.href = new URL("mediathek/#" + new URLSearchParams({ q: query }).toString(), base).href;
    if (!query) {
      meta.textContent = "Suchbegriff eingeben – die Suche versteht auch gebeugte Formen wie „Netzwerken“.";
      return;
    }
    meta.textContent = total === 0
      ? "Keine Treffer für „" + query + "“."
      : total + " Treffer für „" + query + "“" + (also && also.length ? " (auch gesucht: " + also.join(", ") + ")" : "") + ".";
    if (suggestion) {
      // Offered, not done behind the reader's back: the link searches for the corrected words.
      var link = document.createElement("a");
      link.href = new URL("mediathek/#" + new URLSearchParams({ q: suggestion }).toString(), base).href;
      link.textContent = suggestion;
      link.setAttribute("data-mt-search-suggestion", "");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = suggestion;
        input.focus();
        run();
      });
      meta.appendChild(document.createTextNode(" Meinten Sie „"));
      meta.appendChild(link);
      meta.appendChild(document.createTextNode("“?"));
    }
  }

  // Adds results to the list; the button offers more while there are any.
  function append(datas) {
    datas.forEach(function (data) {
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
    moreButton.parentNode.hidden = !shown || shown.count >= shown.items.length;
  }

  // The next STEP results' texts: an overview page is ready, a Pagefind result loads its fragment.
  function next(results) {
    var batch = results.items.slice(results.count, results.count + STEP);
    results.count += batch.length;
    return Promise.all(batch.map(function (item) { return typeof item.data === "function" ? item.data() : item; }));
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    shown = null;
    if (!query) { render("", 0); return; }
    load().then(function (module) {
      // Searched once the reader pauses typing, not at every keystroke.
      return new Promise(function (done) { window.setTimeout(done, 120); }).then(function () {
        return ticket === latest ? searchQuery(module, query) : null;
      });
    }).then(function (outcome) {
      if (!outcome || ticket !== latest) return null;
      return extra.then(function (data) {
        var results = { items: matchingPages(query, data.pages).concat(outcome.results), count: 0, busy: false };
        return next(results).then(function (datas) {
          if (ticket !== latest) return;
          shown = results;
          render(query, results.items.length, outcome.also, outcome.suggestion);
          append(datas);
        });
      });
    }).catch(function () {
      meta.textContent = "Die Suche konnte nicht geladen werden. Alle Einträge finden Sie in der Mediathek.";
    });
  }

  moreButton.addEventListener("click", function () {
    var results = shown;
    if (!results || results.busy) return;
    results.busy = true;
    var before = list.children.length;
    next(results).then(function (datas) {
      results.busy = false;
      if (results !== shown) return;
      append(datas);
      // Keyboard and screen reader users go on at the first new result.
      var first = list.children[before] && list.children[before].querySelector("a");
      if (first) first.focus();
    }, function () { results.busy = false; });
  });
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
