"""What the site adds to every entry of the real content, whatever an author wrote.

Collection-level wishes (examples per topic, Länder, tag use) are not tested here: they are the
maintainers' overview of `make check` (tests/test_contentmodel.py). No test may fail a valid entry.
"""

from __future__ import annotations

import html as html_module
import re

from conftest import REPO
from mediathek.site import stage
from mediathek.site.markers import OPERATOR_FIELDS, unset_settings

LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit")


def test_every_practice_example_page_says_what_kind_of_case_it_is(built_site, real):
    for entry in real.entries:
        html = (built_site / "mediathek" / entry.slug / "index.html").read_text(encoding="utf-8")
        case = real.model.case_of(entry)
        assert (case is not None) == (entry.type == "praxisbeispiel"), entry.slug
        if case is not None:
            assert f'class="admonition info {case.notice.css_class}"' in html and case.notice.title in html, entry.slug
        assert "Anonymisiertes Fallbeispiel" not in html, entry.slug


def test_glossary_terms_are_explained_where_they_are_used(built_site, real):
    glossary = (built_site / "glossar" / "index.html").read_text(encoding="utf-8")
    for term in real.model.glossary:
        assert f'id="{term.anchor}"' in glossary, term.term
    explained = 0
    for entry in real.entries:
        page = (built_site / "mediathek" / entry.slug / "index.html").read_text(encoding="utf-8")
        for term in real.model.glossary:
            if re.search(rf"(?<!\w){re.escape(term.term)}(?!\w)", entry.body):
                assert re.search(rf'<abbr title="[^"]+">{re.escape(html_module.escape(term.term, quote=False))}</abbr>', page), (entry.slug, term.term)
                explained += 1
    assert explained  # the real content uses the glossary at all


def test_operator_details_come_from_one_place(built_site):
    """Whatever the operator filled in (or left as a placeholder) is what the legal pages show."""
    settings = stage.load_settings(REPO)
    for page in LEGAL_PAGES:
        assert "{{" not in (built_site / page / "index.html").read_text(encoding="utf-8"), page
    imprint = article_text(built_site, "impressum")
    for key in ("name", "anschrift", "email"):
        shown = settings.operator.get(key) or f"[{OPERATOR_FIELDS[key]}]"
        assert str(shown) in imprint, key


def test_no_placeholder_is_left_once_every_setting_is_filled(built_site):
    """A value in square brackets on a legal page is an unset setting; none remain once all are set."""
    if unset_settings(stage.load_settings(REPO).operator):
        return  # the operator has not filled everything in: the pages show placeholders on purpose
    for page in LEGAL_PAGES:
        assert re.findall(r"\[[^\]\n]{3,}\]", article_text(built_site, page)) == [], page


def article_text(built_site, page: str) -> str:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return html_module.unescape(re.sub(r"<[^>]+>", "", article))
