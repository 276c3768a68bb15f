"""Work on many items in forked worker processes, one per core.

Workers are forked, so they inherit the job's data (entries, configuration) as arguments of their
process instead of receiving it pickled; only results travel back. Not for a process that runs
threads, such as `mkdocs serve`: a fork copies them in whatever state they are.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TypeVar

J = TypeVar("J")
T = TypeVar("T")

MIN_ITEMS = 200  # below this many items, starting workers costs more than it saves


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@dataclass(frozen=True)
class Workers:
    """How a command-line run spreads work: from how many items on, over how many processes.
    Tests ask for two processes from one item on, so the parallel paths run on small collections."""

    min_items: int = MIN_ITEMS
    count: int = field(default_factory=cores)

    def worthwhile(self, size: int) -> bool:
        return self.count > 1 and size >= self.min_items


def map_chunks(function: Callable[[J, list[int]], list[T]], job: J, size: int, count: int) -> list[T]:
    """function(job, indexes) over interleaved parts of range(size) in `count` forked workers; their
    results, concatenated in no particular order."""
    context = multiprocessing.get_context("fork")
    running = []
    for start in range(count):
        receive, send = context.Pipe(duplex=False)
        # Forked: the process inherits its arguments, job included; nothing is pickled on the way in.
        worker = context.Process(target=_work, args=(function, job, list(range(start, size, count)), send), daemon=True)
        worker.start()
        send.close()
        running.append((worker, receive))
    results: list[T] = []
    failures = []
    for worker, receive in running:
        try:
            ok, value = receive.recv()
        except EOFError:
            ok, value = False, f"worker ended with exit code {worker.exitcode}"
        worker.join()
        if ok:
            results.extend(value)
        else:
            failures.append(value)
    if failures:
        raise RuntimeError("a worker process failed:\n" + "\n".join(failures))
    return results


def _work(function: Callable[[J, list[int]], list[T]], job: J, indexes: list[int], send: Connection) -> None:
    try:
        send.send((True, function(job, indexes)))
    except BaseException:  # reported by the parent, which raises
        send.send((False, traceback.format_exc()))
    finally:
        send.close()
