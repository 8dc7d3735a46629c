"""The ``.leverage`` case file (SQLite) and the JSON interchange format."""

from desktop_app.store.casefile import CaseFile, write_new_case
from desktop_app.store.errors import (
    CaseFileError,
    CaseLocked,
    CorruptCaseFile,
    NewerVersionFile,
    NotACaseFile,
    ReadOnlyCase,
    TargetExists,
    UpgradeFailed,
    WriteFailed,
)
from desktop_app.store.snapshots import SnapshotInfo

__all__ = [
    "CaseFile",
    "CaseFileError",
    "CaseLocked",
    "CorruptCaseFile",
    "NewerVersionFile",
    "NotACaseFile",
    "ReadOnlyCase",
    "SnapshotInfo",
    "TargetExists",
    "UpgradeFailed",
    "WriteFailed",
    "write_new_case",
]
