"""Going live: which operator settings in mkdocs.yml are still unset or malformed, and whether a
publishing build may go ahead (`python -m mediathek betrieb`, the deploy guard of `build`).

Pure: the settings as staging reads them (stage.Settings) in, German lines out. What counts as
unset for which kind of operator is markers.unset_settings: one rule for the build's HINWEIS, this
check and the deploy guard.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .markers import CHOICES, OPERATOR_FIELDS, is_placeholder, unset_settings
from .settings import Settings

# Settings that are lists have no placeholder text on the pages; what go-live says when one is missing.
LIST_LABELS = {"barrierefreiheit_ausnahmen": "die Inhalte, die nicht barrierefrei sind, je mit Begründung (nötig bei „teilweise“ oder „nicht“)"}

# The settings that make the Impressum, the Datenschutzerklärung and the Erklärung zur
# Barrierefreiheit complete, and the two addresses every page links to.
REPO_PLACEHOLDER = "ORGANISATION"
EMAIL = re.compile(r"^[^@\s<>\[\]]+@[^@\s<>\[\]]+\.[a-z]{2,}$", re.IGNORECASE)
GITHUB_REPO = re.compile(r"^https://github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)/?$")
DEMO_SETTING = "extra.demo"


@dataclass(frozen=True)
class Readiness:
    """What stands between these settings and a published site."""

    kind: str | None  # the chosen operator kind, None while `art` is a placeholder
    unset: list[str]  # settings still missing or in square brackets, with their meaning
    wrong: list[str]  # settings set but malformed, each a German sentence
    demo: bool

    @property
    def ready(self) -> bool:
        return not (self.unset or self.wrong or self.demo)


def is_demo(extra: Mapping[str, Any] | None) -> bool:
    """`extra.demo: true`: the operator states that this site is a demonstration (a notice on every page)."""
    return bool(extra) and (extra or {}).get("demo") is True


def pages_address(repo_url: str) -> str | None:
    """The GitHub Pages address of a repository on github.com, or None for any other host."""
    found = GITHUB_REPO.match(repo_url.strip())
    if not found:
        return None
    owner, name = found.group(1).lower(), found.group(2)
    if name.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{name}/"


def _url_problems(site_url: str | None, repo_url: str) -> tuple[list[str], list[str]]:
    unset: list[str] = []
    wrong: list[str] = []
    site = (site_url or "").strip()
    repo = repo_url.strip()
    for key, value in (("repo_url", repo), ("site_url", site)):
        if not value or REPO_PLACEHOLDER in value or is_placeholder(value):
            unset.append(f"{key}: die Adresse {'des Repositorys' if key == 'repo_url' else 'der Website'}")
            continue
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.netloc or " " in value:
            wrong.append(f"{key}: „{value}“ ist keine vollständige Adresse mit https://, z. B. https://example.org/wissen/.")
    if unset or wrong:
        return unset, wrong
    if not site.endswith("/"):
        wrong.append(f"site_url: „{site}“ muss mit „/“ enden, sonst stimmen die Links der Seiten nicht.")
    expected = pages_address(repo)
    host = urlsplit(site).netloc.lower()
    if host.endswith(".github.io") and expected is not None and site.rstrip("/") + "/" != expected:
        wrong.append(
            f"site_url: „{site}“ ist nicht die GitHub-Pages-Adresse des Repositorys {repo}. "
            f"Richtig ist „{expected}“ – oder Ihre eigene Domain, wenn Sie eine eingerichtet haben."
        )
    elif host.endswith(".github.io") and expected is None:
        wrong.append(f"site_url: „{site}“ ist eine GitHub-Pages-Adresse, aber repo_url „{repo}“ ist kein Repository auf github.com.")
    return unset, wrong


def readiness(operator: Mapping[str, Any], site_url: str | None, repo_url: str, extra: Mapping[str, Any] | None = None) -> Readiness:
    art = operator.get("art")
    kind = art if art in CHOICES["art"] else None
    unset = [f"{key}: {OPERATOR_FIELDS[key.rsplit('.', 1)[1]] or LIST_LABELS[key.rsplit('.', 1)[1]]}" for key in unset_settings(operator)]
    wrong: list[str] = []
    for key, allowed in CHOICES.items():
        value = operator.get(key)
        if value not in (None, "") and not is_placeholder(value) and value not in allowed:
            wrong.append(f"extra.betreiber.{key}: „{value}“ ist kein erlaubter Wert (erlaubt: {', '.join(allowed)}).")
    email = operator.get("email")
    if isinstance(email, str) and email.strip() and not is_placeholder(email) and not EMAIL.match(email.strip()):
        wrong.append(f"extra.betreiber.email: „{email}“ ist keine E-Mail-Adresse (Form: name@example.org).")
    url_unset, url_wrong = _url_problems(site_url, repo_url)
    return Readiness(kind, unset + url_unset, wrong + url_wrong, is_demo(extra))


def readiness_of(settings: Settings) -> Readiness:
    extra = settings.raw.get("extra")
    return readiness(settings.operator, settings.site_url, settings.repo_url, extra if isinstance(extra, dict) else None)


def report(ready: Readiness) -> list[str]:
    """The German report of `make betrieb`."""
    kinds = {"bund": "öffentliche Stelle des Bundes", "land": "öffentliche Stelle eines Landes", "kammer": "Kammer",
             "kommune": "Kommune", "privat": "privater Betreiber"}
    if ready.kind:
        lines = [f"Betrieb: Angaben in mkdocs.yml geprüft für die Art „{ready.kind}“ ({kinds[ready.kind]})."]
    else:
        lines = ["Betrieb: Angaben in mkdocs.yml geprüft. Die Art des Betreibers (extra.betreiber.art) ist noch nicht gewählt;",
                 "welche Angaben nötig sind, hängt von ihr ab."]
    if ready.unset:
        lines += ["", f"Noch nicht ausgefüllt ({len(ready.unset)}):", *(f"  - {item}" for item in ready.unset)]
    if ready.wrong:
        lines += ["", f"Ausgefüllt, aber fehlerhaft ({len(ready.wrong)}):", *(f"  - {item}" for item in ready.wrong)]
    if ready.demo:
        lines += ["", f"{DEMO_SETTING}: true – die Website ist als Demo gekennzeichnet (Hinweis auf jeder Seite). "
                  "Entfernen Sie die Zeile, wenn die Website echt veröffentlicht wird."]
    if ready.ready:
        lines += ["", "Alles bereit: Impressum, Datenschutzerklärung und Erklärung zur Barrierefreiheit sind vollständig."]
    else:
        lines += ["", "Noch nicht bereit zur Veröffentlichung. Tragen Sie die Angaben in mkdocs.yml unter extra.betreiber "
                  "ein (die Kommentare dort erklären jede) und prüfen Sie erneut mit „make betrieb“."]
    return lines


def publish_refusal(ready: Readiness) -> str | None:
    """Why a publishing build (the deploy workflow) must stop, or None. A declared demo may publish
    with placeholders; malformed settings always stop it."""
    if ready.wrong or (ready.unset and not ready.demo):
        items = [*ready.unset, *ready.wrong]
        return (
            "FEHLER: Die Website wird nicht veröffentlicht, solange Impressum, Datenschutzerklärung oder "
            f"Erklärung zur Barrierefreiheit unvollständig sind. In mkdocs.yml fehlt oder stimmt nicht: {'; '.join(items)}. "
            "Füllen Sie die Angaben aus (Liste: make betrieb) – oder setzen Sie extra.demo: true, wenn die Website "
            "ausdrücklich eine Demo ist; dann steht auf jeder Seite ein Hinweis „Demo“."
        )
    return None
