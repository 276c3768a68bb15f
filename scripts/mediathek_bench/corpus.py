"""Synthetic entries that follow the content model, with German-like text of realistic size.

Everything an entry may contain (types and their sections, topics, tags and
their synonyms, Bundesländer, organisations, networks, licenses) is read from
projects/_*.yml; the prose is a word-bigram chain over the descriptions in the
same files, with German compounds mixed in so the vocabulary keeps growing with
the collection as real text does. Entry i depends only on (seed, i), so the
first 100 entries of a 1,000-entry corpus are the 100-entry corpus.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from mediathek.content.model import ContentModel
from mediathek.content.slugs import slugify

T = TypeVar("T")

WORDS_PER_ENTRY = 1250
PAPER_SHARE = 0.2  # the real collection has 5 editorial topic papers next to many practice examples
FIRST_DATE = dt.date(2021, 2, 1)
DAYS = 6 * 365
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|\*\*|^- ")  # keep link texts, drop emphasis and list marks
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß*-]*|[.,;:!?]")


@dataclass(frozen=True)
class SyntheticEntry:
    slug: str
    title: str
    text: str  # the whole index.md


class Prose:
    """A bigram chain over the German text of the data files and of the entries already written."""

    def __init__(self, projects_dir: Path, forbidden: tuple[re.Pattern[str], ...] = ()) -> None:
        # Phrases the validator refuses in a constructed entry (origin and case claims): the chain can
        # join them from harmless sentences of the content model, so a sentence holding one is made anew.
        self.forbidden = forbidden
        texts = [
            text
            for path in sorted(projects_dir.glob("_*.yml"))
            for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
            if len(text.split()) >= 4  # sentences, not labels
        ]
        for path in sorted(projects_dir.glob("*/index.md")):
            body = path.read_text(encoding="utf-8").split("\n---", 1)[-1]
            texts += [_MARKUP.sub(r"\1", line) for line in body.splitlines() if line[:1].isalpha() or line.startswith("- ")]
        tokens: list[str] = []
        for text in texts:
            tokens += [*_WORD.findall(text), "."]
        self.next: dict[str, list[str]] = defaultdict(list)
        for a, b in itertools.pairwise(tokens):
            self.next[a].append(b)
        self.starts = sorted({b for a, b in itertools.pairwise(tokens) if a == "." and b[:1].isupper()})
        self.nouns = sorted({t for t in tokens if t[:1].isupper() and len(t) > 4 and t.isalpha()})

    def sentence(self, rng: random.Random, low: int = 7, high: int = 19) -> str:
        while True:
            text = self._sentence(rng, low, high)
            if not any(pattern.search(text) for pattern in self.forbidden):
                return text

    def _sentence(self, rng: random.Random, low: int, high: int) -> str:
        words = [rng.choice(self.starts)]
        want = rng.randint(low, high)
        while len(words) < want or words[-1] in (",", ";", ":"):
            options = self.next.get(words[-1]) or self.starts
            word = rng.choice(options)
            if word in ".!?":
                if len(words) >= low:
                    break
                word = rng.choice(self.starts).lower() if rng.random() < 0.5 else ","
            if word[:1].isupper() and rng.random() < 0.12:  # German compounds: the long tail of the vocabulary
                word = word + rng.choice(self.nouns).lower()
            words.append(word)
        text = " ".join(words)
        text = re.sub(r" ([,;:])", r"\1", text).replace(", ,", ",").strip(" ,;:")
        return text + "."

    def paragraph(self, rng: random.Random, sentences: int) -> str:
        return " ".join(self.sentence(rng) for _ in range(sentences))

    def phrase(self, rng: random.Random, low: int, high: int) -> str:
        return self.sentence(rng, low, high).rstrip(".").rstrip(",;:")


def generate(model: ContentModel, projects_dir: Path, n: int, seed: int = 7) -> list[SyntheticEntry]:
    prose = Prose(projects_dir, model.origin_claims + model.case_claims)
    entries: list[SyntheticEntry] = []
    titles: set[str] = set()
    slugs: set[str] = set()
    tags = list(model.tags.values())
    random.Random(seed).shuffle(tags)  # popularity must not follow the vocabulary's order
    tag_weights = [1 / (rank + 1) for rank in range(len(tags))]  # a few tags are everywhere, most are rare
    for i in range(n):
        rng = random.Random(f"{seed}-{i}")
        entry_type = "themenbeitrag" if rng.random() < PAPER_SHARE else "praxisbeispiel"
        title = _unique(lambda: prose.phrase(rng, 4, 9)[:110].rstrip(" ,;:-"), titles)  # noqa: B023 - called at once
        slug = _unique(lambda: slugify(title)[:60].strip("-") or f"eintrag-{i}", slugs, suffix=i)  # noqa: B023 - called at once
        topics = rng.sample(list(model.topics), rng.choice((1, 1, 1, 2)))
        chosen = _weighted_sample(rng, tags, tag_weights, rng.randint(3, 8))
        labels = [rng.choice(t.synonyms) if t.synonyms and rng.random() < 0.1 else t.label for t in chosen]
        meta: dict[str, object] = {
            "title": title,
            "description": prose.sentence(rng, 12, 30)[:290],
            "date": (FIRST_DATE + dt.timedelta(days=rng.randrange(DAYS))).isoformat(),
            "type": entry_type,
            "topics": topics,
            "tags": labels,
            "authors": ["Redaktion der Wissenssammlung"],
        }
        if rng.random() < 0.5:
            meta["license"] = rng.choice(list(model.licenses))
        if entry_type == "praxisbeispiel":
            meta["bundesland"] = rng.choice(model.bundeslaender)
            meta["organisation"] = rng.choice(model.organisations)
            meta["network"] = rng.choice(model.networks)
        earlier = [e.slug for e in entries[-200:]]  # links only backwards: every prefix of the corpus is valid
        body = _body(prose, rng, model.types[entry_type].sections, earlier)
        entries.append(SyntheticEntry(slug, title, _front_matter(meta) + body))
    return entries


def write(entries: list[SyntheticEntry], projects_dir: Path) -> None:
    for entry in entries:
        folder = projects_dir / entry.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text(entry.text, encoding="utf-8")


def _body(prose: Prose, rng: random.Random, sections: tuple[str, ...], earlier: list[str]) -> str:
    per_section = WORDS_PER_ENTRY * rng.uniform(0.85, 1.15) / len(sections)
    blocks: list[str] = []
    for section in sections:
        blocks.append(f"## {section}")
        words = 0
        while words < per_section:
            roll = rng.random()
            if roll < 0.12:
                block = f"### {prose.phrase(rng, 2, 5)}\n\n{prose.paragraph(rng, rng.randint(2, 4))}"  # no empty section
            elif roll < 0.27:
                block = "\n".join(f"- {prose.sentence(rng, 5, 12)}" for _ in range(rng.randint(3, 5)))
            elif roll < 0.30:
                cells = [prose.phrase(rng, 1, 3) for _ in range(6)]
                block = f"| {cells[0]} | {cells[1]} |\n|---|---|\n| {cells[2]} | {cells[3]} |\n| {cells[4]} | {cells[5]} |"
            else:
                block = prose.paragraph(rng, rng.randint(3, 6))
                if earlier and rng.random() < 0.15:
                    block += f" Mehr dazu steht im [verwandten Eintrag](../{rng.choice(earlier)}/index.md)."
                if rng.random() < 0.2:
                    first = block.split(" ", 2)
                    block = f"**{first[0]} {first[1]}** {first[2]}" if len(first) == 3 else block
            blocks.append(block)
            words += len(block.split())
    return "\n\n".join(blocks) + "\n"


def _front_matter(meta: dict[str, object]) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(json.dumps(v, ensure_ascii=False) for v in value)}]")
        elif key in ("date", "type", "license"):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n\n"


def _unique(make: Callable[[], str], seen: set[str], suffix: int | None = None) -> str:
    for _ in range(20):
        value = make()
        if value.casefold() not in seen:
            break
    else:
        value = f"{value}-{suffix}" if suffix is not None else f"{value} ({len(seen)})"
    seen.add(value.casefold())
    return value


def _weighted_sample(rng: random.Random, items: list[T], weights: list[float], k: int) -> list[T]:
    pool, chosen = list(zip(items, weights, strict=True)), []
    for _ in range(min(k, len(pool))):
        pick = rng.choices(range(len(pool)), weights=[w for _, w in pool])[0]
        chosen.append(pool.pop(pick)[0])
    return chosen


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("origin_claims", "case_claims"):  # patterns, not prose
                yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
