"""The legal pages: markers resolved from the operator settings (scripts/mediathek/site/markers.py),
the law text for each kind of operator, visible placeholders, and what the built pages contain."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import FIXTURE_SITE_NAME, OPERATOR_KINDS, REPO, operator_settings
from mediathek.site.markers import (
    CHOICES,
    OPERATOR_FIELDS,
    MarkerError,
    palette_key,
    resolve_markers,
    unset_settings,
)

COMPLETE = {
    "art": "privat",
    "bundesland": "Niedersachsen",
    "name": "Beispiel-Verein e. V.",
    "anschrift": "Musterweg 1, 12345 Musterstadt",
    "email": "kontakt@example.org",
    "telefon": "0123 456789",
    "vertretung": "Vorstand",
    "vertretung_anschrift": "Musterweg 1, 12345 Musterstadt",
    "wirtschafts_id": "",
    "datenschutz_landesrecht": "§ 3 Landesdatenschutzgesetz X",
    "gebaerdensprache": "",
    "register": "Amtsgericht Musterstadt, VR 1234",
    "ust_id": "",
    "aufsicht": "",
    "verantwortlich_name": "Erika Beispiel",
    "verantwortlich_anschrift": "Beispielgasse 2, 12345 Musterstadt",
    "datenschutzbeauftragte": "",
    "hosting_rolle": "eigenverantwortlich",
    "protokolle_speicherdauer": "höchstens 90 Tage",
    "barrierefreiheit_status": "teilweise",
    "barrierefreiheit_landesrecht": "Landesgesetz X",
    "barrierefreiheit_stelle": "Landesstelle Y, Straße 3, 12345 Stadt",
    "barrierefreiheit_ausnahmen": ["Die Karte der Länder ist nur als Bild beschriftet."],
    "barrierefreiheit_methode": "Selbstbewertung",
    "barrierefreiheit_pruefdatum": "1. Dezember 2026",
    "barrierefreiheit_erstellt": "26. November 2026",
}


def resolve(markdown: str, **operator) -> str:
    settings = {"betreiber": {**COMPLETE, **operator}, "repo_url": "https://example.org/repo/", "site_url": "https://example.org/wissen/"}
    return resolve_markers(markdown, "barrierefreiheit.md", settings)


def text(markdown: str) -> str:
    return html.unescape(markdown)


def test_unknown_marker_is_a_german_error_naming_the_file():
    with pytest.raises(MarkerError, match=r"docs/impressum\.md: Unbekannter Platzhalter „\{\{ betreiber\.hausnummer \}\}“"):
        resolve_markers("{{ betreiber.hausnummer }}", "impressum.md", {"betreiber": {}})
    with pytest.raises(MarkerError, match=r"docs/x/index\.md: Unbekannter Platzhalter"):
        resolve_markers("{{ abschnitt.gibt_es_nicht }}", "x/index.md", {"betreiber": {}})


def test_a_wrong_choice_is_a_german_error():
    with pytest.raises(MarkerError, match=r"extra\.betreiber\.art: „verein“ ist kein erlaubter Wert \(erlaubt: bund, land"):
        resolve("{{ abschnitt.barrierefreiheit_recht }}", art="verein")


def test_missing_or_empty_values_render_visible_placeholders():
    settings = {"betreiber": {"email": "", "telefon": "[Telefon]"}}
    out = text(resolve_markers("{{ betreiber.name }} / {{ betreiber.email }} / {{ betreiber.telefon }}", "impressum.md", settings))
    assert out == "[Name und Rechtsform des Betreibers] / [E-Mail-Adresse] / [Telefon]"


def test_values_are_markdown_text():
    out = resolve_markers("{{ betreiber.name }}", "impressum.md", {"betreiber": {"name": "*A* [b](c) <i>"}})
    assert "*" not in out and "<i>" not in out and text(out) == "*A* [b](c) <i>"


def test_repo_url_and_page_urls():
    assert resolve_markers("{{ repo_url }}/blob", "mitmachen.md", {"repo_url": "https://x.org/r/"}) == "https://x.org/r/blob"


@pytest.mark.parametrize(
    ("art", "expected", "enforcement"),
    [
        ("bund", ["öffentliche Stelle des Bundes", "§ 12a des Behindertengleichstellungsgesetzes", "BITV 2.0", "§ 12b BGG"],
         ["Schlichtungsstelle nach § 16 BGG", "Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen",
          "Mauerstraße 53, 10117 Berlin", "schlichtungsstelle-bgg.de"]),
        ("land", ["öffentliche Stelle des Landes Niedersachsen", "Landesgesetz X", "Richtlinie (EU) 2016/2102"],
         ["Durchsetzungs- oder Schlichtungsstelle des Landes Niedersachsen", "Landesstelle Y, Straße 3, 12345 Stadt"]),
        ("kammer", ["Körperschaft des öffentlichen Rechts", "im Land Niedersachsen", "Landesgesetz X"],
         ["Durchsetzungs- oder Schlichtungsstelle des Landes Niedersachsen", "Landesstelle Y"]),
        ("kommune", ["Kommune", "im Land Niedersachsen", "Landesgesetz X"],
         ["Durchsetzungs- oder Schlichtungsstelle des Landes Niedersachsen", "Landesstelle Y"]),
        ("privat", ["keine öffentliche Stelle", "freiwillig"],
         ["kein Durchsetzungs- oder Schlichtungsverfahren", "kontakt@example.org"]),
    ],
)
def test_every_operator_kind_renders_its_law_text(art, expected, enforcement):
    law = text(resolve("{{ abschnitt.barrierefreiheit_recht }}", art=art))
    for phrase in expected:
        assert phrase in law, (art, phrase)
    assert "Beispiel-Verein e. V." in law
    procedure = text(resolve("{{ abschnitt.barrierefreiheit_durchsetzung }}", art=art))
    for phrase in enforcement:
        assert phrase in procedure, (art, phrase)
    other = {"bund": "§ 16 BGG", "privat": "freiwillig"}
    for kind, phrase in other.items():
        if kind != art:
            assert phrase not in law + procedure, (art, phrase)


def test_a_land_without_its_law_shows_placeholders():
    out = text(resolve("{{ abschnitt.barrierefreiheit_recht }} {{ abschnitt.barrierefreiheit_durchsetzung }}", art="land",
                       bundesland=None, barrierefreiheit_landesrecht="[Landesrecht]", barrierefreiheit_stelle=None))
    assert "[Bundesland des Betreibers]" in out and "[Landesrecht]" in out
    assert "[Durchsetzungs- oder Schlichtungsstelle des Landes mit Anschrift, E-Mail und Website]" in out


def test_an_unset_operator_kind_shows_a_placeholder_for_the_law():
    out = text(resolve("{{ abschnitt.barrierefreiheit_recht }}\n{{ abschnitt.barrierefreiheit_durchsetzung }}", art="[bund | land]"))
    assert out.count("[") == 2 and "extra.betreiber.art" in out
    assert "§ 16 BGG" not in out


@pytest.mark.parametrize(("status", "words"), [
    ("vollstaendig", "vollständig vereinbar"), ("teilweise", "teilweise vereinbar"), ("nicht", "nicht vereinbar"),
    ("[x]", "[vollständig / teilweise / nicht] vereinbar"),
])
def test_status_in_the_model_terms(status, words):
    assert words in text(resolve("{{ abschnitt.barrierefreiheit_status }}", barrierefreiheit_status=status))


def test_exceptions_are_the_real_ones():
    out = text(resolve("{{ abschnitt.barrierefreiheit_ausnahmen }}"))
    assert "Die Karte der Länder ist nur als Bild beschriftet." in out and "Anhänge" not in out
    partial_without_list = text(resolve("{{ abschnitt.barrierefreiheit_ausnahmen }}", barrierefreiheit_ausnahmen=[]))
    assert partial_without_list.startswith("[") and "barrierefreiheit_ausnahmen" in partial_without_list
    none = text(resolve("{{ abschnitt.barrierefreiheit_ausnahmen }}", barrierefreiheit_ausnahmen=[], barrierefreiheit_status="vollstaendig"))
    assert "nicht bekannt" in none


def test_imprint_lines_that_do_not_apply_are_left_out():
    out = text(resolve("{{ abschnitt.impressum_zusatz }}"))
    assert "Amtsgericht Musterstadt, VR 1234" in out
    assert "Umsatzsteuer" not in out and "Aufsichtsbehörde" not in out
    out = text(resolve("{{ abschnitt.impressum_zusatz }}", ust_id="[USt-IdNr.]", aufsicht=None))
    assert "[USt-IdNr.]" in out and "[Zuständige Aufsichtsbehörde]" in out


def test_data_protection_officer():
    assert "nicht verpflichtet" in text(resolve("{{ abschnitt.datenschutzbeauftragte }}"))
    public = text(resolve("{{ abschnitt.datenschutzbeauftragte }}", art="kammer"))
    assert "Art. 37 Abs. 1 lit. a DSGVO" in public and "[Name und Kontakt" in public
    named = text(resolve("{{ abschnitt.datenschutzbeauftragte }}", datenschutzbeauftragte="Max Muster, dsb@example.org"))
    assert "Max Muster, dsb@example.org" in named


def test_palette_key_follows_the_site_path():
    assert palette_key("https://example.org/wissen/") == "/wissen/.__palette"
    assert palette_key("https://example.org") == "/.__palette"
    assert "`/wissen/.__palette`" in resolve("{{ abschnitt.farbschema_schluessel }}")


def test_unset_settings_lists_every_placeholder_and_only_what_applies():
    assert unset_settings(COMPLETE) == []
    everything = unset_settings({})
    assert "extra.betreiber.name" in everything and "extra.betreiber.barrierefreiheit_landesrecht" in everything
    federal = {**COMPLETE, "art": "bund", "bundesland": "[Bundesland]", "barrierefreiheit_stelle": None}
    assert unset_settings(federal) == ["extra.betreiber.datenschutzbeauftragte"]  # a public body must name one
    assert unset_settings({**federal, "datenschutzbeauftragte": "Max Muster"}) == []
    assert unset_settings({**COMPLETE, "art": "land", "bundesland": "[Bundesland]", "datenschutzbeauftragte": "M"}) == ["extra.betreiber.bundesland"]
    assert unset_settings({**COMPLETE, "art": "kammer"}) == ["extra.betreiber.datenschutzbeauftragte"]


def configured_operator() -> dict:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")  # from `extra:` on: no !ENV tags there
    return yaml.safe_load(config[config.index("\nextra:") :])["extra"]["betreiber"]


@pytest.mark.live
def test_mkdocs_yml_has_every_known_setting():
    assert set(configured_operator()) == set(OPERATOR_FIELDS)


@pytest.mark.parametrize("name", ["platzhalter", *OPERATOR_KINDS])
def test_every_fixture_operator_has_every_known_setting(name):
    operator = operator_settings(name)["betreiber"]
    assert set(operator) == set(OPERATOR_FIELDS)
    if name == "platzhalter":  # the demo's placeholders name every allowed choice
        for key, allowed in CHOICES.items():
            assert all(choice in operator[key] for choice in allowed), key


# ---------------------------------------------------------------- the pages for fixture operators


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """A generated site of two fixture entries: what the legal pages read of the catalog."""
    from conftest import VALID_EXAMPLE, VALID_PAPER, scratch_repo
    from mediathek.pages import pipeline

    repo = scratch_repo(tmp_path_factory.mktemp("legal"), word_limits=False)
    repo.entry("eine-projektarbeit", VALID_PAPER)
    repo.entry("ein-praxisbeispiel", VALID_EXAMPLE)
    return pipeline.generate(pipeline.check(repo.root), site_name=FIXTURE_SITE_NAME)


def rendered(small_site, name: str, page: str) -> str:
    """docs/<page>.md as staging resolves it for a fixture operator, as the reader's text (no build)."""
    import markdown

    from mediathek.site import stage

    fixture = operator_settings(name)
    settings = stage.Settings(FIXTURE_SITE_NAME, fixture["site_url"], fixture["repo_url"], fixture["betreiber"], {"extra": fixture.get("extra", {})})
    source = stage.authored_page((REPO / "docs" / f"{page}.md").read_text(encoding="utf-8"), f"{page}.md", settings, small_site)
    body = source.split("\n---\n", 1)[1] if source.startswith("---\n") else source
    out = markdown.markdown(body, extensions=["attr_list", "md_in_html", "admonition", "tables"])
    return html.unescape(re.sub(r"<[^>]+>", "", out))


def test_imprint_contains_every_required_item(small_site):
    imprint = rendered(small_site, "platzhalter", "impressum")
    assert missing(imprint, (
        "Angaben gemäß § 5 DDG und § 18 Abs. 1 MStV",
        "[Name und Rechtsform des Betreibers]",
        "[Straße Hausnummer, Postleitzahl Ort]",
        "[Vertretungsberechtigte Person]",
        "[Registergericht und Registernummer]",
        "[Umsatzsteuer-Identifikationsnummer]",
        "[Zuständige Aufsichtsbehörde]",
        "[E-Mail-Adresse]",
        "[Telefonnummer]",
        "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
        "[Name der inhaltlich verantwortlichen Person], [Anschrift der inhaltlich verantwortlichen Person]",
    )) == []


def test_privacy_page_contains_every_required_item(small_site):
    privacy = rendered(small_site, "platzhalter", "datenschutz")
    assert missing(privacy, (
        "GitHub, Inc.",
        "[Rolle von GitHub",
        "EU-U.S. Data Privacy Framework vom 10. Juli 2023",
        "Standardvertragsklauseln",
        "Speicherdauer: [Speicherdauer der Server-Protokolle bei GitHub]",
        "§ 25 Abs. 2 Nr. 2",
        "/wissenssammlung-netzwerkkoordination/.__palette",  # the path of the fixture's site_url
        "#q=",
        "?thema=",
        "Ihr Recht auf Widerspruch (Art. 21 DSGVO)",
        "[Name und Kontakt der*des Datenschutzbeauftragten]",
        "per E-Mail einreichen",
        "Art. 6 Abs. 1 lit. b DSGVO",
        "Wenn Ihr Name bei einem Eintrag steht",
        "Art. 7 Abs. 3 DSGVO",
        "Datenschutzerklärung von GitHub",
    )) == []
    # Art. 20 only for what rests on consent or the contribution, never next to Art. 6(1)(f)
    rights = privacy[privacy.index("Ihre Rechte") : privacy.index("Ihr Recht auf Widerspruch")]
    sentence = next(line for line in rights.splitlines() if "Art. 20 DSGVO" in line)
    assert "Einwilligung" in sentence and "lit. f" not in sentence
    assert "Suchbegriffe werden nicht an einen Server geschickt" not in privacy


def test_accessibility_page_contains_every_required_item(small_site):
    page = rendered(small_site, "platzhalter", "barrierefreiheit")
    assert missing(page, (
        "[Rechtsgrundlage dieser Erklärung",
        "EN 301 549",
        "[vollständig / teilweise / nicht] vereinbar",
        "Dateien zum Herunterladen enthält zurzeit kein Eintrag.",
        "[Datum der Erklärung]",
        "[Datum der letzten Prüfung]",
        "Methode der letzten Prüfung: [Methode",
        "axe-core",
        "[Durchsetzungs- oder Schlichtungsverfahren",
        "[E-Mail-Adresse]",
    )) == []
    assert "weitgehend" not in page


@pytest.mark.parametrize("name", OPERATOR_KINDS)
def test_a_filled_operator_leaves_no_placeholder_on_any_legal_page(small_site, name):
    operator = operator_settings(name)["betreiber"]
    for page in ("impressum", "datenschutz", "barrierefreiheit"):
        text_of_page = rendered(small_site, name, page)
        assert re.findall(r"\[[^\]\n]{3,}\]", text_of_page) == [], (name, page)
        assert operator["name"] in text_of_page and operator["email"] in text_of_page, (name, page)
    assert palette_key(operator_settings(name)["site_url"]) in rendered(small_site, name, "datenschutz")


# ---------------------------------------------------------------- the built pages (live: invariants only)


def page_text(built_site, name: str) -> str:
    page = (built_site / name / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def missing(page: str, items: tuple[str, ...]) -> list[str]:
    return [item for item in items if item not in page]


def test_the_built_legal_pages_hold_what_applies_to_any_operator(built_site):
    from mediathek.site import stage

    assert missing(page_text(built_site, "impressum"), (
        "Angaben gemäß § 5 DDG und § 18 Abs. 1 MStV", "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV")) == []
    privacy = page_text(built_site, "datenschutz")
    assert missing(privacy, ("GitHub, Inc.", "§ 25 Abs. 2 Nr. 2", "Ihr Recht auf Widerspruch (Art. 21 DSGVO)", "Art. 7 Abs. 3 DSGVO")) == []
    assert palette_key(stage.load_settings(REPO).site_url or "/") in privacy
    assert missing(page_text(built_site, "barrierefreiheit"), ("EN 301 549", "axe-core")) == []


def test_the_build_names_every_unset_setting(built_site):
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    hints = [line for line in log.splitlines() if line.startswith("HINWEIS")]
    unset = unset_settings(configured_operator())
    assert bool(hints) >= bool(unset)  # unset settings are named; a filled operator may still get a hint for its URLs
    for key in unset:
        assert key in hints[0], key


@pytest.mark.parametrize("kind", OPERATOR_KINDS)
def test_a_filled_fixture_operator_leaves_nothing_unset(kind: str) -> None:
    settings = operator_settings(kind)
    assert set(settings["betreiber"]) == set(OPERATOR_FIELDS)
    assert unset_settings(settings["betreiber"]) == []


def test_the_placeholder_fixture_operator_leaves_everything_unset() -> None:
    unset = unset_settings(operator_settings("platzhalter")["betreiber"])
    assert "extra.betreiber.name" in unset and "extra.betreiber.art" in unset


def test_a_partly_accessible_site_must_name_what_is_not() -> None:
    """„teilweise“ with no exception listed would leave a placeholder in the statement: go-live names it."""
    private = operator_settings("privat")["betreiber"]
    assert unset_settings({**private, "barrierefreiheit_status": "teilweise", "barrierefreiheit_ausnahmen": []}) == [
        "extra.betreiber.barrierefreiheit_ausnahmen"
    ]
    assert unset_settings({**private, "barrierefreiheit_status": "vollstaendig", "barrierefreiheit_ausnahmen": []}) == []
    federal = operator_settings("bund")["betreiber"]  # no sign-language information: that is the listed exception
    assert unset_settings({**federal, "barrierefreiheit_status": "nicht", "gebaerdensprache": ""}) == []
