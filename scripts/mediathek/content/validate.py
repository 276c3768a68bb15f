"""Validate all entries: front matter, body, links between entries, duplicates. Pure: no I/O."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import cast

from .body import IMAGE_TYPES, REMOTE_PREFIXES, BodyScan, scan_body, unsafe_scheme
from .editorial import check_shape
from .fields import FieldErrors, check_fields
from .loader import RawEntry
from .model import Attachment, ContentModel, Entry, Problem
from .origin import origin_problems
from .parallel import Workers, map_chunks
from .yamlnodes import shown

# What _check_entry finds out about one entry: its cleaned fields, its problems (line, message), its body.
EntryCheck = tuple[dict[str, object], list[tuple[int | None, str]], BodyScan]


@dataclass
class Checked:
    """An entry checked on its own: the RawEntry and model it was checked with, the result, and the
    Entry made from it (the same object while nothing changes: comparing it with itself is fast)."""

    raw: RawEntry
    model: ContentModel
    result: EntryCheck
    entry: Entry | None = None


CheckMemo = dict[str, Checked]


def validate(
    raw_entries: list[RawEntry], model: ContentModel, workers: Workers | None = None, memo: CheckMemo | None = None
) -> tuple[list[Entry], list[Problem]]:
    """Return the valid entries and every problem found; an entry with any problem is not returned.

    workers: check the entries one by one in worker processes (a large collection, no threads running).
    memo: the checks of single entries by an earlier call in this process; an entry read from unchanged
    files (the same RawEntry object, mediathek.content.loader) with the same model is not checked on its own
    again. The checks across entries (links, sections, duplicate titles) always run.
    """
    problems: list[Problem] = []
    scans: dict[str, BodyScan] = {}
    candidates: dict[str, tuple[RawEntry, dict[str, object]]] = {}
    failed: set[str] = set()

    memo = {} if memo is None else memo
    stale = [raw for raw in raw_entries if not (raw.slug in memo and memo[raw.slug].raw is raw and memo[raw.slug].model is model)]
    if workers is not None and workers.worthwhile(len(stale)):
        checked_apart = map_chunks(_check_chunk, (stale, model), len(stale), workers.count)
        fresh = [result for _, result in sorted(checked_apart, key=lambda pair: pair[0])]
    else:
        fresh = [_check_entry(raw, model) for raw in stale]
    for raw, result in zip(stale, fresh, strict=True):
        memo[raw.slug] = Checked(raw, model, result)
    for slug in set(memo) - {raw.slug for raw in raw_entries}:
        del memo[slug]
    checked = [memo[raw.slug].result for raw in raw_entries]
    for raw, (clean, found, scan) in zip(raw_entries, checked, strict=True):
        scans[raw.slug] = scan
        for line, message in found:
            problems.append(Problem(raw.path, line, message))
        if found:
            failed.add(raw.slug)
        candidates[raw.slug] = (raw, clean)

    anchors = {slug: {h.anchor for h in scan.headings} for slug, scan in scans.items()}
    files = {raw.slug: raw.assets for raw in raw_entries}
    for raw, _ in candidates.values():
        for problem in _check_links(raw, scans[raw.slug], anchors, files):
            problems.append(problem)
            failed.add(raw.slug)

    titles: dict[str, list[RawEntry]] = defaultdict(list)
    for raw, clean in candidates.values():
        title = clean.get("title")
        if isinstance(title, str):
            titles[title.casefold()].append(raw)
    for same in titles.values():
        if len(same) > 1:
            for raw in same:
                others = ", ".join(o.path for o in same if o is not raw)
                line = raw.fields["title"].line
                problems.append(
                    Problem(raw.path, line, f"Denselben Titel hat schon {others}. Jeder Eintrag braucht einen eigenen Titel.")
                )
                failed.add(raw.slug)

    entries = []
    for slug, (raw, clean) in candidates.items():
        if slug in failed:
            continue
        made = memo[slug].entry
        if made is not None:
            entries.append(made)
            continue
        scan = scans[slug]
        entry = memo[slug].entry = Entry(
            slug=slug,
            path=raw.path,
            title=cast(str, clean["title"]),
            description=cast(str, clean["description"]),
            date=cast(date, clean["date"]),
            type=cast(str, clean["type"]),
            topics=cast(tuple[str, ...], clean["topics"]),
            tags=cast(tuple[str, ...], clean["tags"]),
            authors=cast(tuple[str, ...], clean["authors"]),
            license=cast(str, clean["license"]),
            body=raw.body,
            bundesland=cast("str | None", clean.get("bundesland")),
            organisation=cast("str | None", clean.get("organisation")),
            network=cast("str | None", clean.get("network")),
            case=cast("str | None", clean.get("fall")),
            vouched_by=cast("str | None", clean.get("verbuergt_von")),
            attachments=cast("tuple[Attachment, ...]", clean.get("attachments", ())),
            assets=tuple(sorted(raw.assets)),
            words=scan.words,
        )
        entries.append(entry)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return entries, problems


def _check_entry(raw: RawEntry, model: ContentModel) -> EntryCheck:
    """One entry on its own: its cleaned fields, its problems (line, message) and what its body holds."""
    errors = FieldErrors()
    clean = check_fields(raw.fields, model, raw.assets, errors, first_line=1)
    scan = scan_body(raw.body, raw.body_line, model.markdown)
    found = [*errors.items, *scan.problems, *origin_problems(raw.fields, clean.get("type"), raw.body, raw.body_line, model)]
    if not raw.body.strip():
        found.append((raw.body_line - 1, "Unter den Metadaten fehlt der Text des Eintrags. Schreiben Sie ihn unter die Zeile ---."))
    elif clean.get("type") in model.types:
        found.extend(check_shape(raw.body, raw.body_line, model.types[cast(str, clean["type"])]))
    return clean, found, scan


def _check_chunk(job: tuple[list[RawEntry], ContentModel], indexes: list[int]) -> list[tuple[int, EntryCheck]]:
    raw_entries, model = job
    return [(index, _check_entry(raw_entries[index], model)) for index in indexes]


def _check_links(raw: RawEntry, scan: BodyScan, anchors: dict[str, set[str]], files: dict[str, dict[str, int]]) -> list[Problem]:
    """Every link of an entry leads somewhere on the site: its own files, other entries, their sections and files."""
    problems = []
    own_anchors = anchors.get(raw.slug, set())
    for link in scan.links:
        target = link.target.strip()
        if unsafe_scheme(target):
            continue  # scan_body has reported it, together with unsafe URLs in HTML
        if link.is_image:
            problems.extend(_check_image(raw, link.line, target, link.text))
            continue
        if not target or target.startswith(("http://", "https://", "mailto:", "tel:", "//")):
            continue
        path, _, anchor = target.partition("#")
        if target.startswith("/"):
            problems.append(
                Problem(
                    raw.path,
                    link.line,
                    f"Der Link „{shown(target)}“ ist absolut und führt auf der Website ins Leere. "
                    "Verlinken Sie relativ, zum Beispiel ../anderer-eintrag/index.md.",
                )
            )
            continue
        if not path:
            if anchor not in own_anchors:
                problems.append(Problem(raw.path, link.line, f"Den Abschnitt „#{shown(anchor)}“ gibt es in diesem Eintrag nicht.{_anchor_hint(own_anchors)}"))
            continue
        # Relative to the entry's folder; entries and their files sit side by side on the site as in projects/.
        resolved = posixpath.normpath(posixpath.join(raw.slug, path))
        folder, _, name = resolved.partition("/")
        if name in files.get(folder, ()):
            continue
        parts = resolved.split("/")
        if len(parts) == 2 and parts[1] in ("index.md", "") and parts[0] in anchors:
            if anchor and anchor not in anchors[parts[0]]:
                problems.append(
                    Problem(
                        raw.path,
                        link.line,
                        f"Den Abschnitt „#{shown(anchor)}“ gibt es im Eintrag „{parts[0]}“ nicht.{_anchor_hint(anchors[parts[0]])}",
                    )
                )
            continue
        if posixpath.basename(path) in raw.assets:
            problems.append(
                Problem(
                    raw.path,
                    link.line,
                    f"Die Datei „{shown(posixpath.basename(path))}“ liegt im Ordner dieses Eintrags. "
                    f"Verlinken Sie sie nur mit ihrem Namen: „{shown(posixpath.basename(path))}“ statt „{shown(path)}“.",
                )
            )
            continue
        if len(parts) == 1 and parts[0] in anchors:
            problems.append(
                Problem(raw.path, link.line, f"Verlinken Sie den Eintrag als „../{parts[0]}/index.md“, nicht als „{shown(path)}“.")
            )
            continue
        if len(parts) == 2 and parts[1] in ("index.md", "") and path.startswith("../"):
            # An entry link whose folder is gone: most often a withdrawn or renamed entry (MAINTAINING.md).
            problems.append(
                Problem(
                    raw.path,
                    link.line,
                    f"Das Link-Ziel „{shown(target)}“ gibt es nicht: Einen Eintrag „{shown(parts[0])}“ gibt es nicht (mehr), "
                    "vielleicht wurde er zurückgezogen oder umbenannt. Entfernen Sie den Link – sein Text darf als "
                    "normaler Text stehen bleiben – oder verlinken Sie einen vorhandenen Eintrag als ../<kurzname>/index.md.",
                )
            )
            continue
        problems.append(
            Problem(
                raw.path,
                link.line,
                f"Das Link-Ziel „{shown(target)}“ gibt es nicht. Andere Einträge verlinken Sie als ../<kurzname>/index.md, "
                "Dateien des Eintrags mit ihrem Dateinamen.",
            )
        )
    return problems


def _check_image(raw: RawEntry, line: int, target: str, alt: str) -> list[Problem]:
    problems = []
    if not alt.strip():
        problems.append(
            Problem(
                raw.path,
                line,
                "Das Bild hat keinen Alternativtext. Beschreiben Sie in den eckigen Klammern, was es zeigt: "
                "![Was auf dem Bild zu sehen ist](bild.png)",
            )
        )
    if target.lower().startswith(REMOTE_PREFIXES):
        problems.append(
            Problem(
                raw.path,
                line,
                "Bilder von fremden Servern sind nicht erlaubt (sie würden die IP-Adresse der Lesenden weitergeben). "
                "Legen Sie das Bild in den Ordner des Eintrags.",
            )
        )
        return problems
    name = posixpath.normpath(target.partition("#")[0]) if target else ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if name not in raw.assets:
        problems.append(Problem(raw.path, line, f"Die Bilddatei „{shown(target)}“ fehlt im Ordner des Eintrags."))
    elif extension not in IMAGE_TYPES:
        problems.append(Problem(raw.path, line, f"„{shown(target)}“ ist kein erlaubtes Bildformat ({', '.join(IMAGE_TYPES)})."))
    return problems


def _anchor_hint(anchors: set[str]) -> str:
    if not anchors:
        return ""
    listing = ", ".join(f"#{a}" for a in sorted(anchors)[:8])
    return f" Vorhanden sind: {listing}."
