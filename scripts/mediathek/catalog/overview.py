"""The collection as a whole, for maintainers: what `make check` prints after the entries passed.

Wishes for the whole collection (content model, collection_goals) are never an author's error:
an entry on a topic that already has many examples, or a new tag used once, is welcome.
"""

from __future__ import annotations

from collections import Counter

from ..content.model import ContentModel, Entry

EXAMPLE_TYPE = "praxisbeispiel"


def overview(entries: list[Entry], model: ContentModel) -> list[str]:
    """German lines: what the collection holds, then where it falls short of the collection goals."""
    types = Counter(entry.type for entry in entries)
    lines = ["Die Sammlung: " + ", ".join(f"{types[slug]} {t.plural if types[slug] != 1 else t.label}" for slug, t in model.types.items()) + "."]
    examples = [entry for entry in entries if entry.type == EXAMPLE_TYPE]
    goals = model.goals
    notes = []
    per_topic = Counter(topic for entry in examples for topic in entry.topics)
    for slug, topic in model.topics.items():
        if per_topic[slug] < goals.examples_per_topic:
            notes.append(f"Thema „{topic.short}“: {per_topic[slug]} Praxisbeispiele (Ziel: mindestens {goals.examples_per_topic}).")
    # Only real cases come from a Land: a constructed case's Bundesland is invented and counts for no goal.
    laender = {land for entry in examples if (land := model.real_bundesland(entry))}
    if len(laender) < goals.bundeslaender:
        notes.append(f"Eingereichte echte Fälle aus {len(laender)} Bundesländern (Ziel: mindestens {goals.bundeslaender}).")
    missing = [name for name in model.bundeslaender if name not in laender]
    if missing:
        notes.append("Noch kein eingereichter echter Fall aus: " + ", ".join(missing) + ".")
    organisations = {entry.organisation for entry in examples}
    unused = [name for name in model.organisations if name not in organisations]
    if unused:
        notes.append("Noch kein Praxisbeispiel einer Organisation der Art: " + ", ".join(unused) + ".")
    uses = Counter(tag for entry in entries for tag in entry.tags)
    rare = [tag.label for slug, tag in model.tags.items() if 0 < uses[slug] < goals.uses_per_tag]
    if rare:
        notes.append(f"Schlagwörter mit weniger als {goals.uses_per_tag} Einträgen: " + ", ".join(rare) + ".")
    never = [tag.label for slug, tag in model.tags.items() if not uses[slug]]
    if never:
        notes.append("Schlagwörter ohne Eintrag: " + ", ".join(never) + ".")
    return lines + notes
