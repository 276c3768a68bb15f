"""Golden files: the pages that generate() makes of a small scratch collection, compared whole.

tests/golden/input/ holds three entries (a Themenbeitrag and two Praxisbeispiele), checked and
generated with the real content model (without its length limits, as the `repo` fixture). Each
page in PAGES must equal its file under tests/golden/expected/. After an intended change of the
output, rewrite the files and read the change in `git diff` before committing it:

    MEDIATHEK_GOLDEN_UPDATE=1 make test-fast

Changes to the real _themen.yml, _schlagwoerter.yml or _glossar.yml show up here too.
"""

from __future__ import annotations

import difflib
import os
import shutil

import pytest

from conftest import REPO, scratch_repo
from mediathek.pages import pipeline

GOLDEN = REPO / "tests" / "golden"
UPDATE = "MEDIATHEK_GOLDEN_UPDATE"
PAGES = (
    "mediathek/foerdermittel-planen/index.md",  # a Themenbeitrag: notice, checklist, sections
    "mediathek/ein-verein-sichert-die-finanzierung/index.md",  # a Praxisbeispiel: facts, link to another entry
    "themen/verstetigung.md",
    "schlagwoerter/akteursanalyse.md",
    "mediathek/index.md",
    "glossar.md",
    "index.md",  # the home page: topics with their counts, the newest entries
)


@pytest.fixture(scope="module")
def golden_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("golden")
    repo = scratch_repo(root, word_limits=False)
    for folder in sorted((GOLDEN / "input").iterdir()):
        shutil.copytree(folder, repo.projects / folder.name)
    result = pipeline.check(root)
    assert result.problems == []
    return pipeline.generate(result).pages


@pytest.mark.parametrize("page", PAGES)
def test_generated_page_equals_its_golden_file(golden_pages: dict[str, str], page: str) -> None:
    expected_file = GOLDEN / "expected" / page
    generated = golden_pages[page]
    if os.environ.get(UPDATE):
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(generated, encoding="utf-8", newline="\n")
        return
    if not expected_file.is_file():
        pytest.fail(f"tests/golden/expected/{page} is missing: write it with {UPDATE}=1 make test-fast.", pytrace=False)
    expected = expected_file.read_text(encoding="utf-8")
    if generated != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), generated.splitlines(keepends=True), f"expected/{page}", f"generated/{page}"
            )
        )
        pytest.fail(
            f"{page} differs from tests/golden/expected/{page}. If the change is intended, run "
            f"{UPDATE}=1 make test-fast and review the files with git diff.\n{diff}",
            pytrace=False,
        )


def test_every_golden_file_belongs_to_a_page() -> None:
    expected = GOLDEN / "expected"
    on_disk = {path.relative_to(expected).as_posix() for path in expected.rglob("*") if path.is_file()}
    assert on_disk == set(PAGES), "tests/golden/expected/ holds files that no test compares (or lacks some)"
