"""`make import`: Word documents from three producers and filled-in templates become entries that pass the check,
with every paragraph, table cell and footnote of the source; what is not carried over is reported."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
import word_docs
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from conftest import FIXTURE_SITE_NAME, REPO
from mediathek.__main__ import main
from mediathek.authoring.word import convert, importer, safety, template
from mediathek.content.contentmodel import load_content_model
from mediathek.pages import pipeline
from mediathek.site import stage
from mediathek.site.build import Build

TODAY = dt.date(2026, 11, 26)
EXAMPLE = {
    "type": "praxisbeispiel",
    "topics": "verstetigung",
    "tags": "Ehrenamt",
    "description": "Wie ein Netzwerk seine Treffen für alle öffnet.",
    "bundesland": "Bremen",
    "organisation": "Verein",
    "network": "Regionales MINT-Netzwerk",
}
W_P, W_T = qn("w:p"), qn("w:t")
VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def producers(tmp_path: Path) -> dict[str, Path]:
    return {
        "pandoc": word_docs.FIXTURES / "pandoc.docx",
        "libreoffice": word_docs.FIXTURES / "libreoffice.docx",
        "python-docx": word_docs.save(word_docs.quelle(), tmp_path / "python-docx.docx"),
    }


def source_texts(path: Path) -> tuple[dict[str, list[str]], list[str]]:
    """Each paragraph's text by its style (tables' cells included), and the footnotes' texts, read from the XML itself."""
    with zipfile.ZipFile(path) as archive:
        body = parse_xml(archive.read("word/document.xml"))
        notes = parse_xml(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in archive.namelist() else None
    styles = docx.Document(str(path)).styles
    by_style: dict[str, list[str]] = {}
    for paragraph in body.iter(W_P):
        text = " ".join("".join(t.text or "" for t in paragraph.iter(W_T)).split())
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = styles.get_by_id(style.get(qn("w:val")), 1).name if style is not None else "Normal"
        if text:
            by_style.setdefault(str(name), []).append(text)
    footnotes = []
    if notes is not None:
        for note in notes.findall(qn("w:footnote")):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                continue
            text = " ".join("".join(t.text or "" for t in note.iter(W_T)).split())
            if text:
                footnotes.append(text)
    return by_style, footnotes


def plain(markdown: str) -> str:
    """The Markdown as text: links, emphasis, escapes and line breaks removed."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = text.replace("<br>", " ").replace("**", "").replace("\\", "")
    text = re.sub(r"(?<!\w)\*(\S[^*]*?)\*", r"\1", text)
    return " ".join(text.split())


def imported(repo, path: Path, **given: str) -> importer.Imported:
    model = load_content_model(repo.projects, repo.root)
    result = importer.prepare(path, {**EXAMPLE, **given}, model, repo.projects, TODAY, None)
    importer.write(repo.root, result)
    return result


@pytest.mark.parametrize("producer", ["pandoc", "libreoffice", "python-docx"])
def test_every_paragraph_cell_and_footnote_of_each_producer_arrives(repo, tmp_path, producer):
    path = producers(tmp_path)[producer]
    result = imported(repo, path)
    text = (repo.projects / result.draft.slug / "index.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    by_style, footnotes = source_texts(path)
    flat = plain(body)
    for style, texts in by_style.items():
        for source in texts:
            if style == "Title":
                assert f'title: "{source}"' in text
            elif style in ("Author", "Date"):
                assert any(source in str(f) for f in result.converted.findings), f"{style} paragraph dropped without a word"
            else:
                assert plain(source) in flat, f"{producer}: „{source}“ ({style}) is missing"
    assert footnotes and len(footnotes) == len(word_docs.FOOTNOTES)
    for number, note in enumerate(footnotes, 1):
        assert f"[^{number}]: {note}" in body
        assert f"[^{number}]" in body.split("\n[^1]:")[0]
    assert re.search(r"^\| Schulen \| 3 \| 7 \|$", body, re.MULTILINE)
    assert f"![{word_docs.ALT}](bild-01.png)" in body
    assert (repo.projects / result.draft.slug / "bild-01.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert re.search(r"^## Ausgangslage$", body, re.MULTILINE) and re.search(r"^### Was die Befragung zeigte$", body, re.MULTILINE)
    assert "    - für Schulen vier Wochen vorher," in body
    assert "[Leitfaden der Wissenssammlung](https://example.org/leitfaden)" in body
    assert "**immer dieselben**" in body and "*seit Jahren*" in body
    assert pipeline.check(repo.root).problems == []


def filled_template(model, entry_type: str, path: Path) -> Path:
    """What an author does with a template: the table filled in, a sentence under every heading."""
    path.write_bytes(template.build(model, entry_type, FIXTURE_SITE_NAME))
    document = docx.Document(str(path))
    answers = {
        "title": f"Ein Beitrag der Art {entry_type}",
        "description": "Eine kurze Beschreibung.",
        "topics": "verstetigung",
        "tags": "Ehrenamt, Fördermittel",
        "authors": "Projektgruppe Verstetigung" if entry_type == "projektarbeit" else "Redaktion der Wissenssammlung",
        "bundesland": "Bremen",
        "organisation": "Verein",
        "network": "Regionales MINT-Netzwerk",
    }
    for row in document.tables[0].rows[1:]:
        key = template.FIELD_KEY.search(row.cells[0].text)
        assert key is not None
        if key.group(1) in answers:
            row.cells[1].text = answers[key.group(1)]
    for heading in [p for p in document.paragraphs if p.style.name == "Heading 1"]:
        heading._p.addnext(parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>Text unter {heading.text}.</w:t></w:r></w:p>"))
    document.save(str(path))
    return path


@pytest.mark.parametrize("entry_type", ["projektarbeit", "themenbeitrag", "praxisbeispiel"])
def test_a_filled_template_of_each_type_becomes_a_valid_entry(repo, tmp_path, entry_type):
    model = load_content_model(repo.projects, repo.root)
    path = filled_template(model, entry_type, tmp_path / "vorlage.docx")
    result = imported(repo, path, type="", topics="", tags="", description="", bundesland="", organisation="", network="")
    text = (repo.projects / result.draft.slug / "index.md").read_text(encoding="utf-8")
    assert f"type: {entry_type}" in text and 'title: "Ein Beitrag der Art' in text
    for hint in template.hint_texts(model):
        assert hint not in text  # the template's hints stay behind
    for section in model.types[entry_type].sections:
        assert f"## {section}\n\nText unter {section}." in text
    assert pipeline.check(repo.root).problems == []


def test_the_template_follows_the_content_model(repo):
    model = load_content_model(repo.projects, repo.root)
    before = template.build(model, "praxisbeispiel", FIXTURE_SITE_NAME)
    assert before == template.build(model, "praxisbeispiel", FIXTURE_SITE_NAME)  # same model, same bytes: the staged file stays unchanged
    path = repo.projects / "_inhaltsmodell.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("      - Stolpersteine\n", "      - Stolpersteine\n      - Was wir anders machen würden\n", 1)
    text = text.replace("  - Verein\n", "  - Verein\n  - Genossenschaft\n", 1)
    path.write_text(text, encoding="utf-8")
    changed = load_content_model(repo.projects, repo.root)
    after = template.build(changed, "praxisbeispiel", FIXTURE_SITE_NAME)
    assert after != before
    document = docx.Document(io.BytesIO(after))
    assert "Was wir anders machen würden" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    rows = {row.cells[0].text: row.cells[2].text for row in document.tables[0].rows}
    assert "Genossenschaft" in rows["Organisation (organisation)"]
    assert [row.cells[0].text for row in document.tables[0].rows][1:] == [r.label for r in template.rows(changed, "praxisbeispiel")]


def test_the_staged_site_offers_each_types_template(valid_repo):
    repo = valid_repo
    (repo.root / "docs").mkdir()
    (repo.root / "docs" / "mitmachen.md").write_text("# Mitmachen\n\n{{ word_vorlagen }}\n", encoding="utf-8")
    staged = stage.stage(Build(repo.root, downloads=template.downloads))
    assert isinstance(staged, stage.Staged)
    model = load_content_model(repo.projects, repo.root)
    docs = repo.root / stage.DOCS_DIR
    page = (docs / "mitmachen.md").read_text(encoding="utf-8")
    guide = (docs / "autorenleitfaden.md").read_text(encoding="utf-8")
    for slug, entry_type in model.types.items():
        file = docs / "vorlagen" / f"vorlage-{slug}.docx"
        assert file.read_bytes() == template.build(model, slug, FIXTURE_SITE_NAME)
        for text in (page, guide):
            assert f"(vorlagen/vorlage-{slug}.docx)" in text and entry_type.label in text


def test_an_existing_entry_is_never_overwritten(repo, tmp_path):
    path = producers(tmp_path)["python-docx"]
    first = imported(repo, path)
    index = repo.projects / first.draft.slug / "index.md"
    before = index.read_bytes()
    model = load_content_model(repo.projects, repo.root)
    with pytest.raises(safety.Refused, match="gibt es schon"):
        importer.prepare(path, EXAMPLE, model, repo.projects, TODAY, None)
    with pytest.raises(safety.Refused, match="gibt es schon"):
        importer.write(repo.root, first)  # the folder appeared between prepare and write
    assert index.read_bytes() == before
    assert sorted(p.name for p in repo.projects.iterdir() if p.name.startswith(".")) == []


def test_what_is_not_carried_over_is_reported_with_its_place(repo, tmp_path):
    document = word_docs.quelle(footnotes=False)
    paragraph = document.add_paragraph("Farbiger Text in anderer Schrift.")
    paragraph.runs[0].font.name = "Comic Sans MS"
    paragraph.runs[0].font.color.rgb = docx.shared.RGBColor(200, 0, 0)
    word_docs.picture(document, word_docs.png(), "")
    box = parse_xml(
        f'<w:r {nsdecls("w")} {VML}><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Text im Kasten.</w:t></w:r></w:p>'
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    document.add_paragraph("Absatz mit Textfeld.")._p.append(box)
    toc = '<w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
    document.element.body.insert(0, parse_xml(f'<w:sdt {nsdecls("w")}>{toc}<w:sdtContent><w:p><w:r><w:t>Inhalt 1</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    document.add_paragraph("Absatz mit Objekt.")._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:object/></w:r>"))
    rid = document.part.relate_to("https://example.org/bild.png", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", is_external=True)
    document.add_paragraph("Absatz mit verknüpftem Bild.")._p.append(
        parse_xml(f'<w:r {nsdecls("w", "r")} {VML}><w:pict><v:shape><v:imagedata r:id="{rid}"/></v:shape></w:pict></w:r>')
    )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Kopf"
    table.cell(1, 0).paragraphs[0]._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings" w:char="F04A"/></w:r>'))
    table.cell(1, 1).paragraphs[0]._p.append(box.__copy__())
    path = word_docs.save(document, tmp_path / "gemischt.docx")
    result = imported(repo, path)
    findings = [str(f) for f in result.converted.findings]
    text = "\n".join(findings)
    assert sum("Schriftarten" in f for f in findings) == 1 and "Schriftfarben" in text  # said once, for the whole document
    assert re.search(r"unter „Was funktioniert hat“, Absatz \d+: Textfeld", text)
    assert "Eingebettetes Objekt" in text and "Inhaltsverzeichnis ist nicht übernommen" in text
    assert "bild-02.png hat keinen Alternativtext" in text
    assert re.search(r"Absatz \d+ \(Tabelle\), Zeile 2, Spalte 1: Sonderzeichen aus der Schrift „Wingdings“", text)
    written = (repo.projects / result.draft.slug / "index.md").read_text(encoding="utf-8")
    assert "Text im Kasten." in written and "|  | Text im Kasten. |" in written  # a text box in a cell stays in its cell
    problems = [p.message for p in pipeline.check(repo.root).problems]
    assert any("keinen Alternativtext" in p for p in problems)  # the usual message of make check


def test_the_external_image_is_neither_fetched_nor_kept(repo, tmp_path):
    document = word_docs.quelle(footnotes=False)
    rid = document.part.relate_to("https://example.org/bild.png", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", is_external=True)
    document.add_paragraph("Mit Bild von außen.")._p.append(
        parse_xml(f'<w:r {nsdecls("w", "r")}><w:drawing><wp:inline {nsdecls("wp", "a", "pic")}><wp:docPr id="9" name="x" descr="Außen"/>'
                  f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill>'
                  f'<a:blip r:link="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    )
    path = word_docs.save(document, tmp_path / "aussen.docx")
    model = load_content_model(repo.projects, repo.root)
    checked = safety.open_checked(path, model.limits.attachment_bytes)
    result = convert.convert(checked.document, frozenset(), model.limits.attachment_bytes)
    assert any("Verknüpftes Bild „https://example.org/bild.png“ nicht übernommen" in str(f) for f in result.findings)
    assert "example.org/bild.png" not in result.markdown and len(result.images) == 1  # only the embedded picture


def test_the_command_line_imports_and_ends_with_the_checks_messages(repo, tmp_path, monkeypatch, capsys):
    path = producers(tmp_path)["python-docx"]
    monkeypatch.chdir(repo.root)
    code = main(["import", str(path), "--typ", "praxisbeispiel", "--thema", "verstetigung", "--schlagwoerter", "Ehrenamt"])
    out, err = capsys.readouterr()
    assert code == importer.EXIT_CHECK_FAILED
    assert "Neuer Eintrag angelegt: projects/ein-netzwerktreffen-das-alle-erreicht/index.md" in out
    expected = [str(p) for p in pipeline.check(repo.root).problems]
    assert expected and err.strip().splitlines()[1 : 1 + len(expected)] == expected  # exactly what make check says
    assert "Traceback" not in out + err


@pytest.mark.build
def test_the_producers_and_filled_templates_build_into_the_site(tmp_path, monkeypatch):
    from conftest import copy_content_model
    from mediathek_bench import word

    (tmp_path / "site").mkdir()
    root = word.site_copy(REPO, tmp_path / "site")
    copy_content_model(root / "projects", word_limits=False)  # short documents: this test is about building them
    model = load_content_model(root / "projects", root)
    for name, path in producers(tmp_path).items():
        result = importer.prepare(path, {**EXAMPLE, "title": f"Beitrag von {name}"}, model, root / "projects", TODAY, None)
        importer.write(root, result)
    for entry_type in model.types:
        path = filled_template(model, entry_type, tmp_path / f"{entry_type}.docx")
        importer.write(root, importer.prepare(path, {}, model, root / "projects", TODAY, None))
    monkeypatch.chdir(root)
    assert main(["build"]) == 0
    for entry_type in model.types:
        assert (root / "site" / "mediathek" / f"ein-beitrag-der-art-{entry_type}" / "index.html").is_file()
    for name in ("pandoc", "libreoffice", "python-docx"):
        page = (root / "site" / "mediathek" / f"beitrag-von-{name}" / "index.html").read_text(encoding="utf-8")
        assert page.count('class="footnote-ref"') == 2 and "<table" in page and f'alt="{word_docs.ALT}"' in page
