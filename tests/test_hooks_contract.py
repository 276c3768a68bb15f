"""The MkDocs hook uses only MkDocs' documented events: fail loudly if one of them changes."""

from __future__ import annotations

import importlib.util
import inspect

from mkdocs.plugins import EVENTS, PluginCollection

from conftest import REPO

HOOK = REPO / "scripts" / "mkdocs_hooks.py"
EXPECTED = {"on_startup", "on_config", "on_pre_build", "on_serve", "on_files", "on_nav", "on_env", "on_post_build", "on_shutdown"}


def hook_module():
    spec = importlib.util.spec_from_file_location("mkdocs_hooks_under_test", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_hook_uses_these_events_and_no_others():
    events = {name for name in vars(hook_module()) if name.startswith("on_")}
    assert events == EXPECTED


def test_each_event_exists_in_mkdocs_with_the_same_parameters():
    module = hook_module()
    for name in sorted(EXPECTED):
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
