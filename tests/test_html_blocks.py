"""Generated HTML blocks skip Python-Markdown's HTML parser (mediathek.site.markdown_ext): the pages come out the same."""

from __future__ import annotations

import markdown
import pytest

from conftest import REPO, VALID_PAPER
from mediathek.content import html_blocks
from mediathek.content.sitemarkdown import SiteMarkdown
from mediathek.pages import pipeline
from mediathek.site.compact_html import collapse_indentation
from mediathek.site.stage import load_settings

FIRST = 15  # the line where a snippet appended to VALID_PAPER after an empty line starts


# The site's extensions without its own, which some tests add.
SITE_EXTENSIONS = [name for name in SiteMarkdown.of_site(REPO).extensions if name != "mediathek.site.markdown_ext"]


def convert(text: str, *extra: str) -> str:
    return markdown.Markdown(extensions=[*SITE_EXTENSIONS, *extra]).convert(text)


def unmarked(text: str) -> str:
    """The page as it was before blocks were marked: the markers' lines removed."""
    lines = [line for line in text.split("\n") if line not in (html_blocks.OPEN, html_blocks.CLOSE)]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def generated_pages(real) -> dict[str, str]:
    return {rel: text for rel, text in pipeline.generate(real, site_name=load_settings(REPO).site_name).pages.items() if rel.endswith(".md")}


def test_generated_pages_mark_their_html(generated_pages):
    entry_pages = [text for rel, text in generated_pages.items() if rel.startswith("mediathek/") and rel.count("/") == 2]
    assert entry_pages
    assert all(text.count(html_blocks.OPEN) >= 2 for text in entry_pages)  # facts and citation at least
    assert html_blocks.OPEN in generated_pages["schlagwoerter/index.md"]


def test_stashing_changes_nothing_a_reader_sees(generated_pages):
    """Converting with the blocks stashed as they are gives the HTML of parsing them along, up to
    the blank lines between blocks, which the build drops anyway (mediathek.site.compact_html)."""
    for rel, text in generated_pages.items():
        assert collapse_indentation(convert(text, "mediathek.site.markdown_ext")) == collapse_indentation(convert(unmarked(text))), rel


def test_blocks_stay_in_their_places():
    text = "\n".join(
        ["Vorher", "", html_blocks.mark('<ul id="eins"><li>1</li></ul>'), "Mitte", "", html_blocks.mark("<p>2</p>"), "Nachher"]
    )
    assert convert(text, "mediathek.site.markdown_ext") == (
        '<p>Vorher</p>\n<ul id="eins"><li>1</li></ul>\n<p>Mitte</p>\n<p>2</p>\n<p>Nachher</p>'
    )


def test_checklists_show_an_indicator_without_a_checkbox():
    md = markdown.Markdown(extensions=["pymdownx.tasklist", "mediathek.site.markdown_ext"], extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}})
    html = md.convert("- [ ] offen\n- [x] erledigt\n")
    assert "<input" not in html and "<label" not in html
    assert html.count('<span class="task-list-control" aria-hidden="true"><span class="task-list-indicator"></span></span>') == 2


@pytest.mark.parametrize("snippet", [html_blocks.OPEN, "```\n" + html_blocks.CLOSE + "\n```", "Text <!--mediathek:block 0--> Text"])
def test_authors_cannot_write_the_marks(repo, snippet):
    repo.entry("marke", VALID_PAPER + "\n" + snippet + "\n")
    found = [(p.line, p.message) for p in pipeline.check(repo.root).problems]
    line = FIRST + snippet.split("\n").index(next(s for s in snippet.split("\n") if "mediathek:" in s))
    assert found == [(line, "Kommentare der Form „<!--mediathek:…-->“ sind für die Website reserviert. Entfernen Sie diesen Kommentar.")]


def test_the_site_keeps_the_generated_html(built_site):
    """The built entry pages carry the facts box and citation, and no mark is left."""
    pages = list((built_site / "mediathek").glob("*/index.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'class="mt-meta"' in text and 'class="mt-cite"' in text, page
        assert not html_blocks.RESERVED.search(text), page
    assert not html_blocks.RESERVED.search((built_site / "index.html").read_text(encoding="utf-8"))
