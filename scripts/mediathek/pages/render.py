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
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import jinja2
import yaml
from markupsafe import Markup

from ..catalog import listing
from ..catalog.index import Catalog, sort_key_german
from ..catalog.querywords import entry_word_counts, typo_words
from ..catalog.searchwords import (
    entry_nouns,
    search_word_parts,
    search_words_from,
    vocabulary_tails,
)
from ..content import html_blocks
from ..content.fields import example_line
from ..content.german import file_size, german_number
from ..content.model import ContentModel, Entry, FieldSpec
from ..content.slugs import slugify
from . import landmap
from .page import Page
from .reader import (
    DEFAULT_SITE_URL,
    SEARCH_PAGES_FILE,
    entry_citation,
    reader_files,
    relative_link,
    search_pages_file,
    search_words_files,
    word_template_file,
)

V = TypeVar("V")
TEMPLATES = Path(__file__).parent / "templates"
WORDS_PER_MINUTE = 200
HOME_NEWEST = 4  # newest entries on the home page
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



def new_environment() -> jinja2.Environment:
    """The Jinja2 environment of the templates. A process that renders again and again keeps one
    while the template files stay as they are (mediathek.site.build.Build.environment)."""
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
    env.globals["word_template"] = word_template_file
    return env


class RenderMemo:
    """Rendered output kept from one generation to the next in the same process (`make serve`).

    Each item is stored with the inputs it was rendered from and reused only while they compare
    equal, so a generation with a memo gives exactly what one without gives (tests/test_incremental.py):
    entry pages (keyed by the entry, what its related-entries list shows and its search words),
    cards (by the entry), search words (by the entry and the lexicon words among its possible
    compound tails) and the lexicon's share of each entry. A different content model, site address,
    site name or template environment empties it. A fresh memo is a cold run.
    """

    def __init__(self) -> None:
        self._inputs: tuple[object, ...] | None = None
        self._reset()

    def _reset(self) -> None:
        self.pages: dict[str, tuple[object, Page]] = {}
        self.cards: dict[tuple[object, ...], tuple[Entry, Markup]] = {}
        self.heads: dict[str, tuple[object, str]] = {}
        self.files: dict[str, tuple[object, str]] = {}  # reader files
        self._nouns: dict[str, tuple[tuple[str, str, str], frozenset[str]]] = {}
        self._counts: dict[str, tuple[tuple[str, str, str], Counter[str]]] = {}  # each entry's words, for the typo words
        self._total: Counter[str] = Counter()  # their sum, changed entry by entry
        self._in_total: dict[str, Counter[str]] = {}  # slug -> the counts the sum holds for it
        # slug -> (entry, its possible compound tails, search_word_parts, its words, the lexicon they were made with)
        self._words: dict[str, tuple[Entry, frozenset[str], tuple[tuple[str, ...], tuple[str, ...]], str, frozenset[str]]] = {}
        self._lexicon: frozenset[str] | None = None  # this generation's
        self._lexicon_of: tuple[frozenset[str], frozenset[str]] | None = None  # the last lexicon made and whose entries
        self._changed: dict[frozenset[str], frozenset[str]] = {}  # an older lexicon -> words in one of it and this one only

    def begin(self, catalog: Catalog, model: ContentModel, site_url: str, site_name: str, env: jinja2.Environment) -> None:
        """Start a generation: forget everything if what all output depends on changed."""
        inputs = (model, env, site_url, site_name)
        if self._inputs is None or self._inputs[0] is not model or self._inputs[1] is not env or self._inputs[2:] != inputs[2:]:
            self._reset()
            self._inputs = inputs
        self._lexicon = None
        self._changed = {}
        self.rendered: list[str] = []  # the templates rendered in this generation, for tests and the bench
        slugs = catalog.by_slug
        for store in (self._nouns, self._words, self._counts):
            for slug in [slug for slug in store if slug not in slugs]:
                del store[slug]
        self.cards = {key: card for key, card in self.cards.items() if key[0] in slugs}

    def keep_head(self, source: str, key: object, make: Callable[[], str]) -> str:
        return self.keep(self.heads, source, key, make)

    def keep_file(self, name: str, key: object, make: Callable[[], str]) -> str:
        return self.keep(self.files, name, key, make)

    def keep(self, store: dict[str, tuple[object, V]], name: str, key: object, make: Callable[[], V]) -> V:
        """store[name] if it was made from an equal key, else make() (and remember it)."""
        stored = store.get(name)
        if stored is not None and stored[0] == key:
            return stored[1]
        text = make()
        store[name] = (key, text)
        return text

    def lexicon(self, entries: tuple[Entry, ...], model: ContentModel) -> frozenset[str]:
        """Every noun of the collection and the vocabulary long enough to be a compound's tail, from
        each entry's share (searchwords.entry_nouns) kept while its text is unchanged;
        the same object as last time if no share changed."""
        if self._lexicon is None:
            changed = False
            shares = []
            for entry in entries:
                key = (entry.title, entry.description, entry.body)
                stored = self._nouns.get(entry.slug)
                if stored is None or stored[0] != key:
                    stored = self._nouns[entry.slug] = (key, entry_nouns(entry))
                    changed = True
                shares.append(stored[1])
            slugs = frozenset(e.slug for e in entries)
            if changed or self._lexicon_of is None or self._lexicon_of[1] != slugs:
                found: set[str] = set(vocabulary_tails(model))
                found.update(*shares)
                self._lexicon_of = (frozenset(found), slugs)
            self._lexicon = self._lexicon_of[0]
        return self._lexicon

    def word_counts(self, entries: tuple[Entry, ...]) -> Counter[str]:
        """querywords.word_counts(entries), from each entry's counts kept while its text is unchanged;
        the sum changes only by the entries that changed (make serve: one entry per save)."""
        slugs = set()
        for entry in entries:
            slugs.add(entry.slug)
            key = (entry.title, entry.description, entry.body)
            stored = self._counts.get(entry.slug)
            if stored is None or stored[0] != key:
                stored = self._counts[entry.slug] = (key, entry_word_counts(entry))
            if self._in_total.get(entry.slug) is not stored[1]:
                self._take_out(entry.slug)
                self._total.update(stored[1])
                self._in_total[entry.slug] = stored[1]
        for slug in [slug for slug in self._in_total if slug not in slugs]:
            self._take_out(slug)
        return self._total

    def _take_out(self, slug: str) -> None:
        old = self._in_total.pop(slug, None)
        if old is not None:
            self._total.subtract(old)
            for word in old:
                if self._total[word] <= 0:
                    del self._total[word]

    def search_words(self, entry: Entry, entries: tuple[Entry, ...], model: ContentModel) -> str:
        """The entry's search words (searchwords.search_words_from its parts and the lexicon): kept while the entry is unchanged and
        no word of its possible compound tails came into or left the lexicon."""
        known = self.lexicon(entries, model)
        stored = self._words.get(entry.slug)
        if stored is not None and (stored[0] is entry or stored[0] == entry):
            _, candidates, parts, words, made_with = stored
            if made_with is not known:
                if made_with not in self._changed:  # a frozenset keeps its hash: computed once per lexicon
                    # Rebuilt from a list: the symmetric difference keeps the table size of its operands.
                    self._changed[made_with] = frozenset(list(made_with ^ known))
                if not candidates.isdisjoint(self._changed[made_with]):
                    words = search_words_from(parts, known)
                self._words[entry.slug] = (entry, candidates, parts, words, known)
            return words
        parts = search_word_parts(entry, model)
        words = search_words_from(parts, known)
        self._words[entry.slug] = (entry, frozenset(parts[1]), parts, words, known)
        return words


def template_state() -> tuple[tuple[str, int, int], ...]:
    """What tells whether a template file changed since an environment was made."""
    return tuple((entry.name, entry.stat().st_size, entry.stat().st_mtime_ns) for entry in sorted(os.scandir(TEMPLATES), key=lambda e: e.name))


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, Page]
    files: dict[str, str]  # feeds, catalog.json, citations, `.pages` of the navigation, suche.json, filter data


class Renderer:
    def __init__(
        self, catalog: Catalog, model: ContentModel, env: jinja2.Environment, site_url: str, site_name: str, memo: RenderMemo | None = None
    ) -> None:
        self.catalog = catalog
        self.model = model
        self.site_url = site_url
        self.site_name = site_name
        self.env = env
        self.memo = memo if memo is not None else RenderMemo()
        self.memo.begin(catalog, model, site_url, site_name, env)

    def search_words(self, entry: Entry) -> str:
        return self.memo.search_words(entry, self.catalog.entries, self.model)

    def required_label(self, spec: FieldSpec) -> str:
        if "*" in spec.required_for:
            return "ja"
        if spec.required_for:
            return "bei " + ", ".join(self.model.types[t].label for t in sorted(spec.required_for))
        return "nein"

    def render(self, template: str, page_url: str, **context: object) -> str:
        return str(self.module(template, page_url, **context))

    def page(self, template: str, path: str, page_url: str, **context: object) -> Page:
        """A page of the site: its Markdown, and the title and description its template set for the front matter."""
        module = self.module(template, page_url, **context)
        title, description = (" ".join(str(getattr(module, name)).split()) for name in ("title", "description"))
        return Page(path, str(module), title, description)

    def module(self, template: str, page_url: str, **context: object) -> jinja2.environment.TemplateModule:
        """The template rendered as a module: its text, and the variables it sets at the top level."""

        def link(target: str) -> str:
            return relative_link(page_url, target)

        def card(entry: Entry, heading: str = "h3", compact: bool = False) -> Markup:
            return self.card(entry, page_url, heading, compact)

        self.memo.rendered.append(template)
        return self.env.get_template(template).make_module(dict(
            link=link,
            card=card,
            model=self.model,
            catalog=self.catalog,
            reading_minutes=reading_minutes,
            required_label=self.required_label,
            example_line=example_line,
            cite=lambda entry: entry_citation(entry, self.site_url, self.site_name),
            site_name=self.site_name,
            search_words=self.search_words,
            **context,
        ))

    def card(self, entry: Entry, page_url: str, heading: str, compact: bool) -> Markup:
        """An entry's card, rendered once per way it can look: every tag and topic page lists the same
        compact cards (their one link, to the entry, is the same from every page of a folder)."""
        key = (entry.slug, heading, compact, relative_link(page_url, entry.url) if compact else page_url)
        cached = self.memo.cards.get(key)
        if cached is None or (cached[0] is not entry and cached[0] != entry):
            html_text = self.render("card.html.j2", page_url, entry=entry, heading=heading, compact=compact)
            cached = self.memo.cards[key] = (entry, Markup(html_text.rstrip("\n")))
        return cached[1]


def _mediathek_context(catalog: Catalog, model: ContentModel, entries: tuple[Entry, ...]) -> dict[str, object]:
    """Facet values (only those in use), their counts before any filter, the filter index and the
    Länder map for the Mediathek's pages."""
    lands = Counter(land for e in catalog.entries if (land := model.real_bundesland(e)))  # facts only: no constructed case
    used_types = {e.type for e in catalog.entries}
    counts = listing.facet_counts(entries, model)
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


def render_site(
    catalog: Catalog,
    model: ContentModel,
    env: jinja2.Environment,
    site_url: str = DEFAULT_SITE_URL,
    memo: RenderMemo | None = None,
    *,
    site_name: str,
    page_size: int = listing.PAGE_SIZE,
) -> Rendered:
    """All generated pages, and the other generated files (feeds, catalog.json, citations, `.pages`),
    keyed by their path as MkDocs sees it. site_name: what the pages, feeds and citations call the site.

    memo: what an earlier call in this process rendered (RenderMemo); pages whose inputs are
    unchanged are taken from it. The parts of the catalog each template reads are listed here:
    a template that reads more must say so in its `reads`."""
    r = Renderer(catalog, model, env, site_url, site_name, memo)
    pages: dict[str, Page] = {}
    files: dict[str, str] = {}

    def page(source: str, template: str, url: str, reads: object, **context: object) -> None:
        """pages[source], rendered unless the memo holds it made from equal `reads` (the parts of the
        catalog the template reads) and context; the model and the site's address and name are the memo's."""
        key = (template, url, reads, context)
        pages[source] = r.memo.keep(r.memo.pages, source, key, lambda: r.page(template, source, url, **context))

    def listing_pages(source: str, template: str, entries: tuple[Entry, ...], reads: object, **context: object) -> None:
        """A listing's pages: the first at `source`, the others beside it (mediathek.catalog.listing). Only the
        first is in the navigation: the `.pages` files name their items. Each page's entries are in its key."""
        first_url = "mediathek/" if source == "mediathek/index.md" else source.removesuffix(".md") + "/"
        for numbered in listing.paginate(entries, first_url, page_size):
            path = source if numbered.number == 1 else listing.later_page_source(source, numbered.number)
            page(path, template, numbered.own_url, reads, page=numbered, **context)

    for entry in catalog.entries:
        # What entry.md.j2 reads besides the entry: the related entries as it shows them, its search words.
        shown = tuple((other.url, other.title, other.type) for other in catalog.related_entries[entry.slug])
        page(f"mediathek/{entry.slug}/index.md", "entry.md.j2", entry.url, (shown, r.search_words(entry)), entry=entry)
    mediathek = listing.mediathek_order(catalog, model)
    listing_pages("mediathek/index.md", "mediathek.md.j2", mediathek, (), **_mediathek_context(catalog, model, mediathek))
    files.update(listing.filter_files(mediathek, model, page_size))
    page("themen/index.md", "topics.md.j2", "themen/", tuple(len(catalog.by_topic[slug]) for slug in model.topics))
    for topic in model.topics.values():
        listing_pages(f"themen/{topic.slug}.md", "topic.md.j2", catalog.by_topic[topic.slug], (), topic=topic)
    tags_in_use = sorted((model.tags[slug] for slug in catalog.by_tag), key=lambda t: sort_key_german(t.label))
    page("schlagwoerter/index.md", "tags.md.j2", "schlagwoerter/", tuple(len(catalog.by_tag[t.slug]) for t in tags_in_use), tags=tags_in_use)
    for tag in tags_in_use:
        listing_pages(f"schlagwoerter/{tag.slug}.md", "tag.md.j2", catalog.by_tag[tag.slug], catalog.related_tags.get(tag.slug, ()), tag=tag)
    page("glossar.md", "glossary.md.j2", "glossar/", ())
    # The home page reads the number of entries, of entries per topic and the newest entries (in its context).
    newest = catalog.entries[:HOME_NEWEST]
    home_reads = (len(catalog.entries), tuple(len(catalog.by_topic[t]) for t in model.topics))
    page("index.md", "home.md.j2", "", home_reads, newest=newest)
    page("autorenleitfaden.md", "author_guide.md.j2", "autorenleitfaden/", ())
    # Sections holding only their index page become plain nav items (collapse): entry and tag pages
    # are not in the nav, and a phone's menu would otherwise open on an empty „Mediathek“ panel.
    files["mediathek/.pages"] = _nav_file("Mediathek", ["index.md"], collapse=True)
    files["themen/.pages"] = _nav_file("Themen", ["index.md", *(f"{t}.md" for t in model.topics)])
    files["schlagwoerter/.pages"] = _nav_file("Schlagwörter", ["index.md"], collapse=True)
    files.update(reader_files(catalog, model, site_url, site_name, r.memo.keep_file))
    files[SEARCH_PAGES_FILE] = search_pages_file(pages, model)
    # The typo words read every entry's text: each entry's counts are kept while it is unchanged (make serve).
    files.update(search_words_files(typo_words(catalog.entries, model, r.memo.word_counts(catalog.entries)), model))
    return Rendered(pages, files)


def render_word_templates(model: ContentModel, env: jinja2.Environment) -> str:
    """The list of Word templates (one per entry type) for a page at the top of docs/ (marker `{{ word_vorlagen }}`)."""
    return env.get_template("word_templates.md.j2").render(model=model)


def abbreviation_glossary(model: ContentModel) -> dict[str, str]:
    """Glossary terms for the abbr extension's `glossary` option, so every page explains them on hover and focus."""
    return {term.term: term.definition.replace("\n", " ") for term in model.glossary}


def _nav_file(title: str, nav: list[str], collapse: bool = False) -> str:
    data = {"title": title, "nav": nav, **({"collapse": True} if collapse else {})}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
