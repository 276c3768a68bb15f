"""Listings in bounded pages (mediathek.catalog.listing): page sizes, every entry on exactly one page,
plain links between the pages, and the filter index the Mediathek's filters load on demand."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from conftest import FIXTURE_SITE_NAME, VALID_EXAMPLE, VALID_PAPER, scratch_repo
from mediathek.catalog import listing
from mediathek.pages import pipeline

SIZE = 4
CARD = re.compile(r'<article class="mt-card"(?: data-mt-entry="([a-z0-9-]+)")?[^>]*>\n<h3 class="mt-card__title"><a href="([^"]+)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Eleven fixture entries of both kinds (three pages of SIZE), every one on the topic verstetigung."""
    repo = scratch_repo(tmp_path_factory.mktemp("listing"), word_limits=False)
    for number in range(1, 12):
        text = VALID_PAPER if number % 2 else VALID_EXAMPLE
        title = "Eine Projektarbeit" if number % 2 else "Ein Praxisbeispiel"
        dated = text.replace(title, f"{title} {number}").replace("date: 2026-11-", f"date: 2026-{1 + number % 9:02d}-")
        repo.entry(f"eintrag-{number}", dated.replace("../eine-projektarbeit/index.md", "../eintrag-1/index.md"))
    result = pipeline.check(repo.root)
    assert result.problems == []
    return pipeline.generate(result, site_name=FIXTURE_SITE_NAME, page_size=SIZE)


def listing_pages(pages: dict[str, str], first: str) -> list[str]:
    """The sources of a listing's pages in order: the first, then seite-2, seite-3 …"""
    found = [first]
    while listing.later_page_source(first, len(found) + 1) in pages:
        found.append(listing.later_page_source(first, len(found) + 1))
    return found


def test_paginate_bounds_every_page_and_keeps_the_order():
    entries = list(range(10))
    pages = listing.paginate(entries, "mediathek/", size=4)  # type: ignore[arg-type]
    assert [list(p.entries) for p in pages] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert [p.own_url for p in pages] == ["mediathek/", "mediathek/seite-2/", "mediathek/seite-3/"]
    assert (pages[1].prev_url, pages[1].next_url, pages[2].next_url) == ("mediathek/", "mediathek/seite-3/", None)
    assert (pages[2].start, pages[2].end, pages[2].total) == (9, 10, 10)
    assert [p.entries for p in listing.paginate([], "themen/x/")] == [()]


def test_every_entry_is_on_exactly_one_page_of_the_mediathek(site):
    sources = listing_pages(site.pages, "mediathek/index.md")
    assert len(sources) == -(-len(site.catalog.entries) // SIZE) > 1
    seen: Counter[str] = Counter()
    for source in sources:
        slugs = [slug for slug, _ in CARD.findall(site.pages[source])]
        assert 0 < len(slugs) <= SIZE, source
        seen.update(slugs)
    assert seen == Counter(e.slug for e in site.catalog.entries)
    # in the order of the listing: by type, newest first
    ordered = [slug for source in sources for slug, _ in CARD.findall(site.pages[source])]
    assert ordered == [e.slug for e in listing.mediathek_order(site.catalog, site.model)]


def test_topic_and_tag_pages_are_bounded_and_complete(site):
    listings = {f"themen/{slug}.md": entries for slug, entries in site.catalog.by_topic.items()}
    listings |= {f"schlagwoerter/{slug}.md": entries for slug, entries in site.catalog.by_tag.items()}
    paged = 0
    for first, entries in listings.items():
        sources = listing_pages(site.pages, first)
        hrefs = [href for source in sources for _, href in CARD.findall(site.pages[source])]
        assert all(len(CARD.findall(site.pages[s])) <= SIZE for s in sources), first
        assert Counter(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs) == Counter(e.slug for e in entries), first
        paged += len(sources) > 1
    assert paged  # the fixture entries fill more than one page of some topic at this size


def test_later_pages_link_both_ways_and_stay_out_of_the_navigation(site):
    sources = listing_pages(site.pages, "mediathek/index.md")
    second = site.pages[sources[1]]
    assert sources[1] == "mediathek/seite-2.md"
    assert 'title: "Mediathek – Seite 2 von' in second
    assert f"Seite 2 von {len(sources)}" in second
    assert '<a href="../" rel="prev">Vorherige Seite</a>' in second
    assert '<a href="../seite-3/" rel="next">Nächste Seite</a>' in second
    assert '<a href="seite-2/" rel="next">Nächste Seite</a>' in site.pages["mediathek/index.md"]
    assert "seite-2" not in site.pages["mediathek/.pages"] and "seite-2" not in site.pages["themen/.pages"]
    # The map (or, without any real case, why there is none) only on the first page
    assert "## Eingereichte Praxisfälle nach Bundesland" in site.pages["mediathek/index.md"]
    assert "Praxisfälle nach Bundesland" not in second and 'class="mt-map"' not in second


def test_filter_index_holds_every_entry_in_listing_order_and_cards_per_page(site):
    index = json.loads(site.pages[listing.FILTER_INDEX])
    order = listing.mediathek_order(site.catalog, site.model)
    assert index["pageSize"] == SIZE
    assert [row[0] for row in index["entries"]] == [e.slug for e in order]
    first = order[0]
    _, type_no, topics, tags, land, days = index["entries"][0]
    assert index["types"][type_no][0] == first.type
    assert [index["topics"][i][0] for i in topics] == list(first.topics)
    assert [index["tags"][i][0] for i in tags] == list(first.tags)
    assert (index["lands"][land][1] if land >= 0 else None) == site.model.real_bundesland(first)  # never an invented Land
    assert days == (first.date - listing.dt.date(1970, 1, 1)).days
    for page in listing.paginate(order, "mediathek/", size=SIZE):
        cards = json.loads(site.pages[listing.CARDS_FILE.format(page.number)])
        labels = [site.model.type_label(e) for e in page.entries]  # a third text only where the badge says more
        assert cards == [
            [e.title, e.description] + ([label] if label != site.model.types[e.type].label else [])
            for e, label in zip(page.entries, labels, strict=True)
        ]
