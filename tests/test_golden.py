"""Golden files: the pages that generate() makes of a small scratch collection, compared whole.

tests/golden/input/ holds three entries (a Themenbeitrag and two Praxisbeispiele), checked and
generated with the real content model (without its length limits, as the `repo` fixture). Each
page in PAGES must equal its file under tests/golden/expected/. After an intended change of the
output, rewrite the files and read the change in `git diff` before committing it:

    MEDIATHEK_GOLDEN_UPDATE=1 make test-fast

Changes to the real _themen.yml, _schlagwoerter.yml or _glossar.yml show up here too.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURE_SITE_NAME, REPO, compare_golden, scratch_repo
from mediathek.pages import pipeline

GOLDEN = REPO / "tests" / "golden"
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
    return pipeline.generate(result, site_name=FIXTURE_SITE_NAME).pages


@pytest.mark.parametrize("page", PAGES)
def test_generated_page_equals_its_golden_file(golden_pages: dict[str, str], page: str) -> None:
    compare_golden(golden_pages[page], GOLDEN / "expected" / page, page, "make test-fast")


def test_every_golden_file_belongs_to_a_page() -> None:
    expected = GOLDEN / "expected"
    on_disk = {path.relative_to(expected).as_posix() for path in expected.rglob("*") if path.is_file()}
    assert on_disk == set(PAGES), "tests/golden/expected/ holds files that no test compares (or lacks some)"
