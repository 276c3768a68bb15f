"""Check an entry's front matter against the field specs of the content model."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import cast

from .german import suggest
from .model import Attachment, ContentModel, FieldSpec
from .yamlnodes import Value, shown

DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MISSING = object()


class FieldErrors:
    """Collects (line, message) pairs for one entry."""

    def __init__(self) -> None:
        self.items: list[tuple[int | None, str]] = []

    def add(self, line: int | None, message: str) -> None:
        self.items.append((line, message))


def check_fields(
    fields: dict[str, Value], model: ContentModel, assets: dict[str, int], errors: FieldErrors, first_line: int
) -> dict[str, object]:
    """Return the cleaned values of all valid fields; report everything else to errors."""
    value: Value | None
    for key, value in fields.items():
        if key not in model.fields:
            errors.add(
                value.line,
                f"Unbekanntes Feld „{shown(key)}“.{suggest(key, tuple(model.fields))} "
                f"Erlaubt sind: {', '.join(model.fields)}.",
            )
    entry_type = None
    type_value = fields.get("type")
    if type_value is not None and type_value.is_scalar and type_value.data in model.types:
        entry_type = type_value.data

    clean: dict[str, object] = {}
    for spec in model.fields.values():
        value = fields.get(spec.name)
        present = value is not None and not value.is_empty and value.data not in ("", [])
        applies = spec.only_for is None or entry_type is None or entry_type in spec.only_for
        if value is not None and present and not applies:
            allowed = ", ".join(model.types[t].label for t in sorted(spec.only_for or ()))
            errors.add(value.line, f"Das Feld „{spec.name}“ gibt es nur bei: {allowed}. Löschen Sie die Zeile.")
            continue
        if value is None or not present:
            required = "*" in spec.required_for or (entry_type is not None and entry_type in spec.required_for)
            if required:
                errors.add(value.line if value is not None else first_line, _missing(spec))
            elif spec.default is not None and applies:
                clean[spec.name] = spec.default
            continue
        result = _CHECKS[spec.kind](spec, value, model, assets, errors)
        if result is not _MISSING:
            clean[spec.name] = result
    _check_case(fields, clean, model, errors)
    return clean


CASE_FIELD = "fall"
VOUCH_FIELD = "verbuergt_von"


def _check_case(fields: dict[str, Value], clean: dict[str, object], model: ContentModel, errors: FieldErrors) -> None:
    """A contributed real case names the author who vouches for it; a constructed one names no one."""
    case = model.cases.get(str(clean.get(CASE_FIELD)))
    if case is None:
        return
    vouch = fields.get(VOUCH_FIELD)
    if case.vouch and VOUCH_FIELD not in clean and (vouch is None or vouch.is_empty):
        errors.add(
            fields[CASE_FIELD].line if CASE_FIELD in fields else None,
            f"„{CASE_FIELD}: {case.slug}“ ({case.label}) braucht das Feld „{VOUCH_FIELD}“: Wer den Fall aus der eigenen "
            f"Netzwerkarbeit einreicht, verbürgt sich mit Namen dafür, dass er sich so zugetragen hat und anonymisiert ist. "
            f"Beispiel: {VOUCH_FIELD}: Vorname Nachname (so, wie der Name unter „authors“ steht)",
        )
    elif not case.vouch and vouch is not None and not vouch.is_empty:
        errors.add(
            vouch.line,
            f"„{VOUCH_FIELD}“ gibt es nur bei einem eingereichten echten Fall. Dieser Eintrag ist „{case.label}“ "
            f"({CASE_FIELD}: {case.slug}): Löschen Sie die Zeile – oder, wenn der Fall echt ist, ändern Sie „{CASE_FIELD}“.",
        )
        clean.pop(VOUCH_FIELD, None)
    elif case.vouch and VOUCH_FIELD in clean and clean[VOUCH_FIELD] not in cast("tuple[str, ...]", clean.get("authors") or ()):
        errors.add(
            vouch.line if vouch is not None else None,
            f"„{shown(str(clean[VOUCH_FIELD]))}“ steht nicht unter „authors“. Verbürgen kann sich nur, wer den Fall "
            "eingereicht hat: Schreiben Sie den Namen genau so wie unter „authors“.",
        )


def _missing(spec: FieldSpec) -> str:
    return f"Pflichtfeld „{spec.name}“ fehlt oder ist leer. {spec.help} Beispiel: {example_line(spec)}"


def example_line(spec: FieldSpec) -> str:
    """A field's example as the one line an author would type (messages and author guide)."""
    example = spec.example
    if isinstance(example, list) and example and isinstance(example[0], dict):
        return f"{spec.name}: (siehe Leitfaden für Autor*innen)"
    if isinstance(example, list):
        return f"{spec.name}: [{', '.join(map(str, example))}]"
    return f"{spec.name}: {example}"


def _scalar(spec: FieldSpec, value: Value, errors: FieldErrors) -> str | None:
    if not value.is_scalar:
        errors.add(value.line, f"„{spec.name}“ muss ein einzelner Wert sein, keine Liste. Beispiel: {example_line(spec)}")
        return None
    return " ".join(value.text.split())


def _check_text(spec: FieldSpec, value: Value, model: ContentModel, assets: dict[str, int], errors: FieldErrors) -> object:
    text = _scalar(spec, value, errors)
    if text is None:
        return _MISSING
    if not text:  # only whitespace, e.g. a non-breaking space: as good as missing
        errors.add(value.line, _missing(spec))
        return _MISSING
    if spec.max_length and len(text) > spec.max_length:
        errors.add(
            value.line,
            f"„{spec.name}“ ist {len(text)} Zeichen lang, erlaubt sind höchstens {spec.max_length}. Kürzen Sie den Text.",
        )
        return _MISSING
    return text


def _check_date(spec: FieldSpec, value: Value, model: ContentModel, assets: dict[str, int], errors: FieldErrors) -> object:
    text = _scalar(spec, value, errors)
    if text is None:
        return _MISSING
    match = DATE_PATTERN.match(text)
    if not match:
        errors.add(value.line, f"„{shown(text)}“ ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie zum Beispiel {spec.name}: 2026-11-26.")
        return _MISSING
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        errors.add(value.line, f"Das Datum „{shown(text)}“ gibt es nicht. Prüfen Sie Monat (01–12) und Tag.")
        return _MISSING


def _resolve_choice(spec: FieldSpec, item: Value, model: ContentModel, errors: FieldErrors) -> str | None:
    if not item.is_scalar:
        errors.add(item.line, f"Jeder Wert in „{spec.name}“ muss ein einzelnes Wort oder eine Bezeichnung sein.")
        return None
    text = " ".join(item.text.split())
    if spec.values == "tags":
        slug = model.tag_lookup.get(text.casefold())
        if slug is None:
            names = [t.label for t in model.tags.values()] + [s for t in model.tags.values() for s in t.synonyms]
            hint = suggest(text, names)
            if hint:
                target = model.tags[model.tag_lookup[hint[14:-2].casefold()]].label
                hint = f" Meinten Sie „{target}“?"
            errors.add(
                item.line,
                f"Unbekanntes Schlagwort „{shown(text)}“.{hint} Alle Schlagwörter stehen in projects/_schlagwoerter.yml; "
                "ein neues Schlagwort tragen Sie dort mit Beschreibung ein.",
            )
        return slug
    allowed = model.allowed_values(spec.values or "")
    if text in allowed:
        return text
    # Forgive case for slugs (Verstetigung -> verstetigung) but still say so: the file should match.
    names = list(allowed)
    if spec.values == "topics":
        names += [t.title for t in model.topics.values()] + [t.short for t in model.topics.values()]
    hint = suggest(text, names)
    if spec.values == "topics" and hint:
        picked = hint[14:-2]
        slug = next((t.slug for t in model.topics.values() if picked in (t.slug, t.title, t.short)), picked)
        hint = f" Meinten Sie „{slug}“?"
    listing = ", ".join(allowed)
    errors.add(item.line, f"„{shown(text)}“ ist für „{spec.name}“ nicht erlaubt.{hint} Erlaubt sind: {listing}.")
    return None


def _check_choice(spec: FieldSpec, value: Value, model: ContentModel, assets: dict[str, int], errors: FieldErrors) -> object:
    if not value.is_scalar:
        errors.add(value.line, f"„{spec.name}“ muss ein einzelner Wert sein, keine Liste. Beispiel: {example_line(spec)}")
        return _MISSING
    result = _resolve_choice(spec, value, model, errors)
    return _MISSING if result is None else result


def _items(spec: FieldSpec, value: Value, errors: FieldErrors) -> list[Value] | None:
    if isinstance(value.data, dict):
        errors.add(value.line, f"„{spec.name}“ muss eine Liste sein. Beispiel: {example_line(spec)}")
        return None
    items = [value] if isinstance(value.data, str) else list(value.data)
    if len(items) < spec.min_items:
        errors.add(value.line, f"„{spec.name}“ braucht mindestens {spec.min_items} Wert(e). Beispiel: {example_line(spec)}")
        return None
    if spec.max_items is not None and len(items) > spec.max_items:
        errors.add(value.line, f"„{spec.name}“ hat {len(items)} Werte, erlaubt sind höchstens {spec.max_items}.")
        return None
    return items


def _check_choices(spec: FieldSpec, value: Value, model: ContentModel, assets: dict[str, int], errors: FieldErrors) -> object:
    items = _items(spec, value, errors)
    if items is None:
        return _MISSING
    result: list[str] = []
    ok = True
    for item in items:
        resolved = _resolve_choice(spec, item, model, errors)
        if resolved is None:
            ok = False
        elif resolved in result:
            errors.add(item.line, f"„{shown(item.text)}“ steht doppelt in „{spec.name}“ (oder als Synonym eines anderen Werts).")
            ok = False
        else:
            result.append(resolved)
    return tuple(result) if ok else _MISSING


def _check_texts(spec: FieldSpec, value: Value, model: ContentModel, assets: dict[str, int], errors: FieldErrors) -> object:
    items = _items(spec, value, errors)
    if items is None:
        return _MISSING
    result = []
    for item in items:
        if not item.is_scalar or not item.text.strip():
            errors.add(item.line, f"Jeder Wert in „{spec.name}“ muss ein Name oder eine Bezeichnung sein.")
            return _MISSING
        result.append(" ".join(item.text.split()))
    return tuple(result)


def _check_attachments(
    spec: FieldSpec, value: Value, model: ContentModel, assets: dict[str, int], errors: FieldErrors
) -> object:
    items = _items(spec, value, errors)
    if items is None:
        return _MISSING
    result: list[Attachment] = []
    ok = True
    for item in items:
        data = item.data
        if not isinstance(data, dict) or set(data) - {"file", "title"} or "file" not in data or "title" not in data:
            errors.add(item.line, "Jeder Anhang braucht genau „file“ (Dateiname) und „title“ (Titel). Beispiel: - file: checkliste.pdf")
            ok = False
            continue
        file_value, title_value = data["file"], data["title"]
        if not file_value.is_scalar or not title_value.is_scalar or not title_value.text.strip():
            errors.add(item.line, "„file“ und „title“ eines Anhangs müssen einfache Texte sein.")
            ok = False
            continue
        name = file_value.text.strip()
        normal = posixpath.normpath(name) if name else ""
        if not name or name.startswith("/") or "\\" in name or normal.startswith("..") or normal != name:
            errors.add(
                file_value.line,
                f"Der Anhang „{shown(name)}“ muss im Ordner des Eintrags liegen: nur der Dateiname, ohne „/“ am Anfang und ohne „..“.",
            )
            ok = False
            continue
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in model.limits.attachment_types:
            allowed = ", ".join(sorted(model.limits.attachment_types))
            errors.add(file_value.line, f"Dateityp „.{shown(extension, 20)}“ ist für Anhänge nicht erlaubt. Erlaubt sind: {allowed}.")
            ok = False
            continue
        if name not in assets:
            errors.add(
                file_value.line,
                f"Die Datei „{shown(name)}“ fehlt im Ordner des Eintrags. Legen Sie sie neben index.md ab oder korrigieren Sie den Namen.",
            )
            ok = False
            continue
        result.append(Attachment(name, " ".join(title_value.text.split()), assets[name]))
    return tuple(result) if ok else _MISSING


_CHECKS = {
    "text": _check_text,
    "date": _check_date,
    "choice": _check_choice,
    "choices": _check_choices,
    "texts": _check_texts,
    "attachments": _check_attachments,
}
