"""How to cite an entry: a German APA-like sentence, BibTeX and RIS. Pure functions over one entry.

site_name is the name the operator gives the site (mkdocs.yml `site_name`): the publication an entry appears in.

Every value is collapsed to one line first, so author text can never start a
new RIS tag or BibTeX field; BibTeX specials are escaped so an unbalanced brace
in a title cannot end the field early.
"""

from __future__ import annotations

from ..content.model import ContentModel, Entry

BIBTEX_FILE = "zitat.bib"
RIS_FILE = "zitat.ris"

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_TABLE = str.maketrans(_BIBTEX_SPECIALS)


def one_line(value: object) -> str:
    return " ".join(str(value).split())


def author_list(authors: tuple[str, ...]) -> str:
    """„A“, „A & B“, „A, B & C“ as APA writes them."""
    names = [one_line(a) for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]


def citation_text(entry: Entry, url: str, site_name: str) -> str:
    """Autor*innen (Jahr). Titel. Name der Website. URL"""
    title = one_line(entry.title)
    end = "" if title.endswith(("?", "!", ".")) else "."
    return f"{author_list(entry.authors)} ({entry.date.year}). {title}{end} {one_line(site_name)}. {url}"


def bibtex_escape(value: object) -> str:
    return one_line(value).translate(_BIBTEX_TABLE)


def bibtex(entry: Entry, model: ContentModel, url: str, site_name: str) -> str:
    # Authors are groups: double braces keep BibTeX from splitting them into first and last names.
    authors = " and ".join("{" + bibtex_escape(a) + "}" for a in entry.authors)
    fields = [
        ("author", authors),
        ("title", bibtex_escape(entry.title)),
        ("howpublished", bibtex_escape(site_name)),
        ("year", str(entry.date.year)),
        ("date", entry.date.isoformat()),
        ("url", url),
        ("language", "ngerman"),
        ("keywords", bibtex_escape(", ".join(model.tags[t].label for t in entry.tags))),
        ("note", bibtex_escape(model.type_label(entry))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{entry.slug},\n{body}\n}}\n"


def ris(entry: Entry, model: ContentModel, url: str, site_name: str) -> str:
    lines = [("TY", "ELEC"), ("TI", entry.title)]
    lines += [("AU", author) for author in entry.authors]
    lines += [
        ("PY", str(entry.date.year)),
        ("DA", entry.date.strftime("%Y/%m/%d/")),
        ("T2", site_name),
        ("AB", entry.description),
        ("UR", url),
        ("LA", "de"),
        ("M3", model.type_label(entry)),
    ]
    lines += [("KW", model.tags[t].label) for t in entry.tags]
    lines.append(("ER", ""))
    # The RIS specification ends every line with CR LF.
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines)
