"""A build's state is passed explicitly (mediathek.site.build.Build): no `global` statement and no mutable
module-level value in scripts/. Constants (UPPER_CASE) are fine; the MkDocs hook holds its one Hook."""

from __future__ import annotations

import ast

from conftest import REPO

SCRIPTS = REPO / "scripts"
MUTABLE = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
MUTABLE_CALLS = {"list", "dict", "set", "defaultdict", "Counter", "OrderedDict", "deque"}
ALLOWED = {("mkdocs_hooks.py", "_hook")}  # MkDocs keeps a hook module for the process, like a plugin object


def module_state(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"{node.lineno}: global" for node in ast.walk(tree) if isinstance(node, ast.Global)]
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        for target in targets:
            name = target.id if isinstance(target, ast.Name) else None
            if name is None or name.isupper() or (path.name, name) in ALLOWED:
                continue
            func = value.func if isinstance(value, ast.Call) else None
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if isinstance(value, MUTABLE) or called in MUTABLE_CALLS or (called and called[:1].isupper()):
                found.append(f"{node.lineno}: {name}")
    return found


def test_no_global_statement_and_no_mutable_module_state_in_scripts():
    offenders = {str(path.relative_to(REPO)): module_state(path) for path in sorted(SCRIPTS.rglob("*.py"))}
    assert {path: found for path, found in offenders.items() if found} == {}


def test_the_check_finds_what_it_forbids(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("CONSTANT = {}\n_memo = {}\n_writer = TreeWriter()\n_search = search.Background()\n\ndef f():\n    global _memo\n", encoding="utf-8")
    assert module_state(sample) == ["7: global", "2: _memo", "3: _writer", "4: _search"]
