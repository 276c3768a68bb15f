"""`make thesaurus`: readers' synonyms from OpenThesaurus for words the collection uses (projects/_thesaurus.yml).

OpenThesaurus (www.openthesaurus.de, LGPL 2.1; Debian: openthesaurus-de-text) lists senses, one per
line: words that can stand for one another. A sense is kept when it has at least one word the
collection uses (the target a reader should reach) and at least one single word the collection
does not use in any form (what a reader may type instead). The file is committed, so a build needs
no system package; the Redaktion reviews it, and a sense moved under `removed:` is never written again.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..catalog.querywords import Forms, collection_forms, fold
from ..content.contentmodel import THESAURUS_FILE, ContentModelError, load_thesaurus
from ..content.model import ThesaurusSense
from ..content.report import format_problems
from ..pages import pipeline

DEBIAN_SOURCE = "/usr/share/openthesaurus-de/openthesaurus.txt"
# Marked words a reader does not type for our topics, or that carry a different, figurative or rude sense.
SKIPPED_MARKS = frozenset({"derb", "vulg.", "veraltet", "veraltend", "historisch", "abwertend", "fig.", "scherzh.", "ironisch", "Jargon"})
MIN_LENGTH = 4
MAX_TERMS = 30  # a longer line is a loose cluster of senses („Sache“, „Zeug“, …), not one sense
MAX_SENSES = 2  # a target with more senses than this needs a second word of its sense in the collection
MIN_ENTRIES = 2  # a word one entry uses in passing is not what a reader looks for
# Nouns in nearly every text and in many senses: as a target they lead anywhere.
TOO_GENERAL = frozenset({"sache", "ding", "teil", "art", "weise", "fall", "mal", "stelle"})
_MARK = re.compile(r"\s*\(([^)]*)\)")
HEADER = """\
# Synonyme für die Suche, aus OpenThesaurus (www.openthesaurus.de; GNU LGPL 2.1, © Daniel Naber und
# die Mitwirkenden von OpenThesaurus). Erzeugt mit `make thesaurus` aus dem Thesaurus und den Wörtern
# der Sammlung: Jede Bedeutung nennt unter `words` Wörter, die die Sammlung verwendet, und unter
# `synonyms` Wörter, die Leser*innen stattdessen eintippen könnten. Findet eine Suche ein solches
# Wort nirgends, sucht sie nach den Wörtern unter `words` (und zeigt zuerst, was die eigenen Wörter
# der Anfrage finden).
#
# Prüfen Sie die Datei nach jedem `make thesaurus`: Eine Bedeutung, die in die Irre führt, verschieben
# Sie nach `removed:` (ganz oder nur das unpassende Synonym); `make thesaurus` schreibt sie dann nie
# wieder unter `senses:`. `make check` prüft die Form der Datei.
"""


@dataclass(frozen=True)
class Term:
    word: str  # the word as written, without its marks
    single: bool  # one word: the search replaces single words of a query
    skipped: bool  # carries a mark from SKIPPED_MARKS


def parse_term(text: str) -> Term:
    marks = [m.strip() for m in _MARK.findall(text)]
    word = _MARK.sub("", text).strip()
    single = bool(word) and word.replace("-", "").isalpha() and len(word) >= MIN_LENGTH
    return Term(word, single, any(m in SKIPPED_MARKS for m in marks))


def senses_from(lines: list[str], forms: Forms, removed: tuple[ThesaurusSense, ...] = ()) -> list[ThesaurusSense]:
    """The thesaurus's senses (its lines) that lead from a word the collection does not use to one it uses."""
    dropped = {(fold(s), fold(w)) for sense in removed for s in sense.synonyms for w in sense.words}
    rows = [[t for t in map(parse_term, line.strip().split(";")) if t.single] for line in lines if line.strip() and not line.startswith("#")]
    senses_of = Counter(fold(t.word) for row in rows for t in row)
    found: list[ThesaurusSense] = []
    for row in rows:
        if len(row) > MAX_TERMS:
            continue
        # Nouns only (capitalised in the thesaurus): what readers search for and what entries are about.
        terms = [t for t in row if not t.skipped and t.word[:1].isupper()]
        words = [t.word for t in terms if _target(t.word, forms)]
        # A word with many senses („Bruch“: fracture, quarry, moor …) is a target only in a sense whose other
        # words the collection uses too: that is the sense its texts mean.
        if len(words) < 2:
            words = [w for w in words if senses_of[fold(w)] <= MAX_SENSES]
        synonyms = [t.word for t in terms if not forms.uses(t.word)]
        # A synonym the Redaktion removed for one of these words leaves the sense (it would lead to all of them).
        synonyms = [s for s in synonyms if not any((fold(s), fold(w)) in dropped for w in words)]
        if words and synonyms:
            found.append(ThesaurusSense(tuple(dict.fromkeys(words)), tuple(dict.fromkeys(synonyms))))
    return sorted(set(found), key=lambda s: ([fold(w) for w in s.words], [fold(w) for w in s.synonyms]))


def _target(word: str, forms: Forms) -> bool:
    """A word the search may lead a reader to: the vocabulary's, or one that several entries use."""
    return fold(word) not in TOO_GENERAL and (forms.in_vocabulary(word) or forms.entries_using(word) >= MIN_ENTRIES)


def render(senses: list[ThesaurusSense], removed: tuple[ThesaurusSense, ...]) -> str:
    def block(items: list[ThesaurusSense] | tuple[ThesaurusSense, ...]) -> str:
        return "".join(f"  - words: [{', '.join(s.words)}]\n    synonyms: [{', '.join(s.synonyms)}]\n" for s in items)

    return HEADER + "\nsenses:\n" + (block(senses) or "  []\n") + "\nremoved:\n" + (block(removed) or "  []\n")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quelle", default=DEBIAN_SOURCE, help=f"OpenThesaurus als Textdatei (Vorgabe: {DEBIAN_SOURCE})")


def command(root: Path, args: argparse.Namespace) -> int:
    source = Path(args.quelle)
    if not source.is_file():
        print(
            f"Die Thesaurus-Datei {source} fehlt. Unter Debian: sudo apt-get install openthesaurus-de-text "
            "(oder geben Sie mit --quelle den Pfad zu openthesaurus.txt an).",
            file=sys.stderr,
        )
        return 1
    result = pipeline.check(root)
    if result.problems or result.model is None:
        print(format_problems(result.problems), file=sys.stderr)
        return 1
    try:
        _, removed = load_thesaurus(root / "projects", root)
    except ContentModelError as err:
        print(format_problems(err.problems), file=sys.stderr)
        return 1
    lines = source.read_text(encoding="utf-8").splitlines()
    senses = senses_from(lines, collection_forms(result.entries, result.model), removed)
    target = root / "projects" / THESAURUS_FILE
    target.write_text(render(senses, removed), encoding="utf-8")
    print(f"{target.relative_to(root)}: {len(senses)} Bedeutungen mit {sum(len(s.synonyms) for s in senses)} Synonymen geschrieben. Bitte prüfen.")
    return 0

