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
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import FieldError, ValidationError
from desktop_app.domain.images import logo_to_json
from desktop_app.domain.model import Case
from desktop_app.domain.schema import COLLECTIONS, to_raw
from desktop_app.domain.validate import parse_case
from desktop_app.files.publish import clean_leftovers
from desktop_app.store.casefile import write_new_case
from desktop_app.store.errors import CaseFileError, WriteFailed

FORMAT = "leverage-case"
VERSION = 1  # SPEC §5; new fields are optional, so older documents import unchanged
SECTIONS = ("format", "version", "case", *COLLECTIONS, "proposal")
MAX_JSON_BYTES = 256 * 1024 * 1024


class InvalidDocument(CaseFileError):
    """The JSON input cannot become a case; ``errors`` holds every field problem found."""

    def __init__(self, path: Path | str, problem: str, errors: tuple[FieldError, ...] = ()):
        super().__init__(path, problem)
        self.errors = errors


def case_to_document(case: Case) -> dict[str, Any]:
    """Every field of every entity, in the order of SPEC §1."""
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    document["case"] = _tidy(to_raw(case.info))
    for key in COLLECTIONS:
        document[key] = _tidy(to_raw(getattr(case, key)))
    proposal = _tidy(to_raw(case.proposal))
    for point in proposal["talking_points"]:
        point.pop("basis", None)  # app bookkeeping, not part of the interchange format
    document["proposal"] = proposal
    return document


def _tidy(value: Any) -> Any:
    """Write whole-number floats as integers (``1200`` rather than ``1200.0``), and an image
    (the only bytes in a case) as its media type and base64 text."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, bytes):
        return logo_to_json(value)
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def document_to_case(document: object) -> Case:
    """Validate a parsed JSON document and build its case (raises ``ValidationError``)."""
    if not isinstance(document, Mapping):
        raise ValidationError([FieldError("", "the document must be a JSON object")])
    fmt = document.get("format")
    if fmt != FORMAT:
        shown = "missing" if fmt is None else f"{fmt!r}"
        raise ValidationError(
            [FieldError("format", f'is {shown}; a Leverage case says "{FORMAT}"')]
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationError([FieldError("version", f"must be a whole number ({VERSION})")])
    if version > VERSION:
        raise ValidationError(
            [
                FieldError(
                    "version",
                    f"{version} comes from a newer version of Leverage (this one reads up to "
                    f"{VERSION}); update Leverage to import it",
                )
            ]
        )
    if version < 1:
        raise ValidationError([FieldError("version", f"{version} is not a known version")])
    unknown = [FieldError(str(k), "is not a known section") for k in document if k not in SECTIONS]
    if unknown:
        raise ValidationError(unknown)
    return parse_case(document)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def parse_json_text(text: str, source: Path | str) -> Case:
    """JSON text to a case; any problem raises ``InvalidDocument`` naming ``source``."""
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise InvalidDocument(
            source, f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except ValueError as error:
        raise InvalidDocument(source, f"is not valid JSON ({error})") from None
    except RecursionError:
        raise InvalidDocument(source, "is nested too deeply to be a Leverage case") from None
    try:
        return document_to_case(document)
    except ValidationError as error:
        raise InvalidDocument(source, str(error), error.errors) from None
    except RecursionError:
        raise InvalidDocument(source, "is nested too deeply to be a Leverage case") from None


def read_json_file(path: Path | str) -> Case:
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_JSON_BYTES + 1)
    except FileNotFoundError:
        raise CaseFileError(path, "does not exist") from None
    except IsADirectoryError:
        raise CaseFileError(path, "is a folder, not a JSON file") from None
    except OSError as error:
        raise CaseFileError(path, f"cannot be read ({error.strerror})") from None
    if len(data) > MAX_JSON_BYTES:
        raise InvalidDocument(path, "is too large to be a Leverage case")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidDocument(path, f"is not UTF-8 text (byte {error.start})") from None
    return parse_json_text(text, path)


def dumps(case: Case) -> str:
    """The case as pretty, stable JSON text (UTF-8, non-ASCII kept readable)."""
    return json.dumps(case_to_document(case), ensure_ascii=False, indent=2) + "\n"


def import_json(source: Path | str, target: Path | str, *, force: bool = False) -> Case:
    """Create the case file ``target`` from the JSON file ``source`` (SPEC §6 publishing)."""
    case = read_json_file(source)
    target = Path(target)
    if target.is_dir():
        raise WriteFailed(target, "is a folder; give the name of the case file to create")
    if not target.parent.is_dir():
        raise WriteFailed(target, "cannot be written: its folder does not exist")
    clean_leftovers(target.parent)
    write_new_case(target, case, overwrite=force)
    return case
