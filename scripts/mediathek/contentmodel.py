"""Read the content model (types, fields, topics, tags, glossary) from the data files in projects/."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .model import ContentModel, EntryType, FieldSpec, GlossaryTerm, License, Limits, Notice, Problem, Tag, Topic
from .slugs import is_slug, slugify
from .yamlnodes import SafeLoader

MODEL_FILE = "_inhaltsmodell.yml"
TOPICS_FILE = "_themen.yml"
TAGS_FILE = "_schlagwoerter.yml"
GLOSSARY_FILE = "_glossar.yml"
DATA_FILES = (MODEL_FILE, TOPICS_FILE, TAGS_FILE, GLOSSARY_FILE)
FIELD_KINDS = ("text", "date", "choice", "choices", "texts", "attachments")


class ContentModelError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def load_content_model(projects_dir: Path, repo_root: Path) -> ContentModel:
    """Load and cross-check the data files; raise ContentModelError listing every problem."""
    problems: list[Problem] = []

    def read(name: str, required: bool = True) -> object:
        path = projects_dir / name
        rel = path.relative_to(repo_root).as_posix()
        if not path.is_file():
            if required:
                problems.append(Problem(rel, None, "Die Datei fehlt. Sie gehört zum Inhaltsmodell der Mediathek."))
            return None
        try:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
        except UnicodeDecodeError:
            problems.append(Problem(rel, None, "Die Datei ist nicht als UTF-8 gespeichert."))
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark
            problems.append(Problem(rel, mark.line + 1 if mark else None, f"Kein gültiges YAML: {err.problem}."))
        return None

    raw_model = read(MODEL_FILE) or {}
    raw_topics = read(TOPICS_FILE) or []
    raw_tags = read(TAGS_FILE) or []
    raw_glossary = read(GLOSSARY_FILE, required=False) or []
    if problems:
        raise ContentModelError(problems)

    def rel(name: str) -> str:
        return (projects_dir / name).relative_to(repo_root).as_posix()

    try:
        types = {
            slug: EntryType(
                slug, t["label"], t["plural"], t["description"].strip(), tuple(t["sections"]), _notice(slug, t.get("notice"), problems, rel(MODEL_FILE))
            )
            for slug, t in raw_model["types"].items()
        }
        fields = {name: _field(name, spec) for name, spec in raw_model["fields"].items()}
        licenses = {k: License(k, v["name"], v["url"]) for k, v in raw_model["licenses"].items()}
        limits = Limits(
            int(raw_model["limits"]["entry_bytes"]),
            int(raw_model["limits"]["attachment_bytes"]),
            frozenset(str(x).lower() for x in raw_model["limits"]["attachment_types"]),
        )
        bundeslaender = tuple(raw_model["bundeslaender"])
        organisations = tuple(raw_model["organisations"])
        networks = tuple(raw_model["networks"])
        origin_claims = _patterns(raw_model.get("origin_claims") or [], problems, rel(MODEL_FILE))
        origin_author_prefixes = tuple(str(x) for x in raw_model.get("origin_author_prefixes") or ())
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise ContentModelError([Problem(rel(MODEL_FILE), None, f"Aufbau der Datei fehlerhaft: {err!r}.")]) from None
    for spec in fields.values():
        if spec.kind not in FIELD_KINDS:
            problems.append(Problem(rel(MODEL_FILE), None, f"Feld „{spec.name}“: unbekannte Art „{spec.kind}“."))

    topics: dict[str, Topic] = {}
    try:
        for t in raw_topics:
            if not is_slug(str(t["slug"])):
                problems.append(Problem(rel(TOPICS_FILE), None, f"„{t['slug']}“ ist kein gültiger Kurzname."))
            topics[t["slug"]] = Topic(t["slug"], t["title"], t["short"], " ".join(t["description"].split()))
    except (KeyError, TypeError) as err:
        problems.append(Problem(rel(TOPICS_FILE), None, f"Aufbau der Datei fehlerhaft: {err!r}."))

    tags: dict[str, Tag] = {}
    lookup: dict[str, str] = {}
    try:
        for t in raw_tags:
            tag = Tag(slugify(t["label"]), t["label"], t["description"], tuple(t.get("synonyms") or ()))
            if tag.slug in tags:
                problems.append(Problem(rel(TAGS_FILE), None, f"Das Schlagwort „{tag.label}“ steht doppelt im Verzeichnis."))
            tags[tag.slug] = tag
            for name in (tag.label, *tag.synonyms):
                key = name.casefold()
                if key in lookup and lookup[key] != tag.slug:
                    problems.append(
                        Problem(
                            rel(TAGS_FILE),
                            None,
                            f"„{name}“ ist sowohl bei „{tags[lookup[key]].label}“ als auch bei „{tag.label}“ eingetragen.",
                        )
                    )
                lookup[key] = tag.slug
    except (KeyError, TypeError, AttributeError) as err:
        problems.append(Problem(rel(TAGS_FILE), None, f"Aufbau der Datei fehlerhaft: {err!r}."))

    glossary: list[GlossaryTerm] = []
    try:
        for g in raw_glossary:
            glossary.append(GlossaryTerm(str(g["term"]), " ".join(str(g["definition"]).split()), slugify(str(g["term"]))))
    except (KeyError, TypeError) as err:
        problems.append(Problem(rel(GLOSSARY_FILE), None, f"Aufbau der Datei fehlerhaft: {err!r}."))

    if problems:
        raise ContentModelError(problems)
    return ContentModel(
        types=types,
        fields=fields,
        topics=topics,
        tags=tags,
        tag_lookup=lookup,
        bundeslaender=bundeslaender,
        organisations=organisations,
        networks=networks,
        licenses=licenses,
        limits=limits,
        glossary=tuple(glossary),
        origin_claims=origin_claims,
        origin_author_prefixes=origin_author_prefixes,
    )


def _notice(slug: str, raw: object, problems: list[Problem], where: str) -> Notice | None:
    """A type's notice; a malformed one is reported (in German) and left out."""
    if raw is None:
        return None
    keys = {"title", "text", "class", "link", "link_text"}
    if (
        not isinstance(raw, dict)
        or not {"title", "text", "class"} <= raw.keys()
        or not raw.keys() <= keys
        or not all(isinstance(value, str) and value.strip() for value in raw.values())
        or ("link" in raw) != ("link_text" in raw)
    ):
        problems.append(
            Problem(
                where,
                None,
                f"Art „{slug}“: Der Hinweis (notice) braucht title, text und class als Text, "
                "dazu freiwillig link und link_text, nur zusammen.",
            )
        )
        return None
    return Notice(
        title=" ".join(raw["title"].split()),
        text=" ".join(raw["text"].split()),
        css_class=raw["class"].strip(),
        link=raw.get("link"),
        link_text=" ".join(raw["link_text"].split()) if "link_text" in raw else None,
    )


def _patterns(raw: object, problems: list[Problem], where: str) -> tuple[re.Pattern[str], ...]:
    """origin_claims: case-insensitive regular expressions; a broken one is reported, not used."""
    if not isinstance(raw, list):
        problems.append(Problem(where, None, "origin_claims muss eine Liste von Wendungen (reguläre Ausdrücke) sein."))
        return ()
    patterns = []
    for item in raw:
        try:
            if not isinstance(item, str) or not item.strip():
                raise re.error("leer oder kein Text")
            patterns.append(re.compile(item, re.IGNORECASE))
        except re.error as err:
            at = f" (Fehler an Stelle {err.pos + 1})" if err.pos is not None else ""
            problems.append(Problem(where, None, f"origin_claims: „{item}“ ist kein gültiger regulärer Ausdruck{at}."))
    return tuple(patterns)


def _field(name: str, spec: dict) -> FieldSpec:
    required = spec.get("required", False)
    if required is True:
        required_for = frozenset({"*"})
    elif required is False:
        required_for = frozenset()
    else:
        required_for = frozenset(required)
    only_for = spec.get("only_for")
    return FieldSpec(
        name=name,
        kind=spec["kind"],
        required_for=required_for,
        only_for=frozenset(only_for) if only_for else None,
        values=spec.get("values"),
        help=" ".join(str(spec.get("help", "")).split()),
        example=spec.get("example"),
        default=spec.get("default"),
        max_length=spec.get("max_length"),
        min_items=int(spec.get("min_items", 0)),
        max_items=spec.get("max_items"),
    )
