"""What the site adds to every entry of the real content, whatever an author wrote.

Collection-level wishes (examples per topic, Länder, tag use) are not tested here: they are the
maintainers' overview of `make check` (tests/test_contentmodel.py). No test may fail a valid entry.
"""

from __future__ import annotations

import html as html_module
import re


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
    for page in ("impressum", "datenschutz", "barrierefreiheit"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert "{{" not in html, page
    imprint = html_module.unescape((built_site / "impressum" / "index.html").read_text(encoding="utf-8"))
    assert "[Name und Rechtsform des Betreibers]" in imprint
