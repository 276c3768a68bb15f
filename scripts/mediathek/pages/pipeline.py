"""The steps from projects/ to generated pages, one call each."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import jinja2

from ..catalog.index import Catalog, RelatedMemo, build_catalog
from ..catalog.listing import PAGE_SIZE
from ..content.contentmodel import ContentModelError, load_content_model
from ..content.loader import FolderMemo, discover
from ..content.model import ContentModel, Entry, Problem
from ..content.parallel import Workers
from ..content.validate import CheckMemo, validate
from .page import Page
from .reader import DEFAULT_SITE_URL, reader_head
from .render import RenderMemo, new_environment, render_site

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
    generated: dict[str, Page]  # the generated pages, head HTML and search flag filled in
    files: dict[str, str]  # the other generated files: feeds, catalog.json, citations, `.pages`, suche.json, …

    @cached_property
    def pages(self) -> dict[str, str]:
        """The text of every generated page and file, by its path (as `make generate` writes build/pages)."""
        return {**{path: page.markdown for path, page in self.generated.items()}, **self.files}

    @cached_property
    def head(self) -> dict[str, str]:
        """Each generated page's extra <head> HTML, by its path."""
        return {path: page.head for path, page in self.generated.items()}


@dataclass
class Memo:
    """What a long-running process (`make serve`) keeps between two runs of check and generate, so
    that a save costs work for the changed entry only: entries read from unchanged folders, single
    entries checked before, the content model while its files are equal, rendered pages
    (render.RenderMemo). Every item is reused only while its inputs are equal: a run with a memo
    gives what a run without gives (tests/test_incremental.py)."""

    folders: FolderMemo = field(default_factory=dict)
    checks: CheckMemo = field(default_factory=dict)
    model: ContentModel | None = None
    related: RelatedMemo = field(default_factory=dict)
    render: RenderMemo = field(default_factory=RenderMemo)


def check(repo_root: Path, workers: Workers | None = None, memo: Memo | None = None) -> CheckResult:
    """Load the content model and every entry; validate all of them (workers: see validate()).

    memo: see Memo; without one, everything is read and checked."""
    projects = repo_root / "projects"
    try:
        model = load_content_model(projects, repo_root)
    except ContentModelError as err:
        return CheckResult(None, [], err.problems)
    if memo is not None:
        if memo.model is not None and memo.model == model:
            model = memo.model  # the same object: what was checked and rendered with it stays valid
        memo.model = model
    raw, file_problems = discover(projects, repo_root, model.limits, memo.folders if memo else None)
    entries, problems = validate(raw, model, workers, memo.checks if memo else None)
    all_problems = sorted(file_problems + problems, key=lambda p: (p.path, p.line or 0))
    return CheckResult(model, entries, all_problems, checked=len(raw) + len({p.path for p in file_problems}))



def generate(
    result: CheckResult,
    site_url: str | None = None,
    memo: Memo | None = None,
    *,
    site_name: str,
    env: jinja2.Environment | None = None,
    page_size: int = PAGE_SIZE,
) -> Site:
    """Index and render a valid collection (call only when result.problems is empty).

    site_url is the published address (mkdocs.yml `site_url`); feeds, catalog.json,
    citations and structured data need absolute URLs. site_name is the site's name
    (mkdocs.yml `site_name`), which the home page, feeds, citations and metadata show;
    it has no default, so no name but the operator's can reach the site. memo: see Memo.
    env: the templates' environment (render.new_environment) of a process that renders again and again.
    """
    assert result.model is not None and not result.problems
    site_url = site_url or DEFAULT_SITE_URL
    render = memo.render if memo is not None else RenderMemo()
    catalog = build_catalog(result.entries, result.model, memo.related if memo is not None else None)
    env = env or new_environment()
    rendered = render_site(catalog, result.model, env, site_url, render, site_name=site_name, page_size=page_size)
    head = reader_head(catalog, result.model, site_url, site_name, rendered.pages, env, render.keep_head)
    sources = {f"{entry.url}index.md": f"projects/{entry.slug}/index.md" for entry in catalog.entries}
    pages = {
        path: replace(page, head=head[path], searchable=path in sources, source=sources.get(path))
        for path, page in rendered.pages.items()
    }
    return Site(result.model, catalog, pages, rendered.files)


def find_repo_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml and projects/, from the working directory upwards."""
    here = (start or Path(os.getcwd())).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "projects").is_dir():
            return folder
    return here
