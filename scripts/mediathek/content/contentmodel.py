"""Read the content model (types, fields, topics, tags, glossary) from the data files in projects/.

The data files are read like entries' front matter: as YAML nodes with lines, so every
mistake a maintainer makes is reported in German with file and line, all of them at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .model import (
    CaseKind,
    CollectionGoals,
    ContentModel,
    EntryType,
    FieldSpec,
    GlossaryTerm,
    License,
    Limits,
    Notice,
    Problem,
    Tag,
    ThesaurusSense,
    Topic,
)
from .sitemarkdown import SiteMarkdown
from .slugs import is_slug, slugify
from .yamlnodes import Value, YamlProblem, parse_document, shown

MODEL_FILE = "_inhaltsmodell.yml"
TOPICS_FILE = "_themen.yml"
TAGS_FILE = "_schlagwoerter.yml"
GLOSSARY_FILE = "_glossar.yml"
THESAURUS_FILE = "_thesaurus.yml"  # written by `make thesaurus` (mediathek.authoring.thesaurus), reviewed by the Redaktion
DATA_FILES = (MODEL_FILE, TOPICS_FILE, TAGS_FILE, GLOSSARY_FILE, THESAURUS_FILE)
THESAURUS_KEYS = ("words", "synonyms")
FIELD_KINDS = ("text", "date", "choice", "choices", "texts", "attachments")
VALUE_SOURCES = ("types", "topics", "tags", "licenses", "bundeslaender", "organisations", "networks", "cases")
MAX_NODES = 100_000  # data files are maintained by people, but may grow far beyond an entry's front matter


class ContentModelError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


class _File:
    """One data file's values and the problems found in it, each with its line."""

    def __init__(self, rel: str, problems: list[Problem]) -> None:
        self.rel = rel
        self.problems = problems

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.rel, line, message))

    def mapping(self, value: Value | None, where: str) -> dict[str, Value] | None:
        if value is None:
            return None
        if not isinstance(value.data, dict):
            self.problem(value.line, f"„{where}“ muss aus Zeilen der Form „schlüssel: wert“ bestehen.")
            return None
        return value.data

    def sequence(self, value: Value | None, where: str) -> list[Value] | None:
        if value is None:
            return None
        if not isinstance(value.data, list):
            self.problem(value.line, f"„{where}“ muss eine Liste sein (Zeilen, die mit „- “ beginnen, oder [a, b]).")
            return None
        return value.data

    def get(self, mapping: dict[str, Value], key: str, where: str, line: int, required: bool = True) -> Value | None:
        value = mapping.get(key)
        if value is None or value.is_empty:
            if required:
                self.problem(line, f"Bei „{where}“ fehlt der Schlüssel „{key}“ oder sein Wert.")
            return None
        return value

    def text(self, mapping: dict[str, Value], key: str, where: str, line: int, required: bool = True) -> str | None:
        value = self.get(mapping, key, where, line, required)
        if value is None:
            return None
        if not value.is_scalar:
            self.problem(value.line, f"„{where}.{key}“ muss ein einzelner Text sein, keine Liste.")
            return None
        text = " ".join(value.text.split())
        if not text:
            self.problem(value.line, f"„{where}.{key}“ ist leer.")
            return None
        return text

    def texts(self, mapping: dict[str, Value], key: str, where: str, line: int, required: bool = True) -> tuple[str, ...] | None:
        value = self.get(mapping, key, where, line, required)
        items = self.sequence(value, f"{where}.{key}")
        if items is None:
            return None
        result = []
        for item in items:
            if not item.is_scalar or not item.text.strip():
                self.problem(item.line, f"Jeder Wert in „{where}.{key}“ muss ein nicht leerer Text sein.")
                continue
            result.append(" ".join(item.text.split()))
        return tuple(result)

    def integer(self, mapping: dict[str, Value], key: str, where: str, line: int, required: bool = True) -> int | None:
        value = self.get(mapping, key, where, line, required)
        if value is None:
            return None
        number = int(value.text) if value.is_scalar and value.tag == "int" and value.text.lstrip("+").isdigit() else -1
        if number < 0:
            self.problem(value.line, f"„{where}.{key}“ muss eine ganze Zahl ab 0 sein, nicht „{shown(str(value.data), 40)}“.")
            return None
        return number


def load_content_model(projects_dir: Path, repo_root: Path) -> ContentModel:
    """Load and cross-check the data files; raise ContentModelError listing every problem."""
    problems: list[Problem] = []

    def read(name: str, required: bool = True) -> tuple[_File, Value | None]:
        path = projects_dir / name
        data_file = _File(path.relative_to(repo_root).as_posix(), problems)
        if not path.is_file():
            if required:
                data_file.problem(None, "Die Datei fehlt. Sie gehört zum Inhaltsmodell der Mediathek.")
            return data_file, None
        try:
            return data_file, parse_document(path.read_text(encoding="utf-8"), 1, subject="Die Datei", max_nodes=MAX_NODES)
        except UnicodeDecodeError:
            data_file.problem(None, "Die Datei ist nicht als UTF-8 gespeichert.")
        except YamlProblem as err:
            data_file.problem(err.line, err.message)
        return data_file, None

    model_file, raw_model = read(MODEL_FILE)
    topics_file, raw_topics = read(TOPICS_FILE)
    tags_file, raw_tags = read(TAGS_FILE)
    glossary_file, raw_glossary = read(GLOSSARY_FILE, required=False)
    thesaurus_file, raw_thesaurus = read(THESAURUS_FILE, required=False)

    top = model_file.mapping(raw_model, "Inhaltsmodell")
    types: dict[str, EntryType] = {}
    fields: dict[str, FieldSpec] = {}
    licenses: dict[str, License] = {}
    limits: Limits | None = None
    goals = CollectionGoals()
    lists: dict[str, tuple[str, ...] | None] = {}
    origin_claims: tuple[re.Pattern[str], ...] = ()
    case_claims: tuple[re.Pattern[str], ...] = ()
    origin_author_prefixes: tuple[str, ...] = ()
    cases: dict[str, CaseKind] = {}
    if top is not None:
        types = _types(model_file, top)
        # Cross-references go to every type named, so one broken type gives one message, not one per field.
        named_types = set(model_file.mapping(top.get("types"), "types") or {}) if "types" in top else set()
        fields = _fields(model_file, top, named_types)
        licenses = _licenses(model_file, top)
        limits = _limits(model_file, top)
        goals = _goals(model_file, top)
        lists = {key: model_file.texts(top, key, "Inhaltsmodell", 1) for key in ("bundeslaender", "organisations", "networks")}
        origin_claims = _claim_patterns(model_file, top, "origin_claims")
        case_claims = _claim_patterns(model_file, top, "case_claims")
        origin_author_prefixes = model_file.texts(top, "origin_author_prefixes", "Inhaltsmodell", 1, required=False) or ()
        cases = _cases(model_file, top)
    topics = _topics(topics_file, raw_topics)
    tags, lookup = _tags(tags_file, raw_tags)
    glossary = _glossary(glossary_file, raw_glossary)
    thesaurus = thesaurus_senses(thesaurus_file, raw_thesaurus)

    try:
        site_markdown = SiteMarkdown.of_site(repo_root)
    except yaml.YAMLError as err:
        problems.append(Problem("mkdocs.yml", None, f"Die Datei ist kein gültiges YAML, die Prüfung kennt die Markdown-Erweiterungen der Website nicht: {err}"))
    if problems or top is None or limits is None:  # no top or limits: reported as a problem
        raise ContentModelError(sorted(problems, key=lambda p: (p.path, p.line or 0)))
    return ContentModel(
        types=types,
        fields=fields,
        topics=topics,
        tags=tags,
        tag_lookup=lookup,
        bundeslaender=lists.get("bundeslaender") or (),
        organisations=lists.get("organisations") or (),
        networks=lists.get("networks") or (),
        licenses=licenses,
        limits=limits,
        glossary=glossary,
        thesaurus=thesaurus[0],
        goals=goals,
        origin_claims=origin_claims,
        origin_author_prefixes=origin_author_prefixes,
        markdown=site_markdown,
        cases=cases,
        case_claims=case_claims,
    )


def _types(data: _File, top: dict[str, Value]) -> dict[str, EntryType]:
    types: dict[str, EntryType] = {}
    for slug, value in (data.mapping(data.get(top, "types", "Inhaltsmodell", 1), "types") or {}).items():
        where = f"types.{slug}"
        spec = data.mapping(value, where)
        if spec is None:
            continue
        label = data.text(spec, "label", where, value.line)
        plural = data.text(spec, "plural", where, value.line)
        description = data.text(spec, "description", where, value.line)
        sections = data.texts(spec, "sections", where, value.line)
        required_sections = data.texts(spec, "required_sections", where, value.line, required=False) or ()
        for name in required_sections:
            if sections is not None and name not in sections:
                data.problem(spec["required_sections"].line, f"„{where}.required_sections“ nennt „{name}“, das nicht unter „sections“ steht.")
        words = data.mapping(data.get(spec, "words", where, value.line, required=False), f"{where}.words") or {}
        min_words = data.integer(words, "min", f"{where}.words", value.line, required=False) or 0
        max_words = data.integer(words, "max", f"{where}.words", value.line, required=False)
        if max_words is not None and max_words < min_words:
            data.problem(spec["words"].line, f"„{where}.words“: „max“ ist kleiner als „min“.")
        notice = _notice(data, spec, where, value.line)
        if label and plural and description and sections is not None:
            types[slug] = EntryType(slug, label, plural, description, sections, required_sections, min_words, max_words, notice)
    return types


NOTICE_KEYS = ("title", "text", "class", "link", "link_text")


def _notice(data: _File, spec: dict[str, Value], where: str, line: int) -> Notice | None:
    """A type's notice above every entry's text; a malformed one is reported and left out."""
    notice = data.mapping(data.get(spec, "notice", where, line, required=False), f"{where}.notice")
    if notice is None:
        return None
    where = f"{where}.notice"
    for key in sorted(set(notice) - set(NOTICE_KEYS)):
        data.problem(notice[key].line, f"„{where}“: unbekannter Schlüssel „{shown(key, 40)}“. Erlaubt: {', '.join(NOTICE_KEYS)}.")
    title, text, css_class = (data.text(notice, key, where, spec["notice"].line) for key in ("title", "text", "class"))
    link = data.text(notice, "link", where, line, required=False)
    link_text = data.text(notice, "link_text", where, line, required=False)
    if (link is None) != (link_text is None):
        data.problem(spec["notice"].line, f"„{where}“: link und link_text gehören zusammen – geben Sie beide an oder keinen.")
    if title and text and css_class:
        return Notice(title=title, text=text, css_class=css_class, link=link, link_text=link_text)
    return None


def _cases(data: _File, top: dict[str, Value]) -> dict[str, CaseKind]:
    """The kinds of case a practice example can be (field `fall`), each with its label and notice."""
    cases: dict[str, CaseKind] = {}
    for slug, value in (data.mapping(data.get(top, "cases", "Inhaltsmodell", 1, required=False), "cases") or {}).items():
        where = f"cases.{slug}"
        spec = data.mapping(value, where)
        if spec is None:
            continue
        label, short, description = (data.text(spec, key, where, value.line) for key in ("label", "short", "description"))
        flags = {key: _flag(data, spec, key, where, value.line) for key in ("real", "vouch")}
        notice = _notice(data, spec, where, value.line)
        if notice is None and "notice" not in spec:
            data.problem(value.line, f"Bei „{where}“ fehlt der Schlüssel „notice“: Jede Fallart braucht ihren Hinweis über dem Text.")
        if label and short and description and notice is not None and None not in flags.values():
            cases[slug] = CaseKind(slug, label, short, description, bool(flags["real"]), bool(flags["vouch"]), notice)
    return cases


def _flag(data: _File, spec: dict[str, Value], key: str, where: str, line: int) -> bool | None:
    value = data.get(spec, key, where, line)
    if value is None:
        return None
    if not (value.is_scalar and value.tag == "bool" and value.text.lower() in ("true", "false")):
        data.problem(value.line, f"„{where}.{key}“ muss true oder false sein, nicht „{shown(str(value.data), 40)}“.")
        return None
    return value.text.lower() == "true"


def _claim_patterns(data: _File, top: dict[str, Value], key: str) -> tuple[re.Pattern[str], ...]:
    """Case-insensitive regular expressions of phrases only some entries may use (origin_claims, case_claims)."""
    patterns = []
    for item in data.sequence(data.get(top, key, "Inhaltsmodell", 1, required=False), key) or []:
        if not item.is_scalar or not item.text.strip():
            data.problem(item.line, f"Jeder Eintrag in „{key}“ muss eine nicht leere Wendung (regulärer Ausdruck) sein.")
            continue
        try:
            patterns.append(re.compile(item.text, re.IGNORECASE))
        except re.error as err:
            at = f" (Fehler an Stelle {err.pos + 1})" if err.pos is not None else ""
            data.problem(item.line, f"„{shown(item.text, 60)}“ in „{key}“ ist kein gültiger regulärer Ausdruck{at}.")
    return tuple(patterns)


def _fields(data: _File, top: dict[str, Value], types: set[str]) -> dict[str, FieldSpec]:
    fields: dict[str, FieldSpec] = {}
    for name, value in (data.mapping(data.get(top, "fields", "Inhaltsmodell", 1), "fields") or {}).items():
        where = f"fields.{name}"
        spec = data.mapping(value, where)
        if spec is None:
            continue
        kind = data.text(spec, "kind", where, value.line)
        if kind is not None and kind not in FIELD_KINDS:
            data.problem(spec["kind"].line, f"„{where}.kind“: unbekannte Art „{shown(kind, 40)}“. Erlaubt: {', '.join(FIELD_KINDS)}.")
            kind = None
        values = data.text(spec, "values", where, value.line, required=False)
        if values is not None and values not in VALUE_SOURCES:
            data.problem(spec["values"].line, f"„{where}.values“: unbekannte Werteliste „{shown(values, 40)}“. Erlaubt: {', '.join(VALUE_SOURCES)}.")
        required_for = _required(data, spec, where, types)
        only_for = data.texts(spec, "only_for", where, value.line, required=False)
        for type_slug in only_for or ():
            if type_slug not in types:
                data.problem(spec["only_for"].line, f"„{where}.only_for“ nennt die unbekannte Eintragsart „{shown(type_slug, 40)}“.")
        help_text = data.text(spec, "help", where, value.line)
        example = spec.get("example")
        if kind is None or help_text is None:
            continue
        fields[name] = FieldSpec(
            name=name,
            kind=kind,
            required_for=required_for,
            only_for=frozenset(only_for) if only_for else None,
            values=values,
            help=help_text,
            example=_plain(example) if example is not None else None,
            default=data.text(spec, "default", where, value.line, required=False),
            max_length=data.integer(spec, "max_length", where, value.line, required=False),
            min_items=data.integer(spec, "min_items", where, value.line, required=False) or 0,
            max_items=data.integer(spec, "max_items", where, value.line, required=False),
        )
    return fields


def _required(data: _File, spec: dict[str, Value], where: str, types: set[str]) -> frozenset[str]:
    value = spec.get("required")
    if value is None or (value.is_scalar and value.tag == "bool" and value.text.lower() in ("false", "no", "off")):
        return frozenset()
    if value.is_scalar and value.tag == "bool":
        return frozenset({"*"})
    named = data.sequence(value, f"{where}.required")
    if named is None:
        return frozenset()
    slugs = frozenset(item.text for item in named if item.is_scalar)
    for slug in sorted(slugs - set(types)):
        data.problem(value.line, f"„{where}.required“ nennt die unbekannte Eintragsart „{shown(slug, 40)}“.")
    return slugs


def _licenses(data: _File, top: dict[str, Value]) -> dict[str, License]:
    licenses = {}
    for spdx, value in (data.mapping(data.get(top, "licenses", "Inhaltsmodell", 1), "licenses") or {}).items():
        spec = data.mapping(value, f"licenses.{spdx}")
        if spec is None:
            continue
        name = data.text(spec, "name", f"licenses.{spdx}", value.line)
        url = data.text(spec, "url", f"licenses.{spdx}", value.line)
        if name and url:
            licenses[spdx] = License(spdx, name, url)
    return licenses


def _limits(data: _File, top: dict[str, Value]) -> Limits | None:
    value = data.get(top, "limits", "Inhaltsmodell", 1)
    spec = data.mapping(value, "limits")
    if spec is None or value is None:
        return None
    entry_bytes = data.integer(spec, "entry_bytes", "limits", value.line)
    attachment_bytes = data.integer(spec, "attachment_bytes", "limits", value.line)
    attachment_types = data.texts(spec, "attachment_types", "limits", value.line)
    if entry_bytes is None or attachment_bytes is None or attachment_types is None:
        return None
    return Limits(entry_bytes, attachment_bytes, frozenset(t.lower() for t in attachment_types))


def _goals(data: _File, top: dict[str, Value]) -> CollectionGoals:
    spec = data.mapping(top.get("collection_goals"), "collection_goals") or {}
    line = top["collection_goals"].line if "collection_goals" in top else 1
    return CollectionGoals(
        examples_per_topic=data.integer(spec, "examples_per_topic", "collection_goals", line, required=False) or 0,
        bundeslaender=data.integer(spec, "bundeslaender", "collection_goals", line, required=False) or 0,
        uses_per_tag=data.integer(spec, "uses_per_tag", "collection_goals", line, required=False) or 0,
    )


def _topics(data: _File, raw: Value | None) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    for item in data.sequence(raw, "Themen") or []:
        spec = data.mapping(item, "Thema")
        if spec is None:
            continue
        slug = data.text(spec, "slug", "Thema", item.line)
        where = f"Thema „{slug}“" if slug else "Thema"
        title = data.text(spec, "title", where, item.line)
        short = data.text(spec, "short", where, item.line)
        description = data.text(spec, "description", where, item.line)
        if slug is None:
            continue
        if not is_slug(slug):
            data.problem(spec["slug"].line, f"„{shown(slug, 40)}“ ist kein gültiger Kurzname: nur Kleinbuchstaben a–z, Ziffern und Bindestriche.")
        elif slug in topics:
            data.problem(spec["slug"].line, f"Das Thema „{slug}“ steht doppelt in der Datei.")
        elif title and short and description:
            topics[slug] = Topic(slug, title, short, description)
    return topics


def _tags(data: _File, raw: Value | None) -> tuple[dict[str, Tag], dict[str, str]]:
    tags: dict[str, Tag] = {}
    lookup: dict[str, str] = {}
    for item in data.sequence(raw, "Schlagwörter") or []:
        spec = data.mapping(item, "Schlagwort")
        if spec is None:
            continue
        label = data.text(spec, "label", "Schlagwort", item.line)
        where = f"Schlagwort „{label}“" if label else "Schlagwort"
        description = data.text(spec, "description", where, item.line)
        synonyms = data.texts(spec, "synonyms", where, item.line, required=False) or ()
        search_words = data.texts(spec, "search_words", where, item.line, required=False) or ()
        if label is None or description is None:
            continue
        tag = Tag(slugify(label), label, description, synonyms, search_words)
        if tag.slug in tags:
            data.problem(item.line, f"Das Schlagwort „{label}“ steht doppelt im Verzeichnis.")
            continue
        tags[tag.slug] = tag
        for name in (label, *synonyms):
            key = name.casefold()
            if key in lookup and lookup[key] != tag.slug:
                data.problem(
                    item.line, f"„{name}“ ist sowohl bei „{tags[lookup[key]].label}“ als auch bei „{label}“ eingetragen."
                )
                continue
            lookup[key] = tag.slug
    for tag in tags.values():  # checked once all names are known: a search word must not be a tag's name
        for word in tag.search_words:
            if word.casefold() in lookup:
                data.problem(None, f"Das Suchwort „{word}“ bei „{tag.label}“ ist schon Bezeichnung oder Synonym von „{tags[lookup[word.casefold()]].label}“.")
    return tags, lookup


def _glossary(data: _File, raw: Value | None) -> tuple[GlossaryTerm, ...]:
    glossary = []
    for item in data.sequence(raw, "Glossar") or []:
        spec = data.mapping(item, "Begriff")
        if spec is None:
            continue
        term = data.text(spec, "term", "Begriff", item.line)
        definition = data.text(spec, "definition", f"Begriff „{term}“" if term else "Begriff", item.line)
        synonyms = data.texts(spec, "synonyms", f"Begriff „{term}“" if term else "Begriff", item.line, required=False) or ()
        if term and definition:
            glossary.append(GlossaryTerm(term, definition, slugify(term), synonyms))
    return tuple(glossary)


def load_thesaurus(projects_dir: Path, repo_root: Path) -> tuple[tuple[ThesaurusSense, ...], tuple[ThesaurusSense, ...]]:
    """projects/_thesaurus.yml alone: (senses, removed), both empty if there is no such file."""
    path = projects_dir / THESAURUS_FILE
    if not path.is_file():
        return (), ()
    problems: list[Problem] = []
    data = _File(path.relative_to(repo_root).as_posix(), problems)
    try:
        raw = parse_document(path.read_text(encoding="utf-8"), 1, subject="Die Datei", max_nodes=MAX_NODES)
    except UnicodeDecodeError:
        raise ContentModelError([Problem(data.rel, None, "Die Datei ist nicht als UTF-8 gespeichert.")]) from None
    except YamlProblem as err:
        raise ContentModelError([Problem(data.rel, err.line, err.message)]) from None
    found = thesaurus_senses(data, raw)
    if problems:
        raise ContentModelError(problems)
    return found


def thesaurus_senses(data: _File, raw: Value | None) -> tuple[tuple[ThesaurusSense, ...], tuple[ThesaurusSense, ...]]:
    """The senses the search uses (`senses`) and those the Redaktion removed (`removed`), which
    `make thesaurus` never writes again."""
    top = data.mapping(raw, "Thesaurus")
    if top is None:
        return (), ()
    for key in sorted(set(top) - {"senses", "removed"}):
        data.problem(top[key].line, f"Unbekannter Schlüssel „{shown(key, 40)}“. Erlaubt: senses, removed.")
    return _senses(data, top.get("senses"), "senses"), _senses(data, top.get("removed"), "removed")


def _senses(data: _File, raw: Value | None, where: str) -> tuple[ThesaurusSense, ...]:
    senses = []
    for item in data.sequence(raw, where) or []:
        spec = data.mapping(item, f"{where}: Bedeutung")
        if spec is None:
            continue
        for key in sorted(set(spec) - set(THESAURUS_KEYS)):
            data.problem(spec[key].line, f"„{where}“: unbekannter Schlüssel „{shown(key, 40)}“. Erlaubt: {', '.join(THESAURUS_KEYS)}.")
        words = data.texts(spec, "words", where, item.line)
        synonyms = data.texts(spec, "synonyms", where, item.line)
        if words is None or synonyms is None:
            continue
        for name in (*words, *synonyms):
            if not name.replace("-", "").isalpha():
                data.problem(
                    item.line,
                    f"„{shown(name, 40)}“ in „{where}“ ist kein einzelnes Wort. Die Suche setzt nur einzelne Wörter "
                    "der Anfrage um; schreiben Sie ein Wort ohne Leerzeichen, Ziffern oder Satzzeichen.",
                )
        for name in sorted({s.casefold() for s in synonyms} & {w.casefold() for w in words}):
            data.problem(item.line, f"„{name}“ steht in „{where}“ zugleich unter „words“ und „synonyms“; streichen Sie es unter „synonyms“.")
        senses.append(ThesaurusSense(words, synonyms))
    return tuple(senses)


def _plain(value: Value) -> object:
    """A Value as plain data (texts, lists, dicts), for examples shown to authors."""
    if isinstance(value.data, list):
        return [_plain(item) for item in value.data]
    if isinstance(value.data, dict):
        return {key: _plain(item) for key, item in value.data.items()}
    return value.data
