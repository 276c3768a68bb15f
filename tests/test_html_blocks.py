"""Generated HTML blocks skip Python-Markdown (mediathek.html_blocks): the pages come out the same."""

from __future__ import annotations

import markdown
import pytest

from mediathek import html_blocks, pipeline
from mediathek.body import SITE_EXTENSIONS

from conftest import VALID_PAPER

FIRST = 15  # the line where a snippet appended to VALID_PAPER after an empty line starts


def convert(text: str) -> str:
    return markdown.Markdown(extensions=list(SITE_EXTENSIONS)).convert(text)


def unmarked(text: str) -> str:
    """The page as it was before blocks were marked: the markers' lines removed."""
    lines = [line for line in text.split("\n") if line not in (html_blocks.OPEN, html_blocks.CLOSE)]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def generated_pages(real) -> dict[str, str]:
    return {rel: text for rel, text in pipeline.generate(real).pages.items() if rel.endswith(".md")}


def test_generated_pages_mark_their_html(generated_pages):
    entry_pages = [text for rel, text in generated_pages.items() if rel.startswith("mediathek/") and rel.count("/") == 2]
    assert entry_pages
    assert all(text.count(html_blocks.OPEN) >= 2 for text in entry_pages)  # facts and citation at least
    assert html_blocks.OPEN in generated_pages["schlagwoerter/index.md"]


def test_lifting_changes_nothing_a_reader_sees(generated_pages):
    """Converting with the blocks lifted out and put back gives the HTML of converting them along."""
    for rel, text in generated_pages.items():
        lifted, blocks = html_blocks.lift(text)
        assert html_blocks.OPEN not in lifted and html_blocks.CLOSE not in lifted, rel
        assert len(blocks) == text.count(html_blocks.OPEN), rel
        assert html_blocks.restore(convert(lifted), blocks) == convert(unmarked(text)), rel


def test_blocks_go_back_in_their_places_and_keep_their_anchors():
    text = "\n".join(
        ["Vorher", "", html_blocks.mark('<ul id="eins"><li>1</li></ul>'), "Mitte", "", html_blocks.mark("<p>2</p>"), "Nachher"]
    )
    lifted, blocks = html_blocks.lift(text)
    assert blocks == ['<ul id="eins"><li>1</li></ul>', "<p>2</p>"]
    assert "<ul" not in lifted
    assert html_blocks.restore(convert(lifted), blocks) == (
        '<p>Vorher</p>\n<ul id="eins"><li>1</li></ul>\n\n<p>Mitte</p>\n<p>2</p>\n\n<p>Nachher</p>'
    )
    assert html_blocks.anchor_ids(blocks) == {"eins"}


def test_a_page_without_marks_is_left_alone():
    assert html_blocks.lift("# Titel\n\n<div>roh</div>\n") == ("# Titel\n\n<div>roh</div>\n", [])
    assert html_blocks.restore("<p>x</p>", []) == "<p>x</p>"


@pytest.mark.parametrize("snippet", [html_blocks.OPEN, "```\n" + html_blocks.CLOSE + "\n```", "Text <!--mediathek:block 0--> Text"])
def test_authors_cannot_write_the_marks(repo, snippet):
    repo.entry("marke", VALID_PAPER + "\n" + snippet + "\n")
    found = [(p.line, p.message) for p in pipeline.check(repo.root).problems]
    line = FIRST + snippet.split("\n").index(next(s for s in snippet.split("\n") if "mediathek:" in s))
    assert found == [(line, "Kommentare der Form „<!--mediathek:…-->“ sind für die Website reserviert. Entfernen Sie diesen Kommentar.")]


def test_the_site_keeps_the_lifted_html(built_site):
    """The built entry pages carry the facts box and citation, and no placeholder or mark is left."""
    pages = list((built_site / "mediathek").glob("*/index.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'class="mt-meta"' in text and 'class="mt-cite"' in text, page
        assert not html_blocks.RESERVED.search(text), page
    assert not html_blocks.RESERVED.search((built_site / "index.html").read_text(encoding="utf-8"))
