"""Reading a case workbook (.xlsx) back into a case: interchange, beside JSON (SPEC §11).

``read_workbook_file`` opens the workbook (openpyxl), turns its Case sheet and table sheets
into the JSON interchange's document (``workbook_sheets``) and validates that document exactly
as a JSON file is validated (``interchange.document_to_case``): the same rules and the same
messages, but placed where the consultant can find them — "Risks, row 5, Probability: 1.7 is
not between 0 and 1". Sheets the case does not know (the Analysis sheet, a person's own) are
left alone. Whatever the file holds, the result is a valid case or ``InvalidDocument`` naming
the file; ``import_workbook`` then writes the case file, or nothing.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import FieldError, ValidationError, with_more
from desktop_app.domain.model import Case
from desktop_app.domain.tables import CASE_SHEET, TABLE_SHEETS
from desktop_app.files.publish import clean_leftovers
from desktop_app.i18n import _
from desktop_app.store.casefile import write_new_case
from desktop_app.store.errors import CaseFileError, WriteFailed
from desktop_app.store.interchange import (
    IS_A_FOLDER,
    NO_FOLDER,
    TOO_DEEP,
    InvalidDocument,
    document_to_case,
)
from desktop_app.store.workbook_sheets import (
    Places,
    SheetProblem,
    grid_of,
    names_of,
    read_case_sheet,
    read_table,
)

MAX_WORKBOOK_BYTES = 64 * 1024 * 1024
#: The most the workbook's parts may hold once unpacked (a small file can unpack to gigabytes).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def is_workbook(path: Path | str) -> bool:
    """Is ``path`` an .xlsx by its name, or a ZIP archive by its first bytes?"""
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == ZIP_MAGIC
    except OSError:
        return False


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_WORKBOOK_BYTES + 1)
    except FileNotFoundError:
        raise CaseFileError(path, _("does not exist")) from None
    except IsADirectoryError:
        raise CaseFileError(path, _("is a folder, not a workbook")) from None
    except OSError as error:
        raise CaseFileError(
            path, _("cannot be read ({reason})").format(reason=error.strerror)
        ) from None
    if len(data) > MAX_WORKBOOK_BYTES:
        raise InvalidDocument(path, _("is too large to be a Leverage case workbook"))
    return data


def _check_archive(data: bytes, source: Path | str) -> None:
    if not data.startswith(ZIP_MAGIC):
        raise InvalidDocument(source, _("is not an Excel workbook (.xlsx)"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InvalidDocument(
            source, _("is not an Excel workbook (.xlsx): the archive is damaged")
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InvalidDocument(source, _("unpacks to more than 512 MB: too large to be a case"))
    if "xl/workbook.xml" not in names:
        raise InvalidDocument(
            source, _("is not an Excel workbook (.xlsx): it is another kind of ZIP archive")
        )


def _load(data: bytes, source: Path | str) -> Any:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl and its XML parser raise many kinds on bad input
        reason = type(error).__name__
        raise InvalidDocument(
            source,
            _("is not an Excel workbook that can be read (it is damaged: {reason})").format(
                reason=reason
            ),
        ) from None


def _sheet(book: Any, title: str) -> Any | None:
    """The sheet named ``title``, in English or in the language in use (as the workbook
    export names it), whatever the case of its letters."""
    names = names_of(title, truncate=True)
    for sheet in book.worksheets:
        if sheet.title.casefold() in names:
            return sheet
    return None


def _logos(sheet: Any) -> dict[int, bytes]:
    """The pictures of the Case sheet by the row they are anchored in (the first of a row)."""
    pictures: dict[int, bytes] = {}
    for picture in getattr(sheet, "_images", []):
        try:
            row = int(picture.anchor._from.row) + 1
            data = picture._data()
        except Exception:  # a picture openpyxl cannot give back is no logo
            continue
        if isinstance(data, bytes):
            pictures.setdefault(row, data)
    return pictures


def workbook_document(book: Any, source: Path | str) -> tuple[dict[str, Any], Places]:
    """The JSON-form document held by the workbook, and where each value came from."""
    case_sheet = _sheet(book, CASE_SHEET)
    if case_sheet is None:
        raise InvalidDocument(
            source,
            _("has no {sheet} sheet: it is not a Leverage case workbook").format(
                sheet=_(CASE_SHEET)
            ),
        )
    places = Places()
    document = read_case_sheet(grid_of(case_sheet), case_sheet.title, _logos(case_sheet), places)
    document.setdefault("format", "leverage-case")
    document.setdefault("version", 1)
    for table in TABLE_SHEETS:
        sheet = _sheet(book, table.title)
        if sheet is not None:
            read_table(table, grid_of(sheet), document, places)
    return document, places


def parse_workbook(data: bytes, source: Path | str) -> Case:
    """Workbook bytes to a case; any problem raises ``InvalidDocument`` naming ``source``."""
    _check_archive(data, source)
    book = _load(data, source)
    try:
        document, places = workbook_document(book, source)
        return document_to_case(document)
    except SheetProblem as problem:
        raise InvalidDocument(source, str(problem)) from None
    except ValidationError as error:
        words = with_more(places.say(error.first), len(error.errors) - 1)
        errors = tuple(FieldError("", places.say(e)) for e in error.errors)
        raise InvalidDocument(source, words, errors) from None
    except RecursionError:
        raise InvalidDocument(source, _(TOO_DEEP)) from None
    finally:
        book.close()


def read_workbook_file(path: Path | str) -> Case:
    path = Path(path)
    return parse_workbook(_read_bytes(path), path)


def import_workbook(source: Path | str, target: Path | str, *, force: bool = False) -> Case:
    """Create the case file ``target`` from the workbook ``source`` (or write nothing)."""
    case = read_workbook_file(source)
    target = Path(target)
    if target.is_dir():
        raise WriteFailed(target, _(IS_A_FOLDER))
    if not target.parent.is_dir():
        raise WriteFailed(target, _(NO_FOLDER))
    clean_leftovers(target.parent)
    write_new_case(target, case, overwrite=force)
    return case
