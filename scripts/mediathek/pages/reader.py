"""What readers and other sites get beyond the pages: citation files, feeds, catalog.json, <head> metadata.

Pure: `reader_files` returns the extra files of the site ({path: text}),
`reader_head` the extra HTML for each generated page's <head> ({page source path: HTML}),
`other_page_head` that of a page written in docs/. Absolute URLs are
built from the site's address (mkdocs.yml `site_url`); feeds, citations and metadata
name the site as the operator does (mkdocs.yml `site_name`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from ..catalog.index import Catalog
from ..catalog.querywords import fold, thesaurus_neighbours
from ..content.model import ContentModel, Entry
from .citation import BIBTEX_FILE, RIS_FILE, bibtex, citation_text, ris
from .feeds import SITE_FEED, all_feeds, site_feed_title, topic_feed_path, topic_feed_title
from .linkeddata import absolute, amb_record, catalog_record, script_json
from .page import Page

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # where `make serve` shows the site
CATALOG_FILE = "catalog.json"
CATALOG_SCHEMA_FILE = "catalog.schema.json"
CATALOG_SCHEMA = Path(__file__).parent / "schemas" / CATALOG_SCHEMA_FILE
WORD_TEMPLATES_DIR = "vorlagen"  # the Word templates per entry type (mediathek.authoring.word.template), staged at build time


def page_url(source: str) -> str:
    """The directory URL MkDocs gives a Markdown source: x/index.md -> x/, x/y.md -> x/y/."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def word_template_file(type_slug: str) -> str:
    """Where the Word template of an entry type lies in the staged tree (and on the site)."""
    return f"{WORD_TEMPLATES_DIR}/vorlage-{type_slug}.docx"


def relative_link(page_url: str, target: str) -> str:
    """Relative URL from a page (a directory URL) to another directory URL.

    Kept rather than posixpath.relpath, which gives the same (tests/test_fast_paths.py) but normalises:
    called some 30,000 times at 1,000 entries, it took 0.25 s against 0.14 s for this (December 2026).
    """
    here = [part for part in page_url[: page_url.rfind("/") + 1].split("/") if part not in ("", ".")]
    there = [part for part in target.split("/") if part not in ("", ".")]
    common = 0
    for mine, theirs in zip(here, there, strict=False):
        if mine != theirs:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:])
    return relative + ("/" if target.endswith("/") or not target else "") if relative else "./"


def reader_files(
    catalog: Catalog,
    model: ContentModel,
    site_url: str,
    site_name: str,
    keep: Callable[[str, object, Callable[[], str]], str] | None = None,
) -> dict[str, str]:
    """keep(name, key, make): make() or what it gave before for an equal key (RenderMemo.keep_file);
    the model and the site's address and name are the same for all keys."""
    keep = keep or (lambda name, key, make: make())
    files: dict[str, str] = {}
    records = []
    for entry in catalog.entries:
        url = absolute(site_url, entry.url)
        files[f"{entry.url}{BIBTEX_FILE}"] = keep(f"{entry.url}{BIBTEX_FILE}", entry, lambda entry=entry, url=url: bibtex(entry, model, url, site_name))  # type: ignore[misc]
        files[f"{entry.url}{RIS_FILE}"] = keep(f"{entry.url}{RIS_FILE}", entry, lambda entry=entry, url=url: ris(entry, model, url, site_name))  # type: ignore[misc]
        records.append(keep(f"{entry.url}{CATALOG_FILE}", entry, lambda entry=entry: str(script_json(catalog_record(entry, model, site_url)))))  # type: ignore[misc]
    files.update(all_feeds(catalog.entries, model, site_url, site_name, keep))
    catalog_data = {
        "$schema": absolute(site_url, CATALOG_SCHEMA_FILE),
        "title": site_name,
        "url": absolute(site_url, ""),
        "feed": absolute(site_url, SITE_FEED),
        "entries": [],
    }
    # Escaped like JSON-LD, so a site that pastes the file into a <script> stays safe; the values are unchanged.
    # Put together from each entry's record: script_json escapes character by character, compact JSON has no
    # whitespace, so the pieces joined are script_json of the whole.
    files[CATALOG_FILE] = str(script_json(catalog_data)).removesuffix("[]}") + "[" + ",".join(records) + "]}\n"
    schema = json.loads(CATALOG_SCHEMA.read_text(encoding="utf-8"))
    schema["$id"] = absolute(site_url, CATALOG_SCHEMA_FILE)
    # Named as the operator names the site: the schema file itself holds only a generic title.
    schema["title"] = f"Katalog: {site_name} / Catalogue: {site_name}"
    files[CATALOG_SCHEMA_FILE] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return files


def reader_head(
    catalog: Catalog,
    model: ContentModel,
    site_url: str,
    site_name: str,
    pages: dict[str, Page],
    env: jinja2.Environment,
    keep: Callable[[str, object, Callable[[], str]], str] | None = None,
) -> dict[str, str]:
    """Head HTML for every generated page, rendered with the autoescaping environment `env`.

    keep(source, key, make): make() or what an earlier make() for an equal key gave (RenderMemo.keep_head);
    the model and the site's address and name are the same for all keys."""
    keep = keep or (lambda source, key, make: make())
    entry_sources = {f"{entry.url}index.md": entry for entry in catalog.entries}
    head: dict[str, str] = {}
    for source, page in pages.items():
        entry = entry_sources.get(source)
        key = entry or (page.title, page.description)
        head[source] = keep(source, key, lambda page=page, entry=entry: _page_head(page, entry, model, site_url, site_name, env))  # type: ignore[misc]
    return head


def other_page_head(url: str, site_name: str, env: jinja2.Environment) -> str:
    """The head for a page written in docs/, at its directory URL."""
    return env.get_template("head_page.html.j2").render(page=None, feeds=[], site_name=site_name, site_feed=_site_feed(url, site_name))


def _site_feed(url: str, site_name: str) -> dict[str, str]:
    # Feed links must be relative: Material fetches sitemap.xml beside each <link rel="alternate">.
    return {"title": site_feed_title(site_name), "href": relative_link(url, SITE_FEED)}


def _page_head(page: Page, entry: Entry | None, model: ContentModel, site_url: str, site_name: str, env: jinja2.Environment) -> str:
    url = page_url(page.path)
    common = {"site_name": site_name, "site_feed": _site_feed(url, site_name)}
    if entry is not None:
        return env.get_template("head_entry.html.j2").render(
            entry=entry,
            url=absolute(site_url, entry.url),
            keywords=[model.tags[t].label for t in entry.tags],
            json_ld=script_json(amb_record(entry, model, site_url, site_name)),
            **common,
        )
    feeds = []
    topic = page.path.removeprefix("themen/").removesuffix(".md")
    if page.path.startswith("themen/") and topic in model.topics:
        feeds.append({"title": topic_feed_title(site_name, model.topics[topic].title), "href": relative_link(url, topic_feed_path(topic))})
    about = {"title": page.title or site_name, "description": page.description, "url": absolute(site_url, url)}
    return env.get_template("head_page.html.j2").render(page=about, feeds=feeds, **common)


def entry_citation(entry: Entry, site_url: str, site_name: str) -> str:
    return citation_text(entry, absolute(site_url, entry.url), site_name)


# What docs/assets/suche.js loads on first use, beside Pagefind: generated pages that Pagefind does
# not index (it indexes entries and the pages in docs/), found by their title and description.
SEARCH_PAGES_FILE = "suche.json"
# What it loads only when a query word finds nothing, from the file for the word's first letter:
# the collection's words for „Meinten Sie …?“ and the thesaurus's neighbours (mediathek.catalog.querywords).
SEARCH_WORDS_DIR = "suchwoerter/"
NAMED_PAGES = {
    "glossar.md": "glossar/",
    "autorenleitfaden.md": "autorenleitfaden/",
    "mediathek/index.md": "mediathek/",
    "themen/index.md": "themen/",
    "schlagwoerter/index.md": "schlagwoerter/",
}


def search_pages_file(pages: dict[str, Page], model: ContentModel) -> str:
    found = []
    for source, url in NAMED_PAGES.items():
        page = pages.get(source)
        if page is not None and page.title:
            found.append({"url": url, "title": page.title, "description": page.description})
    return json.dumps({"pages": found}, ensure_ascii=False, separators=(",", ":")) + "\n"


def search_words_files(words: list[str], model: ContentModel) -> dict[str, str]:
    """suchwoerter/<letter>.json: the typo words (typo_words, most used first) and thesaurus entries whose
    folded form begins with that letter (a-z, „_“ for anything else), so an unknown word costs a few kilobytes."""
    shards: dict[str, dict[str, Any]] = {}

    def shard(folded: str) -> dict[str, Any]:
        letter = folded[:1] if "a" <= folded[:1] <= "z" else "_"
        return shards.setdefault(letter, {"woerter": [], "thesaurus": {}})

    for word in words:
        shard(fold(word))["woerter"].append(word)
    # A reader's word leads to the collection's most used words first: suche.js searches only the first few.
    rank = {fold(word): i for i, word in enumerate(words)}
    for key, targets in thesaurus_neighbours(model).items():
        shard(key)["thesaurus"][key] = sorted(targets, key=lambda t: rank.get(fold(t), len(rank)))
    return {
        f"{SEARCH_WORDS_DIR}{letter}.json": json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        for letter, data in sorted(shards.items())
    }
