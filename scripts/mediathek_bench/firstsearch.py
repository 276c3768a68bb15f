"""What a browser downloads for its first search, in Chromium.

Needs the test dependencies (playwright) and Debian's Chromium; `make bench` runs it only with
SEARCH=1. Two measures: Pagefind driven through its JS API (the index chunk(s) for the words, the
filter index if there is one, and the fragments of the first five results), and the site's own search
box (docs/assets/suche.js) on the home page, once with words the collection uses and once with a word
it does not use, which also fetches suchwoerter/<letter>.json (corrections and thesaurus).
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEARCH = """async (query) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  return search.results.length;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


KNOWN_QUERY = "Netzwerk gründen"
UNKNOWN_QUERY = "Zoff mit Firmen"  # two words OpenThesaurus knows and the collection's texts do not use


def search_box_bytes(site: Path) -> dict[str, int]:
    """Bytes the home page's search box downloads for its first query (the page itself not counted)."""
    from playwright.sync_api import Response, sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    row: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, query in (("known", KNOWN_QUERY), ("unknown", UNKNOWN_QUERY)):
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="networkidle")
                responses: list[Response] = []

                def record(response: Response, responses: list[Response] = responses) -> None:
                    responses.append(response)

                page.on("response", record)
                page.keyboard.press("/")
                page.locator("[data-mt-search-input]").fill(query)
                page.wait_for_function(
                    'q => document.querySelector("[data-mt-search-meta]").textContent.includes("für „" + q + "“")', arg=query, timeout=30_000
                )
                page.wait_for_load_state("networkidle")
                loaded = {r.url: len(r.body()) for r in responses if r.ok}
                row[f"search_box_{name}_bytes"] = sum(loaded.values())
                row[f"search_box_{name}_requests"] = len(loaded)
                words = [size for url, size in loaded.items() if "/suchwoerter/" in url]
                if words:
                    row["search_words_file_bytes"] = sum(words)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return row


def first_search_bytes(site: Path, query: str = "Netzwerk") -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    responses = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            # An empty page of the same origin: whatever the site itself preloads for its search box counts too.
            page.goto(f"http://127.0.0.1:{server.server_port}/__bench__", wait_until="load")
            page.on("response", lambda response: responses.append(response))
            hits = page.evaluate(SEARCH, query)
            page.wait_for_load_state("networkidle")
            loaded = {r.url: len(r.body()) for r in responses if r.ok}
            browser.close()
    finally:
        server.shutdown()
    return {"first_search_bytes": sum(loaded.values()), "first_search_requests": len(loaded), "first_search_hits": hits}
