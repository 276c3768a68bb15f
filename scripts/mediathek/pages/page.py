"""A generated page as staging writes it: its Markdown and what its <head>, the search and the edit link need."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str  # the Markdown source inside the staged docs tree, as MkDocs sees it (mediathek/<slug>/index.md)
    markdown: str
    title: str  # as the template set it for its front matter, for <head> and suche.json
    description: str
    head: str = ""  # extra HTML for its <head> (mediathek.pages.reader.page_head)
    searchable: bool = False  # Pagefind indexes it (entries); other generated pages are found through suche.json
    source: str | None = None  # the authored file it shows, relative to the repository (an entry's index.md)
