"""Machine-readable metadata: AMB JSON-LD per entry and the open-data record for catalog.json.

AMB is the German metadata profile for learning resources (DINI-AG KIM,
https://w3id.org/kim/amb/20231019/). Its schema requires `about` to contain at
least one subject from the Destatis Hochschulfächersystematik or the KIM
Schulfächer list, and `learningResourceType` one concept from HCRT or the
OpenEduHub list; our own topics follow as additional concepts.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from markupsafe import Markup

from ..content.model import ContentModel, Entry
from .citation import BIBTEX_FILE, RIS_FILE

AMB_CONTEXT = ["https://w3id.org/kim/amb/context.jsonld", {"@language": "de"}]
# Network coordination for skilled-labour programmes is closest to this Destatis subject group.
SUBJECT = {
    "id": "https://w3id.org/kim/hochschulfaechersystematik/n3",
    "type": "Concept",
    "prefLabel": {"de": "Rechts-, Wirtschafts- und Sozialwissenschaften"},
}
HCRT = "https://w3id.org/kim/hcrt/"
# Entry type -> (schema.org subtype of CreativeWork, HCRT concept, its German label)
TYPE_MAP = {
    "projektarbeit": ("Report", "text", "Textdokument"),
    "themenbeitrag": ("Article", "text", "Textdokument"),
    "praxisbeispiel": ("Article", "case_study", "Fallstudie"),
}
FALLBACK_TYPE = ("Article", "text", "Textdokument")
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def license_id(url: str) -> str:
    """The canonical licence URI, without the language-specific deed page."""
    return re.sub(r"deed\.[A-Za-z-]+$", "", url)


def amb_record(entry: Entry, model: ContentModel, site_url: str, site_name: str) -> dict[str, object]:
    url = absolute(site_url, entry.url)
    schema_type, hcrt, hcrt_label = TYPE_MAP.get(entry.type, FALLBACK_TYPE)
    topics = [
        {"id": absolute(site_url, f"themen/{slug}/"), "type": "Concept", "prefLabel": {"de": model.topics[slug].title}}
        for slug in entry.topics
    ]
    return {
        "@context": AMB_CONTEXT,
        "id": url,
        "type": ["LearningResource", schema_type],
        "name": entry.title,
        "description": labelled_description(entry, model),
        "creator": [{"type": "Organization", "name": author} for author in entry.authors],
        "about": [SUBJECT, *topics],
        "keywords": [model.tags[slug].label for slug in entry.tags],
        "license": {"id": license_id(model.licenses[entry.license].url)},
        "datePublished": entry.date.isoformat(),
        "inLanguage": ["de"],
        "isAccessibleForFree": True,
        "learningResourceType": [{"id": HCRT + hcrt, "type": "Concept", "prefLabel": {"de": hcrt_label}}],
        "mainEntityOfPage": [{"id": url, "provider": {"id": absolute(site_url, ""), "type": "WebSite", "name": site_name}}],
    }


def script_json(data: object) -> Markup:
    """JSON for a <script> element: no `</script>` or `<!--` can appear, the JSON value is unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE.items():  # str.replace: a per-character join is far slower
        text = text.replace(char, escaped)
    return Markup(text)


def catalog_record(entry: Entry, model: ContentModel, site_url: str) -> dict[str, object]:
    url = absolute(site_url, entry.url)
    spdx = entry.license
    case = model.case_of(entry)
    real = model.real_setting(entry)
    return {
        "slug": entry.slug,
        "url": url,
        "title": entry.title,
        "description": entry.description,
        "type": {"slug": entry.type, "label": model.types[entry.type].label},
        "topics": [
            {"slug": slug, "title": model.topics[slug].title, "url": absolute(site_url, f"themen/{slug}/")}
            for slug in entry.topics
        ],
        "tags": [
            {"slug": slug, "label": model.tags[slug].label, "url": absolute(site_url, f"schlagwoerter/{slug}/")}
            for slug in entry.tags
        ],
        "authors": list(entry.authors),
        "date": entry.date.isoformat(),
        "license": {"spdx": spdx, "name": model.licenses[spdx].name, "url": model.licenses[spdx].url},
        "case": _case(entry, model),
        # Facts only: a constructed case's setting is invented and stays out of these (fictional_setting).
        "bundesland": entry.bundesland if real else None,
        "organisation": entry.organisation if real else None,
        "network": entry.network if real else None,
        "fictional_setting": (
            {"bundesland": entry.bundesland, "organisation": entry.organisation, "network": entry.network}
            if case is not None and not case.real
            else None
        ),
        "attachments": [
            {
                "title": a.title,
                "file": a.file,
                "url": absolute(site_url, entry.url + quote(a.file)),
                "format": a.extension,
                "size": a.size,
            }
            for a in entry.attachments
        ],
        "citation": {"bibtex": url + BIBTEX_FILE, "ris": url + RIS_FILE},
    }


def _case(entry: Entry, model: ContentModel) -> dict[str, object] | None:
    case = model.case_of(entry)
    if case is None:
        return None
    return {"slug": case.slug, "label": case.label, "real": case.real, "notice": case.notice.text, "vouched_by": entry.vouched_by}


def labelled_description(entry: Entry, model: ContentModel) -> str:
    """The description as feeds and JSON-LD give it: a practice example's kind of case first, since a
    reader there sees no notice („Konstruiertes Fallbeispiel: …“)."""
    case = model.case_of(entry)
    return f"{case.label}: {entry.description}" if case else entry.description
