"""The pipeline's stages are packages, and imports run one way: a newcomer can tell from the tree
where a change belongs (README, „Wo was liegt“)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "mediathek"

# Lower number = lower layer. A module may import its own package and any lower layer.
LAYERS = {"content": 0, "catalog": 1, "pages": 2, "site": 3, "authoring": 3}
TOP = 4  # mediathek/__main__.py and mediathek/__init__.py: the command line wires every stage


def _layer_of(path: Path) -> tuple[str, int]:
    relative = path.relative_to(PACKAGE)
    if len(relative.parts) == 1:
        return "", TOP
    return relative.parts[0], LAYERS[relative.parts[0]]


def _imported_packages(source: str, own: str) -> set[str]:
    """The stage packages a module of package `own` imports, relative or absolute, at the top or in a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0:
                if not module.startswith("mediathek."):
                    continue
                parts = module.split(".")[1:]
            elif node.level == 1 and own:
                parts = [own, *module.split(".")] if module else [own]
            else:
                parts = module.split(".") if module else [alias.name for alias in node.names]
            found.update(part for part in parts[:1] if part in LAYERS)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "mediathek" and len(parts) > 1 and parts[1] in LAYERS:
                    found.add(parts[1])
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_stage_package() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == [], f"modules outside the stage packages: {loose}"
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()} == set(LAYERS)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_downwards(path: Path) -> None:
    own, level = _layer_of(path)
    upward = sorted(pkg for pkg in _imported_packages(path.read_text(encoding="utf-8"), own) if pkg != own and LAYERS[pkg] >= level)
    assert upward == [], f"{path.relative_to(PACKAGE)} ({own or 'top'}) imports {upward}: against the stages' direction"


@pytest.mark.parametrize(
    ("source", "own", "expected"),
    [
        ("def f():\n    from ..pages.reader import x\n", "catalog", {"pages"}),
        ("from . import listing\n", "catalog", {"catalog"}),
        ("from .site import stage\n", "", {"site"}),
        ("from mediathek.content.model import Entry\n", "pages", {"content"}),
        ("import mediathek.site.search\n", "authoring", {"site"}),
        ("from .. import content\n", "pages", {"content"}),
    ],
)
def test_the_checker_sees_every_form_of_import(source: str, own: str, expected: set[str]) -> None:
    assert _imported_packages(source, own) == expected
