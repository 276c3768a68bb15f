"""The origin guard: only a genuine group paper of the course may say it comes from the course.

The site's own texts (themenbeitrag, praxisbeispiel) are written by the editorial team or by
contributors. They must not be signed by a course group („Projektgruppe …“) nor claim, in the
first person or about the participants, to have been written in the course. The phrases and the
author prefixes are data in projects/_inhaltsmodell.yml (origin_claims, origin_author_prefixes).
Likewise only a real case contributed by its author may call itself real or anonymised (case_claims):
the Redaktion's examples are constructed, and no other text may present them as real cases.
Pure: no I/O.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .fields import CASE_FIELD
from .model import ContentModel
from .yamlnodes import Value, shown

GROUP_PAPER = "projektarbeit"
_ONLY_GROUP_PAPERS = f"Nur Einträge der Art „{GROUP_PAPER}“ (Projektarbeiten einer Lehrgangsgruppe, mit deren Zustimmung) dürfen"


def origin_problems(
    fields: dict[str, Value], entry_type: object, body: str, body_line: int, model: ContentModel
) -> list[tuple[int, str]]:
    """(line, message) for every author and phrase that claims the course as the entry's origin, and for
    every phrase that calls a case real or anonymised in an entry that is not a real, contributed case."""
    if not isinstance(entry_type, str) or entry_type == GROUP_PAPER or entry_type not in model.types:
        return []
    problems: list[tuple[int, str]] = []
    for value in _authors(fields.get("authors")):
        name = value.text.strip()
        if any(name.casefold().startswith(prefix.casefold()) for prefix in model.origin_author_prefixes):
            problems.append(
                (
                    value.line,
                    f"Die Verfasserangabe „{shown(name)}“ nennt eine Gruppe aus dem Lehrgang. {_ONLY_GROUP_PAPERS} so "
                    "zeichnen – nennen Sie, wer den Text geschrieben hat, zum Beispiel „Redaktion der Wissenssammlung“.",
                )
            )
    texts = [(fields[name].text, fields[name].line) for name in ("title", "description") if _is_text(fields.get(name))]
    # Only a real case contributed by its author may call itself real or anonymised (content model: cases, case_claims).
    case_field = fields.get(CASE_FIELD)
    case = model.cases.get(case_field.text.strip()) if case_field is not None and _is_text(case_field) else None
    real_case = case is not None and case.real
    for text, first_line in [*texts, (body, body_line)]:
        problems.extend(_claims(text, first_line, model.origin_claims, _ORIGIN_CLAIM))
        if not real_case:
            problems.extend(_claims(text, first_line, model.case_claims, _CASE_CLAIM))
    return problems


_ORIGIN_CLAIM = "Die Wendung „{}“ behauptet, der Text stamme aus dem Lehrgang. " + _ONLY_GROUP_PAPERS + " das sagen – bitte umformulieren."
_CASE_CLAIM = (
    "Die Wendung „{}“ stellt einen Fall als echt oder anonymisiert dar. Das darf nur ein echter Fall sagen, den seine "
    "Autorin oder sein Autor eingereicht hat (fall: eingereicht); die Fallbeispiele der Redaktion sind konstruiert – bitte umformulieren."
)


def _claims(text: str, first_line: int, patterns: tuple[re.Pattern[str], ...], message: str) -> list[tuple[int, str]]:
    # Newlines become spaces (same length, so offsets keep their line): a phrase may wrap.
    flat = text.replace("\n", " ")
    lowered = flat.lower() if _folds_simply(flat) else None
    matches = sorted((m.start(), -m.end()) for pattern in patterns for m in _find(pattern, flat, lowered))
    found = []
    covered = 0
    for start, negative_end in matches:
        if start < covered:
            continue  # one message per phrase, however many patterns match it
        covered = -negative_end
        found.append((first_line + text.count("\n", 0, start), message.format(shown(flat[start:covered]))))
    return found


# Letters outside ASCII whose case str.lower() maps as the regular expression engine does.
_SIMPLE_LETTERS = frozenset("äöüÄÖÜß")
_INLINE_FLAGS = re.compile(r"\(\?[-aiLmsux]")


def _folds_simply(text: str) -> bool:
    """Only ASCII, German letters and characters without case: lowering keeps every offset, and a
    letter matches a pattern's letter ignoring case exactly if its lower case equals it."""
    return all(c.isascii() or c in _SIMPLE_LETTERS or c.lower() == c == c.upper() for c in set(text))


def _find(pattern: re.Pattern[str], flat: str, lowered: str | None) -> Iterator[re.Match[str]]:
    """pattern.finditer(flat), the same matches; in lowered (flat.lower(), where that folds simply) with
    the pattern case-sensitive if it allows, which is several times faster: `re` looks for literal
    text quickly only when case matters, and the origin guard reads every entry of a build."""
    fast = _case_sensitive(pattern) if lowered is not None else None
    return fast.finditer(lowered) if fast is not None and lowered is not None else pattern.finditer(flat)


@functools.lru_cache(maxsize=256)
def _case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-insensitive pattern as a case-sensitive one for lower-case text, if it is all lower
    case (no upper-case letters or escapes), folds simply and sets no flags inline; else None."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or source != source.lower() or not _folds_simply(source) or _INLINE_FLAGS.search(source):
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


def _authors(value: Value | None) -> list[Value]:
    if value is None:
        return []
    if _is_text(value):
        return [value]
    if isinstance(value.data, list):
        return [item for item in value.data if _is_text(item)]
    return []


def _is_text(value: Value | None) -> bool:
    return value is not None and value.is_scalar and not value.is_empty
