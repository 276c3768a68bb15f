"""Every class of author mistake gives one exact German message with file and line."""

from __future__ import annotations

from conftest import VALID_EXAMPLE, VALID_PAPER
from mediathek.content.report import annotation, format_problems
from mediathek.pages import pipeline


def problems(repo) -> list[str]:
    return [str(p) for p in pipeline.check(repo.root).problems]


def test_valid_entries_pass_and_synonyms_map_to_their_tag(valid_repo):
    valid_repo.entry("synonym", VALID_PAPER.replace("Eine Projektarbeit", "Synonym").replace("Fördermittel", "zuwendungen"))
    result = pipeline.check(valid_repo.root)
    assert result.problems == []
    entry = next(e for e in result.entries if e.slug == "synonym")
    assert entry.tags == ("anschlussfinanzierung", "foerdermittel")
    assert entry.license == "CC-BY-4.0"


def test_missing_front_matter(repo):
    repo.entry("ohne", "Nur Text.\n")
    assert problems(repo) == [
        "projects/ohne/index.md:1: Die Datei beginnt nicht mit Metadaten. Die erste Zeile muss --- sein, dann folgen "
        "title, description, date usw., dann wieder eine Zeile ---."
    ]


def test_unclosed_front_matter(repo):
    repo.entry("offen", "---\ntitle: x\n")
    assert problems(repo) == [
        "projects/offen/index.md:1: Der Metadatenblock wird nicht geschlossen. Fügen Sie nach den Metadaten eine Zeile --- ein."
    ]


def test_yaml_colon_in_value_reports_its_line(repo):
    repo.entry("doppelpunkt", VALID_PAPER.replace('title: "Eine Projektarbeit"', "title: Teil A: Teil B"))
    assert problems(repo) == [
        "projects/doppelpunkt/index.md:2: Die Metadaten sind kein gültiges YAML: ein Doppelpunkt mitten im Wert. "
        'Setzen Sie den Wert in Anführungszeichen, zum Beispiel title: "Teil A: Teil B".'
    ]


def test_unknown_key_suggests_the_closest(repo):
    repo.entry("tippfehler", VALID_PAPER.replace("tags:", "tgas:"))
    assert problems(repo) == [
        "projects/tippfehler/index.md:7: Unbekanntes Feld „tgas“. Meinten Sie „tags“? Erlaubt sind: title, description, "
        "date, type, topics, tags, authors, license, fall, verbuergt_von, bundesland, organisation, network, attachments.",
        "projects/tippfehler/index.md:1: Pflichtfeld „tags“ fehlt oder ist leer. Ein bis zehn Schlagwörter aus dem "
        "Schlagwortverzeichnis. Gängige andere Schreibweisen (Synonyme) werden automatisch dem passenden Schlagwort "
        "zugeordnet. Beispiel: tags: [Anschlussfinanzierung, Fördermittel]",
    ][::-1]


def test_missing_required_field_for_a_practice_example(repo):
    text = VALID_EXAMPLE.replace("bundesland: Niedersachsen\n", "")
    repo.entry("ohne-land", text.replace("(../eine-projektarbeit/index.md#zusammenfassung)", "(#ausgangslage)"))
    assert problems(repo) == [
        "projects/ohne-land/index.md:1: Pflichtfeld „bundesland“ fehlt oder ist leer. Nur bei Praxisbeispielen – das "
        "Bundesland, in dem das Beispiel spielt. Beispiel: bundesland: Niedersachsen"
    ]


def test_field_of_the_other_type_is_refused(repo):
    repo.entry("falsches-feld", VALID_PAPER.replace("type: projektarbeit", "type: projektarbeit\nbundesland: Bayern"))
    assert problems(repo) == [
        "projects/falsches-feld/index.md:6: Das Feld „bundesland“ gibt es nur bei: Praxisbeispiel. Löschen Sie die Zeile."
    ]


def test_wrong_type_list_instead_of_text(repo):
    repo.entry("liste", VALID_PAPER.replace('title: "Eine Projektarbeit"', "title: [a, b]"))
    assert problems(repo) == [
        "projects/liste/index.md:2: „title“ muss ein einzelner Wert sein, keine Liste. Beispiel: title: Ehrenamtliche gewinnen und halten"
    ]


def test_yaml_boolean_words_stay_text(repo):
    repo.entry("ja", VALID_PAPER.replace('title: "Eine Projektarbeit"', "title: ja").replace('["Projektgruppe Verstetigung"]', "[no, on]"))
    result = pipeline.check(repo.root)
    assert result.problems == []
    assert result.entries[0].title == "ja" and result.entries[0].authors == ("no", "on")


def test_unknown_topic_suggests_the_slug(repo):
    repo.entry("thema", VALID_PAPER.replace("topics: [verstetigung]", "topics: [Verstetigung, virtuel]"))
    assert problems(repo) == [
        "projects/thema/index.md:6: „Verstetigung“ ist für „topics“ nicht erlaubt. Meinten Sie „verstetigung“? Erlaubt sind: "
        "verstetigung, netzwerkaufbau, virtuell, laterale-fuehrung, community-management.",
        "projects/thema/index.md:6: „virtuel“ ist für „topics“ nicht erlaubt. Meinten Sie „virtuell“? Erlaubt sind: "
        "verstetigung, netzwerkaufbau, virtuell, laterale-fuehrung, community-management.",
    ]


def test_unknown_tag_suggests_the_closest(repo):
    repo.entry("tag", VALID_PAPER.replace("Fördermittel", "Netzwerkpflge"))
    assert problems(repo) == [
        "projects/tag/index.md:7: Unbekanntes Schlagwort „Netzwerkpflge“. Meinten Sie „Netzwerkpflege“? Alle Schlagwörter "
        "stehen in projects/_schlagwoerter.yml; ein neues Schlagwort tragen Sie dort mit Beschreibung ein."
    ]


def test_unknown_tag_near_a_synonym_suggests_the_tag(repo):
    repo.entry("tag", VALID_PAPER.replace("Fördermittel", "Stakeholderanalyze"))
    assert problems(repo)[0].startswith(
        "projects/tag/index.md:7: Unbekanntes Schlagwort „Stakeholderanalyze“. Meinten Sie „Akteursanalyse“?"
    )


def test_invalid_and_impossible_dates(repo):
    repo.entry("datum-a", VALID_PAPER.replace("2026-11-26", "26.11.2026"))
    repo.entry("datum-b", VALID_PAPER.replace("Eine Projektarbeit", "B").replace("2026-11-26", "2026-13-45"))
    assert problems(repo) == [
        "projects/datum-a/index.md:4: „26.11.2026“ ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie zum Beispiel date: 2026-11-26.",
        "projects/datum-b/index.md:4: Das Datum „2026-13-45“ gibt es nicht. Prüfen Sie Monat (01–12) und Tag.",
    ]


def test_duplicate_title(repo):
    repo.entry("erste", VALID_PAPER)
    repo.entry("zweite", VALID_PAPER.replace('"Eine Projektarbeit"', '"eine  projektarbeit"'))
    assert problems(repo) == [
        "projects/erste/index.md:2: Denselben Titel hat schon projects/zweite/index.md. Jeder Eintrag braucht einen eigenen Titel.",
        "projects/zweite/index.md:2: Denselben Titel hat schon projects/erste/index.md. Jeder Eintrag braucht einen eigenen Titel.",
    ]


def test_missing_attachment_file(repo):
    repo.entry("anhang", VALID_PAPER.replace("authors:", "attachments:\n  - file: fehlt.pdf\n    title: Checkliste\nauthors:"))
    assert problems(repo) == [
        "projects/anhang/index.md:9: Die Datei „fehlt.pdf“ fehlt im Ordner des Eintrags. Legen Sie sie neben index.md ab "
        "oder korrigieren Sie den Namen."
    ]


def test_attachment_is_listed_with_its_size(repo):
    repo.entry("anhang", VALID_PAPER.replace("authors:", "attachments:\n  - file: liste.pdf\n    title: Liste\nauthors:"), liste__pdf=b"%PDF-1.4 x")
    result = pipeline.check(repo.root)
    assert result.problems == []
    assert result.entries[0].attachments[0].size == 10


def test_image_without_alt_text(repo):
    repo.entry("bild", VALID_PAPER + "\n![](foto.png)\n", foto__png=b"\x89PNG")
    assert problems(repo) == [
        "projects/bild/index.md:15: Das Bild hat keinen Alternativtext. Beschreiben Sie in den eckigen Klammern, was es "
        "zeigt: ![Was auf dem Bild zu sehen ist](bild.png)"
    ]


def test_relative_links_to_missing_pages_and_anchors(valid_repo):
    valid_repo.entry(
        "links",
        VALID_PAPER.replace("Eine Projektarbeit", "Links")
        + "\n[a](../gibt-es-nicht/index.md) [b](../ein-praxisbeispiel/index.md#fehlt) [c](#zusammenfassung)\n",
    )
    assert problems(valid_repo) == [
        "projects/links/index.md:15: Das Link-Ziel „../gibt-es-nicht/index.md“ gibt es nicht: Einen Eintrag „gibt-es-nicht“ "
        "gibt es nicht (mehr), vielleicht wurde er zurückgezogen oder umbenannt. Entfernen Sie den Link – sein Text darf als "
        "normaler Text stehen bleiben – oder verlinken Sie einen vorhandenen Eintrag als ../<kurzname>/index.md.",
        "projects/links/index.md:15: Den Abschnitt „#fehlt“ gibt es im Eintrag „ein-praxisbeispiel“ nicht. Vorhanden sind: #ausgangslage.",
    ]


def test_file_not_utf8_names_the_line(repo):
    path = repo.entry("kodierung", VALID_PAPER)
    path.write_bytes(VALID_PAPER.encode("utf-8").replace(b"Ein Text", "Ein T\xe4xt".encode("latin-1")))
    assert problems(repo) == [
        "projects/kodierung/index.md:13: Die Datei ist nicht als UTF-8 gespeichert (ungültiges Zeichen in dieser Zeile). "
        "Speichern Sie sie in Ihrem Editor mit der Kodierung „UTF-8“."
    ]


def test_bad_folder_name_and_missing_index(repo):
    (repo.projects / "Mein Eintrag").mkdir()
    (repo.projects / "leer").mkdir()
    assert problems(repo) == [
        "projects/Mein Eintrag: Der Ordnername „Mein Eintrag“ ist als Kurzname nicht erlaubt: nur Kleinbuchstaben a–z, "
        "Ziffern und Bindestriche (ä→ae, ö→oe, ü→ue, ß→ss). Benennen Sie den Ordner um, zum Beispiel in „mein-eintrag“.",
        "projects/leer: Im Ordner fehlt die Datei index.md. Jeder Eintrag besteht aus projects/<kurzname>/index.md.",
    ]


def test_all_problems_of_all_entries_in_one_run(repo):
    repo.entry("a", VALID_PAPER.replace("2026-11-26", "gestern"))
    repo.entry("b", VALID_PAPER.replace("Eine Projektarbeit", "B").replace("verstetigung]", "unbekannt]"))
    repo.entry("c", VALID_PAPER.replace("Eine Projektarbeit", "C"))
    result = pipeline.check(repo.root)
    assert [p.path for p in result.problems] == ["projects/a/index.md", "projects/b/index.md"]
    assert [e.slug for e in result.entries] == ["c"]


def test_github_annotation_is_one_line_with_file_and_line(repo):
    repo.entry("a", VALID_PAPER.replace("2026-11-26", "gestern"))
    problem = pipeline.check(repo.root).problems[0]
    text = annotation(problem)
    assert "\n" not in text
    assert text.startswith("::error file=projects/a/index.md,line=4::„gestern“ ist kein Datum")
    report = format_problems([problem], github=True)
    assert report.splitlines()[1] == text


def test_title_of_only_invisible_whitespace_counts_as_empty(repo):
    # found by the thorough Hypothesis profile: a non-breaking space passed as a title
    repo.entry("leer", VALID_PAPER.replace('title: "Eine Projektarbeit"', "title: \u00a0"))
    assert problems(repo) == [
        "projects/leer/index.md:2: Pflichtfeld „title“ fehlt oder ist leer. Der Titel des Eintrags, wie er über dem Text "
        "und in allen Listen steht. Höchstens 120 Zeichen. Enthält er einen Doppelpunkt, setzen Sie ihn in "
        "Anführungszeichen. Beispiel: title: Ehrenamtliche gewinnen und halten"
    ]
