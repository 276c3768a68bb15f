"""Mistakes in the content model's data files: German, with file and line, all at once."""

from __future__ import annotations

import datetime as dt

from conftest import REPO
from mediathek.catalog.overview import overview
from mediathek.content.model import Entry
from mediathek.pages import pipeline

MODEL = "projects/_inhaltsmodell.yml"


def problems(repo) -> list[str]:
    return [str(p) for p in pipeline.check(repo.root).problems]


def edit(repo, name: str, old: str, new: str) -> None:
    path = repo.projects / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(repo, name: str, needle: str) -> int:
    lines = (repo.projects / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_every_mistake_in_every_data_file_is_reported_with_its_line(repo):
    edit(repo, "_inhaltsmodell.yml", "    label: Praxisbeispiel\n", "")
    edit(repo, "_inhaltsmodell.yml", "    max_length: 120", "    max_length: viele")
    edit(repo, "_inhaltsmodell.yml", "    kind: date", "    kind: datum")
    edit(repo, "_themen.yml", "- slug: verstetigung", "- slug: Verstetigung")
    edit(repo, "_schlagwoerter.yml", "- label: Fördermittel\n  description:", "- label: Fördermittel\n  beschreibung:")
    assert problems(repo) == [
        f"{MODEL}:{line_of(repo, '_inhaltsmodell.yml', '  praxisbeispiel:')}: Bei „types.praxisbeispiel“ fehlt der Schlüssel „label“ oder sein Wert.",
        f"{MODEL}:{line_of(repo, '_inhaltsmodell.yml', 'max_length: viele')}: „fields.title.max_length“ muss eine ganze Zahl ab 0 sein, nicht „viele“.",
        f"{MODEL}:{line_of(repo, '_inhaltsmodell.yml', 'kind: datum')}: „fields.date.kind“: unbekannte Art „datum“. "
        "Erlaubt: text, date, choice, choices, texts, attachments.",
        f"projects/_schlagwoerter.yml:{line_of(repo, '_schlagwoerter.yml', 'label: Fördermittel')}: "
        "Bei „Schlagwort „Fördermittel““ fehlt der Schlüssel „description“ oder sein Wert.",
        f"projects/_themen.yml:{line_of(repo, '_themen.yml', 'slug: Verstetigung')}: „Verstetigung“ ist kein gültiger "
        "Kurzname: nur Kleinbuchstaben a–z, Ziffern und Bindestriche.",
    ]


def test_broken_yaml_in_a_data_file_is_explained_in_german(repo):
    edit(repo, "_glossar.yml", '- term: "MINT"', "- term: MINT: Fächer")
    edit(repo, "_themen.yml", "  short: Verstetigung", "  short: [Verstetigung")
    found = problems(repo)
    assert found == [
        f"projects/_glossar.yml:{line_of(repo, '_glossar.yml', 'term: MINT: Fächer')}: Die Datei ist kein gültiges YAML: "
        "ein Doppelpunkt mitten im Wert. Setzen Sie den Wert in Anführungszeichen, zum Beispiel title: \"Teil A: Teil B\".",
        found[1],
    ]
    assert found[1].startswith("projects/_themen.yml:") and "Die Datei ist kein gültiges YAML" in found[1]


def test_a_missing_data_file_and_a_broken_one_are_reported_together(repo):
    (repo.projects / "_themen.yml").unlink()
    first = pipeline.load_content_model(REPO / "projects", REPO).tags
    label = next(iter(first.values())).label
    with (repo.projects / "_schlagwoerter.yml").open("a", encoding="utf-8") as tags:
        tags.write(f"- label: {label}\n  description: Noch einmal.\n")
    last = len((repo.projects / "_schlagwoerter.yml").read_text(encoding="utf-8").splitlines()) - 1
    assert problems(repo) == [
        f"projects/_schlagwoerter.yml:{last}: Das Schlagwort „{label}“ steht doppelt im Verzeichnis.",
        "projects/_themen.yml: Die Datei fehlt. Sie gehört zum Inhaltsmodell der Mediathek.",
    ]


def entry(
    slug: str, kind: str, topics: tuple[str, ...], tags: tuple[str, ...], land: str | None = None, organisation: str | None = None,
    case: str | None = None,
) -> Entry:
    return Entry(
        slug=slug, path=f"projects/{slug}/index.md", title=slug, description="", date=dt.date(2026, 11, 26), type=kind,
        topics=topics, tags=tags, authors=("Redaktion der Wissenssammlung",), license="CC-BY-4.0", body="",
        bundesland=land, organisation=organisation, case=case or ("konstruiert" if kind == "praxisbeispiel" else None),
    )


def test_collection_goals_are_a_maintainers_overview_not_an_error(valid_repo):
    model = pipeline.check(valid_repo.root).model
    twice, once, *unused = model.tags.values()
    entries = [
        entry("a", "praxisbeispiel", ("verstetigung",), (twice.slug, once.slug), "Bremen", "Verein", case="eingereicht"),
        entry("b", "praxisbeispiel", ("verstetigung", "netzwerkaufbau"), (twice.slug,), "Bremen", "Stiftung", case="eingereicht"),
        entry("d", "praxisbeispiel", ("netzwerkaufbau",), (twice.slug,), "Hessen", "Verein"),  # constructed: its Land counts for nothing
        entry("c", "projektarbeit", ("verstetigung",), (twice.slug,)),
    ]
    lines = overview(entries, model)
    assert lines[0] == "Die Sammlung: 1 Projektarbeit, 0 Themenbeiträge, 3 Praxisbeispiele."
    assert "Thema „Verstetigung“: 2 Praxisbeispiele (Ziel: mindestens 3)." in lines
    assert "Eingereichte echte Fälle aus 1 Bundesländern (Ziel: mindestens 8)." in lines
    assert any(line.startswith("Noch kein eingereichter echter Fall aus: ") and "Hessen" in line for line in lines)
    assert any(line.startswith("Noch kein Praxisbeispiel einer Organisation der Art: Handwerkskammer, IHK,") for line in lines)
    assert f"Schlagwörter mit weniger als 2 Einträgen: {once.label}." in lines
    assert "Schlagwörter ohne Eintrag: " + ", ".join(tag.label for tag in unused) + "." in lines


def test_make_check_prints_the_overview_after_the_all_clear(valid_repo, capsys, monkeypatch):
    from mediathek.__main__ import main

    monkeypatch.chdir(valid_repo.root)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Alles in Ordnung: 2 Einträge geprüft, keine Probleme gefunden.\n\nÜbersicht für Betreuer*innen")
    assert "  Thema „Verstetigung“: 1 Praxisbeispiele (Ziel: mindestens 3)." in out
