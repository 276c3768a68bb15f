"""A whole site built from hostile (but valid) entries: no injected script runs anywhere, and the build
leaves projects/ and docs/ exactly as they were."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_hostile_body import PAYLOADS, hostile_entries

from browser import page_urls, serve
from conftest import ScratchRepo, copy_checkout, copy_content_model

pytestmark = pytest.mark.build  # whole-site builds: left out by make test-fast

def tree_digest(folder: Path) -> dict[str, str]:
    """Every file, folder and link under folder with its content hash, type and mode."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
        content = hashlib.sha256(path.read_bytes()).hexdigest() if kind == "file" else os.readlink(path) if kind == "link" else ""
        digest[path.relative_to(folder).as_posix()] = f"{kind} {oct(info.st_mode)} {content}"
    return digest


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """A scratch copy of the project whose entries carry the payloads; built once with `python -m mediathek build`."""
    root = tmp_path_factory.mktemp("hostile")
    copy_checkout(root, entries=False)
    copy_content_model(root / "projects", word_limits=False)
    hostile_entries(ScratchRepo(root))
    before = {name: tree_digest(root / name) for name in ("projects", "docs")}
    done = subprocess.run(
        [sys.executable, "-m", "mediathek", "build"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    after = {name: tree_digest(root / name) for name in ("projects", "docs")}
    return root, before, after


def test_build_does_not_touch_projects_or_docs(hostile_build):
    _, before, after = hostile_build
    assert before["projects"] and before["docs"]
    assert after == before


class _Active(HTMLParser):
    """Collects the places where a payload would run: handler attributes, URLs, script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hits: list[str] = []
        self._in_script: str | None = None

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key.startswith("on") or (key in ("href", "src", "action") and (value or "").lower().startswith("javascript")):
                self.hits.append(f"<{tag} {key}={value!r}>")
        if tag == "img" and ("src", "x") in attrs:
            self.hits.append("<img src=x>")
        self._in_script = dict(attrs).get("type") or "text/javascript" if tag == "script" else None

    def handle_data(self, data):
        if self._in_script == "application/ld+json":
            try:
                json.loads(data)  # author text inside JSON is data; a `</script>` in it would cut the JSON short
            except ValueError:
                self.hits.append(f"<script type={self._in_script}> broken: {data[-80:]}")
        elif self._in_script and "__pwned" in data:
            self.hits.append(f"<script type={self._in_script}>{data[:80]}")

    def handle_endtag(self, tag):
        self._in_script = None


def test_payloads_appear_only_as_text_in_the_built_html(hostile_build):
    root, _, _ = hostile_build
    site = root / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > len(PAYLOADS)
    seen_payload = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        seen_payload += "__pwned" in text
        parser = _Active()
        parser.feed(text)
        parser.close()
        assert parser.hits == [], (page.relative_to(site).as_posix(), parser.hits)
    assert seen_payload >= len(PAYLOADS)  # the values are there, as text


@pytest.mark.browser
def test_no_injected_script_runs_on_any_page(hostile_build, browser):
    root, _, _ = hostile_build
    site = root / "site"
    urls = page_urls(site)
    assert any(url.startswith("mediathek/boese-") for url in urls)
    with serve(site) as base:
        page = browser.new_page()
        try:
            page.add_init_script("window.__dialogs = 0; window.alert = window.confirm = window.prompt = () => { window.__dialogs++; };")
            for url in urls:
                page.goto(base + url, wait_until="load")
                page.mouse.move(10, 10)
                page.mouse.move(400, 300)  # hover handlers, if any slipped through
                assert page.evaluate("typeof window.__pwned") == "undefined", url
                assert page.evaluate("window.__dialogs") == 0, url
            # The search renders Pagefind's excerpts as HTML: search for the payloads themselves.
            page.goto(base, wait_until="load")
            for query in ("pwned", "onerror", "script", "javascript"):  # the last one matches every hostile entry
                page.evaluate(
                    """(query) => {
                        const input = document.querySelector('[data-mt-search-input]');
                        if (!input) return;
                        input.value = query;
                        input.dispatchEvent(new Event('input', { bubbles: true }));
                    }""",
                    query,
                )
                page.wait_for_timeout(300)
                assert page.evaluate("typeof window.__pwned") == "undefined", query
            # Pagefind loads its index lazily; under load that takes a while. The results must show up.
            page.wait_for_function("document.querySelectorAll('#mt-search-results li').length > 0", timeout=30_000)
            page.wait_for_timeout(500)
            assert page.evaluate("typeof window.__pwned") == "undefined"
        finally:
            page.close()
