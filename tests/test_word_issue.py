"""A Word document attached to the issue form: only GitHub's attachments are fetched, under strict rules, and
the workflow's shell steps turn it into a pull request or a German comment (local remote, fake gh, local file)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import word_docs
import yaml
from test_github import FAKE_GH, GITHUB, ISSUE_WORKFLOW, run_step
from test_issueform import good_answers, render

from conftest import REPO, copy_content_model
from mediathek.authoring.word import fromissue
from mediathek.authoring.word.safety import Refused

ATTACHMENT = "https://github.com/user-attachments/files/23456789/beitrag.docx"


@pytest.mark.parametrize(
    "answer",
    [
        f"[beitrag.docx]({ATTACHMENT})",
        ATTACHMENT,
        "[b.docx](https://github.com/owner/repo/files/123/b.docx)",
    ],
)
def test_an_attachment_of_this_repository_is_accepted(answer):
    assert fromissue.attachment_link(answer, "owner/repo") == answer[answer.find("https") :].rstrip(")")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("[b.docx](https://example.org/b.docx)", "als Datei an dieses Issue angehängt"),
        ("[b.docx](http://github.com/user-attachments/files/1/b.docx)", "als Datei an dieses Issue angehängt"),
        ("[b.docx](https://github.com/other/repo/files/1/b.docx)", "als Datei an dieses Issue angehängt"),
        ("[b.docx](https://github.com/user-attachments/files/1/../../x.docx)", "als Datei an dieses Issue angehängt"),
        ("[b.docx](https://github.com.evil.example/user-attachments/files/1/b.docx)", "als Datei an dieses Issue angehängt"),
        (f"[a]({ATTACHMENT}) [b](https://github.com/user-attachments/files/2/c.docx)", "mehrere Links"),
        ("[m.docm](https://github.com/user-attachments/files/1/m.docm)", "keine .docx-Datei"),
        ("siehe Anhang", "kein Link"),
    ],
)
def test_everything_else_is_refused_in_german(answer, expected):
    with pytest.raises(Refused) as refused:
        fromissue.attachment_link(answer, "owner/repo")
    assert expected in str(refused.value)


def test_no_document_means_the_form_text_path():
    assert fromissue.attachment_link("", "owner/repo") is None


def test_redirects_lead_only_to_githubs_storage():
    handler = fromissue._Redirects()
    request = urllib.request.Request(ATTACHMENT)
    allowed = "https://objects.githubusercontent.com/github-production-repository-file-1/1/2?X-Amz-Signature=x"
    assert handler.redirect_request(request, None, 302, "Found", {}, allowed) is not None  # type: ignore[arg-type]
    for elsewhere in ("https://example.org/b.docx", "http://objects.githubusercontent.com/x", "file:///etc/passwd",
                      "https://evil.s3.amazonaws.com/x", "https://objects.githubusercontent.com.evil.example/x"):
        with pytest.raises(Refused, match="fremde Adresse"):
            handler.redirect_request(request, None, 302, "Found", {}, elsewhere)  # type: ignore[arg-type]
    assert fromissue.storage_allowed("https://github-production-user-asset-6210df.s3.amazonaws.com/1/2")


def test_the_download_stops_at_the_size_limit_and_leaves_nothing(tmp_path):
    source = tmp_path / "gross.bin"
    source.write_bytes(bytes(300_000))
    target = tmp_path / "beitrag.docx"
    with pytest.raises(Refused, match="größer als"):
        fromissue.download(source.as_uri(), target, limit=100_000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gross.bin"]


def workflow_clone(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A scratch clone with a local bare remote and a fake gh, as in test_github's workflow test."""
    clone, remote, runner, tools = (tmp_path / name for name in ("clone", "remote.git", "runner", "bin"))
    for folder in (clone / "projects", clone / ".github" / "ISSUE_TEMPLATE", runner, tools):
        folder.mkdir(parents=True)
    copy_content_model(clone / "projects", word_limits=False)
    shutil.copy(REPO / "mkdocs.yml", clone / "mkdocs.yml")
    shutil.copy(GITHUB / "ISSUE_TEMPLATE" / "neuer-eintrag.yml", clone / ".github" / "ISSUE_TEMPLATE")
    (clone / "scripts").symlink_to(REPO / "scripts")
    (clone / ".venv").symlink_to(sys.prefix)
    (clone / ".gitignore").write_text(".venv\nscripts\n", encoding="utf-8")
    (tools / "gh").write_text(FAKE_GH, encoding="utf-8")
    (tools / "gh").chmod(0o755)
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(clone)], check=True)
    subprocess.run([*git, "-C", str(clone), "add", "."], check=True)
    subprocess.run([*git, "-C", str(clone), "commit", "--quiet", "-m", "main"], check=True)
    env = {
        "RUNNER_TEMP": str(runner),
        "GITHUB_OUTPUT": str(runner / "output"),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "owner/repo",
        "GITHUB_RUN_ID": "99",
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(tmp_path / "gh.log"),
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{remote}.insteadOf",
        "GIT_CONFIG_VALUE_0": "https://x-access-token:geheim@github.com/owner/repo.git",
        "PYTHONPATH": "",
    }
    return clone, remote, env


DOWNLOAD = re.compile(r"^ *PYTHONPATH=scripts \S+ -m mediathek word-download \\\n.*\n", re.MULTILINE)


def steps() -> tuple[dict, dict, dict, dict]:
    """The download (the line of the convert step that fetches), the convert step without it, push and comment."""
    workflow = yaml.safe_load(ISSUE_WORKFLOW.read_text(encoding="utf-8"))
    create = workflow["jobs"]["anlegen"]["steps"]
    (convert,) = [s for s in create if s.get("id") == "umwandeln"]
    (fetching,) = DOWNLOAD.findall(convert["run"])
    download = {**convert, "run": 'printf \'%s\' "$BODY" > "$RUNNER_TEMP/issue.md"\n' + fetching}
    convert = {**convert, "run": DOWNLOAD.sub("", convert["run"])}
    (push,) = [s for s in create if "git push" in s.get("run", "")]
    (comment,) = workflow["jobs"]["rueckmelden"]["steps"]
    return download, convert, push, comment


def test_an_attached_document_becomes_a_pull_request(tmp_path):
    _, convert, push, _ = steps()
    clone, remote, env = workflow_clone(tmp_path)
    runner = Path(env["RUNNER_TEMP"])
    body = render(good_answers("praxisbeispiel", text="siehe Word-Dokument", word=f"[beitrag.docx]({ATTACHMENT})"))
    # In place of the download (a GitHub attachment is out of reach here): the file where the step puts it.
    word_docs.save(word_docs.quelle(), runner / "beitrag.docx")

    done = run_step(convert, clone, BODY=body, ISSUE="31", **env)
    assert done.returncode == 0, done.stderr
    output = (runner / "output").read_text(encoding="utf-8")
    assert output.startswith("ergebnis=0\n"), output + done.stderr
    assert "Aus dem angehängten Word-Dokument ist der neue Eintrag" in output and "Closes #31" in output
    (entry,) = (clone / "projects").glob("*/index.md")
    assert entry.parent.name == "ehrenamtliche-gewinnen-und-halten"  # the form's title wins over the document's
    assert "[^2]: So die Rückmeldungen" in entry.read_text(encoding="utf-8")

    done = run_step(push, clone, GH_TOKEN="geheim", ISSUE="31", BASE="main", **env)
    assert done.returncode == 0, done.stderr
    files = subprocess.run(
        ["git", "-C", str(remote), "show", "--name-only", "--format=%s", "eintrag-aus-issue-31"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert f"projects/{entry.parent.name}/index.md" in files and f"projects/{entry.parent.name}/bild-01.png" in files
    assert "Word-Dokument" in (tmp_path / "gh.log.body").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("word", "document", "expected"),
    [
        ("[b.docx](https://example.org/b.docx)", None, "als Datei an dieses Issue angehängt"),
        (f"[beitrag.docx]({ATTACHMENT})", b"%PDF-1.4\n", "ist aber eine PDF-Datei"),
    ],
)
def test_a_refused_document_becomes_a_german_comment(tmp_path, word, document, expected):
    download, convert, _, comment = steps()
    clone, _, env = workflow_clone(tmp_path)
    runner = Path(env["RUNNER_TEMP"])
    body = render(good_answers("praxisbeispiel", text="siehe Word-Dokument", word=word))
    if document is None:
        done = run_step(download, clone, BODY=body, **env)  # refuses the link before any connection
        assert done.returncode == 0, done.stderr
        assert not (runner / "beitrag.docx").exists()
    else:
        (runner / "beitrag.docx").write_bytes(document)
    done = run_step(convert, clone, BODY=body, ISSUE="32", **env)
    assert done.returncode == 0, done.stderr
    output = (runner / "output").read_text(encoding="utf-8")
    assert output.startswith("ergebnis=1\n") and expected in output
    assert not list((clone / "projects").glob("*/index.md"))
    report = output.split("\n", 2)[2].rsplit("\nBERICHT_", 1)[0]
    done = run_step(comment, tmp_path, ISSUE="32", LABEL="eintrag-anlegen", ERGEBNIS="1", BERICHT=report, GH_TOKEN="t", **env)
    assert done.returncode == 0, done.stderr
    assert expected in (tmp_path / "gh.log.body").read_text(encoding="utf-8")


def test_without_a_document_the_download_step_does_nothing(tmp_path):
    download, *_ = steps()
    clone, _, env = workflow_clone(tmp_path)
    done = run_step(download, clone, BODY=render(good_answers("praxisbeispiel")), **env)
    assert done.returncode == 0 and "kein Word-Dokument" in done.stdout
    assert sorted(p.name for p in Path(env["RUNNER_TEMP"]).iterdir()) == ["issue.md"]
