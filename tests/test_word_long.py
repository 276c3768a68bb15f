"""A long group paper from Word (15,000 words, 40 headings, 6 tables, 8 figures, footnotes) imports, keeps its
heading hierarchy and passes the check with the real word limits; the site builds with it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mediathek.authoring.word import importer
from mediathek.content.contentmodel import load_content_model
from mediathek.pages import pipeline
from mediathek_bench import word


def test_a_long_paper_imports_with_its_hierarchy_and_passes_the_check(strict_repo, tmp_path):
    repo = strict_repo
    model = load_content_model(repo.projects, repo.root)
    document = word.long_paper(model, repo.projects)
    path = tmp_path / "lang.docx"
    document.save(str(path))
    word_levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading")]
    result = importer.prepare(path, word.GIVEN, model, repo.projects, dt.date(2026, 11, 26), None)
    index = importer.write(repo.root, result)
    body = index.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{2,6}) ", body, re.MULTILINE)]
    assert len(word_levels) == word.SUBHEADINGS and levels == [level + 1 for level in word_levels]
    assert len(re.findall(r"^\|---", body, re.MULTILINE)) == word.TABLES
    assert len(result.converted.images) == word.FIGURES and all(image.alt for image in result.converted.images)
    assert sorted(p.name for p in index.parent.iterdir()) == sorted(["index.md", *(i.name for i in result.converted.images)])
    assert re.search(r"^\[\^20\]: \S", body, re.MULTILINE)
    assert len(body.split()) > 14_000 and pipeline.check(repo.root).problems == []


@pytest.mark.build
def test_the_long_paper_builds_with_tables_figures_and_footnotes(capsys):
    assert word.main(["--build"]) == 0
    out = capsys.readouterr().out
    assert "(Rückgabe 0)" in out
    assert f"Seite: {word.TABLES} Tabellen, {word.FIGURES} Bilder mit Alternativtext, 20 Fußnotenverweise" in out
