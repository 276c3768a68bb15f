"""A Word document attached to the issue form „Neuen Eintrag vorschlagen“: fetched under strict rules, imported.

The form's field „Word-Dokument“ holds the link GitHub writes when a file is dropped into it. Only a
link to a file GitHub hosts as an issue attachment is accepted (ALLOWED_PREFIXES, the repository's
own files), over https, at most MAX_REDIRECTS redirects and only to GitHub's storage hosts, at most
safety.MAX_FILE bytes. `python -m mediathek word-download` fetches it for the workflow; `aus-issue
--word FILE` then imports it with the form's answers standing in for `make import`'s variables.
A refusal of the download is written beside the target file (FILE.fehler) for aus-issue to report.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from ...content.model import ContentModel
from ...content.report import format_problems
from ...pages import pipeline
from .. import issueform
from . import importer
from .safety import MAX_FILE, Refused

ALLOWED_PREFIXES = ("https://github.com/user-attachments/files/",)  # and https://github.com/<repository>/files/
STORAGE_HOSTS = ("objects.githubusercontent.com",)  # where GitHub redirects a file download
STORAGE_SUFFIX = ".s3.amazonaws.com"  # GitHub's own buckets: github-production-….s3.amazonaws.com
MAX_REDIRECTS = 2
TIMEOUT = 30
LINK = re.compile(r"https?://[^\s<>()\[\]\"']+")
FAILED_SUFFIX = ".fehler"


def attachment_link(answer: str, repository: str) -> str | None:
    """The one attachment link in the form's Word field, or None if the field is empty; Refused if not allowed."""
    links = [str(link) for link in dict.fromkeys(LINK.findall(answer))]
    if not links:
        if answer.strip():
            raise Refused(["Im Feld „Word-Dokument“ steht kein Link zu einer Datei. Ziehen Sie die .docx-Datei in das Feld, GitHub setzt den Link selbst."])
        return None
    if len(links) > 1:
        raise Refused(["Im Feld „Word-Dokument“ stehen mehrere Links. Hängen Sie genau ein Word-Dokument an."])
    link = links[0]
    prefixes = (*ALLOWED_PREFIXES, f"https://github.com/{repository}/files/")
    path = urlsplit(link).path
    if not link.startswith(prefixes) or not re.fullmatch(r"[\w./%-]+", path) or ".." in path:
        raise Refused(["Das Word-Dokument muss als Datei an dieses Issue angehängt sein (in das Feld gezogen). Links zu anderen Seiten werden nicht geöffnet."])
    if not link.lower().endswith(".docx"):
        raise Refused(["Angehängt ist keine .docx-Datei. Speichern Sie Ihr Dokument als „Word-Dokument (.docx)“ und hängen Sie es erneut an."])
    return link


def storage_allowed(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and (host in STORAGE_HOSTS or (host.startswith("github-production-") and host.endswith(STORAGE_SUFFIX)))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to GitHub's file storage, over https, a few times at most."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str) -> urllib.request.Request | None:
        if not storage_allowed(newurl):
            raise Refused([f"Der Download des Word-Dokuments wurde an eine fremde Adresse umgeleitet ({urlsplit(newurl).hostname}); er wurde abgebrochen."])
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(url: str, target: Path, limit: int = MAX_FILE) -> None:
    """Fetch url into target (written whole or not at all); Refused with a German message otherwise."""
    opener = urllib.request.build_opener(_Redirects)
    request = urllib.request.Request(url, headers={"User-Agent": "mediathek-word-import"})
    partial = target.with_name(target.name + ".teil")
    try:
        with opener.open(request, timeout=TIMEOUT) as response, partial.open("wb") as handle:
            if not storage_allowed(response.geturl()) and response.geturl() != url:
                raise Refused(["Der Download des Word-Dokuments endete an einer fremden Adresse; er wurde verworfen."])
            received = 0
            while chunk := response.read(65536):
                received += len(chunk)
                if received > limit:
                    raise Refused([f"Das Word-Dokument ist größer als {limit // 1_048_576} MB und wird nicht eingelesen."])
                handle.write(chunk)
        partial.replace(target)
    except (urllib.error.URLError, OSError, TimeoutError) as err:
        raise Refused([f"Das Word-Dokument ließ sich nicht herunterladen ({err}). Die Redaktion versucht es erneut."]) from None
    finally:
        partial.unlink(missing_ok=True)


def add_download_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--body-file", required=True, type=Path, metavar="DATEI", help="der Text des Issues (Markdown)")
    parser.add_argument("--repo", required=True, metavar="OWNER/NAME", help="das Repository, an dessen Issue die Datei hängt")
    parser.add_argument("--ziel", required=True, type=Path, metavar="DATEI", help="wohin das Word-Dokument geschrieben wird")


def download_command(root: Path, args: argparse.Namespace) -> int:
    """`python -m mediathek word-download`: 0 whether or not there was a document; a refusal goes to ZIEL.fehler."""
    try:
        form = issueform.load_form(root / issueform.FORM_FILE)
        body = args.body_file.read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        print(f"Formular oder Issue-Text nicht lesbar: {err}", file=sys.stderr)
        return 2
    failed = args.ziel.with_name(args.ziel.name + FAILED_SUFFIX)
    try:
        answer = issueform.parse_body(body, form).get(issueform.WORD_ID, "")
        link = attachment_link(str(answer), args.repo)
        if link is None:
            print("Das Issue hat kein Word-Dokument.")
            return 0
        download(link, args.ziel)
    except (Refused, issueform.IssueFormError) as err:
        failed.write_text("\n".join(err.messages) + "\n", encoding="utf-8")
        print(f"Word-Dokument nicht heruntergeladen: {err}", file=sys.stderr)
        return 0
    print(f"Word-Dokument heruntergeladen: {os.path.getsize(args.ziel)} Bytes")
    return 0


def import_command(root: Path, args: argparse.Namespace, model: ContentModel, form: tuple[issueform.FormField, ...], body: str) -> int | None:
    """`aus-issue --word FILE`: the entry from the attached document, the form's answers as `make import`'s variables.

    None when the issue has no Word document (aus-issue then works from the form's text).
    """
    try:
        answers = issueform.parse_body(body, form)
    except issueform.IssueFormError:
        return None  # aus-issue reports it
    if not str(answers.get(issueform.WORD_ID) or "").strip():
        return None
    failed = args.word.with_name(args.word.name + FAILED_SUFFIX)
    try:
        if failed.is_file():
            raise Refused(failed.read_text(encoding="utf-8").splitlines())
        if not args.word.is_file():
            raise Refused(["Das angehängte Word-Dokument wurde nicht heruntergeladen. Die Redaktion versucht es erneut."])
        found = issueform.proposal(answers, form, model)
        imported = importer.prepare(args.word, found.given, model, root / "projects", dt.date.today(), None)
        new = importer.write(root, imported)
    except (Refused, issueform.IssueFormError) as err:
        print(issueform.report_refused(err.messages, None), end="")
        print("Es wurde nichts angelegt.", file=sys.stderr)
        return issueform.EXIT_REFUSED
    lines = importer.report(imported)
    result = pipeline.check(root)
    if result.problems:
        print(format_problems(result.problems), file=sys.stderr)
        print(issueform.report_refused([str(p) for p in result.problems] + ["", "Außerdem:", *lines], imported.draft.path), end="")
        return issueform.EXIT_CHECK_FAILED
    created = dataclasses.replace(found, notes=(f"Text mit dem Word-Dokument vergleichen ({new.parent.name}).", *lines, *found.notes))
    print(issueform.report_created(imported.draft, created, args.issue).replace("Aus dem Formular", "Aus dem angehängten Word-Dokument", 1), end="")
    print(f"Neuer Eintrag aus dem Word-Dokument angelegt und geprüft: {imported.draft.path}", file=sys.stderr)
    return issueform.EXIT_CREATED
