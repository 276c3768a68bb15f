"""Render the generated pages from the catalog with Jinja2 templates. Pure: returns {path: text}.

Every value from front matter reaches the output through one of three
escapes: HTML (autoescape), Markdown text (`md`) or front-matter strings
(`fm`). Author text is passed as data and never compiled as a template.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from collections import Counter
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from . import html_blocks, landmap, listing
from .catalog import Catalog, sort_key_german
from .editorial import german_number
from .fields import example_line
from .model import ContentModel, Entry, FieldSpec
from .reader import DEFAULT_SITE_URL, entry_citation, reader_files, relative_link
from .searchwords import SEARCH_PAGES_FILE, entry_search_words, lexicon, search_pages_file
from .slugs import slugify

TEMPLATES = Path(__file__).parent / "templates"
WORDS_PER_MINUTE = 200
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember")
_MARKDOWN_SPECIALS = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>&\"'~^=:$%@]")


def markdown_text(value: object) -> Markup:
    """Text that Markdown shows literally: specials become numeric entities, whitespace collapses."""
    text = " ".join(str(value).split())
    return Markup(_MARKDOWN_SPECIALS.sub(lambda m: f"&#{ord(m.group(0))};", text))


def front_matter_string(value: object) -> Markup:
    """A YAML string for generated front matter; HTML-escaped because the theme prints meta raw."""
    return Markup(json.dumps(html.escape(" ".join(str(value).split())), ensure_ascii=False))


def german_date(value: dt.date) -> str:
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def reading_minutes(entry: Entry) -> int:
    return max(1, math.ceil(entry.words / WORDS_PER_MINUTE))


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} Byte"
    if size < 1_048_576:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1_048_576:.1f} MB".replace(".", ",")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a run; saves a stat() per rendered page
    )
    env.filters.update(
        md=markdown_text, fm=front_matter_string, german_date=german_date, german_number=german_number, file_size=file_size, slug=slugify
    )
    env.filters["html_block"] = lambda html: Markup(html_blocks.mark(html))  # content is escaped already
    return env


class Renderer:
    def __init__(self, catalog: Catalog, model: ContentModel, site_url: str = DEFAULT_SITE_URL) -> None:
        self.catalog = catalog
        self.model = model
        self.site_url = site_url
        self.env = environment()
        self._cards: dict[tuple[object, ...], Markup] = {}
        self._lexicon: frozenset[str] | None = None

    def search_words(self, entry: Entry) -> str:
        if self._lexicon is None:
            self._lexicon = lexicon(self.catalog.entries, self.model)
        return entry_search_words(entry, self.model, self._lexicon)

    def required_label(self, spec: FieldSpec) -> str:
        if "*" in spec.required_for:
            return "ja"
        if spec.required_for:
            return "bei " + ", ".join(self.model.types[t].label for t in sorted(spec.required_for))
        return "nein"

    def render(self, template: str, page_url: str, **context: object) -> str:
        def link(target: str) -> str:
            return relative_link(page_url, target)

        def card(entry: Entry, heading: str = "h3", compact: bool = False) -> Markup:
            return self.card(entry, page_url, heading, compact)

        return self.env.get_template(template).render(
            link=link,
            card=card,
            model=self.model,
            catalog=self.catalog,
            reading_minutes=reading_minutes,
            required_label=self.required_label,
            example_line=example_line,
            cite=lambda entry: entry_citation(entry, self.site_url),
            search_words=self.search_words,
            **context,
        )

    def card(self, entry: Entry, page_url: str, heading: str, compact: bool) -> Markup:
        """An entry's card, rendered once per way it can look: every tag and topic page lists the same
        compact cards (their one link, to the entry, is the same from every page of a folder)."""
        key = (entry.slug, heading, compact, relative_link(page_url, entry.url) if compact else page_url)
        cached = self._cards.get(key)
        if cached is None:
            html_text = self.render("card.html.j2", page_url, entry=entry, heading=heading, compact=compact)
            cached = self._cards[key] = Markup(html_text.rstrip("\n"))
        return cached


def _mediathek_context(catalog: Catalog, model: ContentModel, entries: tuple[Entry, ...]) -> dict[str, object]:
    """Facet values (only those in use), their counts before any filter, the filter index and the
    Länder map for the Mediathek's pages."""
    lands = Counter(e.bundesland for e in catalog.entries if e.bundesland)
    used_types = {e.type for e in catalog.entries}
    counts = listing.facet_counts(entries)
    return {
        "facet_counts": listing.compact_json(counts).rstrip("\n"),  # an attribute's value, escaped by the template
        "type_counts": counts["typ"],
        "filter_index": listing.FILTER_INDEX,
        "types": [(slug, entry_type) for slug, entry_type in model.types.items() if slug in used_types],
        "tags": sorted((model.tags[slug] for slug in catalog.by_tag), key=lambda t: sort_key_german(t.label)),
        "lands": [{"name": name, "slug": slugify(name)} for name in sorted(lands, key=sort_key_german)],
        "years": sorted({e.date.year for e in catalog.entries}, reverse=True),
        "map_tiles": landmap.tiles(dict(lands)),
        "map_size": landmap.size(),
    }


def render_site(catalog: Catalog, model: ContentModel, site_url: str = DEFAULT_SITE_URL) -> dict[str, str]:
    """All generated pages and files (feeds, catalog.json, citations), keyed by their path as MkDocs sees it."""
    r = Renderer(catalog, model, site_url)
    pages: dict[str, str] = {}
    for entry in catalog.entries:
        pages[f"mediathek/{entry.slug}/index.md"] = r.render("entry.md.j2", entry.url, entry=entry)
    mediathek = listing.mediathek_order(catalog, model)
    _render_listing(pages, r, "mediathek.md.j2", "mediathek/index.md", mediathek, **_mediathek_context(catalog, model, mediathek))
    pages.update(listing.filter_files(mediathek, model))
    pages["themen/index.md"] = r.render("topics.md.j2", "themen/")
    for topic in model.topics.values():
        _render_listing(pages, r, "topic.md.j2", f"themen/{topic.slug}.md", catalog.by_topic[topic.slug], topic=topic)
    tags_in_use = sorted((model.tags[slug] for slug in catalog.by_tag), key=lambda t: sort_key_german(t.label))
    pages["schlagwoerter/index.md"] = r.render("tags.md.j2", "schlagwoerter/", tags=tags_in_use)
    for tag in tags_in_use:
        _render_listing(pages, r, "tag.md.j2", f"schlagwoerter/{tag.slug}.md", catalog.by_tag[tag.slug], tag=tag)
    pages["glossar.md"] = r.render("glossary.md.j2", "glossar/")
    pages["autorenleitfaden.md"] = r.render("author_guide.md.j2", "autorenleitfaden/")
    # Sections holding only their index page become plain nav items (collapse): entry and tag pages
    # are not in the nav, and a phone's menu would otherwise open on an empty „Mediathek“ panel.
    pages["mediathek/.pages"] = _nav_file("Mediathek", ["index.md"], collapse=True)
    pages["themen/.pages"] = _nav_file("Themen", ["index.md", *(f"{t}.md" for t in model.topics)])
    pages["schlagwoerter/.pages"] = _nav_file("Schlagwörter", ["index.md"], collapse=True)
    pages.update(reader_files(catalog, model, site_url))
    pages[SEARCH_PAGES_FILE] = search_pages_file(pages, model)
    return pages


def _render_listing(pages: dict[str, str], r: Renderer, template: str, source: str, entries: tuple[Entry, ...], **context: object) -> None:
    """A listing's pages: the first at `source`, the others beside it (mediathek.listing). Only the
    first is in the navigation: the `.pages` files name their items."""
    first_url = "mediathek/" if source == "mediathek/index.md" else source.removesuffix(".md") + "/"
    for page in listing.paginate(entries, first_url):
        path = source if page.number == 1 else listing.later_page_source(source, page.number)
        pages[path] = r.render(template, page.own_url, page=page, **context)


def render_newest(catalog: Catalog, model: ContentModel, page_url: str, count: int = 6) -> str:
    """The „Neu in der Mediathek“ list for the home page."""
    return Renderer(catalog, model).render("newest.md.j2", page_url, entries=catalog.entries[:count])


def abbreviation_glossary(model: ContentModel) -> dict[str, str]:
    """Glossary terms for the abbr extension's `glossary` option, so every page explains them on hover and focus."""
    return {term.term: term.definition.replace("\n", " ") for term in model.glossary}


def _nav_file(title: str, nav: list[str], collapse: bool = False) -> str:
    data = {"title": title, "nav": nav, **({"collapse": True} if collapse else {})}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
