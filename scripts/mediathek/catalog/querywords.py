"""What the site search loads when a word of a query is unknown to the collection (suchwoerter.json).

docs/assets/suche.js fetches it only then, never for a query whose words all find something:

- `woerter`: the collection's words, most used first, that a misspelt query word is compared with
  („Konflkt“ -> „Konflikt“); the reader is asked „Meinten Sie …?“;
- `thesaurus`: from projects/_thesaurus.yml (OpenThesaurus), a reader's word the collection does not
  use -> the words of the collection it may mean („Firma“ -> „Betrieb“, „Unternehmen“).

Words are compared folded, as suche.js folds them: lower case, ä -> ae, ö -> oe, ü -> ue, ß -> ss,
a gender star or colon dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..content.model import ContentModel, Entry

_WORD = re.compile(r"[^\W\d_]+(?:[*:](?:innen|in)\b)?")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "*": "", ":": ""})
MIN_LENGTH = 5  # shorter words are too close to too many others to correct
MIN_USES = 2  # a word written once is as likely a slip as a word; the titles' words count from one use
MAX_WORDS = 6000  # a large collection keeps its most used words: what a first search may download stays small
# Endings stripped from a reader's word to reach the thesaurus's base form (Firmen -> firm- -> firma).
ENDINGS = ("innen", "ern", "en", "er", "es", "e", "n", "s")


def fold(word: str) -> str:
    return word.casefold().translate(_FOLD)


def stem(folded: str) -> str:
    """A folded word without its inflection ending, as far as a plain suffix list gets it."""
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 4:
            return folded[: -len(ending)]
    return folded


def entry_word_counts(entry: Entry) -> Counter[str]:
    """How often each word (as written) stands in an entry's title, description and text."""
    return Counter(_WORD.findall(f"{entry.title} {entry.description} {entry.body}"))


def word_counts(entries: Iterable[Entry]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for entry in entries:
        counts.update(entry_word_counts(entry))
    return counts


def vocabulary_names(model: ContentModel) -> list[str]:
    names: list[str] = []
    for tag in model.tags.values():
        names += [tag.label, *tag.synonyms, *tag.search_words]
    for term in model.glossary:
        names += [term.term, *term.synonyms]
    names += [topic.short for topic in model.topics.values()]
    return names


def typo_words(entries: Iterable[Entry], model: ContentModel, counts: Counter[str] | None = None) -> list[str]:
    """The words a misspelt query word is corrected to: the vocabulary's, those of titles, and those the
    texts use at least MIN_USES times; most used first, in their most used spelling, one per folded form.
    counts: word_counts(entries), if the caller keeps it."""
    entries = tuple(entries)
    counts = word_counts(entries) if counts is None else counts
    salient = Counter(_WORD.findall(" ".join([*vocabulary_names(model), *(e.title for e in entries)])))
    chosen: dict[str, tuple[int, str]] = {}
    for word, n in (counts + salient).items():
        if len(word) < MIN_LENGTH or (n < MIN_USES and word not in salient):
            continue
        key = fold(word)
        if key not in chosen or n > chosen[key][0]:
            chosen[key] = (n, word.replace("*", "").replace(":", ""))
    ranked = sorted(chosen.values(), key=lambda item: (-item[0], fold(item[1])))
    return [word for _, word in ranked[:MAX_WORDS]]


class Forms:
    """The collection's words by stem: in how many entries each stem stands, and the vocabulary's stems."""

    def __init__(self, texts: Iterable[str], vocabulary: str = "") -> None:
        self.entries: Counter[str] = Counter()
        for text in texts:
            self.entries.update({key for w in _WORD.findall(text) for key in _keys(fold(w))})
        self.vocabulary = frozenset(key for w in _WORD.findall(vocabulary) for key in _keys(fold(w)))

    def uses(self, word: str) -> bool:
        return any(key in self.entries or key in self.vocabulary for key in _keys(fold(word)))

    def entries_using(self, word: str) -> int:
        """In how many entries the word stands as written or, with a stem long enough to say so, in another form
        („Auszubildender“ in a text with „Auszubildende“; not „Weiler“ for a text with „weil“)."""
        return max(self.entries[key] for key in _keys(fold(word)))

    def in_vocabulary(self, word: str) -> bool:
        return any(key in self.vocabulary for key in _keys(fold(word)))


MIN_STEM = 6  # a shorter stem is some other word as often as a form of this one (weil-er, rat-e)


def _keys(folded: str) -> tuple[str, ...]:
    """The word itself and, if long enough to be told apart, its stem (marked, so it never equals a word)."""
    stemmed = stem(folded)
    return (folded, "~" + stemmed) if len(stemmed) >= MIN_STEM else (folded,)


def collection_forms(entries: Iterable[Entry], model: ContentModel) -> Forms:
    return Forms([f"{e.title} {e.description} {e.body}" for e in entries], " ".join(vocabulary_names(model)))


def thesaurus_neighbours(model: ContentModel) -> dict[str, list[str]]:
    """Folded reader's word -> the collection's words of every sense it has in projects/_thesaurus.yml."""
    found: dict[str, list[str]] = {}
    for sense in model.thesaurus:
        for synonym in sense.synonyms:
            targets = found.setdefault(fold(synonym), [])
            targets += [w for w in sense.words if w not in targets]
    return dict(sorted(found.items()))
