"""The GitHub side: workflows secure by construction, valid forms and configs, annotations on the PR diff."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mediathek import pipeline
from mediathek.contentmodel import load_content_model

from conftest import REPO, VALID_PAPER

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
# `uses: owner/action@<full commit SHA> # vX.Y.Z`: the form Dependabot reads and updates.
PINNED_USE = re.compile(r"^ *(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


SCHEMAS = {
    "vendor.github-workflows": [str(p.relative_to(REPO)) for p in WORKFLOWS],
    "vendor.github-issue-forms": [".github/ISSUE_TEMPLATE/neuer-eintrag.yml"],
    "vendor.github-issue-config": [".github/ISSUE_TEMPLATE/config.yml"],
    "vendor.dependabot": [".github/dependabot.yml"],
}


@pytest.fixture(scope="module")
def tools() -> dict[str, subprocess.CompletedProcess]:
    """zizmor, check-jsonschema and yamllint, run side by side: together they take as long as the slowest."""
    commands = {
        "zizmor": ["zizmor", "--offline", "--persona", "pedantic", "--no-progress", ".github/"],
        "yamllint": ["yamllint", "--strict", "--format", "parsable", "."],
        **{schema: ["check-jsonschema", "--builtin-schema", schema, *paths] for schema, paths in SCHEMAS.items()},
    }
    running = {
        name: subprocess.Popen(
            [str(BIN / command[0]), *command[1:]], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name, command in commands.items()
    }
    results = {}
    for name, process in running.items():
        stdout, stderr = process.communicate(timeout=120)
        results[name] = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    return results


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_zizmor_finds_nothing_even_pedantic(tools):
    done = tools["zizmor"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


@pytest.mark.parametrize("schema", sorted(SCHEMAS))
def test_github_files_match_their_schemas(tools, schema):
    done = tools[schema]
    assert done.returncode == 0, done.stdout + done.stderr


def test_yamllint_is_clean(tools):
    done = tools["yamllint"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


def test_workflows_are_secure_by_construction():
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "pr.yml"]
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        workflow = load(path)
        assert set(workflow["on"]) <= {"pull_request", "push", "workflow_dispatch"}, path.name
        assert workflow["permissions"] == {}, path.name
        for job in workflow["jobs"].values():
            assert "permissions" in job and job.get("timeout-minutes"), path.name
        uses = [line for line in text.splitlines() if re.match(r"^ *(?:- )?uses:", line)]
        assert uses and all(PINNED_USE.match(line) for line in uses), uses
        for step in steps(workflow):
            assert "${{" not in step.get("run", ""), f"{path.name}: pass expressions to run: through env:"
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["cache"] == "pip"
                assert step["with"]["cache-dependency-path"].split() == ["requirements.txt", "requirements-dev.txt"]


def test_pull_requests_run_the_local_targets_and_upload_an_offline_preview():
    workflow = load(GITHUB / "workflows" / "pr.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert list(workflow["jobs"]) == ["pruefen", "zensical"]
    job = workflow["jobs"]["pruefen"]
    assert job["permissions"] == {"contents": "read"}
    runs = [(s.get("run"), s.get("env", {})) for s in job["steps"] if "run" in s]
    assert runs == [("make check", {}), ("make test", {}), ("make build", {"MEDIATHEK_OFFLINE": "true"})]
    upload = job["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"] == "site/"
    zensical = workflow["jobs"]["zensical"]
    assert zensical["permissions"] == {"contents": "read"}
    assert [s["run"] for s in zensical["steps"] if "run" in s] == ["make zensical"]


def test_main_is_built_and_deployed_to_github_pages():
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "github-pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"].values()
    assert build["permissions"] == {"contents": "read"}
    assert [s["run"] for s in build["steps"] if "run" in s] == ["make build"]
    assert build["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_issue_form_offers_exactly_the_content_model_vocabulary():
    model = load_content_model(REPO / "projects", REPO)
    form = load(GITHUB / "ISSUE_TEMPLATE" / "neuer-eintrag.yml")
    options = {item["id"]: item["attributes"]["options"] for item in form["body"] if item["type"] == "dropdown"}
    hint = "The form must offer what projects/_*.yml allows; update .github/ISSUE_TEMPLATE/neuer-eintrag.yml."
    assert options == {
        "art": [t.label for t in model.types.values()],
        "themen": [t.title for t in model.topics.values()],
        "bundesland": list(model.bundeslaender),
        "organisation": list(model.organisations),
        "netzwerk": list(model.networks),
    }, hint


def test_dependabot_updates_pip_and_actions():
    config = load(GITHUB / "dependabot.yml")
    assert sorted(u["package-ecosystem"] for u in config["updates"]) == ["github-actions", "pip"]


def test_codeowners_cover_everything_and_the_automation():
    lines = [line.split() for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()]
    rules = {parts[0]: parts[1:] for parts in lines if parts and not parts[0].startswith("#")}
    assert rules["*"] and rules["/.github/"]


def test_annotations_are_one_line_per_problem_with_file_and_line(repo):
    repo.entry("a", VALID_PAPER.replace("2026-11-26", "gestern").replace("Ein Text", "Text\n# Zweiter Titel"))
    repo.entry("b", VALID_PAPER.replace("Eine Projektarbeit", "B").replace("verstetigung]", "unbekannt]"))
    (repo.projects / "Ohne Index").mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "GITHUB_ACTIONS": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "mediathek", "check"], cwd=repo.root, env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    problems = pipeline.check(repo.root).problems
    annotations = [line for line in done.stderr.splitlines() if line.startswith("::")]
    assert len(annotations) == len(problems) == 4
    where = [re.match(r"::error file=([^,:]+)(?:,line=(\d+))?::\S", a).groups() for a in annotations]
    assert where == [
        ("projects/Ohne Index", None),
        ("projects/a/index.md", "4"),
        ("projects/a/index.md", "14"),
        ("projects/b/index.md", "6"),
    ]
    assert annotations[1].endswith("„gestern“ ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie zum Beispiel date: 2026-11-26.")
