"""Check an entry's Markdown body: headings, links, images, forbidden HTML, Python-Markdown pitfalls.

Lines are scanned with code blocks and code spans blanked out, so examples in
code never trigger a message and line numbers stay those of the file. Active
HTML (scripts, embeds, forms, event handlers, style, javascript:/data: URLs) is
looked for three ways: per line, with an HTML tokenizer over the whole body
(tags spanning lines, entities, odd separators) and, as a net, in the body as
the site's Markdown extensions render it (attribute lists, reference links).

Kept rather than an allow-list sanitiser such as nh3 on the rendered body: the author needs the line
and the construct named in German, which a sanitiser's cleaned output does not tell.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown.extensions.toc import slugify as toc_slugify, unique as toc_unique

from . import html_blocks
from .model import Heading
from .sitemarkdown import SiteMarkdown
from .yamlnodes import shown

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
ATX_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
HEADING_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)])[ \t]+\S")
LIST_ITEM_STARTS = frozenset("-*+0123456789")  # what LIST_ITEM can find after the indentation
INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")  # [^1]: is a footnote
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
# A line that one of the line checks can match starts with one of these (heading, setext underline,
# list item, reference definition, all possibly indented) or holds "](" or "<" (inline link,
# autolink). Must stay a superset of those patterns.
CANDIDATE_STARTS = frozenset("#-*+= 0123456789[")
FORBIDDEN_TAGS = (
    "script|iframe|object|embed|form|input|button|textarea|select|style|link|meta|base|frame|frameset|applet|svg|math"
    "|template|noscript|portal|isindex"
)
FORBIDDEN_TAG = re.compile(rf"<\s*/?\s*({FORBIDDEN_TAGS})(?![\w-])", re.IGNORECASE)
# An event handler in a tag that the HTML parser never closes (`<img src=x onerror=…` at the end).
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^<>]*?[\s/\"'](on[a-zA-Z]+)\s*=", re.IGNORECASE)
# Python-Markdown's attr_list: `{: onclick="…" }` after a heading, paragraph or link sets HTML attributes.
ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n]*)\}")
ATTR_LIST_PAIR = re.compile(r"([^\s=}\"']+)[ ]*=[ ]*(\"[^\"]*\"|'[^']*'|[^\s}]+)")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background", "cite", "longdesc",
     "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive", "usemap", "icon"}
)
MEDIA_ATTRIBUTES = frozenset({"src", "srcset", "poster", "background", "lowsrc", "dynsrc"})
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
IMAGE_TYPES = ("png", "jpg", "jpeg", "webp")
REMOTE_PREFIXES = ("http://", "https://", "//")


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


def scan_body(body: str, first_line: int, site_markdown: SiteMarkdown) -> BodyScan:
    """Find headings and links and report what the site cannot show safely or correctly.

    site_markdown: the site's Markdown configuration, for the net under the line checks."""
    lines = blank_code(body.split("\n"))
    problems: list[tuple[int, str]] = []
    headings: list[Heading] = []
    links: list[Link] = []
    used_ids: set[str] = set()
    for index in _candidate_lines(lines):
        line = lines[index]
        previous = lines[index - 1] if index else ""
        number = first_line + index
        # Each pattern only where its first characters can be: most candidate lines are list items.
        first = line.lstrip(" ")[:1]
        heading = ATX_HEADING.match(line) if line[:1] == "#" else None
        if heading:
            level, text = len(heading.group(1)), heading.group(2)
            if level == 1:
                problems.append(
                    (number, "Überschriften erster Ebene (# …) setzt die Website selbst aus dem Titel. Beginnen Sie Abschnitte mit ## …")
                )
            custom = HEADING_ID.search(text) if "{" in text else None
            plain = _plain(text[: custom.start()] if custom else text)
            anchor = custom.group(1) if custom else toc_unique(toc_slugify(plain, "-"), used_ids)
            used_ids.add(anchor)
            headings.append(Heading(level, plain, anchor))
        elif first in ("=", "-") and SETEXT_UNDERLINE.match(line) and previous.strip() and not LIST_ITEM.match(previous):  # noqa: SIM102
            if (not previous.lstrip().startswith(("|", ">", "#")) and line.strip().startswith("=")) or (
                line.strip().startswith("-") and not previous.lstrip().startswith(("|", ">", "#", "!!!"))
            ):
                plain = _plain(previous)
                anchor = toc_unique(toc_slugify(plain, "-"), used_ids)
                used_ids.add(anchor)
                headings.append(Heading(1 if line.strip()[0] == "=" else 2, plain, anchor))
        if first in LIST_ITEM_STARTS:
            problems.extend((number, message) for message in _check_list_layout(previous, line))
        if "](" in line:
            for match in INLINE_LINK.finditer(line):
                links.append(Link(number, html.unescape(match.group(3)), match.group(1) == "!", match.group(2)))
        if "[" in line[:4]:
            definition = REFERENCE_DEFINITION.match(line)
            if definition:
                links.append(Link(number, html.unescape(definition.group(1)), False, ""))
        if "<" in line:
            for match in AUTOLINK.finditer(line):
                links.append(Link(number, html.unescape(match.group(1)), False, match.group(1)))
    problems.extend(_check_html(body, lines, first_line, links, site_markdown))
    problems.extend(_reserved(body, first_line))
    words = len(body.split())  # as word processors count, and cheaper than matching \w+ (README: measurements)
    return BodyScan(tuple(headings), tuple(links), tuple(dict.fromkeys(problems)), words)


def _reserved(body: str, first_line: int) -> list[tuple[int, str]]:
    # Checked in the raw body, code included: the site lifts marked blocks before Markdown sees code.
    if "mediathek:" not in body:
        return []
    return [
        (first_line + index, "Kommentare der Form „<!--mediathek:…-->“ sind für die Website reserviert. Entfernen Sie diesen Kommentar.")
        for index, line in enumerate(body.split("\n"))
        if html_blocks.RESERVED.search(line)
    ]


def _candidate_lines(lines: list[str]) -> list[int]:
    """Indexes of the lines the checks above can match at all, in order.

    Most lines of an entry are plain prose; skipping them with two substring tests and a look at
    the first character is what keeps validation of a large collection fast (a regular expression
    over the whole text, tried at every position, is far slower: README, measurements).
    """
    return [i for i, line in enumerate(lines) if line[:1] in CANDIDATE_STARTS or "](" in line or "<" in line]


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


def _check_html(body: str, lines: list[str], first_line: int, links: list[Link], site_markdown: SiteMarkdown) -> list[tuple[int, str]]:
    """Active HTML and unsafe URLs anywhere in the body: across lines, in attribute lists, after rendering.

    lines are the body's lines with code blanked out; the rendering net sees the body itself, so a
    construct that only looks like code to us is still judged by what the site makes of it.
    """
    text = "\n".join(lines)

    def line_of(offset: int) -> int:
        return first_line + text.count("\n", 0, offset)

    findings: list[tuple[int, tuple[str, str]]] = []
    for link in links:
        scheme = unsafe_scheme(link.target)
        if scheme:
            findings.append((link.line, ("scheme", scheme)))
    if "<" in text:  # tags and event handlers all need one
        for match in FORBIDDEN_TAG.finditer(text):
            findings.append((line_of(match.start()), ("tag", match.group(1).lower())))
        for match in EVENT_HANDLER.finditer(text):
            findings.append((line_of(match.start()), ("attribute", match.group(1).lower())))
        tags = _TagCollector()
        tags.feed(text)
        tags.close()
        for line, tag, attributes in tags.tags:
            for finding in _tag_findings(tag, attributes):
                findings.append((first_line + line - 1, finding))
    for match in ATTR_LIST.finditer(text) if "{" in text else ():
        for key, value in ATTR_LIST_PAIR.findall(match.group(1)):
            for finding in _attribute_findings("", key.lower(), value.strip("\"'")):
                findings.append((line_of(match.start()), finding))
    seen = {finding for _, finding in findings}
    if any(link.is_image and link.target.strip().lower().startswith(REMOTE_PREFIXES) for link in links):
        seen.add(("remote", "img"))  # the link check reports a Markdown image from a server, at its line
    for finding in _rendered_findings(body, site_markdown) if needs_rendering(body) else ():
        if finding not in seen:
            findings.append((_guess_line(lines, first_line, finding), finding))
    return list(dict.fromkeys((line, _message(finding)) for line, finding in sorted(findings)))


class _TagCollector(HTMLParser):
    """Start tags as a browser would tokenize them: (line, tag, attributes with entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((self.getpos()[0], tag, [(name, value or "") for name, value in attrs]))

    handle_startendtag = handle_starttag


def _tag_findings(tag: str, attributes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if FORBIDDEN_TAG.fullmatch(f"<{tag}"):
        return [("tag", tag)]  # one message is enough: the whole element goes
    findings = []
    for name, value in attributes:
        findings.extend(_attribute_findings(tag, name, value))
    return findings


def _attribute_findings(tag: str, name: str, value: str) -> list[tuple[str, str]]:
    if name.startswith("on"):
        return [("attribute", name)]
    if name == "style":
        return [("style", name)]
    if name not in URL_ATTRIBUTES:
        return []
    urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
    findings = []
    for url in urls:
        scheme = unsafe_scheme(html.unescape(url))
        if scheme:
            findings.append(("scheme", scheme))
        elif name in MEDIA_ATTRIBUTES and re.sub(r"[\x00-\x20]", "", url).lower().startswith(("http:", "https:", "//")):
            findings.append(("remote", tag or name))
    return findings


# Rendering is the bulk of validation, so most bodies skip it. Markdown only produces active HTML,
# foreign schemes or remote media from raw HTML (<, entities), attribute lists ({), a link
# destination with a scheme or on its own line; a body with none of these cannot need the net.
# Substring tests first, then patterns that start with a literal: far cheaper than one
# case-insensitive pattern with all of these (README, measurements).
_DATA_URL = re.compile(r"data\s*:")
_LINK_AT_LINE_END = re.compile(r"\]\s*\(\s*$", re.MULTILINE)
_EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=")


def needs_rendering(body: str) -> bool:
    if "<" in body or "&" in body or "{" in body or "://" in body:
        return True
    lowered = body.lower()
    return (
        "script" in lowered
        or bool(_DATA_URL.search(lowered))
        or bool(_LINK_AT_LINE_END.search(body))
        or ("=" in body and bool(_EVENT_ATTRIBUTE.search(lowered)))
    )


def _rendered_findings(text: str, site_markdown: SiteMarkdown) -> tuple[tuple[str, str], ...]:
    """What the site's Markdown makes of the body, checked like raw HTML: the net under the line checks."""
    converter = site_markdown.converter
    converter.reset()
    try:
        rendered = converter.convert(text)
    except Exception:  # noqa: BLE001 - a Markdown crash on hostile input is the author's problem, not ours
        return (("unrenderable", ""),)
    tags = _TagCollector()
    tags.feed(rendered)
    tags.close()
    return tuple(
        dict.fromkeys(
            finding
            for _, tag, attributes in tags.tags
            if not _is_task_checkbox(tag, attributes)
            for finding in _tag_findings(tag, attributes)
        )
    )


def _is_task_checkbox(tag: str, attributes: list[tuple[str, str]]) -> bool:
    """pymdownx.tasklist renders `- [x]` as a disabled checkbox; authors may not write one themselves."""
    names = {name for name, _ in attributes}
    return tag == "input" and ("type", "checkbox") in attributes and "disabled" in names and names <= {"type", "disabled", "checked"}


def _guess_line(lines: list[str], first_line: int, finding: tuple[str, str]) -> int:
    """The first line that mentions what rendering revealed; the body's first line if none does."""
    needle = finding[1].lower()
    for index, line in enumerate(lines):
        if needle and needle in re.sub(r"[\x00-\x20]", "", html.unescape(line)).lower():
            return first_line + index
    return first_line


def _message(finding: tuple[str, str]) -> str:
    kind, name = finding
    if kind == "tag":
        return (
            f"HTML-Element <{name}> ist nicht erlaubt. Schreiben Sie den Inhalt als Markdown; "
            "Skripte, eingebettete Seiten und Formulare können wir nicht veröffentlichen."
        )
    if kind == "attribute":
        return f"HTML-Attribut „{shown(name, 40)}“ ist nicht erlaubt: Es führt beim Lesen Programmcode aus. Entfernen Sie es."
    if kind == "style":
        return "HTML-Attribut „style“ ist nicht erlaubt. Die Gestaltung übernimmt die Website; entfernen Sie es."
    if kind == "scheme":
        return (
            f"Adressen mit „{shown(name, 40)}:“ sind nicht erlaubt. "
            "Verlinken Sie nur http(s)-Adressen, andere Einträge oder Dateien des Eintrags."
        )
    if kind == "remote":
        return (
            "Bilder und Medien von fremden Servern sind nicht erlaubt (sie würden die IP-Adresse der Lesenden "
            "weitergeben). Legen Sie die Datei in den Ordner des Eintrags."
        )
    return "Dieser Text lässt sich nicht als Markdown darstellen. Vereinfachen Sie die Auszeichnungen."


def _plain(text: str) -> str:
    """Heading text as the reader sees it (roughly what Python-Markdown gives toc)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return html.unescape(text).strip()


def blank_code(lines: list[str]) -> list[str]:
    if not any("`" in line or "~~~" in line for line in lines):
        return lines  # no fence and no code span: the common case
    result = []
    fence: str | None = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            opening = match.group(1)[0] * len(match.group(1))
            if not any(_closes(later, opening) for later in lines[index + 1 :]):
                # Python-Markdown shows an unclosed fence as text, and so any HTML after it: check that too.
                result.append(CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
                continue
            fence = opening
            result.append("")
            continue
        if fence is not None:
            if _closes(line, fence):
                fence = None
            result.append("")
            continue
        result.append(CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return result


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])
