"""The site's own Python-Markdown extension (`mediathek.site.markdown_ext` in mkdocs.yml).

- Generated HTML blocks skip Python-Markdown's HTML parser: the templates mark them
  (mediathek.content.html_blocks); they go straight into the HTML stash, as Python-Markdown's own raw HTML
  preprocessor would put them, after MkDocs has collected their ids for its anchor check.
- Checklists are for ticking on paper: pymdownx.tasklist's disabled checkbox without a label only
  confuses screen readers, so it becomes a hidden indicator.
- A glossary term is explained at its first use on a page, as print does, not at every use: a
  tooltip on every occurrence repeats the definition to screen readers and adds kilobytes per page.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.tasklist import get_checkbox

from ..content.html_blocks import BLOCK

_HIDDEN_CHECKBOX = '<span class="task-list-control" aria-hidden="true"><span class="task-list-indicator"></span></span> '
CHECKBOXES = {get_checkbox(state, custom_checkbox=True): _HIDDEN_CHECKBOX for state in (" ", "x")}


class GeneratedHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if BLOCK.search(text) is None:
            return lines
        return BLOCK.sub(lambda match: self.md.htmlStash.store(match.group(1)), text).split("\n")


class HiddenCheckboxes(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):
            if isinstance(block, str) and block in CHECKBOXES:
                stash[index] = CHECKBOXES[block]


class FirstAbbreviations(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        seen: set[str] = set()
        for abbr in list(root.iter("abbr")):
            term = abbr.text or ""
            if term not in seen:
                seen.add(term)
                continue
            parent = parents[abbr]
            index = list(parent).index(abbr)
            text = term + (abbr.tail or "")
            if index == 0:
                parent.text = (parent.text or "") + text
            else:
                previous = parent[index - 1]
                previous.tail = (previous.tail or "") + text
            parent.remove(abbr)


class MediathekExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After MkDocs' id collector (21), before Python-Markdown's raw HTML parser (20).
        md.preprocessors.register(GeneratedHtml(md), "mediathek_generated_html", 20.5)
        # After pymdownx.tasklist (25) has stashed its checkboxes.
        md.treeprocessors.register(HiddenCheckboxes(md), "mediathek_checkboxes", 24)
        # After abbr (7) has marked every occurrence.
        md.treeprocessors.register(FirstAbbreviations(md), "mediathek_first_abbreviations", 6.5)


def makeExtension(**kwargs: Any) -> MediathekExtension:  # noqa: N802 - Python-Markdown's name
    return MediathekExtension(**kwargs)
