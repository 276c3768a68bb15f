"""`make serve` reload latency: save an entry, time until the served page shows the change."""

from __future__ import annotations

import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from mediathek.catalog.listing import PAGE_SLUG

SERVING = re.compile(r"Serving on (http://127\.0\.0\.1:\d+/\S*)")
TITLE = re.compile(r'^(title: "?)', re.MULTILINE)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _fetch(url: str) -> str | None:
    try:
        # A page request blocks while MkDocs rebuilds, so the answer after a save is the rebuilt page.
        with urllib.request.urlopen(url, timeout=600) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def listing_page_of(fetch: Callable[[str], str | None], listing: str, slug: str) -> str:
    """The URL of the listing page that links to the entry: with paging it is rarely the first."""
    link = re.compile(rf'href="(?:[^"]*/)?{re.escape(slug)}/"')
    number = 1
    while True:
        url = listing if number == 1 else f"{listing}{PAGE_SLUG.format(number)}/"
        page = fetch(url)
        if page is None:
            raise RuntimeError(f"Keine Seite der Mediathek ab {listing} verlinkt den Eintrag {slug}.")
        if link.search(page):
            return url
        number += 1


def reload_latency(root: Path, slug: str, log: Path, repeats: int = 3) -> dict[str, float | str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    # As `make serve`: stage, then serve the staged tree, rendering only changed pages.
    subprocess.run([sys.executable, "-m", "mediathek", "stage"], cwd=root, env=env, check=True, capture_output=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", "build/mkdocs.yml", "--dirty", "--no-strict"]
    command += ["--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    index = root / "projects" / slug / "index.md"
    original = index.read_text(encoding="utf-8")
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        start = time.monotonic()
        url = None
        while url is None or _fetch(url) is None:
            served = SERVING.search(log.read_text(encoding="utf-8", errors="replace"))
            if served:  # the address includes the path of site_url
                url = f"{served.group(1).rstrip('/')}/mediathek/{slug}/"
            if proc.poll() is not None or time.monotonic() - start > 900:
                raise RuntimeError(f"mkdocs serve startete nicht, siehe {log}")
            time.sleep(0.2)
        startup = time.monotonic() - start
        latencies = []
        for _ in range(repeats):
            time.sleep(1.5)  # let the file watcher settle between saves
            marker = f"Messmarke{secrets.token_hex(4)}"
            index.write_text(f"{original.rstrip()}\n\n{marker} wurde eben gespeichert.\n", encoding="utf-8")
            saved = time.monotonic()
            while marker not in (_fetch(url) or ""):
                if proc.poll() is not None or time.monotonic() - saved > 600:
                    raise RuntimeError(f"mkdocs serve zeigte die Änderung nicht (beendet oder nach 10 Minuten), siehe {log}")
                time.sleep(0.1)
            latencies.append(time.monotonic() - saved)
        # A new title: the listing pages change too (Mediathek, topics, tags, related entries of others).
        listing = listing_page_of(_fetch, url.rsplit("/mediathek/", 1)[0] + "/mediathek/", slug)
        titles = []
        for _ in range(repeats):
            time.sleep(1.5)
            marker = f"Messmarke{secrets.token_hex(4)}"
            index.write_text(TITLE.sub(f"\\g<1>{marker} ", original, count=1), encoding="utf-8")
            saved = time.monotonic()
            while marker not in (_fetch(listing) or "") or marker not in (_fetch(url) or ""):
                if proc.poll() is not None or time.monotonic() - saved > 600:
                    raise RuntimeError(f"mkdocs serve zeigte den neuen Titel nicht (beendet oder nach 10 Minuten), siehe {log}")
                time.sleep(0.1)
            titles.append(time.monotonic() - saved)
    finally:
        index.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return {
        "serve_startup_s": round(startup, 1),
        "serve_reload_s": round(statistics.median(latencies), 2),
        "serve_reload_max_s": round(max(latencies), 2),
        "serve_title_s": round(statistics.median(titles), 2),
        "serve_title_max_s": round(max(titles), 2),
        "serve_title_page": listing.split("/mediathek/", 1)[1],  # the listing page that shows the entry
    }
