"""Generated pages: structure, links, escaping, and writing only what changed."""

from __future__ import annotations

import contextlib
import re

import markdown
from mkdocs.utils import yaml_load  # understands mkdocs.yml's !ENV tags

from conftest import FIXTURE_SITE_NAME, REPO, VALID_EDITORIAL, VALID_EXAMPLE, VALID_PAPER
from mediathek.pages import pipeline
from mediathek.site.output import write_tree

SITE_EXTENSIONS = [
    e if isinstance(e, str) else next(iter(e))
    for e in yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
]


def site_for(repo):
    result = pipeline.check(repo.root)
    assert result.problems == []
    return pipeline.generate(result, site_name=FIXTURE_SITE_NAME)


def test_pages_for_entries_topics_tags_and_overviews(valid_repo):
    pages = site_for(valid_repo).pages
    assert {"mediathek/index.md", "themen/index.md", "schlagwoerter/index.md", "glossar.md", "autorenleitfaden.md"} <= set(pages)
    assert {"mediathek/eine-projektarbeit/index.md", "mediathek/ein-praxisbeispiel/index.md"} <= set(pages)
    assert {f"themen/{t}.md" for t in ("verstetigung", "netzwerkaufbau", "virtuell", "laterale-fuehrung", "community-management")} <= set(pages)
    # only tags in use get a page
    assert {p for p in pages if p.startswith("schlagwoerter/") and p.endswith(".md")} == {
        "schlagwoerter/index.md",
        "schlagwoerter/anschlussfinanzierung.md",
        "schlagwoerter/foerdermittel.md",
        "schlagwoerter/akteursanalyse.md",
    }


def test_home_page_shows_every_topic_with_its_count_and_a_new_entry_without_editing(valid_repo):
    site = site_for(valid_repo)
    home = site.pages["index.md"]
    assert home.count('class="mt-topic-card"') == len(site.model.topics)
    for topic in site.model.topics.values():
        count = len(site.catalog.by_topic[topic.slug])
        assert re.search(rf'href="themen/{topic.slug}/">[^<]+</a></h3>\n<p[^>]*>[^<]+</p>\n<p class="mt-topic-card__count">{count} Eintr', home), topic.slug
    assert 'action="mediathek/" method="get"' in home and 'name="q"' in home
    valid_repo.entry("ein-neuer-themenbeitrag", VALID_EDITORIAL.replace("2026-11-26", "2026-12-01").replace("Ein Themenbeitrag", "Neu auf der Startseite"))
    home = site_for(valid_repo).pages["index.md"]
    assert 'href="mediathek/ein-neuer-themenbeitrag/">Neu auf der Startseite</a>' in home
    assert '<p class="mt-topic-card__count">3 Einträge</p>' in home  # verstetigung: the paper, the example, the new one


def test_home_page_of_an_empty_collection_lists_no_newest_entries(repo):
    site = site_for(repo)
    home = site.pages["index.md"]
    assert "Neu in der Mediathek" not in home and home.count('class="mt-topic-card"') == len(site.model.topics)
    assert "<p class=\"mt-topic-card__count\">0 Einträge</p>" in home


def test_topic_page_lists_papers_before_examples(valid_repo):
    page = site_for(valid_repo).pages["themen/verstetigung.md"]
    assert page.index("## Projektarbeiten") < page.index("Eine Projektarbeit") < page.index("## Praxisbeispiele") < page.index("Ein Praxisbeispiel")


def test_tag_chips_link_to_the_tag_pages(valid_repo):
    page = site_for(valid_repo).pages["mediathek/ein-praxisbeispiel/index.md"]
    chips = re.findall(r'<a class="md-tag" href="([^"]+)"[^>]*>([^<]+)</a>', page)
    assert chips == [("../../schlagwoerter/anschlussfinanzierung/", "Anschlussfinanzierung"), ("../../schlagwoerter/akteursanalyse/", "Akteursanalyse")]


def test_practice_example_says_it_is_constructed(valid_repo):
    pages = site_for(valid_repo).pages
    assert "Konstruiertes Fallbeispiel" in pages["mediathek/ein-praxisbeispiel/index.md"]
    assert "Konstruiertes Fallbeispiel" not in pages["mediathek/eine-projektarbeit/index.md"]


def test_each_type_shows_its_notice_from_the_content_model(valid_repo):
    # The whole notices of Themenbeiträge and Praxisbeispiele are in the golden files (tests/test_golden.py).
    valid_repo.entry("ein-themenbeitrag", VALID_EDITORIAL)
    pages = site_for(valid_repo).pages
    assert 'class="admonition-title">Konstruiertes Fallbeispiel</p>' in pages["mediathek/ein-praxisbeispiel/index.md"]
    editorial = pages["mediathek/ein-themenbeitrag/index.md"]
    assert 'class="admonition-title">Redaktioneller Beitrag</p>' in editorial
    paper = pages["mediathek/eine-projektarbeit/index.md"]
    assert '<div class="admonition info mt-group-paper" data-pagefind-ignore>\n<p class="admonition-title">Projektarbeit aus dem Lehrgang</p>' in paper
    assert "mit Zustimmung der Gruppe" in paper
    for page in (editorial, paper):
        assert "Fallbeispiel" not in page


def test_types_are_listed_in_content_model_order_and_empty_ones_left_out(valid_repo):
    valid_repo.entry("ein-themenbeitrag", VALID_EDITORIAL)
    (valid_repo.projects / "eine-projektarbeit" / "index.md").unlink()
    (valid_repo.projects / "eine-projektarbeit").rmdir()
    (valid_repo.projects / "ein-praxisbeispiel" / "index.md").write_text(
        VALID_EXAMPLE.replace("(../eine-projektarbeit/index.md#zusammenfassung)", "(../ein-themenbeitrag/index.md)"), encoding="utf-8"
    )
    pages = site_for(valid_repo).pages
    topic = pages["themen/verstetigung.md"]
    assert topic.index("## Themenbeiträge") < topic.index("Ein Themenbeitrag") < topic.index("## Praxisbeispiele") < topic.index("Ein Praxisbeispiel")
    mediathek = pages["mediathek/index.md"]
    assert re.findall(r'<option value="(projektarbeit|themenbeitrag|praxisbeispiel)">', mediathek) == ["themenbeitrag", "praxisbeispiel"]
    assert 'id="mt-section-projektarbeit"' not in mediathek
    assert mediathek.index('id="mt-section-themenbeitrag"') < mediathek.index('id="mt-section-praxisbeispiel"')



def test_front_matter_values_are_escaped_everywhere(repo):
    hostile = '<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1)) "quote'
    quoted = "'" + hostile.replace("'", "''") + "'"
    repo.entry("boese", VALID_PAPER.replace('"Eine Projektarbeit"', quoted).replace('"Kurze Beschreibung."', quoted))
    pages = site_for(repo).pages
    for path, text in pages.items():
        if path.endswith((".bib", ".ris")):
            continue  # plain-text citation formats hold the title verbatim (tests/test_reader_citation.py)
        assert "<script>alert" not in text, path
        assert "49" not in text.replace("2026", ""), path  # Jinja syntax in data is never evaluated
        if path.endswith(".md"):
            body = text.split("\n---\n", 1)[-1]  # the theme prints front matter as text; the body is Markdown
            rendered = markdown.markdown(body, extensions=SITE_EXTENSIONS)
            assert "javascript:alert(1)\"" not in rendered and 'href="javascript' not in rendered, path
            assert "<script>" not in rendered, path
    entry = pages["mediathek/boese/index.md"]
    assert 'title: "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} [x](javascript:alert(1)) &quot;quote"' in entry


def test_second_write_rewrites_nothing_and_an_edit_rewrites_only_its_pages(valid_repo, tmp_path):
    out = tmp_path / "out"
    first = write_tree(out, site_for(valid_repo).pages)
    assert first.written > 0 and first.unchanged == 0
    again = write_tree(out, site_for(valid_repo).pages)
    assert again.written == 0 and again.removed == 0
    path = valid_repo.projects / "ein-praxisbeispiel" / "index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Ausgangslage", "## Ausgangslage neu"), encoding="utf-8")
    edited = write_tree(out, site_for(valid_repo).pages)
    assert edited.written == 1  # the body is only on the entry page


def test_interrupted_write_keeps_the_previous_tree(valid_repo, tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_tree(out, site_for(valid_repo).pages)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    pages = dict(site_for(valid_repo).pages)
    pages["zzz/kaputt.md"] = "neu"

    import mediathek.site.output as output

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "swap_in", crash)
    with contextlib.suppress(KeyboardInterrupt):
        write_tree(out, pages)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_kill_between_the_two_renames_is_recovered(valid_repo, tmp_path):
    out = tmp_path / "out"
    write_tree(out, site_for(valid_repo).pages)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    out.rename(tmp_path / ".out.old")  # what a kill right after the first rename leaves behind
    stats = write_tree(out, site_for(valid_repo).pages)
    assert stats.written == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == before
