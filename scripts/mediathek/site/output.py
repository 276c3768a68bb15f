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


class TreeWriter:
    """write_tree for a process that writes the same tree again and again (`make serve`).

    The first call is a write_tree. Later calls compare with what this writer wrote last instead of
    reading every file back: only files whose content differs are written (each on its own, via a
    temporary file and a rename), files no longer in the tree are removed with the folders they
    leave empty. If the target folder is no longer the one written (another process replaced it,
    as `make generate` does), the call is a write_tree again.
    """

    def __init__(self) -> None:
        self._target: tuple[Path, int, int] | None = None
        self._files: dict[str, str | bytes] = {}

    def write(self, target: Path, files: dict[str, str | bytes]) -> WriteStats:
        unknown = self._target is None or self._target != _folder_identity(target)  # another process replaced it
        stats = write_tree(target, files) if unknown else self._write_changed(target, files)
        self._target, self._files = _folder_identity(target), dict(files)
        return stats

    def _write_changed(self, target: Path, files: dict[str, str | bytes]) -> WriteStats:
        written = unchanged = 0
        for rel, content in files.items():
            if self._files.get(rel) == content:
                unchanged += 1
                continue
            destination = target / rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            partial = destination.with_name(f".{destination.name}.new")
            partial.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
            partial.replace(destination)
            written += 1
        removed = 0
        for rel in self._files.keys() - files.keys():
            path = target / rel
            path.unlink(missing_ok=True)
            removed += 1
            folder = path.parent
            while folder != target and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        return WriteStats(written, unchanged, removed)


def _folder_identity(target: Path) -> tuple[Path, int, int] | None:
    try:
        info = target.stat()
    except FileNotFoundError:
        return None
    return (target, info.st_dev, info.st_ino)
