"""Measure one collection size: our pipeline and build, and the naive build of the same entries."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import scratch
from .corpus import SyntheticEntry

MB = 1_000_000


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system of the command and its children: steadier than seconds on a busy machine
    peak_rss_mb: float
    returncode: int


def run(cmd: list[str], cwd: Path, log: Path) -> Run:
    """Run a command; its peak memory is the largest resident set of it and its waited-for children."""
    env = {**os.environ, "PYTHONPATH": str(cwd / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        # wait4, not RUSAGE_CHILDREN: the latter keeps the maximum over every child this process ever had.
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(time.perf_counter() - start, cpu, usage.ru_maxrss / 1024, proc.returncode)


def folder_size(folder: Path) -> tuple[int, int]:
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


def gzip_size(folder_or_file: Path) -> int:
    """Bytes on the wire with gzip; files that are compressed already (Pagefind's) are sent as they are."""
    files = [folder_or_file] if folder_or_file.is_file() else [p for p in folder_or_file.rglob("*") if p.is_file()]
    total = 0
    for path in files:
        data = path.read_bytes()
        total += min(len(data), len(gzip.compress(data, 6)))
    return total


def search_parts(pagefind: Path) -> dict[str, int]:
    """Pagefind's output by kind: index chunks, fragments, filters, metadata, code."""
    parts: dict[str, int] = {}
    for path in pagefind.rglob("*"):
        if path.is_file():
            kind = path.suffix.lstrip(".") if path.suffix.startswith(".pf_") else "code"
            parts[kind] = parts.get(kind, 0) + path.stat().st_size
    return dict(sorted(parts.items()))


def measure(repo: Path, workdir: Path, entries: list[SyntheticEntry], with_naive: bool, profile: bool = False) -> dict[str, Any]:
    n = len(entries)
    root = scratch.ours(repo, workdir / f"ours-{n}", entries)
    row: dict[str, object] = {"n": n, "load_avg": round(os.getloadavg()[0], 1)}  # other work on the machine skews seconds

    row.update(_steps(root, workdir, "timings"))

    shutil.rmtree(root / "build", ignore_errors=True)  # a fresh checkout: nothing generated yet
    built = run([sys.executable, "-m", "mediathek", "build"], root, workdir / f"build-{n}.log")
    if built.returncode:
        raise RuntimeError(f"Bau mit {n} Einträgen fehlgeschlagen, siehe {workdir / f'build-{n}.log'}")
    row["build_s"] = round(built.seconds, 2)
    row["build_cpu_s"] = round(built.cpu_seconds, 2)
    row["peak_rss_mb"] = round(built.peak_rss_mb)
    site_bytes, site_files = folder_size(root / "site")
    row["site_mb"] = round(site_bytes / MB, 1)
    row["site_files"] = site_files
    row["entry_html_kb"] = round(folder_size(root / "site" / "mediathek" / entries[0].slug)[0] / 1000, 1)
    pagefind = root / "site" / "pagefind"
    row["search_index_bytes"] = folder_size(pagefind)[0]
    row["search_index_gzip_bytes"] = gzip_size(pagefind)
    row["search_index_files"] = folder_size(pagefind)[1]
    row["search_index_parts"] = search_parts(pagefind)
    row.update(_pagefind_alone(root, workdir))

    row["rebuild_s"] = _rebuild_after_edit(root, workdir, entries[n // 3].slug)

    row.update(_steps(root, workdir, "edits", entries[n // 2].slug))
    row.update(_steps(root, workdir, "warm", entries[n // 2].slug))

    if profile:
        row["profile"] = _profile(root, workdir, n)

    row.update({"naive_build_s": None, "naive_peak_rss_mb": None, "naive_site_mb": None, "naive_search_index_bytes": None})
    if with_naive:
        naive_root = scratch.naive(workdir / f"naive-{n}", entries)
        done = run([sys.executable, "-m", "mkdocs", "build"], naive_root, workdir / f"naive-{n}.log")
        if done.returncode:
            raise RuntimeError(f"Naiver Bau mit {n} Einträgen fehlgeschlagen, siehe {workdir / f'naive-{n}.log'}")
        index = naive_root / "site" / "search" / "search_index.json"
        log_text = (workdir / f"naive-{n}.log").read_text(encoding="utf-8")
        row["naive_build_s"] = round(done.seconds, 2)
        row["naive_build_cpu_s"] = round(done.cpu_seconds, 2)
        row["naive_peak_rss_mb"] = round(done.peak_rss_mb)
        row["naive_site_mb"] = round(folder_size(naive_root / "site")[0] / MB, 1)
        row["naive_entry_html_kb"] = round(folder_size(naive_root / "site" / "mediathek" / entries[0].slug)[0] / 1000, 1)
        row["naive_warnings"] = log_text.count("WARNING")
        row["naive_search_index_bytes"] = index.stat().st_size
        row["naive_search_index_gzip_bytes"] = gzip_size(index)
        row["speedup"] = round(done.seconds / built.seconds, 1)
        row["speedup_cpu"] = round(done.cpu_seconds / built.cpu_seconds, 1)
        shutil.rmtree(naive_root / "site")  # the naive site is large (README: measurements)
    return row


def _pagefind_alone(root: Path, workdir: Path) -> dict[str, float]:
    """Pagefind's share of the build: the same index run again on the built site, on its own (into
    another folder), so its seconds and peak memory can be told apart from the build's."""
    output = workdir / "pagefind-alone"
    from mediathek.site.search import command as pagefind_command

    command = pagefind_command(root / "site")
    command[command.index("--output-path") + 1] = str(output)
    done = run(command, root, workdir / "pagefind-alone.log")
    shutil.rmtree(output, ignore_errors=True)
    if done.returncode:
        raise RuntimeError(f"Pagefind allein fehlgeschlagen, siehe {workdir / 'pagefind-alone.log'}")
    return {"pagefind_s": round(done.seconds, 2), "pagefind_cpu_s": round(done.cpu_seconds, 2), "pagefind_peak_rss_mb": round(done.peak_rss_mb)}


def _rebuild_after_edit(root: Path, workdir: Path, slug: str) -> float:
    """`python -m mediathek build` again after an author added a paragraph to one entry: what a
    maintainer waits for locally or in CI with build/ kept (the staged tree)."""
    index = root / "projects" / slug / "index.md"
    original = index.read_text(encoding="utf-8")
    try:
        index.write_text(original.rstrip("\n") + "\n\nEin neuer Absatz, den eine Autorin ergänzt hat.\n", encoding="utf-8")
        done = run([sys.executable, "-m", "mediathek", "build"], root, workdir / "rebuild.log")
    finally:
        index.write_text(original, encoding="utf-8")
    if done.returncode:
        raise RuntimeError(f"Zweiter Bau fehlgeschlagen, siehe {workdir / 'rebuild.log'}")
    return round(done.seconds, 2)


def _steps(root: Path, workdir: Path, command: str, *args: str) -> dict[str, Any]:
    log = workdir / f"steps-{command}.log"
    done = run([sys.executable, "-m", "mediathek_bench.steps", command, str(root), *args], root, log)
    if done.returncode:
        raise RuntimeError(f"mediathek_bench.steps {command} fehlgeschlagen:\n{log.read_text(encoding='utf-8')[-3000:]}")
    result: dict[str, Any] = json.loads(log.read_text(encoding="utf-8").strip().splitlines()[-1])
    return result


def _profile(root: Path, workdir: Path, n: int) -> str:
    """cProfile of the MkDocs build (hooks included); returns the path of the text report."""
    import pstats

    data = workdir / f"profile-{n}.prof"
    target = workdir / f"profile-site-{n}"
    mkdocs = ["-m", "mkdocs", "build", "--config-file", "build/mkdocs.yml", "--site-dir", str(target)]
    run([sys.executable, "-m", "cProfile", "-o", str(data), *mkdocs], root, workdir / f"profile-{n}.log")
    report = workdir / f"profile-{n}.txt"
    with report.open("w", encoding="utf-8") as out:
        stats = pstats.Stats(str(data), stream=out).strip_dirs()
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
    shutil.rmtree(target, ignore_errors=True)
    return str(report)
