"""Words the site search finds an entry by beyond its text, all derived from projects/.

Each entry page carries them in a hidden Pagefind metadata field (`stichwort`, see entry.md.j2):
searched like the title, never shown in a result's snippet, and costing nothing before a search.

- the synonyms and search words of the entry's tags (_schlagwoerter.yml) and the synonyms of the
  glossary terms its text is about (uses at least three times; _glossar.yml);
- its Bundesland, which the metadata box shows but keeps out of the indexed text;
- the later parts of its compounds („Kreis“ for „Lenkungskreis“): Pagefind matches a query against
  the beginnings of indexed words only. A compound is split where its tail is a word the collection
  or the vocabulary also uses on its own (a decompounder whose dictionary is the collection itself,
  no word list to maintain). Only compounds that matter for the entry are split: those in its title,
  description, tags and glossary terms, and those its text uses at least twice.
"""

from __future__ import annotations

import re
from collections import Counter

from ..content.model import ContentModel, Entry

# A word, with a gender star or colon ending kept as part of it (Mentor*innen -> mentorinnen).
_WORD = re.compile(r"[^\W\d_]+(?:[*:](?:innen|in)\b)?")
# A noun: capitalised. Compounds and their tails are nouns; a capitalised verb or adjective at the
# start of a sentence rarely is a compound's tail, while lower-case words split badly (gemeinsam, beenden).
_NOUN = re.compile(r"(?<![\w*:-])[A-ZÄÖÜ][^\W\d_]+(?:[*:](?:innen|in)\b)?")
MIN_TAIL = 4  # a shorter tail („rat“, „amt“) matches too much
MIN_HEAD = 3
MIN_REPEATS = 2  # a compound from the running text counts once it appears this often
MIN_TERM_USES = 3  # a glossary term's synonyms go to the entries that are about it, not that mention it


def words(text: str) -> list[str]:
    return [_fold(w) for w in _WORD.findall(text)]


def nouns(text: str) -> list[str]:
    return [_fold(w) for w in _NOUN.findall(text)]


def _fold(word: str) -> str:
    return word.replace("*", "").replace(":", "").casefold()


def entry_nouns(entry: Entry) -> frozenset[str]:
    """An entry's share of the lexicon (every noun of the collection and the vocabulary long enough
    to be a compound's tail; pages.render.RenderMemo.lexicon joins the shares): its nouns of that length."""
    return frozenset(w for w in nouns(f"{entry.title} {entry.description} {entry.body}") if len(w) >= MIN_TAIL)


def vocabulary_tails(model: ContentModel) -> frozenset[str]:
    """The vocabulary's share of the lexicon: words of tags, synonyms and glossary terms."""
    found: set[str] = set()
    for tag in model.tags.values():
        found.update(words(" ".join((tag.label, *tag.synonyms, *tag.search_words))))
    for term in model.glossary:
        found.update(words(" ".join((term.term, *term.synonyms))))
    return frozenset(w for w in found if len(w) >= MIN_TAIL)


def _possible_tails(word: str) -> list[str]:
    return [word[i:] for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1)]


def search_word_parts(entry: Entry, model: ContentModel) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What an entry's search words are made of, whatever the lexicon: the words it gets in any case,
    and the possible compound tails in order (search_words_from keeps those the lexicon knows)."""
    found: list[str] = []
    for slug in entry.tags:
        found += [*model.tags[slug].synonyms, *model.tags[slug].search_words]
    counts = Counter(nouns(entry.body))
    for term in model.glossary:
        if term.synonyms and min((counts[w] for w in words(term.term)), default=0) >= MIN_TERM_USES:
            found += term.synonyms
    if land := model.real_bundesland(entry):  # a constructed case's Land is invented: no search should place it there
        found.append(land)
    salient = nouns(" ".join((entry.title, entry.description, *(model.tags[s].label for s in entry.tags))))
    salient += [w for term in model.glossary for w in words(term.term) if w in counts]
    salient += [w for w, n in counts.items() if n >= MIN_REPEATS]
    candidates = [tail for word in dict.fromkeys(salient) for tail in _possible_tails(word)]
    return tuple(found), tuple(candidates)


def search_words_from(parts: tuple[tuple[str, ...], tuple[str, ...]], known: frozenset[str]) -> str:
    fixed, candidates = parts
    found = [*fixed, *(tail for tail in candidates if tail in known)]
    seen: set[str] = set()
    unique = [w for w in found if not (w.casefold() in seen or seen.add(w.casefold()))]  # type: ignore[func-returns-value]
    return " ".join(unique)
