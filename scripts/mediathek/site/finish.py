"""After the site generator: what `python -m mediathek build` does to the built site before it
replaces site/. The same for MkDocs and Zensical.

- Material's own search (lunr and a web worker), which this site replaces with Pagefind, and
  source maps that only browser developer tools ask for, are deleted (sizes: README, measurements).
- Pages lose their template indentation (mediathek.site.compact_html); for the downloadable PR
  preview (offline), every relative directory link names its index.html (mediathek.site.offline).
- Pagefind indexes the finished pages (mediathek.site.search).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import search
from .compact_html import collapse_indentation
from .offline import file_links

UNUSED_THEME_FOLDERS = ("assets/javascripts/lunr", "assets/javascripts/workers")


def finish(site_dir: Path, *, offline: bool = False) -> None:
    for folder in UNUSED_THEME_FOLDERS:
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    for source_map in (site_dir / "assets").rglob("*.map"):
        source_map.unlink()
    for page in site_dir.rglob("*.html"):
        if page.relative_to(site_dir).parts[0] == "assets":
            continue
        text = page.read_text(encoding="utf-8")
        compact = collapse_indentation(text)
        if offline:
            compact = file_links(compact)
        if compact != text:
            page.write_text(compact, encoding="utf-8")
    search.index(site_dir)
