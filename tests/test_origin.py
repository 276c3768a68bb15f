"""No text claims an origin it lacks: only a course group's paper may say it comes from the course.

The guard (mediathek/content/origin.py, phrases in projects/_inhaltsmodell.yml) on small entries, the
content model's own checks of its notices and phrases, and the real collection as readers and
machines get it: citations, feeds, catalog.json and structured data.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO, VALID_EDITORIAL as EDITORIAL, VALID_EXAMPLE, VALID_PAPER
from mediathek.pages import pipeline
from mediathek.site.stage import load_settings

ONLY_PAPERS = "Nur Einträge der Art „projektarbeit“ (Projektarbeiten einer Lehrgangsgruppe, mit deren Zustimmung) dürfen"
PAPER_SLUGS = (
    "nachhaltige-verstetigung-von-mint-projekten",
    "aufbau-und-entwicklung-von-netzwerken",
    "mint-in-herausfordernden-zeiten",
    "fuehren-im-netzwerk-lateral-erfolgreich",
    "community-management-in-der-netzwerkarbeit",
)


def problems(repo) -> list[str]:
    return [str(p) for p in pipeline.check(repo.root).problems]


def claim(path: str, line: int, phrase: str) -> str:
    return f"{path}:{line}: Die Wendung „{phrase}“ behauptet, der Text stamme aus dem Lehrgang. {ONLY_PAPERS} das sagen – bitte umformulieren."


def test_an_editorial_text_passes(repo):
    repo.entry("beitrag", EDITORIAL)
    assert problems(repo) == []


def test_a_group_as_author_is_reported_at_its_line(repo):
    repo.entry("beitrag", EDITORIAL.replace('["Redaktion der Wissenssammlung"]', '["Redaktion der Wissenssammlung", "Projektgruppe Verstetigung"]'))
    assert problems(repo) == [
        "projects/beitrag/index.md:8: Die Verfasserangabe „Projektgruppe Verstetigung“ nennt eine Gruppe aus dem Lehrgang. "
        f"{ONLY_PAPERS} so zeichnen – nennen Sie, wer den Text geschrieben hat, zum Beispiel „Redaktion der Wissenssammlung“."
    ]


def test_a_group_in_a_block_list_is_reported_at_its_own_line(repo):
    authors = "authors:\n  - Redaktion der Wissenssammlung\n  - projektgruppe Netzwerkaufbau"
    repo.entry("beitrag", EDITORIAL.replace('authors: ["Redaktion der Wissenssammlung"]', authors))
    assert [p.split(": Die", 1)[0] for p in problems(repo)] == ["projects/beitrag/index.md:10"]


def test_first_person_origin_claims_are_reported_with_file_and_line(repo):
    body = (
        "Ein Text über Verstetigung. Diese Arbeit ist im Pilotlehrgang\n"
        "entstanden.\n\nWie alle Projektgruppen des Lehrgangs haben wir zu viert gearbeitet.\n"
    )
    repo.entry("beitrag", EDITORIAL.replace("Ein Text über Verstetigung.\n", body))
    assert problems(repo) == [
        claim("projects/beitrag/index.md", 13, "Diese Arbeit ist im Pilotlehrgang entstanden"),
        claim("projects/beitrag/index.md", 16, "alle Projektgruppen des Lehrgangs"),
        claim("projects/beitrag/index.md", 16, "wir zu viert"),
    ]


def test_claims_about_what_participants_said_are_reported_in_every_text_field(valid_repo):
    valid_repo.entry(
        "beispiel",
        VALID_EXAMPLE.replace("Ein Praxisbeispiel", "Noch ein Beispiel")
        .replace('"Kurze Beschreibung des Beispiels."', '"Im Lehrgang haben die Koordinator*innen das oft erlebt."')
        .replace("## Ausgangslage\n", "## Ausgangslage\n\nDie Teilnehmenden nannten drei Gründe.\n"),
    )
    assert problems(valid_repo) == [
        claim("projects/beispiel/index.md", 3, "Im Lehrgang haben die Koordinator*innen"),
        claim("projects/beispiel/index.md", 16, "Die Teilnehmenden nannten"),
    ]


def test_a_course_groups_paper_may_say_where_it_comes_from(repo):
    repo.entry("arbeit", VALID_PAPER.replace("Ein Text über Verstetigung.", "Diese Arbeit ist im Lehrgang entstanden. Wir haben zu viert gearbeitet."))
    assert problems(repo) == []


def test_facts_of_the_report_are_not_origin_claims(repo):
    body = (
        "Der Bericht über den Lehrgang hält fest, dass ein Netzwerk von Anfang an langfristig geplant werden muss. "
        "Die Wissenssammlung folgt den fünf Themen, zu denen im Lehrgang Projektarbeiten entstanden sind. "
        "Im Praxisbeispiel hat die Arbeitsgruppe ihre Ziele beschrieben.\n"
    )
    repo.entry("beitrag", EDITORIAL.replace("Ein Text über Verstetigung.\n", body))
    assert problems(repo) == []


def edit_model(repo, old: str, new: str) -> None:
    path = repo.projects / "_inhaltsmodell.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_phrase_in_the_content_model_is_reported_in_german(repo):
    edit_model(repo, "origin_claims:\n", "origin_claims:\n  - '(unclosed'\n")
    line = (repo.projects / "_inhaltsmodell.yml").read_text(encoding="utf-8").splitlines().index("  - '(unclosed'") + 1
    assert problems(repo) == [
        f"projects/_inhaltsmodell.yml:{line}: „(unclosed“ in „origin_claims“ ist kein gültiger regulärer Ausdruck (Fehler an Stelle 1)."
    ]


def test_a_malformed_notice_is_reported_in_german(repo):
    edit_model(repo, "      class: mt-editorial\n", "")
    lines = (repo.projects / "_inhaltsmodell.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  themenbeitrag:") + 1 + lines[lines.index("  themenbeitrag:") :].index("    notice:")
    assert problems(repo) == [
        f"projects/_inhaltsmodell.yml:{line}: Bei „types.themenbeitrag.notice“ fehlt der Schlüssel „class“ oder sein Wert."
    ]


# The real collection


def test_the_five_papers_are_editorial_texts(real):
    """The course groups' papers are not available: the five texts on the topics are the editors' own."""
    for entry in real.entries:
        if entry.slug in PAPER_SLUGS:
            assert entry.type == "themenbeitrag", entry.slug


@pytest.fixture(scope="module")
def generated(real):
    return pipeline.generate(real, site_url="https://example.org/wsn/", site_name=load_settings(REPO).site_name)


def origin_claims_in(text: str, model) -> list[str]:
    found = [m.group(0) for pattern in model.origin_claims for m in pattern.finditer(text)]
    found += re.findall(r"Projektgruppe[^\"<\r\n,}]*", text)
    return found


def test_citations_feeds_catalog_and_json_ld_attribute_no_text_to_the_course(real, generated):
    """Only a projektarbeit (a course group's paper, with its consent) may be credited to a group."""
    model, pages = real.model, generated.pages
    own = {e.slug for e in real.entries if e.type != "projektarbeit"}
    assert own
    for slug in own:
        for name in ("zitat.bib", "zitat.ris"):
            assert origin_claims_in(pages[f"mediathek/{slug}/{name}"], model) == [], (slug, name)
        page = pages[f"mediathek/{slug}/index.md"]
        cite = page[page.index('<div class="mt-cite"') :]
        cite = cite[: cite.index("</div>")]
        assert origin_claims_in(cite, model) == [], slug
        assert origin_claims_in(generated.head[f"mediathek/{slug}/index.md"], model) == [], slug
    for record in json.loads(pages["catalog.json"])["entries"]:
        if record["slug"] in own:
            assert origin_claims_in(json.dumps(record, ensure_ascii=False), model) == [], record["slug"]
    atom = "{http://www.w3.org/2005/Atom}"
    feeds = [name for name in pages if name.startswith("feed") and name.endswith(".xml")]
    assert "feed.xml" in feeds
    for name in feeds:
        for item in ET.fromstring(pages[name].encode("utf-8")).iter(f"{atom}entry"):
            slug = item.findtext(f"{atom}id").rstrip("/").rsplit("/", 1)[-1]
            if slug in own:
                text = "".join(item.itertext())
                assert origin_claims_in(text, model) == [], (name, slug)


def test_editorial_pages_carry_the_editorial_notice_in_the_built_site(real, built_site):
    for entry in real.entries:
        html = (built_site / "mediathek" / entry.slug / "index.html").read_text(encoding="utf-8")
        case = real.model.case_of(entry)  # a practice example's notice comes with its kind of case
        notice = case.notice if case else real.model.types[entry.type].notice
        assert notice is not None and f'class="admonition info {notice.css_class}"' in html, entry.slug
        assert notice.title in html, entry.slug
        if entry.type == "themenbeitrag":
            assert 'href="../../mitmachen/"' in html
            assert (built_site / "mitmachen" / "index.html").is_file()


@pytest.mark.parametrize(
    "text",
    [
        "Diese Projektarbeit ist im Lehrgang entstanden. Wir als Projektgruppe danken.",
        "DIESE PROJEKTARBEIT IST IM PILOTLEHRGANG\nENTSTANDEN; Erfahrungen der Projektgruppe",
        "Wir als Projektgruppe ſind K İ ı ẞ: Zeichen, die anders als mit str.lower() gefaltet werden.",
        "Die Teilnehmenden des Lehrgangs nannten viel. „Unserem Lehrgang“ – über Äpfel, Öfen und Übungen.",
        "Ein Text ohne jede Wendung, mit Umlauten: Mädchen, Förderung, Überblick, Straße.",
    ],
)
def test_the_fast_search_finds_what_the_case_insensitive_phrases_find(real, text):
    """origin.py searches lowered text case-sensitively where that is the same: it must be the same."""
    from mediathek.content.origin import _ORIGIN_CLAIM, _claims

    flat = text.replace("\n", " ")
    expected, covered = [], 0
    for start, negative_end in sorted((m.start(), -m.end()) for p in real.model.origin_claims for m in p.finditer(flat)):
        if start >= covered:
            covered = -negative_end
            expected.append((1 + text.count("\n", 0, start), flat[start:covered]))
    found = _claims(text, 1, real.model.origin_claims, _ORIGIN_CLAIM)
    assert [line for line, _ in found] == [line for line, _ in expected]
    assert all(f"„{phrase}“" in message for (_, message), (_, phrase) in zip(found, expected, strict=True))
