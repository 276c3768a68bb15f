"""Rendering Markdown ahead of MkDocs (scripts/mkdocs_prerender.py), in parallel for `build` and
from memory for `serve`, changes nothing but the time."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "projects", "scripts")
# Pagefind's bundle is checked by the search tests; the gzipped sitemap carries a timestamp.
NOT_COMPARED = {"pagefind", "sitemap.xml.gz"}


def build(root: Path, site: Path, min_pages: int, cache: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1", "MEDIATHEK_PARALLEL_MIN_PAGES": str(min_pages)}
    env["MEDIATHEK_RENDER_CACHE"] = "1" if cache else "0"
    return subprocess.run(
        [sys.executable, "-m", "mediathek", "build", "--site-dir", str(site)], cwd=root, env=env, capture_output=True, text=True
    )


def differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=sorted(NOT_COMPARED))
    found = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(compared, "")
    return found


def test_the_tested_site_was_rendered_in_parallel(built_site):
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    assert re.search(r"Markdown von \d+ Seiten in \d+ Prozessen umgewandelt", log)
    assert re.search(r"Seitenvorlagen von \d+ Seiten in \d+ Prozessen gefüllt", log)


def test_parallel_and_sequential_builds_are_identical(built_site, tmp_path):
    sequential = tmp_path / "site"
    done = build(REPO, sequential, min_pages=10**9)
    assert done.returncode == 0, done.stderr
    assert "Prozessen" not in done.stdout + done.stderr
    assert differences(built_site, sequential) == []
    # The parallel build indexed the pages its workers wrote, early; the sequential one the site
    # after it was written. Pages and index chunks are named by their content (filters and the
    # metadata file are not written in a fixed order).
    for part in ("pagefind/fragment", "pagefind/index"):
        assert differences(built_site / part, sequential / part) == [], part
        assert any((built_site / part).iterdir()), part


def copy_of_the_site(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for name in SITE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / name)
    return root


def test_pagefind_is_handed_only_what_it_reads_of_a_built_page(built_site):
    import mkdocs_pagefind

    page = (built_site / "mitmachen" / "index.html").read_text(encoding="utf-8")
    view = mkdocs_pagefind.searchable_view(page)
    assert view.startswith('<!doctype html>\n<html lang="de"')
    assert "<title>" in view and view.count(mkdocs_pagefind.BODY_OPEN) == 1
    assert "md-header" in page and "md-header" not in view and "md-footer" not in view  # theme parts dropped
    body = page[page.index(mkdocs_pagefind.BODY_OPEN) : page.rindex("</article>")]
    assert body in view and len(view) < len(page) / 2
    assert mkdocs_pagefind.searchable_view("<p>kein Seitenrahmen</p>") == "<p>kein Seitenrahmen</p>"


def test_a_warning_while_rendering_in_parallel_still_fails_the_strict_build(tmp_path):
    root = copy_of_the_site(tmp_path)
    page = root / "docs" / "mitmachen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Kaputter Link](gibt-es-nicht.md)\n", encoding="utf-8")
    done = build(root, root / "site", min_pages=1)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Markdown von " in output  # the page was rendered by a worker
    assert output.count("'gibt-es-nicht.md'") == 1  # reported once, by the main process
    assert "Traceback" not in output
    assert not (root / "site").exists()


def test_serve_converts_only_the_changed_page_and_builds_the_same_site(tmp_path, monkeypatch, real):
    import mkdocs_pagefind
    import mkdocs_prerender
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = copy_of_the_site(tmp_path)
    monkeypatch.setattr(mkdocs_prerender, "_kept", {})
    counts = []
    prerender = mkdocs_prerender.prerender
    monkeypatch.setattr(mkdocs_prerender, "prerender", lambda *args, **kwargs: counts.append(prerender(*args, **kwargs)))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")

    def serve_build(site: Path) -> None:  # what each rebuild of `mkdocs serve` does
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()

    serve_build(tmp_path / "first")
    entry = root / "projects" / real.entries[0].slug / "index.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nEin Absatz, eben gespeichert.\n", encoding="utf-8")
    serve_build(tmp_path / "second")
    assert counts[0]["reused"] == 0
    assert counts[1] == {"converted": 1, "reused": counts[0]["converted"] - 1}

    fresh = build(root, tmp_path / "fresh", min_pages=10**9)
    assert fresh.returncode == 0, fresh.stderr
    assert "Ein Absatz, eben gespeichert." in (tmp_path / "second" / real.entries[0].url / "index.html").read_text(encoding="utf-8")
    assert differences(tmp_path / "second", tmp_path / "fresh") == []


def test_a_build_converts_only_what_changed_since_the_last_and_equals_a_fresh_build(tmp_path, real):
    root = copy_of_the_site(tmp_path)
    first = build(root, tmp_path / "first", min_pages=1, cache=True)
    assert first.returncode == 0, first.stderr
    assert (root / "build" / "render-cache.json").is_file()
    entry = root / "projects" / real.entries[0].slug / "index.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nEin Absatz, eben gespeichert.\n", encoding="utf-8")
    second = build(root, tmp_path / "second", min_pages=1, cache=True)
    output = second.stdout + second.stderr
    assert second.returncode == 0, output
    assert re.search(r"Markdown von 1 Seite in \d+ Prozessen umgewandelt", output)
    assert re.search(r"Markdown von \d+ unveränderten Seiten aus render-cache.json übernommen", output)
    fresh = build(root, tmp_path / "fresh", min_pages=1, cache=False)
    assert fresh.returncode == 0, fresh.stderr
    assert differences(tmp_path / "second", tmp_path / "fresh") == []


def test_a_damaged_render_cache_is_ignored(tmp_path):
    root = copy_of_the_site(tmp_path)
    (root / "build").mkdir()
    (root / "build" / "render-cache.json").write_text('{"format": 1, "pages": {"x": {"kaputt', encoding="utf-8")
    done = build(root, tmp_path / "site", min_pages=1, cache=True)
    assert done.returncode == 0, done.stderr
    assert "übernommen" not in done.stdout + done.stderr


PRIMARY_NAV = re.compile(r'<div class="md-sidebar md-sidebar--primary".*?<div class="md-sidebar md-sidebar--secondary"', re.DOTALL)


def test_entry_pages_show_the_navigation_material_renders_for_each(built_site, tmp_path, monkeypatch, real):
    """Entry pages print one shared navigation (mkdocs_hooks._navigation_of_entries): the same HTML
    as rendering Material's navigation for each of them."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = copy_of_the_site(tmp_path)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "own"))
    for hooks in config.hooks.values():
        hooks._navigation_of_entries = lambda context: None  # each page renders Material's partial
    config.plugins.on_startup(command="serve", dirty=False)  # in this process, one page after another
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    for entry in real.entries:
        shared = PRIMARY_NAV.search((built_site / entry.url / "index.html").read_text(encoding="utf-8")).group(0)
        own = PRIMARY_NAV.search((tmp_path / "own" / entry.url / "index.html").read_text(encoding="utf-8")).group(0)
        assert shared.replace('data-md-type="navigation">', 'data-md-type="navigation" >') == own, entry.slug
