"""Measure how much of the producer fixtures (tests/fixtures/word) three converters carry over.

Not part of `make test`: mammoth and pypandoc-binary are not dependencies of the project. Run in a
scratch environment (README of tests/fixtures/word):

    python3 -m venv /tmp/fidelity && /tmp/fidelity/bin/pip install -r requirements.txt mammoth pypandoc-binary
    PYTHONPATH=scripts /tmp/fidelity/bin/python tools/word_fidelity.py

Counts, per document and converter, the items of tests/fixtures/word/quelle.md found in the
Markdown: headings with their relative level, paragraphs and list items, table cells inside a
table, footnote texts as footnotes, images with their alt text, links.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "word"
HEADINGS = (("Ausgangslage", 0), ("Was die Befragung zeigte", 1), ("Vorgehen", 0), ("Was funktioniert hat", 0))
PARAGRAPHS = (
    "Ein regionales Netzwerk trifft sich zweimal im Jahr.",
    "Die Koordination wollte wissen, woran das liegt",
    "Die Termine lagen oft in den Ferien.",
    "Die Einladung kam zu spät",
    "für Schulen vier Wochen vorher",
    "für Betriebe zwei Wochen vorher",
    "Termine mit allen Gruppen abstimmen.",
    "Einladungen acht Wochen vorher verschicken.",
    "Eine Kurzfassung der Ergebnisse an alle senden.",
    "Mehr zur Planung steht im",
    "Die frühe Einladung hat am meisten bewirkt.",
)
CELLS = ("Gruppe", "Vorher", "Nachher", "Schulen", "3", "7", "Betriebe", "2", "5")
FOOTNOTES = ("Gezählt wurden die Teilnahmelisten der letzten drei Treffen.", "So die Rückmeldungen nach dem ersten Treffen mit dem neuen Vorgehen.")
ALT = "Eine Karte des Netzwerks mit den beteiligten Gruppen"
LINK = "https://example.org/leitfaden"


def score(markdown: str) -> dict[str, tuple[int, int]]:
    text = markdown.replace("\\", "")
    levels = {}
    for line in text.splitlines():
        match = re.match(r"^(#+)\s+(.*?)\s*$", line)
        if match:
            levels[match.group(2).strip("*")] = len(match.group(1))
    top = min(levels.values(), default=0)
    headings = sum(1 for name, depth in HEADINGS if levels.get(name) == top + depth)
    paragraphs = sum(1 for p in PARAGRAPHS if p in " ".join(text.split()))
    table_lines = [line for line in text.splitlines() if line.lstrip().startswith("|")]
    cells = {c.strip() for line in table_lines for c in line.strip().strip("|").split("|")}
    found_cells = sum(1 for c in CELLS if c in cells)
    notes = [line for line in text.splitlines() if re.match(r"^\[\^[^\]]+\]:", line) or "footnote" in line]
    footnotes = sum(1 for f in FOOTNOTES if any(f in line for line in notes))
    images = 1 if re.search(r"!\[" + re.escape(ALT) + r"\]\(", text) else 0
    links = 1 if f"]({LINK})" in text else 0
    return {
        "Überschriften": (headings, len(HEADINGS)),
        "Absätze": (paragraphs, len(PARAGRAPHS)),
        "Tabellenzellen": (found_cells, len(CELLS)),
        "Fußnoten": (footnotes, len(FOOTNOTES)),
        "Bilder mit Alt": (images, 1),
        "Links": (links, 1),
    }


def ours(path: Path) -> str:
    from mediathek.authoring.word import convert, safety

    checked = safety.open_checked(path, 20 * 1_048_576)
    return convert.convert(checked.document, frozenset(), 20 * 1_048_576).markdown


def mammoth_md(path: Path) -> str:
    import mammoth

    with path.open("rb") as handle:
        return str(mammoth.convert_to_markdown(handle).value)


def pandoc_md(path: Path) -> str:
    import pypandoc

    with tempfile.TemporaryDirectory() as media:
        arguments = [f"--extract-media={media}", "--wrap=none"]
        return str(pypandoc.convert_file(str(path), "markdown-simple_tables-multiline_tables-grid_tables", extra_args=arguments))


def main() -> int:
    sys.path.insert(0, str(FIXTURES.parent.parent))  # tests/word_docs.py makes the python-docx document
    import word_docs

    scratch = Path(tempfile.mkdtemp())
    documents = [FIXTURES / "pandoc.docx", FIXTURES / "libreoffice.docx", word_docs.save(word_docs.quelle(), scratch / "python-docx.docx")]
    totals: dict[str, list[int]] = {}
    for document in documents:
        for name, run in (("eigener Weg (python-docx)", ours), ("mammoth", mammoth_md), ("pandoc", pandoc_md)):
            result = score(run(document))
            got = sum(found for found, _ in result.values())
            want = sum(total for _, total in result.values())
            totals.setdefault(name, [0, 0])
            totals[name][0] += got
            totals[name][1] += want
            detail = ", ".join(f"{key} {found}/{total}" for key, (found, total) in result.items())
            print(f"{document.name:18} {name:26} {got}/{want}: {detail}")
    for name, (got, want) in totals.items():
        print(f"gesamt {name:26} {got}/{want}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
