"""The PR preview: entries from `make neu` build strictly, and the offline build works when opened from disk."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.utils import yaml_load
from test_scaffold import COMPLETE

from conftest import REPO, copy_checkout, copy_content_model, write_sections
from mediathek.authoring import scaffold
from mediathek.content.contentmodel import load_content_model
from mediathek.site.offline import file_links, file_url

ATTRIBUTE = re.compile(r'\s(?:href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> tuple[Path, list[str]]:
    """A scratch repository with one new entry of each type from `make neu`, built like the PR preview."""
    root = tmp_path_factory.mktemp("preview")
    copy_checkout(root, entries=False)
    copy_content_model(root / "projects", word_limits=False)
    model = load_content_model(root / "projects", root)
    slugs = []
    for given in COMPLETE.values():
        values, slug = scaffold.collect(given, model, root / "projects", None)
        write_sections(scaffold.write(root, scaffold.draft(values, model, dt.date(2026, 11, 26), slug)))
        slugs.append(slug)
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1", "MEDIATHEK_OFFLINE": "true"}
    done = subprocess.run([sys.executable, "-m", "mediathek", "build"], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site", slugs


def test_new_entries_build_strictly(preview):
    site, slugs = preview
    for slug in slugs:
        assert (site / "mediathek" / slug / "index.html").is_file()


def test_every_relative_link_opens_a_file_from_disk(preview):
    site, _ = preview
    checked = 0
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] == "pagefind" or page.name == "404.html":
            continue
        for url in ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            if not url or re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|/)", url):
                continue
            path = url.split("#")[0].split("?")[0]
            if not path:  # only a query or fragment: the page itself
                continue
            assert (page.parent / path).resolve().is_file(), f"{page.relative_to(site)}: {url}"
            checked += 1
    assert checked > 100


def test_preview_loads_no_script_from_elsewhere(preview):
    site, _ = preview
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]+src="(?:https?:)?//', html), page
        assert "unpkg.com" not in html, page


def test_contributing_guide_is_linked_from_the_mitmachen_page(preview):
    site, _ = preview
    repo_url = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["repo_url"].rstrip("/")
    html = (site / "mitmachen" / "index.html").read_text(encoding="utf-8")
    assert f'href="{repo_url}/blob/main/CONTRIBUTING.md"' in html


@pytest.mark.parametrize(
    "url, expected",
    [
        ("../themen/", "../themen/index.html"),
        ("./", "./index.html"),
        ("..", "../index.html"),
        ("../..#oben", "../../index.html#oben"),
        ("schlagwoerter/ehrenamt/?q=1", "schlagwoerter/ehrenamt/index.html?q=1"),
        ("liste.pdf", "liste.pdf"),
        ("#abschnitt", "#abschnitt"),
        ("https://example.org/", "https://example.org/"),
        ("/absolut/", "/absolut/"),
        ("", ""),
    ],
)
def test_directory_links_get_their_index_file(url, expected):
    assert file_url(url) == expected


def test_only_href_values_change():
    html = '<a href="../">x</a> <img src="bild/"> <p>href="../"</p> <link rel="canonical" href="https://e.org/a/">'
    assert file_links(html) == (
        '<a href="../index.html">x</a> <img src="bild/"> <p>href="../"</p> <link rel="canonical" href="https://e.org/a/">'
    )


@pytest.mark.browser
def test_preview_is_navigable_from_disk_in_chromium(preview, browser):
    site, slugs = preview
    page = browser.new_page()
    try:
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.set_default_timeout(5000)
        page.goto((site / "index.html").as_uri())
        page.locator('a[href="mediathek/index.html"]:visible').first.click()
        assert page.url.endswith("/mediathek/index.html")
        page.locator(f'a[href$="{slugs[0]}/index.html"]:visible').first.click()
        assert page.url.endswith(f"/mediathek/{slugs[0]}/index.html")
        assert page.locator("h1").first.inner_text() == " ".join(COMPLETE["projektarbeit"]["title"].split())
        # Opened from disk, nothing may be asked of any server, not even the site's own address.
        assert [url for url in requests if not url.startswith(("file://", "data:"))] == []
    finally:
        page.close()
