"""Index the validated entries: by topic, by tag, related tags and related entries. Pure and linear.

Related entries use an inverted index over tags instead of comparing every
pair: candidates are the newest RELATED_CANDIDATES entries of each shared tag,
scored by the rarity (idf) of the shared tags plus a bonus per shared topic.
The work per entry is bounded by tags × RELATED_CANDIDATES, whatever the size
of the collection.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..content.model import ContentModel, Entry

RELATED_LIMIT = 5
RELATED_CANDIDATES = 50
TOPIC_BONUS = 0.5


@dataclass(frozen=True)
class Catalog:
    entries: tuple[Entry, ...]  # newest first, then by title
    by_slug: dict[str, Entry]
    by_topic: dict[str, tuple[Entry, ...]]
    by_tag: dict[str, tuple[Entry, ...]]
    related_tags: dict[str, tuple[tuple[str, int], ...]]
    related_entries: dict[str, tuple[Entry, ...]]


_GERMAN_ORDER = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})  # built once: sorting calls this per comparison key


def sort_key_german(text: str) -> str:
    """Alphabetical order as a German reader expects it: Ä with A, Ö with O, ß as ss."""
    return text.casefold().translate(_GERMAN_ORDER)


def newest_first(entries: list[Entry] | tuple[Entry, ...]) -> tuple[Entry, ...]:
    by_title = sorted(entries, key=lambda e: sort_key_german(e.title))
    return tuple(sorted(by_title, key=lambda e: e.date, reverse=True))


# The related entries of an earlier build_catalog, by slug, and what they were computed from.
RelatedMemo = dict[str, object]


def build_catalog(entries: list[Entry], model: ContentModel, memo: RelatedMemo | None = None) -> Catalog:
    """memo: the related entries of an earlier call in this process, reused while every entry's slug,
    title, date, topics and tags (all they are computed from) and the order are the same."""
    ordered = newest_first(entries)
    by_topic: dict[str, list[Entry]] = {slug: [] for slug in model.topics}
    by_tag: dict[str, list[Entry]] = defaultdict(list)
    pair_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in ordered:
        for topic in entry.topics:
            by_topic[topic].append(entry)
        for tag in entry.tags:
            by_tag[tag].append(entry)
            pair_counts[tag].update(t for t in entry.tags if t != tag)
    related_tags = {
        tag: tuple(sorted(counts.items(), key=lambda kv: (-kv[1], sort_key_german(model.tags[kv[0]].label)))[:8])
        for tag, counts in pair_counts.items()
    }
    return Catalog(
        entries=ordered,
        by_slug={e.slug: e for e in ordered},
        by_topic={k: by_type_order(v, model) for k, v in by_topic.items()},
        by_tag={k: tuple(v) for k, v in by_tag.items()},
        related_tags=related_tags,
        related_entries=_related_memo(ordered, by_tag, memo) if memo is not None else _related(ordered, by_tag),
    )


def _related_memo(entries: tuple[Entry, ...], by_tag: dict[str, list[Entry]], memo: RelatedMemo) -> dict[str, tuple[Entry, ...]]:
    inputs = tuple((e.slug, e.title, e.date, e.topics, e.tags) for e in entries)
    if memo.get("inputs") == inputs:
        by_slug = {e.slug: e for e in entries}
        slugs: dict[str, tuple[str, ...]] = memo["related"]  # type: ignore[assignment]
        return {slug: tuple(by_slug[other] for other in others) for slug, others in slugs.items()}
    related = _related(entries, by_tag)
    memo["inputs"], memo["related"] = inputs, {slug: tuple(e.slug for e in others) for slug, others in related.items()}
    return related


def by_type_order(entries: Sequence[Entry], model: ContentModel) -> tuple[Entry, ...]:
    """Entries grouped in the order of the types in the content model (papers before practice examples)."""
    order = {slug: index for index, slug in enumerate(model.types)}
    return tuple(sorted(entries, key=lambda e: order.get(e.type, len(order))))  # stable: keeps newest first


def _related(entries: tuple[Entry, ...], by_tag: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
    total = len(entries) or 1
    idf = {tag: math.log(1 + total / len(posting)) for tag, posting in by_tag.items()}
    # Entries by position in `entries` (newest first, then by title: the order ties are broken in),
    # their topics as bits: integers compare and intersect faster than dates, titles and sets.
    position = {e.slug: i for i, e in enumerate(entries)}
    bits: dict[str, int] = {}
    masks = [sum(1 << bits.setdefault(t, len(bits)) for t in set(e.topics)) for e in entries]
    candidates = {tag: [position[o.slug] for o in posting[: RELATED_CANDIDATES + 1]] for tag, posting in by_tag.items()}
    related: dict[str, tuple[Entry, ...]] = {}
    for index, entry in enumerate(entries):
        scores: dict[int, float] = defaultdict(float)
        for tag in entry.tags:
            weight = idf[tag]
            for other in candidates[tag]:
                if other != index:
                    scores[other] += weight
        mask = masks[index]
        best = heapq.nsmallest(
            RELATED_LIMIT, ((-(score + TOPIC_BONUS * (mask & masks[o]).bit_count()), o) for o, score in scores.items())
        )
        related[entry.slug] = tuple(entries[o] for _, o in best)
    return related
