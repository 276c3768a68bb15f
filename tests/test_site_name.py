"""The site's name has one source, mkdocs.yml `site_name`: an operator who renames the site finds the new
name wherever the generated site names itself (home page, citations, feeds, metadata, Word templates) and the
old one nowhere.
Behaviour on a scratch repository whose mkdocs.yml names the site differently from the fixtures."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import docx

from conftest import FIXTURE_SITE_NAME, ScratchRepo
from mediathek.__main__ import main
from mediathek.authoring.word import template
from mediathek.site import stage
from mediathek.site.build import Build

RENAMED = "Praxiswissen Übergänge"
ATOM = "{http://www.w3.org/2005/Atom}"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def rename(root: Path, name: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_name: .*$", f"site_name: {name}", text, count=1, flags=re.MULTILINE), encoding="utf-8")


def staged(repo: ScratchRepo, build: Build | None = None) -> dict[str, str]:
    """Every text file of the staged tree as written (RIS keeps its CR LF), by its path in build/docs."""
    stage.stage(build or Build(repo.root, downloads=template.downloads))
    docs = repo.root / stage.DOCS_DIR
    files = (path for path in docs.rglob("*") if path.is_file() and path.suffix != ".docx")
    return {path.relative_to(docs).as_posix(): path.read_bytes().decode("utf-8") for path in files}


def word_author(data: bytes) -> str:
    return str(docx.Document(io.BytesIO(data)).core_properties.author)


def head_of(page: str) -> str:
    """The extra <head> HTML a staged page carries in its front matter (stage.with_meta)."""
    line = next(line for line in page.splitlines() if line.startswith("mediathek_head: "))
    return str(json.loads(line.removeprefix("mediathek_head: ")))


def with_docs_page(repo: ScratchRepo) -> ScratchRepo:
    (repo.root / "docs").mkdir()
    (repo.root / "docs" / "hilfe.md").write_text("# Hilfe\n\nSo finden Sie sich zurecht.\n", encoding="utf-8")
    return repo


def test_the_name_in_mkdocs_yml_reaches_every_place_the_site_names_itself(valid_repo):
    repo = with_docs_page(valid_repo)
    rename(repo.root, RENAMED)
    files = staged(repo)
    entry = "mediathek/eine-projektarbeit/"
    url = f"http://127.0.0.1:8000/{entry}"

    assert f"Projektgruppe Verstetigung (2026). Eine Projektarbeit. {RENAMED}. {url}" in files[f"{entry}index.md"]
    assert f"  howpublished = {{{RENAMED}}},\n" in files[f"{entry}zitat.bib"]
    assert f"T2  - {RENAMED}\r\n" in files[f"{entry}zitat.ris"]

    feed = ET.fromstring(files["feed.xml"])
    assert feed.findtext(f"{ATOM}title") == f"{RENAMED}: neue Einträge"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == RENAMED
    assert ET.fromstring(files["feed-verstetigung.xml"]).findtext(f"{ATOM}title", "").startswith(f"{RENAMED}: ")

    entry_head = head_of(files[f"{entry}index.md"])
    [json_ld] = JSON_LD.findall(entry_head)
    assert json.loads(json_ld)["mainEntityOfPage"][0]["provider"]["name"] == RENAMED
    assert f'<meta property="og:site_name" content="{RENAMED}">' in entry_head
    assert f'<meta name="citation_publisher" content="{RENAMED}">' in entry_head

    home = files["index.md"]
    assert f"\ntitle: {json.dumps(RENAMED, ensure_ascii=False)}\n" in home
    assert f"\n# {RENAMED} {{ .mt-home__title }}\n" in home
    assert f'<meta property="og:site_name" content="{RENAMED}">' in head_of(home)

    # A page written in docs/ gets its head from staging, not from the generator: the same name.
    assert f'title="{RENAMED}: neue Einträge"' in head_of(files["hilfe.md"])
    assert json.loads(files["catalog.json"])["title"] == RENAMED
    assert RENAMED in json.loads(files["catalog.schema.json"])["title"]

    assert [path for path, text in files.items() if FIXTURE_SITE_NAME in text] == []
    templates = sorted((repo.root / stage.DOCS_DIR / "vorlagen").glob("*.docx"))
    assert templates and {word_author(path.read_bytes()) for path in templates} == {RENAMED}


def test_the_template_command_names_the_site_as_mkdocs_yml_does(valid_repo, tmp_path, monkeypatch, capsys):
    rename(valid_repo.root, RENAMED)
    monkeypatch.chdir(valid_repo.root)
    assert main(["vorlage", "--ziel", str(tmp_path / "vorlagen")]) == 0
    written = sorted((tmp_path / "vorlagen").glob("*.docx"))
    assert written and {word_author(path.read_bytes()) for path in written} == {RENAMED}


def test_renaming_the_site_while_serving_renames_it_everywhere(valid_repo):
    """`make serve` keeps rendered pages, heads and reader files between saves: a new name must not leave one behind."""
    repo = with_docs_page(valid_repo)
    build = Build(repo.root, serving=True, downloads=template.downloads)
    before = staged(repo, build)
    assert any(FIXTURE_SITE_NAME in text for text in before.values())
    rename(repo.root, RENAMED)
    warm = staged(repo, build)
    cold = staged(repo)
    assert warm == cold
    assert [path for path, text in cold.items() if FIXTURE_SITE_NAME in text] == []
