"""The words the search finds an entry by beyond its text (scripts/mediathek/catalog/searchwords.py)."""

from __future__ import annotations

import json

import pytest

from conftest import VALID_EXAMPLE
from mediathek.catalog.searchwords import nouns
from mediathek.content.contentmodel import ContentModelError, load_content_model
from mediathek.pages import pipeline
from mediathek.pages.reader import search_pages_file


def stichwort(repo, slug: str) -> list[str]:
    page = pipeline.generate(pipeline.check(repo.root)).pages[f"mediathek/{slug}/index.md"]
    return page.split('data-pagefind-meta="stichwort">', 1)[1].split("<", 1)[0].split()


def test_compounds_split_at_nouns_the_collection_uses(valid_repo):
    """Pagefind matches word beginnings only: a compound's tail becomes a search word once the
    collection uses it on its own, and not before."""
    example = valid_repo.projects / "ein-praxisbeispiel" / "index.md"
    example.write_text(example.read_text(encoding="utf-8") + "\nDie Quarkblubbermatsch hilft. Noch einmal: Quarkblubbermatsch.\n", encoding="utf-8")
    assert "blubbermatsch" not in stichwort(valid_repo, "ein-praxisbeispiel")
    valid_repo.entry("noch-eins", VALID_EXAMPLE.replace("Ein Praxisbeispiel", "Noch eins") + "\nDer Blubbermatsch wirkt.\n")
    words = stichwort(valid_repo, "ein-praxisbeispiel")
    assert "blubbermatsch" in words and "quarkblubbermatsch" not in words  # the tail, not the whole word


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


def test_overview_pages_are_named_for_the_search(valid_repo):
    site = pipeline.generate(pipeline.check(valid_repo.root))
    data = json.loads(search_pages_file(site.pages, site.model))
    pages = data["pages"]
    assert "Konflikte" in data["words"] and "Lenkungskreis" in data["words"]
    assert {"glossar/", "autorenleitfaden/"} <= {p["url"] for p in pages}
    assert all(p["title"] and p["description"] for p in pages)


def test_a_search_word_must_not_be_a_tag_name(repo):
    path = repo.projects / "_schlagwoerter.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  search_words: [Fördermittel]\n", encoding="utf-8")
    with pytest.raises(ContentModelError, match="Suchwort „Fördermittel“"):
        load_content_model(repo.projects, repo.root)
