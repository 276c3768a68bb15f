"""End to end: the real content builds strictly, every entry, topic and tag has its page."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import REPO
from mediathek.pages import pipeline


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--ignored=no"], cwd=REPO, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def real():
    result = pipeline.check(REPO)
    assert [str(p) for p in result.problems] == []
    return result


def test_build_is_strict_and_leaves_the_checkout_clean(built_site, git_status_before_build):
    assert (built_site / "index.html").is_file()
    assert git_status() == git_status_before_build


def test_every_entry_topic_and_tag_has_its_page(built_site, real):
    for entry in real.entries:
        assert (built_site / "mediathek" / entry.slug / "index.html").is_file(), entry.slug
    for topic in real.model.topics:
        assert (built_site / "themen" / topic / "index.html").is_file(), topic
    used_tags = {tag for entry in real.entries for tag in entry.tags}
    for tag in used_tags:
        assert (built_site / "schlagwoerter" / tag / "index.html").is_file(), tag
    assert (built_site / "schlagwoerter" / "index.html").is_file()
    assert (built_site / "mediathek" / "index.html").is_file()


def test_chips_on_entry_pages_lead_to_existing_tag_pages(built_site, real):
    for entry in real.entries:
        html = (built_site / "mediathek" / entry.slug / "index.html").read_text(encoding="utf-8")
        chips = re.findall(r'<a class="md-tag" href="\.\./\.\./schlagwoerter/([a-z0-9-]+)/"', html)
        assert chips[: len(entry.tags)] == list(entry.tags), entry.slug
        for slug in chips:
            assert (built_site / "schlagwoerter" / slug / "index.html").is_file()


def test_edit_links_point_to_the_authored_files(built_site, real):
    entry = real.entries[0]
    html = (built_site / "mediathek" / entry.slug / "index.html").read_text(encoding="utf-8")
    assert f"/edit/main/projects/{entry.slug}/index.md" in html
    assert "/edit/main/docs/ueber-den-lehrgang.md" in (built_site / "ueber-den-lehrgang" / "index.html").read_text(encoding="utf-8")
    assert "/edit/" not in (built_site / "schlagwoerter" / "index.html").read_text(encoding="utf-8")


def test_the_author_guide_is_named_for_all_authors(built_site):
    """Readers see „Leitfaden für Autor*innen“ (title, navigation, links); the address stays /autorenleitfaden/."""
    guide = (built_site / "autorenleitfaden" / "index.html").read_text(encoding="utf-8")
    assert "<title>Leitfaden für Autor*innen - " in guide and "<h1>Leitfaden für Autor*innen</h1>" in guide
    for page in built_site.rglob("*.html"):
        text = re.sub(r'(href|content)="[^"]*"', "", page.read_text(encoding="utf-8"))
        assert "Autorenleitfaden" not in text and "autorenleitfaden" not in text.lower().replace("autorenleitfaden/", ""), page


def test_home_page_lists_the_newest_entries(built_site, real):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "{{" not in html
    assert f'href="mediathek/{real.entries[0].slug}/"' in html


def test_failed_build_leaves_the_previous_site(built_site, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "projects", "scripts"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, broken / name)
    site = broken / "site"
    site.mkdir()
    (site / "marker.html").write_text("alt", encoding="utf-8")
    (broken / "projects" / "kaputt").mkdir()
    (broken / "projects" / "kaputt" / "index.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    done = subprocess.run(
        [str(REPO / ".venv" / "bin" / "python"), "-m", "mediathek", "build"],
        cwd=broken,
        env={"PYTHONPATH": str(REPO / "scripts"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "projects/kaputt/index.md:3: Die Metadaten sind kein gültiges YAML." in done.stderr
    assert "Traceback" not in done.stderr
    assert [p.name for p in site.iterdir()] == ["marker.html"]
