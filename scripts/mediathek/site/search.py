"""Pagefind, the search index, built on the finished site.

`python -m mediathek build` waits for it (mediathek.site.finish); `mkdocs serve` runs it in the
background after each rebuild (scripts/mkdocs_hooks.py), so a saved page shows at once and the
index is current a moment later. What is indexed is decided by the pages: only what lies inside
`data-pagefind-body` (entries and authored pages, overrides/main.html), without elements marked
`data-pagefind-ignore` (the facts box's trail, the citation) and without heading permalinks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

# Pagefind's ready-made search interfaces; the site's own search (docs/assets/suche.js) only
# loads pagefind.js, which fetches the rest of the bundle.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchError(Exception):
    pass


def command(site_dir: Path) -> list[str]:
    # Heading permalinks (¶) would otherwise show up in every result's snippet.
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(site_dir / "pagefind"),
            "--exclude-selectors", ".headerlink", "--silent"]


def index(site_dir: Path) -> None:
    done = subprocess.run(command(site_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    if done.returncode != 0:
        raise SearchError(f"Der Suchindex (Pagefind) konnte nicht erstellt werden:\n{done.stdout}")
    _remove_unused(site_dir)


class Background:
    """One index run at a time in the background; a newer build stops the one before."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None

    def start(self, site_dir: Path) -> None:
        self.stop()
        # At low priority: the rebuild after the next save must not wait for the index of the last one.
        low = ["nice", "-n", "10"] if shutil.which("nice") else []
        process = subprocess.Popen([*low, *command(site_dir)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self._process = process
        threading.Thread(target=_report, args=(process, site_dir), daemon=True).start()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait()


def _report(process: subprocess.Popen[str], site_dir: Path) -> None:
    output, _ = process.communicate()
    if process.returncode > 0:  # negative: stopped for a newer build
        print(f"Der Suchindex (Pagefind) konnte nicht erstellt werden:\n{output}", file=sys.stderr)
    elif process.returncode == 0:
        _remove_unused(site_dir)


def _remove_unused(site_dir: Path) -> None:
    for name in UNUSED:
        (site_dir / "pagefind" / name).unlink(missing_ok=True)
