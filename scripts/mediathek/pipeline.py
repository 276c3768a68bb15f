"""The steps from projects/ to generated pages, one call each."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog, build_catalog
from .contentmodel import ContentModelError, load_content_model
from .loader import discover
from .model import ContentModel, Entry, Problem
from .reader import DEFAULT_SITE_URL, reader_head
from .render import environment, render_site
from .validate import validate

GENERATED_DIR = Path("build") / "pages"


@dataclass(frozen=True)
class CheckResult:
    model: ContentModel | None
    entries: list[Entry]
    problems: list[Problem]
    checked: int = 0


@dataclass(frozen=True)
class Site:
    model: ContentModel
    catalog: Catalog
    pages: dict[str, str] = field(default_factory=dict)
    head: dict[str, str] = field(default_factory=dict)  # page path -> extra HTML for its <head>


def check(repo_root: Path, parallel: bool = False) -> CheckResult:
    """Load the content model and every entry; validate all of them (parallel: see validate())."""
    projects = repo_root / "projects"
    try:
        model = load_content_model(projects, repo_root)
    except ContentModelError as err:
        return CheckResult(None, [], err.problems)
    raw, file_problems = discover(projects, repo_root, model.limits)
    entries, problems = validate(raw, model, parallel)
    all_problems = sorted(file_problems + problems, key=lambda p: (p.path, p.line or 0))
    return CheckResult(model, entries, all_problems, checked=len(raw) + len({p.path for p in file_problems}))


_last_check: tuple[tuple[object, ...], CheckResult] | None = None


def check_cached(repo_root: Path, parallel: bool = False) -> CheckResult:
    """check(), reused while no file under projects/ changed: `build` validates before MkDocs
    starts and the hook validates again inside it, in the same process."""
    global _last_check
    key = (repo_root.resolve(), *_file_state(repo_root / "projects"))
    if _last_check is None or _last_check[0] != key:
        _last_check = (key, check(repo_root, parallel))
    return _last_check[1]


def _file_state(folder: Path) -> list[tuple[str, int, int, int]]:
    state = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            info = os.lstat(os.path.join(dirpath, name))
            state.append((os.path.join(dirpath, name), info.st_mode, info.st_size, info.st_mtime_ns))
    return state


def generate(result: CheckResult, site_url: str | None = None) -> Site:
    """Index and render a valid collection (call only when result.problems is empty).

    site_url is the published address (mkdocs.yml `site_url`); feeds, catalog.json,
    citations and structured data need absolute URLs.
    """
    assert result.model is not None and not result.problems
    site_url = site_url or DEFAULT_SITE_URL
    catalog = build_catalog(result.entries, result.model)
    pages = render_site(catalog, result.model, site_url)
    head = reader_head(catalog, result.model, site_url, pages, environment())
    return Site(result.model, catalog, pages, head)


def find_repo_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml and projects/, from the working directory upwards."""
    here = (start or Path(os.getcwd())).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "projects").is_dir():
            return folder
    return here
