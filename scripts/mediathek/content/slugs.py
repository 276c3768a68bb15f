"""German-aware slugs: the same rule for entry folders, tags and anchors we generate."""

from __future__ import annotations

import re
import unicodedata

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Later pages of a listing sit beside the entries (mediathek/seite-2/): no entry may take such a name.
LISTING_PAGE = "seite-{}"
_LISTING_PAGE_PATTERN = re.compile(r"^seite-[0-9]+$")


def slugify(text: str) -> str:
    """Lowercase ASCII with hyphens: „Führen im Netzwerk“ -> fuehren-im-netzwerk."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def is_slug(text: str) -> bool:
    return bool(SLUG_PATTERN.match(text))


def is_listing_page(slug: str) -> bool:
    """Whether slug is the name of a later page of a listing (seite-2, seite-3, …)."""
    return bool(_LISTING_PAGE_PATTERN.match(slug))
