"""The words the search finds an entry by beyond its text (scripts/mediathek/catalog/searchwords.py)."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from conftest import FIXTURE_SITE_NAME, REPO, VALID_EXAMPLE, copy_content_model
from mediathek.catalog.searchwords import nouns
from mediathek.content.contentmodel import ContentModelError, load_content_model
from mediathek.pages import pipeline
from mediathek.pages.reader import search_pages_file


def stichwort(repo, slug: str) -> list[str]:
    page = pipeline.generate(pipeline.check(repo.root), site_name=FIXTURE_SITE_NAME).pages[f"mediathek/{slug}/index.md"]
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
    site = pipeline.generate(result, site_name=FIXTURE_SITE_NAME)
    page = site.pages["mediathek/eine-projektarbeit/index.md"]
    words = page.split('data-pagefind-meta="stichwort">', 1)[1].split("<", 1)[0]
    model = result.model
    for slug in ("anschlussfinanzierung", "foerdermittel"):
        for word in (*model.tags[slug].synonyms, *model.tags[slug].search_words):
            assert word in words


def test_overview_pages_are_named_for_the_search(valid_repo):
    site = pipeline.generate(pipeline.check(valid_repo.root), site_name=FIXTURE_SITE_NAME)
    data = json.loads(search_pages_file(site.generated, site.model))
    pages = data["pages"]
    assert {"glossar/", "autorenleitfaden/"} <= {p["url"] for p in pages}
    assert all(p["title"] and p["description"] for p in pages)


def test_a_search_word_must_not_be_a_tag_name(repo):
    path = repo.projects / "_schlagwoerter.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  search_words: [Fördermittel]\n", encoding="utf-8")
    with pytest.raises(ContentModelError, match="Suchwort „Fördermittel“"):
        load_content_model(repo.projects, repo.root)


FIXTURE = REPO / "tests" / "search_fixture"


@pytest.fixture(scope="module")
def fixture_pages(tmp_path_factory) -> dict[str, str]:
    """The generated pages of the search fixture's entries (tests/search_fixture/) with the live vocabulary."""
    root = tmp_path_factory.mktemp("vocabulary")
    copy_content_model(root / "projects", word_limits=True)
    (root / "mkdocs.yml").write_text(f"site_name: {FIXTURE_SITE_NAME}\n", encoding="utf-8")
    for entry in FIXTURE.iterdir():
        shutil.copytree(entry, root / "projects" / entry.name)
    result = pipeline.check(root)
    assert not result.problems, result.problems
    return pipeline.generate(result, site_name=FIXTURE_SITE_NAME).pages


VOCABULARY_QUERIES = [c for c in yaml.safe_load((REPO / "tests" / "search_queries.yml").read_text(encoding="utf-8")) if c["category"] == "vocabulary"]


@pytest.mark.parametrize("case", VOCABULARY_QUERIES, ids=[c["query"] for c in VOCABULARY_QUERIES])
def test_the_vocabularys_own_words_lead_to_their_entries(fixture_pages, case):
    """What the regression set's vocabulary queries need from the build: the word in an expected entry's hidden
    search field (Pagefind searches it like the title); tests/test_search_quality.py measures the rest in Chromium."""
    fields = []
    for url in case.get("top3", []) + case.get("one_of", []):
        page = fixture_pages[f"{url}index.md"]
        fields.append(page.split('data-pagefind-meta="stichwort">', 1)[1].split("<", 1)[0].casefold())
    check = all if "top3" in case else any
    assert check(case["query"].casefold() in field for field in fields), (case["query"], fields)
