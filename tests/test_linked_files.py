"""Generated files reach the site as hard links, and neither tree is ever written through the other."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from mkdocs_hooks import _LinkedFile


def linked_file(tmp_path: Path) -> tuple[_LinkedFile, Path, Path]:
    pages, site = tmp_path / "pages", tmp_path / "site"
    (pages / "mediathek" / "x").mkdir(parents=True)
    source = pages / "mediathek" / "x" / "zitat.bib"
    source.write_text("@misc{x}\n", encoding="utf-8")
    return _LinkedFile("mediathek/x/zitat.bib", str(pages), str(site), True), source, site / "mediathek" / "x" / "zitat.bib"


def test_a_generated_file_is_linked_into_the_site(tmp_path):
    file, source, output = linked_file(tmp_path)
    file.copy_file()
    assert output.read_text(encoding="utf-8") == "@misc{x}\n"
    assert os.path.samefile(source, output)


def test_a_file_left_in_the_site_is_replaced_not_written_through(tmp_path):
    file, source, output = linked_file(tmp_path)
    older = tmp_path / "older.bib"
    older.write_text("alt\n", encoding="utf-8")
    output.parent.mkdir(parents=True)
    os.link(older, output)  # as an earlier build would have left it
    file.copy_file()
    assert output.read_text(encoding="utf-8") == "@misc{x}\n"
    assert older.read_text(encoding="utf-8") == "alt\n"


def test_without_hard_links_the_file_is_copied(tmp_path, monkeypatch):
    file, source, output = linked_file(tmp_path)

    def cross_device(*args):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    file.copy_file()
    assert output.read_text(encoding="utf-8") == "@misc{x}\n"
    assert not os.path.samefile(source, output)


@pytest.mark.parametrize("name", ["zitat.bib", "zitat.ris"])
def test_the_built_site_has_every_citation_file(built_site, name):
    entries = [folder for folder in (built_site / "mediathek").iterdir() if (folder / "index.html").is_file()]
    assert entries
    assert all((folder / name).stat().st_size > 0 for folder in entries)
