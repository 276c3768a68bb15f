"""The first screen of the home page and the Mediathek on a phone (390×844), measured in Chromium.

Each layout test runs on the real site (invariants only) and on a fixture collection whose entries
are as long as the content model allows (title, description, ten tags): what fits there fits for
any valid collection with the same topics. Also: the filter control, the home search with and
without JavaScript, the skip link and the search's tooltips on a touch screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse

import pytest
import yaml

from browser import PHONE, axe_violations, phone_context, serve
from conftest import REPO, copy_checkout, copy_content_model
from mediathek.pages import pipeline
from mediathek.site.stage import load_settings

pytestmark = pytest.mark.browser

LONGEST_TAGS = 10  # the content model's max_items for tags


LONG_WORDS = ("Netzwerkkoordinationsvereinbarungen", "zwischen", "Kooperationspartner*innen", "im", "ländlichen", "Raum", "und")


def _longest(start: str, limit: int) -> str:
    """start, then long words, filled up to exactly `limit` characters with the start of the longest word."""
    text = start
    for i in range(limit):
        word = LONG_WORDS[i % len(LONG_WORDS)]
        if len(text) + 1 + len(word) > limit:
            break
        text += " " + word
    rest = limit - len(text) - 1  # shorter than the word that did not fit, so shorter than the longest
    return text + " " + LONG_WORDS[0][:rest] if rest > 0 else text


def _worst_entry(kind: str, number: int, tags: list[str], topics: list[str], limits: dict[str, int]) -> str:
    title = _longest(f"Eintrag {number}:", limits["title"])
    description = _longest("Wie", limits["description"])
    extra = "bundesland: Mecklenburg-Vorpommern\norganisation: Verein\nnetwork: Regionales MINT-Netzwerk\n" if kind == "praxisbeispiel" else ""
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndescription: {json.dumps(description, ensure_ascii=False)}\n"
        f"date: 2026-11-{10 + number:02d}\ntype: {kind}\ntopics: [{', '.join(topics)}]\n"
        f"tags: [{', '.join(tags)}]\nauthors: [\"Redaktion der Wissenssammlung\"]\n{extra}---\n\n"
        "## Zusammenfassung\n\nEin Text für den Test.\n\n## Ausgangslage\n\nEin Text für den Test.\n"
    )


@pytest.fixture(scope="module")
def worst_site(tmp_path_factory):
    """A site whose entries are as long as allowed: three Themenbeiträge and three Praxisbeispiele."""
    root = copy_checkout(tmp_path_factory.mktemp("longest"), entries=False)
    copy_content_model(root / "projects", word_limits=False)
    model = yaml.safe_load((root / "projects" / "_inhaltsmodell.yml").read_text(encoding="utf-8"))
    limits = {name: model["fields"][name]["max_length"] for name in ("title", "description")}
    labels = sorted((t["label"] for t in yaml.safe_load((root / "projects" / "_schlagwoerter.yml").read_text(encoding="utf-8"))), key=len, reverse=True)
    topics = [t["slug"] for t in yaml.safe_load((root / "projects" / "_themen.yml").read_text(encoding="utf-8"))]
    assert model["fields"]["tags"]["max_items"] == LONGEST_TAGS
    for number, kind in enumerate(["themenbeitrag"] * 3 + ["praxisbeispiel"] * 3):
        text = _worst_entry(kind, number, labels[:LONGEST_TAGS], topics, limits)
        assert f'title: "{_longest(f"Eintrag {number}:", limits["title"])}"' in text and len(_longest("Wie", limits["description"])) == limits["description"]
        folder = root / "projects" / f"eintrag-{number}"
        folder.mkdir()
        (folder / "index.md").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mediathek", "build"], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    result = pipeline.check(root)
    assert not result.problems
    with serve(root / "site") as url:
        yield url, result


@pytest.fixture(params=["real", "longest"])
def collection(request, real):
    """(URL of the built site, its checked content)."""
    if request.param == "real":
        return request.getfixturevalue("site_url"), real
    return request.getfixturevalue("worst_site")


# Boxes of the first screen: whether each thing lies wholly inside the viewport.
ON_SCREEN = """selector => [...document.querySelectorAll(selector)].map(el => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
})"""


def on_screen(page, selector: str) -> list[bool]:
    return page.evaluate(ON_SCREEN, selector)


def test_home_first_phone_screen_shows_name_search_and_three_topics(browser, collection):
    url, content = collection
    context = phone_context(browser)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    heading = page.locator("article h1")
    assert heading.count() == 1
    shown = heading.evaluate("h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink')).map(n => n.textContent).join('').trim()")
    assert shown == load_settings(REPO).site_name
    assert on_screen(page, "article h1") == [True]
    assert on_screen(page, "#mt-home-q") == [True] and on_screen(page, ".mt-home-search button[type=submit]") == [True]
    cards = on_screen(page, ".mt-topic-card")
    assert len(cards) == len(content.model.topics)
    assert sum(cards) >= 3, cards
    # Each card: the topic's page and its number of entries, from the catalog.
    shown = page.eval_on_selector_all(
        ".mt-topic-card", "els => els.map(e => [new URL(e.querySelector('a').href).pathname, e.querySelector('.mt-topic-card__count').textContent])"
    )
    for (path, count), slug in zip(shown, content.model.topics, strict=True):
        assert path.endswith(f"/themen/{slug}/")
        n = sum(slug in e.topics for e in content.entries)
        assert count == f"{n} {'Eintrag' if n == 1 else 'Einträge'}", (slug, count)
    context.close()


def test_mediathek_first_phone_screen_shows_the_count_and_two_entries(browser, collection):
    url, content = collection
    context = phone_context(browser)
    page = context.new_page()
    page.goto(url + "mediathek/", wait_until="networkidle")
    assert on_screen(page, "[data-mt-filter-status]") == [True]
    assert page.text_content("[data-mt-filter-status]").strip() == f"{len(content.entries)} Einträge"
    assert on_screen(page, ".mt-filter__summary") == [True]
    assert page.text_content(".mt-filter__summary").strip() == "Filter"
    assert page.locator(".mt-filter__fields").is_hidden()
    cards = on_screen(page, "[data-mt-entry]")
    assert cards[:2] == [True, True], cards
    context.close()


def test_the_filter_control_opens_counts_its_filters_and_keeps_the_url(browser, site_url, real):
    context = phone_context(browser)
    page = context.new_page()
    page.goto(site_url + "mediathek/", wait_until="networkidle")
    page.tap(".mt-filter__summary")
    assert page.locator(".mt-filter__fields").is_visible()
    assert axe_violations(page) == []
    kind = real.entries[0].type
    topic = real.entries[0].topics[0]
    page.select_option("#mt-filter-typ", kind)
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    page.select_option("#mt-filter-thema", topic)
    page.wait_for_function("!document.querySelector('[data-mt-filter]').hasAttribute('data-mt-busy')")
    assert page.text_content(".mt-filter__summary").strip() == "Filter (2 aktiv)"
    assert urllib.parse.urlsplit(page.url).query == f"typ={kind}&thema={topic}"
    page.go_back()
    page.wait_for_function("document.querySelector('.mt-filter__summary').textContent.trim() === 'Filter (1 aktiv)'")
    page.go_back()
    page.wait_for_function("document.querySelector('.mt-filter__summary').textContent.trim() === 'Filter'")
    assert page.text_content("[data-mt-filter-status]").strip() == f"{len(real.entries)} Einträge"
    # A link with a filter: the control says so and stays closed, results first.
    page.goto(site_url + f"mediathek/?thema={topic}", wait_until="networkidle")
    page.wait_for_function("!document.querySelector('[data-mt-filter]').hasAttribute('data-mt-busy')")
    assert page.text_content(".mt-filter__summary").strip() == "Filter (1 aktiv)"
    assert not page.evaluate("document.querySelector('[data-mt-filter-details]').open")
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_from_60em_the_filters_stand_open(browser, site_url, javascript):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site_url + "mediathek/", wait_until="load")
    assert page.locator(".mt-filter__summary").is_hidden()
    assert page.locator(".mt-filter__fields").is_visible() is javascript
    assert page.locator(".mt-filter__nojs").is_visible() is not javascript
    context.close()


def test_without_javascript_the_filter_opens_and_the_home_form_leads_to_the_mediathek(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "mediathek/", wait_until="load")
    page.tap(".mt-filter__summary")
    assert page.evaluate("document.querySelector('[data-mt-filter-details]').open")
    note = page.locator(".mt-filter__nojs")
    assert note.is_visible() and note.locator("a").count() >= 2
    assert page.locator(".mt-filter__fields").is_hidden()
    page.goto(site_url, wait_until="load")
    page.fill("#mt-home-q", "Konsent")
    page.tap(".mt-home-search button[type=submit]")
    page.wait_for_url("**/mediathek/?q=Konsent")
    context.close()


def test_the_home_search_uses_the_site_search_and_sends_nothing(browser, site_url):
    context = phone_context(browser)
    page = context.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    page.fill("#mt-home-q", "Konsent")
    page.press("#mt-home-q", "Enter")
    page.wait_for_function('document.querySelector("[data-mt-search-meta]").textContent.includes("für „Konsent“")')
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.matches('[data-mt-search-input]')")
    assert page.locator("[data-mt-search-list] a").count() > 0
    assert page.evaluate("location.pathname + location.search") == urllib.parse.urlsplit(site_url).path
    assert not [u for u in sent if "Konsent" in u]
    context.close()


def test_skip_link_leads_to_the_results_of_the_mediathek(browser, site_url):
    page = browser.new_page(viewport=PHONE)
    page.goto(site_url + "mediathek/", wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zum Inhalt"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#ergebnisse"
    # The target stands after the filters and before the first result.
    order = page.evaluate(
        """() => [document.querySelector('[data-mt-filter]'), document.getElementById('ergebnisse'), document.querySelector('[data-mt-entry]')]
            .map(el => el.getBoundingClientRect().top + scrollY)"""
    )
    assert order == sorted(order)
    page.close()


def test_the_search_tooltips_never_cover_a_result_on_touch(browser, site_url):
    context = phone_context(browser)
    page = context.new_page()
    page.goto(site_url + "mediathek/", wait_until="networkidle")
    page.tap("label[for=__search]")
    field = page.locator("[data-mt-search-input]")
    field.press_sequentially("Netzwerk")
    page.wait_for_function('document.querySelector("[data-mt-search-meta]").textContent.includes("für „Netzwerk“")')
    page.tap(".md-search__options button[type=reset]")
    field.press_sequentially("Förderung")
    page.wait_for_function('document.querySelector("[data-mt-search-meta]").textContent.includes("für „Förderung“")')
    visible = page.evaluate(
        """() => [...document.querySelectorAll('.md-tooltip, .md-tooltip2, [role=tooltip]')]
            .filter(t => t.checkVisibility() && t.getBoundingClientRect().height > 0).map(t => t.textContent.trim())"""
    )
    assert visible == []
    context.close()
