"""The Word template of each entry type, made from the content model (python-docx) when the site is staged.

A template is a metadata table (one row per field of the type, with its help text and allowed
values), the type's sections as Word headings with a one-line hint each, and a note on images and
attachments. Every text comes from the content model, so the templates change when it does; they
are never committed. The importer (convert.py, metadata.py) reads the same rows and drops the
hints an author left standing, so what is written here is what is understood there.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.shared import Pt, RGBColor

from ...content.model import ContentModel, EntryType, FieldSpec
from ...pages.reader import word_template_file
from .. import scaffold

HEADER = ("Angabe", "Ihre Angabe", "Erklärung und erlaubte Werte")
FIELD_KEY = re.compile(r"\(([a-z_]+)\)\s*$")  # "Titel (title)": the field's name closes the first cell
SET_ON_IMPORT = frozenset({"date", "attachments"})  # the import sets the date; files come as images or by hand
HINT_STYLE = "Mediathek Hinweis"
CATEGORY = "Mediathek-Vorlage"  # core property „Kategorie“: "Mediathek-Vorlage: <type>", kept by Word and LibreOffice
FIXED_TIME = dt.datetime(2020, 11, 1, tzinfo=dt.UTC)  # constant metadata: a template changes only with the model
LABELS = {"license": "Lizenz"}  # fields that `make neu` does not ask for, hence have no German noun there


@dataclass(frozen=True)
class Row:
    """One row of the metadata table."""

    field: str
    label: str  # first cell: "Titel (title)"
    value: str  # pre-filled answer (the type), else empty
    explanation: str


def label(field: str) -> str:
    noun = scaffold.BY_FIELD[field].noun if field in scaffold.BY_FIELD else LABELS.get(field, field)
    return f"{noun} ({field})"


def rows(model: ContentModel, type_slug: str) -> tuple[Row, ...]:
    """The metadata rows of a type's template, in the content model's order."""
    entry_type = model.types[type_slug]
    found = []
    for spec in model.fields.values():
        if spec.name in SET_ON_IMPORT or not (spec.only_for is None or type_slug in spec.only_for):
            continue
        value = entry_type.label if spec.values == "types" else ""
        found.append(Row(spec.name, label(spec.name), value, _explanation(spec, model, entry_type)))
    return tuple(found)


def _explanation(spec: FieldSpec, model: ContentModel, entry_type: EntryType) -> str:
    required = "*" in spec.required_for or entry_type.slug in spec.required_for
    text = ("Pflichtangabe. " if required else "Freiwillig. ") + " ".join(spec.help.split())
    if spec.values == "types":
        return f"{text} Diese Vorlage ist für die Art „{entry_type.label}“; für eine andere Art nehmen Sie deren Vorlage."
    if spec.values == "topics":
        return text + " Erlaubt: " + "; ".join(f"{t.slug} ({t.title})" for t in model.topics.values()) + "."
    if spec.values == "tags":
        return text + " Erlaubt: " + ", ".join(t.label for t in model.tags.values()) + "."
    if spec.values:
        return text + " Erlaubt: " + ", ".join(model.allowed_values(spec.values)) + "."
    if spec.kind == "texts":
        return text + " Mehrere mit Komma trennen."
    return text


def intro(entry_type: EntryType) -> str:
    return (
        f"Vorlage für die Art „{entry_type.label}“ der Wissenssammlung. Füllen Sie oben die Tabelle aus und schreiben Sie "
        "Ihren Text unter die Überschriften. Die grauen Hinweise dürfen stehen bleiben: Beim Einlesen fallen sie weg."
    )


def section_hint(entry_type: EntryType, section: str) -> str:
    if section in entry_type.required_sections:
        return f"Ihr Text zu „{section}“. Dieser Abschnitt muss bleiben."
    return f"Ihr Text zu „{section}“. Passt der Abschnitt nicht, löschen Sie ihn mit seiner Überschrift."


def closing_notes(model: ContentModel) -> tuple[str, ...]:
    megabytes = f"{model.limits.attachment_bytes / 1_048_576:.0f}"
    return (
        "Bilder: Fügen Sie Bilder als PNG, JPG oder WebP in den Text ein und geben Sie jedem einen Alternativtext "
        "(Rechtsklick auf das Bild → „Alternativtext bearbeiten“): ein Satz, der sagt, was zu sehen ist. "
        f"Jedes Bild höchstens {megabytes} MB.",
        "Tabellen, Listen, Fußnoten, Links, fett und kursiv werden übernommen. Schriftarten, Farben, Textfelder und "
        "eingebettete Objekte (etwa Diagramme aus Excel) nicht: Fügen Sie ein Diagramm als Bild mit Alternativtext ein.",
        "Anhänge wie PDF-Dateien schicken Sie getrennt mit; sie kommen in den Ordner des Eintrags.",
        "Vor dem Einreichen: Alle Änderungen annehmen und alle Kommentare löschen (Menü „Überprüfen“).",
    )


def hint_texts(model: ContentModel) -> frozenset[str]:
    """Every paragraph a template holds besides the author's text: the importer drops them where they still stand."""
    texts = set(closing_notes(model))
    for entry_type in model.types.values():
        texts.add(intro(entry_type))
        texts.update(section_hint(entry_type, section) for section in entry_type.sections)
    return frozenset(texts)


def build(model: ContentModel, type_slug: str, site_name: str) -> bytes:
    """The .docx of one type's template (the same bytes for the same content model and site name).
    site_name (mkdocs.yml `site_name`) is the document's author until an author saves it as theirs."""
    entry_type = model.types[type_slug]
    document = docx.Document()
    hint = document.styles.add_style(HINT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    hint.base_style = document.styles["Normal"]
    hint.font.italic = True
    hint.font.color.rgb = RGBColor(0x59, 0x59, 0x59)  # 7:1 on white
    hint.font.size = Pt(10)
    properties = document.core_properties
    properties.title = f"Vorlage {entry_type.label}"
    properties.category = f"{CATEGORY}: {type_slug}"
    properties.author = properties.last_modified_by = site_name
    properties.language = "de-DE"
    properties.comments = ""  # python-docx's blank document says "generated by python-docx"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1

    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    header = OxmlElement("w:tblHeader")  # screen readers announce the column names; Word repeats the row
    table.rows[0]._tr.get_or_add_trPr().append(header)
    for row in rows(model, type_slug):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = row.label, row.value, row.explanation
    document.add_paragraph(intro(entry_type), style=HINT_STYLE)
    for section in entry_type.sections:
        document.add_heading(section, level=1)
        document.add_paragraph(section_hint(entry_type, section), style=HINT_STYLE)
    for note in closing_notes(model):
        document.add_paragraph(note, style=HINT_STYLE)
    stream = io.BytesIO()
    document.save(stream)
    return _normalised(stream.getvalue())


def _normalised(data: bytes) -> bytes:
    """The package with fixed member times: zipfile stamps each member with the time of saving."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info))
    return out.getvalue()


def downloads(model: ContentModel, site_name: str) -> dict[str, bytes]:
    """The hook for staging (mediathek.site.stage): every type's template at its place in the site."""
    return {word_template_file(slug): build(model, slug, site_name) for slug in model.types}
