"""Find the entry folders in projects/ and read each index.md into raw front matter and body.

Everything that can go wrong with files (names, links, encodings, sizes) is
reported here as a Problem; the entry is then skipped, the others go on.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .contentmodel import DATA_FILES
from .model import Limits, Problem
from .slugs import is_slug, slugify
from .yamlnodes import Value, YamlProblem, parse_mapping

ALLOWED_TOP_LEVEL = frozenset({"README.md", *DATA_FILES})
ASSET_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")


@dataclass(frozen=True)
class RawEntry:
    slug: str
    path: str  # repository-relative path of index.md
    fields: dict[str, Value]
    body: str
    body_line: int  # file line (1-based) of the first body line
    assets: dict[str, int]  # file path relative to the entry folder -> size in bytes


def discover(projects_dir: Path, repo_root: Path, limits: Limits) -> tuple[list[RawEntry], list[Problem]]:
    """Read every entry folder under projects_dir; return the readable entries and all problems."""
    entries: list[RawEntry] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for child in sorted(projects_dir.iterdir(), key=lambda p: p.name):
        rel = child.relative_to(repo_root).as_posix()
        name = child.name
        if name.startswith("."):
            continue
        folded = unicodedata.normalize("NFC", name).casefold()
        if folded in seen:
            problems.append(
                Problem(
                    rel,
                    None,
                    f"Der Name „{name}“ unterscheidet sich von „{seen[folded]}“ nur in Groß-/Kleinschreibung "
                    "oder Umlaut-Kodierung; unter Windows und macOS wären es dieselben Dateien. "
                    "Benennen Sie einen der beiden um.",
                )
            )
            continue
        seen[folded] = name
        if child.is_symlink():
            problems.append(Problem(rel, None, "Symbolische Verknüpfungen sind nicht erlaubt. Legen Sie echte Dateien an."))
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
            problems.append(Problem(rel, None, "Das ist weder eine Datei noch ein Ordner."))
            continue
        if not is_slug(name):
            suggestion = slugify(name) or "mein-eintrag"
            problems.append(
                Problem(
                    rel,
                    None,
                    f"Der Ordnername „{name}“ ist als Kurzname nicht erlaubt: nur Kleinbuchstaben a–z, Ziffern und "
                    f"Bindestriche (ä→ae, ö→oe, ü→ue, ß→ss). Benennen Sie den Ordner um, zum Beispiel in „{suggestion}“.",
                )
            )
            continue
        entry = _read_entry(child, repo_root, limits, problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _read_entry(folder: Path, repo_root: Path, limits: Limits, problems: list[Problem]) -> RawEntry | None:
    slug = folder.name
    index = folder / "index.md"
    rel_index = index.relative_to(repo_root).as_posix()
    assets = _collect_assets(folder, repo_root, limits, problems)
    if index.is_symlink() or (index.exists() and not index.is_file()):
        problems.append(Problem(rel_index, None, "index.md muss eine gewöhnliche Datei sein, keine Verknüpfung."))
        return None
    if not index.exists():
        problems.append(
            Problem(
                folder.relative_to(repo_root).as_posix(),
                None,
                "Im Ordner fehlt die Datei index.md. Jeder Eintrag besteht aus projects/<kurzname>/index.md.",
            )
        )
        return None
    size = index.stat().st_size
    if size > limits.entry_bytes:
        problems.append(
            Problem(
                rel_index,
                None,
                f"Die Datei ist mit {_megabytes(size)} zu groß (höchstens {_megabytes(limits.entry_bytes)}). "
                "Kürzen Sie den Text oder teilen Sie ihn auf mehrere Einträge auf.",
            )
        )
        return None
    data = index.read_bytes()
    if b"\x00" in data:
        problems.append(Problem(rel_index, None, "Die Datei ist keine Textdatei (sie enthält Binärdaten)."))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.append(
            Problem(
                rel_index,
                line,
                "Die Datei ist nicht als UTF-8 gespeichert (ungültiges Zeichen in dieser Zeile). "
                "Speichern Sie sie in Ihrem Editor mit der Kodierung „UTF-8“.",
            )
        )
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
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


def _collect_assets(folder: Path, repo_root: Path, limits: Limits, problems: list[Problem]) -> dict[str, int]:
    """Files beside index.md that the site will publish; anything unsafe or unpublishable is a problem."""
    assets: dict[str, int] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        for name in sorted(dirnames):
            path = here / name
            if path.is_symlink():
                problems.append(
                    Problem(path.relative_to(repo_root).as_posix(), None, "Symbolische Verknüpfungen sind nicht erlaubt.")
                )
                dirnames.remove(name)
        for name in sorted(filenames):
            path = here / name
            rel_repo = path.relative_to(repo_root).as_posix()
            rel = path.relative_to(folder).as_posix()
            if rel == "index.md" or name.startswith("."):
                continue
            if path.is_symlink():
                problems.append(Problem(rel_repo, None, "Symbolische Verknüpfungen sind nicht erlaubt. Legen Sie die Datei selbst ab."))
                continue
            if not set(rel.replace("/", "")) <= ASSET_NAME_CHARS:
                problems.append(
                    Problem(
                        rel_repo,
                        None,
                        f"Der Dateiname „{rel}“ ist nicht erlaubt: nur Kleinbuchstaben a–z, Ziffern, Bindestriche, "
                        f"Unterstriche und Punkte, keine Leerzeichen. Zum Beispiel „{_safe_name(name)}“.",
                    )
                )
                continue
            extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            if extension == "md":
                problems.append(
                    Problem(rel_repo, None, "Ein Eintrag hat genau eine Textdatei, index.md. Fügen Sie den Text dort ein.")
                )
                continue
            if extension not in limits.attachment_types:
                allowed = ", ".join(sorted(limits.attachment_types))
                problems.append(Problem(rel_repo, None, f"Dateityp „.{extension}“ ist nicht erlaubt. Erlaubt sind: {allowed}."))
                continue
            size = path.stat().st_size
            if size > limits.attachment_bytes:
                problems.append(
                    Problem(
                        rel_repo,
                        None,
                        f"Die Datei ist mit {_megabytes(size)} zu groß (höchstens {_megabytes(limits.attachment_bytes)}). "
                        "Verkleinern Sie sie, zum Beispiel durch eine geringere Bildauflösung.",
                    )
                )
                continue
            assets[rel] = size
    return assets


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB".replace(".", ",")


def _safe_name(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    if not dot:
        return slugify(name) or "datei"
    return f"{slugify(stem) or 'datei'}.{extension.lower()}"
