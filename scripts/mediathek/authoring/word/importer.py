"""`make import DATEI=beitrag.docx`: a Word document becomes a new entry folder, then the check runs.

Order: check the file (safety), convert it (convert), read its metadata (metadata), let scaffold
resolve the values and ask for what is missing, exactly as `make neu` does (the same make
variables answer without questions and win over what the document says), write index.md and the images into a temporary folder
inside projects/ and move it into place only when everything is written. An existing entry is
never overwritten; on refusal nothing is left behind. The report names everything not carried
over; the check's messages follow as `make check` prints them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...content.model import ContentModel
from ...content.report import format_problems
from ...pages import pipeline
from ...pages.reader import word_template_file
from .. import scaffold
from . import convert, metadata, safety, template
from .safety import Refused

EXIT_CREATED = 0  # entry written, the check finds no problems
EXIT_REFUSED = 1  # nothing was written
EXIT_INTERNAL = 2
EXIT_CHECK_FAILED = 3  # entry written; the check's messages were printed


@dataclass(frozen=True)
class Imported:
    draft: scaffold.Draft
    converted: convert.Converted
    notes: tuple[str, ...]


def prepare(path: Path, given: dict[str, str], model: ContentModel, projects: Path, today: dt.date, ask: Callable[[str], str] | None) -> Imported:
    """The new entry for a Word file (pure but for reading the file and the titles in projects/)."""
    checked = safety.open_checked(path)
    converted = convert.convert(checked.document, template.hint_texts(model), model.limits.attachment_bytes)
    blocking = list(dict.fromkeys(str(f) for f in converted.findings if f.blocking))
    if blocking:
        raise Refused(
            [f"{path.name}: Das Dokument enthält nachverfolgte Änderungen oder Kommentare. Nehmen Sie in Word unter „Überprüfen“ "
             "alle Änderungen an (oder lehnen Sie sie ab) und löschen Sie alle Kommentare; dann speichern und erneut einlesen. Gefunden:"]
            + [f"  {line}" for line in blocking[:30]]
        )
    if converted.table is not None:
        said = metadata.from_table(converted.table, model, checked.document.core_properties.category or "")
    else:
        said = metadata.from_properties(checked.document, converted.title)
    if converted.paragraphs == 0:
        raise Refused([f"{path.name}: Das Dokument enthält keinen Text. Schreiben Sie Ihren Text hinein und speichern Sie es erneut."])
    notes = dict(said.notes)
    if converted.title and said.from_template and converted.title != said.values.get("title"):
        notes["heading"] = f"Die Überschrift im Stil „Titel“ („{converted.title}“) steht nicht im Text; der Titel kommt aus der Tabelle."
    values = dict(said.values)
    for field, text in given.items():
        if not text.strip():
            continue
        if field in values and " ".join(values[field].split()) != " ".join(text.split()):
            variable = scaffold.BY_FIELD[field].variable
            notes[field] = f"{variable} gilt statt der Angabe im Dokument („{values[field]}“)."
        values[field] = text
    try:
        resolved, slug = scaffold.collect(values, model, projects, ask)
    except scaffold.ScaffoldError as err:
        raise Refused(str(err).split("\n")) from None
    new = scaffold.draft(resolved, model, today, slug)
    front = new.text[: new.text.index("\n---", 3) + len("\n---")]
    text = f"{front}\n\n{converted.markdown}\n" if converted.markdown else front + "\n"
    return Imported(scaffold.Draft(new.slug, new.path, text, new.missing), converted, tuple(notes.values()))


def write(root: Path, imported: Imported) -> Path:
    """Write the entry folder whole or not at all: into a temporary folder beside it, then moved into place."""
    projects = root / "projects"
    target = projects / imported.draft.slug
    if target.exists():
        raise Refused([f"Den Eintrag projects/{imported.draft.slug}/ gibt es schon. Er wird nicht überschrieben; wählen Sie einen anderen Titel."])
    partial = Path(tempfile.mkdtemp(prefix=".import-", dir=projects))
    try:
        (partial / "index.md").write_text(imported.draft.text, encoding="utf-8", newline="\n")
        for image in imported.converted.images:
            with (partial / image.name).open("xb") as handle:  # names are ours (bild-01.png): never the archive's
                handle.write(image.data)
        partial.chmod(0o755)
        try:
            os.rename(partial, target)  # refuses a folder that appeared meanwhile unless it is empty
        except OSError:
            raise Refused([f"Den Eintrag projects/{imported.draft.slug}/ gibt es schon. Er wird nicht überschrieben."]) from None
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return target / "index.md"


def report(imported: Imported) -> list[str]:
    """The German lines of what was not carried over or needs a look, with where it was."""
    lines = list(imported.notes)
    lines += [str(finding) for finding in imported.converted.findings]
    if imported.draft.missing:
        lines.append(f"Noch auszufüllen (in der Datei mit „Bitte ausfüllen“ markiert): {', '.join(imported.draft.missing)}.")
    return list(dict.fromkeys(lines))


# --- command line ----------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("datei", type=Path, metavar="DATEI", help="das Word-Dokument (.docx)")
    scaffold.add_arguments(parser)


def command(root: Path, args: argparse.Namespace) -> int:
    projects = root / "projects"
    model = scaffold.model_for_command(root)
    if model is None:
        return EXIT_INTERNAL
    given = {p.field: getattr(args, p.field, "") or "" for p in scaffold.PARAMETERS}
    ask = input if sys.stdin.isatty() else None
    try:
        imported = prepare(args.datei, given, model, projects, dt.date.today(), ask)
        path = write(root, imported)
    except (Refused, scaffold.ScaffoldError) as err:
        messages = err.messages if isinstance(err, Refused) else [str(err)]
        print("\n".join(messages) + "\nEs wurde nichts angelegt.", file=sys.stderr)
        return EXIT_REFUSED
    except (KeyboardInterrupt, EOFError):
        print("\nAbgebrochen. Es wurde nichts angelegt.", file=sys.stderr)
        return 130
    print(f"Neuer Eintrag angelegt: {path.relative_to(root).as_posix()} ({len(imported.converted.images)} Bilder)")
    lines = report(imported)
    if lines:
        print("Nicht übernommen oder zu prüfen:")
        print("\n".join(f"- {line}" for line in lines))
    result = pipeline.check(root)
    if result.problems:
        print("Die Prüfung (make check) meldet:", file=sys.stderr)
        print(format_problems(result.problems), file=sys.stderr)
        return EXIT_CHECK_FAILED
    print("Die Prüfung (make check) meldet keine Probleme.")
    return EXIT_CREATED


def add_template_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--typ", default="", help="nur die Vorlage dieser Art (sonst alle)")
    parser.add_argument("--ziel", type=Path, default=Path("build") / "vorlagen", help="Ordner für die Vorlagen (Standard: build/vorlagen)")


def template_command(root: Path, args: argparse.Namespace, site_name: str) -> int:
    """`python -m mediathek vorlage`: write the Word templates into a folder (the site offers the same files).
    site_name: mkdocs.yml `site_name`, read by the command line: mediathek.site is no lower layer (tests/test_layers.py)."""
    model = scaffold.model_for_command(root)
    if model is None:
        return EXIT_INTERNAL
    slugs = list(model.types)
    if args.typ:
        try:
            slugs = [str(scaffold.resolve("type", args.typ, model))]
        except scaffold.ScaffoldError as err:
            print(err, file=sys.stderr)
            return EXIT_REFUSED
    target = args.ziel if args.ziel.is_absolute() else root / args.ziel
    target.mkdir(parents=True, exist_ok=True)
    for slug in slugs:
        path = target / Path(word_template_file(slug)).name
        path.write_bytes(template.build(model, slug, site_name))
        print(f"Vorlage geschrieben: {path}")
    return EXIT_CREATED
