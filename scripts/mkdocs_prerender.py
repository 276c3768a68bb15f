"""Render pages' Markdown on every core before MkDocs' own, sequential page loop.

Python-Markdown is most of a large build (about 20 ms per entry page) and MkDocs converts one
page after another. prerender() forks worker processes that do what MkDocs would do for each
page (read the source, run the page_markdown events, Page.render) and hands the results back;
each page's render() then replays its result instead of converting again. Everything else
(page_content events, templates, link and anchor validation) still runs in MkDocs' loop.

Messages the workers log are re-emitted in the main process, so `--strict` still counts them.
A page whose rendering fails in a worker is left alone: MkDocs renders it again and reports the
error as usual.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from dataclasses import dataclass

log = logging.getLogger("mkdocs.hooks.prerender")

# Below this many pages, starting workers costs more than it saves. The tests set it to 1,
# so the real site they check is always rendered in parallel.
MIN_PAGES_VARIABLE = "MEDIATHEK_PARALLEL_MIN_PAGES"
MIN_PAGES = 200
_job: tuple[list, object, object] | None = None  # (pages, config, files), inherited by forked workers


@dataclass
class Rendered:
    src_uri: str
    content: str
    toc: object
    title: str | None
    anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord]


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def prerender(pages: list, config, files) -> int:
    """Render these pages in parallel; returns how many were prerendered (0 if not worth it)."""
    global _job
    forced = MIN_PAGES_VARIABLE in os.environ
    count = max(2, workers()) if forced else workers()
    if count < 2 or len(pages) < int(os.environ.get(MIN_PAGES_VARIABLE, MIN_PAGES)):
        return 0
    _job = (pages, config, files)
    chunks = [list(range(start, len(pages), count * 4)) for start in range(count * 4)]
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            results = [r for chunk in pool.imap_unordered(_render_chunk, chunks) for r in chunk]
    finally:
        _job = None
    by_uri = {page.file.src_uri: page for page in pages}
    for result in results:
        page = by_uri[result.src_uri]
        page.render = _replay(page, result, files)
        for record in result.records:
            logging.getLogger(record.name).handle(record)
    log.info(f"Markdown von {len(results)} Seiten in {count} Prozessen umgewandelt")
    return len(results)


def _render_chunk(indexes: list[int]) -> list[Rendered]:
    pages, config, files = _job
    captured: list[logging.LogRecord] = []
    _capture_logging(captured)
    results = []
    for index in indexes:
        page = pages[index]
        del captured[:]
        config._current_page = page  # as MkDocs' own loop sets it, for extensions that look
        try:
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
        except Exception:  # noqa: BLE001 - MkDocs renders the page again and reports the error itself
            continue
        links = page.links_to_anchors
        results.append(
            Rendered(
                page.file.src_uri,
                page.content,
                page.toc,
                page._title_from_render,
                set(page.present_anchor_ids or ()),
                {file.src_uri: anchors for file, anchors in links.items()} if links is not None else None,
                [_portable(record) for record in captured],
            )
        )
    return results


def _replay(page, result: Rendered, files):
    def render(config, files_now) -> None:
        page.content = result.content
        page.toc = result.toc
        page._title_from_render = result.title
        page.present_anchor_ids = result.anchor_ids
        if result.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in result.links_to_anchors.items()}
        del page.render  # a later build (mkdocs serve) renders normally again

    return render


class _Capture(logging.Handler):
    def __init__(self, sink: list[logging.LogRecord]) -> None:
        super().__init__(logging.NOTSET)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record)


def _capture_logging(sink: list[logging.LogRecord]) -> None:
    """In a worker: keep every record for the main process instead of printing or counting it."""
    handler = _Capture(sink)
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        logger.handlers = [handler]


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    record.msg, record.args = record.getMessage(), ()
    record.exc_info = record.exc_text = None
    return record
