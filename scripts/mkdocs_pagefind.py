"""Pagefind, the search index: waited for by `build`, in the background for `serve`.

`mkdocs serve` reloads the page an author just saved as soon as the HTML is written; the
search index of a large collection takes seconds more, so there it is built in the background
and is current a moment later. A new build first stops an unfinished one: the build empties
the folder that Pagefind writes into.

A large `mkdocs build` starts Pagefind early (start()): the pages it indexes are ready once the
worker processes have filled the templates, while MkDocs still writes the site one page after
another. index() then only waits for that run. The workers hand it only what it reads of a
page (searchable_view()): parsing a whole page cost Pagefind a fifth more time.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.pagefind")
_background: subprocess.Popen | None = None
_early: tuple[subprocess.Popen, str, str] | None = None  # a run start() began: process, site, pages it reads
# Pagefind's ready-made search interfaces; the site's own search (docs/assets/suche.js) only
# loads pagefind.js, which fetches the rest of the bundle.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
BODY_OPEN = "<div data-pagefind-body>"  # overrides/main.html wraps the article's content in it
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def searchable_view(html: str) -> str:
    """A page as far as Pagefind reads it: its language, title and the data-pagefind-body element
    (which the theme closes right before </article>); the page itself if it does not look like that."""
    root, start, end = html.find("<html"), html.find(BODY_OPEN), html.rfind("</article>")
    root_end = html.find(">", root) + 1
    title = _TITLE.search(html, 0, start)
    if not (0 <= root < root_end < start < end) or title is None:
        return html
    return f"<!doctype html>\n{html[root:root_end]}<head>{title.group(0)}</head><body>{html[start:end]}</body></html>\n"


def _command(pages_dir: str, site_dir: str) -> list[str]:
    output = str(Path(site_dir) / "pagefind")
    # Heading permalinks (¶) would otherwise show up in every result's snippet.
    return [sys.executable, "-m", "pagefind", "--site", pages_dir, "--output-path", output, "--exclude-selectors", ".headerlink", "--silent"]


def start(pages_dir: str, site_dir: str) -> None:
    """Index the pages in pages_dir (the site's searchable pages, at their paths in the site) into
    site_dir/pagefind, in the background; index() waits for it and then deletes pages_dir."""
    global _early
    stop()
    process = subprocess.Popen(_command(pages_dir, site_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _early = (process, site_dir, pages_dir)


def index(site_dir: str, *, background: bool = False) -> None:
    global _background, _early
    if _early is not None and _early[1] == site_dir:
        (process, _, pages_dir), _early = _early, None
        output, _ = process.communicate()
        shutil.rmtree(pages_dir, ignore_errors=True)
        _check(process.returncode, output, site_dir)
        return
    stop()
    command = _command(site_dir, site_dir)
    if background:
        _background = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=_report, args=(_background, site_dir), daemon=True).start()
        return
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    _check(completed.returncode, completed.stdout, site_dir)


def stop() -> None:
    """End a run that has not finished (its output folder is about to be replaced or dropped)."""
    global _background, _early
    background, early = _background, _early
    _background = _early = None
    if background is not None and background.poll() is None:
        background.terminate()
        background.wait()  # its reporter thread reads the output
    if early is not None:
        if early[0].poll() is None:
            early[0].terminate()
        early[0].communicate()
        shutil.rmtree(early[2], ignore_errors=True)


def _check(returncode: int, output: str, site_dir: str) -> None:
    if returncode != 0:
        raise PluginError(f"Der Suchindex (Pagefind) konnte nicht erstellt werden:\n{output}")
    _remove_unused(site_dir)


def _report(process: subprocess.Popen, site_dir: str) -> None:
    output, _ = process.communicate()
    if process.returncode > 0:  # negative: stopped by us for a newer build
        log.error(f"Der Suchindex (Pagefind) konnte nicht erstellt werden:\n{output}")
    elif process.returncode == 0:
        _remove_unused(site_dir)


def _remove_unused(site_dir: str) -> None:
    for name in UNUSED:
        (Path(site_dir) / "pagefind" / name).unlink(missing_ok=True)
