"""`make serve` checks and generates again after every save, in the same process, reusing what did not
change (pipeline.Memo, render.RenderMemo, output.TreeWriter). After each edit of a sequence, the staged
tree it leaves on disk and the problems it reports must be exactly what a cold run gives."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_checkout
from mediathek.content.model import Problem
from mediathek.pages import pipeline
from mediathek.site import stage
from mediathek.site.build import Build
from mediathek.site.settings import load_settings


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_checkout(tmp_path)


def cold(root: Path) -> dict[str, bytes] | list[str]:
    """What a fresh process stages: every file of build/docs, or the problems."""
    result = pipeline.check(root)
    if result.problems:
        return [str(p) for p in result.problems]
    settings = load_settings(root)
    site = pipeline.generate(result, site_url=settings.site_url, site_name=settings.site_name)
    files = stage.staged_files(root, site, settings)
    return {rel: content.encode("utf-8") if isinstance(content, str) else content for rel, content in files.items()}


def on_disk(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


class Serve:
    """stage.stage as the hook calls it in `make serve`: one Build for the whole sequence."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.build = Build(root, serving=True)

    def stage_and_compare(self) -> stage.Staged | list[str]:
        try:
            staged: stage.Staged | list[Problem] = stage.stage(self.build)
        except stage.StageError as err:
            staged = err.problems
        self.rendered = list(self.build.memo.render.rendered)  # the templates this stage rendered
        expected = cold(self.root)
        if isinstance(staged, stage.Staged):
            assert not isinstance(expected, list), expected
            actual = on_disk(self.root / stage.DOCS_DIR)
            assert sorted(actual) == sorted(expected)
            assert [rel for rel in expected if actual[rel] != expected[rel]] == []
            return staged
        assert [str(p) for p in staged] == expected
        return expected


def set_title(path: Path, title: str) -> None:
    """The entry's title line, however the author quoted it."""
    line = f"title: {json.dumps(title, ensure_ascii=False)}"
    text, count = re.subn(r"^title:.*$", lambda _: line, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_save_in_serve_stages_what_a_cold_run_stages(site, real):
    serve = Serve(site)
    projects = site / "projects"
    # Any two practice examples whose text can be copied into a new folder (no files of their own)
    # and which can take one more tag: whatever the collection holds (tests/README.md).
    most_tags = real.model.fields["tags"].max_items or 99
    examples = [e for e in real.entries if e.type == "praxisbeispiel" and not e.assets and len(e.tags) < most_tags]
    first, second = examples[0], examples[1]
    another_tag = next(tag.label for slug, tag in real.model.tags.items() if slug not in second.tags)
    first_md = projects / first.slug / "index.md"
    second_md = projects / second.slug / "index.md"

    start = serve.stage_and_compare()
    assert isinstance(start, stage.Staged)
    again = serve.stage_and_compare()
    assert isinstance(again, stage.Staged) and again.stats.written == again.stats.removed == 0

    # The text of one entry: its page is written again, and only the pages that show what changed are rendered.
    before = on_disk(site / stage.DOCS_DIR)
    first_md.write_text(first_md.read_text(encoding="utf-8") + "\nEin Absatz, eben gespeichert.\n", encoding="utf-8")
    body = serve.stage_and_compare()
    after = on_disk(site / stage.DOCS_DIR)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    # Besides the page, the search's word files follow the text (as the Pagefind index does after the build).
    assert {rel for rel in changed if not rel.startswith("suchwoerter/")} == {f"mediathek/{first.slug}/index.md"}
    assert isinstance(body, stage.Staged) and body.stats.written == len(changed)
    assert serve.rendered.count("entry.md.j2") == 1 and len(serve.rendered) < len(real.entries)

    # Its title (listings, related entries of others, feeds, catalog.json), then another entry's tags.
    set_title(first_md, f"{first.title} (überarbeitet)")
    title = serve.stage_and_compare()
    assert isinstance(title, stage.Staged) and title.stats.written > 1
    edit(second_md, "tags: [", f"tags: [{another_tag}, ")
    serve.stage_and_compare()

    # A new entry whose compounds end in a word no entry used on its own yet; then an entry uses it:
    # the search words of the new entry change although its file did not.
    new_md = projects / "ein-neuer-eintrag" / "index.md"
    new_md.parent.mkdir()
    new_md.write_text(second_md.read_text(encoding="utf-8"), encoding="utf-8")
    set_title(new_md, "Ein neuer Eintrag")
    text = new_md.read_text(encoding="utf-8")
    new_md.write_text(text + "\nDie Quarkblubbermatsch hilft. Noch einmal: Quarkblubbermatsch.\n", encoding="utf-8")
    serve.stage_and_compare()
    staged_new = site / stage.DOCS_DIR / "mediathek" / "ein-neuer-eintrag" / "index.md"
    assert "blubbermatsch" not in search_words(staged_new)
    first_md.write_text(first_md.read_text(encoding="utf-8") + "\nDer Blubbermatsch wirkt.\n", encoding="utf-8")
    serve.stage_and_compare()
    assert "blubbermatsch" in search_words(staged_new)

    # A link into another entry's section, then that section renamed: the unchanged entry now has a problem.
    section = next(h for h in first.body.splitlines() if h.startswith("## "))
    anchor = next(h.anchor for h in real_headings(first) if h.text == section[3:].strip())
    new_md.write_text(new_md.read_text(encoding="utf-8") + f"\nSiehe [dort](../{first.slug}/index.md#{anchor}).\n", encoding="utf-8")
    serve.stage_and_compare()
    edit(first_md, section + "\n", section + " umbenannt\n")
    broken_link = serve.stage_and_compare()
    assert isinstance(broken_link, list) and any("ein-neuer-eintrag" in p for p in broken_link)
    edit(first_md, section + " umbenannt\n", section + "\n")
    serve.stage_and_compare()

    # A broken entry, then fixed; a deleted entry.
    edit(second_md, "date: ", "date: gestern ")
    broken = serve.stage_and_compare()
    assert isinstance(broken, list) and any(second.slug in p for p in broken)
    edit(second_md, "date: gestern ", "date: ")
    serve.stage_and_compare()
    shutil.rmtree(new_md.parent)
    removed = serve.stage_and_compare()
    assert isinstance(removed, stage.Staged) and removed.stats.removed >= 1
    assert not (site / stage.DOCS_DIR / "mediathek" / "ein-neuer-eintrag").exists()


def search_words(page: Path) -> list[str]:
    found = re.search(r'data-pagefind-meta="stichwort">([^<]*)<', page.read_text(encoding="utf-8"))
    assert found
    return found.group(1).split()


def real_headings(entry):
    from conftest import REPO
    from mediathek.content.body import scan_body
    from mediathek.content.sitemarkdown import SiteMarkdown

    return scan_body(entry.body, 1, SiteMarkdown.of_site(REPO)).headings


def test_a_serve_stage_after_editing_an_authored_page_or_the_settings_stages_what_a_cold_run_stages(site):
    serve = Serve(site)
    assert isinstance(serve.stage_and_compare(), stage.Staged)
    impressum = site / "docs" / "impressum.md"
    impressum.write_text(impressum.read_text(encoding="utf-8") + "\nEin Satz, eben ergänzt.\n", encoding="utf-8")
    assert serve.stage_and_compare().stats.written == 1  # type: ignore[union-attr]
    config = site / "mkdocs.yml"
    name_line = re.compile(r"^(  betreiber:\n(?:(?: {4}.*| *#.*|)\n)*?) {4}name: .*\n", re.MULTILINE)  # whatever the operator set
    changed = name_line.sub(r"\1    name: Ein neuer Name\n", config.read_text(encoding="utf-8"), count=1)
    assert "name: Ein neuer Name" in changed
    config.write_text(changed, encoding="utf-8")
    staged = serve.stage_and_compare()
    assert "Ein neuer Name" in (site / stage.DOCS_DIR / "impressum.md").read_text(encoding="utf-8")
    assert isinstance(staged, stage.Staged) and staged.stats.written >= 1
