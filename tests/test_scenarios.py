"""The people who run the site, in one copy of the checkout: what CI runs must pass for all of them.

One copy carries four changes at once (cheaper than four copies):
1. an author adds an entry of each type with `python -m mediathek neu`, with an image and a PDF;
2. a maintainer withdraws an entry: `make check` names every link to it (file:line), the links go;
3. a title, a tag and a topic of existing entries change;
4. the operator fills in every setting (a private operator; the public kinds are rendered per
   fixture in tests/test_legal_pages.py and checked in tests/test_golive.py).
Then `make check` (as the PR workflow runs it), `make betrieb`, the deploy workflow's build step
and every test marked `live` (tests/README.md) run on the copy; the live tests reuse that build. A
live test that pins today's content fails here.
Nothing is chosen from the live content by name: the entries changed are picked by rule.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import BUILT_SITE_VARIABLE, REPO, SCENARIO_COPY_VARIABLE, copy_checkout, operator_settings, write_operator
from mediathek.content.contentmodel import load_content_model
from mediathek.pages import pipeline

pytestmark = pytest.mark.build  # whole-site builds: left out by make test-fast

SENTENCES = (
    "Im Landkreis gab es viele einzelne Angebote zur Berufsorientierung, aber kaum Absprachen zwischen ihnen.",
    "Die Koordinatorin lud deshalb Schulen, Betriebe und die Kammer zu einem ersten Austausch ein.",
    "Schnell zeigte sich, dass alle Beteiligten dieselben Jugendlichen erreichen wollten, nur zu unterschiedlichen Zeiten.",
    "Ein gemeinsamer Kalender machte sichtbar, wo sich Termine überschnitten und wo Lücken blieben.",
    "Die Auszubildenden der Betriebe erzählten in den Klassen von ihrem Alltag, und die Fragen der Schüler*innen wurden konkreter.",
    "Wichtig war, die Lehrkräfte früh einzubinden, damit die Besuche in den Unterricht passten.",
    "Nicht jeder Besuch gelang: Manchmal fehlte die Zeit für Nachfragen, manchmal passte die Gruppe nicht zum Beruf.",
    "Nach dem ersten Jahr hielt das Netzwerk fest, welche Formate es beibehalten wollte und welche nicht.",
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
INBOUND = re.compile(r"\[([^\]]*)\]\(\.\./([a-z0-9-]+)/(?:index\.md)?(?:#[^)]*)?\)")
OPERATOR = "privat"
# The live tests on the copy wait on Chromium much of the time: two workers fill those waits (Makefile's
# PYTEST_PARALLEL).
PARALLEL = ("-n", "2", "--dist", "loadgroup")


def png() -> bytes:
    """A real 1×1 PNG (grey), small enough to write inline."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def text_of(words: int) -> str:
    """Paragraphs of plain German sentences, together about `words` words long."""
    out: list[str] = []
    count = 0
    while count < words:
        sentence = SENTENCES[len(out) % len(SENTENCES)]
        out.append(sentence)
        count += len(sentence.split())
    return "\n\n".join(" ".join(out[i : i + 4]) for i in range(0, len(out), 4))


def run(root: Path, command: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, capture_output=True, text=True, timeout=1500
    )


def workflow_steps(name: str) -> list[tuple[str, dict[str, str]]]:
    """The `make` steps of a workflow: (command, env)."""
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return [
        (step["run"].strip(), {key: str(value) for key, value in (step.get("env") or {}).items()})
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if step.get("run", "").startswith("make ")
    ]


def set_line(path: Path, key: str, value: str) -> None:
    text, count = re.subn(rf"^{key}:.*$", lambda _: f"{key}: {value}", path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert count == 1, (path, key)
    path.write_text(text, encoding="utf-8")


@dataclass
class Scenario:
    root: Path
    added: dict[str, str]  # slug -> type
    withdrawn: str
    inbound: list[str]  # "projects/<slug>/index.md:<line>" of every link to the withdrawn entry
    check_after_withdrawal: subprocess.CompletedProcess
    retitled: tuple[str, str]  # slug, new title
    operator: dict
    steps: dict[str, subprocess.CompletedProcess]  # after all four changes: make check, make betrieb, the deploy build
    built: Path  # the deploy build's site/ and build.log, handed to the live tests on the copy


def add_entries(root: Path, model) -> dict[str, str]:
    """Scenario 1: `python -m mediathek neu` for every type, then text, an image and a PDF as an author adds them."""
    tags = [tag.label for tag in model.tags.values()][:2]
    topic = next(iter(model.topics))
    added = {}
    for number, (kind, spec) in enumerate(model.types.items(), start=1):
        title = f"Neuer Eintrag Nummer {number} zur Erprobung"
        extra = []
        if kind == "praxisbeispiel":
            extra = ["--bundesland", model.bundeslaender[0], "--organisation", model.organisations[0], "--netzwerk", model.networks[0]]
        made = run(root, [str(REPO / ".venv" / "bin" / "python"), "-m", "mediathek", "neu", "--typ", kind, "--titel", title,
                          "--thema", topic, "--schlagwoerter", ", ".join(tags), "--beschreibung", "Wie ein Netzwerk Schulbesuche plant.",
                          "--autoren", "Redaktion der Wissenssammlung", *extra], PYTHONPATH=str(root / "scripts"))
        assert made.returncode == 0, made.stdout + made.stderr
        (path,) = re.findall(r"Neuer Eintrag angelegt: (\S+)", made.stdout)
        entry = root / path
        text = entry.read_text(encoding="utf-8")
        sections = re.findall(r"^## .+$", text, flags=re.MULTILINE)
        per_section = max(spec.min_words // max(len(sections), 1) + 30, 40)
        filler = text_of(per_section)
        text = re.sub(r"^(## .+)$", lambda m, filler=filler: f"{m.group(1)}\n\n{filler}", text, flags=re.MULTILINE)
        first = sections[0]
        text = text.replace(
            f"{first}\n\n",
            f"{first}\n\n![Skizze der Treffen: drei Kreise für Schulen, Betriebe und Kammer](skizze.png)\n\n"
            "Die [Checkliste für Schulbesuche](checkliste.pdf) fasst die Schritte zusammen.\n\n",
            1,
        )
        text = text.replace("\n---\n", "\nattachments:\n  - file: checkliste.pdf\n    title: Checkliste für Schulbesuche\n---\n", 1)
        entry.write_text(text, encoding="utf-8")
        (entry.parent / "checkliste.pdf").write_bytes(PDF)
        (entry.parent / "skizze.png").write_bytes(png())
        added[entry.parent.name] = kind
    return added


def inbound_links(root: Path, slug: str) -> list[str]:
    found = []
    for path in sorted((root / "projects").glob("*/index.md")):
        if path.parent.name == slug:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if any(target == slug for _, target in INBOUND.findall(line)):
                found.append(f"{path.relative_to(root).as_posix()}:{number}")
    return found


def unlink(root: Path, slug: str) -> None:
    """What the maintainer does with each link `make check` named: the link goes, its text stays."""
    for path in (root / "projects").glob("*/index.md"):
        text = path.read_text(encoding="utf-8")
        fixed = INBOUND.sub(lambda m: m.group(1) if m.group(2) == slug else m.group(0), text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Scenario:
    root = copy_checkout(tmp_path_factory.mktemp("scenario") / "checkout", tests=True)
    for tool in (".venv", "node_modules"):
        (root / tool).symlink_to(REPO / tool)
    before = pipeline.check(root)
    assert before.problems == []
    model = load_content_model(root / "projects", root)

    added = add_entries(root, model)

    # 2. The entry most linked to by others (consent withdrawn): the folder goes; the check names each link.
    existing = sorted(before.entries, key=lambda e: (-len(inbound_links(root, e.slug)), e.slug))
    withdrawn = existing[0].slug
    inbound = inbound_links(root, withdrawn)
    (root / "projects" / withdrawn / "index.md").unlink()
    for leftover in (root / "projects" / withdrawn).iterdir():
        leftover.unlink()
    (root / "projects" / withdrawn).rmdir()
    check_after_withdrawal = run(root, ["make", "check"])
    unlink(root, withdrawn)

    # 3. A title, a tag and a topic of existing entries (other than the withdrawn one).
    others = [e for e in before.entries if e.slug != withdrawn]
    retitled = others[0]
    new_title = f"{retitled.title} – überarbeitete Fassung"
    set_line(root / retitled.path, "title", f'"{new_title}"')
    retagged = others[1 % len(others)]
    new_tag = next(slug for slug in model.tags if slug not in retagged.tags)
    labels = [model.tags[slug].label for slug in (new_tag, *retagged.tags[1:])]
    set_line(root / retagged.path, "tags", f"[{', '.join(labels)}]")
    moved = others[2 % len(others)]
    new_topic = next(slug for slug in model.topics if slug not in moved.topics)
    set_line(root / moved.path, "topics", f"[{', '.join((new_topic, *moved.topics[1:]))}]")

    operator = operator_settings(OPERATOR)
    write_operator(root / "mkdocs.yml", operator)  # 4.

    # The copy is a clone with the pull request's commit: the live tests compare `git status` before and after.
    git = ["git", "-c", "user.name=Scenario", "-c", "user.email=scenario@example.invalid"]
    subprocess.run(["git", "init", "--quiet", "-b", "main"], cwd=root, check=True)
    (root / ".git" / "info" / "exclude").write_text(".venv\nnode_modules\n", encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "Scenario"], cwd=root, check=True)

    # What CI runs, as the workflows write it: the PR's check (its `make test` is this suite, its
    # offline preview build is tests/test_preview.py) and the deploy build, which guards publishing.
    (check,) = [(c, e) for c, e in workflow_steps("pr.yml") if c == "make check"]
    (deploy,) = [(c, e) for c, e in workflow_steps("deploy.yml") if c == "make build"]
    steps = {"make check": run(root, ["bash", "-c", check[0]], **check[1]), "make betrieb": run(root, ["make", "betrieb"])}
    steps["deploy"] = run(root, ["bash", "-c", deploy[0]], **deploy[1])
    built = tmp_path_factory.mktemp("scenario-site")
    if steps["deploy"].returncode == 0:
        shutil.copytree(root / "site", built / "site")
        (built / "build.log").write_text(steps["deploy"].stdout + steps["deploy"].stderr, encoding="utf-8")
    return Scenario(root, added, withdrawn, inbound, check_after_withdrawal, (retitled.slug, new_title), operator, steps, built)


def test_make_check_names_every_link_to_a_withdrawn_entry(scenario):
    done = scenario.check_after_withdrawal
    assert done.returncode != 0
    assert scenario.inbound, "the withdrawn entry was linked from others"
    for where in scenario.inbound:
        line = next((line for line in done.stderr.splitlines() if line.startswith(f"{where}: ")), "")
        assert f"„{scenario.withdrawn}“" in line and "zurückgezogen" in line, (where, done.stderr[-3000:])
    assert "Traceback" not in done.stderr


def test_make_check_and_the_go_live_check_accept_all_four_changes(scenario):
    done = scenario.steps["make check"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"Alles in Ordnung: \d+ Einträge geprüft", done.stdout)
    live = scenario.steps["make betrieb"]
    assert live.returncode == 0, live.stdout + live.stderr
    assert "Alles bereit" in live.stdout


def test_the_deploy_step_publishes_the_changed_site(scenario):
    done = scenario.steps["deploy"]
    assert done.returncode == 0, done.stdout + done.stderr
    site = scenario.built / "site"
    for slug in scenario.added:
        for name in ("index.html", "checkliste.pdf", "skizze.png"):
            assert (site / "mediathek" / slug / name).is_file(), (slug, name)
    assert not (site / "mediathek" / scenario.withdrawn).exists()
    catalog = (site / "catalog.json").read_text(encoding="utf-8")
    assert f'"{scenario.withdrawn}"' not in catalog and scenario.retitled[1] in catalog
    imprint = (site / "impressum" / "index.html").read_text(encoding="utf-8")
    assert scenario.operator["betreiber"]["name"] in imprint and "[Name und Rechtsform" not in imprint
    assert "Demo:" not in (site / "index.html").read_text(encoding="utf-8")


def test_every_live_test_passes_on_the_changed_copy(scenario):
    """All tests that read the checkout (marker `live`), browser ones included: none may pin today's content."""
    done = run(
        scenario.root,
        [str(REPO / ".venv" / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "live", *PARALLEL, "tests"],
        PYTHONPATH="scripts",
        **{SCENARIO_COPY_VARIABLE: "1", BUILT_SITE_VARIABLE: str(scenario.built)},
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    passed = re.search(r"(\d+) passed", done.stdout)
    assert passed and int(passed.group(1)) > 0
    print(f"\nAuf der geänderten Kopie: {done.stdout.strip().splitlines()[-1]}")
