"""The serve bench waits for the listing page that shows the edited entry, wherever paging put it."""

from __future__ import annotations

import pytest

from mediathek_bench.serve import listing_page_of

LISTING = "http://127.0.0.1:8000/mediathek/"


def _site(pages: dict[str, str]):
    return lambda url: pages.get(url)


def test_the_entry_on_a_later_listing_page_is_found_there():
    site = _site({
        LISTING: '<a href="erste/">Erste</a> <a href="seite-2/">2</a>',
        LISTING + "seite-2/": '<a href="../zweite/">Zweite</a>',
        LISTING + "seite-3/": '<a href="../gesucht/">Gesucht</a>',
    })
    assert listing_page_of(site, LISTING, "gesucht") == LISTING + "seite-3/"
    assert listing_page_of(site, LISTING, "erste") == LISTING


def test_a_slug_inside_another_slug_does_not_count():
    site = _site({LISTING: '<a href="nicht-gesucht/">x</a>', LISTING + "seite-2/": '<a href="../gesucht/">y</a>'})
    assert listing_page_of(site, LISTING, "gesucht") == LISTING + "seite-2/"


def test_an_entry_no_page_lists_is_an_error_not_a_wait():
    with pytest.raises(RuntimeError, match="verlinkt den Eintrag fehlt"):
        listing_page_of(_site({LISTING: '<a href="erste/">Erste</a>'}), LISTING, "fehlt")
