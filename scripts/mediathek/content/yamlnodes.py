"""Front matter as YAML nodes with line numbers, without PyYAML's type guessing.

We compose YAML into nodes and read scalars as the text the author wrote, so
`title: ja` stays the string „ja“ and `date: 2026-13-45` becomes a clear
message instead of an exception. Aliases, duplicate keys and non-text keys
are refused: authors never need them and they hide mistakes (or alias bombs).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import cast

import yaml

try:  # the C loader is much faster; the pure one behaves the same
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]  # the pure loader, used the same way

MAX_NODES = 2000
MAX_DEPTH = 20
# Tags the resolver gives plain YAML; anything else was written explicitly (!!binary, !!python/…, !local).
PLAIN_TAGS = frozenset({"str", "null", "bool", "int", "float", "timestamp", "seq", "map"})
SHOWN_LENGTH = 80


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Value:
    """A front-matter value: str for scalars, list or dict of Values for collections."""

    data: str | list[Value] | dict[str, Value]
    line: int
    tag: str = "str"  # for scalars: str, null, bool, int, float, timestamp (what YAML would make of it)
    quoted: bool = False

    @property
    def is_scalar(self) -> bool:
        return isinstance(self.data, str)

    @property
    def text(self) -> str:
        """The scalar's text, for callers that checked is_scalar."""
        return cast(str, self.data)

    @property
    def is_empty(self) -> bool:
        return self.is_scalar and self.tag == "null" and not self.quoted


def shown(text: str, limit: int = SHOWN_LENGTH) -> str:
    """Author text as it may appear inside a message: one line, no control characters, not too long.

    Messages go to terminals and CI logs; a value with escape sequences or a
    megabyte of text must neither garble them nor drown the hint.
    """
    visible = "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn") and c != "\t" else c
        for c in text
    )
    visible = " ".join(visible.split())
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"


def parse_mapping(text: str, first_line: int) -> dict[str, Value]:
    """Parse front matter text into a mapping of Values; lines are 1-based file lines."""
    value = parse_document(text, first_line)
    if value is None:
        return {}
    if not isinstance(value.data, dict):
        raise YamlProblem(value.line, "Die Metadaten müssen aus Zeilen der Form „schlüssel: wert“ bestehen.")
    return value.data


def parse_document(text: str, first_line: int, subject: str = "Die Metadaten", max_nodes: int = MAX_NODES) -> Value | None:
    """Parse a YAML document into Values (None if it is empty); lines are 1-based file lines.

    subject names the text in messages: „Die Metadaten“ of an entry, „Die Datei“ of a data file.
    """
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as err:
        line, message = _describe_yaml_error(err, text)
        raise YamlProblem(None if line is None else first_line + line, _subject(message, subject)) from None
    except yaml.reader.ReaderError as err:
        position = err.position if isinstance(err.position, int) else 0
        character = err.character if isinstance(err.character, int) else ord(str(err.character or "?")[:1] or "?")
        raise YamlProblem(
            first_line + text[:position].count("\n"),
            _subject(f"Die Metadaten enthalten ein unsichtbares Steuerzeichen (U+{character:04X}). Löschen Sie es.", subject),
        ) from None
    except yaml.YAMLError:
        raise YamlProblem(first_line, _subject(_GENERIC, subject)) from None
    except RecursionError:
        raise YamlProblem(first_line, _subject(_TOO_DEEP, subject)) from None
    if node is None:
        return None
    try:
        return _convert(node, first_line, 0, set(), max_nodes=max_nodes)
    except YamlProblem as problem:
        raise YamlProblem(problem.line, _subject(problem.message, subject)) from None


def _subject(message: str, subject: str) -> str:
    """The same explanation for a data file as for an entry's front matter."""
    if subject == "Die Metadaten":
        return message
    return (
        message.replace("Die Metadaten sind", f"{subject} ist")
        .replace("Die Metadaten enthalten", f"{subject} enthält")
        .replace("in den Metadaten", "in dieser Datei")
        .replace("in die Metadaten", "in diese Datei")
    )


def _convert(
    node: yaml.Node, first_line: int, depth: int, seen: set[int], used_at: int | None = None, max_nodes: int = MAX_NODES
) -> Value:
    """used_at: the line that refers to node (an alias points back to where its anchor was written)."""
    line = first_line + node.start_mark.line
    if id(node) in seen:  # the composer hands out the anchored node again for every alias
        raise YamlProblem(used_at or line, "Anker und Verweise (& und *) sind in den Metadaten nicht erlaubt.")
    seen.add(id(node))
    if len(seen) > max_nodes:
        raise YamlProblem(line, f"Die Metadaten sind zu groß (mehr als {max_nodes} Werte).")
    if depth > MAX_DEPTH:
        raise YamlProblem(line, _TOO_DEEP)
    tag = node.tag.removeprefix("tag:yaml.org,2002:")
    if tag not in PLAIN_TAGS:
        written = f"!!{tag}" if tag != node.tag else node.tag
        raise YamlProblem(
            line,
            f"YAML-Typangaben wie „{shown(written, 40)}“ sind in den Metadaten nicht erlaubt. "
            "Schreiben Sie nur den Wert, Text am besten in Anführungszeichen.",
        )
    if isinstance(node, yaml.ScalarNode):
        return Value(node.value, line, tag=tag, quoted=node.style in ("'", '"'))
    if isinstance(node, yaml.SequenceNode):
        return Value([_convert(item, first_line, depth + 1, seen, line, max_nodes) for item in node.value], line, tag="seq")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Value] = {}
        for key_node, value_node in node.value:
            key_line = first_line + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise YamlProblem(key_line, "Ein Schlüssel muss ein einfaches Wort sein, zum Beispiel „title“.")
            key = key_node.value
            if key in result:
                raise YamlProblem(
                    key_line,
                    f"Der Schlüssel „{shown(key)}“ kommt doppelt vor (zuerst in Zeile {result[key].line}). "
                    "Löschen Sie eine der beiden Zeilen.",
                )
            value = _convert(value_node, first_line, depth + 1, seen, key_line, max_nodes)
            result[key] = Value(value.data, key_line, value.tag, value.quoted)
        return Value(result, line, tag="map")
    raise YamlProblem(line, "Unbekannter YAML-Inhalt.")  # pragma: no cover - composer makes only these


_GENERIC = (
    "Die Metadaten sind kein gültiges YAML. Prüfen Sie in dieser Zeile und der Zeile davor Einrückung, "
    "Anführungszeichen, Klammern und Doppelpunkte."
)
_TOO_DEEP = "Die Metadaten sind zu tief verschachtelt."


def _describe_yaml_error(err: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """(0-based line in text, German message) for PyYAML's English error."""
    problem = (err.problem or "").strip()
    context = (err.context or "").strip()
    mark = err.problem_mark or err.context_mark
    line = mark.line if mark else None
    lines = text.split("\n")
    here = lines[line] if line is not None and line < len(lines) else ""
    if "\\t" in problem or "tab character" in problem or (
        "cannot start any token" in problem and "\t" in here[: (mark.column if mark else 0) + 1]
    ):
        return line, "Die Metadaten enthalten ein Tabulatorzeichen. Rücken Sie in YAML nur mit Leerzeichen ein."
    if "nesting depth" in problem:
        return line, _TOO_DEEP
    if "mapping values are not allowed" in problem:
        return line, (
            "Die Metadaten sind kein gültiges YAML: ein Doppelpunkt mitten im Wert. "
            "Setzen Sie den Wert in Anführungszeichen, zum Beispiel title: \"Teil A: Teil B\"."
        )
    if "alias" in problem or "anchor" in problem or "anchor" in context or "found unhashable key" in problem:
        return line, "Die Metadaten sind kein gültiges YAML: Anker und Verweise (& und *) sind nicht erlaubt."
    if "could not find expected ':'" in problem:
        return line, "Die Metadaten sind kein gültiges YAML: In einer Zeile fehlt der Doppelpunkt nach dem Schlüssel."
    start = err.context_mark.line if err.context_mark else line
    if "quoted scalar" in context:
        return start, (
            "Die Metadaten sind kein gültiges YAML: Ein Anführungszeichen in dieser Zeile wird nicht geschlossen. "
            "Setzen Sie am Ende des Werts dasselbe Anführungszeichen wie am Anfang."
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[ ]" if "sequence" in context else "{ }"
        return start, (
            f"Die Metadaten sind kein gültiges YAML: Eine Klammer {bracket} in dieser Zeile wird nicht richtig "
            "geschlossen. Trennen Sie die Werte mit Kommas und schließen Sie die Klammer in derselben Zeile."
        )
    if "single document" in problem or "document" in context:
        return line, (
            "Die Metadaten sind kein gültiges YAML: Eine Zeile, die mit --- oder ... beginnt, gehört nicht in die "
            "Metadaten."
        )
    return line, _GENERIC
