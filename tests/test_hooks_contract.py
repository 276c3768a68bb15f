"""The MkDocs hook uses only MkDocs' documented events: fail loudly if one of them changes.

No list of today's events here: whatever `on_*` functions the hook defines, each must be an event
MkDocs has, taking the arguments MkDocs passes (a misspelt or outdated one would never be called)."""

from __future__ import annotations

import importlib.util
import inspect

from mkdocs.plugins import EVENTS, PluginCollection

from conftest import REPO

HOOK = REPO / "scripts" / "mkdocs_hooks.py"


def hook_module():
    spec = importlib.util.spec_from_file_location("mkdocs_hooks_under_test", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_event_exists_in_mkdocs_with_the_same_parameters():
    module = hook_module()
    events = sorted(name for name, value in vars(module).items() if name.startswith("on_") and callable(value))
    assert events, "the hook defines no event"
    for name in events:
        assert name[3:] in EVENTS, f"MkDocs has no event {name} any more"
        # PluginCollection calls every plugin's and hook's event with these keyword arguments.
        ours = list(inspect.signature(getattr(module, name)).parameters)
        theirs = [p for p in inspect.signature(getattr(PluginCollection, name)).parameters if p != "self"]
        assert ours == theirs, f"{name}: MkDocs passes {theirs}, the hook takes {ours}"


def test_the_hook_touches_no_private_attribute():
    text = HOOK.read_text(encoding="utf-8")
    code = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not any("._" in line for line in code), "private MkDocs or Material attributes"
    assert len(text.splitlines()) < 100
