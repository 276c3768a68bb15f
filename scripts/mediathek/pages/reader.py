"""What readers and other sites get beyond the pages: citation files, feeds, catalog.json, <head> metadata.

Pure: `reader_files` returns the extra files of the site ({path: text}),
`reader_head` the extra HTML for each page's <head> ({page source path: HTML}),
with "*" as the fallback for pages written by hand in docs/. Absolute URLs are
built from the site's address (mkdocs.yml `site_url`).
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Callable
from pathlib import Path

import jinja2
import yaml

from ..catalog.index import Catalog
from ..catalog.searchwords import vocabulary_words
from ..content.model import ContentModel, Entry
from ..content.yamlnodes import SafeLoader
from .citation import BIBTEX_FILE, RIS_FILE, SITE_NAME, bibtex, citation_text, ris
from .feeds import SITE_FEED, all_feeds, topic_feed_path
from .linkeddata import absolute, amb_record, catalog_record, script_json

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # where `make serve` shows the site
CATALOG_FILE = "catalog.json"
CATALOG_SCHEMA_FILE = "catalog.schema.json"
CATALOG_SCHEMA = Path(__file__).parent / "schemas" / CATALOG_SCHEMA_FILE
WORD_TEMPLATES_DIR = "vorlagen"  # the Word templates per entry type (mediathek.authoring.word.template), staged at build time
OTHER_PAGES = "*"  # key in the head mapping for every page without its own entry
OTHER_PAGES_FEED = "*feed"  # the feed link inside it
ROOT = "\x00root/"  # stands for the relative way to the site root in the head of OTHER_PAGES


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

    What posixpath.relpath gives for these site-absolute paths (the home page's URL is ./), without
    its normalising: called for every link of every generated page, nearly always with a new pair.
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


def other_page_head(head: dict[str, str], page_url: str) -> str:
    """The head for a page from docs/, whose URL is known only when MkDocs renders it.

    A page that is not a directory URL (404.html) is served at any address: it gets no feed link,
    since no relative link is right there and Material would fetch a sitemap beside it."""
    other = head.get(OTHER_PAGES, "")
    if page_url and not page_url.endswith("/"):
        return other.replace(head.get(OTHER_PAGES_FEED, ""), "")
    root = posixpath.relpath("/", "/" + page_url) + "/" if page_url else ""
    return other.replace(ROOT, root)


def reader_files(
    catalog: Catalog, model: ContentModel, site_url: str, keep: Callable[[str, object, Callable[[], str]], str] | None = None
) -> dict[str, str]:
    """keep(name, key, make): make() or what it gave before for an equal key (RenderMemo.keep_file);
    the model and the site address are the same for all keys."""
    keep = keep or (lambda name, key, make: make())
    files: dict[str, str] = {}
    records = []
    for entry in catalog.entries:
        url = absolute(site_url, entry.url)
        files[f"{entry.url}{BIBTEX_FILE}"] = keep(f"{entry.url}{BIBTEX_FILE}", entry, lambda entry=entry, url=url: bibtex(entry, model, url))  # type: ignore[misc]
        files[f"{entry.url}{RIS_FILE}"] = keep(f"{entry.url}{RIS_FILE}", entry, lambda entry=entry, url=url: ris(entry, model, url))  # type: ignore[misc]
        records.append(keep(f"{entry.url}{CATALOG_FILE}", entry, lambda entry=entry: str(script_json(catalog_record(entry, model, site_url)))))  # type: ignore[misc]
    files.update(all_feeds(catalog.entries, model, site_url, keep))
    catalog_data = {
        "$schema": absolute(site_url, CATALOG_SCHEMA_FILE),
        "title": SITE_NAME,
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
    files[CATALOG_SCHEMA_FILE] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return files


def reader_head(
    catalog: Catalog,
    model: ContentModel,
    site_url: str,
    pages: dict[str, str],
    env: jinja2.Environment,
    keep: Callable[[str, object, Callable[[], str]], str] | None = None,
) -> dict[str, str]:
    """Head HTML for every generated page, rendered with the autoescaping environment `env`.

    keep(source, key, make): make() or what an earlier make() for an equal key gave (RenderMemo.keep_head);
    the model and the site address are the same for all keys."""
    keep = keep or (lambda source, key, make: make())
    site_feed_title = f"{SITE_NAME}: neue Einträge"
    other = {"title": site_feed_title, "href": ROOT + SITE_FEED}
    head: dict[str, str] = {
        OTHER_PAGES: env.get_template("head_page.html.j2").render(page=None, feeds=[], site_name=SITE_NAME, site_feed=other),
        OTHER_PAGES_FEED: str(env.get_template("_head.j2").module.feed_links(other, [])),  # type: ignore[attr-defined]  # a macro of the template
    }
    entry_sources = {f"{entry.url}index.md": entry for entry in catalog.entries}
    for source, text in pages.items():
        if not source.endswith(".md"):
            continue
        entry = entry_sources.get(source)
        head[source] = keep(source, entry or text, lambda source=source, text=text, entry=entry: _page_head(source, text, entry, model, site_url, env))  # type: ignore[misc]
    return head


def _page_head(source: str, text: str, entry: Entry | None, model: ContentModel, site_url: str, env: jinja2.Environment) -> str:
    site_feed_title = f"{SITE_NAME}: neue Einträge"
    url = page_url(source)
    # Feed links must be relative: Material fetches sitemap.xml beside each <link rel="alternate">.
    common = {"site_name": SITE_NAME, "site_feed": {"title": site_feed_title, "href": relative_link(url, SITE_FEED)}}
    if entry is not None:
        return env.get_template("head_entry.html.j2").render(
            entry=entry,
            url=absolute(site_url, entry.url),
            keywords=[model.tags[t].label for t in entry.tags],
            json_ld=script_json(amb_record(entry, model, site_url)),
            **common,
        )
    meta = _front_matter(text)
    feeds = []
    topic = source.removeprefix("themen/").removesuffix(".md")
    if source.startswith("themen/") and topic in model.topics:
        feeds.append({"title": f"{SITE_NAME}: {model.topics[topic].title}", "href": relative_link(url, topic_feed_path(topic))})
    page = {
        "title": meta.get("title") or SITE_NAME,
        "description": meta.get("description", ""),
        "url": absolute(site_url, url),
    }
    return env.get_template("head_page.html.j2").render(page=page, feeds=feeds, **common)


def _front_matter(text: str) -> dict[str, str]:
    """Title and description of a generated page; the `fm` filter stored them HTML-escaped."""
    if not text.startswith("---\n"):
        return {}
    block = text[4:].split("\n---", 1)[0]
    data = yaml.load(block, Loader=SafeLoader) or {}
    return {key: html.unescape(str(value)) for key, value in data.items() if key in ("title", "description")}


def entry_citation(entry: Entry, site_url: str) -> str:
    return citation_text(entry, absolute(site_url, entry.url))


# What docs/assets/suche.js loads on first use, beside Pagefind:
# - pages: generated pages that Pagefind does not index (it indexes entries and the pages in docs/),
#   found by their title and description;
# - words: the vocabulary's names (tags, synonyms, search words, glossary terms, topics), which a
#   query with a typo is compared with when it finds little („Konfikt“ -> „Konflikte“).
SEARCH_PAGES_FILE = "suche.json"
NAMED_PAGES = {
    "glossar.md": "glossar/",
    "autorenleitfaden.md": "autorenleitfaden/",
    "mediathek/index.md": "mediathek/",
    "themen/index.md": "themen/",
    "schlagwoerter/index.md": "schlagwoerter/",
}


def search_pages_file(pages: dict[str, str], model: ContentModel) -> str:
    found = []
    for source, url in NAMED_PAGES.items():
        meta = _front_matter(pages.get(source, ""))
        if meta.get("title"):
            found.append({"url": url, "title": meta["title"], "description": meta.get("description", "")})
    data = {"pages": found, "words": vocabulary_words(model)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
