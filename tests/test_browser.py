"""What a reader gets, checked in Debian's Chromium on the built site: search, accessibility,
privacy, links, console errors, phone layout."""

from __future__ import annotations

import html.parser
import os
import re
import statistics
import time
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser import AXE_JS, PHONE, axe_version, axe_violations, layout_shifts, page_urls, phone_context, serve

pytestmark = [pytest.mark.browser, pytest.mark.spread]  # a page per test; the site, server and browser are per session

ALLOWED_STORAGE_SUFFIXES = ("__palette",)  # the colour scheme, named on the privacy page


def page_kinds(real) -> dict[str, str]:
    """One page of every kind a reader meets."""
    paper = next(e for e in real.entries if e.type in ("projektarbeit", "themenbeitrag"))
    example = next(e for e in real.entries if e.type == "praxisbeispiel")
    tag = paper.tags[0]
    return {
        "home": "",
        "topic": f"themen/{paper.topics[0]}/",
        "topics": "themen/",
        "tag": f"schlagwoerter/{tag}/",
        "tags": "schlagwoerter/",
        "themenbeitrag": f"mediathek/{paper.slug}/",
        "praxisbeispiel": f"mediathek/{example.slug}/",
        "mediathek": "mediathek/",
        "glossary": "glossar/",
        "author-guide": "autorenleitfaden/",
        "about": "ueber-den-lehrgang/",
        "contribute": "mitmachen/",
        "imprint": "impressum/",
        "privacy": "datenschutz/",
        "accessibility": "barrierefreiheit/",
        "leichte-sprache": "leichte-sprache/",
    }


def open_search(page, query: str, *, typed: bool = True) -> float:
    """Type a query into the header search (or paste it: typed=False); return seconds from the last
    keystroke to the results."""
    page.keyboard.press("/")
    field = page.locator("[data-mt-search-input]")
    field.fill("")
    if typed:
        field.press_sequentially(query)
    else:
        field.fill(query)
    started = time.perf_counter()
    page.wait_for_function(
        'q => document.querySelector("[data-mt-search-meta]").textContent.includes("für „" + q + "“")',
        arg=query,
        timeout=10_000,
    )
    return time.perf_counter() - started


def result_links(page) -> list[str]:
    return page.eval_on_selector_all("[data-mt-search-list] a", "els => els.map(e => new URL(e.href).pathname)")


def top_three(page, query: str) -> tuple[float, list[str]]:
    """Search (the query pasted: what is found matters here, typing is tested elsewhere), close the
    search again; return the seconds to the results and the first three result paths."""
    seconds = open_search(page, query, typed=False)
    links = result_links(page)[:3]
    page.keyboard.press("Escape")
    return seconds, links


# ---------------------------------------------------------------- privacy, console, language

def test_every_page_loads_only_from_the_local_server(browser, site_url, built_site):
    pages = page_urls(built_site)
    assert len(pages) > 50
    foreign, console_errors, wrong_lang, storage = [], [], [], set()
    context = browser.new_context()
    page = context.new_page()
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.on("console", lambda m: console_errors.append((page.url, m.text)) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append((page.url, str(e))))
    for rel in pages:
        page.goto(site_url + rel, wait_until="load")
        if page.get_attribute("html", "lang") != "de":
            wrong_lang.append(rel)
        storage.update(page.evaluate("Object.keys(localStorage)"))
    assert foreign == []
    assert console_errors == []
    assert wrong_lang == []
    assert context.cookies() == []
    assert all(key.endswith(ALLOWED_STORAGE_SUFFIXES) for key in storage), storage
    context.close()
    print(f"\n{len(pages)} Seiten geladen: 0 fremde Anfragen, 0 Konsolenfehler, 0 Cookies, localStorage: {sorted(storage)}")


def test_privacy_page_names_what_the_browser_stores(built_site):
    text = (built_site / "datenschutz" / "index.html").read_text(encoding="utf-8")
    assert "localStorage" in text and "Cookies" in text


def test_the_colour_scheme_key_is_the_one_the_privacy_page_names(browser, site_url, built_site):
    """A chosen scheme is stored under "<path of the site>.__palette" (Material's key); the page names it
    for the published path (site_url), the test server serves the site at its root. Nothing is stored
    before the choice: tests/test_browser_palette.py."""
    from mediathek.site.markers import palette_key

    page = browser.new_page()
    page.goto(site_url + "impressum/")
    page.click("form[data-mt-palette] label:not([hidden])")
    keys = page.evaluate("Object.keys(localStorage)")
    page.close()
    served = palette_key(site_url)
    assert keys == [served] == ["/.__palette"]
    text = (built_site / "datenschutz" / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)datenschutz/"', text).group(1)
    assert f"<code>{palette_key(canonical)}</code>" in text


def test_header_search_never_sends_the_query(browser, search_site_url):
    site_url = search_site_url  # search behaviour: on the frozen fixture entries (tests/README.md)
    page = browser.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url))
    page.goto(site_url + "glossar/")
    open_search(page, "Konsent")
    page.locator("[data-mt-search-input]").fill("Qxzwv")
    page.wait_for_function('document.querySelector("[data-mt-search-meta]").textContent.includes("Keine Treffer")')
    page.keyboard.press("Enter")  # no result to open: the Mediathek with the text in the fragment
    page.wait_for_url("**/mediathek/#q=Qxzwv")
    page.wait_for_function("document.querySelector('[data-mt-filter-status]').textContent.includes(' von ')")
    assert not [url for url in sent if "Konsent" in url or "Qxzwv" in url]
    page.close()


def test_legal_pages_are_linked_from_every_footer(built_site):
    for rel in page_urls(built_site):
        path = built_site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
        text = path.read_text(encoding="utf-8")
        footer = text[text.index('class="md-copyright"') :]
        for label in ("Impressum", "Datenschutz", "Barrierefreiheit", "Leichte Sprache"):
            assert f">{label}</a>" in footer, (rel, label)  # targets are checked by the link test


# ---------------------------------------------------------------- accessibility

AXE_MINIMUM = (4, 14)
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": PHONE}


def axe_failures(page) -> list[tuple[str, list]]:
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in axe_violations(page)]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations(browser, site_url, real, scheme, viewport):
    """axe-core from npm (package.json, at least 4.14), WCAG 2.1 A and AA, on every page kind and with
    the search open; the phone size shows what the desktop hides (the header's search button)."""
    context = browser.new_context(color_scheme=scheme, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    version = axe_version(page)
    assert tuple(int(part) for part in version.split(".")[:2]) >= AXE_MINIMUM, (version, AXE_JS)
    failures = {}
    for kind, rel in page_kinds(real).items():
        page.goto(site_url + rel, wait_until="load")  # a page kind's URL asks for nothing that loads later
        if found := axe_failures(page):
            failures[kind] = found
    page.goto(site_url + page_kinds(real)["themenbeitrag"], wait_until="load")
    open_search(page, "Netzwerk")
    if found := axe_failures(page):
        failures["search-open"] = found
    context.close()
    assert failures == {}


# Layout Instability API: at most this much layout shift on a phone (Lighthouse's "good" CLS is 0.1).
MAX_LAYOUT_SHIFT = 0.02
SCRIPT_DELAY = 0.5  # seconds: scripts arrive late, as on a slow phone network, so the page is painted first


def test_no_page_jumps_while_it_loads_on_a_phone(browser, built_site, real):
    """The sum of all layout shifts on every page kind (≥ its CLS), the scripts held back so that the
    page is painted before they run: whatever they move shows here."""
    jumps = {}
    kinds = page_kinds(real)
    with serve(built_site, script_delay=SCRIPT_DELAY) as url:
        measured = layout_shifts(browser, [url + rel for rel in kinds.values()])
    for kind, (total, shifts) in zip(kinds, measured, strict=True):
        if total > MAX_LAYOUT_SHIFT:
            jumps[kind] = (round(total, 3), [s["sources"] for s in shifts][:3])
    assert jumps == {}


def test_skip_link_and_visible_focus(browser, site_url, real):
    page = browser.new_page()
    page.goto(site_url + page_kinds(real)["praxisbeispiel"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#ausgangslage"
    page.close()


def test_search_works_with_the_keyboard_alone(browser, search_site_url):
    site_url = search_site_url  # search behaviour: on the frozen fixture entries (tests/README.md)
    page = browser.new_page()
    page.goto(site_url)
    open_search(page, "Konsent")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/mediathek/**")
    page.close()


def test_phone_viewport_never_scrolls_sideways(browser, site_url, real):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    wide = []
    shots = os.environ.get("SCREENSHOTS")
    for kind, rel in page_kinds(real).items():
        page.goto(site_url + rel, wait_until="load")
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide.append(kind)
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{shots}/{kind}-telefon.png", full_page=True)
    context.close()
    if shots:
        desktop = browser.new_page(viewport={"width": 1280, "height": 900})
        for kind, rel in page_kinds(real).items():
            desktop.goto(site_url + rel, wait_until="networkidle")
            desktop.screenshot(path=f"{shots}/{kind}-desktop.png", full_page=True)
        desktop.close()
    assert wide == []


def test_the_phone_menu_always_opens_on_links(browser, site_url, real):
    """Entries and tag pages are not in the navigation; opening the menu there must show links to
    follow, not an empty section panel."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    empty = []
    for kind, rel in page_kinds(real).items():
        page.goto(site_url + rel, wait_until="load")
        page.locator("header label[for=__drawer]").click()
        try:  # the drawer slides in
            page.wait_for_function(REACHABLE_MENU_LINKS, timeout=3000)
        except PlaywrightTimeoutError:
            empty.append(kind)
    context.close()
    assert empty == []


# Links of the primary navigation a finger can reach: inside the screen and not covered by a panel.
REACHABLE_MENU_LINKS = """() => [...document.querySelectorAll('.md-nav--primary a.md-nav__link')].filter(link => {
    const box = link.getBoundingClientRect();
    if (!box.width || box.left < 0 || box.right > innerWidth) return false;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && link.contains(hit);
}).length"""


# ---------------------------------------------------------------- an entry on a phone: the text first

ENTRY_BOX = """() => {
    const meta = document.querySelector('.mt-meta');
    const first = [...document.querySelectorAll('.md-content__inner p')].find(p => !p.closest('.mt-meta, .admonition'));
    const visible = el => el.checkVisibility({visibilityProperty: true});  // false inside a closed <details>
    return {
        box: meta.getBoundingClientRect().height,
        text: first.getBoundingClientRect().top,
        line: visible(meta.querySelector('.mt-meta__line')) ? meta.querySelector('.mt-meta__line').textContent : null,
        open: meta.querySelector('details').open,
        list: visible(meta.querySelector('.mt-meta__list')),
        tags: [...meta.querySelectorAll('.mt-tags a')].filter(visible).map(a => new URL(a.href).pathname),
    };
}"""


def test_an_entry_shows_its_text_first_on_a_phone(browser, site_url, real):
    """At 390×844 one line of facts (type · topic · reading time · date) stands above the text and the
    full box is one tap away; the first paragraph starts on the first screen."""
    from mediathek.pages.render import german_date, reading_minutes

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for entry in real.entries:
        page.goto(site_url + f"mediathek/{entry.slug}/", wait_until="load")
        shown = page.evaluate(ENTRY_BOX)
        assert shown["box"] <= PHONE["height"] / 4, (entry.slug, shown["box"])
        assert shown["text"] < PHONE["height"], (entry.slug, shown["text"])
        assert not shown["open"] and not shown["list"] and shown["tags"] == [], entry.slug
        line = shown["line"]
        assert line and line.endswith(f" · {reading_minutes(entry)} Min. Lesezeit · {german_date(entry.date)}"), (entry.slug, line)
        assert line.startswith(real.model.type_label(entry) + " · "), line  # „Praxisbeispiel (konstruiert)“
    # One tap opens the details: every tag is a link to its tag page.
    entry = real.entries[0]
    page.goto(site_url + f"mediathek/{entry.slug}/", wait_until="load")
    page.tap(".mt-meta__summary")
    shown = page.evaluate(ENTRY_BOX)
    assert shown["open"] and shown["list"]
    assert [path.rstrip("/").rsplit("/", 1)[-1] for path in shown["tags"]] == list(entry.tags)
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_an_entry_shows_the_full_box_on_a_desktop(browser, site_url, real, javascript):
    entry = real.entries[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site_url + f"mediathek/{entry.slug}/", wait_until="load")
    tags = page.locator(".mt-meta .mt-tags a")
    assert page.locator(".mt-meta__list").is_visible() and page.locator(".mt-meta__line").is_hidden()
    assert tags.count() == len(entry.tags) and all(tags.nth(i).is_visible() for i in range(tags.count()))
    context.close()


# ---------------------------------------------------------------- search

INFLECTED_AND_UMLAUT_QUERIES = {
    "Netzwerken": "aufbau-und-entwicklung-von-netzwerken",
    "Projekte": "nachhaltige-verstetigung-von-mint-projekten",
    "Führung": "fuehren-im-netzwerk-lateral-erfolgreich",
    "fuehrung": "fuehren-im-netzwerk-lateral-erfolgreich",
    "Mädchen": "maedchen-fuer-technik-partner-ohne-weisung",
    "maedchen": "maedchen-fuer-technik-partner-ohne-weisung",
    "Verstetigungen": "nachhaltige-verstetigung-von-mint-projekten",
    "Zuständigkeit": "konflikt-um-zustaendigkeiten",
    "zustaendigkeiten": "konflikt-um-zustaendigkeiten",
    "Newslettern": "ein-newsletter-der-gelesen-wird",
}


def test_search_finds_each_entry_by_its_title_and_each_tag(browser, site_url, real):
    page = browser.new_page()
    page.goto(site_url)
    misses, timings = [], []
    for entry in real.entries:
        seconds, links = top_three(page, entry.title)
        timings.append(seconds)
        if f"/mediathek/{entry.slug}/" not in links:
            misses.append(("title", entry.title))
    for slug in {tag for e in real.entries for tag in e.tags}:
        label = real.model.tags[slug].label
        seconds, links = top_three(page, label)
        timings.append(seconds)
        if not {f"/mediathek/{e.slug}/" for e in real.entries if slug in e.tags}.intersection(links):
            misses.append(("tag", label))
    page.close()
    print(f"\nSuche: {len(timings)} Anfragen, Median {statistics.median(timings) * 1000:.0f} ms, Maximum {max(timings) * 1000:.0f} ms")
    assert misses == []


def test_search_shows_the_author_guide_by_its_new_name(browser, site_url):
    """The guide itself is generated and not indexed; the pages that link to it name it anew."""
    page = browser.new_page()
    page.goto(site_url)
    open_search(page, "Leitfaden")
    snippets = page.eval_on_selector_all("[data-mt-search-list] a", "els => els.map(e => e.textContent)")
    assert any("Leitfaden für Autor*innen" in text for text in snippets), snippets
    page.keyboard.press("Escape")
    open_search(page, "Autorenleitfaden")  # Pagefind still finds pages on „Autor…“, none with the old name
    snippets = page.eval_on_selector_all("[data-mt-search-list] a", "els => els.map(e => e.textContent)")
    assert not [text for text in snippets if "Autorenleitfaden" in text]
    page.close()


def test_search_understands_inflection_and_umlauts(browser, search_site_url):
    site_url = search_site_url  # search behaviour: on the frozen fixture entries (tests/README.md)
    page = browser.new_page()
    downloaded = []
    page.on("response", lambda r: downloaded.append(len(r.body())) if "/pagefind/" in r.url else None)
    page.goto(site_url)
    misses = []
    for query, slug in INFLECTED_AND_UMLAUT_QUERIES.items():
        _, links = top_three(page, query)
        if f"/mediathek/{slug}/" not in links:
            misses.append((query, links))
    page.close()
    print(f"\nSuche: {sum(downloaded) / 1024:.0f} KiB aus /pagefind/ für {len(INFLECTED_AND_UMLAUT_QUERIES)} Anfragen")
    assert misses == []


def test_results_show_highlighted_snippets(browser, search_site_url):
    site_url = search_site_url  # search behaviour: on the frozen fixture entries (tests/README.md)
    page = browser.new_page()
    page.goto(site_url)
    open_search(page, "Konsent")
    assert page.locator("[data-mt-search-list] mark").count() > 0
    page.close()


def test_snippets_show_the_text_not_permalinks_or_the_trail(browser, search_site_url):
    site_url = search_site_url  # search behaviour: on the frozen fixture entries (tests/README.md)
    page = browser.new_page()
    page.goto(site_url)
    open_search(page, "Newsletter")
    snippets = page.locator("[data-mt-search-list] p").all_inner_texts()
    assert snippets and all("Newsletter" in text for text in snippets)
    assert not [text for text in snippets if "¶" in text or "Mediathek ›" in text]
    page.close()


# ---------------------------------------------------------------- links

class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        if tag in ("link", "script", "img") and (attributes.get("href") or attributes.get("src")):
            self.hrefs.append(attributes.get("href") or attributes.get("src"))


def test_every_internal_link_and_anchor_resolves(built_site):
    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken, external = [], set()
    # 404.html links from site_url's root on purpose (it is served for any missing path)
    pages = [p for p in built_site.rglob("*.html") if "pagefind" not in p.parts and p != built_site / "404.html"]
    for path in pages:
        for href in parse(path).hrefs:
            url = urllib.parse.urlsplit(href)
            if url.scheme or href.startswith("//"):
                external.add(href)
                continue
            target = (path.parent / urllib.parse.unquote(url.path)).resolve() if url.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or (url.fragment and target.suffix == ".html" and url.fragment not in parse(target).ids):
                broken.append((path.relative_to(built_site).as_posix(), href))
    print(f"\n{len(pages)} Seiten, 0 kaputte interne Links; {len(external)} externe Links (nicht abgerufen):")
    for href in sorted(external):
        print("  ", href)
    assert broken == []


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_the_open_search_shows_one_icon_to_close_it(browser, site_url, phone):
    """Material shows one of the two icons of the search label by svg:first-child / svg:last-child."""
    context = phone_context(browser) if phone else browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    open_search(page, "Drittmittel")
    icons = page.locator("label.md-search__icon[for='__search'] svg")
    assert [icon.is_visible() for icon in icons.all()].count(True) == 1
    context.close()


def test_the_layout_shift_measure_sees_a_late_script_push_the_text_down(browser, tmp_path):
    """The measure above, on pages made for it: a script that arrives late and inserts a banner above
    the text is seen on each of the pages loading side by side; a page without it shows no shift."""
    (tmp_path / "banner.js").write_text(
        "const b = document.createElement('div'); b.style.height = '300px'; b.textContent = 'Banner';"
        "document.body.prepend(b);",
        encoding="utf-8",
    )
    text = "<p>" + "Ein Satz Text. " * 200 + "</p>"
    (tmp_path / "still.html").write_text(f"<!doctype html><html lang=de><title>Ruhig</title><body>{text}", encoding="utf-8")
    (tmp_path / "jumps.html").write_text(
        f"<!doctype html><html lang=de><title>Springt</title><body>{text}<script src=banner.js></script>", encoding="utf-8"
    )
    names = ["jumps.html", "still.html", "jumps.html", "still.html"]  # one batch of layout_shifts()
    with serve(tmp_path, script_delay=SCRIPT_DELAY) as url:
        measured = layout_shifts(browser, [url + name for name in names])
    totals = [round(total, 3) for total, _ in measured]
    assert [total > MAX_LAYOUT_SHIFT for total in totals] == [name == "jumps.html" for name in names], totals
