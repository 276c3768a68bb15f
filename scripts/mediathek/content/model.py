"""The data the tooling passes around. Plain, immutable dataclasses; no behaviour beyond formatting."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from .sitemarkdown import SiteMarkdown


@dataclass(frozen=True)
class Problem:
    """One mistake in the content, reported to the author in German."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Notice:
    """The box above the text of every entry of a type: where the text comes from."""

    title: str
    text: str
    css_class: str  # e.g. mt-anonymised, next to "admonition info"
    link: str | None = None  # a site path such as "mitmachen/", linked after the text
    link_text: str | None = None


@dataclass(frozen=True)
class EntryType:
    slug: str
    label: str
    plural: str
    description: str
    sections: tuple[str, ...]
    required_sections: tuple[str, ...] = ()
    min_words: int = 0  # running text, without headings and comments
    max_words: int | None = None
    notice: Notice | None = None


@dataclass(frozen=True)
class CaseKind:
    """What kind of case a practice example is (field `fall`): constructed by the Redaktion or contributed.

    real: whether the case happened; only then are its Bundesland, organisation and network facts
    (map, Land filter, catalog.json). vouch: whether an author must vouch for it (field `verbuergt_von`)."""

    slug: str
    label: str  # e.g. „Konstruiertes Fallbeispiel“
    short: str  # beside the type's label, e.g. „Praxisbeispiel (konstruiert)“
    description: str  # for authors
    real: bool
    vouch: bool
    notice: Notice


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # text, date, choice, choices, texts, attachments
    required_for: frozenset[str]
    only_for: frozenset[str] | None
    values: str | None
    help: str
    example: object = None
    default: str | None = None
    max_length: int | None = None
    min_items: int = 0
    max_items: int | None = None


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    short: str
    description: str


@dataclass(frozen=True)
class Tag:
    slug: str
    label: str
    description: str
    synonyms: tuple[str, ...]
    search_words: tuple[str, ...] = ()  # what readers type for it without meaning the same: search only


@dataclass(frozen=True)
class License:
    spdx: str
    name: str
    url: str


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: str
    anchor: str
    synonyms: tuple[str, ...] = ()  # other names for the term: the search finds its entries by them


@dataclass(frozen=True)
class ThesaurusSense:
    """One sense from projects/_thesaurus.yml: readers' words (synonyms) for words the collection uses."""

    words: tuple[str, ...]
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Limits:
    entry_bytes: int
    attachment_bytes: int
    attachment_types: frozenset[str]


@dataclass(frozen=True)
class CollectionGoals:
    """What maintainers wish the whole collection had; reported by `make check`, never an author's error."""

    examples_per_topic: int = 0
    bundeslaender: int = 0
    uses_per_tag: int = 0


@dataclass(frozen=True)
class ContentModel:
    """Everything projects/_*.yml defines: the single source of truth for the content model."""

    types: dict[str, EntryType]
    fields: dict[str, FieldSpec]
    topics: dict[str, Topic]
    tags: dict[str, Tag]
    tag_lookup: dict[str, str]  # casefolded label or synonym -> tag slug
    bundeslaender: tuple[str, ...]
    organisations: tuple[str, ...]
    networks: tuple[str, ...]
    licenses: dict[str, License]
    limits: Limits
    glossary: tuple[GlossaryTerm, ...] = ()
    thesaurus: tuple[ThesaurusSense, ...] = ()  # the search's query side only
    goals: CollectionGoals = CollectionGoals()
    # Origin guard (origin.py): what only a genuine group paper may say or be signed with.
    origin_claims: tuple[re.Pattern[str], ...] = ()
    origin_author_prefixes: tuple[str, ...] = ()
    markdown: SiteMarkdown = field(default_factory=SiteMarkdown)  # mkdocs.yml's Markdown extensions: the validator renders bodies with them
    cases: dict[str, CaseKind] = field(default_factory=dict)
    # What only a real, contributed case may say of itself (origin.py): that it is real or anonymised.
    case_claims: tuple[re.Pattern[str], ...] = ()

    def case_of(self, entry: Entry) -> CaseKind | None:
        """The kind of case of a practice example; None for other entries."""
        return self.cases.get(entry.case) if entry.case else None

    def type_label(self, entry: Entry) -> str:
        """The type's label with a practice example's kind of case: „Praxisbeispiel (konstruiert)“."""
        case = self.case_of(entry)
        label = self.types[entry.type].label
        return f"{label} ({case.short})" if case else label

    def real_setting(self, entry: Entry) -> bool:
        """Whether the entry's Bundesland, organisation and network are facts: only a real case's are."""
        case = self.case_of(entry)
        return case is not None and case.real

    def real_bundesland(self, entry: Entry) -> str | None:
        """The Bundesland as a fact (map, Land filter, catalog location): never a constructed case's."""
        return entry.bundesland if self.real_setting(entry) else None

    def allowed_values(self, source: str) -> tuple[str, ...]:
        return self._allowed[source]

    @functools.cached_property  # asked once per field of every entry
    def _allowed(self) -> dict[str, tuple[str, ...]]:
        return {
            "types": tuple(self.types),
            "topics": tuple(self.topics),
            "tags": tuple(t.label for t in self.tags.values()),
            "licenses": tuple(self.licenses),
            "bundeslaender": self.bundeslaender,
            "organisations": self.organisations,
            "networks": self.networks,
            "cases": tuple(self.cases),
        }


@dataclass(frozen=True)
class Attachment:
    file: str
    title: str
    size: int

    @property
    def extension(self) -> str:
        return self.file.rsplit(".", 1)[-1].lower()


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Entry:
    """A validated entry from projects/<slug>/index.md."""

    slug: str
    path: str  # relative to the repository, e.g. projects/<slug>/index.md
    title: str
    description: str
    date: dt.date
    type: str
    topics: tuple[str, ...]
    tags: tuple[str, ...]  # tag slugs, in the author's order
    authors: tuple[str, ...]
    license: str
    body: str
    bundesland: str | None = None
    organisation: str | None = None
    network: str | None = None
    case: str | None = None  # practice examples: a key of ContentModel.cases (field `fall`)
    vouched_by: str | None = None  # a contributed real case: the author who vouches for it
    attachments: tuple[Attachment, ...] = ()
    assets: tuple[str, ...] = field(default=())  # files beside index.md, relative to the entry folder
    words: int = 0

    @property
    def url(self) -> str:
        return f"mediathek/{self.slug}/"
