"""The Mediathek list: facet filters with and without JavaScript, URL state, and the Länder map."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from mediathek.slugs import slugify

pytestmark = pytest.mark.browser


def status(page) -> str:
    return page.text_content("[data-mt-filter-status]").strip()


def visible_entries(page) -> set[str]:
    return set(page.eval_on_selector_all("[data-mt-entry]:not([hidden])", "els => els.map(e => e.dataset.mtEntry)"))


def test_without_javascript_the_full_list_shows(browser, site_url, real):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "mediathek/?thema=verstetigung")
    assert page.locator("[data-mt-filter]").is_hidden()
    assert page.locator("[data-mt-entry]").count() == len(real.entries)
    assert all(page.locator("[data-mt-entry]").nth(i).is_visible() for i in range(len(real.entries)))
    context.close()


def test_filters_combine_count_and_live_in_the_url(browser, site_url, real):
    page = browser.new_page()
    page.goto(site_url + "mediathek/?thema=verstetigung")
    expected = {e.slug for e in real.entries if "verstetigung" in e.topics}
    assert visible_entries(page) == expected
    assert status(page) == f"{len(expected)} von {len(real.entries)} Einträgen"

    page.select_option("#mt-filter-typ", "praxisbeispiel")
    expected = {e.slug for e in real.entries if "verstetigung" in e.topics and e.type == "praxisbeispiel"}
    assert visible_entries(page) == expected
    assert "typ=praxisbeispiel" in page.url and "thema=verstetigung" in page.url
    # counts in the other facets follow the current selection
    land_options = page.eval_on_selector_all("#mt-filter-land option", "os => os.map(o => o.textContent)")
    lands = Counter(e.bundesland for e in real.entries if e.slug in expected)
    for name, count in lands.items():
        assert f"{name} ({count})" in land_options

    page.go_back()
    assert "typ=" not in page.url
    assert visible_entries(page) == {e.slug for e in real.entries if "verstetigung" in e.topics}
    page.close()


def test_text_filter_uses_full_text_search(browser, site_url, real):
    page = browser.new_page()
    page.goto(site_url + "mediathek/")
    page.fill("#mt-filter-q", "Konsent")
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    shown = visible_entries(page)
    assert "entscheiden-ohne-chefposten" in shown
    assert 0 < len(shown) < len(real.entries)
    assert page.url.endswith("/mediathek/#q=Konsent")  # in the fragment: never sent to the server
    page.close()


def test_typed_text_never_reaches_the_server(browser, site_url, real):
    """The query lives in the fragment; a reload or an old ?q= link keeps working, and after the
    old link nothing the browser sends carries the query."""
    page = browser.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url))
    page.goto(site_url + "mediathek/?thema=verstetigung")
    page.fill("#mt-filter-q", "Konsent")
    page.wait_for_function("location.hash === '#q=Konsent'")
    assert page.url.endswith("/mediathek/?thema=verstetigung#q=Konsent")
    page.reload()
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert page.input_value("#mt-filter-q") == "Konsent"
    assert visible_entries(page) <= {e.slug for e in real.entries if "verstetigung" in e.topics}
    assert not [url for url in sent if "Konsent" in url]

    page.goto(site_url + "mediathek/?q=Konsent&typ=praxisbeispiel")  # an old link
    page.wait_for_function("location.hash === '#q=Konsent'")
    assert page.url.endswith("/mediathek/?typ=praxisbeispiel#q=Konsent")
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert "entscheiden-ohne-chefposten" in visible_entries(page)
    sent.clear()
    page.reload()
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert page.input_value("#mt-filter-q") == "Konsent"
    assert sent and not [url for url in sent if "Konsent" in url]
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
    counts = Counter(e.bundesland for e in real.entries if e.bundesland)
    tiles = page.eval_on_selector_all(
        ".mt-map__tile", "els => els.map(e => [e.getAttribute('aria-label'), e.textContent.trim().split(/\\s+/).join(' ')])"
    )
    assert len(tiles) == 16
    for label, visible in tiles:
        # The name starts with the visible text (WCAG 2.5.3 Label in Name): „HB: 1 Praxisbeispiel (Bremen)“ for „HB 1“.
        abbreviation, number, name = re.match(r"^([A-Z]{2}): (\d+) Praxisbeispiele? \((.+)\)$", label).groups()
        assert visible == f"{abbreviation} {number}"
        assert int(number) == counts.get(name, 0), name
    land = next(iter(counts))
    page.click(f'.mt-map__tile[aria-label$="({land})"]')
    page.wait_for_url(f"**land={slugify(land)}**")
    assert visible_entries(page) == {e.slug for e in real.entries if e.bundesland == land}
    page.close()


def test_a_search_can_be_narrowed_by_the_mediathek_facets(browser, site_url, real):
    page = browser.new_page()
    page.goto(site_url)
    page.keyboard.press("/")
    page.locator("[data-mt-search-input]").press_sequentially("Konsent")
    page.wait_for_function('document.querySelector("[data-mt-search-meta]").textContent.includes("für „Konsent“")')
    page.click("[data-mt-search-narrow]")
    page.wait_for_url("**/mediathek/#q=Konsent")
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    page.select_option("#mt-filter-typ", "praxisbeispiel")
    shown = visible_entries(page)
    assert "entscheiden-ohne-chefposten" in shown
    types = {e.slug: e.type for e in real.entries}
    assert {types[slug] for slug in shown} == {"praxisbeispiel"}
    page.close()
