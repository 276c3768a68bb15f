"""Shared fixtures: a scratch repository with the real content model and small entries."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA_FILES = ("_inhaltsmodell.yml", "_themen.yml", "_schlagwoerter.yml", "_glossar.yml")

VALID_PAPER = """\
---
title: "Eine Projektarbeit"
description: "Kurze Beschreibung."
date: 2026-11-26
type: projektarbeit
topics: [verstetigung]
tags: [Verstetigung, Fördermittel]
authors: ["Projektgruppe Verstetigung"]
---

## Zusammenfassung

Ein Text über Verstetigung.
"""

VALID_EXAMPLE = """\
---
title: "Ein Praxisbeispiel"
description: "Kurze Beschreibung des Beispiels."
date: 2026-11-20
type: praxisbeispiel
topics: [verstetigung, netzwerkaufbau]
tags: [Verstetigung, Netzwerkaufbau]
authors: ["Redaktion der Wissenssammlung"]
bundesland: Niedersachsen
organisation: Verein
network: Regionales MINT-Netzwerk
---

## Ausgangslage

Siehe auch [die Projektarbeit](../eine-projektarbeit/index.md#zusammenfassung).
"""


class ScratchRepo:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.projects = root / "projects"

    def entry(self, slug: str, text: str, **files: bytes) -> Path:
        folder = self.projects / slug
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "index.md"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        for name, data in files.items():
            (folder / name.replace("__", ".")).write_bytes(data)
        return path


@pytest.fixture
def repo(tmp_path: Path) -> ScratchRepo:
    projects = tmp_path / "projects"
    projects.mkdir()
    for name in DATA_FILES:
        shutil.copy(REPO / "projects" / name, projects / name)
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    return ScratchRepo(tmp_path)


@pytest.fixture
def valid_repo(repo: ScratchRepo) -> ScratchRepo:
    repo.entry("eine-projektarbeit", VALID_PAPER)
    repo.entry("ein-praxisbeispiel", VALID_EXAMPLE)
    return repo


@pytest.fixture(scope="session")
def git_status_before_build() -> str:
    import subprocess

    return subprocess.run(["git", "status", "--porcelain", "--ignored=no"], cwd=REPO, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, git_status_before_build) -> Path:
    """The real site, built once per test run with `python -m mediathek build` (strict), as
    `make build` and CI build it."""
    import os
    import subprocess
    import sys

    site = tmp_path_factory.mktemp("site") / "site"
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mediathek", "build", "--site-dir", str(site)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (site.parent / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built real site, served on a free loopback port."""
    from browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def real():
    """The real content, validated."""
    from mediathek import pipeline

    return pipeline.check(REPO)
