"""The JSON interchange format (SPEC §5): ``{"format": "leverage-case", "version": 1, ...}``.

Reading checks everything before anything is written: the envelope, every field and every
reference, reporting problems with their JSON path (``risks[3].probability``).

Fields added since (the formal offer's, the letterheads) are optional with defaults, so the
format stays version 1 as SPEC §5 fixes it: a document written before them imports with their
defaults, and ``dump(import(x))`` equals ``x`` up to defaults, its version included.
A logo is written as ``{"media_type": "image/png", "data": <base64>}``
(``images.logo_to_json``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import FieldError, ValidationError
from desktop_app.domain.model import Case
from desktop_app.files.publish import clean_leftovers
from desktop_app.i18n import N_, _
from desktop_app.store.casefile import write_new_case
from desktop_app.store.document import (
    FORMAT,
    SECTIONS,
    SNAPSHOTS_SECTION,
    VERSION,
    case_to_document,
    document_to_case,
)
from desktop_app.store.errors import CaseFileError, WriteFailed
from desktop_app.store.snapshots import SnapshotInfo

__all__ = [
    "FORMAT",
    "SECTIONS",
    "VERSION",
    "InvalidDocument",
    "case_to_document",
    "document_to_case",
    "dumps",
    "import_json",
    "parse_json_text",
    "read_json_file",
]

MAX_JSON_BYTES = 256 * 1024 * 1024
TOO_DEEP = N_("is nested too deeply to be a Leverage case")
#: Why the case file to create cannot be (the JSON and the workbook import say the same).
IS_A_FOLDER = N_("is a folder; give the name of the case file to create")
NO_FOLDER = N_("cannot be written: its folder does not exist")


class InvalidDocument(CaseFileError):
    """The JSON input cannot become a case; ``errors`` holds every field problem found."""

    def __init__(self, path: Path | str, problem: str, errors: tuple[FieldError, ...] = ()):
        super().__init__(path, problem)
        self.errors = errors


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(_("the key {key} appears twice in one object").format(key=repr(key)))
        result[key] = value
    return result


def parse_json_text(text: str, source: Path | str) -> Case:
    """JSON text to a case; any problem raises ``InvalidDocument`` naming ``source``."""
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise InvalidDocument(
            source,
            _("is not valid JSON (line {line}, column {column}: {reason})").format(
                line=error.lineno, column=error.colno, reason=error.msg
            ),
        ) from None
    except ValueError as error:
        raise InvalidDocument(
            source, _("is not valid JSON ({reason})").format(reason=error)
        ) from None
    except RecursionError:
        raise InvalidDocument(source, _(TOO_DEEP)) from None
    try:
        return document_to_case(document)
    except ValidationError as error:
        raise InvalidDocument(source, str(error), error.errors) from None
    except RecursionError:
        raise InvalidDocument(source, _(TOO_DEEP)) from None


def read_json_file(path: Path | str) -> Case:
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_JSON_BYTES + 1)
    except FileNotFoundError:
        raise CaseFileError(path, _("does not exist")) from None
    except IsADirectoryError:
        raise CaseFileError(path, _("is a folder, not a JSON file")) from None
    except OSError as error:
        raise CaseFileError(
            path, _("cannot be read ({reason})").format(reason=error.strerror)
        ) from None
    if len(data) > MAX_JSON_BYTES:
        raise InvalidDocument(path, _("is too large to be a Leverage case"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidDocument(
            path, _("is not UTF-8 text (byte {byte})").format(byte=error.start)
        ) from None
    return parse_json_text(text, path)


def dumps(case: Case, snapshots: Sequence[SnapshotInfo] = ()) -> str:
    """The case as pretty, stable JSON text (UTF-8, non-ASCII kept readable). ``snapshots``
    (those of its file) are listed by label and time, without their content, in a last
    ``"snapshots"`` section when there are any (SPEC §10); import never reads it."""
    document: dict[str, Any] = case_to_document(case)
    if snapshots:
        document[SNAPSHOTS_SECTION] = [
            {"id": s.id, "label": s.label, "taken_at": s.taken_at} for s in snapshots
        ]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def import_json(source: Path | str, target: Path | str, *, force: bool = False) -> Case:
    """Create the case file ``target`` from the JSON file ``source`` (SPEC §6 publishing)."""
    case = read_json_file(source)
    target = Path(target)
    if target.is_dir():
        raise WriteFailed(target, _(IS_A_FOLDER))
    if not target.parent.is_dir():
        raise WriteFailed(target, _(NO_FOLDER))
    clean_leftovers(target.parent)
    write_new_case(target, case, overwrite=force)
    return case
