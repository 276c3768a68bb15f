"""The editorial rules of the content model: each reported by `make check` with file, line and fix."""

from __future__ import annotations

import pytest

from conftest import VALID_EXAMPLE, VALID_PAPER
from mediathek.pages import pipeline

EXAMPLE_HEAD, EXAMPLE_BODY = VALID_EXAMPLE.split("\n---\n", 1)
PATH = "projects/beispiel/index.md"


def problems(repo) -> list[str]:
    return [str(p) for p in pipeline.check(repo.root).problems]


def example(body: str) -> str:
    return f"{EXAMPLE_HEAD}\n---\n{body}"


def prose(words: int) -> str:
    return " ".join(["Wort"] * words)


SECTIONS = ("Ausgangslage", "Vorgehen", "Was funktioniert hat", "Stolpersteine", "Übertragbar auf …")


def sections(*names: str, words: int = 60) -> str:
    return "".join(f"\n## {name}\n\n{prose(words)}\n" for name in names)


def test_a_long_example_without_an_optional_section_passes(strict_repo):
    strict_repo.entry("beispiel", example(sections(*SECTIONS[:4], words=310)))  # 1,240 words, „Übertragbar auf …“ gone
    assert problems(strict_repo) == []


def test_too_short_and_too_long_entries_name_the_range(strict_repo):
    strict_repo.entry("beispiel", example(sections("Ausgangslage", words=249)))
    strict_repo.entry("lang", example(sections("Ausgangslage", words=3001)).replace("Ein Praxisbeispiel", "Lang"))
    assert problems(strict_repo) == [
        "projects/beispiel/index.md: Der Text hat 249 Wörter. Einträge der Art „Praxisbeispiel“ haben mindestens 250 "
        "Wörter (ohne Überschriften). Ergänzen Sie den Text.",
        "projects/lang/index.md: Der Text hat 3.001 Wörter. Einträge der Art „Praxisbeispiel“ haben höchstens 3.000 "
        "Wörter (ohne Überschriften). Kürzen Sie ihn oder teilen Sie ihn in zwei Einträge.",
    ]


def test_a_text_of_one_word_is_counted_in_the_singular(strict_repo):
    strict_repo.entry("beispiel", example("\n## Ausgangslage\n\nNetzwerk\n"))
    assert problems(strict_repo)[0].startswith("projects/beispiel/index.md: Der Text hat 1 Wort. Einträge der Art")


def test_headings_and_comments_are_not_counted(strict_repo):
    comment = "<!-- " + prose(500) + " -->"
    strict_repo.entry("beispiel", example(f"\n{comment}\n" + sections(*SECTIONS, words=49)))
    assert problems(strict_repo) == [
        "projects/beispiel/index.md: Der Text hat 245 Wörter. Einträge der Art „Praxisbeispiel“ haben mindestens 250 "
        "Wörter (ohne Überschriften). Ergänzen Sie den Text."
    ]


def test_an_empty_section_is_refused_at_its_heading(repo):
    repo.entry("beispiel", example("\n## Ausgangslage\n\n<!-- Hinweis -->\n\n## Vorgehen\n\nText.\n\n### Unterabschnitt\n"))
    assert problems(repo) == [
        f"{PATH}:14: Der Abschnitt „Ausgangslage“ ist leer. Schreiben Sie Text darunter oder löschen Sie die Überschrift.",
        f"{PATH}:22: Der Abschnitt „Unterabschnitt“ ist leer. Schreiben Sie Text darunter oder löschen Sie die Überschrift.",
    ]


def test_a_section_holding_only_subsections_with_text_is_not_empty(repo):
    repo.entry("beispiel", example("\n## Vorgehen\n\n### Erster Schritt\n\nText.\n\n```\n# kein Abschnitt\n```\n"))
    assert problems(repo) == []


def test_an_entry_of_headings_only_is_refused_for_each(strict_repo):
    strict_repo.entry("beispiel", example("".join(f"\n## {name}\n" for name in SECTIONS)))
    assert problems(strict_repo) == [
        "projects/beispiel/index.md: Der Text hat 0 Wörter. Einträge der Art „Praxisbeispiel“ haben mindestens 250 "
        "Wörter (ohne Überschriften). Ergänzen Sie den Text.",
        *(
            f"{PATH}:{line}: Der Abschnitt „{name}“ ist leer. Schreiben Sie Text darunter oder löschen Sie die Überschrift."
            for line, name in zip(range(14, 24, 2), SECTIONS, strict=True)
        ),
    ]


def test_a_required_section_may_not_be_deleted(repo):
    repo.entry("papier", VALID_PAPER.replace("## Zusammenfassung", "## Ausgangslage"))
    assert problems(repo) == [
        "projects/papier/index.md: Der Abschnitt „## Zusammenfassung“ fehlt. Einträge der Art „Projektarbeit“ brauchen "
        "ihn: Schreiben Sie die Überschrift ## Zusammenfassung und Text darunter."
    ]


@pytest.mark.parametrize(
    "link, message",
    [
        ("[Plan](plan.pdf)", None),
        ("[Plan](./plan.pdf)", None),
        ("[Plan](../beispiel/plan.pdf)", None),
        ("[Plan](../anderes/vorlage.pdf)", None),
        (
            "[Plan](../plan.pdf)",
            "Die Datei „plan.pdf“ liegt im Ordner dieses Eintrags. Verlinken Sie sie nur mit ihrem Namen: „plan.pdf“ statt „../plan.pdf“.",
        ),
        (
            "[Plan](../anderes/plan.pdf)",
            "Die Datei „plan.pdf“ liegt im Ordner dieses Eintrags. Verlinken Sie sie nur mit ihrem Namen: „plan.pdf“ statt „../anderes/plan.pdf“.",
        ),
        (
            "[Plan](../anderes/fehlt.pdf)",
            "Das Link-Ziel „../anderes/fehlt.pdf“ gibt es nicht. Andere Einträge verlinken Sie als ../<kurzname>/index.md, "
            "Dateien des Eintrags mit ihrem Dateinamen.",
        ),
    ],
)
def test_links_to_files_resolve_from_the_entry_folder(repo, link, message):
    repo.entry("beispiel", example(f"\n## Ausgangslage\n\nSiehe {link}.\n"), plan__pdf=b"%PDF-1.4\n")
    repo.entry("anderes", VALID_PAPER, vorlage__pdf=b"%PDF-1.4\n")
    assert problems(repo) == ([f"{PATH}:16: {message}"] if message else [])


def test_an_image_from_another_server_gives_one_message_at_its_line(repo):
    repo.entry("beispiel", example("\n## Ausgangslage\n\nText.\n\n![Ein Diagramm](https://example.org/bild.png)\n"))
    assert problems(repo) == [
        f"{PATH}:18: Bilder von fremden Servern sind nicht erlaubt (sie würden die IP-Adresse der Lesenden weitergeben). "
        "Legen Sie das Bild in den Ordner des Eintrags."
    ]


def test_a_folder_named_like_a_listing_page_is_refused(repo):
    repo.entry("seite-2", VALID_PAPER)
    repo.entry("seite-zwei", VALID_PAPER.replace("Eine Projektarbeit", "Seite zwei"))
    assert problems(repo) == [
        "projects/seite-2: Der Ordnername „seite-2“ ist für die Seiten der Mediathek reserviert (…/seite-2/ ist die zweite "
        "Seite einer Liste). Benennen Sie den Ordner nach dem Titel des Eintrags."
    ]
