"""Start a new entry (`make neu`): projects/<slug>/index.md with front matter and the section skeleton.

Everything offered and written comes from the content model (types, fields,
topics, tags, allowed values, sections), so a change in projects/_*.yml
changes the template too. A required value the author has not given yet is
written as an empty field with a comment naming what belongs there; `make
check` then reports it with the field's help text. Existing entries are never
overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..catalog.index import sort_key_german
from ..content.contentmodel import ContentModelError, load_content_model
from ..content.fields import CASE_FIELD, VOUCH_FIELD
from ..content.german import german_number, suggest
from ..content.model import ContentModel, EntryType, FieldSpec
from ..content.slugs import is_listing_page, slugify

MAX_SLUG_LENGTH = 60  # folder names stay readable in links and short enough for Windows paths
PLAIN_SCALAR = re.compile(r"^\w[\w .–-]*$")


@dataclass(frozen=True)
class Parameter:
    """One value an author can give to `make neu`: the make variable, the field it fills, its German name."""

    variable: str
    field: str
    noun: str


PARAMETERS = (
    Parameter("TYP", "type", "Eintragsart"),
    Parameter("TITEL", "title", "Titel"),
    Parameter("THEMA", "topics", "Thema"),
    Parameter("SCHLAGWOERTER", "tags", "Schlagwort"),
    Parameter("BESCHREIBUNG", "description", "Beschreibung"),
    Parameter("AUTOREN", "authors", "Autor*innen"),
    Parameter("FALL", "fall", "Fallart"),
    Parameter("VERBUERGT_VON", "verbuergt_von", "Verbürgt von"),
    Parameter("BUNDESLAND", "bundesland", "Bundesland"),
    Parameter("ORGANISATION", "organisation", "Organisation"),
    Parameter("NETZWERK", "network", "Netzwerk"),
)
BY_FIELD = {p.field: p for p in PARAMETERS}
REQUIRED_ARGUMENTS = ("type", "title", "topics")  # without them there is no folder, no skeleton, no topic page


class ScaffoldError(Exception):
    """A German message for the author; the entry was not created."""


@dataclass(frozen=True)
class Draft:
    slug: str
    path: str  # relative to the repository
    text: str
    missing: tuple[str, ...]  # fields written empty, for the author to fill in


# --- resolving what the author typed ---------------------------------------------------------------


def resolve(field: str, text: str, model: ContentModel, numbered: tuple[str, ...] = ()) -> object:
    """The clean value for one field from the author's text; raise ScaffoldError if it is not allowed.

    `numbered` lists the values in the order they were offered, so an answer may also be their number.
    """
    spec = model.fields[field]
    text = " ".join(text.split())
    if spec.kind == "text":
        if spec.max_length and len(text) > spec.max_length:
            what, fix = ("Der Titel", "Kürzen Sie ihn.") if field == "title" else (f"„{field}“", "Kürzen Sie den Text.")
            raise ScaffoldError(f"{what} ist {len(text)} Zeichen lang, erlaubt sind höchstens {spec.max_length}. {fix}")
        return text
    if spec.kind == "texts":
        return tuple(part.strip() for part in text.split(",") if part.strip())
    if spec.kind == "choice":
        return _choose(spec, text, model, numbered)
    if spec.kind == "choices":
        values: list[str] = []
        for part in (p.strip() for p in text.split(",")):
            if part:
                value = _choose(spec, part, model, numbered)
                if value not in values:
                    values.append(value)
        if spec.max_items is not None and len(values) > spec.max_items:
            name = BY_FIELD[field].variable if field in BY_FIELD else field
            raise ScaffoldError(f"Das sind {len(values)} Werte für {name}, erlaubt sind höchstens {spec.max_items}.")
        return tuple(values)
    raise ScaffoldError(f"Das Feld „{field}“ kann make neu nicht ausfüllen. Tragen Sie es in der Datei ein.")


def _choose(spec: FieldSpec, text: str, model: ContentModel, numbered: tuple[str, ...]) -> str:
    if text.isdigit() and 1 <= int(text) <= len(numbered):
        return numbered[int(text) - 1]
    if spec.values == "tags":
        slug = model.tag_lookup.get(text.casefold())
        if slug is not None:
            return model.tags[slug].label
        match = suggest(text, {name: tag.label for tag in model.tags.values() for name in (tag.label, *tag.synonyms)})
        raise ScaffoldError(f"Unbekanntes Schlagwort „{text}“.{match} Alle Schlagwörter stehen in projects/_schlagwoerter.yml.")
    allowed = model.allowed_values(spec.values or "")
    aliases = {value.casefold(): value for value in allowed}
    if spec.values == "types":
        aliases.update({t.label.casefold(): slug for slug, t in model.types.items()})
    if spec.values == "topics":
        for topic in model.topics.values():
            aliases.update({topic.title.casefold(): topic.slug, topic.short.casefold(): topic.slug})
    if spec.values == "cases":
        aliases.update({case.label.casefold(): slug for slug, case in model.cases.items()})
    if text.casefold() in aliases:
        return aliases[text.casefold()]
    match = suggest(text, list(aliases.values()))
    noun = BY_FIELD[spec.name].noun if spec.name in BY_FIELD else spec.name
    raise ScaffoldError(f"„{text}“ ist als {noun} nicht erlaubt.{match} Erlaubt sind: {', '.join(allowed)}.")


def check_title(title: str, model: ContentModel, projects: Path) -> str:
    """The folder name for a new entry with this title; raise ScaffoldError if the title cannot be used."""
    if not title:
        example = model.fields["title"].example
        raise ScaffoldError(f"Der Titel ist leer. Geben Sie einen Titel an, zum Beispiel „{example}“.")
    resolve("title", title, model)
    slug = folder_name(title)
    if not slug:
        raise ScaffoldError(
            f"Aus dem Titel „{title}“ lässt sich kein Ordnername bilden. "
            "Er braucht mindestens einen Buchstaben (a–z) oder eine Ziffer."
        )
    if (projects / slug).exists():
        raise ScaffoldError(
            f"Den Eintrag projects/{slug}/ gibt es schon. Wählen Sie einen anderen Titel "
            "oder bearbeiten Sie den vorhandenen Eintrag."
        )
    same = _entry_with_title(title, projects)
    if same:
        raise ScaffoldError(f"Den Titel „{title}“ hat schon {same}. Jeder Eintrag braucht einen eigenen Titel.")
    return slug


def folder_name(title: str) -> str:
    """The entry's slug: slugify(title), cut at a word boundary so links stay readable."""
    slug = slugify(title)
    if is_listing_page(slug):
        return f"eintrag-{slug}"  # „Seite 2“ would take the name of a listing's second page
    if len(slug) <= MAX_SLUG_LENGTH:
        return slug
    cut = slug[: MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return cut if cut else slug[:MAX_SLUG_LENGTH].rstrip("-")


def _entry_with_title(title: str, projects: Path) -> str | None:
    """A cheap look at existing titles, so the author hears about a duplicate now rather than at `make check`."""
    wanted = " ".join(title.split()).casefold()
    for index in sorted(projects.glob("*/index.md")):
        head = index.read_text(encoding="utf-8", errors="replace").split("\n---", 1)[0]
        match = re.search(r"^title:\s*(.+?)\s*$", head, re.MULTILINE)
        if match and " ".join(match.group(1).strip("\"'").split()).casefold() == wanted:
            return f"projects/{index.parent.name}/index.md"
    return None


# --- writing the file ------------------------------------------------------------------------------


def draft(values: dict[str, object], model: ContentModel, today: dt.date, slug: str) -> Draft:
    """The text of the new index.md (pure): every field that applies to the type, then the sections."""
    entry_type = str(values["type"])
    lines = ["---"]
    missing = []
    chosen = values.get(CASE_FIELD) or (model.fields[CASE_FIELD].default if CASE_FIELD in model.fields else None)
    case = model.cases.get(str(chosen))
    for spec in model.fields.values():
        applies = spec.only_for is None or entry_type in spec.only_for
        required = "*" in spec.required_for or entry_type in spec.required_for
        # A default that only some types have (the kind of case) is written out, so the author sees the choice.
        shown_default = _asked_default(spec)
        vouch = spec.name == VOUCH_FIELD and case is not None and case.vouch
        if not applies or not (required or values.get(spec.name) or shown_default or vouch):
            continue
        if spec.kind == "date":
            lines.append(f"{spec.name}: {today.isoformat()}")
        elif values.get(spec.name):
            lines.append(f"{spec.name}: {_yaml(values[spec.name], quote=spec.kind in ('text', 'texts'))}")
        elif shown_default and spec.values:
            lines.append(f"{spec.name}: {spec.default}  # eines von: {', '.join(model.allowed_values(spec.values))} – siehe Leitfaden")
        else:
            missing.append(spec.name)
            lines.append(f"{spec.name}:  # {_hint(spec, model)}")
    lines.append("---")
    lines.append("")
    lines.append(f"<!-- {_writing_hint(model.types[entry_type])} Diese Zeile erscheint nicht auf der Website. -->")
    for section in model.types[entry_type].sections:
        lines += ["", f"## {section}", ""]
    return Draft(slug, f"projects/{slug}/index.md", "\n".join(lines), tuple(missing))


def _yaml(value: object, quote: bool) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_yaml(v, quote) for v in value) + "]"
    text = str(value)
    if quote or not PLAIN_SCALAR.match(text):
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML string
    return text


def _hint(spec: FieldSpec, model: ContentModel) -> str:
    if spec.values == "tags":
        count = f"{spec.min_items} bis {spec.max_items}" if spec.max_items else f"mindestens {spec.min_items}"
        return f"Bitte ausfüllen: {count} Schlagwörter aus projects/_schlagwoerter.yml, zum Beispiel {_example(spec)}"
    if spec.values:
        return f"Bitte ausfüllen, eines von: {', '.join(model.allowed_values(spec.values))}"
    return f"Bitte ausfüllen, zum Beispiel: {_example(spec)}"


def _example(spec: FieldSpec) -> str:
    example = spec.example
    return "[" + ", ".join(map(str, example)) + "]" if isinstance(example, list) else str(example)


def _writing_hint(entry_type: EntryType) -> str:
    """What the content model asks of the text, in the words of the author guide."""
    hint = "Schreiben Sie Ihren Text unter die vorbereiteten Überschriften. Abschnitte, die nicht passen, dürfen Sie löschen"
    if entry_type.required_sections:
        hint += " – außer " + ", ".join(f"„{name}“" for name in entry_type.required_sections)
    hint += "; eine Überschrift ohne Text darunter ist ein Fehler."
    if entry_type.max_words is not None:
        hint += f" Umfang: {german_number(entry_type.min_words)} bis {german_number(entry_type.max_words)} Wörter."
    elif entry_type.min_words:
        hint += f" Umfang: mindestens {german_number(entry_type.min_words)} Wörter."
    return hint


def write(root: Path, new: Draft) -> Path:
    """Create the folder and index.md; never touch an existing entry, even one created a moment ago."""
    folder = root / "projects" / new.slug
    try:
        folder.mkdir()
    except FileExistsError:
        raise ScaffoldError(
            f"Den Eintrag projects/{new.slug}/ gibt es schon. Wählen Sie einen anderen Titel "
            "oder bearbeiten Sie den vorhandenen Eintrag."
        ) from None
    path = folder / "index.md"
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(new.text + "\n")
    return path


# --- asking ------------------------------------------------------------------------------------------


def collect(
    given: dict[str, str], model: ContentModel, projects: Path, ask: Callable[[str], str] | None
) -> tuple[dict[str, object], str]:
    """Resolve the given values and, if `ask` is set, ask for the missing ones; return values and slug.

    Without `ask` every problem is reported at once and is fatal; with it, a wrong answer is
    explained and asked again.
    """
    given = {field: " ".join(text.split()) for field, text in given.items() if text and text.strip()}
    if ask is None:
        missing = [BY_FIELD[f].variable for f in REQUIRED_ARGUMENTS if f not in given]
        if missing:
            raise ScaffoldError(
                f"Es fehlen Angaben: {', '.join(missing)}. Beispiel: {_example_command(model)} "
                "– oder rufen Sie make neu ohne Angaben in einem Terminal auf, dann fragt es nach allem."
            )
    values: dict[str, object] = {}
    errors: list[str] = []
    slug = ""
    for parameter in PARAMETERS:  # type first: it decides which fields apply
        spec = model.fields.get(parameter.field)
        if spec is None:
            continue
        entry_type = values.get("type")
        if not (spec.only_for is None or entry_type is None or entry_type in spec.only_for):
            if parameter.field in given:
                types = ", ".join(model.types[t].label for t in sorted(spec.only_for or ()))
                errors.append(f"{parameter.variable} gibt es nur bei: {types}. Lassen Sie die Angabe weg.")
            continue
        if parameter.field in given:
            try:
                values[parameter.field], slug = _accept(spec, given[parameter.field], model, projects, (), slug)
                continue
            except ScaffoldError as err:
                if ask is None:
                    errors.append(str(err))
                    continue
                print(err, file=sys.stderr)
        elif ask is None or not ("*" in spec.required_for or entry_type in spec.required_for or _asked_default(spec)):
            continue
        values[parameter.field], slug = _ask_until_valid(spec, model, projects, ask, slug)
    if errors:
        raise ScaffoldError("\n".join(errors))
    return values, slug


def _asked_default(spec: FieldSpec) -> bool:
    """A default only some types have (the kind of case) is a choice worth asking about; empty keeps it."""
    return spec.default is not None and spec.only_for is not None


def _accept(
    spec: FieldSpec, text: str, model: ContentModel, projects: Path, offered: tuple[str, ...], slug: str
) -> tuple[object, str]:
    """The resolved value, and the slug (new for a title, else unchanged)."""
    if spec.name == "title":
        return text, check_title(text, model, projects)
    return resolve(spec.name, text, model, offered), slug


def _ask_until_valid(
    spec: FieldSpec, model: ContentModel, projects: Path, ask: Callable[[str], str], slug: str
) -> tuple[object, str]:
    offered, question = _question(spec, model)
    while True:
        answer = " ".join(ask(question).split())
        if not answer and spec.name not in REQUIRED_ARGUMENTS:
            return ((), slug) if spec.kind in ("choices", "texts") else ("", slug)
        try:
            if not answer and spec.name != "title":  # an empty title has its own message
                raise ScaffoldError("Ohne diese Angabe lässt sich der Eintrag nicht anlegen.")
            return _accept(spec, answer, model, projects, offered, slug)
        except ScaffoldError as err:
            print(f"{err} Bitte noch einmal.", file=sys.stderr)


def _question(spec: FieldSpec, model: ContentModel) -> tuple[tuple[str, ...], str]:
    """The values offered (for answers by number) and the question text, both from the content model."""
    later = "" if spec.name in REQUIRED_ARGUMENTS else " (leer lassen = später in der Datei ausfüllen)"
    if spec.values == "types":
        offered = tuple(model.types)
        listing = [f"  {i}) {t.label}: {t.description}" for i, t in enumerate(model.types.values(), 1)]
        return offered, "\nWelche Art von Eintrag?\n" + "\n".join(listing) + "\nNummer oder Name: "
    if spec.values == "topics":
        offered = tuple(model.topics)
        listing = [f"  {i}) {t.slug} – {t.title}" for i, t in enumerate(model.topics.values(), 1)]
        return offered, (
            "\nZu welchen Themen? Eines oder mehrere, mit Komma getrennt.\n" + "\n".join(listing) + "\nNummern oder Kurznamen: "
        )
    if spec.values == "tags":
        labels = ", ".join(sorted((t.label for t in model.tags.values()), key=sort_key_german))
        wrapped = textwrap.fill(labels, width=100, initial_indent="  ", subsequent_indent="  ")
        count = f"{spec.min_items} bis {spec.max_items}" if spec.max_items else f"mindestens {spec.min_items}"
        return (), f"\nSchlagwörter aus dem Verzeichnis, {count}, mit Komma getrennt{later}:\n{wrapped}\nSchlagwörter: "
    if spec.values == "cases":
        offered = tuple(model.cases)
        listing = [f"  {i}) {c.slug} – {c.label}: {c.description}" for i, c in enumerate(model.cases.values(), 1)]
        return offered, f"\n{spec.help}\n" + "\n".join(listing) + f"\nNummer oder Name (leer lassen = {spec.default}): "
    if spec.values:
        offered = model.allowed_values(spec.values)
        listing = [f"  {i}) {value}" for i, value in enumerate(offered, 1)]
        return offered, f"\n{spec.help}{later}\n" + "\n".join(listing) + "\nNummer oder Name: "
    if spec.name == "title":
        return (), f"\nTitel des Eintrags (höchstens {spec.max_length} Zeichen): "
    separator = " Mehrere mit Komma getrennt." if spec.kind == "texts" else ""
    noun = BY_FIELD[spec.name].noun if spec.name in BY_FIELD else spec.name
    return (), f"\n{spec.help}{separator}{later}\n{noun}: "


def _example_command(model: ContentModel) -> str:
    fields = model.fields
    topic = fields["topics"].example[0] if isinstance(fields["topics"].example, list) else fields["topics"].example
    return f'make neu TYP={fields["type"].example} TITEL="{fields["title"].example}" THEMA={topic}'


# --- command line ------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for parameter in PARAMETERS:
        parser.add_argument(f"--{parameter.variable.lower()}", dest=parameter.field, default="", help=parameter.noun)


def model_for_command(root: Path) -> ContentModel | None:
    """The content model for a command that writes entries or templates; None after a German message."""
    try:
        return load_content_model(root / "projects", root)
    except ContentModelError as err:
        print(f"Das Inhaltsmodell ist fehlerhaft:\n{err}", file=sys.stderr)
        return None


def command(root: Path, args: argparse.Namespace) -> int:
    """`python -m mediathek neu`: ask (in a terminal) or take the arguments, then create the entry."""
    projects = root / "projects"
    model = model_for_command(root)
    if model is None:
        return 1
    given = {p.field: getattr(args, p.field, "") or "" for p in PARAMETERS}
    ask = input if sys.stdin.isatty() else None
    try:
        values, slug = collect(given, model, projects, ask)
        new = draft(values, model, dt.date.today(), slug)
        write(root, new)
    except ScaffoldError as err:
        print(f"{err}\nEs wurde nichts angelegt.", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nAbgebrochen. Es wurde nichts angelegt.", file=sys.stderr)
        return 130
    print(next_steps(new))
    return 0


def next_steps(new: Draft) -> str:
    lines = [f"Neuer Eintrag angelegt: {new.path}"]
    if new.missing:
        lines.append(f"Noch auszufüllen (in der Datei mit „Bitte ausfüllen“ markiert): {', '.join(new.missing)}")
    lines += [
        "So geht es weiter:",
        "  1. Öffnen Sie die Datei und schreiben Sie Ihren Text unter die vorbereiteten Überschriften.",
        "  2. make check   – prüft den Eintrag und nennt, was noch fehlt",
        f"  3. make serve   – Vorschau unter http://127.0.0.1:8000/mediathek/{new.slug}/",
    ]
    return "\n".join(lines)
