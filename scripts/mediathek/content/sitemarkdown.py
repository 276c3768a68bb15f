"""The site's Markdown configuration, read from the one place that defines it: mkdocs.yml's
`markdown_extensions`, options included (also the site's own `mediathek.site.markdown_ext`).
The validator renders a body with it once more, as the site will (mediathek.content.body)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import yaml


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml's: read on every check
    """mkdocs.yml's tags (`!ENV`, `!!python/name:`) stand for values only a build resolves: read as None."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteMarkdown:
    extensions: tuple[str, ...] = ()
    options: str = "{}"  # JSON of {extension: options}: the configuration stays hashable and compares by value

    @classmethod
    def from_config(cls, text: str) -> SiteMarkdown:
        """From the text of mkdocs.yml; raises yaml.YAMLError if it is no YAML."""
        data = yaml.load(text, Loader=_Loader) or {}  # noqa: S506 - a SafeLoader that reads unknown tags as None
        names: list[str] = []
        options: dict[str, Any] = {}
        for item in data.get("markdown_extensions") or [] if isinstance(data, dict) else []:
            name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            names.append(str(name))
            if config:
                options[str(name)] = config
        return cls(tuple(names), json.dumps(options, sort_keys=True, default=str))

    @classmethod
    def of_site(cls, repo_root: Path) -> SiteMarkdown:
        """The configuration of the site in repo_root; none (plain Python-Markdown) without a mkdocs.yml."""
        path = repo_root / "mkdocs.yml"
        return cls.from_config(path.read_text(encoding="utf-8")) if path.is_file() else cls()

    @functools.cached_property
    def converter(self) -> markdown.Markdown:
        """One converter per configuration; reset() before each use."""
        return markdown.Markdown(extensions=list(self.extensions), extension_configs=json.loads(self.options))
