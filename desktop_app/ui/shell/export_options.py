"""What an export or an import was asked to do: plain values the dialogs return and the
exporter runs (their own module, so each export dialog can build them without importing the
exporter, which opens the dialogs)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ExportOptions:
    path: Path
    kind: str  # "brief" | "proposal" | "workbook"
    paper: str  # "a4" | "letter"
    password: str | None
    open_when_done: bool
    format: str = "pdf"  # "pdf" | "docx" | "xlsx"
    #: The proposal presents the offers of equal value to us as "three ways to agree".
    ways_to_agree: bool = True


@dataclass(frozen=True)
class ImportRequest:
    """New Case from Workbook…: the workbook, the case file to create, and whether an existing
    file there may be replaced (the user said so)."""

    source: Path
    target: Path
    overwrite: bool
