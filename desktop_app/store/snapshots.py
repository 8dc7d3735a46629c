"""Round snapshots (SPEC §10): the whole case, a label and the time, kept inside the case file.

A snapshot is the case as a JSON interchange document (``document.case_to_document``) in the
``snapshots`` table: the interchange format stays version 1 and takes every later field as
optional, so a snapshot taken today still opens after the file has been migrated. App
bookkeeping (the bases of generated words) is not kept: a snapshot is read, never edited.
Snapshots are not part of the case: the JSON import never reads them and ``dump`` only lists
them (``interchange.dumps``).
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import FieldError, ValidationError
from desktop_app.domain.fields import Text
from desktop_app.domain.model import Case
from desktop_app.i18n import _
from desktop_app.store.document import case_to_document, document_to_case
from desktop_app.store.errors import CorruptCaseFile

TABLE = "snapshots"
MAX_LABEL = 200


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """One snapshot without its content: its number in the file, its label and when it was
    taken (UTC, ``YYYY-MM-DDTHH:MM:SSZ``)."""

    id: int
    label: str
    taken_at: str


def clean_label(label: str) -> str:
    """The label as stored: control characters removed, at most 200 characters (raises
    ``ValidationError`` naming ``label`` otherwise)."""
    try:
        return Text(max_len=MAX_LABEL).check(label, "label").strip()
    except FieldError as error:
        raise ValidationError([error]) from None


def now_utc() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def insert(conn: sqlite3.Connection, case: Case, label: str, taken_at: str) -> SnapshotInfo:
    """Store ``case`` as a snapshot (inside the caller's transaction); return its listing."""
    document = json.dumps(case_to_document(case), ensure_ascii=False, separators=(",", ":"))
    cursor = conn.execute(
        f"INSERT INTO [{TABLE}] (label, taken_at, document) VALUES (?, ?, ?)",
        (label, taken_at, document),
    )
    ident = cursor.lastrowid
    assert ident is not None
    return SnapshotInfo(ident, label, taken_at)


def listing(conn: sqlite3.Connection) -> tuple[SnapshotInfo, ...]:
    """Every snapshot of the file, oldest first."""
    rows = conn.execute(f"SELECT id, label, taken_at FROM [{TABLE}] ORDER BY id").fetchall()
    return tuple(SnapshotInfo(int(i), str(label), str(at)) for i, label, at in rows)


def read(conn: sqlite3.Connection, ident: int, path: Path) -> Case:
    """The case snapshot ``ident`` holds (``KeyError`` when there is none); a snapshot that
    does not read back as a case means the file is damaged (``CorruptCaseFile``)."""
    row = conn.execute(f"SELECT document FROM [{TABLE}] WHERE id = ?", (ident,)).fetchone()
    if row is None:
        raise KeyError(ident)
    try:
        return document_to_case(json.loads(row[0]))
    except (ValidationError, ValueError, TypeError, RecursionError) as error:
        raise CorruptCaseFile(
            path,
            _("holds a round snapshot ({number}) that cannot be read ({reason})").format(
                number=ident, reason=error
            ),
        ) from None
