"""Print problems for people (terminal) and for GitHub (one-line annotations)."""

from __future__ import annotations

from .model import Problem


def annotation(problem: Problem) -> str:
    """A GitHub Actions error annotation; must stay on one line."""
    message = " ".join(problem.message.split()).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    line = f",line={problem.line}" if problem.line else ""
    return f"::error file={path}{line}::{message}"


def format_problems(problems: list[Problem], github: bool = False) -> str:
    lines = [str(p) for p in problems]
    if github:
        lines += [annotation(p) for p in problems]
    count = len(problems)
    noun = "Problem" if count == 1 else "Probleme"
    lines.append(f"\n{count} {noun} gefunden. Bitte korrigieren Sie die genannten Stellen und prüfen Sie erneut mit „make check“.")
    return "\n".join(lines)
