"""Nothing lost: a staging run killed midway leaves the previous build/docs intact; check and stage never
change projects/ or docs/."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from test_hostile_browser import tree_digest

from conftest import REPO, VALID_PAPER, ScratchRepo, copy_content_model

ENTRIES = 120

# Runs the real command line with every file write slowed down, and says when it is halfway.
SLOW_GENERATE = """
import pathlib, sys, time
original = pathlib.Path.write_bytes
count = 0
def slow_write(self, data):
    global count
    count += 1
    if count == {halfway}:
        pathlib.Path({marker!r}).write_text("halfway")
    time.sleep(0.01)
    return original(self, data)
pathlib.Path.write_bytes = slow_write
from mediathek.__main__ import main
sys.exit(main(["stage"]))
"""


def scratch_project(root) -> ScratchRepo:
    copy_content_model(root / "projects", word_limits=False)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")  # staging resolves the markers in docs/ from it
    repo = ScratchRepo(root)
    for number in range(ENTRIES):
        repo.entry(f"eintrag-{number}", VALID_PAPER.replace("Eine Projektarbeit", f"Eintrag {number}"))
    return repo


def run(root, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def test_killed_generator_leaves_the_previous_pages(tmp_path):
    repo = scratch_project(tmp_path)
    first = run(tmp_path, "-m", "mediathek", "stage")
    assert first.returncode == 0, first.stderr
    pages = tmp_path / "build" / "docs"
    before = tree_digest(pages)
    assert len(before) > ENTRIES
    for number in range(ENTRIES):  # every entry page changes, so the next run writes them all
        repo.entry(f"eintrag-{number}", VALID_PAPER.replace("Eine Projektarbeit", f"Eintrag {number}").replace("Ein Text", "Neuer Text"))

    marker = tmp_path / "halfway"
    script = SLOW_GENERATE.format(halfway=ENTRIES // 2, marker=str(marker))
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert process.poll() is None, "the generator finished before it could be interrupted"
            assert time.monotonic() < deadline, "the generator never got halfway"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert tree_digest(pages) == before  # not one page of the previous tree changed or went missing
    assert list((tmp_path / "build").glob(".docs.new-*")), "the kill should have caught a half-written staging folder"

    again = run(tmp_path, "-m", "mediathek", "stage")
    assert again.returncode == 0, again.stderr
    assert not list((tmp_path / "build").glob(".docs.new-*"))  # the next run clears what the killed one left
    assert "Neuer Text" in (pages / "mediathek" / "eintrag-0" / "index.md").read_text(encoding="utf-8")


def test_check_and_stage_never_change_projects_or_docs(tmp_path):
    scratch_project(tmp_path)
    ScratchRepo(tmp_path).entry("kaputt", "---\ntitle: [\n---\n")
    before = {name: tree_digest(tmp_path / name) for name in ("projects", "docs")}
    broken = run(tmp_path, "-m", "mediathek", "stage")
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert not (tmp_path / "build" / "docs").exists()  # a failed check writes nothing
    assert {name: tree_digest(tmp_path / name) for name in ("projects", "docs")} == before
    shutil.rmtree(tmp_path / "projects" / "kaputt")
    before = {name: tree_digest(tmp_path / name) for name in ("projects", "docs")}
    for command in ("check", "stage", "stage"):
        done = run(tmp_path, "-m", "mediathek", command)
        assert done.returncode == 0, done.stderr
    assert {name: tree_digest(tmp_path / name) for name in ("projects", "docs")} == before
