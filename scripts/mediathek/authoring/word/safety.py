"""Open an uploaded Word file as hostile data: what it really is, how big it unpacks, what it may contain.

A .docx is a zip archive of XML parts. Before python-docx sees it, this module checks, without
unpacking to disk: the file's size; its first bytes (a .doc, .odt, .pdf or .rtf renamed to .docx);
the number of archive members, their total unpacked size and each member's compression ratio
(zip bombs; the sizes are enforced while reading, not taken from the archive's directory); member
names (absolute, `..`, backslashes, drive letters: refused, and no name is ever used as a path on
disk); macros (.docm content type or a vbaProject part); and any document type declaration in an
XML part (entity expansion: a Word file never has one, so none is parsed at all; python-docx's
own parser also has resolve_entities=False). External relationships (linked images, …) are never
followed: python-docx does not load them and the converter reports them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document

from ...content.german import file_size

MAX_FILE = 50 * 1_048_576  # a long paper with many photos; each image must still keep to the attachment limit
MAX_MEMBERS = 2000  # a 15,000-word paper with 50 images has fewer than 100
MAX_UNPACKED = 200 * 1_048_576  # all members together
MAX_RATIO = 200  # unpacked / packed per member; text XML compresses 10–30:1
RATIO_FROM = 1_048_576  # small members may compress better: only judge members above 1 MB
MAIN_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_TYPES = ("application/vnd.ms-word.document.macroenabled.main+xml", "application/vnd.ms-word.template.macroenabledtemplate.main+xml")
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
FORBIDDEN_XML = (b"<!DOCTYPE", b"<!ENTITY")
SAVE_AS = "Öffnen Sie die Datei in Word oder LibreOffice und speichern Sie sie als „Word-Dokument (.docx)“."


class Refused(Exception):
    """German messages: the document is refused (by this module, the metadata or the import) and nothing was written."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class CheckedFile:
    """A .docx that passed the checks: the python-docx document and the archive's members (name -> bytes)."""

    document: Document
    members: dict[str, bytes]


def _kind(head: bytes) -> str | None:
    """What a file that is not a zip archive is, by its first bytes."""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ein altes Word-Dokument (.doc) oder eine andere ältere Office-Datei"
    if head.startswith(b"%PDF"):
        return "eine PDF-Datei"
    if head.startswith(b"{\\rtf"):
        return "eine RTF-Datei"
    return None


def open_checked(path: Path, max_bytes: int = MAX_FILE) -> CheckedFile:
    """Read and check the file; raise Refused with German messages if it must not be imported."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix in (".docm", ".dotm"):
        raise _refused(name, "Dateien mit Makros (.docm) werden nicht eingelesen. Speichern Sie das Dokument ohne Makros als .docx.")
    if suffix not in (".docx",):
        raise _refused(name, f"Eingelesen werden nur Word-Dokumente mit der Endung .docx. {SAVE_AS}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _refused(
                name,
                f"Die Datei ist {file_size(size)} groß, erlaubt sind höchstens {file_size(max_bytes)}. "
                "Verkleinern Sie die Bilder (etwa mit „Bilder komprimieren“ in Word) und versuchen Sie es erneut.",
            )
        data = path.read_bytes()
    except OSError as err:
        raise _refused(name, f"Die Datei lässt sich nicht lesen ({err.strerror}).") from None
    if not data.strip():
        raise _refused(name, "Die Datei ist leer.")
    kind = _kind(data[:8])
    if kind or not data.startswith(b"PK\x03\x04"):
        what = kind or "kein Word-Dokument"
        raise _refused(name, f"Die Datei heißt .docx, ist aber {what}. {SAVE_AS}")
    members = _members(name, data)
    return CheckedFile(_document(name, members, data), members)


def _members(name: str, data: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refused(name, f"Die Datei ist beschädigt (kein gültiges Word-Dokument). {SAVE_AS}") from None
    if len(infos) > MAX_MEMBERS:
        raise _refused(name, f"Die Datei besteht aus {len(infos)} Teilen, erlaubt sind höchstens {MAX_MEMBERS}. Sie wird nicht eingelesen.")
    bad = [info.filename for info in infos if not _safe_member(info.filename)]
    if bad:
        shown = ", ".join(map(repr, bad[:3]))
        raise _refused(name, f"Die Datei enthält ungültige Dateinamen ({shown}); so etwas schreibt kein Textprogramm. Sie wird nicht eingelesen.")
    names = {info.filename for info in infos}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
        raise _refused(name, f"Die Datei heißt .docx, ist aber ein OpenDocument-Text (.odt). {SAVE_AS}")
    if "[Content_Types].xml" not in names:
        raise _refused(name, f"Die Datei ist ein Zip-Archiv, aber kein Word-Dokument. {SAVE_AS}")
    members: dict[str, bytes] = {}
    unpacked = 0
    for info in infos:
        if info.is_dir():
            continue
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refused(name, "Ein Teil der Datei ließe sich auf ein Vielfaches entpacken (Zip-Bombe). Sie wird nicht eingelesen.")
        if unpacked + info.file_size > MAX_UNPACKED:
            raise _refused(name, f"Entpackt wäre die Datei größer als {MAX_UNPACKED // 1_048_576} MB. Sie wird nicht eingelesen.")
        try:
            with archive.open(info) as stream:
                content = stream.read(info.file_size + 1)  # zipfile stops at the declared size; +1 proves it
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            raise _refused(name, f"Die Datei ist beschädigt oder verschlüsselt. {SAVE_AS}") from None
        if len(content) > info.file_size:
            raise _refused(name, "Die Datei ist beschädigt (falsche Größenangaben). Sie wird nicht eingelesen.")
        unpacked += len(content)
        members[info.filename] = content
    types = members.get("[Content_Types].xml", b"").lower()
    if any(t.encode() in types for t in MACRO_TYPES) or any(n.lower().endswith("vbaproject.bin") for n in members):
        raise _refused(name, "Die Datei enthält Makros. Dateien mit Makros werden nicht eingelesen. Speichern Sie das Dokument als .docx ohne Makros.")
    if TEMPLATE_TYPE.encode() in types:
        raise _refused(name, "Das ist eine Dokumentvorlage (.dotx). Öffnen Sie sie, schreiben Sie Ihren Text und speichern Sie als „Word-Dokument (.docx)“.")
    if MAIN_DOCUMENT.encode() not in types:
        raise _refused(name, f"Die Datei ist ein Zip-Archiv, aber kein Word-Dokument. {SAVE_AS}")
    for part, content in members.items():
        if not part.lower().startswith("word/media/") and any(marker in content for marker in FORBIDDEN_XML):
            raise _refused(name, f"Die Datei enthält eine XML-Dokumenttypdeklaration ({part}); so etwas schreibt kein Textprogramm. Sie wird nicht eingelesen.")
    return members


def _refused(name: str, message: str) -> Refused:
    return Refused([f"{name}: {message}"])


def _safe_member(member: str) -> bool:
    parts = member.split("/")
    return not (
        member.startswith(("/", "\\"))
        or "\\" in member
        or ":" in member
        or "\x00" in member
        or any(part == ".." for part in parts)
    )


def _document(name: str, members: dict[str, bytes], data: bytes) -> Document:
    """The python-docx document, read from memory only (the members were checked above)."""
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds for a broken package; each means the same to the author
        raise _refused(name, f"Die Datei lässt sich nicht als Word-Dokument lesen. {SAVE_AS}") from None
