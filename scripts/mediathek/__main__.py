"""Command line: python -m mediathek check | stage | build [--site-dir DIR] [--backend zensical] | neu | betrieb |
aus-issue --body-file FILE | import DATEI.docx | vorlage."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .authoring import issueform, scaffold, thesaurus
from .authoring.word import fromissue, importer, template
from .catalog.overview import overview
from .content.model import Problem
from .content.report import format_problems
from .pages import pipeline
from .site import golive, stage
from .site.build import Build
from .site.finish import finish
from .site.output import swap_in
from .site.search import SearchError
from .site.settings import load_settings

OFFLINE_VARIABLE = "MEDIATHEK_OFFLINE"  # "true": the downloadable PR preview, browsable from disk
# "true" in the deploy workflow: refuse to build while the legal pages hold placeholders (unless extra.demo).
PUBLISH_VARIABLE = "MEDIATHEK_VEROEFFENTLICHEN"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mediathek", description="Werkzeuge der Mediathek")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="alle Einträge in projects/ prüfen")
    sub.add_parser("stage", help="prüfen und den Ordner build/docs vorbereiten, den MkDocs baut")
    sub.add_parser("generate", help="wie stage (früherer Name)")
    build = sub.add_parser("build", help="prüfen, erzeugen und die Website nach site/ bauen")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--backend", choices=("mkdocs", "zensical"), default="mkdocs", help="Zensical: zum Vergleich")
    scaffold.add_arguments(sub.add_parser("neu", help="einen neuen Eintrag aus der Vorlage anlegen"))
    sub.add_parser("betrieb", help="vor dem Veröffentlichen: die Angaben zum Betreiber in mkdocs.yml prüfen")
    issueform.add_arguments(
        sub.add_parser(
            "aus-issue",
            help="einen neuen Eintrag aus einem Issue mit dem Formular „Neuen Eintrag vorschlagen“ anlegen und prüfen",
            description=(
                "Legt aus dem Text eines Issues (Formular „Neuen Eintrag vorschlagen“) einen neuen Eintrag in projects/ an, "
                "wie make neu es täte, und prüft ihn wie make check. Überschreibt nie einen vorhandenen Eintrag. "
                "Gibt einen Bericht in Markdown aus (Text für den Pull Request oder Kommentar für das Issue)."
            ),
            epilog=(
                "Rückgabewerte: 0 = Eintrag angelegt und fehlerfrei; 1 = aus dem Vorschlag ließ sich kein Eintrag anlegen, "
                "es wurde nichts geschrieben; 2 = Fehler im Werkzeug, im Inhaltsmodell oder beim Aufruf; "
                "3 = Eintrag angelegt, aber die Prüfung meldet Probleme."
            ),
        )
    )
    thesaurus.add_arguments(
        sub.add_parser("thesaurus", help="Synonyme aus OpenThesaurus für die Suche nach projects/_thesaurus.yml schreiben (Redaktion)")
    )
    importer.add_arguments(
        sub.add_parser(
            "import",
            help="einen neuen Eintrag aus einem Word-Dokument (.docx) anlegen und prüfen",
            epilog="Rückgabewerte: 0 = angelegt und fehlerfrei; 1 = nichts angelegt; 2 = Fehler im Werkzeug; 3 = angelegt, die Prüfung meldet Probleme.",
        )
    )
    importer.add_template_arguments(sub.add_parser("vorlage", help="die Word-Vorlagen der Eintragsarten in einen Ordner schreiben"))
    fromissue.add_download_arguments(
        sub.add_parser("word-download", help="das an ein Issue angehängte Word-Dokument herunterladen (nur GitHub-Anhänge)")
    )
    args = parser.parse_args(argv)
    root = pipeline.find_repo_root()
    try:
        commands = {"check": cmd_check, "stage": cmd_stage, "generate": cmd_stage, "build": cmd_build, "neu": scaffold.command}
        commands |= {"import": importer.command, "vorlage": cmd_vorlage, "word-download": fromissue.download_command}
        commands |= {"betrieb": cmd_betrieb}
        return {**commands, "aus-issue": issueform.command, "thesaurus": thesaurus.command}[args.command](root, args)
    except KeyboardInterrupt:
        print("Abgebrochen. Bereits erzeugte Seiten und site/ sind unverändert.", file=sys.stderr)
        return 130
    except Exception as err:  # a bug in our code, never the author's fault: say so, keep it short
        if os.environ.get("MEDIATHEK_DEBUG"):
            raise
        print(
            f"Interner Fehler im Werkzeug (kein Fehler in Ihrem Eintrag): {type(err).__name__}: {err}\n"
            "Bitte melden Sie ihn den Betreuer*innen; mit MEDIATHEK_DEBUG=1 erscheinen Details.",
            file=sys.stderr,
        )
        return 2


def _report(problems: list[Problem]) -> None:
    print(format_problems(problems, github=os.environ.get("GITHUB_ACTIONS") == "true"), file=sys.stderr)


def cmd_vorlage(root: Path, args: argparse.Namespace) -> int:
    return importer.template_command(root, args, load_settings(root).site_name)


def cmd_check(root: Path, args: argparse.Namespace) -> int:
    result = pipeline.check(root, Build.from_environment(root, parallel=True).workers)  # a command-line run: no threads
    if result.problems:
        _report(result.problems)
        return 1
    count = len(result.entries)
    print(f"Alles in Ordnung: {count} Einträge geprüft, keine Probleme gefunden.")
    if result.model is not None:
        print("\nÜbersicht für Betreuer*innen (Hinweise, keine Fehler):")
        print("\n".join(f"  {line}" for line in overview(result.entries, result.model)))
    return 0


def _staged(root: Path) -> stage.Staged | None:
    try:
        # A command-line run: no threads, so checks may fork workers.
        return stage.stage(Build.from_environment(root, parallel=True, downloads=template.downloads))
    except stage.StageError as err:
        _report(err.problems)
        return None


def cmd_stage(root: Path, args: argparse.Namespace) -> int:
    staged = _staged(root)
    if staged is None:
        return 1
    stats = staged.stats
    print(f"{stage.DOCS_DIR}: {stats.written} Dateien neu geschrieben, {stats.unchanged} unverändert, {stats.removed} entfernt.")
    return 0


def _mkdocs_build(config_file: Path, site_dir: Path) -> bool:
    """`mkdocs build --strict` of the staged tree, in this process (no second interpreter start)."""
    import click
    from mkdocs.__main__ import cli

    try:
        cli.main(
            ["build", "--strict", "--config-file", str(config_file), "--site-dir", str(site_dir)],
            prog_name="mkdocs",
            standalone_mode=False,
        )
    except click.ClickException as err:
        err.show()
        return False
    except SystemExit as err:
        return err.code in (0, None)
    return True


def _zensical_build(root: Path, site_dir: Path) -> bool:
    """`zensical build` of the staged tree (build/zensical.yml), moved to site_dir."""
    import subprocess

    built = root / stage.STAGE_DIR / stage.ZENSICAL_SITE
    shutil.rmtree(built, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(root / "scripts")}  # for the Markdown extension mediathek.site.markdown_ext
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file", str(root / stage.ZENSICAL_CONFIG)]
    done = subprocess.run(command, cwd=root / stage.STAGE_DIR, env=env, check=False)
    if done.returncode != 0 or not built.is_dir():
        return False
    shutil.rmtree(site_dir)
    shutil.move(built, site_dir)
    return True


def cmd_betrieb(root: Path, args: argparse.Namespace) -> int:
    ready = golive.readiness_of(load_settings(root))
    print("\n".join(golive.report(ready)))
    return 0 if ready.ready else 1


def cmd_build(root: Path, args: argparse.Namespace) -> int:
    if os.environ.get(PUBLISH_VARIABLE) == "true":
        refusal = golive.publish_refusal(golive.readiness_of(load_settings(root)))
        if refusal:
            print(refusal, file=sys.stderr)
            return 1
    if _staged(root) is None:
        return 1
    site_dir = (root / args.site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        build = _zensical_build if args.backend == "zensical" else _mkdocs_build
        if not build(root if args.backend == "zensical" else root / stage.MKDOCS_CONFIG, staging):
            print("Der Bau ist fehlgeschlagen; site/ bleibt unverändert.", file=sys.stderr)
            return 1
        try:
            finish(staging, offline=os.environ.get(OFFLINE_VARIABLE) == "true")
        except SearchError as err:
            print(f"{err}\nDer Bau ist fehlgeschlagen; site/ bleibt unverändert.", file=sys.stderr)
            return 1
        swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Website gebaut: {site_dir.relative_to(root) if site_dir.is_relative_to(root) else site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
