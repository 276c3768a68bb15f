"""Generated HTML that bypasses Python-Markdown: marked by the templates, lifted before conversion.

The generated pages carry raw HTML (an entry's facts, citation and related entries, the cards of
the listings). Python-Markdown feeds every raw HTML block through two pure-Python HTML parsers
(its block extractor and MkDocs' anchor collector): at 1,000 entries about a third of all Markdown
time, for HTML that comes out unchanged. The templates mark such blocks (`html_block` filter); the
MkDocs hook lifts them out before conversion, leaving a one-line comment, and puts them back into
the converted page.
"""

from __future__ import annotations

import re

OPEN = "<!--mediathek:html-->"
CLOSE = "<!--/mediathek:html-->"
_BLOCK = re.compile(rf"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.MULTILINE | re.DOTALL)
_PLACEHOLDER = re.compile(r"<!--mediathek:block (\d+)-->")
_ID = re.compile(r"""\sid="([^"]+)\"""")
# What authors may not write: their text would otherwise be taken for a generated block.
RESERVED = re.compile(r"<!--/?mediathek:")


def mark(html: str) -> str:
    """A template's HTML block, marked for lifting (Jinja filter `html_block`)."""
    return f"{OPEN}\n{html.strip(chr(10))}\n{CLOSE}\n"


def lift(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each marked block replaced by a placeholder comment, and the blocks."""
    if OPEN not in markdown:
        return markdown, []
    blocks: list[str] = []

    def keep(match: re.Match) -> str:
        blocks.append(match.group(1))
        return f"<!--mediathek:block {len(blocks) - 1}-->"

    return _BLOCK.sub(keep, markdown), blocks


def restore(html: str, blocks: list[str]) -> str:
    """The converted page with the lifted blocks back in place of their placeholders."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], html)


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids in lifted blocks: MkDocs collects these from raw HTML to check links to anchors."""
    return {found for block in blocks for found in _ID.findall(block)}
