"""Property: an entry that `make check` accepts builds with the strict site build.

Entries are generated from the content model (types, fields, allowed values, sections) with
bodies that hold what authors write: links to their own files, to other entries and their
sections, images, lists, tables, admonitions, comments, glossary terms. Each example is a small
collection, checked; what the check accepts is built strictly in a scratch copy of the
repository. So every strict-build failure an entry can cause must be caught by the check first,
in German, with file and line.

Derandomized by default (MEDIATHEK_PROPERTY_COLLECTIONS collections of COLLECTION_SIZE entries,
always the same); HYPOTHESIS_PROFILE=thorough draws new ones.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from conftest import REPO, copy_checkout
from mediathek.content.contentmodel import load_content_model
from mediathek.pages import pipeline

pytestmark = pytest.mark.build  # whole-site builds: left out by make test-fast

COLLECTION_SIZE = 20
COLLECTIONS = int(os.environ.get("MEDIATHEK_PROPERTY_COLLECTIONS", "12"))
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
MODEL = load_content_model(REPO / "projects", REPO)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
WORDS = ("Netzwerk", "Schule", "Betrieb", "Förderung", "Ausbildung", "Straße", "Kooperation", "Übergang", "Vertrauen", "Jahr")
ODD_TEXT = ("a < b", "C++ & Co.", "#Hashtag", "100 %", "„Zitat“", "x * y", "_unterstrich_", "1. Januar", "e-Mail", "Ä/Ö/Ü")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return copy_checkout(tmp_path_factory.mktemp("eigenschaft"), entries=False)


def words(count: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(count))


@st.composite
def piece(draw, slug: str, others: tuple[str, ...], has_image: bool) -> str:
    """One block of Markdown an author might write that the site can show."""
    word = draw(st.sampled_from(WORDS))
    other = draw(st.sampled_from(others)) if others else slug
    glossary = draw(st.sampled_from([term.term for term in MODEL.glossary] or ["MINT"]))
    valid = [
        f"{word} {draw(st.sampled_from(ODD_TEXT))} **{glossary}** und *{word}* mit `{word}`.",
        f"Siehe [{word}]({draw(st.sampled_from(('plan.pdf', './plan.pdf', f'../{slug}/plan.pdf')))}).",
        f"Siehe [{word}](../{other}/index.md) und [{word}](../{other}/plan.pdf).",
        f"Mehr unter [{word}](https://example.org/a?b=c&d=e), <https://example.org> oder [E-Mail](mailto:info@example.org).",
        f"{word}:\n\n- {word}\n- {glossary}\n    - {word}",
        f"1. {word}\n2. {word}",
        f"| {word} | Wert |\n|---|---|\n| {glossary} | 1 |",
        f'!!! note "{word}"\n    {word} {glossary}.',
        f'??? info "{word}"\n    {word}.',
        f"### {word}\n\n{word}.",
        f"<!-- {word} -->\n{word}.",
        f"- [ ] {word}\n- [x] {glossary}",
        f"<kbd>Strg</kbd> {word}",
    ]
    if has_image:
        valid.append(f"![{word}]({draw(st.sampled_from(('bild.png', './bild.png')))})")
    return draw(st.sampled_from(valid))


@st.composite
def risky_piece(draw, others: tuple[str, ...]) -> str:
    """A block of the kind that breaks pages when the check lets it through."""
    word = draw(st.sampled_from(WORDS))
    other = draw(st.sampled_from(others))
    return draw(st.sampled_from([
        f"Siehe [{word}]({draw(st.sampled_from(('../plan.pdf', 'fehlt.pdf', '/plan.pdf', f'../{other}/fehlt.pdf')))}).",
        f"Siehe [{word}]({draw(st.sampled_from((f'../{other}/', f'../{other}', f'{other}/index.md', f'../{other}/index.md')))}"
        f"{draw(st.sampled_from(('', '#ausgangslage', '#vorgehen', '#zusammenfassung', '#gibt-es-nicht')))}).",
        f"Siehe [{word}]({draw(st.sampled_from(('#ausgangslage', '#vorgehen', '#gibt-es-nicht', '#')))}).",
        f"![{draw(st.sampled_from((word, '')))}]({draw(st.sampled_from(('bild.png', '../bild.png', 'fehlt.png', 'https://example.org/b.png')))})",
        f"{word}:\n- {word}\n  - {word}",
        f"### {word}",
        f"# {word}\n\n{word}.",
    ]))


def front_matter_value(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(front_matter_value(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


@st.composite
def entry(draw, slug: str, number: int, others: tuple[str, ...]) -> tuple[str, dict[str, bytes]]:
    """(index.md, files beside it) from the content model."""
    kind = draw(st.sampled_from(sorted(MODEL.types)))
    entry_type = MODEL.types[kind]
    fields: dict[str, object] = {
        "title": f"{draw(st.sampled_from(WORDS))} {draw(st.sampled_from(ODD_TEXT))} {number}",
        "description": draw(st.sampled_from(("Kurz.", "Wie ein Netzwerk: Schritt für Schritt.", "Mit „Zitat“ & mehr"))),
        "date": draw(st.sampled_from(("2026-11-26", "2021-02-28"))),
        "type": kind,
        "topics": draw(st.lists(st.sampled_from(sorted(MODEL.topics)), min_size=1, max_size=3, unique=True)),
        "tags": draw(
            st.lists(
                st.sampled_from(sorted({name for tag in MODEL.tags.values() for name in (tag.label, *tag.synonyms)})),
                min_size=1,
                max_size=4,
                unique_by=str.casefold,
            )
        ),
        "authors": draw(st.sampled_from((["Redaktion der Wissenssammlung"], ["Anna Beispiel", "Ben Muster"]))),
    }
    for name, spec in MODEL.fields.items():
        if spec.only_for is not None and kind in spec.only_for and spec.values:
            fields[name] = draw(st.sampled_from(MODEL.allowed_values(spec.values)))
    files = {"plan.pdf": PDF}
    if not draw(st.booleans()):
        files["bild.png"] = PNG
    lines = ["---", *(f"{key}: {front_matter_value(value) if key != 'date' else value}" for key, value in fields.items())]
    if draw(st.booleans()):
        lines += ["attachments:", "  - file: plan.pdf", '    title: "Der Plan"']
    lines += ["---", ""]
    sections = [name for name in entry_type.sections if name in entry_type.required_sections or draw(st.integers(0, 9)) < 9]
    # Half the entries hold one risky block: the check must refuse it, or the site must show it.
    risky_in = draw(st.integers(0, 2 * len(sections) - 1))
    filler = entry_type.min_words // max(1, len(sections)) + 5
    for index, name in enumerate(sections):
        lines += [f"## {name}", ""]
        if index == risky_in:
            lines += [draw(risky_piece(others)), ""]
        for block in draw(st.lists(piece(slug, others, "bild.png" in files), min_size=1, max_size=3)):
            lines += [block, ""]
        if draw(st.integers(0, 19)) < 19:
            lines += [words(filler), ""]
    return "\n".join(lines), files


@st.composite
def collection(draw) -> dict[str, tuple[str, dict[str, bytes]]]:
    slugs = tuple(f"eintrag-{number}" for number in range(COLLECTION_SIZE))
    return {slug: draw(entry(slug, number, slugs[:number] + slugs[number + 1 :])) for number, slug in enumerate(slugs)}


def write(root: Path, entries: dict[str, tuple[str, dict[str, bytes]]]) -> None:
    for folder in (root / "projects").iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)
    for slug, (text, files) in entries.items():
        (root / "projects" / slug).mkdir()
        (root / "projects" / slug / "index.md").write_text(text, encoding="utf-8")
        for name, data in files.items():
            (root / "projects" / slug / name).write_bytes(data)


def accepted(root: Path, entries: dict[str, tuple[str, dict[str, bytes]]]) -> tuple[dict[str, tuple[str, dict[str, bytes]]], list[str]]:
    """The entries the check accepts once the refused ones are gone (a link to a refused entry is then refused too)."""
    messages: list[str] = []
    while True:
        write(root, entries)
        result = pipeline.check(root)
        messages += [str(problem) for problem in result.problems]
        refused = {problem.path.split("/")[1] for problem in result.problems}
        if not refused:
            return entries, messages
        entries = {slug: value for slug, value in entries.items() if slug not in refused}


@settings(
    max_examples=COLLECTIONS,
    derandomize=not THOROUGH,
    database=None,
    deadline=None,
    print_blob=True,
    # A failing example is reported as drawn: shrinking would build the site hundreds of times.
    phases=[Phase.explicit, Phase.generate] if not THOROUGH else list(Phase),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_entry_the_check_accepts_builds_strictly(scratch, data):
    kept, messages = accepted(scratch, data.draw(collection(), label="entries"))
    for message in messages:
        path, _, text = message.partition(": ")
        assert path.startswith("projects/eintrag-") and text and "Traceback" not in text, message
    if not kept:
        return
    site = scratch / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mediathek", "build", "--site-dir", str(site)],
        cwd=scratch,
        env={**os.environ, "PYTHONPATH": str(scratch / "scripts"), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0 and "WARNING" not in log, log + "\n\n" + "\n\n".join(text for text, _ in kept.values())
    for slug in kept:
        assert (site / "mediathek" / slug / "index.html").is_file(), slug
