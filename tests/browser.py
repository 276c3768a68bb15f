"""Shared browser plumbing: serve a built site on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

from mediathek_bench.firstsearch import CHROMIUM_ARGS  # one list of flags for Debian's Chromium here

CHROMIUM = "/usr/bin/chromium"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve directory on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def page_urls(site: Path) -> list[str]:
    """Every HTML page of the built site as a path relative to its root."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("pagefind/") or rel == "404.html":  # 404.html links from site_url's root, by design
            continue
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls
