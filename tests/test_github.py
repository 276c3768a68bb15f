"""The GitHub side: workflows secure by construction, valid forms and configs, annotations on the PR diff."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, VALID_PAPER
from mediathek.authoring import issueform
from mediathek.content.contentmodel import load_content_model
from mediathek.pages import pipeline

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


@pytest.mark.live  # lints the checkout's mkdocs.yml and projects/*.yml too: the scenario's copy must pass as well
def test_yamllint_is_clean(tools):
    done = tools["yamllint"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


def test_workflows_are_secure_by_construction():
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "eintrag-aus-issue.yml", "pr.yml"]
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        workflow = load(path)
        assert set(workflow["on"]) <= {"pull_request", "push", "workflow_dispatch", "issues"}, path.name
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


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (REPO / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE))


def run_steps(job: dict) -> list[tuple[str, dict]]:
    return [(s["run"].strip(), s.get("env", {})) for s in job["steps"] if "run" in s]


def test_pull_requests_run_the_local_targets_and_upload_an_offline_preview():
    """What a PR needs, not a copy of today's step list: every step is a make target an author can
    run locally; the check comes first (annotations even if a later step fails); the preview is the
    offline build; Zensical builds once, inside `make test` (tests/test_zensical.py)."""
    workflow = load(GITHUB / "workflows" / "pr.yml")
    assert list(workflow["on"]) == ["pull_request"]
    commands = [command for job in workflow["jobs"].values() for command, _ in run_steps(job)]
    assert commands and all(c.startswith("make ") and c.split()[1] in make_targets() for c in commands), commands
    assert commands.index("make check") < commands.index("make test")
    assert not any("zensical" in c for c in commands), "Zensical builds once per PR: in make test"
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
        steps = run_steps(job)
        if ("make build", {"MEDIATHEK_OFFLINE": "true"}) in steps:
            upload = job["steps"][-1]
            assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"] == "site/"
            break
    else:
        raise AssertionError("no job builds the offline preview")


def test_main_is_built_and_deployed_to_github_pages():
    """The publishing build's guard itself is run in tests/test_golive.py."""
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "github-pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"].values()
    assert build["permissions"] == {"contents": "read"}
    assert all(c.startswith("make ") and c.split()[1] in make_targets() for c, _ in run_steps(build))
    assert build["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert all(s["uses"].startswith("actions/deploy-pages@") for s in deploy["steps"])


ISSUE_WORKFLOW = GITHUB / "workflows" / "eintrag-aus-issue.yml"


def label_of_issue_workflow() -> str:
    """The label that starts the conversion: named once, in the job's condition."""
    (label,) = re.findall(r"github\.event\.label\.name == '([^']+)'", ISSUE_WORKFLOW.read_text(encoding="utf-8"))
    return label


def values(node, path=()):
    """Every string in a loaded workflow with the keys leading to it."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from values(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from values(value, (*path, index))
    elif isinstance(node, str):
        yield path, node


def test_issue_data_reaches_the_issue_workflow_only_through_env():
    workflow = load(ISSUE_WORKFLOW)
    seen = []
    for path, value in values(workflow):
        if "github.event.issue" not in value:
            continue
        seen.append(path)
        if path[-1] == "if":  # a condition is evaluated, never pasted into a command
            assert "${{" not in value
        elif path == ("concurrency", "group"):  # an integer GitHub assigns
            assert re.findall(r"\$\{\{[^}]*\}\}", value) == ["${{ github.event.issue.number }}"]
        else:
            assert path[-2] == "env" and re.fullmatch(r"\$\{\{ github\.event\.issue\.(body|number) \}\}", value), path
    assert ("jobs", "anlegen", "if") in seen
    (step,) = [s for s in steps(workflow) if "BODY" in s.get("env", {})]
    assert step["env"]["BODY"] == "${{ github.event.issue.body }}"
    assert step["run"].startswith("printf '%s' \"$BODY\" > \"$RUNNER_TEMP/issue.md\"\n")
    assert "-m mediathek aus-issue" in step["run"] and '--body-file "$RUNNER_TEMP/issue.md"' in step["run"]
    assert step["run"].count("$BODY") == 1


def test_issue_workflow_runs_on_the_label_with_least_privilege_and_opens_a_pull_request():
    text = ISSUE_WORKFLOW.read_text(encoding="utf-8")
    workflow = load(ISSUE_WORKFLOW)
    assert workflow["on"] == {"issues": {"types": ["labeled"]}}
    assert workflow["name"] == "Eintrag aus Issue"
    label = label_of_issue_workflow()
    assert text.count(label) == 1, "the label is named in the condition only; steps take it from the event"
    form = load(GITHUB / "ISSUE_TEMPLATE" / "neuer-eintrag.yml")
    create, comment = workflow["jobs"]["anlegen"], workflow["jobs"]["rueckmelden"]
    assert f"contains(github.event.issue.labels.*.name, '{form['labels'][0]}')" in create["if"]
    assert "github.event.issue.state == 'open'" in create["if"]
    assert create["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert comment["permissions"] == {"issues": "write"}
    assert comment["needs"] == "anlegen" and "uses" not in str(comment["steps"])
    runs = [s.get("run", "") for s in create["steps"]]
    assert runs.count("make check") == 2, "main is checked before, the new entry after the conversion"
    (push,) = [s for s in create["steps"] if "git push" in s.get("run", "")]
    assert push["env"]["GH_TOKEN"] == "${{ secrets.EINTRAG_PR_TOKEN || github.token }}"
    assert push["run"].startswith('branch="eintrag-aus-issue-$ISSUE"\n')
    assert 'remote="https://x-access-token:${GH_TOKEN}@' in push["run"] and 'git push --quiet "$remote"' in push["run"]
    assert '--body-file "$RUNNER_TEMP/bericht.md"' in push["run"]
    (answer,) = comment["steps"]
    refused = f'[ "$ERGEBNIS" = {issueform.EXIT_REFUSED} ] || [ "$ERGEBNIS" = {issueform.EXIT_CHECK_FAILED} ]'
    assert refused in answer["run"]
    assert 'gh issue comment "$ISSUE" --repo "$GITHUB_REPOSITORY" --body-file' in answer["run"]
    assert answer["env"]["LABEL"] == "${{ github.event.label.name }}" and '--remove-label "$LABEL"' in answer["run"]
    codes = re.search(r"# Exit codes of `aus-issue`: (.*?)\n *# Its report", text, re.DOTALL).group(1)
    for code in (issueform.EXIT_CREATED, issueform.EXIT_REFUSED, issueform.EXIT_INTERNAL, issueform.EXIT_CHECK_FAILED):
        assert f"{code} " in codes


def test_maintainers_and_authors_learn_about_the_label():
    label = label_of_issue_workflow()
    assert f"`{label}`" in (REPO / "MAINTAINING.md").read_text(encoding="utf-8")
    assert "EINTRAG_PR_TOKEN" in (REPO / "MAINTAINING.md").read_text(encoding="utf-8")
    assert "Pull Request" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## Weg C", 1)[1].split("\n## ", 1)[0]


def test_issue_form_offers_exactly_the_content_model_vocabulary():
    model = load_content_model(REPO / "projects", REPO)
    form = load(GITHUB / "ISSUE_TEMPLATE" / "neuer-eintrag.yml")
    options = {item["id"]: item["attributes"]["options"] for item in form["body"] if item["type"] == "dropdown"}
    hint = "The form must offer what projects/_*.yml allows; update .github/ISSUE_TEMPLATE/neuer-eintrag.yml."
    assert options == {
        "art": [t.label for t in model.types.values()],
        "themen": [t.title for t in model.topics.values()],
        "fall": [c.label for c in model.cases.values()],
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
    repo.entry("a", VALID_PAPER.replace("2026-11-26", "gestern").replace("Ein Text", "Text\n# Zweiter Titel\n\nMehr Text."))
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


FAKE_GH = """#!/bin/bash
# Records each call and the text of every --body-file, as the real gh would send it.
printf '%s\\n' "$*" >> "$GH_LOG"
previous=""
for argument in "$@"; do
  if [ "$previous" = "--body-file" ]; then cat "$argument" >> "$GH_LOG.body"; fi
  previous="$argument"
done
"""


def run_step(step: dict, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """A workflow step's run: block under bash as GitHub runs it (-e, pipefail), with its env: and ours."""
    step_env = {key: value for key, value in step.get("env", {}).items() if "${{" not in value}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env={**os.environ, **step_env, **env},
        capture_output=True,
        text=True,
    )


def test_issue_workflow_steps_convert_push_and_comment_as_written(tmp_path):
    """The run: blocks of eintrag-aus-issue.yml on a scratch clone, a local remote and a stand-in for gh."""
    import shutil

    from test_issueform import good_answers, render

    from conftest import copy_content_model

    workflow = load(ISSUE_WORKFLOW)
    create, comment = workflow["jobs"]["anlegen"]["steps"], workflow["jobs"]["rueckmelden"]["steps"]
    (convert,) = [s for s in create if s.get("id") == "umwandeln"]
    (push,) = [s for s in create if "git push" in s.get("run", "")]
    clone, remote, runner, tools = (tmp_path / name for name in ("clone", "remote.git", "runner", "bin"))
    for folder in (clone / "projects", clone / ".github" / "ISSUE_TEMPLATE", runner, tools):
        folder.mkdir(parents=True)
    copy_content_model(clone / "projects", word_limits=False)  # a short proposal: this test is about the workflow
    shutil.copy(REPO / "mkdocs.yml", clone / "mkdocs.yml")
    shutil.copy(GITHUB / "ISSUE_TEMPLATE" / "neuer-eintrag.yml", clone / ".github" / "ISSUE_TEMPLATE")
    (clone / "scripts").symlink_to(REPO / "scripts")
    (clone / ".venv").symlink_to(sys.prefix)  # the virtual environment running the tests
    (clone / ".gitignore").write_text(".venv\nscripts\n", encoding="utf-8")
    (tools / "gh").write_text(FAKE_GH, encoding="utf-8")
    (tools / "gh").chmod(0o755)
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(clone)], check=True)
    subprocess.run([*git, "-C", str(clone), "add", "."], check=True)
    subprocess.run([*git, "-C", str(clone), "commit", "--quiet", "-m", "main"], check=True)
    url = "https://x-access-token:geheim@github.com/owner/repo.git"
    github = {
        "RUNNER_TEMP": str(runner),
        "GITHUB_OUTPUT": str(runner / "output"),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "owner/repo",
        "GITHUB_RUN_ID": "99",
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(tmp_path / "gh.log"),
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{remote}.insteadOf",
        "GIT_CONFIG_VALUE_0": url,
        "PYTHONPATH": "",
    }
    attack = "$(touch pwned) `touch pwned` ${{ github.token }}"  # run in a shell, each would leave a file "pwned"
    body = render(good_answers("projektarbeit", titel=f"Angriff {attack}", text=f"## Zusammenfassung\n\n{attack}"))

    done = run_step(convert, clone, BODY=body, ISSUE="12", **github)
    assert done.returncode == 0, done.stderr
    output = (runner / "output").read_text(encoding="utf-8")
    assert output.startswith("ergebnis=0\nbericht<<BERICHT_") and "\nCloses #12\n" in output, done.stderr
    (entry,) = (clone / "projects").glob("*/index.md")
    assert entry.read_text(encoding="utf-8").count(attack) == 2

    done = run_step(push, clone, GH_TOKEN="geheim", ISSUE="12", BASE="main", **github)
    assert done.returncode == 0, done.stderr
    log = subprocess.run(
        ["git", "-C", str(remote), "log", "--name-only", "--format=%s", "eintrag-aus-issue-12"], capture_output=True, text=True
    ).stdout
    assert log.startswith(f"Neuer Eintrag aus Issue #12\n\nprojects/{entry.parent.name}/index.md\n")
    calls = (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert calls.startswith("pr create --repo owner/repo --base main --head eintrag-aus-issue-12 --title Neuer Eintrag aus Issue #12 ")
    assert "Closes #12" in (tmp_path / "gh.log.body").read_text(encoding="utf-8")

    again = run_step(push, clone, GH_TOKEN="geheim", ISSUE="12", BASE="main", **github)
    assert again.returncode == 1 and again.stdout.startswith("::error::Den Branch eintrag-aus-issue-12 gibt es schon.")

    (answer,) = comment
    for gh_file in tmp_path.glob("gh.log*"):
        gh_file.unlink()
    report = f"Meldung mit {attack}"
    done = run_step(answer, tmp_path, ISSUE="12", LABEL="eintrag-anlegen", ERGEBNIS="1", BERICHT=report, GH_TOKEN="t", **github)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "gh.log").read_text(encoding="utf-8").splitlines() == [
        f"issue comment 12 --repo owner/repo --body-file {runner}/kommentar.md",
        "issue edit 12 --repo owner/repo --remove-label eintrag-anlegen",
    ]
    assert (tmp_path / "gh.log.body").read_text(encoding="utf-8") == report + "\n"
    done = run_step(answer, tmp_path, ISSUE="12", LABEL="eintrag-anlegen", ERGEBNIS="", BERICHT="", GH_TOKEN="t", **github)
    assert "technischen Schritt" in (tmp_path / "gh.log.body").read_text(encoding="utf-8")
    assert "https://github.com/owner/repo/actions/runs/99" in (tmp_path / "gh.log.body").read_text(encoding="utf-8")
    assert not list(tmp_path.rglob("pwned"))
