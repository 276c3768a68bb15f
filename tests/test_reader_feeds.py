"""Atom feeds: well-formed Atom 1.0, one entry per entry (site-wide and per topic), linked from the pages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from markupsafe import escape

from conftest import FIXTURE_SITE_NAME, REPO, VALID_PAPER
from mediathek.pages import pipeline
from mediathek.pages.feeds import FEED_LIMIT
from mediathek.site.stage import load_settings

A = "{http://www.w3.org/2005/Atom}"


def check_atom(path_or_text, expected_slugs: list[str]) -> ET.Element:
    root = ET.fromstring(path_or_text) if isinstance(path_or_text, str) else ET.parse(path_or_text).getroot()
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert (root.findtext(f"{A}{tag}") or "").strip(), tag
    assert root.find(f"{A}author/{A}name") is not None
    rels = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert rels["self"].endswith(".xml") and rels["alternate"].startswith("https://")
    items = root.findall(f"{A}entry")
    slugs = [i.find(f"{A}link[@rel='alternate']").get("href").rstrip("/").rsplit("/", 1)[1] for i in items]
    assert slugs == expected_slugs[:FEED_LIMIT]
    for item in items:
        for tag in ("id", "title", "updated", "published", "summary"):
            assert item.find(f"{A}{tag}") is not None, tag
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", item.findtext(f"{A}updated"))
    if items:
        assert root.findtext(f"{A}updated") == max(i.findtext(f"{A}updated") for i in items)
    return root


def test_site_feed_has_every_entry_newest_first(built_site):
    real = pipeline.check(REPO)
    catalog = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))
    expected = [e["slug"] for e in catalog["entries"]]
    assert sorted(expected) == sorted(e.slug for e in real.entries)
    root = check_atom(built_site / "feed.xml", expected)
    first = root.find(f"{A}entry")
    entry = next(e for e in real.entries if e.slug == expected[0])
    assert first.findtext(f"{A}title") == entry.title
    tags = [c.get("term") for c in first.findall(f"{A}category") if c.get("scheme", "").endswith("/schlagwoerter/")]
    assert tags == list(entry.tags)  # besides a practice example's kind of case (tests/test_case_kinds.py)
    assert [a.findtext(f"{A}name") for a in first.findall(f"{A}author")] == list(entry.authors)


def test_topic_feeds_hold_exactly_the_topics_entries(built_site):
    real = pipeline.check(REPO)
    catalog = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))
    for topic in real.model.topics:
        expected = [e["slug"] for e in catalog["entries"] if topic in [t["slug"] for t in e["topics"]]]
        check_atom(built_site / f"feed-{topic}.xml", expected)


def test_feeds_are_linked_from_the_pages(built_site):
    # Relative links: Material fetches sitemap.xml beside every alternate link, so it must be our own.
    title = escape(f"{load_settings(REPO).site_name}: neue Einträge")  # as the head template writes it
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{{}}feed.xml">'
    real = pipeline.check(REPO)
    slug, topic_model = next(iter(real.model.topics.items()))
    pages = {"index.html": "", "offene-daten/index.html": "../", "mediathek/index.html": "../", f"themen/{slug}/index.html": "../../"}
    pages.update({f"mediathek/{e.slug}/index.html": "../../" for e in real.entries})
    for page, root in pages.items():
        html = (built_site / page).read_text(encoding="utf-8")
        assert link.format(root) in html, page
        for href in re.findall(r'<link rel="alternate"[^>]*href="([^"]+)"', html):
            assert not href.startswith(("http:", "https:", "/")), (page, href)
    topic = (built_site / "themen" / slug / "index.html").read_text(encoding="utf-8")
    feed_title = escape(f"{load_settings(REPO).site_name}: {topic_model.title}")
    assert f'<link rel="alternate" type="application/atom+xml" title="{feed_title}" href="../../feed-{slug}.xml">' in topic
    assert f'<a href="../../feed-{slug}.xml" type="application/atom+xml">' in topic


def test_hostile_values_stay_escaped_in_feeds(repo):
    paper = VALID_PAPER.replace('title: "Eine Projektarbeit"', 'title: "A <b>&amp; ]]> \\u0001 Ende"')
    repo.entry("eine-projektarbeit", paper)
    result = pipeline.check(repo.root)
    assert result.problems == []
    feed = pipeline.generate(result, site_url="https://example.org/wsn/", site_name=FIXTURE_SITE_NAME).pages["feed.xml"]
    root = check_atom(feed, ["eine-projektarbeit"])
    assert root.find(f"{A}entry").findtext(f"{A}title") == "A <b>&amp; ]]>  Ende"
