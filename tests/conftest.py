"""Shared fixtures: a scratch repository with the real content model and small entries.

The rule between the two test layers (tests/README.md): behaviour is tested on fixtures (tmp_path
scratch repos, tests/fixtures/operators/*.yml via operator_settings()); a test that reads this
checkout's projects/ or mkdocs.yml is marked `live` and asserts only invariants that hold for any
valid collection and any operator — never a count, slug, title, tag, date or setting value.
tests/test_scenarios.py runs every `live` test again on a changed copy of the checkout.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterator
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


def write_operator(config: Path, fixture: dict[str, Any], *, demo: bool = False) -> None:
    """A copy's mkdocs.yml with a fixture operator's settings (site_url, repo_url, extra.betreiber)
    as the operator would write them, and `extra.demo` set or removed."""
    text = config.read_text(encoding="utf-8")
    site_url = f'site_url: !ENV [MEDIATHEK_SITE_URL, "{fixture["site_url"]}"]'
    text = re.sub(r"^site_url:.*$", lambda _: site_url, text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^repo_url:.*$", lambda _: f"repo_url: {fixture['repo_url']}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^  demo: .*\n", "", text, flags=re.MULTILINE)
    if demo:
        text = text.replace("\nextra:\n", "\nextra:\n  demo: true\n", 1)
    head, _, rest = text.partition("\n  betreiber:\n")
    assert rest and not re.search(r"^\S", rest, flags=re.MULTILINE), "extra.betreiber is the last block of mkdocs.yml"
    block = yaml.safe_dump({"betreiber": fixture["betreiber"]}, allow_unicode=True, sort_keys=False, width=1000)
    config.write_text(head + "\n" + "".join(f"  {line}\n" for line in block.splitlines()), encoding="utf-8")


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


# The site's name in the fixtures' mkdocs.yml and in the golden files: the live name is the operator's (README.md).
FIXTURE_SITE_NAME = "Wissenssammlung Netzwerkkoordination"


def scratch_repo(root: Path, word_limits: bool) -> ScratchRepo:
    copy_content_model(root / "projects", word_limits=word_limits)
    (root / "mkdocs.yml").write_text(f"site_name: {FIXTURE_SITE_NAME}\n" + SITE_MARKDOWN, encoding="utf-8")
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


# Fixtures that build the whole site, drive Chromium or read the live checkout: a test that uses one
# (directly or through another fixture) gets the marker, so `make test-fast` (-m "not browser and
# not build") leaves it out and the scenario layer (-m live) runs it on its copy.
MARKED_BY_FIXTURE = {
    "built_site": ("build", "live"),
    "preview": ("build",),
    "browser": ("browser",),
    "real": ("live",),
    "site_url": ("live",),
}


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker, and before pytest-xdist reads xdist_group
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in set(getattr(item, "fixturenames", ())) & MARKED_BY_FIXTURE.keys():
            for marker in MARKED_BY_FIXTURE[fixture]:
                item.add_marker(marker)
        # With `--dist loadgroup` (make test) a file's tests run on one worker, which makes the file's
        # fixtures once, unless the file is marked `spread`.
        if not item.get_closest_marker("spread"):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
    # The scenario layer is the longest file by far: first, so that the other workers share the rest meanwhile.
    items.sort(key=lambda item: item.path.name != SCENARIO[0])


# The scenario layer (tests/test_scenarios.py) runs every `live` test on a copy of the checkout that
# holds all live entries but the withdrawn one, plus the four changes. The expensive live tests — a
# browser, or a second site generator — then run there only, so `make test` drives Chromium over the
# real site and builds with Zensical once, not twice. Selected without the scenario (e.g.
# `pytest tests/test_browser.py`, `make zensical`), they run on the checkout itself.
SCENARIO = ("test_scenarios.py", "test_every_live_test_passes_on_the_changed_copy")
SCENARIO_COPY_VARIABLE = "MEDIATHEK_SCENARIO_COPY"  # set inside the copy: nothing is left to the scenario there
BUILT_SITE_VARIABLE = "MEDIATHEK_BUILT_SITE"  # a folder with site/ and build.log of `make build` of this checkout
ONCE_ON_THE_COPY = ("browser", "zensical")


class _OnceOnTheCopy:
    """A plugin of its own: its hook must run after -m has selected, the marking hook above before."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        import os

        if os.environ.get(SCENARIO_COPY_VARIABLE) or not any((item.path.name, item.name) == SCENARIO for item in items):
            return
        left = [i for i in items if i.get_closest_marker("live") and any(i.get_closest_marker(m) for m in ONCE_ON_THE_COPY)]
        if left:
            config.hook.pytest_deselected(items=left)
            items[:] = [item for item in items if item not in left]


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_OnceOnTheCopy(), "mediathek-once-on-the-copy")


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


@contextlib.contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    """An exclusive lock between the processes of one test run (pytest-xdist's workers)."""
    import fcntl

    with open(lock_file, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this test run, shared by its pytest-xdist workers (each has its own below it)."""
    import os

    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder that make(folder) fills once per test run, however many workers ask for it: a whole-site
    build costs seconds of CPU, and two builds of this checkout at once would share its build/ folder."""
    run = _run_folder(tmp_path_factory)
    folder = run / name
    with _locked(run / f"{name}.lock"):
        if not (folder / ".made").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


def build_checkout(tmp_path_factory: pytest.TempPathFactory, site: Path, *options: str) -> subprocess.CompletedProcess:
    """`python -m mediathek build` of this checkout into site. It stages into the checkout's build/
    folder, so one build at a time across the run's workers."""
    import os
    import sys

    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    with _locked(_run_folder(tmp_path_factory) / "checkout-build.lock"):
        return subprocess.run(
            [sys.executable, "-m", "mediathek", "build", *options, "--site-dir", str(site)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, git_status_before_build) -> Path:
    """The real site, built once per test run with `python -m mediathek build` (strict), as
    `make build` and CI build it."""
    import os

    if os.environ.get(BUILT_SITE_VARIABLE):  # the scenario's copy: its deploy step built this very checkout already
        given = Path(os.environ[BUILT_SITE_VARIABLE]) / "site"
        assert (given / "index.html").is_file() and (given.parent / "build.log").is_file(), given
        return given

    def build(folder: Path) -> None:
        done = build_checkout(tmp_path_factory, folder / "site")
        assert done.returncode == 0, done.stdout + done.stderr
        (folder / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")

    return made_once(tmp_path_factory, "built-site", build) / "site"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """This checkout's code with the frozen entries of tests/search_fixture in place of projects/<slug>/,
    built as `make build` does: search behaviour is measured on it, whatever the live content holds."""

    def build(folder: Path) -> None:
        import os
        import sys

        root = copy_checkout(folder / "checkout", entries=False)
        for entry in sorted((Path(__file__).resolve().parent / "search_fixture").iterdir()):
            shutil.copytree(entry, root / "projects" / entry.name)
        env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([sys.executable, "-m", "mediathek", "build"], cwd=root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr

    return made_once(tmp_path_factory, "search-fixture", build) / "checkout" / "site"


@pytest.fixture(scope="session")
def search_site_url(fixture_site):
    """The search fixture's site, served on a free loopback port."""
    from browser import serve

    with serve(fixture_site) as url:
        yield url


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
