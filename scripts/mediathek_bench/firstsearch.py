"""What a browser downloads for its first search: Pagefind driven through its JS API in Chromium.

Needs the test dependencies (playwright) and Debian's Chromium; `make bench` runs it only with
SEARCH=1. The query loads what the search box would: the index chunk(s) for the words, the filter
index if there is one, and the fragments of the first five results.
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
