"""An author's pull request, end to end in a copy of the checkout: what CI runs must pass.

The copy gets a new practice example made with `make neu` (about 1,200 words, one optional section
deleted, an attachment), a project paper of a later course group on a topic that already has one,
and an edit of an existing entry. Then every step of the PR workflow runs as written in
.github/workflows/pr.yml, except `make test` itself: its content-dependent part (the tests that
read the real content, without the browser) runs on the copy instead.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, copy_checkout
from mediathek.content.contentmodel import load_content_model

pytestmark = pytest.mark.build  # whole-site builds: left out by make test-fast

TAGS = [tag.label for tag in load_content_model(REPO / "projects", REPO).tags.values()][:2]  # any two of the vocabulary

CONTENT_TESTS = ("tests/test_content.py", "tests/test_site.py")
SENTENCES = (
    "Im Landkreis gab es viele einzelne Angebote zur Berufsorientierung, aber kaum Absprachen zwischen ihnen.",
    "Die Koordinatorin lud deshalb Schulen, Betriebe und die Kammer zu einem ersten Austausch ein.",
    "Schnell zeigte sich, dass alle Beteiligten dieselben Jugendlichen erreichen wollten, nur zu unterschiedlichen Zeiten.",
    "Ein gemeinsamer Kalender machte sichtbar, wo sich Termine überschnitten und wo Lücken blieben.",
    "Die Auszubildenden der Betriebe erzählten in den Klassen von ihrem Alltag, und die Fragen der Schüler*innen wurden konkreter.",
    "Wichtig war, die Lehrkräfte früh einzubinden, damit die Besuche in den Unterricht passten.",
    "Nicht jeder Besuch gelang: Manchmal fehlte die Zeit für Nachfragen, manchmal passte die Gruppe nicht zum Beruf.",
    "Nach dem ersten Jahr hielt das Netzwerk fest, welche Formate es beibehalten wollte und welche nicht.",
)


def text_of(words: int) -> str:
    """Paragraphs of plain German sentences, together about `words` words long."""
    out: list[str] = []
    count = 0
    while count < words:
        sentence = SENTENCES[len(out) % len(SENTENCES)]
        out.append(sentence)
        count += len(sentence.split())
    return "\n\n".join(" ".join(out[i : i + 4]) for i in range(0, len(out), 4))


def run(root: Path, command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=900,
    )


def workflow_steps() -> list[tuple[str, dict[str, str]]]:
    """The shell steps of every job of the PR workflow: (command, its env)."""
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8"))
    return [
        (step["run"], {key: str(value) for key, value in (step.get("env") or {}).items()})
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "run" in step
    ]


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory) -> Path:
    root = copy_checkout(tmp_path_factory.mktemp("pr") / "checkout", tests=True)
    (root / ".venv").symlink_to(REPO / ".venv")
    made = run(
        root,
        'make neu TYP=praxisbeispiel TITEL="Schulbesuche von Auszubildenden" THEMA=netzwerkaufbau '
        f'SCHLAGWOERTER="{TAGS[0]}, {TAGS[1]}" BESCHREIBUNG="Wie Auszubildende in Schulen von ihrem Beruf erzählen." '
        'AUTOREN="Anna Beispiel" BUNDESLAND=Bremen ORGANISATION=IHK NETZWERK="Netzwerk Schule–Wirtschaft"',
    )
    assert made.returncode == 0, made.stdout + made.stderr
    example = root / "projects" / "schulbesuche-von-auszubildenden" / "index.md"
    text = example.read_text(encoding="utf-8")
    text = text.replace("\n## Übertragbar auf …\n", "\n")  # the template says sections that do not fit may go
    text = re.sub(r"^(## .+)$", lambda m: f"{m.group(1)}\n\n{text_of(300)}", text, flags=re.MULTILINE)
    text = text.replace("## Vorgehen\n", "## Vorgehen\n\nDie [Checkliste für Schulbesuche](checkliste.pdf) fasst die Schritte zusammen.\n")
    text = text.replace("\n---\n", "\nattachments:\n  - file: checkliste.pdf\n    title: Checkliste für Schulbesuche\n---\n", 1)
    example.write_text(text, encoding="utf-8")
    (example.parent / "checkliste.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    paper = root / "projects" / "verstetigung-aus-sicht-einer-kommune" / "index.md"
    paper.parent.mkdir()
    sections = ("Zusammenfassung", "Ausgangslage", "Erkenntnisse", "Handlungsempfehlungen")
    paper.write_text(
        "---\n"
        'title: "Verstetigung aus Sicht einer Kommune"\n'
        'description: "Was eine Kommune tun kann, damit ein MINT-Angebot nach der Förderung bleibt."\n'
        "date: 2027-03-01\n"
        "type: projektarbeit\n"
        "topics: [verstetigung]\n"
        f"tags: [{TAGS[0]}]\n"
        'authors: ["Projektgruppe Verstetigung (zweiter Lehrgang)"]\n'
        "---\n"
        + "".join(f"\n## {name}\n\n{text_of(260)}\n" for name in sections),
        encoding="utf-8",
    )

    edited = sorted(p for p in (root / "projects").glob("*/index.md") if p.parent.name not in (example.parent.name, paper.parent.name))[0]
    edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + "\n\nEin Nachtrag der Autorin zu diesem Eintrag.\n", encoding="utf-8")
    return root


def test_the_new_entries_are_what_the_case_asks_for(pull_request):
    example = (pull_request / "projects" / "schulbesuche-von-auszubildenden" / "index.md").read_text(encoding="utf-8")
    body = example.split("\n---\n", 1)[1]
    assert "## Übertragbar auf …" not in body and "## Ausgangslage" in body
    prose = re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL).splitlines()
    assert 1150 <= sum(len(line.split()) for line in prose if not line.startswith("#")) <= 1300


def test_make_check_accepts_the_pull_request(pull_request):
    done = run(pull_request, "make check")
    assert done.returncode == 0, done.stdout + done.stderr
    entries = len(list((pull_request / "projects").glob("*/index.md")))  # the collection's and the two new ones
    assert f"Alles in Ordnung: {entries} Einträge geprüft" in done.stdout


def test_every_step_of_the_pr_workflow_passes(pull_request):
    steps = workflow_steps()
    assert any("make check" in command for command, _ in steps) and any("make test" in command for command, _ in steps)
    for command, env in steps:
        if command.strip() == "make test":
            continue  # this suite itself; its content-dependent part runs in the next test
        done = run(pull_request, command, env)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    assert (pull_request / "site" / "mediathek" / "schulbesuche-von-auszubildenden" / "checkliste.pdf").is_file()


def test_the_tests_that_read_the_content_pass_on_the_pull_request(pull_request):
    done = run(pull_request, f".venv/bin/python -m pytest -q -p no:cacheprovider {' '.join(CONTENT_TESTS)}", {"PYTHONPATH": "scripts"})
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
    assert re.search(r"\d+ passed", done.stdout)
