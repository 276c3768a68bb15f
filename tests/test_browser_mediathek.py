"""The Mediathek list: facet filters with and without JavaScript, URL state, paging, and the Länder map.

The site here is the real one built with pages of PAGE_SIZE entries, so the real entries fill
several pages of the Mediathek and the filters have to find entries beyond the first page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter

import pytest

from conftest import copy_checkout
from mediathek.content.slugs import slugify
from mediathek.site.build import PAGE_SIZE_VARIABLE

pytestmark = pytest.mark.browser
PAGE_SIZE = 8


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    from browser import serve

    # in a copy of the checkout: its own staged tree (build/), never the one of the session's site
    root = copy_checkout(tmp_path_factory.mktemp("paged-checkout"))
    site = root / "site"
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1", PAGE_SIZE_VARIABLE: str(PAGE_SIZE)}
    done = subprocess.run([sys.executable, "-m", "mediathek", "build"], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(site) as url:
        yield url


def rare_word(real) -> tuple[str, str]:
    """(word, slug): a word a reader might type that only one practice example of the collection uses,
    not even as the start of another word elsewhere, so the search can only mean that entry."""
    texts = {e.slug: f"{e.title} {e.description} {' '.join(e.tags)} {e.body}" for e in real.entries}
    for entry in sorted(real.entries, key=lambda e: e.slug):
        if entry.type != "praxisbeispiel":
            continue
        for word in sorted(set(re.findall(r"\b[A-Z][a-z]{6,}\b", texts[entry.slug]))):
            stem = word[:6].lower()
            if not any(stem in text.lower() for slug, text in texts.items() if slug != entry.slug):
                return word, entry.slug
    raise AssertionError("no practice example has a word of its own")


def settled(page) -> None:
    """Wait until the filters have shown their results (the index and card texts load on demand)."""
    page.wait_for_function("!document.querySelector('[data-mt-filter]').hasAttribute('data-mt-busy')")


def status(page) -> str:
    settled(page)
    return page.text_content("[data-mt-filter-status]").strip()


def visible_entries(page) -> set[str]:
    settled(page)
    return set(page.eval_on_selector_all("[data-mt-entry]:not([hidden])", "els => els.map(e => e.dataset.mtEntry)"))


def served_entries(page) -> list[str]:
    return page.eval_on_selector_all("[data-mt-entry]", "els => els.map(e => e.dataset.mtEntry)")


def test_without_javascript_the_pages_link_to_each_other_and_hold_every_entry_once(browser, site_url, real):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "mediathek/?thema=verstetigung")
    assert page.locator(".mt-filter__fields").is_hidden() and page.locator(".mt-filter__reset").is_hidden()  # they need the script
    pages = -(-len(real.entries) // PAGE_SIZE)
    seen: list[str] = []
    for number in range(1, pages + 1):
        shown = served_entries(page)
        assert 0 < len(shown) <= PAGE_SIZE
        assert all(page.locator("[data-mt-entry]").nth(i).is_visible() for i in range(len(shown)))
        assert page.text_content(".mt-pager__status").strip() == f"Seite {number} von {pages}"
        seen += shown
        if number < pages:
            page.click("a[rel=next]")
            page.wait_for_url(f"**/mediathek/seite-{number + 1}/")
    assert page.locator("a[rel=next]").count() == 0
    assert Counter(seen) == Counter(e.slug for e in real.entries)
    page.click("a[rel=prev]")
    page.wait_for_url(f"**/mediathek/seite-{pages - 1}/" if pages > 2 else "**/mediathek/")
    context.close()


def test_a_filter_finds_entries_beyond_the_first_page(browser, site_url, real):
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(site_url + "mediathek/seite-2/")
    later = served_entries(plain)[-1]
    context.close()
    entry = next(e for e in real.entries if e.slug == later)
    page = browser.new_page()
    page.goto(site_url + "mediathek/")
    assert later not in visible_entries(page)
    assert status(page) == f"{len(real.entries)} Einträge"
    page.select_option("#mt-filter-thema", entry.topics[0])
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    expected = {e.slug for e in real.entries if entry.topics[0] in e.topics}
    assert later in visible_entries(page) and visible_entries(page) == expected
    assert page.locator("[data-mt-pager]").is_hidden()  # the results span the collection, not this page
    # a result card looks like a served one: title link, type, date, description, tags
    card = page.locator(f'[data-mt-entry="{later}"]')
    assert card.locator(".mt-card__title a").text_content() == entry.title
    assert card.locator(".mt-card__description").text_content() == entry.description
    assert card.locator("time").get_attribute("datetime") == entry.date.isoformat()
    assert card.locator(".md-tag").count() == len(entry.tags)
    card.locator(".mt-card__title a").click()
    page.wait_for_url(f"**/mediathek/{later}/")
    page.go_back()
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert visible_entries(page) == expected
    page.close()


def test_back_to_no_filter_shows_the_page_as_served(browser, site_url, real):
    page = browser.new_page()
    page.goto(site_url + "mediathek/seite-2/")
    served = served_entries(page)
    assert status(page) == f"{len(real.entries)} Einträge"
    page.select_option("#mt-filter-typ", "themenbeitrag")
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert visible_entries(page) == {e.slug for e in real.entries if e.type == "themenbeitrag"}
    assert "seite-2/?typ=themenbeitrag" in page.url
    page.go_back()
    page.wait_for_function("!document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert served_entries(page) == served and visible_entries(page) == set(served)
    assert page.locator("[data-mt-pager]").is_visible()
    page.close()


def test_filters_combine_count_and_live_in_the_url(browser, site_url, real):
    topic = Counter(t for e in real.entries if e.type == "praxisbeispiel" for t in e.topics).most_common(1)[0][0]
    page = browser.new_page()
    page.goto(site_url + f"mediathek/?thema={topic}")
    expected = {e.slug for e in real.entries if topic in e.topics}
    assert visible_entries(page) == expected
    assert status(page) == f"{len(expected)} von {len(real.entries)} Einträgen"

    page.select_option("#mt-filter-typ", "praxisbeispiel")
    expected = {e.slug for e in real.entries if topic in e.topics and e.type == "praxisbeispiel"}
    assert visible_entries(page) == expected
    assert "typ=praxisbeispiel" in page.url and f"thema={topic}" in page.url
    # counts in the other facets follow the current selection
    land_options = page.eval_on_selector_all("#mt-filter-land option", "os => os.map(o => o.textContent)")
    lands = Counter(land for e in real.entries if e.slug in expected and (land := real.model.real_bundesland(e)))
    for name, count in lands.items():
        assert f"{name} ({count})" in land_options

    page.go_back()
    assert "typ=" not in page.url
    assert visible_entries(page) == {e.slug for e in real.entries if topic in e.topics}
    page.close()


def test_text_filter_uses_full_text_search(browser, site_url, real):
    word, slug = rare_word(real)
    page = browser.new_page()
    page.goto(site_url + "mediathek/")
    page.fill("#mt-filter-q", word)
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    shown = visible_entries(page)
    assert slug in shown
    assert 0 < len(shown) < len(real.entries)
    assert page.url.endswith(f"/mediathek/#q={word}")  # in the fragment: never sent to the server
    page.close()


def test_typed_text_never_reaches_the_server(browser, site_url, real):
    """The query lives in the fragment; a reload or an old ?q= link keeps working, and after the
    old link nothing the browser sends carries the query."""
    word, slug = rare_word(real)
    topic = next(e for e in real.entries if e.slug == slug).topics[0]
    page = browser.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url))
    page.goto(site_url + f"mediathek/?thema={topic}")
    page.fill("#mt-filter-q", word)
    page.wait_for_function(f"location.hash === '#q={word}'")
    assert page.url.endswith(f"/mediathek/?thema={topic}#q={word}")
    page.reload()
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert page.input_value("#mt-filter-q") == word
    assert visible_entries(page) <= {e.slug for e in real.entries if topic in e.topics}
    assert not [url for url in sent if word in url]

    page.goto(site_url + f"mediathek/?q={word}&typ=praxisbeispiel")  # an old link
    page.wait_for_function(f"location.hash === '#q={word}'")
    assert page.url.endswith(f"/mediathek/?typ=praxisbeispiel#q={word}")
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert slug in visible_entries(page)
    sent.clear()
    page.reload()
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert page.input_value("#mt-filter-q") == word
    assert sent and not [url for url in sent if word in url]
    page.close()


def test_filters_work_with_the_keyboard(browser, site_url, real):
    page = browser.new_page()
    page.goto(site_url + "mediathek/")
    page.focus("#mt-filter-typ")
    page.keyboard.press("ArrowDown")  # first real option: the first type in use (Projektarbeit only once there is one)
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    first = next(slug for slug in real.model.types if any(e.type == slug for e in real.entries))
    assert visible_entries(page) == {e.slug for e in real.entries if e.type == first}
    page.close()


def test_map_counts_match_the_content_and_link_to_the_filtered_list(browser, site_url, real):
    page = browser.new_page()
    page.goto(site_url + "mediathek/")
    # Only real, contributed cases come from a Land: a constructed case's Bundesland is invented.
    counts = Counter(land for e in real.entries if (land := real.model.real_bundesland(e)))
    tiles = page.eval_on_selector_all(
        ".mt-map__tile", "els => els.map(e => [e.getAttribute('aria-label'), e.textContent.trim().split(/\\s+/).join(' ')])"
    )
    if not counts:  # no real case in this collection: no map, no Land filter
        assert tiles == [] and not page.is_visible("#mt-filter-land")
        page.close()
        return
    assert len(tiles) == 16
    for label, visible in tiles:
        # The name starts with the visible text (WCAG 2.5.3 Label in Name): „HB: 1 Praxisfall (Bremen)“ for „HB 1“.
        abbreviation, number, name = re.match(r"^([A-Z]{2}): (\d+) Praxisf(?:all|älle) \((.+)\)$", label).groups()
        assert visible == f"{abbreviation} {number}"
        assert int(number) == counts.get(name, 0), name
    land = next(iter(counts))
    page.click(f'.mt-map__tile[aria-label$="({land})"]')
    page.wait_for_url(f"**land={slugify(land)}**")
    assert visible_entries(page) == {e.slug for e in real.entries if real.model.real_bundesland(e) == land}
    page.close()


def test_a_search_can_be_narrowed_by_the_mediathek_facets(browser, site_url, real):
    word, slug = rare_word(real)
    page = browser.new_page()
    page.goto(site_url)
    page.keyboard.press("/")
    page.locator("[data-mt-search-input]").press_sequentially(word)
    page.wait_for_function(f'document.querySelector("[data-mt-search-meta]").textContent.includes("für „{word}“")')
    page.click("[data-mt-search-narrow]")
    page.wait_for_url(f"**/mediathek/#q={word}")
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    page.select_option("#mt-filter-typ", "praxisbeispiel")
    shown = visible_entries(page)
    assert slug in shown
    types = {e.slug: e.type for e in real.entries}
    assert {types[slug] for slug in shown} == {"praxisbeispiel"}
    page.close()
