"""The shortcuts that keep large builds fast skip nothing and change nothing a reader sees."""

from __future__ import annotations

import posixpath
import re

import pytest
from hypothesis import given, settings, strategies as st

from conftest import REPO
from mediathek.content import body
from mediathek.content.sitemarkdown import SiteMarkdown
from mediathek.pages.reader import relative_link
from mediathek.site.compact_html import collapse_indentation

# Pieces the line checks react to, plus plain words and whitespace, in any order.
TOKENS = (
    "#", "## ", "=", "---", "- ", "* ", "1. ", "2) ", "[", "]", "(", ")", "<", ">", "a:", "<https://x.de>", "[x](y)",
    "[r]: https://x.de", "script", "data :", "onclick =", "&amp;", "{: .x}", "`", "~~~", " ", "   ", "\t", "\n", "\n",
    "Text", "Wort",
)
MARKDOWN_ISH = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
# The single pattern the rendering net used before it was split into fast tests.
NEEDS_RENDERING_REFERENCE = re.compile(r"<|&|\{|script|data\s*:|://|\]\s*\(\s*$|\bon[a-z]+\s*=", re.IGNORECASE | re.MULTILINE)
LINE_CHECKS = (body.ATX_HEADING, body.SETEXT_UNDERLINE, body.LIST_ITEM, body.REFERENCE_DEFINITION)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(MARKDOWN_ISH)
def test_candidate_lines_include_every_line_a_check_can_match(text):
    lines = text.split("\n")
    needed = {
        index
        for index, line in enumerate(lines)
        if any(p.match(line) for p in LINE_CHECKS) or body.INLINE_LINK.search(line) or body.AUTOLINK.search(line)
    }
    assert needed <= set(body._candidate_lines(lines))


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(MARKDOWN_ISH)
def test_needs_rendering_agrees_with_the_single_pattern(text):
    assert body.needs_rendering(text) == bool(NEEDS_RENDERING_REFERENCE.search(text))


def test_scan_finds_headings_links_and_list_problems_between_prose_lines():
    text = "Prosa.\n## Abschnitt\nText mit [Link](https://example.org) und <https://example.net>.\nNoch Text\n- Punkt\n"
    scan = body.scan_body(text, 10, SiteMarkdown.of_site(REPO))
    assert [(h.level, h.text) for h in scan.headings] == [(2, "Abschnitt")]
    assert [(link.line, link.target) for link in scan.links] == [(12, "https://example.org"), (12, "https://example.net")]
    assert [line for line, _ in scan.problems] == [14]  # the list needs a blank line before it


def test_indentation_collapses_outside_pre_and_textarea():
    html = "<div>\n    <p>Text</p>\n\n  </div>\n<pre><code>  eingerückt\n    bleibt</code></pre>\n<textarea>\n  so</textarea>"
    assert collapse_indentation(html) == (
        "<div>\n<p>Text</p>\n</div>\n<pre><code>  eingerückt\n    bleibt</code></pre>\n<textarea>\n  so</textarea>"
    )


def test_a_glossary_term_is_explained_at_its_first_use_on_a_page():
    import markdown

    glossary = {"MINT": "Mathematik, Informatik", "IHK": "x"}
    md = markdown.Markdown(extensions=["abbr", "mediathek.site.markdown_ext"], extension_configs={"abbr": {"glossary": glossary}})
    html = md.convert("**MINT** und MINT, IHK\n\n- MINT *IHK*")
    assert html == (
        '<p><strong><abbr title="Mathematik, Informatik">MINT</abbr></strong> und MINT, <abbr title="x">IHK</abbr></p>\n'
        "<ul>\n<li>MINT <em>IHK</em></li>\n</ul>"
    )


def relative_link_reference(page_url: str, target: str) -> str:
    """The link as posixpath.relpath computes it, which relative_link replaced."""
    start = "/" + page_url
    relative = posixpath.relpath("/" + target, start if start.endswith("/") else posixpath.dirname(start))
    return "./" if relative == "." else relative + ("/" if target.endswith("/") or not target else "")


SITE_PATH = st.lists(st.sampled_from(["mediathek", "themen", "a", "b", "feed.xml", "x-y", "."]), max_size=4).flatmap(
    lambda parts: st.sampled_from(["/".join(parts), "/".join(parts) + "/"])
).map(lambda path: "" if path == "/" else path)


@settings(max_examples=500, derandomize=True, database=None, deadline=None)
@given(SITE_PATH | st.just("./"), SITE_PATH)
def test_relative_links_are_those_of_posixpath(page_url, target):
    assert relative_link(page_url, target) == relative_link_reference(page_url, target)


@pytest.mark.live  # reads the checkout's entries too
def test_checking_in_worker_processes_finds_exactly_what_one_process_finds(valid_repo, monkeypatch):
    from conftest import REPO, VALID_PAPER
    from mediathek.content import validate
    from mediathek.content.parallel import Workers
    from mediathek.pages import pipeline

    forks = []
    map_chunks = validate.map_chunks
    monkeypatch.setattr(validate, "map_chunks", lambda *args: forks.append(args[2]) or map_chunks(*args))

    valid_repo.entry("ohne-titel", VALID_PAPER.replace('title: "', 'titel: "', 1) + "\n# Eine zweite Überschrift\n")
    valid_repo.entry("kaputter-link", VALID_PAPER.replace("Eine Projektarbeit", "Noch eine", 1) + "\n[weg](../gibt-es-nicht/index.md)\n")
    valid_repo.entry("leer", "---\ntitle: Leer\n---\n")
    broken, real = pipeline.check(valid_repo.root), pipeline.check(REPO)
    assert len(broken.problems) >= 3 and len(broken.entries) == 2 and real.entries
    for root, alone in ((valid_repo.root, broken), (REPO, real)):
        in_workers = pipeline.check(root, Workers(min_items=1, count=2))  # workers even for a handful of entries
        assert in_workers.problems == alone.problems
        assert in_workers.entries == alone.entries
    assert forks == [5, len(real.entries)]  # both were checked in workers
