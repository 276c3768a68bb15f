"""MkDocs hooks: only what has to happen inside MkDocs. MkDocs builds the tree that
`python -m mediathek stage` wrote to build/docs (with build/mkdocs.yml); see mediathek.site.stage.

- `mkdocs serve`: stage again before each rebuild (Word templates too), so a saved entry shows on reload; watch
  the sources instead of the staged tree; index the search in the background; keep compiled templates.
- Edit links of entries lead to their file in projects/; generated pages have none. A dirty rebuild
  still knows the titles in the navigation. Only documented events (tests/test_hooks_contract.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Literal

sys.path.insert(0, str(Path(__file__).parent))

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from mediathek.authoring.word import template
from mediathek.content.report import format_problems
from mediathek.site import compiled, search, stage

ENTRY_PAGE = re.compile(r"^mediathek/([a-z0-9-]+)/index\.md$")
_serving: list[bool] = [False]
_search = search.Background()
_compiled = compiled.CompiledTemplates()


def _root(config: MkDocsConfig) -> Path:
    root = Path(config.config_file_path).resolve().parent.parent
    if Path(config.docs_dir).resolve() != (root / stage.DOCS_DIR).resolve():
        raise PluginError("MkDocs baut den vorbereiteten Ordner build/docs: bitte `make build` oder `make serve` verwenden.")
    return root


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _serving[0] = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _root(config)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    _search.stop()  # this build is about to replace the pages a background run reads
    if _serving[0]:
        try:
            staged = stage.stage(_root(config), serving=True, downloads=template.downloads)
        except stage.StageError as err:
            raise PluginError(str(err)) from err
        if not isinstance(staged, stage.Staged):
            raise PluginError("Die Einträge enthalten Fehler:\n" + format_problems(staged))


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    server.unwatch(config.docs_dir)  # rewritten by on_pre_build; mkdocs.yml's `watch` lists its sources
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    authored = _root(config) / stage.AUTHORED_DIR
    for file in files.documentation_pages():
        entry = ENTRY_PAGE.match(file.src_uri)
        if entry:
            file.edit_uri = f"../projects/{entry.group(1)}/index.md"  # relative to edit_uri, which points into docs/
        elif not (authored / file.src_uri).is_file():
            file.edit_uri = None  # generated
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # `mkdocs serve --dirty` reads only the pages that changed; every page shows the titles of all in the navigation.
    for page in nav.pages:
        if page.markdown is None:
            page.read_source(config)
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _compiled  # MkDocs makes a new environment for every (re)build
    return env


def on_post_build(config: MkDocsConfig) -> None:
    if _serving[0]:
        _search.start(Path(config.site_dir))


def on_shutdown() -> None:
    _search.stop()
