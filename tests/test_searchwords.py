"""The words the search finds an entry by beyond its text (scripts/mediathek/catalog/searchwords.py)."""

from __future__ import annotations

import json

import pytest

from mediathek.catalog.searchwords import lexicon, nouns, tails
from mediathek.content.contentmodel import ContentModelError, load_content_model
from mediathek.pages import pipeline
from mediathek.pages.reader import search_pages_file


def test_compounds_split_at_nouns_the_collection_uses():
    known = frozenset({"kreis", "matrix", "landkarte", "karte", "mentorinnen"})
    assert tails("lenkungskreis", known) == ["kreis"]
    assert tails("akteurslandkarte", known) == ["landkarte", "karte"]
    assert tails("technikmentorinnen", known) == ["mentorinnen"]
    assert tails("kreis", known) == []  # a word is not its own tail


def test_only_nouns_are_split_and_gender_stars_fold():
    assert nouns("Die Technikmentor*innen planen gemeinsam") == ["die", "technikmentorinnen"]


def test_entries_carry_their_tags_synonyms_and_search_words(valid_repo):
    result = pipeline.check(valid_repo.root)
    site = pipeline.generate(result)
    page = site.pages["mediathek/eine-projektarbeit/index.md"]
    words = page.split('data-pagefind-meta="stichwort">', 1)[1].split("<", 1)[0]
    model = result.model
    for slug in ("anschlussfinanzierung", "foerdermittel"):
        for word in (*model.tags[slug].synonyms, *model.tags[slug].search_words):
            assert word in words
    assert lexicon(result.entries, model)


def test_overview_pages_are_named_for_the_search(valid_repo):
    site = pipeline.generate(pipeline.check(valid_repo.root))
    data = json.loads(search_pages_file(site.generated, site.model))
    pages = data["pages"]
    assert "Konflikte" in data["words"] and "Lenkungskreis" in data["words"]
    assert {"glossar/", "autorenleitfaden/"} <= {p["url"] for p in pages}
    assert all(p["title"] and p["description"] for p in pages)


def test_a_search_word_must_not_be_a_tag_name(repo):
    path = repo.projects / "_schlagwoerter.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  search_words: [Fördermittel]\n", encoding="utf-8")
    with pytest.raises(ContentModelError, match="Suchwort „Fördermittel“"):
        load_content_model(repo.projects, repo.root)
