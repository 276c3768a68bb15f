"""The search's query side: OpenThesaurus synonyms (projects/_thesaurus.yml, `make thesaurus`) and the
words a misspelt query word is corrected to (suchwoerter/<letter>.json); without a browser."""

from __future__ import annotations

import json
from argparse import Namespace

from conftest import FIXTURE_SITE_NAME, REPO
from mediathek.authoring.thesaurus import command, render, senses_from
from mediathek.catalog.querywords import Forms, fold, thesaurus_neighbours, typo_words
from mediathek.content.contentmodel import THESAURUS_FILE, load_thesaurus
from mediathek.content.model import ThesaurusSense
from mediathek.pages import pipeline
from mediathek.pages.reader import search_pages_file, search_words_files

THESAURUS = """\
# OpenThesaurus - German Thesaurus in text format
Unternehmen;Firma;Betrieb;Laden (ugs.)
Krach (ugs.);Streit (Hauptform);Zoff (ugs.);Stunk (derb);Zank
Bruch;Moor;Sumpf
Bruch;Fraktur
Bruch;Zerwürfnis;Streit
Schule;Herde;Rudel
Lehrkraft;Lehrer;Pädagoge
(sich) streiten;zanken
"""
TEXTS = [
    "Ein Betrieb im Bruch. Der Streit ging weiter. Die Lehrkraft erklärt.",
    "Betrieb und Streit, Bruch und Schule. Die Lehrkraft plant.",
]


def test_a_sense_leads_from_a_word_the_collection_lacks_to_words_it_uses():
    senses = senses_from(THESAURUS.splitlines(), Forms(TEXTS))
    neighbours = {s: sense.words for sense in senses for s in sense.synonyms}
    assert neighbours["Firma"] == ("Betrieb",)
    assert neighbours["Lehrer"] == ("Lehrkraft",)
    assert neighbours["Zoff"] == ("Streit",)
    assert "Stunk" not in neighbours  # marked (derb)
    assert "Laden" in neighbours  # (ugs.) is how readers type
    assert "zanken" not in neighbours  # nouns only
    # „Bruch“ has three senses; only the one whose other word („Streit“) the collection uses too is kept.
    assert neighbours["Zerwürfnis"] == ("Bruch", "Streit")
    assert "Moor" not in neighbours and "Fraktur" not in neighbours
    assert all("Schule" not in sense.words for sense in senses)  # one entry uses it: not a target


def test_a_removed_sense_is_never_written_again_and_the_file_reads_back():
    removed = (ThesaurusSense(("Betrieb",), ("Laden",)),)
    senses = senses_from(THESAURUS.splitlines(), Forms(TEXTS), removed)
    assert all("Laden" not in sense.synonyms for sense in senses)
    text = render(senses, removed)
    assert "OpenThesaurus" in text and "LGPL" in text


def test_make_thesaurus_writes_a_file_that_make_check_accepts(valid_repo, tmp_path):
    source = tmp_path / "openthesaurus.txt"
    source.write_text(THESAURUS, encoding="utf-8")
    assert command(valid_repo.root, Namespace(quelle=str(source))) == 0
    _, removed = load_thesaurus(valid_repo.projects, valid_repo.root)
    assert removed == ()
    assert not pipeline.check(valid_repo.root).problems


def test_make_thesaurus_without_the_source_says_how_to_get_it(valid_repo, tmp_path, capsys):
    before = "senses: []\nremoved: []\n"
    (valid_repo.projects / THESAURUS_FILE).write_text(before, encoding="utf-8")
    assert command(valid_repo.root, Namespace(quelle=str(tmp_path / "fehlt.txt"))) == 1
    assert "openthesaurus-de-text" in capsys.readouterr().err
    assert (valid_repo.projects / THESAURUS_FILE).read_text(encoding="utf-8") == before


def test_mistakes_in_the_thesaurus_file_are_reported_in_german_with_their_line(valid_repo):
    (valid_repo.projects / THESAURUS_FILE).write_text(
        "senses:\n"
        "  - words: [Betrieb]\n"
        "    synonyms: [kleiner Laden]\n"
        "  - words: [Streit]\n"
        "    synonym: [Zoff]\n"
        "  - words: [Streit]\n"
        "    synonyms: [Streit, Zank]\n"
        "extra: 1\n",
        encoding="utf-8",
    )
    found = [str(p) for p in pipeline.check(valid_repo.root).problems]
    path = f"projects/{THESAURUS_FILE}"
    assert f"{path}:2: „kleiner Laden“ in „senses“ ist kein einzelnes Wort. Die Suche setzt nur einzelne Wörter der Anfrage um; " \
        "schreiben Sie ein Wort ohne Leerzeichen, Ziffern oder Satzzeichen." in found
    assert f"{path}:5: „senses“: unbekannter Schlüssel „synonym“. Erlaubt: words, synonyms." in found
    assert f"{path}:4: Bei „senses“ fehlt der Schlüssel „synonyms“ oder sein Wert." in found
    assert f"{path}:6: „streit“ steht in „senses“ zugleich unter „words“ und „synonyms“; streichen Sie es unter „synonyms“." in found
    assert f"{path}:8: Unbekannter Schlüssel „extra“. Erlaubt: senses, removed." in found


def test_the_committed_thesaurus_is_valid_and_leads_only_to_single_words():
    senses, removed = load_thesaurus(REPO / "projects", REPO)
    assert senses, "projects/_thesaurus.yml: make thesaurus schreibt die Datei"
    removed_pairs = {(fold(s), fold(w)) for sense in removed for s in sense.synonyms for w in sense.words}
    for sense in senses:
        assert not {(fold(s), fold(w)) for s in sense.synonyms for w in sense.words} & removed_pairs, sense


def test_the_search_words_file_holds_corrections_and_thesaurus_neighbours(valid_repo):
    result = pipeline.check(valid_repo.root)
    site = pipeline.generate(result, site_name=FIXTURE_SITE_NAME)
    words = typo_words(result.entries, site.model)
    files = {name: json.loads(text) for name, text in search_words_files(words, site.model).items()}
    assert "Konflikte" in files["suchwoerter/k.json"]["woerter"]
    assert "Lenkungskreis" in files["suchwoerter/l.json"]["woerter"]  # the vocabulary's words
    thesaurus = {key: targets for data in files.values() for key, targets in data["thesaurus"].items()}
    expected = thesaurus_neighbours(site.model)
    assert thesaurus.keys() == expected.keys()
    assert all(sorted(thesaurus[key]) == sorted(expected[key]) for key in expected)
    rank = {fold(w): i for i, w in enumerate(words)}
    for targets in thesaurus.values():  # the collection's most used words first
        positions = [rank.get(fold(t), len(rank)) for t in targets]
        assert positions == sorted(positions)
    for name, data in files.items():  # each word in the file of its first letter
        assert all(fold(w).startswith(name[-6]) for w in [*data["woerter"], *data["thesaurus"]]), name
    assert "words" not in json.loads(search_pages_file(site.generated, site.model))  # not loaded before it is needed
    assert set(files) <= set(site.pages)


def test_typo_words_come_most_used_first_and_once_per_folded_form(valid_repo):
    result = pipeline.check(valid_repo.root)
    words = typo_words(result.entries, result.model)
    assert len({fold(w) for w in words}) == len(words)
    assert all(len(w) >= 5 for w in words)
    title_words = {w for entry in result.entries for w in entry.title.split() if len(w) >= 5 and w.isalpha()}
    assert title_words <= set(words)  # a title's words count from their first use
