"""Smaller HTML without a visible difference: template indentation goes.

Kept rather than a minifier such as minify-html: that also rewrites quotes, optional tags and
inline scripts, so every page (golden files, browser tests, Pagefind's input) would change; the saving
that matters here is the theme's indentation (below). Not measured against minify-html.

The theme indents its templates deeply; at a thousand entries that indentation alone is
several megabytes. Whitespace between tags collapses in the browser anyway, except inside
<pre> and <textarea>, which are left exactly as they are.
"""

from __future__ import annotations

import re

_PRESERVED = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>)", re.DOTALL | re.IGNORECASE)
_INDENTATION = re.compile(r"\n\s+")


def collapse_indentation(html: str) -> str:
    parts = _PRESERVED.split(html)
    for index in range(0, len(parts), 2):  # even parts lie outside <pre> and <textarea>
        parts[index] = _INDENTATION.sub("\n", parts[index])
    return "".join(parts)
