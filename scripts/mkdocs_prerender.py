"""Render pages' Markdown ahead of MkDocs' own, sequential page loop: on every core, or from memory.

Python-Markdown is much of a large build (about 16 ms per entry page) and MkDocs converts one
page after another. prerender() does for each page what MkDocs would (read the source, run the
page_markdown events, Page.render) and each page's render() then replays that result instead of
converting again. Everything else (page_content events, templates, link and anchor validation)
still runs in MkDocs' loop.

- Results are reused while nothing they depend on changed: the Markdown, the versions of MkDocs,
  Markdown and pymdown-extensions, the extension settings and the set of files (links resolve
  against it), so a reused result is exactly what converting again would give. `mkdocs serve`
  keeps them in memory between rebuilds, `mkdocs build` in build/render-cache.json (store):
  after an author saves one entry, only the pages whose Markdown changed are converted.
- `mkdocs build` converts in forked workers, one per core (parallel=True), and renders the
  theme's templates there too (prebuild): MkDocs then only runs the page_post events and writes
  each page.

Messages logged while rendering are kept with the result and re-emitted in the main process on
every build that uses it, so `--strict` still counts them. A page whose rendering fails is left
alone: MkDocs renders it again and reports the error as usual.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from mkdocs.structure.toc import AnchorLink, TableOfContents

from mediathek.parallel import job, map_chunks, processes, worthwhile

log = logging.getLogger("mkdocs.hooks.prerender")

_kept: dict[str, Rendered] = {}  # results of the previous build, by key()
STORE_FORMAT = 1


@dataclass
class Rendered:
    src_uri: str
    content: str
    toc: object
    title: str | None
    anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord]


def prerender(pages: list, config, files, *, parallel: bool = False, store: Path | None = None) -> dict[str, int]:
    """Render these pages ahead of MkDocs; returns how many were converted and how many reused."""
    global _kept
    if store is not None and not _kept:
        _kept = _load(store)
    fingerprint = _fingerprint(config, files)
    keys: dict[str, str] = {}
    results: list[Rendered] = []
    todo = []
    for page in pages:
        try:
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        except Exception:  # noqa: BLE001 - MkDocs reads the page again and reports the error itself
            continue
        keys[page.file.src_uri] = key = _key(fingerprint, page.file.src_uri, page.markdown)
        if key in _kept:
            results.append(_kept[key])
        else:
            todo.append(page)
    reused = len(results)
    if parallel and worthwhile(len(todo)):
        results += map_chunks(_render_chunk, (todo, config, files), len(todo))
        log.info(f"Markdown von {_pages(len(todo))} in {processes()} Prozessen umgewandelt")
    else:
        captured: list[logging.LogRecord] = []
        with _captured_logging(captured):
            results += [r for page in todo if (r := _render(page, config, files, captured)) is not None]
    _kept = {keys[r.src_uri]: r for r in results}
    if store is not None:
        _save(store, _kept)
        if reused:
            log.info(f"Markdown von {_pages(reused, 'unveränderten ')} aus {store.name} übernommen")
    by_uri = {page.file.src_uri: page for page in pages}
    for result in results:
        by_uri[result.src_uri].render = _replay(by_uri[result.src_uri], result, files)
        _emit(result.records)
    return {"converted": len(results) - reused, "reused": reused}


PREBUILT_TEMPLATE = "prebuilt.html"  # in overrides/: prints the HTML a worker rendered
_prebuilt: dict[str, str] = {}


def prebuild(pages: list, config, files, nav, env, rendered=None) -> int:
    """Render the theme's template for these pages in workers (`mkdocs build` only).

    What a worker renders is exactly what MkDocs' _build_page would: the same context, the
    page_context events, the page's template. MkDocs' own loop then renders PREBUILT_TEMPLATE,
    which prints that HTML, and runs the page_post events and writes the file as usual.
    rendered(page, context, html), if given, is called in the worker for each page it rendered.
    Returns how many pages were prebuilt.
    """
    _prebuilt.clear()
    if not worthwhile(len(pages)):
        return 0
    results = map_chunks(_build_chunk, (pages, config, files, nav, env, rendered), len(pages))
    by_uri = {page.file.src_uri: page for page in pages}
    for src_uri, html, records in results:
        by_uri[src_uri].meta["template"] = PREBUILT_TEMPLATE
        _prebuilt[src_uri] = html
        _emit(records)
    log.info(f"Seitenvorlagen von {_pages(len(results))} in {processes()} Prozessen gefüllt")
    return len(results)


def prebuilt_html(page) -> str | None:
    """The HTML a worker rendered for this page, for PREBUILT_TEMPLATE (None if it did not)."""
    return _prebuilt.pop(page.file.src_uri, None) if page.meta.get("template") == PREBUILT_TEMPLATE else None


def _build_chunk(indexes: list[int]) -> list[tuple[str, str, list[logging.LogRecord]]]:
    from mkdocs.commands.build import get_context

    pages, config, files, nav, env, rendered = job()
    doc_files = files.documentation_pages()
    captured: list[logging.LogRecord] = []
    _capture_logging(captured)
    results = []
    for index in indexes:
        page = pages[index]
        del captured[:]
        config._current_page = page
        page.active = True
        try:
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(get_context(nav, doc_files, config, page), page=page, config=config, nav=nav)
            html = template.render(context)
            if rendered is not None:
                rendered(page, context, html)
        except Exception:  # noqa: BLE001 - MkDocs builds the page itself and reports the error
            continue
        finally:
            page.active = False
            config._current_page = None
        results.append((page.file.src_uri, html, [_portable(record) for record in captured]))
    return results


def _pages(count: int, adjective: str = "") -> str:
    return f"1 {adjective.replace('en ', 'er ')}Seite" if count == 1 else f"{count} {adjective}Seiten"


def _render_chunk(indexes: list[int]) -> list[Rendered]:
    pages, config, files = job()
    captured: list[logging.LogRecord] = []
    _capture_logging(captured)  # a worker's handlers are its own copies: nothing to restore
    return [r for index in indexes if (r := _render(pages[index], config, files, captured)) is not None]


def _render(page, config, files, captured: list[logging.LogRecord]) -> Rendered | None:
    """Page.render for a page whose Markdown prerender() has read (workers inherit it)."""
    del captured[:]
    config._current_page = page  # as MkDocs' own loop sets it, for extensions that look
    try:
        page.render(config, files)
    except Exception:  # noqa: BLE001 - MkDocs renders the page again and reports the error itself
        return None
    finally:
        config._current_page = None
    links = page.links_to_anchors
    return Rendered(
        page.file.src_uri,
        page.content,
        page.toc,
        page._title_from_render,
        set(page.present_anchor_ids or ()),
        {file.src_uri: anchors for file, anchors in links.items()} if links is not None else None,
        [_portable(record) for record in captured],
    )


def _replay(page, result: Rendered, files):
    def render(config, files_now) -> None:
        page.content = result.content
        page.toc = result.toc
        page._title_from_render = result.title
        page.present_anchor_ids = result.anchor_ids
        if result.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in result.links_to_anchors.items()}
        del page.render  # back to Page.render

    return render


def _key(fingerprint: str, src_uri: str, markdown: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{src_uri}\0{markdown}".encode("utf-8", "surrogatepass")).hexdigest()


def _fingerprint(config, files) -> str:
    """What a page's HTML depends on besides its Markdown: code versions, extensions, their settings,
    validation, all files."""
    parts = [version(name) for name in ("mkdocs", "markdown", "pymdown-extensions")] + [str(STORE_FORMAT)]
    parts += [repr(config.markdown_extensions), repr(sorted(config.mdx_configs.items())), repr(config.validation)]
    parts += [repr(config.use_directory_urls)] + sorted(f"{file.src_uri}\0{file.dest_uri}" for file in files)
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _load(store: Path) -> dict[str, Rendered]:
    """The previous build's results; nothing if the file is missing, damaged or of another format."""
    try:
        data = json.loads(store.read_text(encoding="utf-8"))
        if data.get("format") != STORE_FORMAT:
            return {}
        return {key: _from_json(value) for key, value in data["pages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _save(store: Path, kept: dict[str, Rendered]) -> None:
    data = {"format": STORE_FORMAT, "pages": {key: _to_json(result) for key, result in kept.items()}}
    store.parent.mkdir(parents=True, exist_ok=True)
    partial = store.with_name(store.name + ".tmp")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial.replace(store)  # a build killed while writing leaves the previous file


def _to_json(result: Rendered) -> dict:
    def anchor(link: AnchorLink) -> dict:
        return {"title": link.title, "id": link.id, "level": link.level, "children": [anchor(c) for c in link.children]}

    return {
        "src_uri": result.src_uri,
        "content": result.content,
        "toc": [anchor(link) for link in result.toc],
        "title": result.title,
        "anchor_ids": sorted(result.anchor_ids),
        "links_to_anchors": result.links_to_anchors,
        "records": [[record.name, record.levelno, record.getMessage()] for record in result.records],
    }


def _from_json(data: dict) -> Rendered:
    def anchor(item: dict) -> AnchorLink:
        link = AnchorLink(item["title"], item["id"], item["level"])
        link.children = [anchor(child) for child in item["children"]]
        return link

    records = [
        logging.makeLogRecord({"name": name, "levelno": level, "levelname": logging.getLevelName(level), "msg": message})
        for name, level, message in data["records"]
    ]
    return Rendered(
        data["src_uri"],
        data["content"],
        TableOfContents([anchor(item) for item in data["toc"]]),
        data["title"],
        set(data["anchor_ids"]),
        data["links_to_anchors"],
        records,
    )


class _Capture(logging.Handler):
    def __init__(self, sink: list[logging.LogRecord]) -> None:
        super().__init__(logging.NOTSET)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record)


def _capture_logging(sink: list[logging.LogRecord]) -> list[tuple[logging.Logger, list[logging.Handler]]]:
    """Keep every record for the main process instead of printing or counting it now."""
    handler = _Capture(sink)
    before = []
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        before.append((logger, logger.handlers))
        logger.handlers = [handler]
    return before


@contextlib.contextmanager
def _captured_logging(sink: list[logging.LogRecord]):
    before = _capture_logging(sink)
    try:
        yield
    finally:
        for logger, handlers in before:
            logger.handlers = handlers


def _emit(records: list[logging.LogRecord]) -> None:
    """Log again, in the main process, what was logged while rendering (MkDocs counts it for --strict)."""
    for record in records:
        logging.getLogger(record.name).handle(record)


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    record.msg, record.args = record.getMessage(), ()
    record.exc_info = record.exc_text = None
    return record
