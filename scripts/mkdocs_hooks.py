"""MkDocs hooks: only what has to happen inside MkDocs, which builds the tree staged in build/docs (mediathek.site.stage).

- `mkdocs serve`: stage again before each rebuild (Word templates too), so a saved entry shows on reload; watch
  the sources instead of the staged tree; index the search in the background; keep compiled templates.
- Edit links of entries lead to their file in projects/; generated pages have none. A dirty rebuild knows the
  nav's titles. Documented events only (tests/test_hooks_contract.py). MkDocs loads a hook file once per process.
"""

from __future__ import annotations

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
from mediathek.site import search, stage
from mediathek.site.build import Build


def _root(config: MkDocsConfig) -> Path:
    root = Path(config.config_file_path).resolve().parent.parent
    if Path(config.docs_dir).resolve() != (root / stage.DOCS_DIR).resolve():
        raise PluginError("MkDocs baut den vorbereiteten Ordner build/docs: bitte `make build` oder `make serve` verwenden.")
    return root


class Hook:
    """The hook's state for the process: whether it serves, its Build (made once the root is known), the search runs."""
    def __init__(self) -> None:
        self.serving = False
        self.build: Build | None = None
        self.search = search.Background()

    def on_startup(self, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.build is None or self.build.root != _root(config):
            self.build = Build.from_environment(_root(config), serving=self.serving, downloads=template.downloads)
        return config

    def current(self) -> Build:
        assert self.build is not None, "on_config runs first"
        return self.build

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.search.stop()  # this build is about to replace the pages a background run reads
        if self.serving:
            try:
                stage.stage(self.current())
            except stage.StageError as err:
                raise PluginError(str(err)) from err

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
        server.unwatch(config.docs_dir)  # rewritten by on_pre_build; mkdocs.yml's `watch` lists its sources
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            generated = self.current().generated_pages()
        except FileNotFoundError as err:
            raise PluginError(f"{err}: bitte `make build` oder `make serve` verwenden.") from err
        for file in files.documentation_pages():
            if file.src_uri in generated:
                source = generated[file.src_uri]  # relative to edit_uri, which points into docs/:
                file.edit_uri = f"../{source}" if source else None
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        # `mkdocs serve --dirty` reads only the pages that changed; every page shows the titles of all in the navigation.
        for page in nav.pages:
            if page.markdown is None:
                page.read_source(config)
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = self.current().compiled  # MkDocs makes a new environment for every (re)build
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.serving:
            self.search.start(Path(config.site_dir))

    def on_shutdown(self) -> None:
        self.search.stop()

_hook = Hook()
on_startup, on_config, on_pre_build, on_serve, on_files = _hook.on_startup, _hook.on_config, _hook.on_pre_build, _hook.on_serve, _hook.on_files
on_nav, on_env, on_post_build, on_shutdown = _hook.on_nav, _hook.on_env, _hook.on_post_build, _hook.on_shutdown
