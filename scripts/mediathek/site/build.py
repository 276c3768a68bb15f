"""One build: what a process keeps while it checks, renders and stages the collection.

The command line makes one per command, the MkDocs hook one per `mkdocs serve`/`build` process
(scripts/mkdocs_hooks.py); everything below it receives what it needs as arguments. A serving
process stages after every save with the same Build, so it keeps what did not change: mkdocs.yml's
settings while the file is equal, the templates' environment while the template files are, the
memo of checked and rendered entries (pipeline.Memo), the files last written (TreeWriter), the
generated configurations and the theme's compiled templates.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..catalog.listing import PAGE_SIZE
from ..content.model import ContentModel
from ..content.parallel import MIN_ITEMS, Workers, cores
from ..pages import pipeline
from ..pages.render import new_environment, template_state
from .compiled import CompiledTemplates
from .output import TreeWriter
from .settings import Settings, read_settings

# Files made from the content model by a higher layer (the Word templates of mediathek.authoring.word),
# by their path in the staged tree, from the content model and the site's name; the command line and the
# hook hand them to their Build.
Downloads = Callable[[ContentModel, str], Mapping[str, bytes]]
# Knobs for the benchmark and the browser tests, read here only, when a command or the hook makes its Build.
GENERATED_FILE = Path("build") / "pages.json"  # written by stage(): Build.generated of the last staging run
PAGE_SIZE_VARIABLE = "MEDIATHEK_PAGE_SIZE"
PARALLEL_MIN_VARIABLE = "MEDIATHEK_PARALLEL_MIN_PAGES"


@dataclass
class Build:
    root: Path
    serving: bool = False  # stages again after every save (`mkdocs serve`)
    workers: Workers | None = None  # check in forked processes: command-line runs, never a serving process
    page_size: int = PAGE_SIZE
    downloads: Downloads | None = None
    memo: pipeline.Memo = field(default_factory=pipeline.Memo)
    writer: TreeWriter = field(default_factory=TreeWriter)
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)
    generated: dict[str, str | None] = field(default_factory=dict)  # staged page -> the file it shows; set by stage()
    _settings: tuple[tuple[str, str], Settings] | None = field(default=None, repr=False)
    _templates: tuple[object, jinja2.Environment] | None = field(default=None, repr=False)
    configs: dict[str, tuple[object, str]] = field(default_factory=dict, repr=False)  # generated configuration files and their inputs
    authored: dict[str, tuple[tuple[object, ...], str]] = field(default_factory=dict, repr=False)  # stage.staged_files' memo

    @classmethod
    def from_environment(cls, root: Path, *, serving: bool = False, parallel: bool = False, downloads: Downloads | None = None) -> Build:
        """The Build of a command or of the hook, with the page size and the workers' threshold the
        environment asks for (MEDIATHEK_PAGE_SIZE, MEDIATHEK_PARALLEL_MIN_PAGES)."""
        page_size = int(os.environ.get(PAGE_SIZE_VARIABLE) or PAGE_SIZE)
        workers = None
        if parallel:
            forced = os.environ.get(PARALLEL_MIN_VARIABLE)
            # Forced: at least two processes, so the parallel paths run even on a single core.
            workers = Workers(int(forced), max(2, cores())) if forced else Workers(MIN_ITEMS)
        return cls(root, serving, workers, page_size, downloads)

    def settings(self) -> Settings:
        """mkdocs.yml's settings, read again only when the file or the environment (`!ENV`) changed."""
        text = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        key = (text, repr(sorted(os.environ.items())))
        if self._settings is None or self._settings[0] != key:
            self._settings = (key, read_settings(text))
        return self._settings[1]

    def environment(self) -> jinja2.Environment:
        """The templates' environment, made again only when a template file changed."""
        state = template_state()
        if self._templates is None or self._templates[0] != state:
            self._templates = (state, new_environment())
        return self._templates[1]

    def check(self) -> pipeline.CheckResult:
        """pipeline.check with this build's memo: what did not change since the last call is neither read nor checked again."""
        return pipeline.check(self.root, self.workers, self.memo)

    def generated_pages(self) -> dict[str, str | None]:
        """The staged pages the pipeline made (paths inside build/docs), each with the authored file it shows
        (an entry's index.md, relative to the repository) or None. A process that did not stage (`mkdocs build`
        after `python -m mediathek stage`) reads what the staging run wrote to build/pages.json."""
        if not self.generated:
            try:
                self.generated = json.loads((self.root / GENERATED_FILE).read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise FileNotFoundError(f"{GENERATED_FILE} fehlt, der Ordner build/docs wurde nicht vollständig vorbereitet") from None
        return self.generated
