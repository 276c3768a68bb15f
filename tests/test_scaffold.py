"""`make neu`: new entries that pass the check, with clear refusals for bad titles and existing entries."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
import yaml

from conftest import REPO, VALID_PAPER, write_sections
from mediathek.authoring import scaffold
from mediathek.content.contentmodel import load_content_model
from mediathek.pages import pipeline

TODAY = dt.date(2026, 11, 26)
COMPLETE = {
    "projektarbeit": {
        "type": "projektarbeit",
        "title": "Verstetigung von Anfang an planen",
        "topics": "verstetigung",
        "tags": "Anschlussfinanzierung, zuwendungen",
        "description": "Wie ein Projekt vom ersten Tag an auf die Zeit nach der Förderung hinarbeitet.",
        "authors": "Projektgruppe Verstetigung",
    },
    "praxisbeispiel": {
        "type": "Praxisbeispiel",
        "title": 'Teil "A": Ehrenamt & Technik # 1',
        "topics": "Community Management, netzwerkaufbau",
        "tags": "Ehrenamt",
        "description": "Ein Verein gewinnt Ehrenamtliche für Technik-AGs.",
        "authors": "Anna Beispiel, Redaktion der Wissenssammlung",
        "bundesland": "bremen",
        "organisation": "Verein",
        "network": "Regionales MINT-Netzwerk",
    },
}


def model_of(repo):
    return load_content_model(repo.projects, repo.root)


def create(repo, given: dict[str, str], ask=None):
    model = model_of(repo)
    values, slug = scaffold.collect(given, model, repo.projects, ask)
    new = scaffold.draft(values, model, TODAY, slug)
    scaffold.write(repo.root, new)
    return new


def refusal(repo, given: dict[str, str]) -> str:
    with pytest.raises(scaffold.ScaffoldError) as caught:
        create(repo, given)
    return str(caught.value)


@pytest.mark.parametrize("entry_type", sorted(COMPLETE))
def test_new_entry_is_refused_until_its_sections_have_text(repo, entry_type):
    new = create(repo, COMPLETE[entry_type])
    sections = model_of(repo).types[entry_type].sections
    problems = [str(p) for p in pipeline.check(repo.root).problems]
    headings = [number for number, line in enumerate(new.text.splitlines(), 1) if line.startswith("## ")]
    assert problems == [
        f"{new.path}:{number}: Der Abschnitt „{name}“ ist leer. Schreiben Sie Text darunter oder löschen Sie die Überschrift."
        for number, name in zip(headings, sections, strict=True)
    ]


@pytest.mark.parametrize("entry_type", sorted(COMPLETE))
def test_new_entry_of_each_type_passes_the_check_once_written(repo, entry_type):
    new = create(repo, COMPLETE[entry_type])
    write_sections(repo.root / new.path)
    result = pipeline.check(repo.root)
    assert [str(p) for p in result.problems] == []
    (entry,) = result.entries
    assert entry.slug == new.slug and entry.date == TODAY and new.missing == ()
    assert entry.title == " ".join(COMPLETE[entry_type]["title"].split())
    sections = model_of(repo).types[entry.type].sections
    assert [line[3:] for line in entry.body.splitlines() if line.startswith("## ")] == list(sections)


def test_values_are_written_in_the_vocabulary_of_the_content_model(repo):
    new = create(repo, COMPLETE["praxisbeispiel"])
    assert new.slug == "teil-a-ehrenamt-technik-1"
    head = new.text.split("\n---\n", 1)[0].splitlines()
    assert head == [
        "---",
        'title: "Teil \\"A\\": Ehrenamt & Technik # 1"',
        'description: "Ein Verein gewinnt Ehrenamtliche für Technik-AGs."',
        "date: 2026-11-26",
        "type: praxisbeispiel",
        "topics: [community-management, netzwerkaufbau]",
        "tags: [Ehrenamt]",
        'authors: ["Anna Beispiel", "Redaktion der Wissenssammlung"]',
        "fall: konstruiert  # eines von: konstruiert, eingereicht – siehe Leitfaden",
        "bundesland: Bremen",
        "organisation: Verein",
        "network: Regionales MINT-Netzwerk",
    ]


def test_values_not_given_are_empty_fields_the_check_explains(repo):
    given = {k: COMPLETE["praxisbeispiel"][k] for k in ("type", "title", "topics")}
    new = create(repo, given)
    assert new.missing == ("description", "tags", "authors", "bundesland", "organisation", "network")
    lines = new.text.splitlines()
    assert lines[8] == "fall: konstruiert  # eines von: konstruiert, eingereicht – siehe Leitfaden"
    assert lines[9] == (
        "bundesland:  # Bitte ausfüllen, eines von: Baden-Württemberg, Bayern, Berlin, Brandenburg, Bremen, Hamburg, "
        "Hessen, Mecklenburg-Vorpommern, Niedersachsen, Nordrhein-Westfalen, Rheinland-Pfalz, Saarland, Sachsen, "
        "Sachsen-Anhalt, Schleswig-Holstein, Thüringen"
    )
    write_sections(repo.root / new.path)
    problems = [str(p) for p in pipeline.check(repo.root).problems]
    path = f"projects/{new.slug}/index.md"
    assert [p.split(": Pflichtfeld ")[0] for p in problems] == [f"{path}:{n}" for n in (3, 7, 8, 10, 11, 12)]
    assert problems[3] == (
        f"{path}:10: Pflichtfeld „bundesland“ fehlt oder ist leer. Nur bei Praxisbeispielen – das Bundesland, "
        "in dem das Beispiel spielt. Beispiel: bundesland: Niedersachsen"
    )


def test_existing_entry_is_never_overwritten(repo):
    path = repo.entry("eine-projektarbeit", VALID_PAPER)
    before = path.read_bytes()
    message = refusal(repo, {**COMPLETE["projektarbeit"], "title": "Eine Projektarbeit!"})
    assert message == (
        "Den Eintrag projects/eine-projektarbeit/ gibt es schon. Wählen Sie einen anderen Titel "
        "oder bearbeiten Sie den vorhandenen Eintrag."
    )
    assert path.read_bytes() == before


def test_existing_title_in_another_folder_is_refused(repo):
    repo.entry("anderer-ordner", VALID_PAPER)
    assert refusal(repo, {**COMPLETE["projektarbeit"], "title": "eine  Projektarbeit"}) == (
        "Den Titel „eine Projektarbeit“ hat schon projects/anderer-ordner/index.md. Jeder Eintrag braucht einen eigenen Titel."
    )


def test_bad_titles_are_refused_with_a_clear_message(repo):
    assert refusal(repo, {**COMPLETE["projektarbeit"], "title": "x" * 121}) == (
        "Der Titel ist 121 Zeichen lang, erlaubt sind höchstens 120. Kürzen Sie ihn."
    )
    assert refusal(repo, {**COMPLETE["projektarbeit"], "title": "„…“ !?"}) == (
        "Aus dem Titel „„…“ !?“ lässt sich kein Ordnername bilden. Er braucht mindestens einen Buchstaben (a–z) oder eine Ziffer."
    )
    assert refusal(repo, {**COMPLETE["projektarbeit"], "title": "   "}) == (
        'Es fehlen Angaben: TITEL. Beispiel: make neu TYP=praxisbeispiel TITEL="Ehrenamtliche gewinnen und halten" '
        "THEMA=verstetigung – oder rufen Sie make neu ohne Angaben in einem Terminal auf, dann fragt es nach allem."
    )
    assert list(repo.projects.glob("*/index.md")) == []


def test_unknown_values_are_all_reported_with_a_suggestion(repo):
    message = refusal(
        repo, {"type": "projektarbeit", "title": "Neu", "topics": "verstetigen", "tags": "Ehrenamtt", "bundesland": "Bayern"}
    )
    assert message.splitlines() == [
        "„verstetigen“ ist als Thema nicht erlaubt. Meinten Sie „verstetigung“? Erlaubt sind: verstetigung, netzwerkaufbau, "
        "virtuell, laterale-fuehrung, community-management.",
        "Unbekanntes Schlagwort „Ehrenamtt“. Meinten Sie „Ehrenamt“? Alle Schlagwörter stehen in projects/_schlagwoerter.yml.",
        "BUNDESLAND gibt es nur bei: Praxisbeispiel. Lassen Sie die Angabe weg.",
    ]


def test_a_title_like_a_listing_page_gets_another_folder_name():
    assert scaffold.folder_name("Seite 2") == "eintrag-seite-2"


def test_long_titles_give_a_readable_folder_name():
    slug = scaffold.folder_name("Wie ein regionales Netzwerk Ehrenamtliche findet und über viele Jahre hinweg verlässlich hält")
    assert slug == "wie-ein-regionales-netzwerk-ehrenamtliche-findet-und-ueber"
    assert len(slug) <= scaffold.MAX_SLUG_LENGTH


def test_interactive_offers_numbers_and_asks_again_after_a_mistake(repo, capsys):
    answers = iter(
        ["4", "3", "", "Neues Beispiel", "2, 5", "Netzwerkpflge", "Netzwerkpflege", "Kurz.", "Anna Beispiel", "", "9", "Verein", "1"]
    )
    questions: list[str] = []

    def ask(question: str) -> str:
        questions.append(question)
        return next(answers)

    new = create(repo, {}, ask)
    assert "1) Projektarbeit" in questions[0] and "2) Themenbeitrag" in questions[0] and "3) Praxisbeispiel" in questions[0]
    assert "5) community-management – Community Management in der Netzwerkarbeit" in questions[4]
    assert "Netzwerkpflege" in questions[5]
    assert "1) konstruiert – Konstruiertes Fallbeispiel" in questions[9] and "(leer lassen = konstruiert)" in questions[9]
    err = capsys.readouterr().err
    assert "„4“ ist als Eintragsart nicht erlaubt." in err
    assert "Der Titel ist leer." in err
    assert "Unbekanntes Schlagwort „Netzwerkpflge“. Meinten Sie „Netzwerkpflege“?" in err
    write_sections(repo.root / new.path)
    assert pipeline.check(repo.root).problems == []
    entry = pipeline.check(repo.root).entries[0]
    assert (entry.type, entry.case, entry.title, entry.topics, entry.bundesland, entry.network) == (
        "praxisbeispiel",
        "konstruiert",
        "Neues Beispiel",
        ("netzwerkaufbau", "community-management"),
        "Niedersachsen",
        "Regionales MINT-Netzwerk",
    )
    assert new.slug == "neues-beispiel"


def run_cli(repo, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    return subprocess.run(
        [sys.executable, "-m", "mediathek", "neu", *args],
        cwd=repo.root,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )


def test_command_line_creates_the_entry_and_refuses_the_second_time(repo):
    args = ("--typ", "projektarbeit", "--titel", "Laterale Führung im Alltag", "--thema", "laterale-fuehrung")
    first = run_cli(repo, *args)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[:2] == [
        "Neuer Eintrag angelegt: projects/laterale-fuehrung-im-alltag/index.md",
        "Noch auszufüllen (in der Datei mit „Bitte ausfüllen“ markiert): description, tags, authors",
    ]
    second = run_cli(repo, *args)
    assert second.returncode == 1
    assert second.stderr == (
        "Den Eintrag projects/laterale-fuehrung-im-alltag/ gibt es schon. Wählen Sie einen anderen Titel oder bearbeiten "
        "Sie den vorhandenen Eintrag.\nEs wurde nichts angelegt.\n"
    )


def test_makefile_passes_every_parameter_to_the_script():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for parameter in scaffold.PARAMETERS:
        assert f'--{parameter.variable.lower()} $(call as_typed,{parameter.variable})' in makefile, parameter.variable


def test_make_neu_passes_every_character_of_a_title_as_typed(repo):
    """make expands `$` in a command-line variable unless the recipe takes its value unexpanded."""
    (repo.root / "Makefile").write_text((REPO / "Makefile").read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("scripts", ".venv"):
        (repo.root / name).symlink_to(REPO / name)
    title = "5 $ pro Tag, $$ und $(HOME) für O'Brien \"direkt\""
    done = subprocess.run(
        ["make", "-s", "-o", ".venv/.site-installed", "neu", "TYP=projektarbeit", f"TITEL={title}", "THEMA=laterale-fuehrung"],
        cwd=repo.root, stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (written,) = repo.projects.glob("*/index.md")
    front_matter = written.read_text(encoding="utf-8").split("---\n")[1]
    assert yaml.safe_load(front_matter)["title"] == title
