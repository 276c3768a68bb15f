"""The legal pages are right for each kind of operator: rendered from docs/ with the fixture settings
(tests/fixtures/operators/<kind>.yml), never from the live mkdocs.yml.

A public body (bund, land, kammer, kommune) may not rely on legitimate interests (Art. 6 Abs. 1
UAbs. 2 DSGVO): its privacy page names Art. 6 Abs. 1 lit. e with Abs. 3 DSGVO and the data-protection
law that governs it, and the right to object (Art. 21 DSGVO) speaks of that basis. Only a private
operator names lit. f. The Leichte-Sprache page exists for every kind and follows the rules it is
written by.
"""

from __future__ import annotations

import html
import re

import pytest

from conftest import OPERATOR_KINDS, REPO, operator_settings
from mediathek.site.markers import resolve_markers

PUBLIC = ("bund", "land", "kammer", "kommune")
PAGES = ("impressum.md", "datenschutz.md", "barrierefreiheit.md", "leichte-sprache.md")
# Text in square brackets that is not a Markdown link: a placeholder left on the page.
PLACEHOLDER = re.compile(r"\[[^\]\n]+\](?!\()")


def page(name: str, kind: str) -> str:
    markdown = (REPO / "docs" / name).read_text(encoding="utf-8")
    return html.unescape(resolve_markers(markdown, name, operator_settings(kind)))


def section(text: str, heading: str) -> str:
    """The text under a `## heading`, up to the next heading of that level."""
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


@pytest.mark.parametrize("kind", OPERATOR_KINDS)
@pytest.mark.parametrize("name", PAGES)
def test_a_filled_operator_leaves_no_placeholder(kind, name):
    assert PLACEHOLDER.findall(page(name, kind)) == []


@pytest.mark.parametrize("kind", PUBLIC)
def test_a_public_body_relies_on_its_public_task_not_on_legitimate_interests(kind):
    privacy = page("datenschutz.md", kind)
    law = "§ 3 des Bundesdatenschutzgesetzes (BDSG)" if kind == "bund" else operator_settings(kind)["betreiber"]["datenschutz_landesrecht"]
    basis = f"Art. 6 Abs. 1 lit. e und Abs. 3 DSGVO in Verbindung mit {law}"
    assert basis in section(privacy, "Hosting bei GitHub Pages")
    assert basis in section(privacy, "Wenn Sie uns schreiben")
    assert "lit. f" not in privacy and "berechtigten Interesse" not in privacy
    objection = section(privacy, "Ihr Recht auf Widerspruch (Art. 21 DSGVO)")
    assert "Art. 6 Abs. 1 lit. e DSGVO" in objection and "öffentlichen Interesse" in objection
    assert ("§ 36 BDSG" in objection) == (kind == "bund")  # the federal restriction of the right to object
    assert "Aufgaben im öffentlichen Interesse" in section(privacy, "Das Wichtigste in Kürze")


def test_a_private_operator_relies_on_legitimate_interests():
    privacy = page("datenschutz.md", "privat")
    assert "Art. 6 Abs. 1 lit. f DSGVO" in section(privacy, "Hosting bei GitHub Pages")
    assert "Art. 6 Abs. 1 lit. f DSGVO" in section(privacy, "Wenn Sie uns schreiben")
    assert "Art. 6 Abs. 1 lit. e" not in privacy and "§ 3 des Bundesdatenschutzgesetzes" not in privacy
    objection = section(privacy, "Ihr Recht auf Widerspruch (Art. 21 DSGVO)")
    assert "berechtigten Interesses (Art. 6 Abs. 1 lit. f DSGVO)" in objection and "§ 36 BDSG" not in objection


@pytest.mark.parametrize("kind", OPERATOR_KINDS)
def test_contributions_have_their_basis_retention_and_the_duty_to_provide(kind):
    privacy = page("datenschutz.md", kind)
    github = section(privacy, "Wenn Sie einen Eintrag über GitHub einreichen")
    assert "Art. 6 Abs. 1 lit. b DSGVO" in github and "**Speicherdauer:**" in github
    assert "Pull Requests, Issues und Kommentare" in github
    mail = section(privacy, "Wenn Sie einen Eintrag per E-Mail einreichen")
    assert "Art. 6 Abs. 1 lit. b DSGVO" in mail and "löschen" in mail and "Assistenztechnik" in mail
    duty = section(privacy, "Müssen Sie uns Daten geben?")
    assert "Art. 13 Abs. 2 lit. e DSGVO" in duty and "weder gesetzlich noch vertraglich verpflichtet" in duty


@pytest.mark.parametrize("kind", OPERATOR_KINDS)
def test_the_colour_scheme_is_stored_only_after_a_choice(kind):
    stored = section(page("datenschutz.md", kind), "Was in Ihrem Browser gespeichert wird")
    assert "speichert nichts" in stored and "Erst wenn Sie selbst ein Farbschema wählen" in stored
    assert "beim ersten Aufruf" not in stored
    path = operator_settings(kind)["site_url"].split("/", 3)[3]
    assert f"`/{path}.__palette`" in stored


@pytest.mark.parametrize("kind", OPERATOR_KINDS)
def test_imprint_names_the_representative_with_address_and_the_business_id_where_there_is_one(kind):
    operator = operator_settings(kind)["betreiber"]
    imprint = page("impressum.md", kind)
    assert f"**Vertreten durch:** {operator['vertretung']}, {operator['vertretung_anschrift']}" in imprint
    business_id = "Wirtschafts-Identifikationsnummer nach § 139c Abgabenordnung"
    if operator["wirtschafts_id"]:
        assert f"**{business_id}:** {operator['wirtschafts_id']}" in imprint
    else:
        assert business_id not in imprint
    assert "Die Praxisbeispiele sind anonymisiert" not in imprint


def test_business_id_and_representatives_address_are_left_out_when_they_do_not_apply():
    settings = operator_settings("privat")
    settings["betreiber"] |= {"wirtschafts_id": "", "vertretung_anschrift": ""}
    markdown = (REPO / "docs" / "impressum.md").read_text(encoding="utf-8")
    imprint = html.unescape(resolve_markers(markdown, "impressum.md", settings))
    assert "Wirtschafts-Identifikationsnummer" not in imprint
    assert f"**Vertreten durch:** {settings['betreiber']['vertretung']}\n" in imprint


@pytest.mark.parametrize("kind", OPERATOR_KINDS)
def test_accessibility_statement_names_the_standard_leichte_sprache_and_contributing_without_github(kind):
    statement = page("barrierefreiheit.md", kind)
    assert "EN 301 549 V3.2.1 (2021-03)" in statement
    easy = section(statement, "Leichte Sprache und Gebärdensprache")
    assert "[Leichte Sprache](leichte-sprache.md)" in easy
    assert ("§ 4 BITV 2.0" in easy) == (kind in PUBLIC)
    assert ("freiwillig" in easy) == (kind == "privat")
    email = operator_settings(kind)["betreiber"]["email"]
    assert email in section(statement, "Einträge einreichen ohne GitHub")


@pytest.mark.parametrize("kind", OPERATOR_KINDS)
def test_sign_language_is_linked_or_listed_as_missing_for_a_public_body(kind):
    statement = page("barrierefreiheit.md", kind)
    easy = page("leichte-sprache.md", kind)
    link = operator_settings(kind)["betreiber"]["gebaerdensprache"]
    missing = "Deutsche Gebärdensprache:** Die Informationen zur Website in Deutscher Gebärdensprache (Videos) fehlen noch"
    if kind == "privat":
        assert missing not in statement and "Gebärden·sprache" not in easy
    elif link:
        assert f"(<{link}>)" in statement and f"(<{link}>)" in easy and missing not in statement
        assert "noch nicht" not in section(statement, "Leichte Sprache und Gebärdensprache")
    else:
        assert missing in section(statement, "Nicht barrierefreie Inhalte")
        assert "Gebärdensprache gibt es hier noch nicht" in section(statement, "Leichte Sprache und Gebärdensprache")
        assert "Informationen in Deutscher Gebärden·sprache gibt es noch nicht." in easy
        # Whatever the setting says, the page does not call itself fully compliant next to what is missing.
        assert operator_settings(kind)["betreiber"]["barrierefreiheit_status"] == "vollstaendig"
        assert "**teilweise vereinbar**" in section(statement, "Stand der Vereinbarkeit mit den Anforderungen")


def test_a_sign_language_address_that_is_no_web_address_stays_text():
    settings = operator_settings("bund")
    settings["betreiber"]["gebaerdensprache"] = "javascript:alert(1)"
    out = resolve_markers("{{ abschnitt.barrierefreiheit_leichte_sprache }}", "barrierefreiheit.md", settings)
    assert "Gebärdensprache: javascript&#58;alert&#40;1&#41;" in out and "](<javascript" not in out


# ---------------------------------------------------------------- the page in Leichte Sprache


def easy_sentences(kind: str) -> list[str]:
    text = page("leichte-sprache.md", kind).split("\n---\n", 1)[1]
    lines = [line.strip() for line in text.splitlines()]
    prose = [line for line in lines if line and not line.startswith(("<", "#", "[")) and "@" not in line and "](" not in line]
    return [sentence for line in prose for sentence in re.split(r"(?<=[.?!:])\s+", line) if sentence]


@pytest.mark.parametrize("kind", OPERATOR_KINDS)
def test_leichte_sprache_has_short_sentences_one_per_line(kind):
    sentences = easy_sentences(kind)
    assert len(sentences) > 40
    too_long = [s for s in sentences if len(s.split()) > 10]
    assert too_long == []


def test_leichte_sprache_splits_long_words_with_the_media_point():
    words = {w.strip(".,:?!*()") for s in easy_sentences("bund") for w in s.split()}
    # Long compounds are split with the media point („Netzwerk·koordination“) so they can be read in parts.
    unsplit = sorted(w for w in words if len(w) > 13 and "·" not in w and "-" not in w)
    assert unsplit == []
    assert {"Netzwerk·koordination", "Internet·seite", "Barriere·freiheit"} <= {w for w in words}


def test_leichte_sprache_says_what_the_site_is_how_to_find_things_and_how_to_report_a_barrier():
    easy = page("leichte-sprache.md", "kommune")
    for heading in ("Was ist diese Internet·seite?", "So finden Sie Texte", "Eine Barriere melden", "Einen Text schicken"):
        assert f"## {heading}\n" in easy
    operator = operator_settings("kommune")["betreiber"]
    barrier = section(easy, "Eine Barriere melden")
    assert operator["email"] in barrier and operator["telefon"] in barrier
    assert "[Erklärung zur Barriere·freiheit](barrierefreiheit.md)" in easy


def test_every_page_links_the_leichte_sprache_page_in_its_footer():
    footer = (REPO / "overrides" / "partials" / "copyright.html").read_text(encoding="utf-8")
    assert "<a href=\"{{ 'leichte-sprache/' | url }}\">Leichte Sprache</a>" in footer
    assert (REPO / "docs" / "leichte-sprache.md").is_file()
