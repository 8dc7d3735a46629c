"""What can go wrong with a case file, in words a consultant understands.

Every error names the file; the CLI prints ``str(error)`` on one line and exits with
``exit_code`` (SPEC §5: 3 bad input, 4 output cannot be written). The base and the two errors
of writing a file (``WriteFailed``, ``TargetExists``) live with the atomic publish in
``desktop_app.files.errors``; they are re-exported here as the store's own.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.files.errors import FileError, TargetExists, WriteFailed
from desktop_app.i18n import _

#: Base of every store error (the family of ``FileError``: one class, the store's name for it).
CaseFileError = FileError

__all__ = [
    "CaseFileError",
    "CaseLocked",
    "CorruptCaseFile",
    "NewerVersionFile",
    "NotACaseFile",
    "ReadOnlyCase",
    "TargetExists",
    "UpgradeFailed",
    "WriteFailed",
]


class NotACaseFile(CaseFileError):
    """Not SQLite at all, or another program's SQLite database."""


class CorruptCaseFile(CaseFileError):
    """A Leverage file that is damaged (truncated, failed integrity check, broken rules)."""


class NewerVersionFile(CaseFileError):
    """Written by a newer Leverage; refused and left untouched."""


class CaseLocked(CaseFileError):
    """Another running Leverage holds the file; ``holder`` says who, if known."""

    def __init__(self, path: Path | str, holder: str) -> None:
        super().__init__(
            path, _("is open in another Leverage window ({holder})").format(holder=holder)
        )
        self.holder = holder


class ReadOnlyCase(CaseFileError):
    """A write was attempted on a case opened read-only."""

    exit_code = 4


class UpgradeFailed(CaseFileError):
    """An older file could not be brought up to date; it was left as it was."""
