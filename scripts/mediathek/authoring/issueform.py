"""Turn an issue made with the form „Neuen Eintrag vorschlagen“ into a new entry (`python -m mediathek aus-issue`).

GitHub renders an issue form as Markdown: one `### <label>` heading per field, then the answer,
`_No response_` for an empty one, selected dropdown options joined with ", " and checkboxes as
`- [X] <label>`. The labels, options and field kinds are read from the form file itself; the
values are resolved and written by the code of `make neu` (scaffold.py), so the entry is the one
`make neu` would write for the same values, plus the proposer's text placed under the matching
sections of the content model.

The issue body is hostile data. Nothing here runs a shell or evaluates anything; control
characters are removed, every value goes through scaffold's validation and quoting, the folder
name is a slug of the title, and the entry is written only as a new folder directly in projects/.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.contentmodel import ContentModelError, load_content_model
from ..content.model import ContentModel
from ..content.report import format_problems
from ..content.slugs import is_slug
from ..pages import pipeline
from . import scaffold

FORM_FILE = Path(".github") / "ISSUE_TEMPLATE" / "neuer-eintrag.yml"
NO_RESPONSE = "_No response_"
Answer = str | tuple[str, ...]  # a text, or the options chosen or ticked
# Which content-model field each form field fills (form id -> field). The form's labels, options and
# kinds come from the form file; tests/test_issueform.py checks that both sides know every field.
FIELD_OF = {
    "titel": "title",
    "beschreibung": "description",
    "art": "type",
    "themen": "topics",
    "schlagwoerter": "tags",
    "autorinnen": "authors",
    "fall": "fall",
    "verbuergt_von": "verbuergt_von",
    "bundesland": "bundesland",
    "organisation": "organisation",
    "netzwerk": "network",
}
TEXT_ID = "text"  # the proposer's own text: goes into the entry's body
ATTACHMENTS_ID = "anhaenge"  # images and files dragged into the issue: a maintainer adds them by hand
WORD_ID = "word"  # a .docx dragged into the issue: fetched and imported (word/fromissue.py, aus-issue --word)

EXIT_CREATED = 0  # entry written, the check finds no problems
EXIT_REFUSED = 1  # the form could not become an entry; nothing was written
EXIT_INTERNAL = 2  # a problem of the tool or the repository, not of the proposal (also argparse's usage errors)
EXIT_CHECK_FAILED = 3  # entry written, but the check reports problems

CHECKBOX = re.compile(r"^[-*] \[([ xX])\] (.*)$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n"})
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class IssueFormError(Exception):
    """German messages for the proposer; nothing was written."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class FormField:
    id: str
    kind: str  # input, textarea, dropdown, checkboxes
    label: str
    required: bool
    options: tuple[str, ...] = ()
    multiple: bool = False
    required_options: tuple[str, ...] = ()  # checkboxes that must be ticked
    render: str | None = None  # a textarea GitHub wraps in a code block


@dataclass(frozen=True)
class Proposal:
    """What the form says, ready for scaffold: its text values, the proposer's text and notes for maintainers."""

    given: dict[str, str]
    text: str
    has_attachments: bool
    notes: tuple[str, ...]


# --- the form ----------------------------------------------------------------------------------------


def load_form(path: Path) -> tuple[FormField, ...]:
    """The fields of an issue form, in order (markdown blocks are not part of the issue body)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = []
    for item in data["body"]:
        if item["type"] == "markdown":
            continue
        attributes = item.get("attributes", {})
        options = attributes.get("options", [])
        fields.append(
            FormField(
                id=item["id"],
                kind=item["type"],
                label=" ".join(str(attributes["label"]).split()),
                required=bool(item.get("validations", {}).get("required", False)),
                options=tuple(" ".join(str(o["label"] if isinstance(o, dict) else o).split()) for o in options),
                multiple=bool(attributes.get("multiple", False)),
                required_options=tuple(
                    " ".join(str(o["label"]).split()) for o in options if isinstance(o, dict) and o.get("required")
                ),
                render=attributes.get("render"),
            )
        )
    return tuple(fields)


# --- reading the issue body ----------------------------------------------------------------------------


def clean(text: str) -> str:
    """NFC text with Unix line breaks, without control characters (tabs and line breaks stay) and bidi overrides."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(LINE_BREAKS)
    text = unicodedata.normalize("NFC", text)
    return "".join(
        c for c in text if c in "\n\t" or (unicodedata.category(c) not in ("Cc", "Cs") and c not in BIDI_CONTROLS and c != "\ufeff")
    )


def parse_body(body: str, form: tuple[FormField, ...]) -> dict[str, Answer]:
    """The answers of an issue body, by form id: text (str), options (tuple) or ticked checkboxes (tuple).

    A field heading is a line that is exactly `### <label>`; the headings must come in the form's
    order. A text answer ends where the next field's heading begins, so a proposer's own
    subheadings are kept unless one of them repeats a later field's label word for word.
    """
    lines = clean(body).split("\n")
    positions: list[int] = []
    start = 0
    missing = []
    for field in form:
        heading = f"### {field.label}"
        at = next((i for i in range(start, len(lines)) if lines[i].strip() == heading), None)
        if at is None:
            missing.append(field.label)
            positions.append(-1)
            continue
        positions.append(at)
        start = at + 1
    if len(missing) == len(form):
        raise IssueFormError(
            ["Das Issue folgt nicht dem Formular „Neuen Eintrag vorschlagen“: Keine der Überschriften des Formulars ist zu finden."]
        )
    if missing:
        raise IssueFormError(
            [
                "Im Issue fehlen Überschriften des Formulars „Neuen Eintrag vorschlagen“: "
                + ", ".join(f"„{label}“" for label in missing)
                + ". Wurde der Text des Issues nachträglich umgebaut? Stellen Sie die Überschriften wieder her."
            ]
        )
    answers: dict[str, Answer] = {}
    for index, field in enumerate(form):
        end = positions[index + 1] if index + 1 < len(form) else len(lines)
        raw = "\n".join(lines[positions[index] + 1 : end]).strip("\n")
        answers[field.id] = _answer(field, raw)
    return answers


def _answer(field: FormField, raw: str) -> Answer:
    text = raw.strip()
    if text == NO_RESPONSE:
        text = ""
    if field.kind == "checkboxes":
        ticked = []
        for line in text.split("\n"):
            match = CHECKBOX.match(line.strip())
            if match and match.group(1) in "xX":
                ticked.append(" ".join(match.group(2).split()))
        return tuple(ticked)
    if field.kind == "dropdown":
        text = " ".join(text.split())
        if not text or (text == "None" and "None" not in field.options):
            return ()
        return _options(text, field) if field.multiple else (text,)
    if field.kind == "textarea":
        if not text:
            return ""
        return _unfence(text) if field.render else _trim_lines(raw)
    return " ".join(text.split())


def _options(text: str, field: FormField) -> tuple[str, ...]:
    """Selected options joined with ", ", split again so that an option may itself contain a comma."""
    parts = text.split(", ")
    chosen: list[str] = []
    current = ""
    for part in parts:
        current = f"{current}, {part}" if current else part
        if current in field.options:
            chosen.append(current)
            current = ""
    if current:  # not an option of the form: keep the pieces, scaffold names what is not allowed
        chosen.extend(p for p in current.split(", ") if p)
    return tuple(chosen)


def _unfence(text: str) -> str:
    lines = text.split("\n")
    fence = FENCE.match(lines[0])
    if len(lines) >= 2 and fence and lines[-1].strip().startswith(fence.group(1)):
        return "\n".join(lines[1:-1])
    return text


def _trim_lines(raw: str) -> str:
    """A textarea answer without leading and trailing blank lines and trailing spaces on each line."""
    lines = [line.rstrip() for line in raw.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


# --- from answers to scaffold's values -----------------------------------------------------------------


def proposal(answers: dict[str, Answer], form: tuple[FormField, ...], model: ContentModel) -> Proposal:
    """The values for scaffold.collect(); raise IssueFormError for what the proposer must fix first.

    Required answers (by the form and by the content model for the chosen type) must be there and
    every required checkbox ticked. Values that are not allowed are left to scaffold, which names
    them with the allowed values; values for fields that do not apply to the type are dropped and
    noted for the maintainers.
    """
    by_id = {field.id: field for field in form}
    messages: list[str] = []
    notes: list[str] = []
    given: dict[str, str] = {}
    field: FormField | None
    for field in form:
        answer = answers.get(field.id)
        if field.kind == "checkboxes":
            for option in field.options:
                if option in (answer or ()):
                    continue
                if option in field.required_options:
                    messages.append(
                        f"Im Feld „{field.label}“ ist „{option}“ nicht angekreuzt. Ohne diese Zustimmung legt die Redaktion keinen Eintrag an."
                    )
                else:
                    notes.append(f"Im Formular nicht angekreuzt: „{option}“")
            continue
        name = FIELD_OF.get(field.id)
        if name is None or name not in model.fields:
            continue
        if isinstance(answer, tuple):
            answer = ", ".join(_canonical(name, option, model) for option in answer)
        if answer:
            given[name] = str(answer)

    entry_type = _type_of(given.get("type", ""), model)
    for field_id, name in FIELD_OF.items():
        spec = model.fields.get(name)
        field = by_id.get(field_id)
        if spec is None or field is None:
            continue
        applies = spec.only_for is None or entry_type is None or entry_type in spec.only_for
        if not applies and name in given:
            del given[name]  # the value itself stays in the issue: reports never repeat free text outside a code block
            notes.append(f"Die Angabe „{field.label}“ gilt nicht für diese Art von Eintrag und wurde nicht übernommen.")
            continue
        required = field.required or "*" in spec.required_for or (entry_type is not None and entry_type in spec.required_for)
        if required and applies and name not in given:
            kind = f" bei der Art „{model.types[entry_type].label}“" if entry_type and "*" not in spec.required_for and not field.required else ""
            messages.append(f"Die Angabe „{field.label}“ fehlt{kind}. Bitte ergänzen Sie sie im Issue.")
    if messages:
        raise IssueFormError(messages)
    text = str(answers.get(TEXT_ID) or "") if TEXT_ID in by_id else ""
    has_attachments = bool(answers.get(ATTACHMENTS_ID)) if ATTACHMENTS_ID in by_id else False
    return Proposal(given, text, has_attachments, tuple(notes))


def _canonical(name: str, option: str, model: ContentModel) -> str:
    """A topic's short name instead of its title: titles may contain commas, short names never do."""
    if model.fields[name].values == "topics":
        for topic in model.topics.values():
            if option.casefold() == topic.title.casefold():
                return topic.slug
    return option


def _type_of(text: str, model: ContentModel) -> str | None:
    try:
        value = scaffold.resolve("type", text, model) if text else None
    except scaffold.ScaffoldError:
        return None  # scaffold reports it
    return str(value) if value else None


# --- the proposer's text in the entry ------------------------------------------------------------------


def _key(heading: str) -> str:
    return " ".join(re.sub(r"[^\w ]+", " ", heading.casefold()).split())


def place_text(draft_text: str, sections: tuple[str, ...], text: str, issue: int | None, keep: tuple[str, ...] = ()) -> str:
    """The drafted entry with the proposer's text under the matching section headings.

    A heading of the text that names a section (any level, case and punctuation ignored) puts what
    follows under that section; other headings become `###` subheadings where they stand. Text
    before the first matching heading goes first, after a comment saying where it came from, so
    the maintainer can move it. Sections left without text are dropped, as the template allows,
    except those in keep (the type's required sections: the check then asks for their text).
    Without text the draft is returned unchanged.
    """
    if not text.strip():
        return draft_text
    wanted = {_key(section): section for section in sections}
    intro: list[str] = []
    placed: dict[str, list[str]] = {section: [] for section in sections}
    target = intro
    fence = ""
    for line in text.split("\n"):
        opened = FENCE.match(line)
        if fence:  # code is copied as it is; only a fence like the opening one closes it
            if opened and opened.group(1).startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            target.append(line)
            continue
        if opened:
            fence = opened.group(1)
            target.append(line)
            continue
        heading = _heading(line)
        if heading and _key(heading[1]) in wanted:
            target = placed[wanted[_key(heading[1])]]
            continue
        if heading:
            line = f"{'#' * max(heading[0], 3)} {heading[1]}"
            if target and target[-1].strip():
                target.append("")
            target.append(line)
            target.append("")
            continue
        target.append(line)
    source = f"Issue #{issue}" if issue else "dem Formular „Neuen Eintrag vorschlagen“"
    intro_block = _tidy(intro)
    if intro_block:
        intro_block = f"<!-- Der folgende Text stammt aus {source}. Bitte prüfen und auf die Abschnitte unten verteilen. -->\n\n{intro_block}"
    return _insert(draft_text, sections, intro_block, {section: _tidy(placed[section]) for section in sections}, keep)


def _insert(draft_text: str, sections: tuple[str, ...], intro: str, blocks: dict[str, str], keep: tuple[str, ...]) -> str:
    """The draft with the intro before its first section heading and each block under its section's heading.

    Everything the draft holds stays where it is (scaffold writes the sections in the model's order,
    after the front matter), so whatever scaffold adds to its template is kept.
    """
    lines = draft_text.split("\n")
    closing = lines.index("---", 1)  # the end of the front matter
    headings: list[int] = []
    for section in sections:
        at = lines.index(f"## {section}", headings[-1] + 1 if headings else closing + 1)
        headings.append(at)
    out = lines[: headings[0] if headings else len(lines)]
    if intro:
        while out and not out[-1].strip():
            out.pop()
        out += ["", intro, ""]
    for index, section in enumerate(sections):
        end = headings[index + 1] if index + 1 < len(headings) else len(lines)
        chunk = lines[headings[index] + 1 : end]
        if not blocks[section] and not _tidy(chunk) and section not in keep:
            continue  # an empty heading would be refused by the check; the template lets it go
        if blocks[section]:
            own = _tidy(chunk)  # what the draft itself holds under the heading
            chunk = ["", *([own, ""] if own else []), blocks[section], *([""] if end < len(lines) else [])]
        out += [lines[headings[index]], *chunk]
    return "\n".join(out)


def _heading(line: str) -> tuple[int, str] | None:
    """Level and text of an ATX heading as Python-Markdown reads it (no space needed after the #).

    String operations only: a regular expression with an optional closing sequence takes
    quadratic time on a long line of spaces.
    """
    if not line.startswith("#"):
        return None
    stripped = line.rstrip()
    level = len(stripped) - len(stripped.lstrip("#"))
    if level > 6:
        return None
    text = stripped[level:].strip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.rstrip()
    return level, text


def _tidy(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


# --- the whole conversion ------------------------------------------------------------------------------


def build(
    body: str, form: tuple[FormField, ...], model: ContentModel, projects: Path, today: dt.date, issue: int | None
) -> tuple[scaffold.Draft, Proposal]:
    """The new entry for an issue body (pure but for reading existing titles and folders in projects/)."""
    found = proposal(parse_body(body, form), form, model)
    try:
        values, slug = scaffold.collect(found.given, model, projects, None)
    except scaffold.ScaffoldError as err:
        raise IssueFormError(str(err).split("\n")) from None
    new = scaffold.draft(values, model, today, slug)
    entry_type = model.types[str(values["type"])]
    text = place_text(new.text, entry_type.sections, found.text, issue, entry_type.required_sections)
    return dataclasses.replace(new, text=text), found


def _inside_projects(root: Path, new: scaffold.Draft) -> bool:
    projects = (root / "projects").resolve()
    target = (projects / new.slug).resolve()
    return is_slug(new.slug) and target.parent == projects and new.path == f"projects/{new.slug}/index.md"


# --- reports -----------------------------------------------------------------------------------------


def fenced(text: str) -> str:
    """A Markdown code block that no backticks in the text can close: mentions, links and HTML stay inert."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


MAX_REPORT = 60_000  # a GitHub comment holds 65,536 characters


def report_created(new: scaffold.Draft, found: Proposal, issue: int | None) -> str:
    lines = [f"Aus dem Formular ist der neue Eintrag `{new.path}` entstanden. Die Prüfung (`make check`) meldet keine Probleme."]
    if issue:
        lines += ["", f"Closes #{issue}"]
    todo = [
        "Text prüfen: Er steht so im Eintrag, wie er im Formular stand, unter den passenden Abschnitten; "
        "was keinem Abschnitt zugeordnet werden konnte, steht am Anfang.",
        "Die Angaben oben in der Datei (Metadaten) prüfen und die Regeln für Inhalte beachten (CONTRIBUTING.md).",
    ]
    if new.missing:
        todo.append(f"Noch auszufüllen (in der Datei mit „Bitte ausfüllen“ markiert): {', '.join(new.missing)}.")
    if found.has_attachments:
        where = f"Issue #{issue}" if issue else "Issue"
        todo.append(
            f"Bilder und Dateien hängen am {where}: herunterladen, prüfen, in `projects/{new.slug}/` ablegen und im Text einbinden."
        )
    todo += found.notes
    lines += ["", "Für die Redaktion vor dem Zusammenführen:", ""] + [f"- [ ] {item}" for item in todo]
    return "\n".join(lines)[:MAX_REPORT] + "\n"


def report_refused(messages: list[str], written: str | None) -> str:
    detail = "\n".join(messages)
    if len(detail) > MAX_REPORT:
        detail = detail[:MAX_REPORT] + "\n…"
    lines = [
        "Aus diesem Vorschlag ließ sich noch kein Eintrag anlegen. Die automatische Prüfung meldet:",
        "",
        fenced(detail),
        "",
    ]
    if written:
        lines.append(f"Die Zeilenangaben beziehen sich auf die Datei `{written}`, die aus dem Formular entstanden wäre.")
    lines.append(
        "Bitte bearbeiten Sie das Issue (oben rechts beim ersten Beitrag „…“ → „Edit“), korrigieren Sie die "
        "genannten Angaben und speichern Sie. Die Redaktion startet die Umwandlung danach erneut."
    )
    return "\n".join(lines) + "\n"


# --- command line ------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--body-file", required=True, type=Path, metavar="DATEI", help="der Text des Issues, wie GitHub ihn speichert (Markdown)"
    )
    parser.add_argument("--issue", type=_issue_number, default=None, metavar="N", help="die Nummer des Issues (für Hinweise und „Closes #N“)")
    parser.add_argument("--word", type=Path, default=None, metavar="DATEI", help="das heruntergeladene Word-Dokument des Issues (word-download)")


def _issue_number(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 10**9:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine Issue-Nummer.")
    return int(text)


def command(root: Path, args: argparse.Namespace) -> int:
    """`python -m mediathek aus-issue`: write the entry, run the check, print a German report (Markdown).

    stdout: the report, usable as pull-request text (exit 0) or issue comment (otherwise).
    stderr: the check's problem lines, as `make check` prints them.
    """
    try:
        model = load_content_model(root / "projects", root)
        form = load_form(root / FORM_FILE)
    except (ContentModelError, OSError, yaml.YAMLError, KeyError, TypeError) as err:
        print(f"Das Inhaltsmodell oder das Formular ist fehlerhaft (kein Fehler im Vorschlag):\n{err}", file=sys.stderr)
        return EXIT_INTERNAL
    try:
        body = _read_limited(args.body_file, model.limits.entry_bytes)
    except OSError as err:
        print(f"Die Datei mit dem Text des Issues lässt sich nicht lesen: {err}", file=sys.stderr)
        return EXIT_INTERNAL
    if args.word is not None and body is not None:
        from .word import fromissue  # the Word path (a module that imports this one)

        done = fromissue.import_command(root, args, model, form, body)
        if done is not None:
            return done
    try:
        if body is None:
            limit = model.limits.entry_bytes // 1024
            raise IssueFormError([f"Der Text des Issues ist länger als {limit} KB, mehr als ein Eintrag haben darf. Kürzen Sie ihn."])
        new, found = build(body, form, model, root / "projects", dt.date.today(), args.issue)
        if not _inside_projects(root, new):
            raise IssueFormError([f"Aus dem Titel ergibt sich kein gültiger Ordnername („{new.slug}“)."])
        scaffold.write(root, new)
    except IssueFormError as err:
        print(report_refused(err.messages, None), end="")
        print("Es wurde nichts angelegt.", file=sys.stderr)
        return EXIT_REFUSED
    except scaffold.ScaffoldError as err:  # the folder appeared in the meantime
        print(report_refused([str(err)], None), end="")
        print("Es wurde nichts angelegt.", file=sys.stderr)
        return EXIT_REFUSED
    result = pipeline.check(root)
    if result.problems:
        print(format_problems(result.problems), file=sys.stderr)
        print(report_refused([str(p) for p in result.problems], new.path), end="")
        print(f"Der Eintrag {new.path} wurde angelegt, hat aber Probleme: Korrigieren Sie ihn oder löschen Sie den Ordner.", file=sys.stderr)
        return EXIT_CHECK_FAILED
    print(report_created(new, found, args.issue), end="")
    print(f"Neuer Eintrag angelegt und geprüft: {new.path}", file=sys.stderr)
    return EXIT_CREATED


def _read_limited(path: Path, limit: int) -> str | None:
    """The body file's text, or None when it is larger than an entry may be (read no further)."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        return None
    return data.decode("utf-8", errors="replace")
