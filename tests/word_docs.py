"""Word documents made with python-docx at test time: the third producer beside the committed pandoc and
LibreOffice fixtures (tests/fixtures/word), and the building blocks of the hostile documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from mediathek_bench.word import add_footnotes, footnote_reference, png

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "word"
W = nsdecls("w")
ALT = "Eine Karte des Netzwerks mit den beteiligten Gruppen"
FOOTNOTES = ("Gezählt wurden die Teilnahmelisten der letzten drei Treffen.", "So die Rückmeldungen nach dem ersten Treffen mit dem neuen Vorgehen.")


def hyperlink(document: Document, paragraph: object, text: str, url: str) -> None:
    rid = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    element = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>')
    paragraph._p.append(element)  # type: ignore[attr-defined]


def picture(document: Document, data: bytes, alt: str) -> None:
    document.add_picture(io.BytesIO(data), width=Cm(4))
    properties = list(document.element.body.iter(qn("wp:docPr")))[-1]
    properties.set("descr", alt)


def quelle(document: Document | None = None, *, footnotes: bool = True) -> Document:
    """The text of tests/fixtures/word/quelle.md, written as python-docx writes Word documents."""
    document = document or docx.Document()
    document.core_properties.author = "Redaktion der Wissenssammlung"
    document.add_paragraph("Ein Netzwerktreffen, das alle erreicht", style="Title")
    document.add_heading("Ausgangslage", level=1)
    p = document.add_paragraph("Ein regionales Netzwerk trifft sich zweimal im Jahr. Zu den Treffen kommen ")
    p.add_run("immer dieselben").bold = True
    p.add_run(" Akteur*innen, andere bleiben ")
    p.add_run("seit Jahren").italic = True
    p.add_run(" fern.")
    if footnotes:
        footnote_reference(p, 1)
    document.add_paragraph("Die Koordination wollte wissen, woran das liegt, und hat nachgefragt.")
    document.add_heading("Was die Befragung zeigte", level=2)
    document.add_paragraph("Die Termine lagen oft in den Ferien.", style="List Bullet")
    document.add_paragraph("Die Einladung kam zu spät:", style="List Bullet")
    document.add_paragraph("für Schulen vier Wochen vorher,", style="List Bullet 2")
    document.add_paragraph("für Betriebe zwei Wochen vorher.", style="List Bullet 2")
    document.add_heading("Vorgehen", level=1)
    for item in ("Termine mit allen Gruppen abstimmen.", "Einladungen acht Wochen vorher verschicken.", "Eine Kurzfassung der Ergebnisse an alle senden."):
        document.add_paragraph(item, style="List Number")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate((("Gruppe", "Vorher", "Nachher"), ("Schulen", "3", "7"), ("Betriebe", "2", "5"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    p = document.add_paragraph("Mehr zur Planung steht im ")
    hyperlink(document, p, "Leitfaden der Wissenssammlung", "https://example.org/leitfaden")
    p.add_run(".")
    picture(document, png(), ALT)
    document.add_heading("Was funktioniert hat", level=1)
    p = document.add_paragraph("Die frühe Einladung hat am meisten bewirkt.")
    if footnotes:
        footnote_reference(p, 2)
        add_footnotes(document, FOOTNOTES)
    return document


def save(document: Document, path: Path) -> Path:
    document.save(str(path))
    return path


def rezip(source: Path, target: Path, change: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> Path:
    """A copy of a .docx with members replaced (bytes), removed (None) or added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in change:
                data = change[info.filename]
                if data is not None:
                    new.writestr(info.filename, data)
                continue
            new.writestr(info, old.read(info))
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target
