"""What a Word document says about its entry: the template's metadata table, else its document properties.

The values are texts as an author would type them for `make neu`; scaffold.collect() resolves and
checks them, so the rules stay in one place. A table that is not the current template's (unknown
rows, a different type than the template was made for) is refused with a German message.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document

from ...content.model import ContentModel
from . import template
from .safety import Refused

PYTHON_DOCX_AUTHOR = "python-docx"  # what python-docx's blank document names as its author: no one


@dataclass(frozen=True)
class Said:
    """Values the document gives (field -> text) and notes on where they came from (field -> note)."""

    values: dict[str, str]
    notes: dict[str, str]
    from_template: bool


def from_table(rows: tuple[tuple[str, ...], ...], model: ContentModel, category: str) -> Said:
    """The values of a filled-in template's metadata table (rows after the header)."""
    values: dict[str, str] = {}
    errors = []
    for row in rows[1:]:
        if not row or not any(row):
            continue
        match = template.FIELD_KEY.search(row[0])
        name = match.group(1) if match else ""
        if name not in model.fields or name in template.SET_ON_IMPORT:
            errors.append(
                f"Die Tabelle am Anfang hat eine Zeile „{row[0]}“, die die aktuelle Vorlage nicht kennt. "
                "Laden Sie die aktuelle Vorlage herunter und übertragen Sie Ihre Angaben."
            )
            continue
        value = row[1].strip() if len(row) > 1 else ""
        if value:
            values[name] = value
    made_for = category.removeprefix(f"{template.CATEGORY}:").strip() if category.startswith(template.CATEGORY) else ""
    chosen = _type_slug(values.get("type", ""), model)
    if made_for and chosen and made_for in model.types and chosen != made_for:
        errors.append(
            f"Das Dokument ist mit der Vorlage für „{model.types[made_for].label}“ geschrieben, in der Tabelle steht aber "
            f"„{values['type']}“. Nehmen Sie die Vorlage für „{model.types[chosen].label}“ (ihre Abschnitte und Angaben sind andere) "
            "oder tragen Sie die Art der Vorlage ein."
        )
    if errors:
        raise Refused(errors)
    return Said(values, {}, True)


def from_properties(document: Document, title: str) -> Said:
    """Title and author from the document's properties (Datei → Informationen) or its „Titel“ paragraph."""
    properties = document.core_properties
    values: dict[str, str] = {}
    notes = {}
    chosen_title = " ".join((title or properties.title or "").split())
    if chosen_title:
        values["title"] = chosen_title
        source = "der Überschrift im Stil „Titel“" if title else "den Dokumenteigenschaften"
        notes["title"] = f"Titel aus {source} übernommen: „{chosen_title}“."
    author = " ".join((properties.author or "").split())
    if author and author != PYTHON_DOCX_AUTHOR:
        values["authors"] = author
        notes["authors"] = f"Autor*in aus den Dokumenteigenschaften übernommen: „{author}“. Prüfen Sie, ob das die gewünschte Verfasserangabe ist."
    subject = " ".join((properties.subject or "").split())
    if subject:
        values["description"] = subject
        notes["description"] = "Beschreibung aus den Dokumenteigenschaften (Thema) übernommen."
    return Said(values, notes, False)


def _type_slug(text: str, model: ContentModel) -> str | None:
    folded = text.casefold().strip()
    for slug, entry_type in model.types.items():
        if folded in (slug, entry_type.label.casefold()):
            return slug
    return None
