"""Stage, then build: the staged tree (build/docs) is complete, written only when changed, and what
`mkdocs serve` rebuilds after a save is what a fresh build gives."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "projects", "scripts")
NOT_COMPARED = {"pagefind", "sitemap.xml.gz", "sitemap.xml"}  # the index has its own tests; sitemaps carry the date


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


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", *args], cwd=root, env=env, capture_output=True, text=True)


def differences(left: Path, right: Path) -> list[str]:
    found = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=sorted(NOT_COMPARED)), "")
    return found


def test_the_staged_tree_holds_every_page_and_file(tmp_path, real):
    root = copy_of_the_site(tmp_path)
    done = run(root, "mediathek", "stage")
    assert done.returncode == 0, done.stderr
    docs = root / "build" / "docs"
    for entry in real.entries:
        text = (docs / "mediathek" / entry.slug / "index.md").read_text(encoding="utf-8")
        assert text.startswith("---\nmediathek_head: ") and "mediathek_searchable: true" in text
        for asset in entry.assets:
            assert (docs / "mediathek" / entry.slug / asset).read_bytes() == (root / "projects" / entry.slug / asset).read_bytes()
    for authored in (REPO / "docs").rglob("*"):
        if authored.is_file():
            assert (docs / authored.relative_to(REPO / "docs")).is_file(), authored
    mitmachen = (docs / "mitmachen.md").read_text(encoding="utf-8")
    assert "{{" not in mitmachen and "/blob/main/CONTRIBUTING.md" in mitmachen
    assert "{{" not in (docs / "index.md").read_text(encoding="utf-8")
    assert (docs / "themen" / ".pages").is_file() and (docs / ".pages").is_file()
    config = (root / "build" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "glossary:" in config and "custom_dir: ../overrides" in config and "docs_dir: docs" in config


def test_staging_again_rewrites_nothing_and_removes_what_went(tmp_path, real):
    root = copy_of_the_site(tmp_path)
    assert run(root, "mediathek", "stage").returncode == 0
    again = run(root, "mediathek", "stage")
    assert again.returncode == 0, again.stderr
    assert "0 Dateien neu geschrieben" in again.stdout and "0 entfernt" in again.stdout
    stale = root / "build" / "docs" / "mediathek" / "geloescht" / "index.md"
    stale.parent.mkdir()
    stale.write_text("# Gelöscht\n", encoding="utf-8")
    after = run(root, "mediathek", "stage")
    assert after.returncode == 0, after.stderr
    assert "1 entfernt" in after.stdout and not stale.exists()


def test_an_unknown_marker_stops_staging(tmp_path):
    root = copy_of_the_site(tmp_path)
    page = root / "docs" / "impressum.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ betreiber.gibtsnicht }}\n", encoding="utf-8")
    done = run(root, "mediathek", "build")
    assert done.returncode == 1
    assert "docs/impressum.md: Unbekannter Platzhalter „{{ betreiber.gibtsnicht }}“." in done.stderr
    assert "Traceback" not in done.stderr


def test_mkdocs_refuses_the_unstaged_docs_folder(tmp_path):
    root = copy_of_the_site(tmp_path)
    done = run(root, "mkdocs", "build", "--site-dir", str(tmp_path / "site"))
    assert done.returncode != 0
    assert "bitte `make build` oder `make serve` verwenden" in done.stdout + done.stderr


@pytest.mark.build
def test_a_warning_fails_the_strict_build_and_keeps_the_previous_site(tmp_path):
    root = copy_of_the_site(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "marker.html").write_text("alt", encoding="utf-8")
    page = root / "docs" / "mitmachen.md"
    before = page.read_text(encoding="utf-8")
    page.write_text(before + "\n[Kaputter Link](gibt-es-nicht.md)\n", encoding="utf-8")
    done = run(root, "mediathek", "build")
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert output.count("'gibt-es-nicht.md'") == 1 and "Traceback" not in output
    assert [p.name for p in site.iterdir()] == ["marker.html"]
    assert page.read_text(encoding="utf-8") == before + "\n[Kaputter Link](gibt-es-nicht.md)\n"  # authored file untouched
    assert not list(root.glob(".site.new-*"))


@pytest.mark.build
def test_a_serve_rebuild_after_a_save_renders_only_the_changed_pages_and_equals_a_fresh_build(tmp_path, monkeypatch, real):
    """What each rebuild of `make serve` (mkdocs serve --dirty) does, in this process."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = copy_of_the_site(tmp_path)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    assert run(root, "mediathek", "stage").returncode == 0
    served = tmp_path / "served"

    def serve_build() -> None:
        # `make serve` passes --no-strict: a dirty build always warns that it is one.
        config = load_config(str(root / "build" / "mkdocs.yml"), site_dir=str(served), strict=False)
        config.plugins.on_startup(command="serve", dirty=True)
        try:
            mkdocs_build(config, dirty=True)
        finally:
            config.plugins.on_shutdown()

    serve_build()
    pages = sorted(served.rglob("*.html"))
    old = {page: page.stat().st_mtime_ns for page in pages}
    entry = real.entries[0]
    source = root / "projects" / entry.slug / "index.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nEin Absatz, eben gespeichert.\n", encoding="utf-8")
    serve_build()
    changed = {page.relative_to(served).as_posix() for page in pages if page.stat().st_mtime_ns != old[page]}
    assert f"mediathek/{entry.slug}/index.html" in changed
    assert len(changed) <= 3, changed  # the entry, and pages whose staged Markdown changed with it (none here)
    assert "Ein Absatz, eben gespeichert." in (served / entry.url / "index.html").read_text(encoding="utf-8")

    fresh = run(root, "mediathek", "build", "--site-dir", str(tmp_path / "fresh"))
    assert fresh.returncode == 0, fresh.stderr
    assert (tmp_path / "fresh" / "pagefind" / "pagefind.js").is_file()
    # The served site is not compacted and has no search index or pruned theme files: compare the pages' text.
    from mediathek.site.compact_html import collapse_indentation

    for page in (tmp_path / "fresh").rglob("index.html"):
        rel = page.relative_to(tmp_path / "fresh")
        assert collapse_indentation((served / rel).read_text(encoding="utf-8")) == page.read_text(encoding="utf-8"), rel


@pytest.mark.build
def test_a_failed_search_index_fails_the_build_and_keeps_the_previous_site(tmp_path, monkeypatch, capsys):
    from mediathek import __main__ as cli
    from mediathek.site import search

    root = copy_of_the_site(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "marker.html").write_text("alt", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(search, "command", lambda site_dir: [sys.executable, "-c", "import sys; print('kaputt'); sys.exit(3)"])
    assert cli.main(["build"]) == 1
    assert "Der Suchindex (Pagefind) konnte nicht erstellt werden:\nkaputt" in capsys.readouterr().err
    assert [p.name for p in site.iterdir()] == ["marker.html"]
    assert not list(root.glob(".site.new-*"))
