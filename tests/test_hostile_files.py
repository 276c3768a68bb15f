"""Broken and hostile files in projects/: each case one exact German message with file (and line where there is one)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest

from conftest import REPO, VALID_EXAMPLE, VALID_PAPER
from mediathek.pages import pipeline

SYMLINK = (
    "Symbolische Verknüpfungen sind nicht erlaubt; die Prüfung folgt ihnen nicht. "
    "Legen Sie die Datei oder den Ordner selbst hier ab."
)
UTF8 = (
    "Die Datei ist nicht als UTF-8 gespeichert (ungültiges Zeichen in dieser Zeile). "
    "Speichern Sie sie in Ihrem Editor mit der Kodierung „UTF-8“."
)
ALLOWED_TYPES = "csv, docx, jpeg, jpg, odp, ods, odt, pdf, png, pptx, txt, webp, xlsx"


def problems(repo) -> list[str]:
    return [str(p) for p in pipeline.check(repo.root).problems]


def with_attachment(name: str) -> str:
    return VALID_PAPER.replace("authors:", f"attachments:\n  - file: {name}\n    title: Anhang\nauthors:")


# --- encodings and file shapes ------------------------------------------------------------------------------


def test_not_utf8_names_the_line_also_with_crlf(repo):
    path = repo.entry("kodierung", VALID_PAPER)
    path.write_bytes(VALID_PAPER.replace("\n", "\r\n").encode().replace(b"Ein Text", "Ein T\xe4xt".encode("latin-1")))
    assert problems(repo) == [f"projects/kodierung/index.md:13: {UTF8}"]


def test_binary_junk_named_index_md(repo):
    path = repo.entry("binaer", "")
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert problems(repo) == [
        "projects/binaer/index.md:3: Die Datei ist keine Textdatei (sie enthält Binärdaten). "
        "index.md muss Text in Markdown enthalten."
    ]


def test_utf16_file(repo):
    path = repo.entry("utf16", "")
    path.write_bytes(VALID_PAPER.encode("utf-16"))
    assert problems(repo) == [
        "projects/utf16/index.md:1: Die Datei ist als UTF-16 gespeichert. Speichern Sie sie in Ihrem Editor mit der "
        "Kodierung „UTF-8“."
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "  \t \n", "\ufeff"])
def test_empty_file(repo, text):
    repo.entry("leer", text)
    assert problems(repo) == [
        "projects/leer/index.md:1: Die Datei ist leer. Sie beginnt mit den Metadaten zwischen zwei Zeilen --- und darunter "
        "folgt der Text; eine Vorlage steht im Leitfaden für Autor*innen."
    ]


def test_only_front_matter_without_text(repo):
    repo.entry("nur-metadaten", VALID_PAPER.split("\n## ")[0].rstrip("\n"))
    assert problems(repo) == [
        "projects/nur-metadaten/index.md:9: Unter den Metadaten fehlt der Text des Eintrags. "
        "Schreiben Sie ihn unter die Zeile ---."
    ]


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_bom_and_windows_or_old_mac_line_ends_are_fine_and_lines_still_count(repo, line_end):
    path = repo.entry("zeilen", "")
    path.write_bytes(b"\xef\xbb\xbf" + VALID_PAPER.replace("2026-11-26", "gestern").replace("\n", line_end).encode())
    assert problems(repo) == [
        "projects/zeilen/index.md:4: „gestern“ ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie zum Beispiel date: 2026-11-26."
    ]
    path.write_bytes(b"\xef\xbb\xbf" + VALID_PAPER.replace("\n", line_end).encode())
    assert problems(repo) == []


def test_second_dashes_in_the_body_are_a_rule_not_front_matter(repo):
    repo.entry("striche", VALID_PAPER + "\n---\n\ntitle: nicht wichtig\n\n---\n")
    result = pipeline.check(repo.root)
    assert result.problems == [] and result.entries[0].title == "Eine Projektarbeit"


@pytest.mark.parametrize(
    ("character", "code"), [("\x1b", "001B"), ("\x07", "0007"), ("\u202e", "202E"), ("\u2028", "2028"), ("\x85", "0085")]
)
def test_invisible_control_characters_are_refused_with_their_line(repo, character, code):
    repo.entry("steuerzeichen", VALID_PAPER.replace("Ein Text", f"Ein {character}Text"))
    assert problems(repo) == [
        f"projects/steuerzeichen/index.md:13: In dieser Zeile steht ein unsichtbares Steuerzeichen (U+{code}). "
        "Löschen Sie es; beim Kopieren aus anderen Programmen rutscht es leicht mit hinein."
    ]


def test_oversized_entry_text(repo):
    path = repo.entry("riesig", VALID_PAPER)
    with path.open("r+b") as handle:
        handle.truncate(1_048_577)  # sparse: fast, and still 1 MB plus one byte for stat()
    assert problems(repo) == [
        "projects/riesig/index.md: Die Datei ist mit 1,0 MB zu groß (höchstens 1,0 MB). "
        "Kürzen Sie den Text oder teilen Sie ihn auf mehrere Einträge auf."
    ]


def test_oversized_attachment_and_one_exactly_at_the_limit(repo):
    repo.entry("gross", with_attachment("ok.pdf"))
    for name, size in (("zu-gross.pdf", 20 * 1_048_576 + 1), ("ok.pdf", 20 * 1_048_576)):
        with (repo.projects / "gross" / name).open("wb") as handle:
            handle.truncate(size)
    assert problems(repo) == [
        "projects/gross/zu-gross.pdf: Die Datei ist mit 20,0 MB zu groß (höchstens 20,0 MB). "
        "Verkleinern Sie sie, zum Beispiel durch eine geringere Bildauflösung."
    ]


# --- names and places ---------------------------------------------------------------------------------------


def test_entry_folder_without_index_md_and_index_md_that_is_a_folder(repo):
    (repo.projects / "ohne-index").mkdir()
    (repo.projects / "ordner-index" / "index.md").mkdir(parents=True)
    assert problems(repo) == [
        "projects/ohne-index: Im Ordner fehlt die Datei index.md. Jeder Eintrag besteht aus projects/<kurzname>/index.md.",
        "projects/ordner-index/index.md: index.md muss eine gewöhnliche Datei sein, kein Ordner.",
    ]


def test_stray_files_in_projects(repo):
    (repo.projects / "notiz.txt").write_text("x", encoding="utf-8")
    (repo.projects / "entwurf.md").write_text("x", encoding="utf-8")
    (repo.projects / ".DS_Store").write_bytes(b"\x00")  # hidden files are never published, so never checked
    stray = (
        "Diese Datei liegt direkt in projects/. Jeder Eintrag braucht einen eigenen Ordner: "
        "projects/<kurzname>/index.md; Anhänge und Bilder liegen daneben."
    )
    assert problems(repo) == [f"projects/entwurf.md: {stray}", f"projects/notiz.txt: {stray}"]


@pytest.mark.parametrize(("name", "suggestion"), [("Mein Eintrag", "mein-eintrag"), ("Eintrag", "eintrag"), ("über_uns", "ueber-uns")])
def test_folder_names_with_spaces_uppercase_or_umlauts(repo, name, suggestion):
    repo.entry(name, VALID_PAPER)
    assert problems(repo) == [
        f"projects/{name}: Der Ordnername „{name}“ ist als Kurzname nicht erlaubt: nur Kleinbuchstaben a–z, Ziffern und "
        f"Bindestriche (ä→ae, ö→oe, ü→ue, ß→ss). Benennen Sie den Ordner um, zum Beispiel in „{suggestion}“."
    ]


@pytest.mark.parametrize(("name", "example"), [("Mein Plan.pdf", "mein-plan.pdf"), ("Foto.PNG", "foto.png"), ("bild 1.jpg", "bild-1.jpg")])
def test_attachment_names_with_spaces_or_uppercase(repo, name, example):
    repo.entry("anhang", VALID_PAPER, **{name.replace(".", "__"): b"x"})
    assert problems(repo) == [
        f"projects/anhang/{name}: Der Dateiname „{name}“ ist nicht erlaubt: nur Kleinbuchstaben a–z, Ziffern, "
        f"Bindestriche, Unterstriche und Punkte, keine Leerzeichen. Zum Beispiel „{example}“."
    ]


def test_attachment_without_extension_wrong_type_or_second_markdown_file(repo):
    repo.entry("anhang", VALID_PAPER, liesmich=b"x", skript__sh=b"x", notizen__md=b"x")
    assert problems(repo) == [
        f"projects/anhang/liesmich: Die Datei hat keine Dateiendung. Erlaubt sind: {ALLOWED_TYPES}.",
        "projects/anhang/notizen.md: Ein Eintrag hat genau eine Textdatei, index.md. Fügen Sie den Text dort ein.",
        f"projects/anhang/skript.sh: Dateityp „.sh“ ist nicht erlaubt. Erlaubt sind: {ALLOWED_TYPES}.",
    ]


def test_same_name_in_nfc_and_nfd(repo):
    composed = unicodedata.normalize("NFC", "übung")
    decomposed = unicodedata.normalize("NFD", "übung")
    repo.entry(composed, VALID_PAPER)
    repo.entry(decomposed, VALID_PAPER)
    assert sorted(p.name for p in repo.projects.iterdir() if not p.name.startswith("_")) == sorted([composed, decomposed])
    assert problems(repo) == [
        f"projects/{decomposed}: Der Ordnername „{decomposed}“ ist als Kurzname nicht erlaubt: nur Kleinbuchstaben a–z, "
        "Ziffern und Bindestriche (ä→ae, ö→oe, ü→ue, ß→ss). Benennen Sie den Ordner um, zum Beispiel in „uebung“.",
        f"projects/{composed}: Den Namen „{composed}“ gibt es hier zweimal: einmal mit Umlauten als ein Zeichen (NFC) und "
        "einmal zerlegt in Buchstabe und Pünktchen (NFD), wie macOS sie schreibt. Unter macOS und Windows wäre das "
        "derselbe Name. Löschen Sie einen der beiden.",
    ]


def test_names_differing_only_in_case(repo):
    repo.entry("Eintrag", VALID_PAPER)
    repo.entry("eintrag", VALID_PAPER)
    assert problems(repo) == [
        "projects/Eintrag: Der Ordnername „Eintrag“ ist als Kurzname nicht erlaubt: nur Kleinbuchstaben a–z, Ziffern und "
        "Bindestriche (ä→ae, ö→oe, ü→ue, ß→ss). Benennen Sie den Ordner um, zum Beispiel in „eintrag“.",
        "projects/eintrag: Der Name „eintrag“ unterscheidet sich von „Eintrag“ nur in Groß-/Kleinschreibung; unter "
        "Windows und macOS wären es dieselben Dateien. Benennen Sie einen der beiden um.",
    ]


def test_control_characters_in_a_folder_name_are_shown_escaped(repo):
    repo.entry("boese\x1b[2J", VALID_PAPER)
    assert problems(repo) == [
        "projects/boese\\u001b[2J: Der Ordnername „boese\\u001b[2J“ ist als Kurzname nicht erlaubt: nur Kleinbuchstaben "
        "a–z, Ziffern und Bindestriche (ä→ae, ö→oe, ü→ue, ß→ss). Benennen Sie den Ordner um, zum Beispiel in „boese-2j“."
    ]


# --- symlinks: refused, never followed out of the repository -------------------------------------------------


@pytest.fixture
def outside(tmp_path_factory):
    """A folder outside the repository with a valid-looking entry and a secret."""
    folder = tmp_path_factory.mktemp("ausserhalb")
    (folder / "index.md").write_text(VALID_PAPER.replace("Ein Text über Verstetigung.", "GEHEIMNIS"), encoding="utf-8")
    (folder / "geheim.pdf").write_bytes(b"GEHEIMNIS")
    return folder


def assert_outside_never_read(repo):
    result = pipeline.check(repo.root)
    assert all("GEHEIMNIS" not in e.body for e in result.entries)
    assert all("geheim" not in asset for e in result.entries for asset in e.assets)
    return [str(p) for p in result.problems]


def test_symlinked_entry_folder(repo, outside):
    (repo.projects / "verknuepft").symlink_to(outside, target_is_directory=True)
    assert assert_outside_never_read(repo) == [f"projects/verknuepft: {SYMLINK}"]


def test_symlinked_index_md(repo, outside):
    (repo.projects / "eintrag").mkdir()
    (repo.projects / "eintrag" / "index.md").symlink_to(outside / "index.md")
    assert assert_outside_never_read(repo) == [f"projects/eintrag/index.md: {SYMLINK}"]


def test_symlinked_attachment_and_subfolder(repo, outside):
    repo.entry("eintrag", with_attachment("geheim.pdf"))
    (repo.projects / "eintrag" / "geheim.pdf").symlink_to(outside / "geheim.pdf")
    (repo.projects / "eintrag" / "unterordner").symlink_to(outside, target_is_directory=True)
    assert assert_outside_never_read(repo) == [
        f"projects/eintrag/geheim.pdf: {SYMLINK}",
        "projects/eintrag/index.md:9: Die Datei „geheim.pdf“ fehlt im Ordner des Eintrags. Legen Sie sie neben index.md "
        "ab oder korrigieren Sie den Namen.",
        f"projects/eintrag/unterordner: {SYMLINK}",
    ]


def test_symlink_loop_and_dangling_symlink(repo):
    repo.entry("eintrag", VALID_PAPER)
    (repo.projects / "eintrag" / "schleife").symlink_to("schleife")
    (repo.projects / "ins-leere").symlink_to(repo.root / "gibt-es-nicht")
    assert problems(repo) == [f"projects/eintrag/schleife: {SYMLINK}", f"projects/ins-leere: {SYMLINK}"]


def test_fifo_as_attachment_is_not_read(repo):
    repo.entry("eintrag", VALID_PAPER)
    os.mkfifo(repo.projects / "eintrag" / "rohr.pdf")  # reading it would block the build forever
    assert problems(repo) == ["projects/eintrag/rohr.pdf: Das ist keine gewöhnliche Datei. Löschen Sie es."]


@pytest.mark.parametrize("name", ["../anderer-eintrag/liste.pdf", "/etc/passwd.pdf", "C:\\\\liste.pdf", "./liste.pdf", "a/../../x.pdf"])
def test_attachment_paths_leaving_the_entry_folder(repo, name):
    repo.entry("anhang", with_attachment(f'"{name}"'), liste__pdf=b"x")
    shown = name.replace("\\\\", "\\")
    assert problems(repo) == [
        f"projects/anhang/index.md:9: Der Anhang „{shown}“ muss im Ordner des Eintrags liegen: nur der Dateiname, ohne "
        "„/“ am Anfang und ohne „..“."
    ]


# --- YAML that no author needs -------------------------------------------------------------------------------

YAML_CASES = {
    "tab": ("title: x\n\ttags: [a]", 3, "Die Metadaten enthalten ein Tabulatorzeichen. Rücken Sie in YAML nur mit Leerzeichen ein."),
    "duplicate": (
        "title: a\ntitle: b",
        3,
        "Der Schlüssel „title“ kommt doppelt vor (zuerst in Zeile 2). Löschen Sie eine der beiden Zeilen.",
    ),
    "number-key": ("1: a", 2, "Ein Schlüssel muss ein einfaches Wort sein, zum Beispiel „title“."),
    "boolean-key": ("on: a", 2, "Ein Schlüssel muss ein einfaches Wort sein, zum Beispiel „title“."),
    "complex-key": ("? [a, b]\n: c", 2, "Ein Schlüssel muss ein einfaches Wort sein, zum Beispiel „title“."),
    "alias": ("title: &t x\ndescription: *t", 3, "Anker und Verweise (& und *) sind in den Metadaten nicht erlaubt."),
    "alias-bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
        3,
        "Anker und Verweise (& und *) sind in den Metadaten nicht erlaubt.",
    ),
    "self-alias": ("a: &a [*a]", 2, "Anker und Verweise (& und *) sind in den Metadaten nicht erlaubt."),
    "deep-flow": ("title: " + "[" * 5000 + "]" * 5000, 2, "Die Metadaten sind zu tief verschachtelt."),
    "deep-block": ("title:" + "".join("\n" + "  " * i + "- " for i in range(1, 40)) + "x", 23, "Die Metadaten sind zu tief verschachtelt."),
    "too-many": ("tags: [" + ", ".join(["x"] * 3000) + "]", 2, "Die Metadaten sind zu groß (mehr als 2000 Werte)."),
    "python-tag": (
        "title: !!python/object/apply:os.system [ls]",
        2,
        "YAML-Typangaben wie „!!python/object/apply:os.system“ sind in den Metadaten nicht erlaubt. "
        "Schreiben Sie nur den Wert, Text am besten in Anführungszeichen.",
    ),
    "local-tag": (
        "title: !x y",
        2,
        "YAML-Typangaben wie „!x“ sind in den Metadaten nicht erlaubt. Schreiben Sie nur den Wert, Text am besten in "
        "Anführungszeichen.",
    ),
    "open-quote": (
        'title: "offen\ndescription: x',
        2,
        "Die Metadaten sind kein gültiges YAML: Ein Anführungszeichen in dieser Zeile wird nicht geschlossen. "
        "Setzen Sie am Ende des Werts dasselbe Anführungszeichen wie am Anfang.",
    ),
    "open-bracket": (
        "tags: [a, b\ntitle: x",
        2,
        "Die Metadaten sind kein gültiges YAML: Eine Klammer [ ] in dieser Zeile wird nicht richtig geschlossen. "
        "Trennen Sie die Werte mit Kommas und schließen Sie die Klammer in derselben Zeile.",
    ),
    "list-instead-of-keys": ("- a\n- b", 2, "Die Metadaten müssen aus Zeilen der Form „schlüssel: wert“ bestehen."),
}


@pytest.mark.parametrize("case", YAML_CASES)
def test_yaml_that_no_author_needs(repo, case):
    front_matter, line, message = YAML_CASES[case]
    repo.entry("yaml", f"---\n{front_matter}\n---\n\nText.\n")
    assert problems(repo) == [f"projects/yaml/index.md:{line}: {message}"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-26", None),
        ('"2026-11-26"', None),
        ("'2026-11-26'", None),
        ("2026-02-30", "Das Datum „2026-02-30“ gibt es nicht. Prüfen Sie Monat (01–12) und Tag."),
        ('"2026-13-45"', "Das Datum „2026-13-45“ gibt es nicht. Prüfen Sie Monat (01–12) und Tag."),
        ("2026-11-26 10:00:00", "„2026-11-26 10:00:00“ ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie zum Beispiel date: 2026-11-26."),
        ("ja", "„ja“ ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie zum Beispiel date: 2026-11-26."),
        ("[2026-11-26]", "„date“ muss ein einzelner Wert sein, keine Liste. Beispiel: date: 2026-11-26"),
    ],
)
def test_dates_as_date_objects_as_strings_and_impossible(repo, value, expected):
    repo.entry("datum", VALID_PAPER.replace("date: 2026-11-26", f"date: {value}"))
    result = pipeline.check(repo.root)
    if expected is None:
        assert result.problems == [] and str(result.entries[0].date) == "2026-11-26"
    else:
        assert [str(p) for p in result.problems] == [f"projects/datum/index.md:4: {expected}"]


def test_yaml_1_1_booleans_where_a_choice_is_expected(repo):
    repo.entry("wahr", VALID_EXAMPLE.replace("organisation: Verein", "organisation: yes").replace("(../eine-projektarbeit/index.md#zusammenfassung)", ""))
    assert problems(repo) == [
        "projects/wahr/index.md:10: „yes“ ist für „organisation“ nicht erlaubt. Erlaubt sind: Handwerkskammer, IHK, "
        "Kommune, Volkshochschule, Verein, Stiftung, MINT-Initiative."
    ]


def test_huge_scalar_is_measured_and_not_echoed(repo):
    repo.entry("lang", VALID_PAPER.replace('"Eine Projektarbeit"', "x" * 200_000))
    assert problems(repo) == [
        "projects/lang/index.md:2: „title“ ist 200000 Zeichen lang, erlaubt sind höchstens 120. Kürzen Sie den Text."
    ]


# --- the command line --------------------------------------------------------------------------------------


def test_command_line_exits_1_without_traceback_for_every_broken_case(repo, outside):
    repo.entry("binaer", "").write_bytes(b"\x00\xff" * 100)
    repo.entry("kodierung", "").write_bytes("---\ntitle: T\xe4st\n---\n".encode("latin-1"))
    repo.entry("offen", "---\ntitle: x\n")
    repo.entry("leer", "")
    repo.entry("bombe", "---\n" + YAML_CASES["alias-bomb"][0] + "\n---\nText\n")
    repo.entry("tief", "---\n" + YAML_CASES["deep-flow"][0] + "\n---\nText\n")
    repo.entry("python", "---\n" + YAML_CASES["python-tag"][0] + "\n---\nText\n")
    repo.entry("skript", VALID_PAPER.replace("Eine Projektarbeit", "S") + "\n<script>alert(1)</script>\n")
    (repo.projects / "verknuepft").symlink_to(outside, target_is_directory=True)
    (repo.projects / "Gross Geschrieben").mkdir()
    (repo.projects / "steuer\x1b").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "mediathek", "check"],
        cwd=repo.root,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts"), "MEDIATHEK_DEBUG": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Interner Fehler" not in done.stderr, done.stderr
    assert "\x1b" not in done.stderr
    for name in ("binaer", "kodierung", "offen", "leer", "bombe", "tief", "python", "skript", "verknuepft", "Gross Geschrieben"):
        assert f"projects/{name}" in done.stderr, name
    assert done.stderr.rstrip().endswith("Bitte korrigieren Sie die genannten Stellen und prüfen Sie erneut mit „make check“.")
