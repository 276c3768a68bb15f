"""Hostile and odd Word files: each is refused (or imported safely) with a German message, no traceback, and
nothing is written anywhere on refusal; an accepted one writes only its new entry folder."""

from __future__ import annotations

import os
import socket
import zipfile
from pathlib import Path

import docx
import pytest
import word_docs
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from conftest import FIXTURE_SITE_NAME
from mediathek.__main__ import main
from mediathek.authoring.word import template
from mediathek.content.contentmodel import load_content_model

GIVEN = ["--typ", "praxisbeispiel", "--thema", "verstetigung", "--schlagwoerter", "Ehrenamt", "--beschreibung", "Kurz.",
         "--bundesland", "Bremen", "--organisation", "Verein", "--netzwerk", "Regionales MINT-Netzwerk"]


def snapshot(*folders: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for folder in folders:
        for dirpath, _, names in os.walk(folder):
            for name in [*names, "."]:
                path = Path(dirpath) / name
                stat = path.stat()
                found[str(path)] = (stat.st_size, stat.st_mtime_ns if name != "." else 0)
    return found


def run_import(repo, path: Path, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.chdir(repo.root)
    code = main(["import", str(path), *GIVEN])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "Interner Fehler" not in err
    return code, out + err


def refused(repo, path: Path, monkeypatch, capsys, *expected: str) -> str:
    before = snapshot(repo.root, path.parent)
    code, output = run_import(repo, path, monkeypatch, capsys)
    assert code == 1, output
    for text in expected:
        assert text in output
    assert "Es wurde nichts angelegt." in output
    assert snapshot(repo.root, path.parent) == before  # not a byte written, no temporary folder left
    return output


def base(tmp_path: Path) -> Path:
    return word_docs.save(word_docs.quelle(), tmp_path / "quelle.docx")


def test_zip_bomb(repo, tmp_path, monkeypatch, capsys):
    bomb = word_docs.rezip(base(tmp_path), tmp_path / "bombe.docx", {}, {"word/media/bombe.bin": bytes(60 * 1_048_576)})
    assert bomb.stat().st_size < 1_048_576
    refused(repo, bomb, monkeypatch, capsys, "Zip-Bombe")


def test_archive_member_with_a_path_out_of_the_folder(repo, tmp_path, monkeypatch, capsys):
    path = word_docs.rezip(base(tmp_path), tmp_path / "pfad.docx", {}, {"../../boese.txt": b"x", "/etc/boese": b"x"})
    refused(repo, path, monkeypatch, capsys, "ungültige Dateinamen")
    # Where the names would lead from the repository, the entry folder or the document's folder: nothing there.
    for start in (repo.projects / "x", repo.root, tmp_path):
        assert not (start / "../../boese.txt").exists()
    assert not Path("/etc/boese").exists()


@pytest.mark.parametrize("compressible", [False, True])
def test_a_30_mb_image(repo, tmp_path, monkeypatch, capsys, compressible):
    data = word_docs.png()[:33] + (bytes(30 * 1_048_576) if compressible else os.urandom(30 * 1_048_576))
    path = word_docs.save(word_docs.quelle(footnotes=False), tmp_path / "klein.docx")
    with zipfile.ZipFile(path) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    path = word_docs.rezip(path, tmp_path / "gross.docx", {media[0]: data})
    if compressible:
        refused(repo, path, monkeypatch, capsys, "Zip-Bombe")
        return
    _, output = run_import(repo, path, monkeypatch, capsys)  # imported without the image, which is named
    assert "Bild mit 30,0 MB nicht übernommen, erlaubt sind höchstens 20,0 MB" in output
    assert sorted(p.name for p in (repo.projects / "ein-netzwerktreffen-das-alle-erreicht").iterdir()) == ["index.md"]


def test_a_file_over_the_size_limit(repo, tmp_path, monkeypatch, capsys):
    path = tmp_path / "riesig.docx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(51 * 1_048_576)
    refused(repo, path, monkeypatch, capsys, "Die Datei ist 51,0 MB groß, erlaubt sind höchstens 50,0 MB")


def test_a_remote_image_is_never_fetched(repo, tmp_path, monkeypatch, capsys):
    document = word_docs.quelle(footnotes=False)
    rid = document.part.relate_to("https://example.org/x.png", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", is_external=True)
    document.add_paragraph("Mit Bild.")._p.append(
        parse_xml(f'<w:r {nsdecls("w", "r")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:imagedata r:id="{rid}"/></v:shape></w:pict></w:r>')
    )
    path = word_docs.save(document, tmp_path / "fern.docx")

    def no_network(*args: object) -> None:
        raise AssertionError("the import tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    _, output = run_import(repo, path, monkeypatch, capsys)
    assert "Verknüpftes Bild „https://example.org/x.png“ nicht übernommen" in output


def test_tracked_changes_are_refused_with_their_place(repo, tmp_path, monkeypatch, capsys):
    document = word_docs.quelle()
    paragraph = document.add_paragraph("Ein Satz ")
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="7" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t>eingefügt</w:t></w:r></w:ins>')
    )
    paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="8" w:author="A"><w:r><w:delText>gelöscht</w:delText></w:r></w:del>'))
    path = word_docs.save(document, tmp_path / "aenderungen.docx")
    refused(repo, path, monkeypatch, capsys, "nachverfolgte Änderungen", "unter „Was funktioniert hat“, Absatz 2: Nachverfolgte Änderung")


def test_comments_are_refused(repo, tmp_path, monkeypatch, capsys):
    document = word_docs.quelle()
    paragraph = document.add_paragraph("Kommentierter Satz.")
    document.add_comment(paragraph.runs, text="Bitte prüfen", author="A")
    path = word_docs.save(document, tmp_path / "kommentar.docx")
    refused(repo, path, monkeypatch, capsys, "Kommentar. Löschen Sie alle Kommentare")


def test_macros_are_refused(repo, tmp_path, monkeypatch, capsys):
    source = base(tmp_path)
    docm = tmp_path / "makro.docm"
    docm.write_bytes(source.read_bytes())
    refused(repo, docm, monkeypatch, capsys, "Makros (.docm)")
    with zipfile.ZipFile(source) as archive:
        main_type = b"wordprocessingml.document.main+xml"
        vba = b'"/><Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject'
        types = archive.read("[Content_Types].xml").replace(main_type, main_type + vba)
    disguised = word_docs.rezip(source, tmp_path / "getarnt.docx", {"[Content_Types].xml": types}, {"word/vbaProject.bin": b"\x00" * 64})
    refused(repo, disguised, monkeypatch, capsys, "enthält Makros")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "altes Word-Dokument (.doc)"),
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "eine PDF-Datei"),
        (None, "OpenDocument-Text (.odt)"),
        (b"Nur ein Text, kein Dokument.", "kein Word-Dokument"),
        (b"PK\x03\x04" + bytes(200), "beschädigt"),
        (b"", "Die Datei ist leer"),
    ],
)
def test_other_files_renamed_to_docx(repo, tmp_path, monkeypatch, capsys, content, expected):
    path = tmp_path / "beitrag.docx"
    path.write_bytes(content if content is not None else (word_docs.FIXTURES / "odt-umbenannt.docx").read_bytes())
    refused(repo, path, monkeypatch, capsys, expected, "beitrag.docx")


def test_an_empty_document(repo, tmp_path, monkeypatch, capsys):
    path = word_docs.save(docx.Document(), tmp_path / "leer.docx")
    refused(repo, path, monkeypatch, capsys, "enthält keinen Text")


def test_an_entity_declaration_is_never_parsed(repo, tmp_path, monkeypatch, capsys):
    source = base(tmp_path)
    with zipfile.ZipFile(source) as archive:
        xml = archive.read("word/document.xml")
    laughs = b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = word_docs.rezip(source, tmp_path / "entity.docx", {"word/document.xml": laughs + xml.split(b"?>", 1)[1]})
    refused(repo, path, monkeypatch, capsys, "Dokumenttypdeklaration")


def test_a_document_in_the_wrong_template(repo, tmp_path, monkeypatch, capsys):
    model = load_content_model(repo.projects, repo.root)
    path = tmp_path / "vorlage.docx"
    path.write_bytes(template.build(model, "praxisbeispiel", FIXTURE_SITE_NAME))
    document = docx.Document(str(path))
    document.tables[0].rows[1].cells[0].text = "Lieblingsfarbe (farbe)"
    for row in document.tables[0].rows:
        if row.cells[0].text.endswith("(type)"):
            row.cells[1].text = "Projektarbeit"
    document.add_paragraph("Etwas Text.")
    document.save(str(path))
    unknown_row = "„Lieblingsfarbe (farbe)“, die die aktuelle Vorlage nicht kennt"
    refused(repo, path, monkeypatch, capsys, unknown_row, "mit der Vorlage für „Praxisbeispiel“ geschrieben")


def test_an_accepted_file_writes_only_its_new_folder(repo, tmp_path, monkeypatch, capsys):
    path = base(tmp_path)
    before = snapshot(repo.root, tmp_path)
    code, _ = run_import(repo, path, monkeypatch, capsys)
    assert code in (0, 3)
    after = snapshot(repo.root, tmp_path)
    new = {name for name in after if name not in before or after[name] != before[name]}
    folder = str(repo.projects / "ein-netzwerktreffen-das-alle-erreicht")
    assert new and all(name.startswith(folder) or name == str(repo.projects / ".") for name in new), new


def test_broken_or_deeply_nested_xml_in_a_part(repo, tmp_path, monkeypatch, capsys):
    source = base(tmp_path)
    deep = b'<?xml version="1.0"?><w:footnotes ' + nsdecls("w").encode() + b">" + b"<w:p>" * 5000 + b"</w:p>" * 5000 + b"</w:footnotes>"
    path = word_docs.rezip(source, tmp_path / "tief.docx", {"word/footnotes.xml": deep})
    refused(repo, path, monkeypatch, capsys, "Fußnoten der Datei lassen sich nicht lesen")
    with zipfile.ZipFile(source) as archive:
        xml = archive.read("word/document.xml")
    path = word_docs.rezip(source, tmp_path / "kaputt.docx", {"word/document.xml": xml[: len(xml) // 2]})
    refused(repo, path, monkeypatch, capsys, "lässt sich nicht als Word-Dokument lesen")
