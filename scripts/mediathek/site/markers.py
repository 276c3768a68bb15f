"""Markers in the authored pages of docs/ (`{{ betreiber.name }}`, `{{ abschnitt.… }}`, …), resolved.

Pure: plain strings and dicts in, Markdown out; no MkDocs objects. The operator's data come from
`mkdocs.yml` → `extra.betreiber` (one source of truth for Impressum, Datenschutz and
Barrierefreiheit). A value in square brackets is a placeholder and stays visible on the page;
a setting that is missing renders as one too. Text that depends on the law that applies (which
follows from `betreiber.art`) lives in templates/legal.md.j2.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NoReturn
from urllib.parse import urlsplit

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..pages.render import markdown_text, new_environment, render_word_templates

# Markers are Jinja2 expressions only: block and comment delimiters no page can contain.
_ONLY_VARIABLES = {
    "block_start_string": "\x00{%", "block_end_string": "%}\x00", "comment_start_string": "\x00{#", "comment_end_string": "#}\x00",
}
PLACEHOLDER = re.compile(r"^\[.*\]$", re.DOTALL)
SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]`\\]+$")  # nothing that could end the Markdown link early

# Every operator setting the pages know, with the text of its placeholder when it is missing.
OPERATOR_FIELDS: dict[str, str] = {
    "art": "Art des Betreibers: bund, land, kammer, kommune oder privat",
    "bundesland": "Bundesland des Betreibers",
    "name": "Name und Rechtsform des Betreibers",
    "anschrift": "Straße Hausnummer, Postleitzahl Ort",
    "email": "E-Mail-Adresse",
    "telefon": "Telefonnummer",
    "vertretung": "Vertretungsberechtigte Person",
    "vertretung_anschrift": "Anschrift der vertretungsberechtigten Person",
    "register": "Registergericht und Registernummer",
    "ust_id": "Umsatzsteuer-Identifikationsnummer nach § 27a UStG",
    "wirtschafts_id": "Wirtschafts-Identifikationsnummer nach § 139c AO",
    "aufsicht": "Zuständige Aufsichtsbehörde",
    "verantwortlich_name": "Name der inhaltlich verantwortlichen Person",
    "verantwortlich_anschrift": "Anschrift der inhaltlich verantwortlichen Person",
    "datenschutzbeauftragte": "Name und Kontakt der*des Datenschutzbeauftragten",
    "datenschutz_landesrecht": "Vorschrift des Landesdatenschutzgesetzes, auf die sich die Verarbeitung stützt",
    "hosting_rolle": "Rolle von GitHub: auftragsverarbeiter oder eigenverantwortlich",
    "protokolle_speicherdauer": "Speicherdauer der Server-Protokolle bei GitHub",
    "barrierefreiheit_status": "vollständig / teilweise / nicht",
    "barrierefreiheit_landesrecht": "Landesgesetz und Landesverordnung zur barrierefreien Informationstechnik",
    "barrierefreiheit_stelle": "Durchsetzungs- oder Schlichtungsstelle des Landes mit Anschrift, E-Mail und Website",
    "barrierefreiheit_ausnahmen": "",  # a list; empty when none are known
    "gebaerdensprache": "Adresse (URL) der Informationen in Deutscher Gebärdensprache",
    "barrierefreiheit_methode": "Methode der letzten Prüfung",
    "barrierefreiheit_pruefdatum": "Datum der letzten Prüfung",
    "barrierefreiheit_erstellt": "Datum, an dem die Erklärung erstellt wurde",
}
CHOICES: dict[str, tuple[str, ...]] = {
    "art": ("bund", "land", "kammer", "kommune", "privat"),
    "hosting_rolle": ("auftragsverarbeiter", "eigenverantwortlich"),
    "barrierefreiheit_status": ("vollstaendig", "teilweise", "nicht"),
}
PUBLIC_BODIES = ("bund", "land", "kammer", "kommune")
LAND_BODIES = ("land", "kammer", "kommune")
# Settings that only a Land's body needs; not reported as unset for the others.
ONLY_FOR_LAND = ("bundesland", "barrierefreiheit_landesrecht", "barrierefreiheit_stelle", "datenschutz_landesrecht")
# Settings that only a public body needs (§ 4 BITV 2.0 and Land law); not reported as unset for a private one.
ONLY_FOR_PUBLIC = ("gebaerdensprache",)
# Where a setting may be "" because it does not apply (register, VAT id, …): the line is left out.
OPTIONAL = ("register", "ust_id", "wirtschafts_id", "aufsicht", "datenschutzbeauftragte", "vertretung_anschrift", "gebaerdensprache")
# Rendered sections: `{{ abschnitt.<name> }}` calls the macro of that name in templates/legal.md.j2.
SECTIONS = (
    "impressum_vertretung",
    "impressum_zusatz",
    "rechtsgrundlage_hosting",
    "rechtsgrundlage_anfragen",
    "rechtsgrundlage_beitraege",
    "widerspruch_kurz",
    "widerspruch",
    "barrierefreiheit_leichte_sprache",
    "leichte_sprache_gebaerden",
    "datenschutzbeauftragte",
    "hosting_rolle",
    "farbschema_schluessel",
    "barrierefreiheit_recht",
    "barrierefreiheit_status",
    "barrierefreiheit_ausnahmen",
    "barrierefreiheit_pruefung",
    "barrierefreiheit_durchsetzung",
)
PALETTE_KEY = "__palette"  # mkdocs-material's localStorage entry: "<path of the site>.__palette"


class MarkerError(ValueError):
    """A marker or a setting the pages cannot render; the message is German and names the file."""


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and bool(PLACEHOLDER.match(value.strip()))


def palette_key(site_url: str) -> str:
    """The key under which the theme stores the colour scheme on the published site."""
    path = urlsplit(site_url or "/").path or "/"
    return (path if path.endswith("/") else path + "/") + "." + PALETTE_KEY


def unset_settings(operator: Mapping[str, Any]) -> list[str]:
    """Settings still missing or in square brackets, as `extra.betreiber.<key>`, for the build's HINWEIS."""
    art = operator.get("art")
    unset = []
    for key, label in OPERATOR_FIELDS.items():
        if not label:
            continue
        if key in ONLY_FOR_LAND and art in CHOICES["art"] and art not in LAND_BODIES:
            continue
        if key in ONLY_FOR_PUBLIC and art == "privat":
            continue
        value = operator.get(key)
        if key in OPTIONAL and value == "" and not (key == "datenschutzbeauftragte" and art in PUBLIC_BODIES):
            continue  # does not apply
        if value is None or value == "" or is_placeholder(value):
            unset.append(f"extra.betreiber.{key}")
    # „teilweise“ or „nicht vereinbar“ must say what is not accessible: else the statement shows a placeholder
    # (legal.md.j2), unless a public body's missing sign-language information already fills the list.
    no_sign_language = art in PUBLIC_BODIES and not operator.get("gebaerdensprache")
    if operator.get("barrierefreiheit_status") in ("teilweise", "nicht") and not operator.get("barrierefreiheit_ausnahmen") and not no_sign_language:
        unset.append("extra.betreiber.barrierefreiheit_ausnahmen")
    return unset


class _Operator:
    """The operator settings as the legal template reads them: escaped for Markdown, placeholders kept."""

    def __init__(self, operator: Mapping[str, Any], where: str) -> None:
        self._data = operator
        for key, allowed in CHOICES.items():
            value = operator.get(key)
            if value not in (None, "") and not is_placeholder(value) and value not in allowed:
                raise MarkerError(
                    f"{where}: mkdocs.yml, extra.betreiber.{key}: „{value}“ ist kein erlaubter Wert "
                    f"(erlaubt: {', '.join(allowed)})."
                )

    def raw(self, key: str) -> Any:
        return self._data.get(key)

    def choice(self, key: str) -> str | None:
        """The chosen value of a choice setting, or None while it is a placeholder or missing."""
        value = self._data.get(key)
        return value if value in CHOICES[key] else None

    def applies(self, key: str) -> bool:
        """False where an optional setting was left empty on purpose: it does not apply."""
        return not (key in OPTIONAL and self._data.get(key) == "")

    def text(self, key: str) -> Markup:
        """The value as Markdown text, or a visible placeholder when it is missing or empty."""
        value = self._data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            value = f"[{OPERATOR_FIELDS.get(key) or key}]"
        return markdown_text(value)

    def link(self, key: str, label: str) -> Markup:
        """A Markdown link to the setting's address (http or https only), or its text or placeholder."""
        value = self._data.get(key)
        if isinstance(value, str) and SAFE_URL.match(value.strip()):
            return Markup(f"[{markdown_text(label)}](<{value.strip()}>)")
        return self.text(key)

    def items(self, key: str) -> list[Markup]:
        value = self._data.get(key) or []
        if isinstance(value, str):
            value = [value]
        return [markdown_text(item) for item in value]

    def __getattr__(self, key: str) -> Markup:
        return self.text(key)


def resolve_markers(
    markdown: str,
    page: str,
    settings: Mapping[str, Any],
    catalog: Any = None,
    model: Any = None,
    env: jinja2.Environment | None = None,
) -> str:
    """The Markdown of an authored page with every marker replaced.

    page: the page's path inside docs/ (for messages and relative links). settings: `betreiber`
    (mkdocs.yml → extra.betreiber), `site_name`, `repo_url` and `site_url`. catalog and model (pipeline objects) are needed
    by `{{ abschnitt.barrierefreiheit_ausnahmen }}` and `{{ word_vorlagen }}` only.
    env: the templates' environment, if the caller keeps one. Raises MarkerError for a marker no one knows.

    The page is a Jinja2 template with only `{{ … }}` (no blocks or comments: `{#id}` is Markdown), rendered
    in Jinja2's sandbox with undefined names as errors; every value is Markup, so nothing is escaped twice.
    """
    templates = env or new_environment()
    where = f"docs/{page}"
    raw_operator = settings.get("betreiber") or {}
    made: dict[str, Any] = {}

    def operator() -> _Operator:
        if "operator" not in made:
            made["operator"] = _Operator(raw_operator, where)
        return made["operator"]  # type: ignore[no-any-return]

    def legal_sections() -> Any:
        if "sections" not in made:
            made["sections"] = templates.get_template("legal.md.j2").make_module(
                {
                    "b": operator(),
                    "art": operator().choice("art"),
                    "palette_key": palette_key(str(settings.get("site_url") or "")),
                    "attachments": _attachment_count(catalog),
                }
            )
        return made["sections"]

    def unknown(name: str) -> MarkerError:
        return MarkerError(f"{where}: Unbekannter Platzhalter „{{{{ {name} }}}}“.")

    def betreiber(key: str) -> Markup:
        if key in OPERATOR_FIELDS or key in raw_operator:
            return operator().text(key)
        raise unknown(f"betreiber.{key}")

    def abschnitt(key: str) -> Markup:
        if key in SECTIONS:
            return Markup(str(getattr(legal_sections(), key)()).strip("\n"))
        raise unknown(f"abschnitt.{key}")

    def word_vorlagen() -> Markup:
        if model is None:
            raise MarkerError(f"{where}: „{{{{ word_vorlagen }}}}“ braucht das Inhaltsmodell.")
        return Markup(render_word_templates(model, templates).strip("\n"))

    class Unknown(jinja2.StrictUndefined):
        def __str__(self) -> NoReturn:
            raise unknown(str(self._undefined_name))

        def __getattr__(self, key: str) -> NoReturn:
            if key.startswith("__"):
                raise AttributeError(key)
            raise unknown(f"{self._undefined_name}.{key}")

    context = {
        "site_name": markdown_text(str(settings.get("site_name") or "")),
        "repo_url": Markup(str(settings.get("repo_url") or "").rstrip("/")),
        "word_vorlagen": _Lazy(word_vorlagen),
        "betreiber": _Group(betreiber),
        "abschnitt": _Group(abschnitt),
    }
    markers = ImmutableSandboxedEnvironment(undefined=Unknown, autoescape=True, keep_trailing_newline=True, **_ONLY_VARIABLES)
    try:
        return markers.from_string(markdown).render(context)
    except jinja2.TemplateSyntaxError as err:
        raise MarkerError(
            f"{where}:{err.lineno}: Ein Platzhalter ist nicht richtig geschrieben ({(err.message or '').rstrip('.')}). "
            "So sieht einer aus: {{ betreiber.name }}."
        ) from err
    except jinja2.TemplateError as err:  # the sandbox refused, or an attribute of an unknown name
        raise MarkerError(f"{where}: Ein Platzhalter lässt sich nicht einsetzen ({err}). Erlaubt sind die Platzhalter der Seiten in docs/.") from err


class _Group:
    """`{{ betreiber.name }}`, `{{ abschnitt.… }}`: each name is looked up when the page uses it."""

    def __init__(self, lookup: Callable[[str], Markup]) -> None:
        self._lookup = lookup

    def __getattr__(self, key: str) -> Markup:
        if key.startswith("_"):
            raise AttributeError(key)
        return self._lookup(key)


class _Lazy:
    """A marker whose text is made only when the page uses it."""

    def __init__(self, make: Callable[[], Markup]) -> None:
        self._make = make

    def __html__(self) -> str:
        return str(self._make())


def _attachment_count(catalog: Any) -> int | None:
    if catalog is None:
        return None
    return sum(1 for entry in catalog.entries if entry.attachments)
