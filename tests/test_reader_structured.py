"""Structured data: AMB JSON-LD valid against the vendored AMB schema, inert in <script>; link previews."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from markupsafe import escape
from referencing import Registry, Resource

from conftest import FIXTURE_SITE_NAME, REPO, VALID_PAPER
from mediathek.pages import pipeline
from mediathek.pages.linkeddata import script_json
from mediathek.site.stage import load_settings

AMB_DIR = Path(__file__).parent / "vendor" / "amb" / "schemas"
AMB_BASE = "https://w3id.org/kim/amb/20231019/schemas/"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
HOSTILE_TITLE = 'Böse </script><script>alert(1)</script> <!-- & "Zitat" {Klammer'


@pytest.fixture(scope="module")
def amb() -> Draft202012Validator:
    resources = []
    for path in AMB_DIR.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    registry = Registry().with_resources(resources)  # no retrieve: an unknown $ref fails instead of fetching
    schema = registry.contents(AMB_BASE + "schema.json")
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(validator: Draft202012Validator, data: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def json_ld_of(html: str) -> dict:
    scripts = JSON_LD.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_vendored_schema_is_complete_and_offline(amb):
    ids = {json.loads(p.read_text(encoding="utf-8"))["$id"] for p in AMB_DIR.glob("*.json")}
    refs = {r for p in AMB_DIR.glob("*.json") for r in re.findall(r'"\$ref": "([^"]+)"', p.read_text(encoding="utf-8"))}
    assert refs <= ids
    assert all(i.startswith(AMB_BASE) for i in ids)
    # the schema bites: a record without LearningResource or with a licence string is rejected
    assert errors(amb, {"@context": ["https://w3id.org/kim/amb/context.jsonld", {"@language": "de"}], "id": "https://x.de/", "name": "x", "type": ["Article"]})
    context = ["https://w3id.org/kim/amb/context.jsonld", {"@language": "de"}]
    record = {"@context": context, "id": "https://x.de/", "name": "x", "type": ["LearningResource"], "license": "CC-BY-4.0"}
    assert any("license" in e for e in errors(amb, record))


def test_every_entry_page_has_valid_amb_json_ld(built_site, amb):
    real = pipeline.check(REPO)
    assert real.entries
    for entry in real.entries:
        html = (built_site / "mediathek" / entry.slug / "index.html").read_text(encoding="utf-8")
        data = json_ld_of(html)
        assert errors(amb, data) == [], entry.slug
        assert data["name"] == entry.title
        assert data["id"].endswith(f"/mediathek/{entry.slug}/")
        assert "LearningResource" in data["type"]
        assert data["datePublished"] == entry.date.isoformat()
        assert [c["name"] for c in data["creator"]] == list(entry.authors)
        assert data["license"]["id"].startswith("https://creativecommons.org/")
        topic_ids = [a["id"] for a in data["about"][1:]]
        assert [i.rstrip("/").rsplit("/", 1)[1] for i in topic_ids] == list(entry.topics)


def test_hostile_values_stay_inert_in_json_ld(repo, amb):
    paper = VALID_PAPER.replace('title: "Eine Projektarbeit"', "title: " + json.dumps(HOSTILE_TITLE))
    paper = paper.replace('authors: ["Projektgruppe Verstetigung"]', 'authors: ["Gruppe </script><!--"]')
    repo.entry("eine-projektarbeit", paper)
    result = pipeline.check(repo.root)
    assert result.problems == []
    site = pipeline.generate(result, site_url="https://example.org/wsn/", site_name=FIXTURE_SITE_NAME)
    head = site.head["mediathek/eine-projektarbeit/index.md"]
    script = JSON_LD.findall(head)
    assert len(script) == 1  # the title did not close the element or open another one
    assert "<" not in script[0] and ">" not in script[0] and "&" not in script[0]
    data = json.loads(script[0])
    assert data["name"] == HOSTILE_TITLE
    assert data["creator"] == [{"type": "Organization", "name": "Gruppe </script><!--"}]
    assert errors(amb, data) == []
    # meta tags escape as HTML attributes
    assert '<meta property="og:title" content="Böse &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;' in head
    assert "<script>alert(1)" not in head


def test_script_json_keeps_the_value():
    value = {"a": "</script><!-- & >", "b": ["\u2028"]}
    text = str(script_json(value))
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == value


def test_link_previews_on_entry_and_generated_pages(built_site):
    real = pipeline.check(REPO)
    entry = real.entries[0]
    html = (built_site / "mediathek" / entry.slug / "index.html").read_text(encoding="utf-8")
    for prop, value in [("og:type", "article"), ("og:locale", "de_DE"), ("og:site_name", escape(load_settings(REPO).site_name))]:
        assert f'<meta property="{prop}" content="{value}">' in html
    assert '<meta property="og:url" content="https://' in html and f'/mediathek/{entry.slug}/">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    slug, topic_model = next(iter(real.model.topics.items()))
    topic = (built_site / "themen" / slug / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:title" content="{escape(topic_model.title)}">' in topic
    assert '<meta property="og:type" content="website">' in topic
