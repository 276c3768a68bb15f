"""Stage the complete docs tree a site generator builds: build/docs and its configuration.

`python -m mediathek stage` (and every `build`) writes one tree under build/: the generated pages,
the authored pages of docs/ with their markers resolved, the entries' files, the reader files
(feeds, catalog.json, citations), docs/assets and the `.pages` files of the navigation. Each page's
extra <head> HTML and whether the search indexes it travel in its front matter (`mediathek_head`,
`mediathek_searchable`, printed by overrides/main.html). Files are written only when their content
changed (mediathek.site.output.TreeWriter), so an unchanged page keeps its modification time and
`mkdocs serve --dirty` renders only what changed; files that are no longer generated go.
build/mkdocs.yml and build/zensical.yml: mediathek.site.settings. build/pages.json names the
generated pages and the file each shows, for the hook (edit links).
"""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..content.model import Problem
from ..content.report import format_problems
from ..pages import pipeline
from ..pages.reader import other_page_head, page_url
from ..pages.render import abbreviation_glossary, new_environment
from .build import GENERATED_FILE, Build
from .markers import MarkerError, resolve_markers
from .output import WriteStats
from .settings import (
    AUTHORED_DIR,
    Settings,
    load_settings as load_settings,  # where other modules and tests find them
    placeholders,
    staged_config,
)

STAGE_DIR = Path("build")
DOCS_DIR = STAGE_DIR / "docs"
MKDOCS_CONFIG = STAGE_DIR / "mkdocs.yml"
ZENSICAL_CONFIG = STAGE_DIR / "zensical.yml"
ZENSICAL_SITE = "site-zensical"  # inside build/: Zensical refuses a site_dir outside its project folder


class StageError(Exception):
    """What an author has to fix before the tree can be staged: entries, or markers and settings of docs/ and mkdocs.yml."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(format_problems(problems))
        self.problems = problems


@dataclass(frozen=True)
class Staged:
    site: pipeline.Site
    stats: WriteStats


def stage(build: Build) -> Staged:
    """Check projects/ and write the staged tree; raises StageError with every problem found.

    Called again with the same Build (`make serve` after a save), it checks and renders only what
    the changed files affect (pipeline.Memo) and writes only the files that changed (TreeWriter).
    The Build's downloads add files made from the content model (never replacing a page)."""
    root = build.root
    result = build.check()
    if result.problems:
        raise StageError(result.problems)
    settings = build.settings()
    missing = placeholders(settings)
    if missing:
        # Printed, not logged as a warning: `--strict` must still pass while the operator is not set up.
        print(
            f"HINWEIS: In mkdocs.yml stehen noch Platzhalter: {', '.join(missing)}. Impressum, "
            "Datenschutzerklärung und Erklärung zur Barrierefreiheit sind erst vollständig und die Links zum "
            "Repository erst richtig, wenn sie ausgefüllt sind.",
            file=sys.stderr,
        )
    env = build.environment()
    site = pipeline.generate(
        result, site_url=settings.site_url, memo=build.memo, site_name=settings.site_name, env=env, page_size=build.page_size
    )
    files = staged_files(root, site, settings, env, build.authored)
    for rel, data in (build.downloads(site.model, settings.site_name) if build.downloads else {}).items():
        if rel in files:
            raise StageError([Problem(f"{AUTHORED_DIR}/{rel}", None, "Diese Datei wird erzeugt; docs/ darf keine Datei dieses Namens enthalten.")])
        files[rel] = data
    stats = build.writer.write(root / DOCS_DIR, files)
    build.generated = {path: page.source for path, page in site.generated.items()}
    glossary = abbreviation_glossary(site.model)
    for path, site_dir in ((MKDOCS_CONFIG, "../site"), (ZENSICAL_CONFIG, ZENSICAL_SITE)):
        made_from = (settings, glossary)
        if path.name not in build.configs or build.configs[path.name][0] != made_from:
            build.configs[path.name] = (made_from, staged_config(settings.raw, glossary, site_dir=site_dir))
        _write_if_changed(root / path, build.configs[path.name][1])
    _write_if_changed(root / GENERATED_FILE, json.dumps(build.generated, indent=1, sort_keys=True) + "\n")
    if build.serving and not gc.get_freeze_count():
        # What a Build's memo keeps lives as long as a serving process: exempt it from the cyclic garbage
        # collector, which would otherwise walk it on every full collection (0.1–0.2 s at 1,000 entries).
        gc.collect()
        gc.freeze()
    return Staged(site, stats)


def staged_files(
    root: Path, site: pipeline.Site, settings: Settings, env: jinja2.Environment | None = None, memo: dict[str, tuple[tuple[object, ...], str]] | None = None
) -> dict[str, str | bytes]:
    """Every file of the staged tree. memo (Build.authored): authored pages staged before, reused while their
    text, the settings, the content model, the templates and the number of entries with attachments are the same."""
    env = env or new_environment()
    memo = {} if memo is None else memo
    attachments = sum(1 for entry in site.catalog.entries if entry.attachments)  # what a legal section shows
    files: dict[str, str | bytes] = {path: with_meta(page.markdown, page.head, searchable=page.searchable) for path, page in site.generated.items()}
    files.update(site.files)
    for entry in site.catalog.entries:
        for asset in entry.assets:
            files[f"mediathek/{entry.slug}/{asset}"] = (root / "projects" / entry.slug / asset).read_bytes()
    authored = root / AUTHORED_DIR
    for dirpath, dirnames, filenames in os.walk(authored):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(authored).as_posix()
            if rel in files:
                continue  # generated pages win, as they did in memory
            if rel.endswith(".md"):
                markdown = path.read_text(encoding="utf-8")
                stored = memo.get(rel)
                key = (markdown, settings, attachments)
                if stored is None or stored[0][:3] != key or stored[0][3] is not site.model or stored[0][4] is not env:
                    text = authored_page(markdown, rel, settings, site, env)
                    stored = memo[rel] = ((*key, site.model, env), with_meta(text, other_page_head(page_url(rel), settings.site_name, env), searchable=True))
                files[rel] = stored[1]
            else:
                files[rel] = path.read_bytes()
    return files


def authored_page(markdown: str, source: str, settings: Settings, site: pipeline.Site, env: jinja2.Environment | None = None) -> str:
    """An authored page of docs/ with its markers resolved (mediathek.site.markers). The one place staging resolves markers."""
    values = {"betreiber": settings.operator, "site_name": settings.site_name, "repo_url": settings.repo_url, "site_url": settings.site_url}
    try:
        return resolve_markers(markdown, source, values, site.catalog, site.model, env=env)
    except MarkerError as err:
        where = f"{AUTHORED_DIR}/{source}"
        raise StageError([Problem(where, None, str(err).removeprefix(f"{where}: "))]) from err


def with_meta(text: str, head: str, *, searchable: bool) -> str:
    """The page with its <head> HTML and search flag added to its front matter (JSON strings are YAML)."""
    lines = f"mediathek_head: {json.dumps(head, ensure_ascii=False)}\n"
    if searchable:
        lines += "mediathek_searchable: true\n"
    if text.startswith("---\n"):
        return "---\n" + lines + text[4:]
    return f"---\n{lines}---\n\n{text}"


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except FileNotFoundError:
        pass
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
