"""Atom 1.0 feeds (RFC 4287): new entries site-wide and per topic.

Built with ElementTree so every value is escaped by the serializer. The feed's
`updated` is the newest entry's date, never the build time, so an unchanged
collection produces byte-identical feeds (and nothing is rewritten).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ..content.model import ContentModel, Entry
from .linkeddata import absolute, labelled_description

ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50
SITE_FEED = "feed.xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 forbids even as references; author text must not make a feed unparsable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


ET.register_namespace("", ATOM)  # serialise Atom as the default namespace, not ns0:


def topic_feed_path(topic_slug: str) -> str:
    # Beside sitemap.xml on purpose: Material fetches "sitemap.xml" next to every <link rel="alternate">.
    return f"feed-{topic_slug}.xml"


# Shared with the pages' <link rel="alternate"> (reader.py): a feed reader shows the title the page announced.
def site_feed_title(site_name: str) -> str:
    return f"{site_name}: neue Einträge"


def topic_feed_title(site_name: str, topic_title: str) -> str:
    return f"{site_name}: {topic_title}"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def atom_feed(
    entries: tuple[Entry, ...], model: ContentModel, site_url: str, *, site_name: str, title: str, feed_path: str, page_path: str
) -> str:
    """A feed of the first FEED_LIMIT entries; `entries` must be newest first."""
    shown = entries[:FEED_LIMIT]
    feed_url = absolute(site_url, feed_path)
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "de"})
    _add(root, "id", feed_url)
    _add(root, "title", title)
    _add(root, "subtitle", "Neue Einträge, die neuesten zuerst")
    _add(root, "updated", _timestamp(shown[0].date) if shown else "1970-01-01T00:00:00Z")
    _add(_add(root, "author"), "name", site_name)
    _add(root, "link", rel="self", type="application/atom+xml", href=feed_url)
    _add(root, "link", rel="alternate", type="text/html", href=absolute(site_url, page_path))
    for entry in shown:
        url = absolute(site_url, entry.url)
        item = _add(root, "entry")
        _add(item, "id", url)
        _add(item, "title", entry.title)
        _add(item, "published", _timestamp(entry.date))
        _add(item, "updated", _timestamp(entry.date))
        for author in entry.authors:
            _add(_add(item, "author"), "name", author)
        _add(item, "link", rel="alternate", type="text/html", href=url)
        _add(item, "summary", labelled_description(entry, model))
        case = model.case_of(entry)
        if case is not None:
            _add(item, "category", term=case.slug, label=case.label, scheme=absolute(site_url, "autorenleitfaden/#fall"))
        for slug in entry.tags:
            _add(item, "category", term=slug, label=model.tags[slug].label, scheme=absolute(site_url, "schlagwoerter/"))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def all_feeds(
    entries: tuple[Entry, ...],
    model: ContentModel,
    site_url: str,
    site_name: str,
    keep: Callable[[str, object, Callable[[], str]], str] | None = None,
) -> dict[str, str]:
    """The site-wide feed and one per topic; `entries` newest first, as in the catalog.

    keep(path, key, make): make() or what it gave before for an equal key (reader.reader_files); the
    site's address and name are the same for all keys."""
    keep = keep or (lambda path, key, make: make())
    title = site_feed_title(site_name)
    site_feed = lambda: atom_feed(entries, model, site_url, site_name=site_name, title=title, feed_path=SITE_FEED, page_path="mediathek/")  # noqa: E731
    feeds = {SITE_FEED: keep(SITE_FEED, entries[:FEED_LIMIT], site_feed)}
    for slug, topic in model.topics.items():
        path = topic_feed_path(slug)
        of_topic = tuple(e for e in entries if slug in e.topics)
        feeds[path] = keep(
            path,
            of_topic[:FEED_LIMIT],
            lambda of_topic=of_topic, path=path, slug=slug, topic=topic: atom_feed(  # type: ignore[misc]
                of_topic, model, site_url, site_name=site_name, title=topic_feed_title(site_name, topic.title), feed_path=path, page_path=f"themen/{slug}/"
            ),
        )
    return feeds
