"""Injection: active HTML and unsafe URLs in entry bodies are refused; front-matter values come out as text."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
import yaml

from conftest import FIXTURE_SITE_NAME, REPO, VALID_EXAMPLE, VALID_PAPER
from mediathek.content.body import unsafe_scheme
from mediathek.content.sitemarkdown import SiteMarkdown
from mediathek.pages import pipeline


def tag(name: str) -> str:
    return (
        f"HTML-Element <{name}> ist nicht erlaubt. Schreiben Sie den Inhalt als Markdown; "
        "Skripte, eingebettete Seiten und Formulare können wir nicht veröffentlichen."
    )


def attribute(name: str) -> str:
    return f"HTML-Attribut „{name}“ ist nicht erlaubt: Es führt beim Lesen Programmcode aus. Entfernen Sie es."


def scheme(name: str) -> str:
    return f"Adressen mit „{name}:“ sind nicht erlaubt. Verlinken Sie nur http(s)-Adressen, andere Einträge oder Dateien des Eintrags."


STYLE = "HTML-Attribut „style“ ist nicht erlaubt. Die Gestaltung übernimmt die Website; entfernen Sie es."
REMOTE = (
    "Bilder und Medien von fremden Servern sind nicht erlaubt (sie würden die IP-Adresse der Lesenden weitergeben). "
    "Legen Sie die Datei in den Ordner des Eintrags."
)
FIRST = 15  # the line where a snippet appended to VALID_PAPER after an empty line starts

# snippet -> [(line offset from FIRST, message)]
REFUSED = {
    "<script>alert(1)</script>": [(0, tag("script"))],
    "<ScRiPt>alert(1)</sCrIpT>": [(0, tag("script"))],
    "<script\n>alert(1)</script\n>": [(0, tag("script")), (1, tag("script"))],
    "</script><script>window.__pwned=1</script>": [(0, tag("script"))],
    '<iframe src="https://example.org"></iframe>': [(0, tag("iframe"))],
    "<object data=x.pdf></object>": [(0, tag("object"))],
    "<embed src=x.pdf>": [(0, tag("embed"))],
    '<form action="https://example.org"><input name=q></form>': [(0, tag("form")), (0, tag("input"))],
    "<svg/onload=alert(1)>": [(0, attribute("onload")), (0, tag("svg"))],
    "<style>body{display:none}</style>": [(0, tag("style"))],
    '<img src=x.png alt="x" onerror="alert(1)">': [(0, attribute("onerror"))],
    "<IMG SRC=x.png ALT=x OnErRoR=alert(1)>": [(0, attribute("onerror"))],
    "<img\nsrc=x.png\nalt=x\nonerror=alert(1)>": [(0, attribute("onerror"))],
    "<img/src=x.png/alt=x/onerror=alert(1)>": [(0, attribute("onerror"))],
    "<img src=x.png alt=x onerror=alert(1)//": [(0, attribute("onerror"))],
    '<a href="#x" title=">" onclick="alert(1)">x</a>': [(0, attribute("onclick"))],
    "<details open ontoggle=alert(1)>x</details>": [(0, attribute("ontoggle"))],
    '<a href="javascript:alert(1)">x</a>': [(0, scheme("javascript"))],
    '<a href="JaVaScRiPt:alert(1)">x</a>': [(0, scheme("javascript"))],
    '<a href=" javascript:alert(1)">x</a>': [(0, scheme("javascript"))],
    '<a href="&#106;avascript:alert(1)">x</a>': [(0, scheme("javascript"))],
    '<a href="&#x6A;avascript&#58;alert(1)">x</a>': [(0, scheme("javascript"))],
    '<a href="java&#x09;script:alert(1)">x</a>': [(0, scheme("javascript"))],
    '<a href="javascript&colon;alert(1)">x</a>': [(0, scheme("javascript"))],
    '<a href="vbscript:msgbox(1)">x</a>': [(0, scheme("vbscript"))],
    "[x](javascript:alert(1))": [(0, scheme("javascript"))],
    "[x](JAVASCRIPT:alert(1))": [(0, scheme("javascript"))],
    "[x]( javascript:alert(1) )": [(0, scheme("javascript"))],
    "[x](<javascript:alert(1)>)": [(0, scheme("javascript"))],
    "[x](&#106;avascript:alert(1))": [(0, scheme("javascript"))],
    "[klick\nmich](javascript:alert(1))": [(1, scheme("javascript"))],
    "[x][ref]\n\n[ref]: javascript:alert(1)": [(2, scheme("javascript"))],
    "[x][ref]\n\n[ref]:\n    javascript:alert(1)": [(3, scheme("javascript"))],
    "<javascript:alert(1)>": [(0, scheme("javascript"))],
    "[x](data:text/html;base64,PHNjcmlwdD4=)": [(0, scheme("data"))],
    "![Bild](data:image/png;base64,iVBORw0KGgo=)": [(0, scheme("data"))],
    '<div markdown="1">\n[x](javascript:alert(1))\n</div>': [(1, scheme("javascript"))],
    '## Abschnitt {: onclick="alert(1)" }\n\nText': [(0, attribute("onclick"))],
    "[x](https://example.org){: onmouseover=alert(1) }": [(0, attribute("onmouseover"))],
    '[x](https://example.org){: href="javascript:alert(1)" }': [(0, scheme("javascript"))],
    'Absatz\n{: style="position:fixed;inset:0" }': [(1, STYLE)],
    '<p style="position:fixed;inset:0">x</p>': [(0, STYLE)],
    '<img src="https://tracker.example/p.png" alt="x">': [(0, REMOTE)],
    '!!! note "<img src=x.png onerror=alert(1)>"\n    Text': [(0, attribute("onerror"))],
    # Found by the property test: a fence that never closes is text on the site, so is what follows it.
    "```\n<script>a()</script>\n``` <script>a()</script>": [(1, tag("script")), (2, tag("script"))],
    "```\n<script>a()</script>": [(1, tag("script"))],
}

INERT = (
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[Mail](mailto:redaktion@example.org) und [Telefon](tel:+49301234567)",
    "[Außen](https://example.org/pfad?a=1&b=2) und <https://example.org>",
    "- [x] erledigt\n- [ ] offen",
    "Text mit {geschweiften Klammern}, on=off und javascript als Wort.",
    "Open Data: ein Beispiel; data: als Wort am Satzanfang.",
)


@pytest.mark.parametrize("snippet", REFUSED)
def test_active_content_in_the_body_is_refused(repo, snippet):
    repo.entry("boese", VALID_PAPER + "\n" + snippet + "\n")
    found = [(p.line, p.message) for p in pipeline.check(repo.root).problems]
    assert found == [(FIRST + offset, message) for offset, message in REFUSED[snippet]]


@pytest.mark.parametrize("snippet", INERT)
def test_harmless_look_alikes_pass(repo, snippet):
    repo.entry("harmlos", VALID_PAPER + "\n" + snippet + "\n")
    assert pipeline.check(repo.root).problems == []


def test_the_validator_renders_with_the_extensions_and_options_of_mkdocs_yml():
    """One Markdown configuration: the validator's net reads mkdocs.yml, the site's own extension included."""
    site = SiteMarkdown.of_site(REPO)
    assert "mediathek.site.markdown_ext" in site.extensions and "attr_list" in site.extensions
    assert '"permalink": true' in site.options  # toc's options, as the site renders headings
    assert "headerlink" in site.converter.reset().convert("## Abschnitt")


# --- front-matter values are text everywhere ----------------------------------------------------------------

PAYLOADS = (
    '"><img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=1</script>",
    "<script>window.__pwned=1</script>",
    "javascript:window.__pwned=1",
    "[klick](javascript:window.__pwned=1) ![b](x.png)",
    "{{ 7*7 }} {% raw %}x{% endraw %} {# c #}",
    "' onmouseover='window.__pwned=1' x='",
    "<!-- --> ]]> &amp; &lt;b&gt; *betont* _x_ `code` # Titel",
)


def hostile_entries(repo) -> None:
    for number, payload in enumerate(PAYLOADS):
        quoted = payload.replace("'", "''")
        text = (
            VALID_EXAMPLE.replace('"Ein Praxisbeispiel"', f"'{quoted} {number}'")
            .replace('"Kurze Beschreibung des Beispiels."', f"'{quoted}'")
            .replace('["Redaktion der Wissenssammlung"]', f"['{quoted}', 'Redaktion']")
            .replace("(../eine-projektarbeit/index.md#zusammenfassung)", "(#ausgangslage)")
        )
        repo.entry(f"boese-{number}", text)


# Our templates may add forms, icons and links of their own; nothing that runs or embeds may come out.
FORBIDDEN = {"script", "iframe", "object", "embed", "base", "frame", "applet"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str], str]] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag == "script":
            self._script = attributes
        else:
            self.found.append((tag, attributes, ""))

    def handle_data(self, data):
        if self._script is not None:
            self.found.append(("script", self._script, data))
            self._script = None


def assert_inert_html(text: str, where: str, *, json_scripts: bool = False) -> None:
    """No element, attribute or URL that runs code; JSON-LD scripts (if allowed) must still be whole JSON."""
    parser = _Tags()
    parser.feed(text)
    parser.close()
    for name, attributes, content in parser.found:
        if name == "script" and json_scripts and attributes.get("type") == "application/ld+json":
            json.loads(content)  # a `</script>` from author text would have cut it short
            continue
        assert name not in FORBIDDEN and name != "script", (where, name, attributes)
        assert not (name == "img" and attributes.get("src") == "x"), (where, attributes)
        assert "http-equiv" not in attributes, (where, attributes)
        for key, value in attributes.items():
            assert not key.startswith("on"), (where, name, key)
            assert unsafe_scheme(html.unescape(value)) is None or key not in {"href", "src", "action", "formaction"}, (where, key, value)


def assert_inert_page(path: str, text: str) -> None:
    """One generated file, judged by what it is: Markdown page, head HTML, feed, JSON or plain-text citation."""
    if path.startswith("head:"):
        assert_inert_html(text, path, json_scripts=True)
    elif path.endswith(".md"):
        front, _, body = text[4:].partition("\n---\n") if text.startswith("---\n") else ("", "", text)
        meta = yaml.safe_load(front) or {}
        for key, value in meta.items():
            if isinstance(value, str):  # the theme prints these raw into attributes and <title>
                assert "<" not in value and '"' not in value, (path, key, value)
        assert_inert_html(SiteMarkdown.of_site(REPO).converter.reset().convert(body), path)
    elif path.endswith(".xml"):
        root = ElementTree.fromstring(text.encode("utf-8"))
        for element in root.iter():
            assert element.tag.rsplit("}", 1)[-1] != "script", path
            if element.get("type") in ("html", "xhtml") and element.text:
                assert_inert_html(element.text, path)
    elif path.endswith(".json"):
        json.loads(text)


def test_hostile_front_matter_is_accepted_and_rendered_inert_on_every_generated_page(repo):
    hostile_entries(repo)
    result = pipeline.check(repo.root)
    assert result.problems == []
    site = pipeline.generate(result, site_name=FIXTURE_SITE_NAME)
    assert len(site.pages) > len(PAYLOADS)
    for path, text in {**site.pages, **{f"head:{k}": v for k, v in site.head.items()}}.items():
        if isinstance(text, bytes):
            continue
        assert "49" not in text.replace("2026", "").replace("1049", ""), path  # {{ 7*7 }} is never evaluated
        assert_inert_page(path, text)
