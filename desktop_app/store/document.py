"""The JSON interchange document (SPEC §5) as data: a case to its document and back.

``{"format": "leverage-case", "version": 1, "case": {…}, <collections>, "proposal": {…}}``;
reading checks everything (envelope, fields, references) and reports problems with their
JSON path. No file I/O here: ``interchange`` reads and writes the files, and the round
snapshots (``snapshots``) keep a case as this document inside the case file.

A ``"snapshots"`` section (the list ``leverage dump`` adds, SPEC §10) is accepted and never
read: a snapshot is not part of the case.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop_app.domain.errors import FieldError, ValidationError
from desktop_app.domain.images import logo_to_json
from desktop_app.domain.model import Case
from desktop_app.domain.schema import (
    COLLECTIONS,
    CORRELATIONS_KEY,
    DOCUMENT_FORMAT,
    DOCUMENT_VERSION,
    to_raw,
)
from desktop_app.domain.validate import parse_case
from desktop_app.i18n import _

FORMAT = DOCUMENT_FORMAT  # "leverage-case"
# SPEC §5: version 1; new fields are optional, so older documents import unchanged
VERSION = DOCUMENT_VERSION
#: The section ``dump`` lists the snapshots in; import never reads it.
SNAPSHOTS_SECTION = "snapshots"
SECTIONS = (
    "format",
    "version",
    "case",
    *COLLECTIONS,
    CORRELATIONS_KEY,
    "proposal",
    SNAPSHOTS_SECTION,
)


def case_to_document(case: Case) -> dict[str, Any]:
    """Every field of every entity, in the order of SPEC §1."""
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    document["case"] = _tidy(to_raw(case.info))
    for key in COLLECTIONS:
        document[key] = _tidy(to_raw(getattr(case, key)))
    document[CORRELATIONS_KEY] = _tidy(to_raw(case.correlations))
    # The bases of the consultant's words are app bookkeeping, not the interchange format.
    for scenario in document["scenarios"]:
        for term in scenario.get("terms", ()):
            term.pop("basis", None)
    proposal = _tidy(to_raw(case.proposal))
    proposal.pop("statement_basis", None)
    for point in proposal["talking_points"]:
        point.pop("basis", None)
        point.pop("figures", None)
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
        raise ValidationError([FieldError("", _("the document must be a JSON object"))])
    fmt = document.get("format")
    if fmt != FORMAT:
        if fmt is None:
            problem = _('is missing; a Leverage case says "{format}"')
        else:
            problem = _('is {value}; a Leverage case says "{format}"')
        raise ValidationError(
            [FieldError("format", problem.format(value=repr(fmt), format=FORMAT))]
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationError(
            [FieldError("version", _("must be a whole number ({version})").format(version=VERSION))]
        )
    if version > VERSION:
        raise ValidationError(
            [
                FieldError(
                    "version",
                    _(
                        "{version} comes from a newer version of Leverage (this one reads up to "
                        "{known}); update Leverage to import it"
                    ).format(version=version, known=VERSION),
                )
            ]
        )
    if version < 1:
        raise ValidationError(
            [FieldError("version", _("{version} is not a known version").format(version=version))]
        )
    unknown = [
        FieldError(str(k), _("is not a known section")) for k in document if k not in SECTIONS
    ]
    if unknown:
        raise ValidationError(unknown)
    return parse_case(document)
