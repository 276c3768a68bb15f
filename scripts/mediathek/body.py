"""Check an entry's Markdown body: headings, links, images, forbidden HTML, Python-Markdown pitfalls.

Lines are scanned with code blocks and code spans blanked out, so examples in
code never trigger a message and line numbers stay those of the file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify as toc_slugify, unique as toc_unique

from .model import Heading

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
ATX_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
HEADING_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)])[ \t]+\S")
INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
FORBIDDEN_TAG = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|form|input|button|textarea|select|style|link|meta|base|frame|frameset|applet|svg|math|template)\b",
    re.IGNORECASE,
)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-zA-Z]+)\s*=", re.IGNORECASE)
URL_ATTRIBUTE = re.compile(r"\b(?:href|src|action|formaction|xlink:href|srcset|poster)\s*=\s*[\"']?\s*([^\"'\s>]+)", re.IGNORECASE)
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
IMAGE_TYPES = ("png", "jpg", "jpeg", "webp")


@dataclass(frozen=True)
class Link:
    line: int
    target: str
    is_image: bool
    text: str


@dataclass(frozen=True)
class BodyScan:
    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    problems: tuple[tuple[int, str], ...]
    words: int


def scan_body(body: str, first_line: int) -> BodyScan:
    """Find headings and links and report what the site cannot show safely or correctly."""
    lines = _blank_code(body.split("\n"))
    problems: list[tuple[int, str]] = []
    headings: list[Heading] = []
    links: list[Link] = []
    used_ids: set[str] = set()
    previous = ""
    for index, line in enumerate(lines):
        number = first_line + index
        heading = ATX_HEADING.match(line)
        if heading:
            level, text = len(heading.group(1)), heading.group(2)
            if level == 1:
                problems.append(
                    (number, "Überschriften erster Ebene (# …) setzt die Website selbst aus dem Titel. Beginnen Sie Abschnitte mit ## …")
                )
            custom = HEADING_ID.search(text)
            text = HEADING_ID.sub("", text)
            anchor = custom.group(1) if custom else toc_unique(toc_slugify(_plain(text), "-"), used_ids)
            used_ids.add(anchor)
            headings.append(Heading(level, _plain(text), anchor))
        elif re.match(r"^ {0,3}(=+|-+)\s*$", line) and previous.strip() and not LIST_ITEM.match(previous):
            if not previous.lstrip().startswith(("|", ">", "#")) and line.strip().startswith("=") or (
                line.strip().startswith("-") and not previous.lstrip().startswith(("|", ">", "#", "!!!"))
            ):
                anchor = toc_unique(toc_slugify(_plain(previous), "-"), used_ids)
                used_ids.add(anchor)
                headings.append(Heading(1 if line.strip()[0] == "=" else 2, _plain(previous), anchor))
        problems.extend((number, message) for message in _check_list_layout(previous, line))
        problems.extend((number, message) for message in _check_html(line))
        for match in INLINE_LINK.finditer(line):
            links.append(Link(number, html.unescape(match.group(3)), match.group(1) == "!", match.group(2)))
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            links.append(Link(number, html.unescape(definition.group(1)), False, ""))
        for match in AUTOLINK.finditer(line):
            links.append(Link(number, html.unescape(match.group(1)), False, match.group(1)))
        previous = line
    words = len(re.findall(r"\w+", body))
    return BodyScan(tuple(headings), tuple(links), tuple(problems), words)


def unsafe_scheme(target: str) -> str | None:
    """The scheme of a URL if it is not one we allow (javascript:, data:, …), else None."""
    cleaned = re.sub(r"[\x00-\x20]", "", target)
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return match.group(1).lower()
    return None


def _check_list_layout(previous: str, line: str) -> list[str]:
    item = LIST_ITEM.match(line)
    if not item:
        return []
    indent = len(item.group(1))
    messages = []
    if indent % 4:
        messages.append(
            f"Dieser Listenpunkt ist um {indent} Leerzeichen eingerückt. Verschachtelte Listen brauchen genau "
            "4 Leerzeichen je Ebene, sonst erscheinen sie auf der Website falsch."
        )
    prev = previous.rstrip()
    if (
        prev.strip()
        and not LIST_ITEM.match(prev)
        and not ATX_HEADING.match(prev.lstrip())
        and not prev.lstrip().startswith(("|", ">", "!!!", "???", "<"))
        and len(prev) - len(prev.lstrip()) >= indent
        and not re.match(r"^ {0,3}(=+|-+|\*+|_+)\s*$", prev)
    ):
        messages.append(
            "Vor einer Liste muss eine Leerzeile stehen. Ohne sie zeigt die Website die Punkte als Fließtext."
        )
    return messages


def _check_html(line: str) -> list[str]:
    messages = []
    tag = FORBIDDEN_TAG.search(line)
    if tag:
        messages.append(
            f"HTML-Element <{tag.group(1).lower()}> ist nicht erlaubt. Schreiben Sie den Inhalt als Markdown; "
            "Skripte, eingebettete Seiten und Formulare können wir nicht veröffentlichen."
        )
    handler = EVENT_HANDLER.search(line)
    if handler:
        messages.append(f"HTML-Attribut „{handler.group(1)}“ ist nicht erlaubt. Entfernen Sie es.")
    for match in URL_ATTRIBUTE.finditer(line):
        scheme = unsafe_scheme(html.unescape(match.group(1)))
        if scheme:
            messages.append(f"Adressen mit „{scheme}:“ sind nicht erlaubt. Verlinken Sie nur http(s)-Adressen oder Dateien des Eintrags.")
    return messages


def _plain(text: str) -> str:
    """Heading text as the reader sees it (roughly what Python-Markdown gives toc)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return html.unescape(text).strip()


def _blank_code(lines: list[str]) -> list[str]:
    result = []
    fence: str | None = None
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            result.append("")
            continue
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            result.append("")
            continue
        result.append(CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return result
