"""Front matter as YAML nodes with line numbers, without PyYAML's type guessing.

We compose YAML into nodes and read scalars as the text the author wrote, so
`title: ja` stays the string „ja“ and `date: 2026-13-45` becomes a clear
message instead of an exception. Aliases, duplicate keys and non-text keys
are refused: authors never need them and they hide mistakes (or alias bombs).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:  # the C composer is about ten times faster; the pure one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_NODES = 2000
MAX_DEPTH = 20


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Value:
    """A front-matter value: str for scalars, list or dict of Values for collections."""

    data: object
    line: int
    tag: str = "str"  # for scalars: str, null, bool, int, float, timestamp (what YAML would make of it)
    quoted: bool = False

    @property
    def is_scalar(self) -> bool:
        return isinstance(self.data, str)

    @property
    def is_empty(self) -> bool:
        return self.is_scalar and self.tag == "null" and not self.quoted


def parse_mapping(text: str, first_line: int) -> dict[str, Value]:
    """Parse front matter text into a mapping of Values; lines are 1-based file lines."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + mark.line if mark else None
        raise YamlProblem(line, _describe_yaml_error(err)) from None
    except yaml.YAMLError as err:
        raise YamlProblem(None, f"Die Metadaten sind kein gültiges YAML ({err}).") from None
    except RecursionError:
        raise YamlProblem(first_line, "Die Metadaten sind zu tief verschachtelt.") from None
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise YamlProblem(
            first_line + node.start_mark.line,
            "Die Metadaten müssen aus Zeilen der Form „schlüssel: wert“ bestehen.",
        )
    return _convert(node, first_line, 0, set()).data


def _convert(node: yaml.Node, first_line: int, depth: int, seen: set[int]) -> Value:
    line = first_line + node.start_mark.line
    if id(node) in seen:  # the composer hands out the anchored node again for every alias
        raise YamlProblem(line, "Anker und Verweise (& und *) sind in den Metadaten nicht erlaubt.")
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise YamlProblem(line, f"Die Metadaten sind zu groß (mehr als {MAX_NODES} Werte).")
    if depth > MAX_DEPTH:
        raise YamlProblem(line, "Die Metadaten sind zu tief verschachtelt.")
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag.rsplit(":", 1)[-1]
        return Value(node.value, line, tag=tag, quoted=node.style in ("'", '"'))
    if isinstance(node, yaml.SequenceNode):
        return Value([_convert(item, first_line, depth + 1, seen) for item in node.value], line, tag="seq")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Value] = {}
        for key_node, value_node in node.value:
            key_line = first_line + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.rsplit(":", 1)[-1] not in ("str",):
                raise YamlProblem(key_line, "Ein Schlüssel muss ein einfaches Wort sein, zum Beispiel „title“.")
            key = key_node.value
            if key in result:
                raise YamlProblem(
                    key_line,
                    f"Der Schlüssel „{key}“ kommt doppelt vor (zuerst in Zeile {result[key].line}). "
                    "Löschen Sie eine der beiden Zeilen.",
                )
            value = _convert(value_node, first_line, depth + 1, seen)
            result[key] = Value(value.data, key_line, value.tag, value.quoted)
        return Value(result, line, tag="map")
    raise YamlProblem(line, "Unbekannter YAML-Inhalt.")  # pragma: no cover - composer makes only these


def _describe_yaml_error(err: yaml.MarkedYAMLError) -> str:
    problem = (err.problem or "").strip()
    if "found character '\\t'" in problem or "\\t" in problem:
        return "Die Metadaten enthalten ein Tabulatorzeichen. Rücken Sie in YAML nur mit Leerzeichen ein."
    if "mapping values are not allowed" in problem:
        return (
            "Die Metadaten sind kein gültiges YAML: ein Doppelpunkt mitten im Wert. "
            "Setzen Sie den Wert in Anführungszeichen, zum Beispiel title: \"Teil A: Teil B\"."
        )
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return "Die Metadaten sind kein gültiges YAML: Anker und Verweise (& und *) sind nicht erlaubt."
    if "could not find expected ':'" in problem:
        return "Die Metadaten sind kein gültiges YAML: In einer Zeile fehlt der Doppelpunkt nach dem Schlüssel."
    return (
        "Die Metadaten sind kein gültiges YAML. Prüfen Sie in dieser Zeile und der Zeile davor Einrückung, "
        "Anführungszeichen, Klammern und Doppelpunkte."
    )
