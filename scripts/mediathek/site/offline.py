"""Make a built page browsable from disk (the downloadable PR preview).

Kept rather than MkDocs' `use_directory_urls: false`: that changes every page's address (x.html),
which the links our templates write into HTML (cards, pager, feeds, search) would then all have to follow.

A browser opening a folder from file:// shows a directory listing instead of
its index.html, so every relative link to a directory URL (`../themen/`,
`..`, `./`) gets an explicit `index.html`. Only relative href values change;
external, absolute and fragment-only links stay as they are.
"""

from __future__ import annotations

import re

HREF = re.compile(r'(\shref=")([^"]*)(")')
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def file_url(url: str) -> str:
    """`../themen/` -> `../themen/index.html`, `..#top` -> `../index.html#top`; anything else unchanged."""
    if not url or _EXTERNAL.match(url):
        return url
    split = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:split], url[split:]
    if path.endswith("/"):
        return f"{path}index.html{rest}"
    if path.rsplit("/", 1)[-1] in (".", ".."):
        return f"{path}/index.html{rest}"
    return url


def file_links(html: str) -> str:
    """The page with every relative directory link pointing at the directory's index.html."""
    return HREF.sub(lambda m: m.group(1) + file_url(m.group(2)) + m.group(3), html)
