"""Going live (mediathek.site.golive): `make betrieb` lists what is unset or malformed for the chosen
kind of operator; the deploy workflow's build step refuses to publish placeholders unless the
operator declares a demo, which then says „Demo“ on every page. All on fixture settings."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import (
    OPERATOR_KINDS,
    REPO,
    VALID_EXAMPLE,
    VALID_PAPER,
    copy_checkout,
    copy_content_model,
    operator_settings,
    write_operator,
)
from mediathek.site.golive import pages_address, publish_refusal, readiness, report


def ready_for(name: str, *, demo: bool = False, **changes: object):
    fixture = operator_settings(name)
    operator = {**fixture["betreiber"], **{k: v for k, v in changes.items() if k not in ("site_url", "repo_url")}}
    site_url = str(changes.get("site_url", fixture["site_url"]))
    repo_url = str(changes.get("repo_url", fixture["repo_url"]))
    return readiness(operator, site_url, repo_url, {"demo": True} if demo else {})


@pytest.mark.parametrize("name", OPERATOR_KINDS)
def test_a_filled_operator_of_every_kind_is_ready(name):
    ready = ready_for(name)
    assert (ready.unset, ready.wrong, ready.ready) == ([], [], True)
    assert "Alles bereit" in "\n".join(report(ready))



def test_a_partly_accessible_site_without_its_exceptions_is_not_ready():
    settings = operator_settings("privat")
    operator = {**settings["betreiber"], "barrierefreiheit_status": "teilweise", "barrierefreiheit_ausnahmen": []}
    ready = readiness(operator, settings["site_url"], settings["repo_url"])
    assert not ready.ready
    assert "  - extra.betreiber.barrierefreiheit_ausnahmen: die Inhalte, die nicht barrierefrei sind" in "\n".join(report(ready))

def test_the_placeholders_are_all_listed_and_nothing_is_ready():
    ready = ready_for("platzhalter")
    assert ready.kind is None and not ready.ready
    listed = "\n".join(report(ready))
    for key in ("extra.betreiber.art", "extra.betreiber.name", "extra.betreiber.email", "repo_url", "site_url"):
        assert f"  - {key}: " in listed, key
    assert "Noch nicht bereit" in listed


def test_what_is_unset_depends_on_the_kind():
    private = ready_for("privat", datenschutzbeauftragte="", bundesland="[Bundesland]")
    assert private.ready  # a private operator needs neither a Land nor (always) an officer
    land = ready_for("land", bundesland="[Bundesland]", datenschutzbeauftragte="")
    assert [item.split(":")[0] for item in land.unset] == ["extra.betreiber.bundesland", "extra.betreiber.datenschutzbeauftragte"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"email": "redaktion(at)example.org"}, "extra.betreiber.email: „redaktion(at)example.org“ ist keine E-Mail-Adresse"),
    ({"art": "verein"}, "extra.betreiber.art: „verein“ ist kein erlaubter Wert"),
    ({"site_url": "wissen.example.org"}, "site_url: „wissen.example.org“ ist keine vollständige Adresse mit https://"),
    ({"site_url": "http://wissen.example.org/"}, "ist keine vollständige Adresse mit https://"),
    ({"site_url": "https://andere.github.io/wissenssammlung/"}, "Richtig ist „https://testbetreiber.github.io/wissenssammlung/“"),
    ({"site_url": "https://testbetreiber.github.io/wissenssammlung"}, "muss mit „/“ enden"),
    ({"repo_url": "https://gitlab.com/x/y"}, "ist eine GitHub-Pages-Adresse, aber repo_url"),
])
def test_set_values_are_checked(changes, message):
    ready = ready_for("privat", **changes)
    assert not ready.ready and any(message in item for item in ready.wrong), ready.wrong
    assert publish_refusal(ready)  # a malformed setting stops publishing, demo or not


def test_a_custom_domain_is_accepted():
    assert ready_for("privat", site_url="https://wissen.example.org/").ready


def test_pages_address_of_a_repository():
    assert pages_address("https://github.com/Owner/repo") == "https://owner.github.io/repo/"
    assert pages_address("https://github.com/owner/owner.github.io/") == "https://owner.github.io/"
    assert pages_address("https://gitlab.com/owner/repo") is None


def test_a_demo_may_publish_placeholders_but_is_not_ready():
    demo = ready_for("platzhalter", demo=True)
    assert publish_refusal(demo) is None and not demo.ready
    assert "extra.demo: true" in "\n".join(report(demo))
    assert publish_refusal(ready_for("platzhalter")).startswith("FEHLER: Die Website wird nicht veröffentlicht")
    assert publish_refusal(ready_for("privat")) is None


def test_make_betrieb_reports_in_german_with_its_exit_code(tmp_path):
    for name, code in (("platzhalter", 1), ("privat", 0)):
        root = tmp_path / name
        root.mkdir()
        (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
        write_operator(root / "mkdocs.yml", operator_settings(name))
        done = subprocess.run(
            [str(REPO / ".venv" / "bin" / "python"), "-m", "mediathek", "betrieb"], cwd=root,
            env={**os.environ, "PYTHONPATH": str(REPO / "scripts")}, capture_output=True, text=True,
        )
        assert done.returncode == code, done.stdout + done.stderr
        assert done.stdout.startswith("Betrieb: Angaben in mkdocs.yml geprüft") and "Traceback" not in done.stderr


# ---------------------------------------------------------------- the deploy guard, run as the workflow runs it


def deploy_build_step() -> dict:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    (step,) = [s for job in workflow["jobs"].values() for s in job["steps"] if s.get("run", "").startswith("make build")]
    return step


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """This checkout's code and pages with two fixture entries: the operator settings are the variable."""
    root = copy_checkout(tmp_path_factory.mktemp("deploy") / "checkout", entries=False)
    copy_content_model(root / "projects", word_limits=False)
    for slug, text in (("eine-projektarbeit", VALID_PAPER), ("ein-praxisbeispiel", VALID_EXAMPLE)):
        (root / "projects" / slug).mkdir()
        (root / "projects" / slug / "index.md").write_text(text, encoding="utf-8")
    (root / ".venv").symlink_to(REPO / ".venv")
    return root


def run_deploy_step(root: Path, name: str, *, demo: bool) -> subprocess.CompletedProcess:
    write_operator(root / "mkdocs.yml", operator_settings(name), demo=demo)
    step = deploy_build_step()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **{k: str(v) for k, v in (step.get("env") or {}).items()}}
    return subprocess.run(["bash", "-eo", "pipefail", "-c", step["run"]], cwd=root, env=env, capture_output=True, text=True)


@pytest.mark.build
def test_the_deploy_step_refuses_placeholders_without_the_demo_setting(checkout):
    (checkout / "site").mkdir(exist_ok=True)
    (checkout / "site" / "alt.html").write_text("alt", encoding="utf-8")
    done = run_deploy_step(checkout, "platzhalter", demo=False)
    assert done.returncode != 0
    assert "FEHLER: Die Website wird nicht veröffentlicht" in done.stderr and "extra.betreiber.name" in done.stderr
    assert "extra.demo: true" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in (checkout / "site").iterdir()] == ["alt.html"]  # nothing built, nothing replaced


@pytest.mark.build
def test_the_deploy_step_publishes_a_declared_demo_with_a_notice_on_every_page(checkout, browser):
    from browser import axe_violations, serve

    done = run_deploy_step(checkout, "platzhalter", demo=True)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = sorted((checkout / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "<article" in html:  # a page of the site, not a redirect stub
            assert re.search(r'<aside class="md-banner">.*?<strong>Demo:</strong> Die Angaben zum Betreiber fehlen noch', html, re.DOTALL), page
    # The notice is seen and accessible (WCAG 2.1 AA) in both colour schemes, on a phone too.
    with serve(checkout / "site") as url:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})
            tab = context.new_page()
            tab.goto(url + "impressum/", wait_until="networkidle")
            assert tab.locator(".md-banner").is_visible() and "Demo:" in tab.locator(".md-banner").inner_text()
            assert [v["id"] for v in axe_violations(tab)] == [], scheme
            context.close()


@pytest.mark.build
def test_the_deploy_step_publishes_a_filled_operator_without_a_notice(checkout):
    done = run_deploy_step(checkout, "privat", demo=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "HINWEIS" not in done.stderr
    index = (checkout / "site" / "index.html").read_text(encoding="utf-8")
    assert "Demo:" not in index and "md-banner" not in index
    assert operator_settings("privat")["betreiber"]["name"] in (checkout / "site" / "impressum" / "index.html").read_text(encoding="utf-8")

