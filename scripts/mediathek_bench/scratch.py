"""Scratch projects outside the repository: ours (a copy of the site) and the naive baseline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .corpus import SyntheticEntry, write

# What `python -m mediathek build` reads besides projects/; copied, so a run never touches the checkout
# and measures one consistent snapshot of the code (mediathek_bench.steps runs from the copy too).
SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts")
_ENTRY_LINK = re.compile(r"\(\.\./([a-z0-9-]+)/index\.md\)")  # links between entries, for flat pages
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")

NAIVE_CONFIG = """\
# The stack out of the box: every page in the navigation, Material's defaults
# (including its search plugin), no hooks, no pruning.
site_name: Wissenssammlung Netzwerkkoordination (naiv)
theme:
  name: material
  language: de
markdown_extensions:
  - tables
  - toc:
      permalink: true
"""


def ours(repo: Path, folder: Path, entries: list[SyntheticEntry]) -> Path:
    folder.mkdir(parents=True)
    for part in SITE_PARTS:
        source = repo / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=_IGNORE)
        else:
            shutil.copy2(source, folder / part)
    projects = folder / "projects"
    projects.mkdir()
    for data in sorted((repo / "projects").glob("_*.yml")):
        shutil.copy2(data, projects / data.name)
    write(entries, projects)
    return folder


def naive(folder: Path, entries: list[SyntheticEntry]) -> Path:
    """The same entries as plain MkDocs pages at the same URLs: docs/mediathek/<slug>.md -> mediathek/<slug>/."""
    docs = folder / "docs" / "mediathek"
    docs.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(NAIVE_CONFIG, encoding="utf-8")
    (docs.parent / "index.md").write_text("# Wissenssammlung\n\nAlle Einträge stehen in der Navigation.\n", encoding="utf-8")
    for entry in entries:
        (docs / f"{entry.slug}.md").write_text(_ENTRY_LINK.sub(r"(\1.md)", entry.text), encoding="utf-8")
    return folder
