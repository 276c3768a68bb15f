"""Practice examples say what kind of case they are (field `fall`, projects/_inhaltsmodell.yml → cases).

A case the Redaktion constructed is labelled as constructed wherever it shows (page, card, feed,
catalog.json, JSON-LD, citation) and never placed in a Land as a fact: its Bundesland is invented,
so it stays out of the map, the Land filter, the search words and catalog.json's location. A real
case contributed by its author carries the other label, names who vouches for it, and is on the map.
All on scratch repositories with the real content model; nothing here reads the live entries.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURE_SITE_NAME, VALID_EXAMPLE, VALID_PAPER
from mediathek.catalog import listing
from mediathek.pages import pipeline
from mediathek.pages.feeds import SITE_FEED
from mediathek.pages.reader import CATALOG_FILE

A = "{http://www.w3.org/2005/Atom}"
CONSTRUCTED = "ein-konstruierter-fall"
CONTRIBUTED = "ein-eingereichter-fall"
# What a constructed case must never be called, anywhere a reader or a machine meets it.
REAL_CLAIMS = re.compile(r"anonymisiert|echter Fall|zusammengesetzt aus|eingereicht", re.IGNORECASE)


def example(title: str, land: str, *front: str, authors: str = '["Redaktion der Wissenssammlung"]') -> str:
    text = VALID_EXAMPLE.replace('title: "Ein Praxisbeispiel"', f'title: "{title}"').replace(
        "bundesland: Niedersachsen", "\n".join((*front, f"bundesland: {land}"))
    )
    return text.replace('authors: ["Redaktion der Wissenssammlung"]', f"authors: {authors}")


@pytest.fixture
def site(repo):
    repo.entry("eine-projektarbeit", VALID_PAPER)
    repo.entry(CONSTRUCTED, example("Ein konstruierter Fall", "Bayern"))  # no `fall`: constructed is the default
    repo.entry(
        CONTRIBUTED,
        example("Ein eingereichter Fall", "Bremen", "fall: eingereicht", "verbuergt_von: Erika Testfrau", authors='["Erika Testfrau"]'),
    )
    result = pipeline.check(repo.root)
    assert [str(p) for p in result.problems] == []
    return pipeline.generate(result, site_name=FIXTURE_SITE_NAME)


def entry_page(site, slug: str) -> str:
    return site.pages[f"mediathek/{slug}/index.md"]


def notice(page: str) -> str:
    return re.search(r'<div class="admonition info [^"]*"[^>]*>(.*?)</div>', page, re.DOTALL).group(1)


def card(page: str, slug: str) -> str:
    return re.search(rf'<article class="mt-card" data-mt-entry="{slug}".*?</article>', page, re.DOTALL).group(0)


# --- the two labels ---------------------------------------------------------------------------------


def test_the_entry_page_says_which_kind_of_case_it_is(site):
    constructed = entry_page(site, CONSTRUCTED)
    assert "Konstruiertes Fallbeispiel der Redaktion zur Veranschaulichung" in notice(constructed)
    assert "Personen, Orte und Organisationen sind erfunden" in notice(constructed)
    assert "Praxisbeispiel (konstruiert)" in constructed
    own = re.sub(r'<ul class="mt-related".*?</ul>', "", constructed, flags=re.DOTALL)  # other entries' labels
    assert not REAL_CLAIMS.search(own)

    contributed = entry_page(site, CONTRIBUTED)
    assert "Eingereichter Praxisfall" in notice(contributed) and "Verbürgt von: Erika Testfrau." in notice(contributed)
    assert "Praxisbeispiel (eingereicht)" in contributed and "erfunden" not in contributed


def test_a_constructed_case_shows_its_setting_only_as_invented(site):
    constructed = entry_page(site, CONSTRUCTED)
    assert "<dt>Bundesland (erfunden)</dt><dd>Bayern</dd>" in constructed
    assert "<dt>Organisation (erfunden)</dt>" in constructed and "<dt>Netzwerk (erfunden)</dt>" in constructed
    assert 'data-pagefind-filter="bundesland"' not in constructed  # the search's Land filter
    assert "Bayern" not in re.search(r'data-pagefind-meta="stichwort">([^<]*)<', constructed).group(1)

    contributed = entry_page(site, CONTRIBUTED)
    assert '<dt>Bundesland</dt><dd data-pagefind-filter="bundesland">Bremen</dd>' in contributed
    assert "Bremen" in re.search(r'data-pagefind-meta="stichwort">([^<]*)<', contributed).group(1)


def test_cards_carry_the_label_and_only_a_real_land(site):
    mediathek = site.pages["mediathek/index.md"]
    constructed = card(mediathek, CONSTRUCTED)
    assert "Praxisbeispiel (konstruiert)" in constructed and 'data-land=""' in constructed and "Bayern" not in constructed
    contributed = card(mediathek, CONTRIBUTED)
    assert "Praxisbeispiel (eingereicht)" in contributed and 'data-land="bremen"' in contributed and "· Bremen" in contributed
    topic = site.pages["themen/verstetigung.md"]  # compact cards
    assert "Praxisbeispiel (konstruiert)" in topic and "Bayern" not in topic


def test_the_map_and_the_land_filter_count_only_real_cases(site):
    mediathek = site.pages["mediathek/index.md"]
    options = re.search(r'<select id="mt-filter-land".*?</select>', mediathek).group(0)
    assert 'value="bremen"' in options and "Bayern" not in options
    assert 'aria-label="HB: 1 Praxisfall (Bremen)"' in mediathek
    assert 'aria-label="BY: 0 Praxisfälle (Bayern)"' in mediathek
    index = json.loads(site.pages[listing.FILTER_INDEX])
    assert index["lands"] == [["bremen", "Bremen"]]
    lands = {row[0]: row[4] for row in index["entries"]}
    assert lands[CONSTRUCTED] == -1 and lands[CONTRIBUTED] == 0
    counts = json.loads(re.search(r'data-counts="([^"]*)"', mediathek).group(1).replace("&#34;", '"'))
    assert counts["land"] == {"bremen": 1}
    cards = [text for page in (1,) for text in json.loads(site.pages[listing.CARDS_FILE.format(page)])]
    assert ["Ein konstruierter Fall", "Kurze Beschreibung des Beispiels.", "Praxisbeispiel (konstruiert)"] in cards


def test_without_a_real_case_there_is_no_map_and_no_land_filter(repo):
    repo.entry("eine-projektarbeit", VALID_PAPER)
    repo.entry(CONSTRUCTED, example("Ein konstruierter Fall", "Bayern", "fall: konstruiert"))
    mediathek = pipeline.generate(pipeline.check(repo.root), site_name=FIXTURE_SITE_NAME).pages["mediathek/index.md"]
    assert 'class="mt-map"' not in mediathek and "Bisher gibt es keinen solchen Fall." in mediathek
    assert '<div class="mt-filter__field" hidden><label for="mt-filter-land">' in mediathek
    assert "Bayern" not in mediathek


def test_catalog_json_has_the_label_and_no_invented_location(site):
    catalog = json.loads(site.pages[CATALOG_FILE])
    records = {record["slug"]: record for record in catalog["entries"]}
    constructed = records[CONSTRUCTED]
    assert constructed["case"]["slug"] == "konstruiert" and constructed["case"]["real"] is False
    assert constructed["case"]["notice"].startswith("Konstruiertes Fallbeispiel der Redaktion")
    assert (constructed["bundesland"], constructed["organisation"], constructed["network"]) == (None, None, None)
    assert constructed["fictional_setting"] == {"bundesland": "Bayern", "organisation": "Verein", "network": "Regionales MINT-Netzwerk"}
    assert not REAL_CLAIMS.search(json.dumps(constructed, ensure_ascii=False))

    contributed = records[CONTRIBUTED]
    assert contributed["case"] == {
        "slug": "eingereicht", "label": "Eingereichter Praxisfall", "real": True,
        "notice": contributed["case"]["notice"], "vouched_by": "Erika Testfrau",
    }
    assert contributed["bundesland"] == "Bremen" and contributed["fictional_setting"] is None
    assert records["eine-projektarbeit"]["case"] is None


def test_json_ld_feeds_and_citations_carry_the_label(site):
    head = site.head[f"mediathek/{CONSTRUCTED}/index.md"]
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.DOTALL).group(1))
    assert json_ld["description"] == "Konstruiertes Fallbeispiel: Kurze Beschreibung des Beispiels."
    assert not REAL_CLAIMS.search(json.dumps(json_ld, ensure_ascii=False)) and "Bayern" not in head

    feed = ET.fromstring(site.pages[SITE_FEED])
    items = {item.findtext(f"{A}title"): item for item in feed.findall(f"{A}entry")}
    constructed, contributed = items["Ein konstruierter Fall"], items["Ein eingereichter Fall"]
    assert constructed.findtext(f"{A}summary") == "Konstruiertes Fallbeispiel: Kurze Beschreibung des Beispiels."
    assert {c.get("term") for c in constructed.findall(f"{A}category")} >= {"konstruiert"}
    assert contributed.findtext(f"{A}summary") == "Eingereichter Praxisfall: Kurze Beschreibung des Beispiels."
    assert "note = {Praxisbeispiel (konstruiert)}" in site.pages[f"mediathek/{CONSTRUCTED}/zitat.bib"]
    assert "M3  - Praxisbeispiel (eingereicht)" in site.pages[f"mediathek/{CONTRIBUTED}/zitat.ris"]


# --- the validator ------------------------------------------------------------------------------------


def problems(repo) -> list[str]:
    repo.entry("eine-projektarbeit", VALID_PAPER)  # the examples link to it
    return [str(p) for p in pipeline.check(repo.root).problems]


def test_a_contributed_case_needs_its_author_to_vouch(repo):
    repo.entry("ohne", example("Ohne Zusage", "Bremen", "fall: eingereicht"))
    (message,) = problems(repo)
    assert message.startswith("projects/ohne/index.md:9: „fall: eingereicht“ (Eingereichter Praxisfall) braucht das Feld „verbuergt_von“")
    assert "Beispiel: verbuergt_von:" in message


def test_only_an_author_can_vouch_and_a_constructed_case_names_no_one(repo):
    repo.entry("fremd", example("Fremde Zusage", "Bremen", "fall: eingereicht", "verbuergt_von: Jemand Anderes"))
    repo.entry("falsch", example("Falsche Zusage", "Bremen", "fall: konstruiert", "verbuergt_von: Redaktion der Wissenssammlung"))
    assert problems(repo) == [
        "projects/falsch/index.md:10: „verbuergt_von“ gibt es nur bei einem eingereichten echten Fall. Dieser Eintrag ist "
        "„Konstruiertes Fallbeispiel“ (fall: konstruiert): Löschen Sie die Zeile – oder, wenn der Fall echt ist, ändern Sie „fall“.",
        "projects/fremd/index.md:10: „Jemand Anderes“ steht nicht unter „authors“. Verbürgen kann sich nur, wer den Fall "
        "eingereicht hat: Schreiben Sie den Namen genau so wie unter „authors“.",
    ]


def test_an_unknown_kind_of_case_names_the_allowed_ones_and_other_types_have_none(repo):
    repo.entry("echt", example("Echt", "Bremen", "fall: echt"))
    found = problems(repo)
    repo.entry("eine-projektarbeit", VALID_PAPER.replace("authors:", "fall: konstruiert\nauthors:"))
    found += [str(p) for p in pipeline.check(repo.root).problems]
    assert "projects/echt/index.md:9: „echt“ ist für „fall“ nicht erlaubt. Erlaubt sind: konstruiert, eingereicht." in found
    assert "projects/eine-projektarbeit/index.md:8: Das Feld „fall“ gibt es nur bei: Praxisbeispiel. Löschen Sie die Zeile." in found


def test_every_case_kind_is_in_the_author_guide(site):
    guide = html.unescape(site.pages["autorenleitfaden.md"])
    for slug, case in site.model.cases.items():
        assert f"(`fall: {slug}`)" in guide and case.notice.text in guide and case.label in guide


def test_no_entry_but_a_real_case_calls_a_case_anonymised(repo):
    claim = "Die Praxisbeispiele dieser Sammlung sind anonymisierte, aus mehreren Erfahrungen zusammengesetzte Fälle."
    repo.entry("konstruiert", example("Konstruiert", "Bremen", "fall: konstruiert") + f"\n{claim}\n")
    repo.entry("eingereicht", example("Eingereicht", "Bremen", "fall: eingereicht", "verbuergt_von: Erika Testfrau",
                                      authors='["Erika Testfrau"]') + "\nDer Fall ist anonymisiert; Namen sind geändert.\n")
    repo.entry("themenbeitrag", VALID_PAPER.replace("type: projektarbeit", "type: themenbeitrag").replace(
        'authors: ["Projektgruppe Verstetigung"]', 'authors: ["Redaktion der Wissenssammlung"]') + f"\n{claim}\n")
    found = [p for p in problems(repo) if "als echt oder anonymisiert" in p]
    # Two phrases in each text that claims it; none in the real case's own words
    assert [p.split(": Die Wendung ")[0] for p in found] == ["projects/konstruiert/index.md:19"] * 2 + ["projects/themenbeitrag/index.md:15"] * 2
    assert found[1] == (
        "projects/konstruiert/index.md:19: Die Wendung „aus mehreren Erfahrungen zusammengesetzt“ stellt einen Fall als echt "
        "oder anonymisiert dar. Das darf nur ein echter Fall sagen, den seine Autorin oder sein Autor eingereicht hat "
        "(fall: eingereicht); die Fallbeispiele der Redaktion sind konstruiert – bitte umformulieren."
    )


# --- make neu and the issue form --------------------------------------------------------------------


def test_make_neu_writes_the_kind_of_case_and_asks_a_contributed_one_for_its_vouch(repo):
    from mediathek.authoring import scaffold
    from mediathek.content.contentmodel import load_content_model

    model = load_content_model(repo.projects, repo.root)
    given = {"type": "praxisbeispiel", "title": "Ein echter Fall", "topics": "verstetigung"}
    values, slug = scaffold.collect(given, model, repo.projects, None)
    constructed = scaffold.draft(values, model, dt.date(2026, 12, 7), slug)
    assert "fall: konstruiert  # eines von: konstruiert, eingereicht – siehe Leitfaden" in constructed.text.splitlines()
    assert "verbuergt_von" not in constructed.text

    values, slug = scaffold.collect({**given, "fall": "Eingereichter Praxisfall"}, model, repo.projects, None)
    contributed = scaffold.draft(values, model, dt.date(2026, 12, 7), slug)
    lines = contributed.text.splitlines()
    assert "fall: eingereicht" in lines
    assert "verbuergt_von:  # Bitte ausfüllen, zum Beispiel: Vorname Nachname" in lines and "verbuergt_von" in contributed.missing
    with pytest.raises(scaffold.ScaffoldError, match=r"^„konstruirt“ ist als Fallart nicht erlaubt\. Meinten Sie „konstruiert“\?"):
        scaffold.collect({**given, "fall": "konstruirt"}, model, repo.projects, None)
