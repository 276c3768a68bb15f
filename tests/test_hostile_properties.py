"""Property-based: whatever an entry contains, the check answers in German with file and line and never crashes.

Profiles: `ci` (the default: 2,000 examples over all properties, derandomized and without example
database, so every run tries the same examples) and `thorough` (random, 50,000 examples):
    HYPOTHESIS_PROFILE=thorough make test
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import REPO, VALID_EXAMPLE, VALID_PAPER, copy_content_model
from mediathek import __main__ as cli
from mediathek.content.body import scan_body, unsafe_scheme
from mediathek.content.contentmodel import load_content_model
from mediathek.content.sitemarkdown import SiteMarkdown
from mediathek.pages import pipeline

SITE_MARKDOWN = SiteMarkdown.of_site(REPO)  # the site's extensions, mediathek.site.markdown_ext included

settings.register_profile(
    "ci",
    max_examples=400,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile(
    "thorough",
    max_examples=10_000,  # x (0.75 + 1.25 + 1.25 + 0.5 + 1.25) = 50,000 examples
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def scaled(share: float) -> settings:
    """The chosen profile with a share of its examples, for the slower properties."""
    return settings(PROFILE, max_examples=max(20, int(PROFILE.max_examples * share)))


# Words PyYAML, Python and Markdown put into their (English) errors; none may reach an author.
ENGLISH = re.compile(
    r"\b(found|expected|while|could not|error|Error|Exception|Traceback|line \d|column|mapping|scalar|token|None|"
    r"unacceptable|character|reader|stream)\b"
)
GERMAN = re.compile(
    r"\b(Sie|nicht|ist|sind|der|die|das|den|dem|und|oder|ein|eine|jeder|muss|braucht|gibt|fehlt|Datei|Metadaten|"
    r"erlaubt|keine?|Zeile|Wert)\b",
    re.IGNORECASE,
)


def assert_well_formed(problems, text_lines: int) -> None:
    for problem in problems:
        assert problem.path == "projects" or problem.path.startswith("projects/"), problem
        assert problem.line is None or 1 <= problem.line <= text_lines + 1, problem
        message = problem.message
        assert "\n" not in message and "\r" not in message, problem
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", message), problem
        assert len(message) < 1200, problem
        outside_quotes = re.sub(r"„[^“]*“", "„…“", message)
        assert GERMAN.search(outside_quotes), problem
        assert not ENGLISH.search(outside_quotes), problem


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """One scratch repository for all examples; the content model is read once (the properties are about entries)."""
    root = tmp_path_factory.mktemp("fuzz")
    copy_content_model(root / "projects", word_limits=False)
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    model = load_content_model(root / "projects", root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "load_content_model", lambda projects, repo_root: model)
        patch.chdir(root)
        yield root


def check_bytes(root: Path, data: bytes, *, also_cli: bool = True):
    """Write data as the only entry's index.md, run the check (and the command line), return the result."""
    folder = root / "projects" / "eintrag"
    folder.mkdir(exist_ok=True)
    (folder / "index.md").write_bytes(data)
    result = pipeline.check(root)
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    assert_well_formed(result.problems, lines)
    assert bool(result.problems) != bool(result.entries), result
    if also_cli:  # what `python -m mediathek check` runs, on the same result (argparse setup is slow)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.MonkeyPatch.context() as patch:
            patch.setattr(cli.pipeline, "check", lambda root, parallel=False, memo=None: result)
            code = cli.cmd_check(root, argparse.Namespace())
        assert code == (1 if result.problems else 0), err.getvalue()
        assert "Traceback" not in err.getvalue(), err.getvalue()
    return result


# --- strategies ---------------------------------------------------------------------------------------------

YAML_TRAPS = (
    "ja", "nein", "no", "on", "off", "yes", "y", "n", "true", "False", "~", "null", "", "''", '""',
    "2026-11-26", "2026-13-45", "2026-02-30", "2026-11-26T10:00:00", "2026-11-26 10:00", "26.11.2026", "2026-1-5",
    "0x1F", "0o17", "1e3", ".inf", ".nan", "-0", "1_000",
    "!!binary aGk=", "!foo x", "!!python/object/apply:os.system [ls]", "!!str 5", "!!set {a, b}",
    "&a x", "*a", "[*a, *a]", "&a [*a]", "{a: 1}", "[a, [b, [c]]]", "{x: {y: {z: 1}}}",
    "|\n  Block", ">-\n  gefaltet", '"offen', "'offen", "[", "{", "]", "}", "a: b", "x # Kommentar", "\t", "\ttab",
    "---", "...", "? x", "<<: *a", "\n  - a\n  - b", '"\\x00"', '"\\u202e"', '"\\x1b[2J"', "%YAML 1.1", "@x", "`x",
    "Teil A: Teil B", '"<script>alert(1)</script>"', "'{{ 7*7 }}'", "[x](javascript:alert(1))",
)
FIELD_NAMES = (
    "title", "description", "date", "type", "topics", "tags", "authors", "license", "bundesland", "organisation",
    "network", "attachments", "Title", "tgas", "1", "true", "null", "? [a]", "<<", "\"a\nb\"", "ja", "on",
)
any_text = st.text(st.characters(codec="utf-8"), max_size=40)
scalar = st.one_of(st.sampled_from(YAML_TRAPS), any_text)


def nest(depth: int, kind: str) -> str:
    """Deep flow or block nesting, or an alias bomb."""
    if kind == "flow-list":
        return "[" * depth + "x" + "]" * depth
    if kind == "flow-map":
        return "{a: " * depth + "x" + "}" * depth
    if kind == "block":
        return "".join("\n" + "  " * (i + 1) + "- " for i in range(min(depth, 200))) + "x"
    levels = min(depth, 12)
    lines = ["&l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"&l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "[" + ", ".join(lines) + "]"


nested = st.builds(nest, st.integers(1, 3000), st.sampled_from(["flow-list", "flow-map", "block", "bomb"]))
# Built once: strategies made inside a composite are rebuilt and revalidated for every example.
key = st.one_of(st.sampled_from(FIELD_NAMES), any_text)
value = st.one_of(scalar, nested, st.lists(scalar, max_size=4).map(", ".join).map("[{}]".format))
indent = st.sampled_from(["", "", "", " ", "  ", "\t"])
front_matter_line = st.tuples(indent, key, value).map(lambda parts: f"{parts[0]}{parts[1]}: {parts[2]}")
front_matter = st.lists(front_matter_line, max_size=8).map("\n".join)


BODY_PIECES = (
    "## Abschnitt", "# Titel", "Absatz mit *Betonung*.", "- Punkt\n- Punkt", "Text\n- Liste ohne Leerzeile",
    "  - zwei Leerzeichen", "---", "***", "===", "```\n<script>x</script>\n", "```\ncode\n```", "`<iframe>`",
    "[Link](https://example.org)", "[kaputt](../fehlt/index.md)", "[Anker](#abschnitt)", "![](bild.png)",
    "![Alt](https://example.org/x.png)", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))", "[x][r]\n\n[r]: javascript:alert(1)", "<a href='data:text/html,x'>x</a>",
    "{: onclick=x }", "| a | b |\n|---|---|\n| 1 | 2 |", "!!! note\n    Hinweis", "<div markdown=\"1\">\n*x*\n</div>",
    "\u202eumgedreht", "\x1b[31mrot", "\ufeff", "\u2028", "&#106;avascript:", "{{ 7*7 }}", "{% raw %}",
)
body = st.lists(st.one_of(st.sampled_from(BODY_PIECES), any_text), max_size=8).map("\n".join)
LINE_ENDS = ("\n", "\r\n", "\r")
line_ends = st.sampled_from(LINE_ENDS)
scalar_or_nested = st.one_of(scalar, nested)
shapes = st.sampled_from(["normal", "normal", "only-front-matter", "unclosed", "no-front-matter", "second-dashes", "empty"])
empty_files = st.sampled_from(["", "\n", " \n\t", "\ufeff"])
mutations = st.sampled_from(["value", "value", "value", "insert", "delete", "duplicate", "splice", "body"])
bases = st.sampled_from([VALID_PAPER, VALID_EXAMPLE.replace("(../eine-projektarbeit/index.md#zusammenfassung)", "(#ausgangslage)")])


@st.composite
def entry_file(draw) -> bytes:
    """A whole index.md: front matter (or not), body, line ends, byte-order mark."""
    shape = draw(shapes)
    fm, text_body = draw(front_matter), draw(body)
    text = {
        "normal": f"---\n{fm}\n---\n{text_body}\n",
        "only-front-matter": f"---\n{fm}\n---",
        "unclosed": f"---\n{fm}\n{text_body}",
        "no-front-matter": text_body,
        "second-dashes": f"---\n{fm}\n---\n{text_body}\n---\n{fm}\n---\n",
        "empty": draw(empty_files),
    }[shape]
    text = text.replace("\n", draw(line_ends))
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data


@st.composite
def mutated_entry(draw) -> bytes:
    """A valid entry with a few mutations: most examples get past YAML and reach the field and body checks."""
    text = draw(bases)
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(mutations)
        at = draw(st.integers(0, len(lines) - 1))
        if op == "value" and ":" in lines[at]:
            lines[at] = lines[at].split(":", 1)[0] + ": " + draw(scalar_or_nested)
        elif op == "insert":
            lines.insert(at, draw(key) + ": " + draw(scalar))
        elif op == "delete" and len(lines) > 1:
            del lines[at]
        elif op == "duplicate":
            lines.insert(at, lines[at])
        elif op == "splice":
            position = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:position] + draw(any_text) + lines[at][position:]
        elif op == "body":
            lines.append(draw(body))
    text = "\n".join(lines).replace("\n", draw(line_ends))
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8", "surrogatepass")


# --- properties ---------------------------------------------------------------------------------------------


@scaled(0.75)
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_index_md(scratch, data):
    check_bytes(scratch, data)


@scaled(1.25)
@given(data=entry_file())
def test_arbitrary_yaml_front_matter_and_bodies(scratch, data):
    check_bytes(scratch, data)


@scaled(1.25)
@given(data=mutated_entry())
def test_mutated_valid_entries(scratch, data):
    result = check_bytes(scratch, data)
    for entry in result.entries:  # what passes is what the templates expect
        assert isinstance(entry.title, str) and entry.title == " ".join(entry.title.split()) and entry.title
        assert all(isinstance(a, str) and a for a in entry.authors)


@scaled(0.5)
@given(value=scalar)
def test_yaml_1_1_words_and_dates_where_text_is_expected(scratch, value):
    """Every YAML trap as title: the title is then the author's text exactly, or a German message."""
    quoted = VALID_PAPER.replace('title: "Eine Projektarbeit"', "title: " + value)
    result = check_bytes(scratch, quoted.encode("utf-8", "surrogatepass"), also_cli=False)
    if result.entries:
        assert result.entries[0].title == " ".join(result.entries[0].title.split())


# An oracle independent of the validator's own HTML scan: what a browser would run.
ACTIVE = re.compile(r"<\s*(script|iframe|object|embed|form|svg|math|base|meta|link|style)\b|<[^>]*\son[a-z]+\s*=", re.I)
URL_ATTRIBUTE_NAMES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}
HOSTILE_BODY_PIECES = (
    "<script>a()</script>", "<SCRIPT SRC=//x>", "<scr\nipt>", "<img src=x onerror=a()>", "<img\nsrc=x\nonerror=a()>",
    "<IMG SRC=x OnErRoR=a()>", "<img src=x onerror\n=a()>", "<a href='javascript:a()'>x</a>",
    "<a href=\"&#106;avascript:a()\">x</a>", "<a href=\"java&#x09;script:a()\">x</a>", "<a href=\"JaVaScRiPt:a()\">x</a>",
    "<a href=\" javascript:a()\">x</a>", "[x](javascript:a())", "[x](JAVASCRIPT:a())", "[x]( javascript:a() )",
    "[x](<javascript:a()>)", "[x](&#x6A;avascript:a())", "[x\ny](javascript:a())", "[x][r]\n\n[r]: javascript:a()",
    "[x][r]\n\n[r]:\n    javascript:a()", "[x]\n\n[x]: data:text/html,<script>a()</script>", "<javascript:a()>",
    "![x](data:image/svg+xml,<svg onload=a()>)", "## T {: onclick=a() }", "Absatz\n{: onmouseover=\"a()\" }",
    "[x](https://example.org){: onclick=a() }", "<iframe src=x></iframe>", "<object data=x>", "<embed src=x>",
    "<form action=x><button>b</button></form>", "<svg/onload=a()>", "<details open ontoggle=a()>",
    "<div markdown=\"1\">\n[x](javascript:a())\n</div>", "!!! note \"<img src=x onerror=a()>\"\n    x",
    "<a href=x title='>' onclick=a()>x</a>", "<img/src=x/onerror=a()>", "<style>*{}</style>", "<p style=\"x\">p</p>",
    "`<script>`", "```\n<script>a()</script>\n```", "&lt;script&gt;", "Text", "\n", "- [x] fertig",
)


@scaled(1.25)
@given(pieces=st.lists(st.sampled_from(HOSTILE_BODY_PIECES), min_size=1, max_size=4), joiner=st.sampled_from(["\n", "\n\n", " "]))
def test_hostile_bodies_are_refused_or_inert(pieces, joiner):
    text = joiner.join(pieces)
    scan = scan_body(text, 10, SITE_MARKDOWN)
    assert all(10 <= line <= 10 + text.count("\n") for line, _ in scan.problems), scan.problems
    if scan.problems:
        return
    rendered = SITE_MARKDOWN.converter.reset().convert(text)
    assert not ACTIVE.search(rendered), rendered
    urls = _UrlAttributes()
    urls.feed(rendered)
    urls.close()
    for value in urls.values:
        assert unsafe_scheme(value) is None, rendered


class _UrlAttributes(HTMLParser):
    """URL attribute values of the rendered HTML, entities decoded (text inside <code> is not an attribute)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.values += [value or "" for key, value in attrs if key in URL_ATTRIBUTE_NAMES]
