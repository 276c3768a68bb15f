"""Golden files of the BUILT site: the three golden entries (tests/golden/input) with the checkout's
mkdocs.yml, docs/ and theme overrides, the fixture operator „privat“, no length limits, built end to end with
`python -m mediathek build` (MkDocs, Material, our hook, Pagefind), one page of each kind compared
whole after normalising what changes from build to build (hashed asset names).

A new version of MkDocs, Material or a change of the templates shows here as a diff. After an
intended change, rewrite the files and read the change in `git diff` before committing it:

    MEDIATHEK_GOLDEN_UPDATE=1 make test-golden-site
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_SITE_NAME, REPO, compare_golden, copy_checkout, copy_content_model, operator_settings

pytestmark = pytest.mark.build

GOLDEN = REPO / "tests" / "golden"
EXPECTED = GOLDEN / "site"
PAGES = (
    "index.html",  # the home page, with „Neu in der Mediathek“
    "404.html",
    "impressum/index.html",  # markers resolved from the operator's settings
    "mediathek/index.html",
    "mediathek/foerdermittel-planen/index.html",  # a Themenbeitrag
    "mediathek/ein-verein-sichert-die-finanzierung/index.html",  # a Praxisbeispiel
    "themen/index.html",
    "themen/verstetigung/index.html",
    "schlagwoerter/index.html",
    "schlagwoerter/akteursanalyse/index.html",
    "glossar/index.html",
)
# Material's bundles carry a hash of their content in their name.
HASHED = re.compile(r"(assets/(?:javascripts|stylesheets)/[\w-]+)\.[0-9a-f]{8}(\.min\.(?:js|css))")


def normalised(html: str) -> str:
    return HASHED.sub(r"\1.HASH\2", html)


def with_operator(config: str, name: str) -> str:
    """mkdocs.yml with a fixture operator's settings and the fixtures' site name in place of the checkout's, not a demo
    (text edits: it holds !ENV tags)."""
    settings = operator_settings(name)
    config = re.sub(r"^site_name: .*$", f"site_name: {FIXTURE_SITE_NAME}", config, count=1, flags=re.MULTILINE)
    config = re.sub(r"^site_url: .*$", f"site_url: {settings['site_url']}", config, count=1, flags=re.MULTILINE)
    config = re.sub(r"^repo_url: .*$", f"repo_url: {settings['repo_url']}", config, count=1, flags=re.MULTILINE)
    config = re.sub(r"^  demo: .*$", "  demo: false", config, count=1, flags=re.MULTILINE)  # filled in: no demo notice
    operator = yaml.safe_dump({"betreiber": settings["betreiber"]}, allow_unicode=True, sort_keys=False)
    indented = "".join(f"  {line}\n" for line in operator.splitlines())
    return re.sub(r"^  betreiber:\n(?:(?: {4}.*| *#.*|)\n)*", lambda _: indented, config, count=1, flags=re.MULTILINE)


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_checkout(tmp_path_factory.mktemp("golden-site"), entries=False)
    copy_content_model(root / "projects", word_limits=False)  # the golden entries are short
    for folder in sorted((GOLDEN / "input").iterdir()):
        shutil.copytree(folder, root / "projects" / folder.name)
    (root / "mkdocs.yml").write_text(with_operator((REPO / "mkdocs.yml").read_text(encoding="utf-8"), "privat"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("MEDIATHEK_SITE_URL", None)
    done = subprocess.run([sys.executable, "-m", "mediathek", "build"], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def test_the_operator_fixture_replaced_the_checkouts_settings(golden_site: Path) -> None:
    impressum = (golden_site / "impressum" / "index.html").read_text(encoding="utf-8")
    assert operator_settings("privat")["betreiber"]["name"] in impressum


@pytest.mark.parametrize("page", PAGES)
def test_built_page_equals_its_golden_file(golden_site: Path, page: str) -> None:
    compare_golden(normalised((golden_site / page).read_text(encoding="utf-8")), EXPECTED / page, page, "make test-golden-site")


def test_every_golden_site_file_belongs_to_a_page() -> None:
    on_disk = {path.relative_to(EXPECTED).as_posix() for path in EXPECTED.rglob("*") if path.is_file()}
    assert on_disk == set(PAGES), "tests/golden/site/ holds files that no test compares (or lacks some)"
