"""Time the pipeline steps in a fresh process, against the scratch project's own copy of the code.

python -m mediathek_bench.steps timings ROOT        -> check, generate, writing, no-op run
python -m mediathek_bench.steps edits ROOT SLUG     -> files rewritten after editing one entry
python -m mediathek_bench.steps warm ROOT SLUG      -> seconds `make serve` stages after a save (warm process)
Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from mediathek.content.parallel import Workers
from mediathek.pages import pipeline
from mediathek.pages.render import new_environment
from mediathek.site.output import WriteStats, write_tree
from mediathek.site.stage import load_settings


def _run(
    root: Path, env: jinja2.Environment, clock: Callable[[], float] = time.perf_counter
) -> tuple[pipeline.Site, WriteStats, tuple[float, float, float]]:
    """check and generate as a build does them, then the writing `make generate` adds; their times.
    env: the templates' environment, compiled once per process as in a build."""
    site_name = load_settings(root).site_name  # outside the timed steps: they time check and generate, not reading mkdocs.yml
    start = clock()
    result = pipeline.check(root, Workers())  # as `python -m mediathek` checks
    checked = clock()
    if result.problems:
        raise SystemExit("Synthetische Einträge ungültig:\n" + "\n".join(map(str, result.problems[:10])))
    site = pipeline.generate(result, site_name=site_name, env=env)
    generated = clock()
    stats = write_tree(root / pipeline.GENERATED_DIR, site.pages)
    return site, stats, (checked - start, generated - checked, clock() - generated)


def timings(root: Path) -> dict[str, Any]:
    env = new_environment()
    site, _, (check_s, generate_s, write_s) = _run(root, env)
    _, noop, noop_s = _run(root, env)
    _, _, (check_cpu_s, generate_cpu_s, _) = _run(root, env, time.process_time)
    return {
        "check_cpu_s": round(check_cpu_s, 3),
        "generate_cpu_s": round(generate_cpu_s, 3),
        "check_s": round(check_s, 3),
        "generate_s": round(generate_s, 3),  # in memory, as the build does it
        "check_generate_s": round(check_s + generate_s, 3),
        "write_s": round(write_s, 3),  # make generate: every file into an empty build/pages
        "noop_s": round(sum(noop_s), 3),
        "noop_rewrites": noop.written + noop.removed,
        "pages_generated": len(site.pages),
        "words_per_entry": round(sum(e.words for e in site.catalog.entries) / max(1, len(site.catalog.entries))),
    }


def edits(root: Path, slug: str) -> dict[str, Any]:
    """Files rewritten after a typical edit of the text, and after a new title (shown in listings)."""
    index = root / "projects" / slug / "index.md"
    original = index.read_text(encoding="utf-8")
    env = new_environment()
    site, _, _ = _run(root, env)
    title = site.catalog.by_slug[slug].title
    try:
        index.write_text(original.rstrip("\n") + "\n\nEin neuer Absatz, den eine Autorin ergänzt hat.\n", encoding="utf-8")
        edited, text_edit, _ = _run(root, env)
        new_title = f"{title} (überarbeitet)"
        index.write_text(original.replace(json.dumps(title, ensure_ascii=False), json.dumps(new_title, ensure_ascii=False), 1), encoding="utf-8")
        retitled, title_edit, _ = _run(root, env)
    finally:
        index.write_text(original, encoding="utf-8")
    _run(root, env)
    # The search's word files (suchwoerter/) follow the words of the texts, as the Pagefind index does: not pages.
    return {
        "edit_rewrites": text_edit.written + text_edit.removed - _search_words_changed(site.pages, edited.pages),
        "edit_title_rewrites": title_edit.written + title_edit.removed - _search_words_changed(edited.pages, retitled.pages),
        "edit_title_pages_showing": sum(1 for page in retitled.pages.values() if new_title in page),
    }


def _search_words_changed(before: dict[str, str], after: dict[str, str]) -> int:
    return sum(1 for name in before.keys() | after.keys() if name.startswith("suchwoerter/") and before.get(name) != after.get(name))


def warm(root: Path, slug: str) -> dict[str, Any]:
    """What the hook of `make serve` does after a save, in a process that staged before: check, generate
    and write build/docs (mediathek.site.stage), after an edit of an entry's text and after a new title."""
    from mediathek.site import stage
    from mediathek.site.build import Build

    index = root / "projects" / slug / "index.md"
    original = index.read_text(encoding="utf-8")
    build = Build(root, serving=True)  # as the hook of `make serve` keeps it
    stage.stage(build)
    staged = stage.stage(build)
    result: dict[str, float] = {}
    old_title = staged.site.catalog.by_slug[slug].title
    edits = {
        "warm_edit": original.rstrip("\n") + "\n\nEin neuer Absatz, den eine Autorin ergänzt hat.\n",
        "warm_title": original.replace(json.dumps(old_title, ensure_ascii=False), json.dumps(f"{old_title} (überarbeitet)", ensure_ascii=False), 1),
    }
    try:
        for name, text in edits.items():
            index.write_text(text, encoding="utf-8")
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                stage.stage(build)
            except stage.StageError as err:
                raise SystemExit(f"Synthetische Einträge ungültig:\n{err}") from err
            result[f"{name}_s"] = round(time.perf_counter() - wall, 3)
            result[f"{name}_cpu_s"] = round(time.process_time() - cpu, 3)
    finally:
        index.write_text(original, encoding="utf-8")
    return result


if __name__ == "__main__":
    command, root, *rest = sys.argv[1:]
    commands: dict[str, Callable[..., dict[str, Any]]] = {"timings": timings, "edits": edits, "warm": warm}
    print(json.dumps(commands[command](Path(root), *rest)))
