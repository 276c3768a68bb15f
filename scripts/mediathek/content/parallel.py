"""Work on many items in forked worker processes, one per core.

Workers are forked, so they inherit the job's data (entries, pages, configuration) instead of
receiving it pickled; only results travel back. Not for a process that runs threads, such as
`mkdocs serve`: a fork copies them in whatever state they are.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# Below this many items, starting workers costs more than it saves. The tests set it to 1, so
# the parallel paths run on the real content, which is far smaller.
MIN_ITEMS_VARIABLE = "MEDIATHEK_PARALLEL_MIN_PAGES"
MIN_ITEMS = 200
_job: tuple[Any, ...] | None = None  # what forked workers work on; each kind of job has its own data


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def processes() -> int:
    # Forced (tests): at least two processes, so the parallel paths run even on a single core.
    return max(2, cores()) if MIN_ITEMS_VARIABLE in os.environ else cores()


def worthwhile(size: int) -> bool:
    return processes() > 1 and size >= int(os.environ.get(MIN_ITEMS_VARIABLE, MIN_ITEMS))


def job() -> tuple[Any, ...]:
    """The job map_chunks() was given, as a worker sees it."""
    assert _job is not None
    return _job


def map_chunks(function: Callable[[list[int]], list[T]], job_data: tuple[Any, ...], size: int, count: int | None = None) -> list[T]:
    """function over interleaved chunks of range(size) in forked workers; their results, concatenated
    in no particular order. A worker reads the data it works on with job()."""
    global _job
    count = count or processes()
    _job = job_data
    chunks = [list(range(start, size, count * 4)) for start in range(count * 4)]  # interleaved: even load
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            return [result for chunk in pool.imap_unordered(function, chunks) for result in chunk]
    finally:
        _job = None
