"""Smoke test of `make bench`: it runs for a handful of entries and writes the promised keys.

No timing is asserted here; the targets are checked by the benchmark itself (README: „Leistung messen“).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, copy_checkout
from mediathek.site.build import PAGE_SIZE_VARIABLE

pytestmark = pytest.mark.build  # the bench builds its synthetic site: left out by make test-fast

REQUIRED_KEYS = {
    "n", "check_s", "generate_s", "build_s", "naive_build_s", "peak_rss_mb", "site_mb",
    "search_index_bytes", "search_index_gzip_bytes", "noop_rewrites", "edit_rewrites",
}


def test_bench_runs_for_five_entries_outside_the_checkout(tmp_path):
    projects_before = sorted(p.name for p in (REPO / "projects").iterdir())
    results = tmp_path / "bench.json"
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "mediathek_bench", "--n", "5", "--json", str(results)],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = json.loads(results.read_text(encoding="utf-8"))
    assert [row["n"] for row in rows] == [5]
    assert set(rows[0]) >= REQUIRED_KEYS
    assert rows[0]["noop_rewrites"] == 0
    assert rows[0]["edit_rewrites"] == 1
    assert rows[0]["search_index_bytes"] > 0 and rows[0]["naive_build_s"] > 0
    assert "| Einträge |" in done.stdout
    assert sorted(p.name for p in (REPO / "projects").iterdir()) == projects_before
    assert not list(tmp_path.glob("mediathek-bench-*")), "the temporary folder is removed"


def test_the_serve_bench_finishes_when_the_edited_entry_sits_on_a_later_listing_page(tmp_path):
    """Pages of one entry: the entry the serve bench edits (the middle one of five) is not on the
    Mediathek's first page, where the bench once waited for its new title in vain.

    The bench runs in a copy without the live entries: its synthetic text is drawn from the entries it
    finds, and with other entries the middle one could sort first."""
    checkout = copy_checkout(tmp_path / "checkout", entries=False)
    results = tmp_path / "bench.json"
    env = {
        **os.environ, "PYTHONPATH": str(checkout / "scripts"), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path),
        PAGE_SIZE_VARIABLE: "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "mediathek_bench", "--n", "5", "--naive-max", "0", "--serve", "--serve-repeats", "1", "--json", str(results)],
        cwd=checkout, env=env, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    row = json.loads(results.read_text(encoding="utf-8"))[0]
    assert row["serve_title_s"] > 0 and row["serve_reload_s"] > 0
    assert row["serve_title_page"].startswith("seite-"), row["serve_title_page"]  # a later page, not the first
