"""CONTRIBUTING.md tells the truth: its example entry passes the check, its messages are the real ones."""

from __future__ import annotations

import re

import pytest

from conftest import REPO, VALID_PAPER
from mediathek.pages import pipeline

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLE_SLUG = "ehrenamtliche-gewinnen-und-halten"


def example() -> str:
    match = re.search(r"<!-- tests/test_contributing\.py[^>]*-->\n```markdown\n(.*?)\n```\n", GUIDE, re.DOTALL)
    assert match, "CONTRIBUTING.md: the example entry must follow the marker comment"
    return match.group(1) + "\n"


@pytest.fixture
def guide_repo(repo):
    # The example links to this entry; a stand-in with its slug is enough.
    repo.entry("community-management-in-der-netzwerkarbeit", VALID_PAPER)
    return repo


def test_the_example_entry_passes_the_check(guide_repo):
    guide_repo.entry(EXAMPLE_SLUG, example())
    result = pipeline.check(guide_repo.root)
    assert [str(p) for p in result.problems] == []
    entry = next(e for e in result.entries if e.slug == EXAMPLE_SLUG)
    sections = [line[3:] for line in entry.body.splitlines() if line.startswith("## ")]
    assert sections == list(result.model.types[entry.type].sections)
    # Every field the guide's table explains exists in the content model.
    documented = set(re.findall(r"^\| `([a-z]+)`", GUIDE, re.MULTILINE))
    assert documented and documented <= set(result.model.fields)


MISTAKES = [
    (lambda t: t.replace("---\n", "", 1), "Die Datei beginnt nicht mit Metadaten"),
    (lambda t: t.replace("---\n\n##", "\n##", 1), "Der Metadatenblock wird nicht geschlossen"),
    (
        lambda t: t.replace('title: "Ehrenamtliche gewinnen und halten"', "title: Ehrenamt: gewinnen"),
        "Die Metadaten sind kein gültiges YAML: ein Doppelpunkt mitten im Wert",
    ),
    (lambda t: t.replace("title:", "tilte:"), "Unbekanntes Feld „"),
    (lambda t: t.replace("bundesland: Bremen\n", ""), "Pflichtfeld „"),
    (lambda t: t.replace("type: praxisbeispiel", "type: themenbeitrag"), "Das Feld „"),
    (lambda t: t.replace("Redaktion der Wissenssammlung", "Projektgruppe Ehrenamt"), "Die Verfasserangabe „"),
    (
        lambda t: t.replace("## Vorgehen\n", "## Vorgehen\n\nDieser Text ist im Lehrgang entstanden.\n"),
        "behauptet, der Text stamme aus dem Lehrgang",
    ),
    (lambda t: t.replace("Netzwerkpflege]", "Netzwerkpflge]"), "Unbekanntes Schlagwort „"),
    (lambda t: t.replace("topics: [community-management", "topics: [community"), "nicht erlaubt. Meinten Sie"),
    (lambda t: t.replace("2026-11-26", "26.11.2026"), "ist kein Datum im Format JJJJ-MM-TT"),
    (lambda t: t.replace("## Ausgangslage", "# Ausgangslage"), "Überschriften erster Ebene (# …) setzt die Website selbst"),
    (lambda t: t.replace("verändert:\n\n-", "verändert:\n-"), "Vor einer Liste muss eine Leerzeile stehen"),
    (lambda t: t.replace("../community-management-in", "../community-managment-in"), "Das Link-Ziel „"),
    (lambda t: t + "\n![](bild.png)\n", "Das Bild hat keinen Alternativtext"),
    (lambda t: t + "\n![Ein Foto](https://example.org/bild.png)\n", "von fremden Servern sind nicht erlaubt"),
]


@pytest.mark.parametrize("mistake, documented", MISTAKES, ids=[m[1] for m in MISTAKES])
def test_each_documented_message_is_what_the_check_says(guide_repo, mistake, documented):
    assert documented in GUIDE, f"CONTRIBUTING.md should explain „{documented}“"
    guide_repo.entry(EXAMPLE_SLUG, mistake(example()))
    messages = [p.message for p in pipeline.check(guide_repo.root).problems if p.path.startswith(f"projects/{EXAMPLE_SLUG}/")]
    assert any(documented in message for message in messages), messages


def test_the_mitmachen_page_links_to_the_guide():
    page = (REPO / "docs" / "mitmachen.md").read_text(encoding="utf-8")
    assert "]({{ repo_url }}/blob/main/CONTRIBUTING.md)" in page
