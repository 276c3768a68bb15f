"""Find the entry folders in projects/ and read each index.md into raw front matter and body.

Everything that can go wrong with files (names, links, encodings, sizes) is
reported here as a Problem; the entry is then skipped, the others go on.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .contentmodel import DATA_FILES
from .german import file_size
from .model import Limits, Problem
from .slugs import is_listing_page, is_slug, slugify
from .yamlnodes import Value, YamlProblem, parse_mapping, shown

ALLOWED_TOP_LEVEL = frozenset({"README.md", *DATA_FILES})
ASSET_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")
# Invisible characters no author needs: they garble terminals, shift YAML's line count (NEL, U+2028)
# or make text read differently from how it is stored (bidirectional overrides, „Trojan Source“).
INVISIBLE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
SYMLINK_MESSAGE = (
    "Symbolische Verknüpfungen sind nicht erlaubt; die Prüfung folgt ihnen nicht. "
    "Legen Sie die Datei oder den Ordner selbst hier ab."
)


@dataclass(frozen=True)
class RawEntry:
    slug: str
    path: str  # repository-relative path of index.md
    fields: dict[str, Value]
    body: str
    body_line: int  # file line (1-based) of the first body line
    assets: dict[str, int]  # file path relative to the entry folder -> size in bytes


# An entry folder as read before: the state of its files, and the entry and problems read from them.
FolderMemo = dict[str, tuple[object, "RawEntry | None", list[Problem]]]


def discover(projects_dir: Path, repo_root: Path, limits: Limits, memo: FolderMemo | None = None) -> tuple[list[RawEntry], list[Problem]]:
    """Read every entry folder under projects_dir; return the readable entries and all problems.

    memo: folders read by an earlier call in this process; a folder whose files have the same state
    (names, types, sizes, modification times) is not read again, and keeps its RawEntry object."""
    entries: list[RawEntry] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    if projects_dir.is_symlink():
        return [], [Problem(_rel(projects_dir, repo_root), None, SYMLINK_MESSAGE)]
    for child in sorted(projects_dir.iterdir(), key=lambda p: p.name):
        rel = _rel(child, repo_root)
        name = child.name
        if name.startswith("."):
            continue
        folded = unicodedata.normalize("NFC", name).casefold()
        if folded in seen:
            problems.append(Problem(rel, None, _collision_message(name, seen[folded])))
            continue
        seen[folded] = name
        if child.is_symlink():
            problems.append(Problem(rel, None, SYMLINK_MESSAGE))
            continue
        if child.is_file():
            if name not in ALLOWED_TOP_LEVEL:
                problems.append(
                    Problem(
                        rel,
                        None,
                        "Diese Datei liegt direkt in projects/. Jeder Eintrag braucht einen eigenen Ordner: "
                        "projects/<kurzname>/index.md; Anhänge und Bilder liegen daneben.",
                    )
                )
            continue
        if not child.is_dir():
            problems.append(Problem(rel, None, "Das ist weder eine Datei noch ein Ordner. Löschen Sie es."))
            continue
        if not is_slug(name):
            suggestion = slugify(name) or "mein-eintrag"
            problems.append(
                Problem(
                    rel,
                    None,
                    f"Der Ordnername „{shown(name)}“ ist als Kurzname nicht erlaubt: nur Kleinbuchstaben a–z, Ziffern "
                    "und Bindestriche (ä→ae, ö→oe, ü→ue, ß→ss). Benennen Sie den Ordner um, zum Beispiel in "
                    f"„{suggestion}“.",
                )
            )
            continue
        if is_listing_page(name):
            problems.append(
                Problem(
                    rel,
                    None,
                    f"Der Ordnername „{name}“ ist für die Seiten der Mediathek reserviert (…/seite-2/ ist die zweite Seite "
                    "einer Liste). Benennen Sie den Ordner nach dem Titel des Eintrags.",
                )
            )
            continue
        if memo is None:
            entry = _read_entry(child, repo_root, limits, problems)
        else:
            key = (repo_root, limits, folder_state(child))
            stored = memo.get(name)
            if stored is None or stored[0] != key:
                found: list[Problem] = []
                stored = memo[name] = (key, _read_entry(child, repo_root, limits, found), found)
            entry = stored[1]
            problems.extend(stored[2])
        if entry is not None:
            entries.append(entry)
    return entries, problems


def folder_state(folder: Path) -> tuple[tuple[str, int, int, int, int], ...]:
    """What an entry folder's files look like without reading them: every path below it with its
    type, size, modification and change time (an editor's save changes at least one)."""
    state = []
    folders = [str(folder)]
    while folders:
        with os.scandir(folders.pop()) as listing:
            for item in sorted(listing, key=lambda item: item.name):
                info = item.stat(follow_symlinks=False)
                state.append((item.path, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
                if stat.S_ISDIR(info.st_mode):
                    folders.append(item.path)
    return tuple(state)


def _read_entry(folder: Path, repo_root: Path, limits: Limits, problems: list[Problem]) -> RawEntry | None:
    slug = folder.name
    index = folder / "index.md"
    rel_index = _rel(index, repo_root)
    assets = _collect_assets(folder, repo_root, limits, problems)
    try:
        info = index.lstat()
    except FileNotFoundError:
        problems.append(
            Problem(
                _rel(folder, repo_root),
                None,
                "Im Ordner fehlt die Datei index.md. Jeder Eintrag besteht aus projects/<kurzname>/index.md.",
            )
        )
        return None
    if stat.S_ISLNK(info.st_mode):
        problems.append(Problem(rel_index, None, SYMLINK_MESSAGE))
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.append(Problem(rel_index, None, "index.md muss eine gewöhnliche Datei sein, kein Ordner."))
        return None
    if info.st_size > limits.entry_bytes:
        problems.append(
            Problem(
                rel_index,
                None,
                f"Die Datei ist mit {file_size(info.st_size)} zu groß (höchstens {file_size(limits.entry_bytes)}). "
                "Kürzen Sie den Text oder teilen Sie ihn auf mehrere Einträge auf.",
            )
        )
        return None
    text = _decode(index.read_bytes(), rel_index, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(
            Problem(
                rel_index,
                1,
                "Die Datei ist leer. Sie beginnt mit den Metadaten zwischen zwei Zeilen --- und darunter folgt der Text; "
                "eine Vorlage steht im Leitfaden für Autor*innen.",
            )
        )
        return None
    lines = text.split("\n")
    invisible = (
        [(number, match.group(0)) for number, line in enumerate(lines, 1) for match in [INVISIBLE.search(line)] if match]
        if INVISIBLE.search(text)
        else []
    )
    if invisible:
        for number, character in invisible:
            problems.append(
                Problem(
                    rel_index,
                    number,
                    f"In dieser Zeile steht ein unsichtbares Steuerzeichen (U+{ord(character):04X}). "
                    "Löschen Sie es; beim Kopieren aus anderen Programmen rutscht es leicht mit hinein.",
                )
            )
        return None
    if lines[0].rstrip() != "---":
        problems.append(
            Problem(
                rel_index,
                1,
                "Die Datei beginnt nicht mit Metadaten. Die erste Zeile muss --- sein, dann folgen title, "
                "description, date usw., dann wieder eine Zeile ---.",
            )
        )
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        problems.append(
            Problem(rel_index, 1, "Der Metadatenblock wird nicht geschlossen. Fügen Sie nach den Metadaten eine Zeile --- ein.")
        )
        return None
    try:
        fields = parse_mapping("\n".join(lines[1:closing]) + "\n", first_line=2)
    except YamlProblem as err:
        problems.append(Problem(rel_index, err.line, err.message))
        return None
    return RawEntry(
        slug=slug,
        path=rel_index,
        fields=fields,
        body="\n".join(lines[closing + 1 :]),
        body_line=closing + 2,
        assets=assets,
    )


def _decode(data: bytes, rel_index: str, problems: list[Problem]) -> str | None:
    """The file as text with \\n line ends and without byte-order mark, or None after reporting why not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            Problem(
                rel_index,
                1,
                "Die Datei ist als UTF-16 gespeichert. Speichern Sie sie in Ihrem Editor mit der Kodierung „UTF-8“.",
            )
        )
        return None
    if b"\x00" in data:
        problems.append(
            Problem(
                rel_index,
                _line_at(data, data.index(b"\x00")),
                "Die Datei ist keine Textdatei (sie enthält Binärdaten). index.md muss Text in Markdown enthalten.",
            )
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(
            Problem(
                rel_index,
                _line_at(data, err.start),
                "Die Datei ist nicht als UTF-8 gespeichert (ungültiges Zeichen in dieser Zeile). "
                "Speichern Sie sie in Ihrem Editor mit der Kodierung „UTF-8“.",
            )
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _line_at(data: bytes, offset: int) -> int:
    """1-based line of a byte offset, counting CRLF, CR and LF line ends as the text reader does."""
    return data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def _collect_assets(folder: Path, repo_root: Path, limits: Limits, problems: list[Problem]) -> dict[str, int]:
    """Files beside index.md that the site will publish; anything unsafe or unpublishable is a problem."""
    assets: dict[str, int] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        for name in sorted(dirnames):
            path = here / name
            if name.startswith("."):  # never published, so never checked (.git, editor folders)
                dirnames.remove(name)
            elif path.is_symlink():
                problems.append(Problem(_rel(path, repo_root), None, SYMLINK_MESSAGE))
                dirnames.remove(name)
        for name in sorted(filenames):
            path = here / name
            rel_repo = _rel(path, repo_root)
            rel = path.relative_to(folder).as_posix()
            if rel == "index.md" or name.startswith("."):
                continue
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                problems.append(Problem(rel_repo, None, SYMLINK_MESSAGE))
                continue
            if not stat.S_ISREG(info.st_mode):
                problems.append(Problem(rel_repo, None, "Das ist keine gewöhnliche Datei. Löschen Sie es."))
                continue
            if not set(rel.replace("/", "")) <= ASSET_NAME_CHARS:
                problems.append(
                    Problem(
                        rel_repo,
                        None,
                        f"Der Dateiname „{shown(rel)}“ ist nicht erlaubt: nur Kleinbuchstaben a–z, Ziffern, Bindestriche, "
                        f"Unterstriche und Punkte, keine Leerzeichen. Zum Beispiel „{_safe_name(name)}“.",
                    )
                )
                continue
            extension = name.rsplit(".", 1)[-1] if "." in name else ""
            allowed = ", ".join(sorted(limits.attachment_types))
            if extension == "md":
                problems.append(
                    Problem(rel_repo, None, "Ein Eintrag hat genau eine Textdatei, index.md. Fügen Sie den Text dort ein.")
                )
                continue
            if not extension:
                problems.append(Problem(rel_repo, None, f"Die Datei hat keine Dateiendung. Erlaubt sind: {allowed}."))
                continue
            if extension not in limits.attachment_types:
                problems.append(Problem(rel_repo, None, f"Dateityp „.{extension}“ ist nicht erlaubt. Erlaubt sind: {allowed}."))
                continue
            if info.st_size > limits.attachment_bytes:
                problems.append(
                    Problem(
                        rel_repo,
                        None,
                        f"Die Datei ist mit {file_size(info.st_size)} zu groß (höchstens {file_size(limits.attachment_bytes)}). "
                        "Verkleinern Sie sie, zum Beispiel durch eine geringere Bildauflösung.",
                    )
                )
                continue
            assets[rel] = info.st_size
    return assets


def _rel(path: Path, repo_root: Path) -> str:
    """Repository-relative path for messages, with invisible characters in names made visible."""
    rel = path.relative_to(repo_root).as_posix()
    if rel.isascii() and rel.isprintable():
        return rel
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs") else c for c in rel)


def _collision_message(name: str, other: str) -> str:
    if unicodedata.normalize("NFC", name) == unicodedata.normalize("NFC", other):
        return (
            f"Den Namen „{shown(name)}“ gibt es hier zweimal: einmal mit Umlauten als ein Zeichen (NFC) und einmal "
            "zerlegt in Buchstabe und Pünktchen (NFD), wie macOS sie schreibt. Unter macOS und Windows wäre das "
            "derselbe Name. Löschen Sie einen der beiden."
        )
    return (
        f"Der Name „{shown(name)}“ unterscheidet sich von „{shown(other)}“ nur in Groß-/Kleinschreibung; unter Windows "
        "und macOS wären es dieselben Dateien. Benennen Sie einen der beiden um."
    )




def _safe_name(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    if not dot:
        return slugify(name) or "datei"
    return f"{slugify(stem) or 'datei'}.{extension.lower()}"
