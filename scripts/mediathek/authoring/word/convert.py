"""A Word document as the Markdown body of an entry: own walk over the document XML (python-docx's parser).

Carried over: headings (their hierarchy, the top level becoming `##`), paragraphs, bold and italic,
line breaks, bulleted and numbered lists (nested), tables (pipe tables, merged cells repeated empty),
links (http, https, mailto), footnotes and endnotes (Markdown footnotes), images (PNG, JPEG, WebP:
extracted, with the Word alt text) and the text of text boxes (as paragraphs of their own).

Everything else is a Finding with the place it was found, so nothing is dropped silently:
tracked changes and comments (blocking: the import refuses until they are accepted or deleted),
embedded objects, charts and SmartArt, formulas, linked (external) images, which are never fetched,
images in other formats, too large or without alt text, symbols, headers and footers, and, said
once, fonts, colours and the like. Hints of the template left standing are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement as Element

from ...content.german import file_size
from .safety import Refused
from .template import HEADER

MAX_HEADING = 6
SAFE_LINK = re.compile(r"^(https?://|mailto:)[^\s<>\"]+$", re.IGNORECASE)
IMAGE_KINDS = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
BLOCKING = frozenset(
    qn(tag)
    for tag in ("w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rPrChange", "w:pPrChange", "w:sectPrChange", "w:tblPrChange",
                "w:trPrChange", "w:tcPrChange", "w:tblGridChange", "w:numberingChange", "w:cellIns", "w:cellDel", "w:cellMerge")
)
COMMENT_TAGS = frozenset(qn(tag) for tag in ("w:commentRangeStart", "w:commentReference"))
FORMATTING = {
    qn("w:rFonts"): "Schriftarten",
    qn("w:color"): "Schriftfarben",
    qn("w:sz"): "Schriftgrößen",
    qn("w:highlight"): "Hervorhebungsfarben",
    qn("w:shd"): "Schattierungen",
    qn("w:u"): "Unterstreichungen",
    qn("w:strike"): "Durchstreichungen",
    qn("w:caps"): "Großbuchstaben-Formate",
    qn("w:vertAlign"): "Hoch- und Tiefstellungen",
}
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
VML = "urn:schemas-microsoft-com:vml"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
LIST_STYLE = re.compile(r"^(?:list (bullet|number)|(aufzählungszeichen|listennummer))\s*(\d)?$", re.IGNORECASE)
META_STYLES = frozenset({"author", "date", "autor", "datum"})  # pandoc's paragraphs for the title block
SPECIALS = re.compile(r"([\\`*_{}\[\]])")


@dataclass(frozen=True)
class Finding:
    where: str
    message: str
    blocking: bool = False  # the import is refused while it is there

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


INTERNAL_LINKS = Finding("", "Verweise innerhalb des Dokuments (etwa auf eine Überschrift) stehen als Text ohne Link da.")


@dataclass(frozen=True)
class Image:
    name: str  # file name in the entry folder
    data: bytes
    alt: str


@dataclass(frozen=True)
class Converted:
    markdown: str
    images: tuple[Image, ...]
    findings: tuple[Finding, ...]
    title: str  # a paragraph in Word's „Titel“ style, else ""
    table: tuple[tuple[str, ...], ...] | None  # the metadata table, if the document starts with one
    paragraphs: int  # paragraphs with text, headings and table cells included: 0 means an empty document


@dataclass
class _State:
    """What one conversion collects while it walks; made fresh for each document."""

    document: Document
    hints: frozenset[str]
    max_image_bytes: int
    images: list[Image] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    formatting: set[str] = field(default_factory=set)
    notes: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, id) -> number, in order of reference
    heading: str = ""
    paragraph: int = 0
    where_override: str = ""
    extra_blocks: list[str] = field(default_factory=list)  # text boxes, after the paragraph holding them
    numbering: dict[tuple[str, str], bool] = field(default_factory=dict)  # (numId, ilvl) -> ordered
    counted: int = 0

    def where(self) -> str:
        if self.where_override:
            return self.where_override
        place = f"unter „{self.heading}“" if self.heading else "am Anfang"
        return f"{place}, Absatz {self.paragraph}" if self.paragraph else place

    def find(self, message: str, *, blocking: bool = False) -> None:
        self.findings.append(Finding(self.where(), message, blocking))


def escape(text: str) -> str:
    return SPECIALS.sub(r"\\\1", text).replace("<", "&lt;")


def convert(document: Document, hints: frozenset[str], max_image_bytes: int) -> Converted:
    """The Markdown body, images and findings of a document (pure: nothing is written)."""
    state = _State(document, hints, max_image_bytes)
    state.numbering = _numbering(document)
    body = document.element.body
    children = list(_block_elements(body, state))
    table = None
    if children and children[0].tag == qn("w:tbl") and _is_metadata_table(children[0]):
        table = _table_texts(children.pop(0))
    blocks: list[tuple[str, str]] = []  # (kind, markdown); kind: p, h, li, table, title
    title = ""
    for element in children:
        if element.tag == qn("w:p"):
            kind, text = _paragraph(element, state)
            if kind == "title":
                title = title or text
            elif text:
                blocks.append((kind, text))
            blocks.extend(("p", extra) for extra in state.extra_blocks)
            state.extra_blocks.clear()
        elif element.tag == qn("w:tbl"):
            blocks.append(("table", _table(element, state)))
    notes = _notes(state)
    _headers_and_footers(state)
    if state.formatting:
        kinds = ", ".join(sorted(state.formatting))
        state.findings.append(Finding("", f"Nicht übernommen (gilt für das ganze Dokument): {kinds}. Das Aussehen bestimmt die Website."))
    markdown = _join(_levelled(blocks, state)) + notes
    return Converted(markdown.strip("\n"), tuple(state.images), tuple(state.findings), title, table, state.counted)


def _block_elements(container: Element, state: _State) -> Iterator[Element]:
    """Paragraphs and tables in order, through content controls and custom XML (a Word table of contents is dropped)."""
    for child in container:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            gallery = child.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
            if gallery is not None and "Table of Contents" in (gallery.get(qn("w:val")) or ""):
                state.findings.append(Finding("", "Das Inhaltsverzeichnis ist nicht übernommen: Die Website zeigt ihr eigenes."))
                continue
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _block_elements(content, state)
        elif child.tag in BLOCKING:
            state.findings.append(Finding("", "Nachverfolgte Änderung an Absätzen oder Tabellen. Nehmen Sie alle Änderungen an.", blocking=True))
            yield from _block_elements(child, state)


def _is_metadata_table(table: Element) -> bool:
    rows = _table_texts(table)
    return bool(rows) and bool(rows[0]) and rows[0][0] == HEADER[0]


def _table_texts(table: Element) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.iter(qn("w:tr")):
        rows.append(tuple(" ".join("".join(t.text or "" for t in cell.iter(qn("w:t"))).split()) for cell in row.findall(qn("w:tc"))))
    return tuple(rows)


def _numbering(document: Document) -> dict[tuple[str, str], bool]:
    """(numId, level) -> whether the list is numbered (else bulleted), from the numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for item in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for level in item.findall(qn("w:lvl")):
            fmt = level.find(qn("w:numFmt"))
            levels[level.get(qn("w:ilvl")) or "0"] = (fmt.get(qn("w:val")) if fmt is not None else "bullet") not in ("bullet", "none")
        abstract[item.get(qn("w:abstractNumId"))] = levels
    found = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        levels = abstract.get(ref.get(qn("w:val")) if ref is not None else None, {})
        for level, ordered in levels.items():
            found[(num.get(qn("w:numId")) or "", level)] = ordered
    return found


# --- paragraphs --------------------------------------------------------------------------------------


def _style_name(element: Element, state: _State) -> str:
    style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style is None:
        return ""
    try:
        return str(state.document.styles.get_by_id(style.get(qn("w:val")), WD_STYLE_TYPE.PARAGRAPH).name or "")
    except (KeyError, ValueError):
        return ""


def _heading_level(element: Element, name: str) -> int | None:
    match = re.match(r"^(?:heading|überschrift)\s*(\d)$", name, re.IGNORECASE)
    if match:
        return int(match.group(1))
    outline = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None and (outline.get(qn("w:val")) or "9").isdigit() and int(outline.get(qn("w:val")) or 9) < 9:
        return int(outline.get(qn("w:val")) or 0) + 1
    return None


def _paragraph(element: Element, state: _State) -> tuple[str, str]:
    name = _style_name(element, state)
    level = _heading_level(element, name)
    if level is None:
        state.paragraph += 1
    text = _inline(element, state).strip()
    plain = " ".join("".join(t.text or "" for t in element.iter(qn("w:t"))).split())
    if plain in state.hints and not (level or name.lower() == "title"):
        return "p", ""  # a template hint left standing
    if not text:
        if level is None:
            state.paragraph -= 1
        return "p", ""
    state.counted += 1
    if name.lower() in ("title", "titel"):
        return "title", plain
    if name.lower() in META_STYLES:
        state.find(f"„{plain[:80]}“ (Absatz im Stil „{name}“) ist eine Angabe über das Dokument und steht nicht im Text; die Angaben oben in index.md gelten.")
        return "p", ""
    if level is not None:
        state.heading, state.paragraph = plain, 0
        return f"h{level}", text.replace("<br>", " ").rstrip("#").rstrip()
    if name.lower() in ("subtitle", "untertitel"):
        return "p", f"*{text}*"
    numbering = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if numbering is not None:
        num_id = numbering.find(qn("w:numId"))
        ilvl = numbering.find(qn("w:ilvl"))
        num = num_id.get(qn("w:val")) if num_id is not None else "0"
        depth = ilvl.get(qn("w:val")) if ilvl is not None else "0"
        if num and num != "0":
            ordered = state.numbering.get((num, depth or "0"), False)
            return "li", "    " * min(int(depth or 0), 5) + ("1. " if ordered else "- ") + text
    listed = LIST_STYLE.match(name)
    if listed:
        depth = int(listed.group(3) or 1) - 1
        bullet = (listed.group(1) or listed.group(2)).lower() in ("bullet", "aufzählungszeichen")
        return "li", "    " * min(depth, 5) + ("- " if bullet else "1. ") + text
    if name.lower() in ("quote", "intense quote", "zitat"):
        return "p", "> " + text
    return "p", _block_start(text)


def _block_start(text: str) -> str:
    """Escape what Markdown would read as a heading, list, quote or code at the start of a paragraph."""
    if re.match(r"^(#|>|[-+] |\d+[.)] |={3,}|-{3,}|~{3,})", text):
        return "\\" + text if not text[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def _inline(element: Element, state: _State) -> str:
    """The Markdown of a paragraph's content: runs grouped by emphasis, links, notes, images."""
    pieces: list[tuple[tuple[bool, bool], str]] = []  # ((bold, italic), markdown) — emphasis applied when joined
    _walk_inline(element, state, pieces, in_field=[False])
    return _emphasised(pieces)


def _walk_inline(element: Element, state: _State, pieces: list[tuple[tuple[bool, bool], str]], in_field: list[bool]) -> None:
    for child in element:
        tag = child.tag
        if tag in BLOCKING:
            state.find("Nachverfolgte Änderung. Nehmen Sie alle Änderungen an oder lehnen Sie sie ab (Menü „Überprüfen“).", blocking=True)
            if tag in (qn("w:ins"), qn("w:moveTo")):
                _walk_inline(child, state, pieces, in_field)
            continue
        if tag in COMMENT_TAGS:
            state.find("Kommentar. Löschen Sie alle Kommentare (Menü „Überprüfen“ → „Löschen“).", blocking=True)
            continue
        if tag == qn("w:r"):
            _run(child, state, pieces, in_field)
        elif tag == qn("w:hyperlink"):
            inner: list[tuple[tuple[bool, bool], str]] = []
            _walk_inline(child, state, inner, in_field)
            text = _emphasised(inner)
            target = _link_target(child, state)
            if target and SAFE_LINK.match(target) and text.strip():
                pieces.append(((False, False), f"[{text}]({target.replace(')', '%29').replace('(', '%28')})"))
            else:
                if target and not child.get(qn("w:anchor")):
                    state.find(f"Link „{target[:80]}“ nicht übernommen (nur http, https und mailto); der Text steht ohne Link da.")
                elif child.get(qn("w:anchor")) and INTERNAL_LINKS not in state.findings:
                    state.findings.append(INTERNAL_LINKS)
                pieces.append(((False, False), text))
        elif tag == qn("w:fldSimple") or tag in (qn("w:smartTag"), qn("w:customXml"), qn("w:sdt"), qn("w:sdtContent"), qn("w:bdo"), qn("w:dir")):
            _walk_inline(child, state, pieces, in_field)
        elif tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            if choice is not None:
                _walk_inline(choice, state, pieces, in_field)
        elif tag in (f"{{{MATH}}}oMath", f"{{{MATH}}}oMathPara"):
            state.find("Formel nicht übernommen. Schreiben Sie sie als Text oder fügen Sie sie als Bild mit Alternativtext ein.")


def _link_target(element: Element, state: _State) -> str:
    rid = element.get(qn("r:id"))
    if not rid:
        return ""
    rel = state.document.part.rels.get(rid)
    return str(rel.target_ref) if rel is not None and rel.is_external else ""


def _run(run: Element, state: _State, pieces: list[tuple[tuple[bool, bool], str]], in_field: list[bool]) -> None:
    properties = run.find(qn("w:rPr"))
    bold = italic = False
    if properties is not None:
        bold = _on(properties.find(qn("w:b")))
        italic = _on(properties.find(qn("w:i")))
        state.formatting.update(FORMATTING[p.tag] for p in properties if p.tag in FORMATTING)
        if properties.find(qn("w:rStyle")) is not None:
            style = properties.find(qn("w:rStyle")).get(qn("w:val")) or ""
            italic = italic or style.lower() in ("emphasis", "hervorhebung")
            bold = bold or style.lower() in ("strong", "fett", "strongemphasis")
    _run_children(run, (bold, italic), state, pieces, in_field)


def _run_children(
    run: Element, kind: tuple[bool, bool], state: _State, pieces: list[tuple[tuple[bool, bool], str]], in_field: list[bool]
) -> None:
    for child in run:
        tag = child.tag
        if tag == qn("w:fldChar"):
            fld_type = child.get(qn("w:fldCharType"))
            in_field[0] = fld_type == "begin"  # instruction text until "separate"; the result is shown
        elif tag == qn("w:instrText") or in_field[0]:
            continue
        elif tag == qn("w:t"):
            pieces.append((kind, escape(child.text or "")))
        elif tag in (qn("w:tab"), qn("w:ptab")):
            pieces.append((kind, " "))
        elif tag in (qn("w:br"), qn("w:cr")):
            if child.get(qn("w:type")) not in ("page", "column"):
                pieces.append((kind, "<br>"))
        elif tag == qn("w:noBreakHyphen"):
            pieces.append((kind, "-"))
        elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
            note_kind = "footnote" if tag == qn("w:footnoteReference") else "endnote"
            key = (note_kind, child.get(qn("w:id")) or "")
            number = state.notes.setdefault(key, len(state.notes) + 1)
            pieces.append(((False, False), f"[^{number}]"))
        elif tag == qn("w:sym"):
            state.find(f"Sonderzeichen aus der Schrift „{child.get(qn('w:font')) or '?'}“ nicht übernommen. Setzen Sie ein normales Zeichen ein.")
        elif tag == qn("w:drawing"):
            pieces.append(((False, False), _drawing(child, state)))
        elif tag == qn("w:pict"):
            pieces.append(((False, False), _vml(child, state)))
        elif tag == qn("w:object"):
            state.find(
                "Eingebettetes Objekt (etwa eine Excel-Tabelle oder ein Diagramm) nicht übernommen. "
                "Fügen Sie es als Bild mit Alternativtext oder als Tabelle ein."
            )
        elif tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            if choice is not None:
                _run_children(choice, kind, state, pieces, in_field)
        elif tag == qn("w:delText"):
            continue


def _on(element: Element | None) -> bool:
    return element is not None and (element.get(qn("w:val")) or "true") not in ("0", "false", "none")


def _emphasised(pieces: list[tuple[tuple[bool, bool], str]]) -> str:
    out = []
    index = 0
    while index < len(pieces):
        kind = pieces[index][0]
        text = ""
        while index < len(pieces) and pieces[index][0] == kind:
            text += pieces[index][1]
            index += 1
        if kind == (False, False) or not text.strip():
            out.append(text)
            continue
        mark = {(True, False): "**", (False, True): "*", (True, True): "***"}[kind]
        core = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        out.append(f"{lead}{mark}{core}{mark}{trail}")
    return re.sub(r"[ \t]+", " ", "".join(out))


# --- images, text boxes, objects -----------------------------------------------------------------------


def _drawing(drawing: Element, state: _State) -> str:
    parts = []
    for holder in drawing:  # wp:inline or wp:anchor
        properties = holder.find(f"{{{WP}}}docPr")
        alt = " ".join(((properties.get("descr") or "") if properties is not None else "").split())
        graphic = holder.find(f"{{{A}}}graphic/{{{A}}}graphicData")
        uri = graphic.get("uri", "") if graphic is not None else ""
        if uri.endswith("/chart") or uri.endswith("/diagram") or "chart" in uri:
            state.find("Diagramm oder SmartArt nicht übernommen. Fügen Sie es als Bild mit Alternativtext ein.")
            continue
        for box in holder.iter(qn("w:txbxContent")):
            _text_box(box, state)
        for blip in holder.iter(f"{{{A}}}blip"):
            parts.append(_image(blip.get(f"{{{R}}}embed"), blip.get(f"{{{R}}}link"), alt, state))
    return "".join(parts)


def _vml(pict: Element, state: _State) -> str:
    parts = []
    for box in pict.iter(qn("w:txbxContent")):
        _text_box(box, state)
    for data in pict.iter(f"{{{VML}}}imagedata"):
        shape = data.getparent()
        alt = " ".join((shape.get("alt") or "").split()) if shape is not None else ""
        external = data.get("{urn:schemas-microsoft-com:office:office}href")
        parts.append(_image(data.get(f"{{{R}}}id"), None if data.get(f"{{{R}}}id") else external, alt, state))
    return "".join(parts)


def _text_box(box: Element, state: _State) -> None:
    texts = [_inline(p, state).strip() for p in box.iter(qn("w:p"))]
    text = " ".join(t for t in texts if t)
    if text:
        state.extra_blocks.append(_block_start(text))
        state.find("Textfeld: Sein Text steht jetzt als eigener Absatz hinter dem Absatz, in dem es verankert war. Prüfen Sie die Stelle.")


def _image(embed: str | None, link: str | None, alt: str, state: _State) -> str:
    number = len(state.images) + 1
    rels = state.document.part.rels
    if embed and embed in rels and rels[embed].is_external:
        embed, link = None, embed
    if not embed:
        target = rels[link].target_ref if link and link in rels else link
        state.find(f"Verknüpftes Bild „{(target or '?')[:80]}“ nicht übernommen: Bilder von anderen Orten werden nicht geladen. Fügen Sie das Bild selbst ein.")
        return ""
    try:
        part = state.document.part.related_parts[embed]
    except KeyError:
        state.find("Bild ohne Bilddaten nicht übernommen.")
        return ""
    data = part.blob
    extension = next((ext for magic, ext in IMAGE_KINDS if data.startswith(magic)), None)
    if extension is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        extension = "webp"
    if extension is None:
        state.find(f"Bild im Format „{part.content_type}“ nicht übernommen. Erlaubt sind PNG, JPG und WebP: Fügen Sie es in einem dieser Formate ein.")
        return ""
    if len(data) > state.max_image_bytes:
        state.find(
            f"Bild mit {file_size(len(data))} nicht übernommen, erlaubt sind höchstens {file_size(state.max_image_bytes)}. "
            "Verkleinern Sie es."
        )
        return ""
    name = f"bild-{number:02d}.{extension}"
    state.images.append(Image(name, data, alt))
    if not alt:
        state.find(f"Bild {name} hat keinen Alternativtext. Ergänzen Sie ihn in Word (Rechtsklick → „Alternativtext bearbeiten“) oder in index.md.")
    return f"![{escape(alt)}]({name})"


# --- tables ------------------------------------------------------------------------------------------------


def _table(table: Element, state: _State) -> str:
    rows: list[list[str]] = []
    saved = state.where_override
    place = saved or f"{state.where()} (Tabelle)"
    for r, row in enumerate(table.findall(qn("w:tr")), 1):
        cells: list[str] = []
        for c, cell in enumerate(row.findall(qn("w:tc")), 1):
            state.where_override = f"{place}, Zeile {r}, Spalte {c}"
            span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            merged = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            texts = []
            for paragraph in cell.iter(qn("w:p")):
                if paragraph.getparent() is not cell and paragraph.getparent().tag != qn("w:sdtContent"):
                    continue
                text = _inline(paragraph, state).strip()
                if text:
                    texts.append(text)
                    state.counted += 1
                texts += state.extra_blocks  # a text box's text stays in its cell
                state.extra_blocks.clear()
            if cell.find(f".//{qn('w:tbl')}") is not None:
                state.find("Tabelle in einer Tabelle: nur ihr Text ist übernommen, ohne Zeilen und Spalten.")
                texts = [" ".join(t.text or "" for t in cell.iter(qn("w:t")))]
            content = "" if merged is not None and merged.get(qn("w:val")) != "restart" else "<br>".join(texts)
            cells.append(content.replace("|", "\\|"))
            width = int(span.get(qn("w:val")) or 1) if span is not None and (span.get(qn("w:val")) or "").isdigit() else 1
            cells.extend([""] * (min(width, 50) - 1))
        rows.append(cells)
    state.where_override = saved
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


# --- notes, headers, levels ------------------------------------------------------------------------------


def _notes(state: _State) -> str:
    """The footnotes and endnotes referenced in the text, as Markdown footnotes in order of reference."""
    if not state.notes:
        return ""
    bodies: dict[tuple[str, str], str] = {}
    for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
        for rel in state.document.part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            try:
                root = parse_xml(rel.target_part.blob)
            except SyntaxError:  # lxml's XMLSyntaxError: broken or too deeply nested XML
                raise Refused(["Die Fußnoten der Datei lassen sich nicht lesen (fehlerhaftes XML). Speichern Sie das Dokument neu als .docx."]) from None
            for note in root.findall(qn(f"w:{kind}")):
                note_id = note.get(qn("w:id")) or ""
                if (kind, note_id) not in state.notes:
                    continue
                state.where_override = f"Fußnote {state.notes[(kind, note_id)]}"
                paragraphs = [_inline(p, state).strip() for p in note.iter(qn("w:p"))]
                bodies[(kind, note_id)] = "\n\n    ".join(p for p in paragraphs if p)
                state.counted += 1
    state.where_override = ""
    lines = []
    for key, number in sorted(state.notes.items(), key=lambda item: item[1]):
        text = bodies.get(key, "")
        if not text:
            state.findings.append(Finding(f"Fußnote {number}", "Die Fußnote ist leer oder fehlt in der Datei."))
        lines.append(f"[^{number}]: {text}")
    return "\n\n" + "\n".join(lines) + "\n"


def _headers_and_footers(state: _State) -> None:
    for section in state.document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            if any(p.text.strip() for p in part.paragraphs):
                state.findings.append(Finding("", "Kopf- und Fußzeilen nicht übernommen (die Website hat ihre eigenen)."))
                return


def _levelled(blocks: list[tuple[str, str]], state: _State) -> list[tuple[str, str]]:
    """Headings shifted so the document's top level becomes `##` (the page title is the only `#`)."""
    levels = [int(kind[1:]) for kind, _ in blocks if kind.startswith("h")]
    if not levels:
        return blocks
    shift = 2 - min(levels)
    out = []
    cut = False
    for kind, text in blocks:
        if kind.startswith("h"):
            level = int(kind[1:]) + shift
            cut = cut or level > MAX_HEADING
            out.append(("h", "#" * min(level, MAX_HEADING) + " " + text))
        else:
            out.append((kind, text))
    if cut:
        state.findings.append(Finding("", "Überschriften unterhalb der fünften Ebene stehen jetzt auf der fünften."))
    return out


def _join(blocks: list[tuple[str, str]]) -> str:
    out: list[str] = []
    previous = ""
    for kind, text in blocks:
        if not text:
            continue
        if out:
            out.append("\n" if kind == "li" and previous == "li" else "\n\n")
        out.append(text)
        previous = kind
    return "".join(out) + "\n"
