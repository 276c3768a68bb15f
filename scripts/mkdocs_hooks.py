"""MkDocs hooks: a thin adapter that runs the mediathek pipeline inside every build and serve.

Generation happens on every (re)build, so `mkdocs serve` shows an edited entry
on reload. Generated pages live in build/pages (never in docs/), and only
changed files are rewritten there; MkDocs does not watch that folder, so there
is no rebuild loop.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

from mediathek import pipeline  # noqa: E402
from mediathek.output import write_tree  # noqa: E402
from mediathek.render import markdown_text, render_abbreviations, render_newest  # noqa: E402
from mediathek.report import format_problems  # noqa: E402

log = logging.getLogger("mkdocs.hooks.mediathek")
MARKER = re.compile(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*\}\}")
PLACEHOLDER = re.compile(r"^\[.*\]$")
SEARCHABLE_GENERATED = re.compile(r"^mediathek/[a-z0-9-]+/index\.md$")
_state: dict[str, object] = {}


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    _state["root"] = root
    operator = config.extra.get("betreiber", {})
    placeholders = sorted(f"extra.betreiber.{key}" for key, value in operator.items() if PLACEHOLDER.match(str(value)))
    placeholders += [key for key in ("site_url", "repo_url") if "ORGANISATION" in str(config.get(key) or "")]
    if placeholders:
        # Printed, not logged as a warning: `--strict` must still pass while the operator is not set up.
        print(
            f"HINWEIS: In mkdocs.yml stehen noch Platzhalter: {', '.join(placeholders)}. Impressum, "
            "Datenschutzerklärung und Erklärung zur Barrierefreiheit sind erst vollständig und die Links zum "
            "Repository erst richtig, wenn sie ausgefüllt sind.",
            file=sys.stderr,
        )
    return config


def on_files(files: Files, config) -> Files:
    root: Path = _state["root"]
    result = pipeline.check(root)
    if result.problems:
        raise PluginError("Die Einträge enthalten Fehler:\n" + format_problems(result.problems))
    site = pipeline.generate(result)
    generated_dir = root / pipeline.GENERATED_DIR
    write_tree(generated_dir, site.pages)
    _state["site"] = site
    for rel in site.pages:
        is_nav = rel.endswith(".pages")
        file = File.generated(
            config,
            rel,
            abs_src_path=str(generated_dir / rel),
            inclusion=InclusionLevel.EXCLUDED if is_nav else InclusionLevel.UNDEFINED,
        )
        files.append(file)
    for entry in site.catalog.entries:
        page = files.get_file_from_path(f"mediathek/{entry.slug}/index.md")
        page.edit_uri = f"../{entry.path}"  # relative to edit_uri, which points into docs/
        for asset in entry.assets:
            files.append(
                File.generated(
                    config, f"mediathek/{entry.slug}/{asset}", abs_src_path=str(root / "projects" / entry.slug / asset)
                )
            )
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    site = _state["site"]
    if page.file.generated_by is None:  # authored page from docs/
        markdown = _replace_markers(markdown, page, config, site)
    abbreviations = render_abbreviations(site.model)
    return f"{markdown}\n\n{abbreviations}\n" if abbreviations else markdown


def on_page_context(context, page, config, nav):
    # Rendered by our autoescaping templates; the theme's own templates do not escape.
    context["mediathek_head"] = _state["site"].head.get(page.file.src_uri, "")
    context["mediathek_searchable"] = page.file.generated_by is None or bool(SEARCHABLE_GENERATED.match(page.file.src_uri))
    return context


def on_post_build(config) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise PluginError(f"Der Suchindex (Pagefind) konnte nicht erstellt werden:\n{completed.stdout}{completed.stderr}")


def _replace_markers(markdown: str, page, config, site) -> str:
    operator = config.extra.get("betreiber", {})
    page_url = page.file.url

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name == "neueste_eintraege":
            return render_newest(site.catalog, site.model, page_url)
        if name.startswith("betreiber.") and name.split(".", 1)[1] in operator:
            return str(markdown_text(operator[name.split(".", 1)[1]]))
        raise PluginError(f"docs/{page.file.src_uri}: Unbekannter Platzhalter „{{{{ {name} }}}}“.")

    return MARKER.sub(replace, markdown)
