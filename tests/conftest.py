"""Shared fixtures: a scratch repository with the real content model and small entries."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
OPERATORS = Path(__file__).resolve().parent / "fixtures" / "operators"
OPERATOR_KINDS = ("privat", "bund", "land", "kammer", "kommune")


def operator_settings(name: str) -> dict[str, Any]:
    """Settings of a fixture operator (tests/fixtures/operators/<name>.yml): `betreiber`, `repo_url`,
    `site_url`. Behaviour tests read these, never the live mkdocs.yml (tests/README.md)."""
    data: dict[str, Any] = yaml.safe_load((OPERATORS / f"{name}.yml").read_text(encoding="utf-8"))
    return data
DATA_FILES = ("_inhaltsmodell.yml", "_themen.yml", "_schlagwoerter.yml", "_glossar.yml")

VALID_PAPER = """\
---
title: "Eine Projektarbeit"
description: "Kurze Beschreibung."
date: 2026-11-26
type: projektarbeit
topics: [verstetigung]
tags: [Anschlussfinanzierung, Fördermittel]
authors: ["Projektgruppe Verstetigung"]
---

## Zusammenfassung

Ein Text über Verstetigung.
"""

# An editorial text (themenbeitrag): same sections as a paper, written by the editorial team.
VALID_EDITORIAL = (
    VALID_PAPER.replace("Eine Projektarbeit", "Ein Themenbeitrag")
    .replace("type: projektarbeit", "type: themenbeitrag")
    .replace('["Projektgruppe Verstetigung"]', '["Redaktion der Wissenssammlung"]')
)

VALID_EXAMPLE = """\
---
title: "Ein Praxisbeispiel"
description: "Kurze Beschreibung des Beispiels."
date: 2026-11-20
type: praxisbeispiel
topics: [verstetigung, netzwerkaufbau]
tags: [Anschlussfinanzierung, Akteursanalyse]
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


WORD_LIMITS = re.compile(r"^ +words: .*\n", re.MULTILINE)


def copy_content_model(projects: Path, *, word_limits: bool) -> None:
    """The real data files in projects; without word_limits, small test entries pass the length rule."""
    projects.mkdir(exist_ok=True)
    for name in DATA_FILES:
        shutil.copy(REPO / "projects" / name, projects / name)
    if not word_limits:
        model = projects / "_inhaltsmodell.yml"
        model.write_text(WORD_LIMITS.sub("", model.read_text(encoding="utf-8")), encoding="utf-8")


def write_sections(index_md: Path) -> None:
    """What an author does after `make neu`: a sentence under every prepared heading."""
    text = index_md.read_text(encoding="utf-8")
    index_md.write_text(re.sub(r"^(## .+)$", r"\1\n\nEin Satz Text.", text, flags=re.MULTILINE), encoding="utf-8")


# The checkout's Markdown extensions, which the validator renders bodies with (mediathek.content.sitemarkdown).
SITE_MARKDOWN = re.search(r"^markdown_extensions:\n(?:[ #].*\n|\n)*", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(0)  # type: ignore[union-attr]


def scratch_repo(root: Path, word_limits: bool) -> ScratchRepo:
    copy_content_model(root / "projects", word_limits=word_limits)
    (root / "mkdocs.yml").write_text("site_name: Test\n" + SITE_MARKDOWN, encoding="utf-8")
    return ScratchRepo(root)


def copy_checkout(dest: Path, *, entries: bool = True, tests: bool = False) -> Path:
    """The files of this checkout (tracked or new, not ignored) in dest: what a clone would hold."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for name in listed:
        if not (REPO / name).is_file() or (not tests and name.startswith(("tests/", ".github/", ".ci/"))):
            continue
        if not entries and name.startswith("projects/") and name.count("/") > 1:
            continue
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, dest / name)
    return dest


# Fixtures that build the whole site or drive Chromium: a test that uses one (directly or through
# another fixture) gets the marker, so `make test-fast` (-m "not browser and not build") leaves it out.
MARKED_BY_FIXTURE = {"built_site": "build", "preview": "build", "browser": "browser"}


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in set(getattr(item, "fixturenames", ())) & MARKED_BY_FIXTURE.keys():
            item.add_marker(MARKED_BY_FIXTURE[fixture])


@pytest.fixture
def repo(tmp_path: Path) -> ScratchRepo:
    """The real content model without its length limits: small entries, each test about one rule."""
    return scratch_repo(tmp_path, word_limits=False)


@pytest.fixture
def strict_repo(tmp_path: Path) -> ScratchRepo:
    """The real content model as it is, length limits included."""
    return scratch_repo(tmp_path, word_limits=True)


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
    from mediathek.pages import pipeline

    return pipeline.check(REPO)


GOLDEN_UPDATE = "MEDIATHEK_GOLDEN_UPDATE"


def compare_golden(actual: str, expected_file: Path, name: str, refresh: str) -> None:
    """actual must equal the golden file; with MEDIATHEK_GOLDEN_UPDATE=1 it is written instead.
    refresh: the command that rewrites the golden files, for the message."""
    import difflib
    import os

    if os.environ.get(GOLDEN_UPDATE):
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not expected_file.is_file():
        pytest.fail(f"{expected_file.relative_to(REPO)} is missing: write it with {GOLDEN_UPDATE}=1 {refresh}.", pytrace=False)
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"expected/{name}", f"actual/{name}"))
        pytest.fail(
            f"{name} differs from {expected_file.relative_to(REPO)}. If the change is intended, run "
            f"{GOLDEN_UPDATE}=1 {refresh} and review the files with git diff.\n{diff}",
            pytrace=False,
        )
