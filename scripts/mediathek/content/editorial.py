"""An entry's shape as its type asks for it: sections with text, required sections, length.

These are the editorial rules of the content model (projects/_inhaltsmodell.yml, per type), so an
author learns them from `make check` and the author guide, not from a failing test.
"""

from __future__ import annotations

import re

from .body import ATX_HEADING, blank_code
from .german import word_count
from .model import EntryType

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def check_shape(body: str, first_line: int, entry_type: EntryType) -> list[tuple[int | None, str]]:
    """(line, German message) for every empty section, missing required section and a length out of range."""
    lines = _without_comments(body.split("\n"))
    # Headings from the lines with code blanked (a "# comment" in a code block is none); text from all.
    headings = [
        (index, len(match.group(1)), match.group(2))
        for index, line in enumerate(_without_comments(blank_code(body.split("\n"))))
        if (match := ATX_HEADING.match(line))
    ]
    heading_lines = {index for index, _, _ in headings}
    found: list[tuple[int | None, str]] = []
    for position, (index, level, text) in enumerate(headings):
        end = next((later for later, later_level, _ in headings[position + 1 :] if later_level <= level), len(lines))
        if not any(lines[i].strip() and i not in heading_lines for i in range(index + 1, end)):
            found.append(
                (
                    first_line + index,
                    f"Der Abschnitt „{text}“ ist leer. Schreiben Sie Text darunter oder löschen Sie die Überschrift.",
                )
            )
    present = {text.strip() for _, level, text in headings if level == 2}
    for name in entry_type.required_sections:
        if name not in present:
            found.append(
                (
                    None,
                    f"Der Abschnitt „## {name}“ fehlt. Einträge der Art „{entry_type.label}“ brauchen ihn: "
                    f"Schreiben Sie die Überschrift ## {name} und Text darunter.",
                )
            )
    words = sum(len(line.split()) for i, line in enumerate(lines) if i not in heading_lines)
    if words < entry_type.min_words:
        found.append(
            (
                None,
                f"Der Text hat {word_count(words)}. Einträge der Art „{entry_type.label}“ haben mindestens "
                f"{word_count(entry_type.min_words)} (ohne Überschriften). Ergänzen Sie den Text.",
            )
        )
    elif entry_type.max_words is not None and words > entry_type.max_words:
        found.append(
            (
                None,
                f"Der Text hat {word_count(words)}. Einträge der Art „{entry_type.label}“ haben höchstens "
                f"{word_count(entry_type.max_words)} (ohne Überschriften). Kürzen Sie ihn oder teilen Sie ihn "
                "in zwei Einträge.",
            )
        )
    return found


def _without_comments(lines: list[str]) -> list[str]:
    """The lines with HTML comments blanked, line numbers kept."""
    text = "\n".join(lines)
    if "<!--" not in text:
        return lines
    return COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), text).split("\n")
