"""Pagefind, the search index, after every build: waited for by `build`, in the background for `serve`.

`mkdocs serve` reloads the page an author just saved as soon as the HTML is written; the
search index of a large collection takes seconds more, so there it is built in the background
and is current a moment later. A new build first stops an unfinished one: the build empties
the folder that Pagefind writes into.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.pagefind")
_background: subprocess.Popen | None = None
# Pagefind's ready-made search interfaces; the site's own search (docs/assets/suche.js) only
# loads pagefind.js, which fetches the rest of the bundle.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def index(site_dir: str, *, background: bool = False) -> None:
    global _background
    stop()
    command = [sys.executable, "-m", "pagefind", "--site", site_dir, "--silent"]
    if background:
        _background = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=_report, args=(_background, site_dir), daemon=True).start()
        return
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise PluginError(f"Der Suchindex (Pagefind) konnte nicht erstellt werden:\n{completed.stdout}{completed.stderr}")
    _remove_unused(site_dir)


def stop() -> None:
    """End a background run that has not finished (its output folder is about to be replaced)."""
    global _background
    running, _background = _background, None
    if running is not None and running.poll() is None:
        running.terminate()
        running.wait()


def _report(process: subprocess.Popen, site_dir: str) -> None:
    output, _ = process.communicate()
    if process.returncode > 0:  # negative: stopped by us for a newer build
        log.error(f"Der Suchindex (Pagefind) konnte nicht erstellt werden:\n{output}")
    elif process.returncode == 0:
        _remove_unused(site_dir)


def _remove_unused(site_dir: str) -> None:
    for name in UNUSED:
        (Path(site_dir) / "pagefind" / name).unlink(missing_ok=True)
