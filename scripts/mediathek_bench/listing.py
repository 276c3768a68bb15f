"""The listing pages in a browser: their size, their DOM, and the Mediathek's filters (issue #17).

Needs the test dependencies (playwright) and Debian's Chromium; `make bench` runs it only with
LISTING=1. Measures, on the built site:
- the largest first and later page of each listing (Mediathek, topics, tags) in bytes and gzip,
  and the DOM elements of the Mediathek's first page and of the largest topic and tag page;
- what the first filter change downloads (gzip, as a server would send it), and how long filter changes take until their results
  show (the status line updated and the cards in place), median over a fixed sequence;
- the same filters asked of Pagefind's filter index (`pagefind.search(null, {filters})` with the
  data of the first 20 results, as a results list would need them), for comparison.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import threading
from pathlib import Path

from .firstsearch import CHROMIUM_ARGS, _Quiet

# (select, option index): the first option after „alle“ is the most common one only for types
CHANGES = [
    ("#mt-filter-typ", 2), ("#mt-filter-thema", 1), ("#mt-filter-land", 3), ("#mt-filter-jahr", 2), ("#mt-filter-typ", 0),
    ("#mt-filter-schlagwort", 5), ("#mt-filter-thema", 0), ("#mt-filter-land", 0), ("#mt-filter-jahr", 0), ("#mt-filter-thema", 3),
    ("#mt-filter-schlagwort", 0),
]

# Resolves when the status line changes after the select's value is set and `change` dispatched.
CHANGE = """async ([selector, index]) => {
  const select = document.querySelector(selector);
  const status = document.querySelector("[data-mt-filter-status]");
  const before = status.textContent + "|" + document.querySelectorAll("[data-mt-entry]:not([hidden])").length;
  const start = performance.now();
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
  });
  select.selectedIndex = Math.min(index, select.options.length - 1);
  select.dispatchEvent(new Event("change", { bubbles: true }));
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000))]);
  return { ms: performance.now() - start, shown: document.querySelectorAll("[data-mt-entry]:not([hidden])").length, before };
}"""

PAGEFIND = """async (filters) => {
  const start = performance.now();
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(null, { filters, sort: { datum: "desc" } });
  await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  return { ms: performance.now() - start, hits: search.results.length };
}"""


def _pages(site: Path, folder: str) -> tuple[list[Path], list[Path]]:
    """First pages and later pages (…/seite-N/) of the listings in folder."""
    root = site / folder
    if folder == "mediathek":
        return [root / "index.html"], sorted(root.glob("seite-*/index.html"))
    firsts = [p for p in root.glob("*/index.html") if not p.parent.name.startswith("seite-")]
    return firsts, sorted(root.glob("*/seite-*/index.html"))


def _largest(paths: list[Path]) -> tuple[Path | None, int, int]:
    if not paths:
        return None, 0, 0
    biggest = max(paths, key=lambda p: p.stat().st_size)
    data = biggest.read_bytes()
    return biggest, len(data), len(gzip.compress(data, 6))


def _on_the_wire(bodies: list[bytes]) -> int:
    """Bytes as a server sends them with gzip (the bench's server does not compress); Pagefind's
    files are compressed already and go as they are (as mediathek_bench.measure.gzip_size)."""
    return sum(min(len(body), len(gzip.compress(body, 6))) for body in bodies)


def listing_figures(site: Path) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    row: dict[str, object] = {}
    dom_pages: dict[str, Path] = {}
    for name, folder in (("mediathek", "mediathek"), ("topic", "themen"), ("tag", "schlagwoerter")):
        firsts, laters = _pages(site, folder)
        path, size, zipped = _largest(firsts)
        row[f"{name}_page_bytes"], row[f"{name}_page_gzip_bytes"] = size, zipped
        row[f"{name}_pages"] = len(firsts) + len(laters)
        later, _, later_zipped = _largest(laters)
        row[f"{name}_later_page_gzip_bytes"] = later_zipped
        if path is not None:
            dom_pages[name] = path
        if later is not None:
            dom_pages[f"{name}_later"] = later

    index = site / "mediathek-index"
    row["filter_index_bytes"] = (index / "filter.json").stat().st_size
    row["filter_index_gzip_bytes"] = len(gzip.compress((index / "filter.json").read_bytes(), 6))
    row["card_files"] = len(list(index.glob("karten-*.json")))
    row["card_files_gzip_bytes"] = sum(len(gzip.compress(p.read_bytes(), 6)) for p in index.glob("karten-*.json"))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            for name, path in dom_pages.items():
                page.goto(origin + path.relative_to(site).as_posix(), wait_until="load")
                row[f"{name}_dom_elements"] = page.evaluate("document.getElementsByTagName('*').length")

            page.goto(origin + "mediathek/", wait_until="networkidle")
            loaded: list[bytes] = []
            page.on("response", lambda response: loaded.append(response.body()) if response.ok else None)
            timings = []
            for number, change in enumerate(CHANGES):
                result = page.evaluate(CHANGE, list(change))
                timings.append(result["ms"])
                if number == 0:
                    page.wait_for_timeout(500)  # responses reach the handler after the page has used them
                    page.wait_for_load_state("networkidle")
                    row["first_filter_bytes"], row["first_filter_requests"] = _on_the_wire(loaded), len(loaded)
                    row["first_filter_raw_bytes"] = sum(map(len, loaded))
                    row["first_filter_ms"] = round(result["ms"])
            row["filter_ms_median"] = round(statistics.median(timings))
            row["filter_ms_max"] = round(max(timings))
            row["filter_after_first_ms_median"] = round(statistics.median(timings[1:]))

            # Pagefind's filter-only search, in a fresh page: its first query and the same again.
            fresh = browser.new_page()
            fresh.goto(origin + "__bench__", wait_until="load")
            pf_loaded: list[bytes] = []
            fresh.on("response", lambda response: pf_loaded.append(response.body()) if response.ok else None)
            first = fresh.evaluate(PAGEFIND, {"typ": "Praxisbeispiel"})
            fresh.wait_for_timeout(500)
            fresh.wait_for_load_state("networkidle")
            row["pagefind_first_filter_bytes"], row["pagefind_first_filter_requests"] = _on_the_wire(pf_loaded), len(pf_loaded)
            row["pagefind_first_filter_ms"] = round(first["ms"])
            more = ({"typ": "Themenbeitrag"}, {"jahr": "2023"}, {"typ": "Praxisbeispiel", "jahr": "2024"})
            later_ms = [fresh.evaluate(PAGEFIND, filters)["ms"] for filters in more]
            row["pagefind_filter_ms_median"] = round(statistics.median([first["ms"], *later_ms]))
            row["pagefind_bytes_after_four"] = _on_the_wire(pf_loaded)
            browser.close()
    finally:
        server.shutdown()
    return row
