"""Generated HTML that bypasses Python-Markdown's HTML parser: marked by the templates.

The generated pages carry raw HTML (an entry's facts, citation and related entries, the cards of
the listings). Python-Markdown feeds every raw HTML block through a pure-Python HTML parser, for
HTML that comes out unchanged. The templates mark such blocks (`html_block` filter);
mediathek.site.markdown_ext stores them in Python-Markdown's HTML stash as they are.
"""

from __future__ import annotations

import re

OPEN = "<!--mediathek:html-->"
CLOSE = "<!--/mediathek:html-->"
BLOCK = re.compile(rf"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.MULTILINE | re.DOTALL)
# What authors may not write: their text would otherwise be taken for a generated block.
RESERVED = re.compile(r"<!--/?mediathek:")


def mark(html: str) -> str:
    """A template's HTML block, marked for the stash (Jinja filter `html_block`)."""
    return f"{OPEN}\n{html.strip(chr(10))}\n{CLOSE}\n"
