"""`aus-issue`: issue-form bodies (built from the form file) become the entry `make neu` writes, hostile ones stay harmless."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import REPO, VALID_PAPER
from mediathek.authoring import issueform, scaffold
from mediathek.content.contentmodel import load_content_model
from mediathek.content.slugs import is_slug
from mediathek.pages import pipeline

TODAY = dt.date(2026, 11, 26)
FORM = issueform.load_form(REPO / issueform.FORM_FILE)
BY_ID = {field.id: field for field in FORM}
MODEL = load_content_model(REPO / "projects", REPO)
CONSENT = {f.id: f.required_options for f in FORM if f.kind == "checkboxes"}


def render(answers: dict[str, object]) -> str:
    """The body GitHub writes for a submitted issue form: `### <label>`, a blank line, the answer."""
    parts = []
    for field in FORM:
        value = answers.get(field.id)
        if field.kind == "checkboxes":
            ticked = value if value is not None else CONSENT[field.id]
            text = "\n".join(f"- [{'X' if option in ticked else ' '}] {option}" for option in field.options)
        elif field.kind == "dropdown":
            text = ", ".join(value) if value else issueform.NO_RESPONSE
        else:
            text = value or issueform.NO_RESPONSE
        parts.append(f"### {field.label}\n\n{text}")
    return "\n\n".join(parts)


# What a proposer writes: a summary (required for papers) and a paragraph for the rest.
PROPOSED_TEXT = "## Zusammenfassung\n\nDas Netzwerk gewinnt Ehrenamtliche über persönliche Ansprache.\n\n## Vorgehen\n\nErst ein Treffen, dann feste Aufgaben."


def good_answers(entry_type: str, **changes: object) -> dict[str, object]:
    """A complete proposal of this type, every choice taken from the form's own options."""
    answers: dict[str, object] = {
        "titel": "Ehrenamtliche gewinnen und halten",
        "beschreibung": "Wie ein regionales Netzwerk Ehrenamtliche findet\nund über Jahre hält.",
        "art": [MODEL.types[entry_type].label],
        "themen": list(BY_ID["themen"].options[:2]),
        "schlagwoerter": ", ".join(MODEL.fields["tags"].example),
        "autorinnen": "Redaktion der Wissenssammlung, Anna Beispiel",
        "text": PROPOSED_TEXT,
    }
    for field_id, name in issueform.FIELD_OF.items():
        spec = MODEL.fields[name]
        dropdown = BY_ID[field_id].kind == "dropdown" and field_id not in answers
        if dropdown and (spec.only_for is None or entry_type in spec.only_for):
            answers[field_id] = [BY_ID[field_id].options[0]]
    answers.update(changes)
    return answers


def build(repo, answers_or_body, issue: int | None = 7):
    body = answers_or_body if isinstance(answers_or_body, str) else render(answers_or_body)
    model = load_content_model(repo.projects, repo.root)
    return issueform.build(body, FORM, model, repo.projects, TODAY, issue)


def create(repo, answers_or_body, issue: int | None = 7) -> scaffold.Draft:
    new, _ = build(repo, answers_or_body, issue)
    scaffold.write(repo.root, new)
    return new


def refusal(repo, answers_or_body) -> list[str]:
    with pytest.raises(issueform.IssueFormError) as caught:
        build(repo, answers_or_body)
    return caught.value.messages


def problems(repo) -> list[str]:
    return [str(p) for p in pipeline.check(repo.root).problems]


# --- the form and the content model know the same fields ------------------------------------------------


def test_every_form_field_has_a_place_and_every_make_neu_value_a_form_field():
    roles = set(issueform.FIELD_OF) | {issueform.TEXT_ID, issueform.ATTACHMENTS_ID, issueform.WORD_ID}
    assert {f.id for f in FORM if f.kind != "checkboxes"} == roles
    assert set(issueform.FIELD_OF.values()) == {p.field for p in scaffold.PARAMETERS} <= set(MODEL.fields)
    assert all(field.label and field.label == " ".join(field.label.split()) for field in FORM)
    assert len({f.label for f in FORM}) == len(FORM), "labels are the headings of the issue body; they must differ"
    assert any(f.required_options for f in FORM), "the form asks for the licence consent"


# --- good bodies --------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry_type", sorted(MODEL.types))
def test_a_complete_proposal_of_each_type_passes_the_check(repo, entry_type):
    text = "\n\n".join(f"### {section}\n\nText zu {section}." for section in MODEL.types[entry_type].sections)
    new = create(repo, good_answers(entry_type, text=text))
    assert problems(repo) == []
    (entry,) = pipeline.check(repo.root).entries
    assert (entry.slug, entry.type, entry.date) == ("ehrenamtliche-gewinnen-und-halten", entry_type, TODAY)
    assert entry.topics == tuple(MODEL.topics)[:2]
    assert entry.description == "Wie ein regionales Netzwerk Ehrenamtliche findet und über Jahre hält."
    assert entry.authors == ("Redaktion der Wissenssammlung", "Anna Beispiel")
    for section in MODEL.types[entry_type].sections:
        assert f"## {section}\n\nText zu {section}." in new.text


@pytest.mark.parametrize("entry_type", sorted(MODEL.types))
def test_without_text_the_entry_is_exactly_what_make_neu_writes(repo, entry_type):
    answers = good_answers(entry_type, text="")
    new, found = build(repo, answers)
    model = load_content_model(repo.projects, repo.root)
    given = {
        "type": entry_type,
        "title": answers["titel"],
        "description": answers["beschreibung"],
        "topics": ", ".join(MODEL.topics[t].slug for t in list(MODEL.topics)[:2]),
        "tags": answers["schlagwoerter"],
        "authors": answers["autorinnen"],
        **{
            issueform.FIELD_OF[i]: answers[i][0]
            for i in ("fall", "bundesland", "organisation", "netzwerk")
            if i in answers
        },
    }
    values, slug = scaffold.collect(given, model, repo.projects, None)
    assert new == scaffold.draft(values, model, TODAY, slug)
    assert found.text == "" and not found.has_attachments


def test_text_goes_under_the_sections_it_names_and_the_rest_comes_first(repo):
    text = "\n".join(
        [
            "Ein paar einleitende Sätze.",
            "",
            "# ausgangslage:",
            "Es war einmal ein Netzwerk.",
            "",
            "#### Einzelheiten",
            "Mehr dazu.",
            "",
            "## Übertragbar auf",
            "Andere Regionen.",
            "",
            "### Was funktioniert hat",
            "```",
            "## Stolpersteine",
            "```",
        ]
    )
    new = create(repo, good_answers("praxisbeispiel", text=text))
    body = new.text.split("\n---\n", 1)[1]
    # Sections the text does not fill („Vorgehen“, „Stolpersteine“) are dropped, as the template allows.
    assert body == "\n".join(
        [
            "",
            "<!-- Schreiben Sie Ihren Text unter die vorbereiteten Überschriften. Abschnitte, die nicht passen, dürfen Sie "
            "löschen; eine Überschrift ohne Text darunter ist ein Fehler. Diese Zeile erscheint nicht auf der Website. -->",
            "",
            "<!-- Der folgende Text stammt aus Issue #7. Bitte prüfen und auf die Abschnitte unten verteilen. -->",
            "",
            "Ein paar einleitende Sätze.",
            "",
            "## Ausgangslage",
            "",
            "Es war einmal ein Netzwerk.",
            "",
            "#### Einzelheiten",
            "",
            "Mehr dazu.",
            "",
            "## Was funktioniert hat",
            "",
            "```",
            "## Stolpersteine",
            "```",
            "",
            "## Übertragbar auf …",
            "",
            "Andere Regionen.",
        ]
    )
    assert problems(repo) == []


def test_headings_that_name_no_section_become_subheadings_and_level_one_is_gone(repo):
    text = "# Mein Titel\n\nEinleitung.\n\n## Zusammenfassung\n\nKurz.\n\n## Ausgangslage\n\nA.\n\n# Noch etwas\n\nB."
    new = create(repo, good_answers("projektarbeit", text=text))
    assert "\n### Mein Titel\n\nEinleitung.\n" in new.text
    assert "## Ausgangslage\n\nA.\n\n### Noch etwas\n\nB.\n" in new.text + "\n"
    assert problems(repo) == []


def test_topic_titles_with_commas_and_windows_line_breaks_are_read(repo):
    form = tuple(
        issueform.FormField(f.id, f.kind, f.label, f.required, (*f.options, "Eins, zwei"), f.multiple)
        if f.id == "themen"
        else f
        for f in FORM
    )
    body = render(good_answers("projektarbeit", themen=[BY_ID["themen"].options[0], "Eins, zwei"])).replace("\n", "\r\n")
    answers = issueform.parse_body(body, form)
    assert answers["themen"] == (BY_ID["themen"].options[0], "Eins, zwei")
    assert answers["titel"] == "Ehrenamtliche gewinnen und halten"


def test_optional_checkbox_not_ticked_and_fields_of_another_type_are_noted_for_the_maintainers(repo):
    answers = good_answers("projektarbeit", bundesland=[BY_ID["bundesland"].options[0]], anhaenge="![Foto](https://example.org/a.png)")
    new, found = build(repo, answers)
    assert "bundesland" not in new.text
    assert found.has_attachments
    label = BY_ID["bundesland"].label
    assert f"Die Angabe „{label}“ gilt nicht für diese Art von Eintrag und wurde nicht übernommen." in found.notes
    assert any(note.startswith("Im Formular nicht angekreuzt: „Bei einem Praxisbeispiel") for note in found.notes)
    report = issueform.report_created(new, found, 7)
    assert "\nCloses #7\n" in report
    assert f"`projects/{new.slug}/`" in report and "example.org" not in report


# --- proposals the tool refuses, in German -------------------------------------------------------------


def test_missing_answers_are_named_by_their_form_label(repo):
    messages = refusal(repo, good_answers("praxisbeispiel", titel="", schlagwoerter="", bundesland=[]))
    assert messages == [
        "Die Angabe „Titel“ fehlt. Bitte ergänzen Sie sie im Issue.",
        "Die Angabe „Schlagwörter“ fehlt. Bitte ergänzen Sie sie im Issue.",
        f"Die Angabe „{BY_ID['bundesland'].label}“ fehlt bei der Art „Praxisbeispiel“. Bitte ergänzen Sie sie im Issue.",
    ]


def test_unknown_topics_tags_and_choices_are_reported_with_suggestions(repo):
    messages = refusal(
        repo, good_answers("praxisbeispiel", themen=["Verstetigen"], schlagwoerter="Ehrenamtt, Verstetigung", organisation=["Firma"])
    )
    assert messages[0].startswith("„Verstetigen“ ist als Thema nicht erlaubt.")
    assert messages[1] == "Unbekanntes Schlagwort „Ehrenamtt“. Meinten Sie „Ehrenamt“? Alle Schlagwörter stehen in projects/_schlagwoerter.yml."
    assert messages[2].startswith("„Firma“ ist als Organisation nicht erlaubt.")


def test_the_licence_consent_must_be_ticked(repo):
    (field,) = [f for f in FORM if f.required_options]
    messages = refusal(repo, good_answers("projektarbeit", **{field.id: ()}))
    assert messages == [
        f"Im Feld „{field.label}“ ist „{field.required_options[0]}“ nicht angekreuzt. "
        "Ohne diese Zustimmung legt die Redaktion keinen Eintrag an."
    ]


def test_a_body_that_is_not_the_form_is_refused(repo):
    assert refusal(repo, "Hallo, hier ist mein Text.\n\n### Titel\n")[0].startswith("Im Issue fehlen Überschriften des Formulars")
    assert refusal(repo, "Hallo") == [
        "Das Issue folgt nicht dem Formular „Neuen Eintrag vorschlagen“: Keine der Überschriften des Formulars ist zu finden."
    ]
    assert refusal(repo, "") == refusal(repo, "Hallo")


def test_a_title_that_exists_already_is_refused_and_nothing_is_overwritten(repo):
    path = repo.entry("ehrenamtliche-gewinnen-und-halten", VALID_PAPER)
    before = path.read_bytes()
    assert refusal(repo, good_answers("projektarbeit")) == [
        "Den Eintrag projects/ehrenamtliche-gewinnen-und-halten/ gibt es schon. Wählen Sie einen anderen Titel "
        "oder bearbeiten Sie den vorhandenen Eintrag."
    ]
    new, _ = build(repo, good_answers("projektarbeit", titel="Neu"))
    with pytest.raises(scaffold.ScaffoldError):
        scaffold.write(repo.root, scaffold.Draft("ehrenamtliche-gewinnen-und-halten", new.path, new.text, ()))
    assert path.read_bytes() == before


# --- hostile bodies ----------------------------------------------------------------------------------------

HOSTILE_VALUES = [
    "A: B",
    "Titel # kein Kommentar",
    "--- \n---\nevil: true",
    "`rm -rf /` $(touch pwned) ${{ github.token }}",
    'Anführungszeichen " und \\ und \' ',
    "Null\x00Byte\x1b[31m rot\x07 \u202eLTR",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "[Link](javascript:alert(1)) @everyone #1",
    "ja",
    "- [X] Liste",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_values_in_front_matter_fields_are_kept_as_plain_text(repo, value):
    title = f"Titel {value}"[:120]
    answers = good_answers("projektarbeit", titel=title, beschreibung=value, autorinnen=f"{value.replace(',', ' ')}, B")
    new = create(repo, answers)
    assert problems(repo) == []
    (entry,) = pipeline.check(repo.root).entries
    cleaned = " ".join(issueform.clean(value).split())
    assert entry.title == " ".join(issueform.clean(title).split())
    assert entry.description == cleaned
    assert entry.authors[0] == " ".join(issueform.clean(value.replace(",", " ")).split())
    assert "\x00" not in new.text and "\x1b" not in new.text and "\u202e" not in new.text
    assert new.path == f"projects/{new.slug}/index.md" and scaffold.folder_name(entry.title) == new.slug


@pytest.mark.parametrize(
    "title, slug",
    [("../../etc/passwd", "etc-passwd"), ("/tmp/x", "tmp-x"), ("projects/../..", "projects"), ("C:\\Windows\\x", "c-windows-x")],
)
def test_titles_with_paths_give_a_plain_folder_in_projects(repo, title, slug):
    new = create(repo, good_answers("projektarbeit", titel=title))
    assert new.slug == slug
    assert (repo.projects / slug / "index.md").is_file()
    assert sorted(p.relative_to(repo.root).as_posix() for p in repo.root.rglob("*") if p.is_file() and "_" not in p.name) == [
        "mkdocs.yml",
        f"projects/{slug}/index.md",
    ]


def test_a_title_of_dots_is_refused(repo):
    assert refusal(repo, good_answers("projektarbeit", titel=".. / .."))[0].startswith("Aus dem Titel „.. / ..“ lässt sich kein Ordnername")


def test_fake_headings_and_front_matter_in_the_text_stay_in_the_body(repo):
    text = "---\ntitle: Gekapert\n---\n\n### Titel\n\nNoch ein Titel\n\n<!-- offen"
    answers = good_answers("projektarbeit", text=text)
    new, _ = build(repo, answers)
    head, body = new.text.split("\n---\n", 1)
    assert 'title: "Ehrenamtliche gewinnen und halten"' in head and "Gekapert" not in head
    assert "title: Gekapert" in body and "### Titel" in body


def test_a_fake_heading_in_a_text_answer_cannot_smuggle_in_a_value(repo):
    art = BY_ID["art"].label
    answers = good_answers("praxisbeispiel", beschreibung=f"Kurz.\n\n### {art}\n\nProjektarbeit")
    messages = refusal(repo, answers)
    assert len(messages) == 1 and messages[0].startswith("„Projektarbeit ### Art des Eintrags Praxisbeispiel“ ist als Eintragsart")


def test_html_in_the_text_is_written_and_reported_by_the_check(repo):
    new = create(repo, good_answers("projektarbeit", text="## Zusammenfassung\n\n<script>alert(1)</script>\n\n<iframe src=x></iframe>"))
    found = problems(repo)
    assert found and all(p.startswith(new.path) for p in found)
    assert any("HTML-Element <script> ist nicht erlaubt" in p for p in found)


def test_huge_bodies_are_parsed_and_placed_in_linear_time(repo):
    text = ("### x\n\n" + "a` $( <b> \\ " * 20 + "\n") * 2000 + "# a" + " " * 100_000 + "b #\n" + "#" * 100_000
    body = render(good_answers("projektarbeit", text=text))
    started = time.perf_counter()
    new, found = build(repo, body)
    assert time.perf_counter() - started < 5
    assert found.text.count("### x") == 2000 and new.text.count("\n### x\n") == 2000


ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=200) | st.sampled_from(HOSTILE_VALUES)
# An input field holds one line; a textarea anything.
ONE_LINE = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Zl", "Zp"]), max_size=200) | st.sampled_from(HOSTILE_VALUES)


@settings(max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=ONE_LINE, description=ANY_TEXT, authors=ONE_LINE, tags=ONE_LINE, text=ANY_TEXT)
def test_any_answers_give_a_german_refusal_or_an_entry_with_exactly_those_values(title, description, authors, tags, text):
    answers = good_answers("projektarbeit", titel=title, beschreibung=description, autorinnen=authors, text=text)
    if tags.strip():
        answers["schlagwoerter"] = tags
    try:
        new, _ = issueform.build(render(answers), FORM, MODEL, REPO / "projects", TODAY, 1)
    except issueform.IssueFormError as err:
        assert err.messages and all(message.strip() for message in err.messages)
        return
    assert is_slug(new.slug) and new.path == f"projects/{new.slug}/index.md"
    head = yaml.safe_load(new.text.split("\n---\n", 1)[0])
    assert head["title"] == " ".join(issueform.clean(title).split())
    if "###" not in description:  # a textarea line that repeats a later field's heading ends the answer there
        assert head["description"] == " ".join(issueform.clean(description).split())
    assert "\x00" not in new.text


def test_reports_keep_proposers_text_inert():
    text = "```` @everyone <img src=x onerror=alert(1)> ``` ```````"
    block = issueform.fenced(text)
    fence = block.split("text\n", 1)[0]
    assert len(fence) == 8 and block.endswith("\n" + fence) and fence not in text
    report = issueform.report_refused([text], "projects/x/index.md")
    assert block in report and report.count("@everyone") == 1


# --- the command -----------------------------------------------------------------------------------------


BODY_FILE = "issue-body.md"


@pytest.fixture
def cli_repo(repo):
    (repo.root / issueform.FORM_FILE).parent.mkdir(parents=True)
    shutil.copy(REPO / issueform.FORM_FILE, repo.root / issueform.FORM_FILE)
    return repo


def run(repo, body: str | bytes, *args: str) -> subprocess.CompletedProcess:
    body_file = repo.root / BODY_FILE
    body_file.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "GITHUB_ACTIONS": ""}
    return subprocess.run(
        [sys.executable, "-m", "mediathek", "aus-issue", "--body-file", str(body_file), *args],
        cwd=repo.root,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )


def files(repo) -> dict[str, bytes]:
    """Every file in the scratch repository but the body file the test hands in."""
    found = {p.relative_to(repo.root).as_posix(): p.read_bytes() for p in repo.root.rglob("*") if p.is_file()}
    found.pop(BODY_FILE, None)
    return found


def test_command_writes_a_valid_entry_and_prints_the_pull_request_text(cli_repo):
    before = files(cli_repo)
    done = run(cli_repo, render(good_answers("praxisbeispiel", text="## Vorgehen\n\nSo.")), "--issue", "12")
    assert done.returncode == issueform.EXIT_CREATED, done.stderr
    path = "projects/ehrenamtliche-gewinnen-und-halten/index.md"
    assert done.stdout.startswith(f"Aus dem Formular ist der neue Eintrag `{path}` entstanden.")
    assert "\nCloses #12\n" in done.stdout
    after = files(cli_repo)
    assert set(after) - set(before) == {path}
    assert all(after[name] == data for name, data in before.items())
    assert f"date: {dt.date.today().isoformat()}" in after[path].decode()


def test_command_never_overwrites(cli_repo):
    body = render(good_answers("projektarbeit"))
    assert run(cli_repo, body).returncode == 0
    entry = cli_repo.projects / "ehrenamtliche-gewinnen-und-halten" / "index.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nvon Hand ergänzt\n", encoding="utf-8")
    before = files(cli_repo)
    again = run(cli_repo, body, "--issue", "3")
    assert again.returncode == issueform.EXIT_REFUSED
    assert "gibt es schon" in again.stdout and "Es wurde nichts angelegt." in again.stderr
    assert files(cli_repo) == before


def test_command_reports_the_checks_messages_as_a_comment(cli_repo):
    done = run(cli_repo, render(good_answers("projektarbeit", text="## Zusammenfassung\n\n<script>alert(1)</script>")), "--issue", "5")
    assert done.returncode == issueform.EXIT_CHECK_FAILED
    assert done.stdout.startswith("Aus diesem Vorschlag ließ sich noch kein Eintrag anlegen. Die automatische Prüfung meldet:\n\n```text\n")
    assert "HTML-Element <script> ist nicht erlaubt" in done.stdout and "Closes" not in done.stdout
    assert "Die Zeilenangaben beziehen sich auf die Datei `projects/ehrenamtliche-gewinnen-und-halten/index.md`" in done.stdout
    assert "1 Problem gefunden" in done.stderr


def test_command_refuses_bad_and_huge_bodies_without_writing(cli_repo):
    before = files(cli_repo)
    bad = run(cli_repo, render(good_answers("projektarbeit", schlagwoerter="Unbekannt")))
    assert bad.returncode == issueform.EXIT_REFUSED and "Unbekanntes Schlagwort „Unbekannt“" in bad.stdout
    limit = MODEL.limits.entry_bytes
    huge = run(cli_repo, render(good_answers("projektarbeit", text="x" * limit)))
    assert huge.returncode == issueform.EXIT_REFUSED and f"länger als {limit // 1024} KB" in huge.stdout
    binary = run(cli_repo, b"\x00\xff\xfe### Titel\n\x00")
    assert binary.returncode == issueform.EXIT_REFUSED
    for done in (bad, huge, binary):
        assert done.stdout.count("```text") == 1
    assert files(cli_repo) == before


def test_command_help_is_german_and_names_the_exit_codes(cli_repo):
    done = subprocess.run(
        [sys.executable, "-m", "mediathek", "aus-issue", "--help"],
        cwd=cli_repo.root,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts"), "COLUMNS": "200"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert "Rückgabewerte: 0 = Eintrag angelegt und fehlerfrei" in done.stdout and "Überschreibt nie" in done.stdout
    bad = run(cli_repo, "x", "--issue", "../1")
    assert bad.returncode == 2 and "keine Issue-Nummer" in bad.stderr


def test_the_form_file_is_read_not_repeated():
    form = yaml.safe_load((REPO / issueform.FORM_FILE).read_text(encoding="utf-8"))
    labels = [item["attributes"]["label"] for item in form["body"] if item["type"] != "markdown"]
    source = (REPO / "scripts" / "mediathek" / "authoring" / "issueform.py").read_text(encoding="utf-8")
    assert [f.label for f in FORM] == labels
    assert not [label for label in labels if f'"{label}"' in source]


def test_contributing_explains_the_messages_a_proposer_gets(repo):
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split("### Was nach dem Absenden geschieht", 1)[1]
    repo.entry("ehrenamtliche-gewinnen-und-halten", VALID_PAPER)
    (consent,) = [f for f in FORM if f.required_options]
    cases = {
        "Die Angabe „": good_answers("projektarbeit", autorinnen=""),
        f"Im Feld „{consent.label}“ ist „": good_answers("projektarbeit", **{consent.id: ()}),
        "Im Issue fehlen Überschriften des Formulars": render(good_answers("projektarbeit")).replace("### Themen", "Themen"),
        "Unbekanntes Schlagwort „": good_answers("projektarbeit", titel="Neu", schlagwoerter="Gibtsnicht"),
        "Den Eintrag projects/": good_answers("projektarbeit"),
    }
    for documented, proposal in cases.items():
        assert f"| „{documented}" in guide, documented
        assert refusal(repo, proposal)[0].startswith(documented)


def test_what_the_template_holds_under_a_heading_is_kept():
    draft = "---\ntitle: x\n---\n\n<!-- Vorlage -->\n\nHinweis zur Art.\n\n## Eins\n\n<!-- Tipp 1 -->\n\n## Zwei\n"
    text = "Vorweg.\n\n## Eins\n\nErster.\n\n## Zwei\n\nZweiter."
    assert issueform.place_text(draft, ("Eins", "Zwei"), text, None) == (
        "---\ntitle: x\n---\n\n<!-- Vorlage -->\n\nHinweis zur Art.\n\n"
        "<!-- Der folgende Text stammt aus dem Formular „Neuen Eintrag vorschlagen“. Bitte prüfen und auf die Abschnitte "
        "unten verteilen. -->\n\nVorweg.\n\n"
        "## Eins\n\n<!-- Tipp 1 -->\n\nErster.\n\n## Zwei\n\nZweiter."
    )
