"""„Zitieren“: suggested citation, BibTeX and RIS files that parse, Google-Scholar meta tags."""

from __future__ import annotations

import html as htmllib
import re

from conftest import FIXTURE_SITE_NAME, REPO, VALID_PAPER
from mediathek.pages import pipeline
from mediathek.pages.citation import bibtex, citation_text, ris

BIBTEX_UNESCAPE = {r"\textbackslash{}": "\\", r"\{": "{", r"\}": "}", r"\%": "%", r"\&": "&", r"\#": "#", r"\$": "$", r"\_": "_", r"\^{}": "^", r"\~{}": "~"}


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """One BibTeX record with brace-delimited values; fails on unbalanced braces."""
    match = re.match(r"\s*@(\w+)\{([^,\s]+),", text)
    assert match, text
    kind, key, pos, fields = match.group(1), match.group(2), match.end(), {}
    while True:
        field = re.compile(r"\s*(\w+)\s*=\s*\{").match(text, pos)
        if not field:
            break
        depth, i = 1, field.end()
        while depth:
            assert i < len(text), "unbalanced braces"
            if text[i] == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        fields[field.group(1)] = text[field.end() : i - 1]
        pos = i
        comma = re.compile(r"\s*,").match(text, pos)
        if comma:
            pos = comma.end()
    assert re.fullmatch(r"\s*\}\s*", text[pos:]), f"junk after the record: {text[pos:]!r}"
    return kind, key, fields


def bibtex_value(raw: str) -> str:
    for escaped, char in BIBTEX_UNESCAPE.items():
        raw = raw.replace(escaped, char)
    return raw


def parse_ris(text: str) -> list[tuple[str, str]]:
    lines = text.split("\r\n")
    assert lines[-1] == ""
    pairs = []
    for line in lines[:-1]:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, line
        pairs.append((match.group(1), match.group(2)))
    assert pairs[0] == ("TY", "ELEC") and pairs[-1] == ("ER", "")
    return pairs


def test_bibtex_and_ris_of_every_entry_parse_with_title_authors_year(built_site):
    real = pipeline.check(REPO)
    for entry in real.entries:
        folder = built_site / "mediathek" / entry.slug
        kind, key, fields = parse_bibtex((folder / "zitat.bib").read_text(encoding="utf-8"))
        assert (kind, key) == ("misc", entry.slug)
        assert bibtex_value(fields["title"]) == entry.title
        assert fields["year"] == str(entry.date.year)
        assert fields["author"] == " and ".join("{" + a + "}" for a in entry.authors)
        assert fields["url"].endswith(f"/mediathek/{entry.slug}/")
        pairs = parse_ris((folder / "zitat.ris").read_bytes().decode("utf-8"))  # keep the CR LF
        assert ("TI", entry.title) in pairs
        assert [v for k, v in pairs if k == "AU"] == list(entry.authors)
        assert ("PY", str(entry.date.year)) in pairs
        assert ("DA", entry.date.strftime("%Y/%m/%d/")) in pairs


def test_hostile_values_cannot_break_bibtex_or_ris(repo):
    title = "Klammer } zu { auf % Kommentar & Co. \\ende\nER  - neu"
    paper = VALID_PAPER.replace('title: "Eine Projektarbeit"', 'title: "Klammer } zu { auf % Kommentar & Co. \\\\ende ER  - neu"')
    repo.entry("eine-projektarbeit", paper)
    result = pipeline.check(repo.root)
    assert result.problems == []
    entry, model = result.entries[0], result.model
    _, _, fields = parse_bibtex(bibtex(entry, model, "https://example.org/x/", FIXTURE_SITE_NAME))
    assert bibtex_value(fields["title"]) == " ".join(title.split())
    pairs = parse_ris(ris(entry, model, "https://example.org/x/", FIXTURE_SITE_NAME))
    assert [k for k, _ in pairs].count("ER") == 1
    assert ("TI", " ".join(title.split())) in pairs


def test_suggested_citation_in_german_apa_style(valid_repo):
    result = pipeline.check(valid_repo.root)
    entry = next(e for e in result.entries if e.slug == "eine-projektarbeit")
    url = "https://example.org/wsn/mediathek/eine-projektarbeit/"
    assert citation_text(entry, url, FIXTURE_SITE_NAME) == (
        f"Projektgruppe Verstetigung (2026). Eine Projektarbeit. Wissenssammlung Netzwerkkoordination. {url}"
    )
    page = pipeline.generate(result, site_url="https://example.org/wsn/", site_name=FIXTURE_SITE_NAME).pages["mediathek/eine-projektarbeit/index.md"]
    assert "## Zitieren" in page
    assert citation_text(entry, url, FIXTURE_SITE_NAME) in page
    assert page.index("## Zitieren") < page.index("## Verwandte Einträge")
    assert '<a href="zitat.bib" download' in page and '<a href="zitat.ris" download' in page


def test_google_scholar_meta_tags_on_every_entry(built_site):
    real = pipeline.check(REPO)
    for entry in real.entries:
        html = (built_site / "mediathek" / entry.slug / "index.html").read_text(encoding="utf-8")
        meta = {}
        for name, content in re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html):
            meta.setdefault(name, []).append(htmllib.unescape(content))
        assert meta["citation_title"] == [entry.title], entry.slug
        assert meta["citation_author"] == list(entry.authors)
        assert meta["citation_publication_date"] == [entry.date.strftime("%Y/%m/%d")]
        assert meta["citation_public_url"][0].endswith(f"/mediathek/{entry.slug}/")
