"""The content holds to what the content issue promises: length, spread, vocabulary, notices."""

from __future__ import annotations

import html as html_module
import re
from collections import Counter

PROSE_SKIP = re.compile(r"^\s*(\||#|- \[[ x]\]|!!!|\[.*\]: )")


def prose_words(body: str) -> int:
    """Words of running text: without headings, tables, checklist items and admonition markers."""
    lines = [line for line in body.splitlines() if not PROSE_SKIP.match(line)]
    return len(re.findall(r"\w+", "\n".join(lines)))


def test_five_project_papers_one_per_topic_each_long_enough(real):
    papers = [e for e in real.entries if e.type == "projektarbeit"]
    assert sorted(t for p in papers for t in p.topics) == sorted(real.model.topics)
    for paper in papers:
        assert prose_words(paper.body) >= 1800, paper.slug
        assert paper.title == real.model.topics[paper.topics[0]].title
        assert all(a.startswith("Projektgruppe ") for a in paper.authors)
        assert paper.body.lstrip().startswith("## Zusammenfassung"), paper.slug


def test_practice_examples_are_enough_spread_and_sized(real):
    examples = [e for e in real.entries if e.type == "praxisbeispiel"]
    assert len(examples) >= 15
    per_topic = Counter(t for e in examples for t in e.topics)
    assert all(per_topic[t] >= 3 for t in real.model.topics), per_topic
    assert len({e.bundesland for e in examples}) >= 8
    assert {e.organisation for e in examples} == set(real.model.organisations)
    for example in examples:
        assert 500 <= example.words <= 1000, (example.slug, example.words)
        headings = re.findall(r"^## (.+)$", example.body, re.MULTILINE)
        assert headings == list(real.model.types["praxisbeispiel"].sections), example.slug


def test_tag_vocabulary_is_described_and_every_tag_used_twice(real):
    tags = real.model.tags
    assert 30 <= len(tags) <= 60
    usage = Counter(t for e in real.entries for t in e.tags)
    assert {slug: usage[slug] for slug in tags if usage[slug] < 2} == {}
    for tag in tags.values():
        assert tag.description.strip() and len(tag.description) <= 160, tag.label


def test_every_practice_example_page_says_it_is_anonymised(built_site, real):
    for entry in real.entries:
        html = (built_site / "mediathek" / entry.slug / "index.html").read_text(encoding="utf-8")
        assert ("Anonymisiertes Fallbeispiel" in html) == (entry.type == "praxisbeispiel"), entry.slug


def test_glossary_terms_are_explained_where_they_are_used(built_site, real):
    assert len(real.model.glossary) >= 15
    html = (built_site / "mediathek" / "nachhaltige-verstetigung-von-mint-projekten" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">Verstetigung</abbr>', html)
    glossary = (built_site / "glossar" / "index.html").read_text(encoding="utf-8")
    for term in real.model.glossary:
        assert f'id="{term.anchor}"' in glossary, term.term


def test_operator_details_come_from_one_place(built_site):
    for page in ("impressum", "datenschutz", "barrierefreiheit"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert "{{" not in html, page
    imprint = html_module.unescape((built_site / "impressum" / "index.html").read_text(encoding="utf-8"))
    assert "[Name und Rechtsform des Betreibers]" in imprint
