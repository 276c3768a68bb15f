"""Smaller HTML without a visible difference: indentation and repeated glossary tooltips go.

The theme indents its templates deeply; at a thousand entries that indentation alone is
several megabytes. Whitespace between tags collapses in the browser anyway, except inside
<pre> and <textarea>, which are left exactly as they are.
"""

from __future__ import annotations

import re

_PRESERVED = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>)", re.DOTALL | re.IGNORECASE)
_INDENTATION = re.compile(r"\n\s+")
_ABBREVIATION = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def collapse_indentation(html: str) -> str:
    parts = _PRESERVED.split(html)
    for index in range(0, len(parts), 2):  # even parts lie outside <pre> and <textarea>
        parts[index] = _INDENTATION.sub("\n", parts[index])
    return "".join(parts)


def first_abbreviations_only(html: str) -> str:
    """Explain each glossary term at its first use on a page, as print does, not at every use.

    A tooltip on every occurrence repeats the same definition to screen readers and adds
    kilobytes per page; the glossary page explains every term in full.
    """
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        term = match.group(1)
        if term in seen:
            return term
        seen.add(term)
        return match.group(0)

    return _ABBREVIATION.sub(keep_first, html)
