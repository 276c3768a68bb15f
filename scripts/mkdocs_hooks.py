"""MkDocs hooks: a thin adapter that runs the mediathek pipeline inside every build and serve.

Generation happens on every (re)build, so `mkdocs serve` shows an edited entry
on reload. Generated pages reach MkDocs in memory (never in docs/, never on disk:
`python -m mediathek generate` writes them to build/pages for a look), so nothing
MkDocs watches changes and there is no rebuild loop.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from markupsafe import Markup  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

from mediathek import html_blocks, pipeline  # noqa: E402
from mediathek.compact_html import collapse_indentation, first_abbreviations_only  # noqa: E402
from mediathek.offline import file_links  # noqa: E402
from mediathek.output import write_tree  # noqa: E402
from mediathek.reader import other_page_head  # noqa: E402
from mediathek.contentmodel import ContentModelError, load_content_model  # noqa: E402
from mediathek.markers import MarkerError, resolve_markers, unset_settings  # noqa: E402
from mediathek.render import abbreviation_glossary  # noqa: E402
from mediathek.report import format_problems  # noqa: E402
import mkdocs_pagefind  # noqa: E402
import mkdocs_prerender  # noqa: E402

log = logging.getLogger("mkdocs.hooks.mediathek")
TASK_CHECKBOX = re.compile(
    r'<label class="task-list-control"><input type="checkbox" disabled(?: checked)?/?>'
    r'<span class="task-list-indicator([^"]*)"></span></label>'
)
RENDER_CACHE = Path("build") / "render-cache.json"
# A large `mkdocs build` writes the pages the search indexes here as soon as their templates are
# filled, so Pagefind runs while MkDocs writes the site (mkdocs_pagefind.start).
SEARCHABLE_PAGES = Path("build") / "search-pages"
NAV_DIR = Path("build") / "nav"  # the generated .pages files
RENDER_CACHE_VARIABLE = "MEDIATHEK_RENDER_CACHE"  # "0": convert every page (the tests' site does)
ENTRY_PAGE = re.compile(r"^mediathek/[a-z0-9-]+/index\.md$")
_state: dict[str, object] = {}
_lifted: dict[str, list[str]] = {}  # HTML blocks taken out of a page's Markdown until it is converted


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    _state["root"] = root
    operator = config.extra.get("betreiber", {})
    placeholders = unset_settings(operator)
    placeholders += [key for key in ("site_url", "repo_url") if "ORGANISATION" in str(config.get(key) or "")]
    if placeholders:
        # Printed, not logged as a warning: `--strict` must still pass while the operator is not set up.
        print(
            f"HINWEIS: In mkdocs.yml stehen noch Platzhalter: {', '.join(placeholders)}. Impressum, "
            "Datenschutzerklärung und Erklärung zur Barrierefreiheit sind erst vollständig und die Links zum "
            "Repository erst richtig, wenn sie ausgefüllt sind.",
            file=sys.stderr,
        )
    _configure_offline(config)
    _configure_glossary(config, root)
    return config


def _configure_glossary(config, root: Path) -> None:
    """Glossary terms as abbreviations on every page, loaded once per build.

    Appending the definitions to each page's Markdown instead costs a third of the Markdown time.
    """
    if "abbr" not in config.markdown_extensions:
        return
    try:
        model = load_content_model(root / "projects", root)
    except ContentModelError:
        return  # on_files reports the broken data file
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviation_glossary(model)


def _configure_offline(config) -> None:
    """Undo two side effects of Material's offline plugin (runs after its on_config; hooks load last).

    It turns directory URLs off, but our generated pages link by directory URL; instead every
    such link gets an explicit index.html in on_post_page. It also adds a script from unpkg.com
    for Material's search worker, which we do not use and whose request would leave the machine.
    """
    offline = config.plugins.get("material/offline")
    _state["offline"] = bool(offline and offline.config.enabled)
    if _state["offline"]:
        config.use_directory_urls = True
        config.extra["polyfills"] = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in url]


def on_files(files: Files, config) -> Files:
    root: Path = _state["root"]
    result = pipeline.check_cached(root, parallel=_state.get("command") == "build")  # serve runs threads
    if result.problems:
        raise PluginError("Die Einträge enthalten Fehler:\n" + format_problems(result.problems))
    site = pipeline.generate(result, site_url=config.site_url)
    _state["site"] = site
    # In memory: writing 3,000 generated files to disk first cost 1-2.5 s of a 1,000-entry build.
    # Only awesome-pages' .pages files go to disk: the plugin opens them by path.
    nav_files = {rel: content for rel, content in site.pages.items() if rel.endswith(".pages")}
    write_tree(root / NAV_DIR, nav_files)
    for rel, content in site.pages.items():
        if rel in nav_files:
            files.append(File.generated(config, rel, abs_src_path=str(root / NAV_DIR / rel), inclusion=InclusionLevel.EXCLUDED))
        else:
            files.append(File.generated(config, rel, content=content))
    for entry in site.catalog.entries:
        page = files.get_file_from_path(f"mediathek/{entry.slug}/index.md")
        page.edit_uri = f"../{entry.path}"  # relative to edit_uri, which points into docs/
        # Entries are reached through listings, never the nav. Kept out of MkDocs' own nav too, because
        # awesome-pages scans every nav folder against all files: quadratic in the number of entries.
        page.inclusion = InclusionLevel.NOT_IN_NAV
        for asset in entry.assets:
            files.append(
                File.generated(
                    config, f"mediathek/{entry.slug}/{asset}", abs_src_path=str(root / "projects" / entry.slug / asset)
                )
            )
    return files


def on_nav(nav, config, files):
    # Parallel only for `mkdocs build`: a fork in `serve` would copy its server threads. What was
    # converted before is reused (serve: in memory, build: in build/), so only changed pages are converted.
    building = _state.get("command") == "build"
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    store = _state["root"] / RENDER_CACHE if building and os.environ.get(RENDER_CACHE_VARIABLE) != "0" else None
    mkdocs_prerender.prerender(pages, config, files, parallel=building, store=store)
    _state["nav"], _state["pages"] = nav, pages
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:
    site = _state["site"]
    if page.file.generated_by is None:  # authored page from docs/
        markdown = _replace_markers(markdown, page, config, site)
    markdown, _lifted[page.file.src_uri] = html_blocks.lift(markdown)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    blocks = _lifted.pop(page.file.src_uri, [])
    if blocks:
        html = html_blocks.restore(html, blocks)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | html_blocks.anchor_ids(blocks)
    # Checklists are for ticking on paper; a disabled checkbox without a label only confuses screen readers.
    html = TASK_CHECKBOX.sub(
        r'<span class="task-list-control" aria-hidden="true"><span class="task-list-indicator\1"></span></span>', html
    )
    return first_abbreviations_only(html)


def on_env(env, config, files):
    _state["env"] = env
    _entry_nav.clear()  # the navigation may have changed since the last build (serve)
    if _state.get("command") == "build":
        pages, searchable = _state["pages"], _state["root"] / SEARCHABLE_PAGES
        shutil.rmtree(searchable, ignore_errors=True)
        writer = _searchable_page_writer(searchable, config)
        if mkdocs_prerender.prebuild(pages, config, files, _state["nav"], env, rendered=writer) == len(pages):
            mkdocs_pagefind.start(str(searchable), config.site_dir)  # every searchable page is there
    return env


def _searchable_page_writer(folder: Path, config):
    """For the worker processes: what Pagefind reads of each page the search indexes, after the
    page_post events, at the page's path in folder."""

    def write(page, context, html: str) -> None:
        if context.get("mediathek_searchable"):
            target = folder / page.file.dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            html = config.plugins.on_post_page(html, page=page, config=config)
            target.write_text(mkdocs_pagefind.searchable_view(html), encoding="utf-8")

    return write


def on_page_context(context, page, config, nav):
    # Rendered by our autoescaping templates; the theme's own templates do not escape.
    head = _state["site"].head
    context["mediathek_head"] = head.get(page.file.src_uri) or other_page_head(head, page.url)
    context["mediathek_searchable"] = page.file.generated_by is None or bool(ENTRY_PAGE.match(page.file.src_uri))
    context["mediathek_prebuilt"] = mkdocs_prerender.prebuilt_html(page)
    context["mediathek_nav"] = _navigation_of_entries(context) if ENTRY_PAGE.match(page.file.src_uri) else None
    return context


# Entries are not in the navigation and all sit at mediathek/<slug>/: every entry page shows the same
# navigation HTML. Rendered once per build (per worker) instead of once per entry, it saves half of
# the time the theme's templates take (main.html prints it in place of Material's partial).
_NAVIGATION = (
    '{% import "partials/language.html" as lang with context %}'
    "{% set features = config.theme.features or [] %}"
    '{% include "partials/nav.html" %}'
)
_entry_nav: dict[str, Markup] = {}


def _navigation_of_entries(context) -> Markup:
    if "html" not in _entry_nav:
        _entry_nav["html"] = Markup(_state["env"].from_string(_NAVIGATION).render(context))
    return _entry_nav["html"]


def on_post_page(output: str, page, config) -> str:
    output = collapse_indentation(output)
    return file_links(output) if _state.get("offline") else output


def on_pre_build(config) -> None:
    mkdocs_pagefind.stop()  # this build is about to empty the folder a background run writes into


def on_post_build(config) -> None:
    _remove_unused_theme_files(Path(config.site_dir))
    mkdocs_pagefind.index(config.site_dir, background=_state.get("command") == "serve")


# Material ships its own search (lunr and a web worker, 1.2 MB), which this site replaces with
# Pagefind, and source maps that only browser developer tools ask for (1.1 MB).
UNUSED_THEME_FOLDERS = ("assets/javascripts/lunr", "assets/javascripts/workers")


def _remove_unused_theme_files(site_dir: Path) -> None:
    for folder in UNUSED_THEME_FOLDERS:
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    for source_map in (site_dir / "assets").rglob("*.map"):
        source_map.unlink()


def on_build_error(error) -> None:
    mkdocs_pagefind.stop()  # a run started early would index a site that is not coming


def on_shutdown() -> None:
    mkdocs_pagefind.stop()


def _replace_markers(markdown: str, page, config, site) -> str:
    settings = {"betreiber": config.extra.get("betreiber", {}), "repo_url": config.repo_url, "site_url": config.site_url}
    try:
        return resolve_markers(markdown, page.file.src_uri, settings, site.catalog, site.model)
    except MarkerError as error:
        raise PluginError(str(error)) from error
