"""Markers in docs/ are Jinja2 expressions in a sandbox: known names only, every mistake a German error."""

from __future__ import annotations

import pytest

from mediathek.site.markers import MarkerError, resolve_markers

SETTINGS = {"betreiber": {"name": "Ein *Verein*"}, "repo_url": "https://example.org/r/?a=1&b=2/"}


def test_values_are_inserted_once_escaped_for_markdown_and_nothing_else_changes():
    text = "## Titel {#anker}\n\n{{ betreiber.name }} – {{repo_url}}/blob\n"
    assert resolve_markers(text, "impressum.md", SETTINGS) == "## Titel {#anker}\n\nEin &#42;Verein&#42; – https://example.org/r/?a=1&b=2/blob\n"


def test_the_site_name_comes_from_the_settings():
    settings = {**SETTINGS, "site_name": "Praxiswissen *Übergänge*"}
    assert resolve_markers("Die {{ site_name }} ist offen.", "ueber.md", settings) == "Die Praxiswissen &#42;Übergänge&#42; ist offen."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ gibtsnicht }}", "docs/x.md: Unbekannter Platzhalter „{{ gibtsnicht }}“."),
        ("{{ gibtsnicht.name }}", "docs/x.md: Unbekannter Platzhalter „{{ gibtsnicht.name }}“."),
        ("{{ abschnitt.gibtsnicht }}", "docs/x.md: Unbekannter Platzhalter „{{ abschnitt.gibtsnicht }}“."),
        ("{{ neueste_eintraege }}", "docs/x.md: Unbekannter Platzhalter „{{ neueste_eintraege }}“."),  # the home page is generated
        ("{{ word_vorlagen }}", "docs/x.md: „{{ word_vorlagen }}“ braucht das Inhaltsmodell."),
        ("Text\n{{ betreiber.name", "docs/x.md:2: Ein Platzhalter ist nicht richtig geschrieben"),
        ("{{ repo_url.__class__ }}", "docs/x.md: Unbekannter Platzhalter „{{ __class__ }}“."),  # the sandbox hides it
    ],
)
def test_a_wrong_marker_is_a_german_error_naming_the_page(text, message):
    with pytest.raises(MarkerError) as raised:
        resolve_markers(text, "x.md", SETTINGS)
    assert str(raised.value).startswith(message)

