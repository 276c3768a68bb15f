"""catalog.json: every entry as open data, valid against its published, documented JSON Schema."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from conftest import REPO
from mediathek.pages import pipeline
from mediathek.site import stage


def validator(schema: dict) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_catalog_matches_its_schema_and_lists_every_entry(built_site):
    real = pipeline.check(REPO)
    site_url = stage.load_settings(REPO).site_url or ""
    catalog = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "catalog.schema.json").read_text(encoding="utf-8"))
    assert [e.message for e in validator(schema).iter_errors(catalog)] == []
    assert catalog["$schema"] == schema["$id"]
    assert schema["$id"].endswith("/catalog.schema.json")
    by_slug = {e["slug"]: e for e in catalog["entries"]}
    assert len(by_slug) == len(catalog["entries"]) == len(real.entries)
    for entry in real.entries:
        record = by_slug[entry.slug]
        assert record["title"] == entry.title
        assert record["date"] == entry.date.isoformat()
        assert record["authors"] == list(entry.authors)
        assert [t["slug"] for t in record["tags"]] == list(entry.tags)
        assert [t["slug"] for t in record["topics"]] == list(entry.topics)
        assert record["license"]["spdx"] == entry.license
        assert record["bundesland"] == real.model.real_bundesland(entry)  # a fact only: never a constructed case's Land
        assert len(record["attachments"]) == len(entry.attachments)
        assert record["url"].endswith(f"/mediathek/{entry.slug}/")
        for target in (record["citation"]["bibtex"], record["citation"]["ris"]):
            assert target.startswith(site_url) and (built_site / target.removeprefix(site_url)).is_file()


def test_schema_is_documented_in_german_and_english(built_site):
    schema = json.loads((built_site / "catalog.schema.json").read_text(encoding="utf-8"))
    entry = schema["$defs"]["entry"]
    assert set(entry["required"]) == set(entry["properties"])
    for name, prop in entry["properties"].items():
        described = prop.get("description", "")
        assert " / " in described, name  # „Deutsch / English“


def test_schema_rejects_a_broken_record(built_site):
    schema = json.loads((built_site / "catalog.schema.json").read_text(encoding="utf-8"))
    catalog = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))
    broken = dict(catalog["entries"][0], date="26.11.2026")
    del broken["title"]
    messages = [e.message for e in validator(schema).iter_errors(dict(catalog, entries=[broken]))]
    assert any("'title' is a required property" in m for m in messages)
    assert any("is not a 'date'" in m for m in messages)
