/* Site search with Pagefind, in Material's search layout.
   Pagefind is loaded on first use only; it fetches just the index chunks a query needs. */
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

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ excerptLength: 24 }).then(function () { return module; });
      });
    }
    return pagefind;
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

  function render(query, results, total) {
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
      : total + (total === 1 ? " Treffer" : " Treffer") + " für „" + query + "“" + (total > MAX_RESULTS ? ", die ersten " + MAX_RESULTS + " werden gezeigt." : ".");
    results.forEach(function (data) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = data.url;
      var kind = data.meta && data.meta.typ ? '<span class="mt-search-kind">' + escapeText(data.meta.typ) + "</span> " : "";
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
    load().then(function (module) {
      return module.debouncedSearch(query, {}, 120);
    }).then(function (search) {
      if (!search || ticket !== latest) return null;
      return Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); })).then(function (datas) {
        if (ticket === latest) render(query, datas, search.results.length);
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
