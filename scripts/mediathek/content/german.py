"""Numbers, sizes and suggestions as German readers and authors see them: one helper each."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping


def german_number(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def word_count(count: int) -> str:
    """„1 Wort“, „0 Wörter“, „3.001 Wörter“."""
    return f"{german_number(count)} {'Wort' if count == 1 else 'Wörter'}"


def file_size(size: int) -> str:
    """A size in bytes as a download list or an error message shows it: 800 Byte, 120 KB, 1,5 MB."""
    if size < 1024:
        return f"{size} Byte"
    if size < 1_048_576:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1_048_576:.1f} MB".replace(".", ",")


def suggest(word: str, candidates: Iterable[str] | Mapping[str, str]) -> str:
    """„ Meinten Sie „X“?“ for the candidate closest to word (case ignored), or an empty string.
    A mapping's keys are compared and its values shown (a tag's synonyms suggest the tag)."""
    named = candidates if isinstance(candidates, Mapping) else {c: c for c in candidates}
    folded = {name.casefold(): shown for name, shown in named.items()}
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return f" Meinten Sie „{folded[match[0]]}“?" if match else ""
