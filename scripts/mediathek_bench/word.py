"""python -m mediathek_bench.word [--words 15000] [--build] [--keep]: import a long Word paper, timed.

Makes a Projektarbeit as python-docx writes it (synthetic German prose from mediathek_bench.corpus,
40 headings on three levels, 6 tables, 8 figures with alt text, footnotes), imports it into a copy
of the site in a temporary folder exactly as `make import` does, and prints the seconds. With
--build, the copy is built too and the entry page is counted: tables, figures with alt text,
footnotes. A measurement, not a test (README, „Leistung messen“).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import re
import shutil
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from mediathek.content.contentmodel import load_content_model
from mediathek.content.model import ContentModel
from mediathek.pages import pipeline
from mediathek.pages.pipeline import find_repo_root

from .corpus import Prose
from .scratch import SITE_PARTS

SUBHEADINGS = 40  # all headings of the paper, the type's sections included
TABLES = 6
FIGURES = 8
NOTES_EVERY = 6  # a footnote after every sixth paragraph
HEADING = re.compile(r"^#{2,6} ", re.MULTILINE)
TABLE_RULE = re.compile(r"^\|---", re.MULTILINE)
FOOTNOTE = re.compile(r"^\[\^\d+\]:", re.MULTILINE)
ALT_FIGURE = re.compile(r'<img [^>]*alt="Abbildung')


def png(width: int = 40, height: int = 30, rgb: tuple[int, int, int] = (30, 90, 160)) -> bytes:
    """A one-colour PNG image (the figures of the paper; the tests' images)."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def footnote_reference(paragraph: Paragraph, number: int) -> None:
    paragraph.add_run()._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{number}"/>'))


def add_footnotes(document: Document, texts: list[str] | tuple[str, ...]) -> None:
    """A footnotes part (python-docx has no API for footnotes) with one note per text, ids 1, 2, …"""
    notes = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p></w:footnote>' for i, t in enumerate(texts, 1))
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {nsdecls("w")}>{notes}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def long_paper(model: ContentModel, projects: Path, words: int = 15_000, seed: int = 7) -> Document:
    """A Projektarbeit of about `words` words (body, tables and footnotes together) in Word."""
    rng = random.Random(seed)
    prose = Prose(projects)
    document = docx.Document()
    document.add_paragraph("Netzwerke über das Förderende hinaus tragen", style="Title")
    sections = model.types["projektarbeit"].sections
    levels = [1] * len(sections)
    plan: list[tuple[int, str]] = []
    per_section = (SUBHEADINGS - len(sections)) // len(sections)
    extra = (SUBHEADINGS - len(sections)) % len(sections)
    for index, section in enumerate(sections):
        plan.append((levels[index], section))
        for sub in range(per_section + (1 if index < extra else 0)):
            plan.append((2 if sub % 3 != 2 else 3, f"{section}: Teil {sub + 1}"))
    paragraphs_per_heading = 3
    budget = words - TABLES * 45 - FIGURES * 12 - 100  # table cells, image lines and note marks count as words too
    per_paragraph = max(20, budget // (len(plan) * paragraphs_per_heading + len(plan) * paragraphs_per_heading // NOTES_EVERY))
    notes: list[str] = []
    tables = figures = count = 0
    for number, (level, title) in enumerate(plan):
        document.add_heading(title, level=level)
        for _ in range(paragraphs_per_heading):
            text = _words(prose, rng, per_paragraph)
            paragraph = document.add_paragraph(text)
            count += 1
            if count % NOTES_EVERY == 0:
                notes.append(_words(prose, rng, per_paragraph))
                footnote_reference(paragraph, len(notes))
        if tables < TABLES and number % (len(plan) // TABLES) == 1:
            tables += 1
            table = document.add_table(rows=4, cols=3)
            for r in range(4):
                for c in range(3):
                    table.cell(r, c).text = ("Bereich", "Stand", "Nächster Schritt")[c] if r == 0 else f"{_words(prose, rng, 3)} {tables}.{r}.{c}"
        if figures < FIGURES and number % (len(plan) // FIGURES) == 2:
            figures += 1
            colour = ((figures * 53) % 256, (figures * 97) % 256, (figures * 31) % 256)
            document.add_picture(io.BytesIO(png(120, 80, colour)), width=Cm(8))
            list(document.element.body.iter(qn("wp:docPr")))[-1].set("descr", f"Abbildung {figures}: Schema der Zusammenarbeit im Netzwerk")
    add_footnotes(document, notes)
    return document


def _words(prose: Prose, rng: random.Random, count: int) -> str:
    text = ""
    while len(text.split()) < count:
        text += prose.sentence(rng) + " "
    # Escape nothing: the chain's text is plain; cut at the count to keep the total predictable.
    return " ".join(text.split()[:count]).replace("&", "und").replace("<", "").rstrip(",;:") + "."


GIVEN = {
    "type": "projektarbeit",
    "topics": "verstetigung",
    "tags": "Anschlussfinanzierung, Fördermittel",
    "description": "Eine lange Projektarbeit zum Messen des Imports.",
    "authors": "Projektgruppe Verstetigung",
}


def site_copy(repo: Path, folder: Path) -> Path:
    for part in SITE_PARTS:
        source = repo / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / part)
    (folder / "projects").mkdir()
    for data in (repo / "projects").glob("_*.yml"):
        shutil.copy2(data, folder / "projects" / data.name)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mediathek_bench.word", description="Import einer langen Projektarbeit aus Word messen")
    parser.add_argument("--words", type=int, default=15_000)
    parser.add_argument("--build", action="store_true", help="die Kopie der Website auch bauen und die Seite zählen")
    parser.add_argument("--keep", action="store_true", help="den temporären Ordner behalten")
    args = parser.parse_args(argv)
    from mediathek.__main__ import main as cli
    from mediathek.authoring.word import importer

    repo = find_repo_root()
    here = os.getcwd()
    folder = Path(tempfile.mkdtemp(prefix="mediathek-word-bench-"))
    try:
        root = site_copy(repo, folder)
        model = load_content_model(root / "projects", root)
        path = folder / "projektarbeit.docx"
        long_paper(model, root / "projects", args.words).save(str(path))
        started = time.perf_counter()
        result = importer.prepare(path, GIVEN, model, root / "projects", dt.date.today(), None)
        written = importer.write(root, result)
        seconds = time.perf_counter() - started
        text = written.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1]
        print(f"Datei: {path.stat().st_size / 1024:.0f} KB; Wörter im Text: {len(body.split()):,}".replace(",", "."))
        headings = len(HEADING.findall(body))
        tables = len(TABLE_RULE.findall(body))
        notes = len(FOOTNOTE.findall(body))
        print(f"Überschriften: {headings}, Tabellen: {tables}, Bilder: {len(result.converted.images)}, Fußnoten: {notes}")
        print(f"Import (Prüfen der Datei, Umwandeln, Schreiben): {seconds:.2f} s")
        started = time.perf_counter()
        problems = pipeline.check(root).problems
        print(f"Danach die Prüfung wie make check: {time.perf_counter() - started:.2f} s, {len(problems)} Probleme")
        if args.build:
            os.chdir(root)
            started = time.perf_counter()
            code = cli(["build"])
            print(f"Bau der Website mit dem Eintrag: {time.perf_counter() - started:.1f} s (Rückgabe {code})")
            page = (root / "site" / "mediathek" / written.parent.name / "index.html").read_text(encoding="utf-8")
            tables, images, notes = page.count("<table"), len(ALT_FIGURE.findall(page)), page.count('class="footnote-ref"')
            print(f"Seite: {tables} Tabellen, {images} Bilder mit Alternativtext, {notes} Fußnotenverweise")
        if args.keep:
            print(f"Behalten: {folder}")
        return 0
    finally:
        os.chdir(here)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
