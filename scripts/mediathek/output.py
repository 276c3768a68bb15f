"""Write generated files safely: all or nothing, and only what changed.

The new tree is assembled in a temporary sibling folder; files whose content
is unchanged are hard-linked from the current tree (so their modification
time stays and nothing watching them rebuilds); then the folders are swapped.
An interrupted run leaves the previous tree as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def write_tree(target: Path, files: Mapping[str, str | bytes]) -> WriteStats:
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    for stale in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left behind by an interrupted run
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    written = unchanged = 0
    folders: set[Path] = set()
    for rel, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        destination = staging / rel
        if destination.parent not in folders:  # once per folder: most hold several files
            destination.parent.mkdir(parents=True, exist_ok=True)
            folders.add(destination.parent)
        current = target / rel
        if _same_content(current, data):
            os.link(current, destination)
            unchanged += 1
        else:
            destination.write_bytes(data)
            written += 1
    removed = 0
    if target.exists():
        removed = sum(1 for p in target.rglob("*") if p.is_file() and p.relative_to(target).as_posix() not in files)
    swap_in(staging, target)
    return WriteStats(written, unchanged, removed)


def swap_in(new: Path, target: Path) -> None:
    """Replace target by new with two renames; the old tree is deleted only afterwards."""
    old = target.with_name(f".{target.name}.old")
    recover(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """A run killed between the two renames of swap_in left only the old tree: put it back."""
    old = target.with_name(f".{target.name}.old")
    if old.is_dir() and not target.exists():
        os.rename(old, target)


def _same_content(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError):
        return False
