"""The colour scheme in Debian's Chromium on the built site: the device's scheme is shown without
storing anything; only a scheme the reader picks is stored (overrides/partials/palette.html and
overrides/partials/javascripts/palette.html), and it is remembered. The Leichte-Sprache page is
reachable from the footer and passes axe like every other page (tests/test_browser.py); search results
label a practice example with its kind of case, as the cards do."""

from __future__ import annotations

import pytest

from browser import axe_violations

pytestmark = pytest.mark.browser

TOGGLE = "form[data-mt-palette] label:not([hidden])"
SCHEME = "document.body.getAttribute('data-md-color-scheme')"


@pytest.mark.parametrize(("device", "scheme"), [("light", "default"), ("dark", "slate")])
def test_a_first_visit_shows_the_device_scheme_and_stores_nothing(browser, site_url, device, scheme):
    context = browser.new_context(color_scheme=device)
    page = context.new_page()
    for rel in ("", "mediathek/", "datenschutz/"):
        page.goto(site_url + rel, wait_until="networkidle")
        assert page.evaluate(SCHEME) == scheme, rel
        assert page.evaluate("Object.keys(localStorage)") == [], rel
        assert page.evaluate("Object.keys(sessionStorage)") == [], rel
        assert page.locator(TOGGLE).count() == 1  # one visible toggle, for the other scheme
    assert context.cookies() == []
    context.close()


def test_the_unchosen_scheme_follows_the_device_and_still_stores_nothing(browser, site_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"{SCHEME} === 'slate'")
    assert page.evaluate("Object.keys(localStorage)") == []
    context.close()


def test_a_chosen_scheme_is_stored_and_remembered_across_a_reload_and_pages(browser, site_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site_url + "glossar/", wait_until="networkidle")
    assert page.evaluate(SCHEME) == "default"
    page.click(TOGGLE)
    assert page.evaluate(SCHEME) == "slate"
    stored = page.evaluate("Object.entries(localStorage)")
    assert [key for key, _ in stored] == ["/.__palette"]
    assert '"scheme":"slate"' in stored[0][1]
    page.reload(wait_until="networkidle")
    assert page.evaluate(SCHEME) == "slate"
    page.goto(site_url + "mediathek/", wait_until="networkidle")
    assert page.evaluate(SCHEME) == "slate"
    # The device's change no longer matters once the reader has chosen.
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(100)
    assert page.evaluate(SCHEME) == "slate"
    page.click(TOGGLE)  # and back: the new choice replaces the old one
    page.reload(wait_until="networkidle")
    assert page.evaluate(SCHEME) == "default"
    assert [key for key, _ in page.evaluate("Object.entries(localStorage)")] == ["/.__palette"]
    context.close()


def test_the_toggle_works_with_the_keyboard(browser, site_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.focus("form[data-mt-palette] input:checked")
    page.keyboard.press("Enter")
    page.wait_for_function(f"{SCHEME} === 'slate'")
    assert [key for key, _ in page.evaluate("Object.entries(localStorage)")] == ["/.__palette"]
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_leichte_sprache_page_is_in_every_footer_and_passes_axe(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "mediathek/", wait_until="networkidle")
    page.click(".md-footer .mt-legal >> text=Leichte Sprache")
    page.wait_for_url("**/leichte-sprache/")
    assert page.locator("h1").inner_text() == "Leichte Sprache"
    assert page.locator(".mt-leichte-sprache h2").count() >= 4
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in axe_violations(page)] == []
    context.close()


def test_search_results_show_a_practice_examples_kind_of_case(browser, site_url, real):
    examples = [e for e in real.entries if e.type == "praxisbeispiel"]
    if not examples:
        pytest.skip("no practice example in this collection")
    page = browser.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("[data-mt-search-input]").press_sequentially(examples[0].title.split(":")[0])
    page.wait_for_function("document.querySelectorAll('[data-mt-search-list] .mt-search-kind').length > 0", timeout=10_000)
    kinds = page.eval_on_selector_all("[data-mt-search-list] .mt-search-kind", "els => els.map(e => e.textContent)")
    labels = {f"Praxisbeispiel ({case.short})" for case in real.model.cases.values()}
    shown = [kind for kind in kinds if kind.startswith("Praxisbeispiel")]
    assert shown and set(shown) <= labels, kinds
    page.close()
