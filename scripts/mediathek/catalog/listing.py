"""Listings in bounded pages, and the filter index the Mediathek's filters load on demand.

A listing (the Mediathek, a topic, a tag) is one sequence of entries cut into pages of PAGE_SIZE:
the first page keeps its address (mediathek/, themen/<slug>/, schlagwoerter/<slug>/), the others
are plain static pages beside it (mediathek/seite-2/, themen/<slug>/seite-2/ …) with links to the
neighbouring pages, so paging works without JavaScript.

The filter index is what the Mediathek's filters need over the whole collection, in two parts:
FILTER_INDEX, one compact file with every entry's slug and facets in listing order (types,
topics, tags and Länder as numbers into the vocabulary at its head, the date as days since
1970-01-01), loaded at the first filter interaction; and the card texts (title, description) of
listing page k in CARDS_FILE.format(k), fetched only for the results a reader is shown. At 5,000
synthetic entries (make bench LISTING=1) the index is 126 KB gzip, the card texts 418 KB in all
(some 3.3 KB a page): one file with both would be well over the 300 KB a first filter may load.
Pagefind's filter-only search (`pagefind.search(null, {filters})`) was measured too: it loads most
of the word index for it, 19 MB in 427 requests at 5,000 entries.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..content.model import ContentModel, Entry
from ..content.slugs import LISTING_PAGE, slugify
from .index import Catalog, by_type_order

PAGE_SIZE = 40  # cards of some 19 elements each: a Mediathek page stays well under 1,500 elements
PAGE_SLUG = LISTING_PAGE
INDEX_DIR = "mediathek-index"
FILTER_INDEX = f"{INDEX_DIR}/filter.json"
CARDS_FILE = INDEX_DIR + "/karten-{}.json"
_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing: its entries and where it stands among the others."""

    number: int  # 1-based
    count: int  # pages in the listing
    entries: tuple[Entry, ...]
    first_url: str  # the listing's first page, e.g. "mediathek/"
    start: int  # 1-based position of the page's first entry in the listing
    total: int  # entries in the listing

    @property
    def end(self) -> int:
        return self.start + len(self.entries) - 1

    def url(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}{PAGE_SLUG.format(number)}/"

    @property
    def own_url(self) -> str:
        return self.url(self.number)

    @property
    def prev_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None

    @property
    def last_url(self) -> str:
        return self.url(self.count)


def paginate(entries: Sequence[Entry], first_url: str, size: int = PAGE_SIZE) -> list[ListingPage]:
    """The pages of a listing; an empty listing still has its first page."""
    count = max(1, math.ceil(len(entries) / size))
    return [
        ListingPage(n, count, tuple(entries[(n - 1) * size : n * size]), first_url, (n - 1) * size + 1, len(entries)) for n in range(1, count + 1)
    ]


def later_page_source(first_source: str, number: int) -> str:
    """The Markdown source of page `number` (> 1): mediathek/index.md -> mediathek/seite-2.md,
    themen/verstetigung.md -> themen/verstetigung/seite-2.md."""
    folder = first_source.removesuffix("index.md") if first_source.endswith("/index.md") else first_source.removesuffix(".md") + "/"
    return f"{folder}{PAGE_SLUG.format(number)}.md"


def mediathek_order(catalog: Catalog, model: ContentModel) -> tuple[Entry, ...]:
    """The Mediathek's listing: by type in the content model's order, newest first within a type."""
    return by_type_order(catalog.entries, model)


def filter_files(listing: Sequence[Entry], model: ContentModel, page_size: int = PAGE_SIZE) -> dict[str, str]:
    """FILTER_INDEX and the card files, one per page of the Mediathek listing."""
    types = [slug for slug in model.types if any(e.type == slug for e in listing)]
    topics = list(model.topics)
    tags = sorted({tag for e in listing for tag in e.tags})
    lands = sorted({land for e in listing if (land := model.real_bundesland(e))})
    type_no = {slug: i for i, slug in enumerate(types)}
    topic_no = {slug: i for i, slug in enumerate(topics)}
    tag_no = {slug: i for i, slug in enumerate(tags)}
    land_no = {name: i for i, name in enumerate(lands)}
    index = {
        "pageSize": page_size,
        "types": [[slug, model.types[slug].label] for slug in types],
        "topics": [[slug, model.topics[slug].short] for slug in topics],
        "tags": [[slug, model.tags[slug].label] for slug in tags],
        "lands": [[slugify(name), name] for name in lands],
        # slug, type, topics, tags, Land (-1: none or invented: a constructed case's), days since 1970-01-01
        "entries": [
            [
                e.slug,
                type_no[e.type],
                [topic_no[t] for t in e.topics],
                [tag_no[t] for t in e.tags],
                land_no[land] if (land := model.real_bundesland(e)) else -1,
                (e.date - _EPOCH).days,
            ]
            for e in listing
        ],
    }
    files = {FILTER_INDEX: compact_json(index)}
    for page in paginate(listing, "mediathek/", page_size):
        # A third text where the badge says more than the type's label: „Praxisbeispiel (konstruiert)“.
        files[CARDS_FILE.format(page.number)] = compact_json([_card_texts(e, model) for e in page.entries])
    return files


def _card_texts(entry: Entry, model: ContentModel) -> list[str]:
    label = model.type_label(entry)
    return [entry.title, entry.description] + ([label] if label != model.types[entry.type].label else [])


def facet_counts(listing: Sequence[Entry], model: ContentModel) -> dict[str, dict[str, int]]:
    """How many entries each filter option has in the whole collection: the counts before any filter."""
    counts: dict[str, dict[str, int]] = {"typ": {}, "thema": {}, "schlagwort": {}, "land": {}, "jahr": {}}

    def add(facet: str, value: str) -> None:
        counts[facet][value] = counts[facet].get(value, 0) + 1

    for e in listing:
        add("typ", e.type)
        for topic in e.topics:
            add("thema", topic)
        for tag in e.tags:
            add("schlagwort", tag)
        if land := model.real_bundesland(e):
            add("land", slugify(land))
        add("jahr", str(e.date.year))
    return counts


def compact_json(data: object) -> str:
    # "<" escaped all the same: a site pasting a file into a <script> element stays safe
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c") + "\n"
