"""The case workbook (SPEC §11 "Word and Excel"): the whole case as an .xlsx, with its analysis.

A Case sheet (the case's own fields and the proposal's, one per row, each with its JSON key),
a sheet per table (``domain.tables``: parties, interests, criteria, alternatives and their
scores, cost lines, risks, scenarios with their scores, risk overrides and terms, talking
points), and an Analysis sheet of every figure (``workbook_analysis``). Cells are typed —
numbers as numbers with their number format (money in the case's currency, percentages as
percentages), yes/no as booleans, dates as dates, text as text (never a formula) — headers
are frozen, columns as wide as their contents, and a choice column offers its choices. The
logos are pictures in their rows of the Case sheet; ``leverage import`` reads all of it back
(``store.workbook``).

openpyxl writes numbers with 16 significant digits; ``_exact_numbers`` makes it write every
float as Python's shortest exact form (and big integers whole), so a value read back is the
value written.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.domain.cells import INT_FORMAT, CellValue, escape, money_format, to_cell
from desktop_app.domain.images import ImageProblem, read_image
from desktop_app.domain.model import Case
from desktop_app.domain.schema import to_raw
from desktop_app.domain.tables import (
    ANALYSIS_SHEET,
    CASE_ROWS,
    CASE_SHEET,
    DOCUMENT_FORMAT,
    DOCUMENT_VERSION,
    FORMAT_KEY,
    MAX_TITLE,
    TABLE_SHEETS,
    VERSION_KEY,
    Column,
    Sheet,
    sheet_rows,
    shown,
)
from desktop_app.files.publish import clean_leftovers, replace_owner_only
from desktop_app.i18n import N_, _, whole
from desktop_app.reports.workbook_analysis import AnalysisRow, analysis_rows

Progress = Callable[[float], None]

HEADER_FILL = "E7E9EE"
SECTION_FILL = "F4F5F7"
MIN_WIDTH, MAX_WIDTH, TEXT_WIDTH = 8.0, 60.0, 48.0
#: The logo's picture on the Case sheet: at most this many pixels high and wide.
LOGO_BOX = (180, 60)
#: The Case sheet's headings: kept in English, as ``leverage import`` finds its columns by them.
CASE_HEADERS = (N_("Field"), N_("Value"), N_("Key"))
#: The Analysis sheet's headings (the import reads nothing there: shown in the language in use).
ANALYSIS_HEADERS = (N_("Section"), N_("Item"), N_("Figure"), N_("Value"), N_("Key"))
#: The Case sheet's sections, each a title row.
CASE_SECTIONS = {"case": N_("The case"), "proposal": N_("The proposal")}


def _exact_numbers() -> None:
    """Make openpyxl write a float as ``repr`` (exact) and an int whole, not ``%.16g``."""
    from openpyxl.cell import _writer
    from openpyxl.compat import strings

    original = strings.safe_string

    def exact(value: Any) -> str:
        if isinstance(value, float) and math.isfinite(value):
            return repr(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return str(original(value))

    _writer.safe_string = exact


def build_workbook(
    case: Case, analysis: CaseAnalysis | None, progress: Progress | None = None
) -> bytes:
    """The workbook of ``case`` as .xlsx bytes (without ``analysis``, no Analysis sheet)."""
    from openpyxl import Workbook

    _exact_numbers()
    book = Workbook()
    document = _document(case)
    currency = case.info.currency
    sheet = book.active
    sheet.title = shown(CASE_SHEET)
    _case_sheet(sheet, document, currency)
    for number, table in enumerate(TABLE_SHEETS, start=1):
        _table_sheet(book.create_sheet(shown(table.title)[:MAX_TITLE]), table, document, currency)
        if progress is not None:
            progress(0.1 + 0.6 * number / len(TABLE_SHEETS))
    if analysis is not None:
        _analysis_sheet(
            book.create_sheet(shown(ANALYSIS_SHEET)), analysis_rows(case, analysis), currency
        )
    book.properties.creator = case.info.consultancy or case.info.consultant or ""
    book.properties.title = case.info.title
    buffer = io.BytesIO()
    book.save(buffer)
    if progress is not None:
        progress(0.95)
    return buffer.getvalue()


def export_workbook(
    case: Case,
    analysis: CaseAnalysis | None,
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
) -> None:
    """Write the workbook to ``path`` atomically, owner-only (it is the whole confidential
    case). Raises ``OSError`` when it cannot be written (``path`` is then left as it was)."""
    data = build_workbook(case, analysis, progress)
    target = Path(path)
    clean_leftovers(target.parent)
    replace_owner_only(target, data)
    if progress is not None:
        progress(1.0)


def _document(case: Case) -> dict[str, Any]:
    """The case in its JSON form (``schema.to_raw``), as the tables read it."""
    document: dict[str, Any] = {"case": to_raw(case.info), "proposal": to_raw(case.proposal)}
    for sheet in TABLE_SHEETS:
        if sheet.shape == "list":
            document[sheet.field] = to_raw(getattr(case, sheet.field))
    return document


# -- cells -------------------------------------------------------------------------------------


def _put(sheet: Any, row: int, column: int, value: CellValue, number_format: str | None) -> Any:
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text, even "=1+2"
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _header(sheet: Any, headers: Sequence[str]) -> None:
    from openpyxl.styles import Border, Font, PatternFill, Side

    fill = PatternFill("solid", fgColor=HEADER_FILL)
    rule = Border(bottom=Side(style="thin", color="9AA0AC"))
    for column, text in enumerate(headers, start=1):
        cell = _put(sheet, 1, column, whole(text), None)  # Excel breaks no word
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = rule
    sheet.freeze_panes = "A2"


def _shown_length(value: CellValue, number_format: str | None) -> float:
    """About how many characters ``value`` takes on screen in its format."""
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 5.0
    if isinstance(value, int | float):
        text = f"{value:,.2f}"
        extra = 4.0 if number_format and '"' in number_format else 1.0
        return len(text) + extra
    if not isinstance(value, str):
        return 10.0
    return float(max((len(line) for line in value.split("\n")), default=0))


def _fit_columns(sheet: Any, widths: dict[int, float], wrap: Iterable[int] = ()) -> None:
    from openpyxl.utils import get_column_letter

    wrapped = set(wrap)
    for column, width in widths.items():
        cap = TEXT_WIDTH if column in wrapped else MAX_WIDTH
        sheet.column_dimensions[get_column_letter(column)].width = max(
            MIN_WIDTH, min(cap, width + 2)
        )


def _wrap(cells: Iterable[Any]) -> None:
    from openpyxl.styles import Alignment

    alignment = Alignment(wrap_text=True, vertical="top")
    for cell in cells:
        cell.alignment = alignment


def _choices(sheet: Any, column: Column, letter: str, rows: int) -> None:
    """A list of the column's choices for each cell (and the rows a person adds below)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    labels = [_(label) for _stored, label in column.choices()]
    if not labels or any("," in label or '"' in label for label in labels):
        return
    formula = '"' + ",".join(labels) + '"'
    if len(formula) > 255:
        return
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.error = _("Choose one of: {choices}").format(choices=", ".join(labels))
    validation.showErrorMessage = False  # Excel keeps other text; the import then says why
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{max(rows, 1) + 500}")


# -- the Case sheet ----------------------------------------------------------------------------


def _case_sheet(sheet: Any, document: dict[str, Any], currency: str) -> None:
    from openpyxl.styles import Font, PatternFill

    headers = [_(header) for header in CASE_HEADERS]
    _header(sheet, headers)
    widths = {1: float(len(headers[0])), 2: 20.0, 3: 12.0}
    row = 2
    envelope: tuple[tuple[str, CellValue, str], ...] = (
        (_("Format"), DOCUMENT_FORMAT, FORMAT_KEY),
        (_("Version"), DOCUMENT_VERSION, VERSION_KEY),
    )
    for label, value, key in envelope:
        _put(sheet, row, 1, label, None)
        _put(sheet, row, 2, value, None)
        _put(sheet, row, 3, key, None).font = Font(color="808080")
        row += 1
    section = ""
    wrapped = []
    for case_row in CASE_ROWS:
        if case_row.section != section:
            section = case_row.section
            known = CASE_SECTIONS.get(section)
            title = _(known) if known else f"The {section}"
            cell = _put(sheet, row, 1, title, None)
            cell.font = Font(bold=True)
            for number in (1, 2, 3):
                sheet.cell(row=row, column=number).fill = PatternFill("solid", fgColor=SECTION_FILL)
            row += 1
        column = case_row.column
        raw = document[section].get(column.key)
        if column.part is not None and raw is not None:
            raw = raw[column.part]
        value, number_format = to_cell(column, raw, currency)
        label = whole(shown(column.header))  # the field's name for people; import reads the key
        _put(sheet, row, 1, label, None)
        cell = _put(sheet, row, 2, value, number_format)
        _put(sheet, row, 3, case_row.path, None).font = Font(color="808080")
        if column.kind in ("longtext", "lines"):
            wrapped.append(cell)
        if column.kind == "logo":
            _logo(sheet, row, raw)
        widths[1] = max(widths[1], float(len(label)))
        widths[2] = max(widths[2], _shown_length(value, number_format))
        widths[3] = max(widths[3], float(len(case_row.path)))
        row += 1
    _wrap(wrapped)
    _fit_columns(sheet, widths, wrap=(2,))


def _logo(sheet: Any, row: int, data: Any) -> None:
    """The logo as a picture anchored in its row (its bytes unchanged), or a note."""
    if not isinstance(data, bytes):
        return
    from openpyxl.drawing.image import Image

    try:
        info = read_image(data)
        picture = Image(io.BytesIO(data))
    except (ImageProblem, OSError, ValueError):
        _put(sheet, row, 2, _("(a logo that cannot be shown here)"), None)
        return
    scale = min(LOGO_BOX[0] / max(info.width, 1), LOGO_BOX[1] / max(info.height, 1), 1.0)
    picture.width = max(1, round(info.width * scale))
    picture.height = max(1, round(info.height * scale))
    sheet.add_image(picture, f"B{row}")
    sheet.row_dimensions[row].height = max(15.0, picture.height * 0.75 + 4)


# -- table sheets ------------------------------------------------------------------------------


def _table_sheet(sheet: Any, table: Sheet, document: dict[str, Any], currency: str) -> None:
    from openpyxl.utils import get_column_letter

    headers = [shown(header) for header in table.headers]
    _header(sheet, headers)
    lead = len(headers) - len(table.columns)
    widths = {n: float(len(h)) + 2 for n, h in enumerate(headers, start=1)}
    wrapped: list[Any] = []
    row = 1
    for row, item in enumerate(sheet_rows(table, document), start=2):
        first: list[tuple[CellValue, str | None]] = []
        if table.numbered:
            first.append((row - 1, INT_FORMAT))
        if table.owner is not None:
            first.append((escape(str(item.owner)) if item.owner is not None else None, None))
        if table.key is not None:
            first.append((escape(str(item.key)) if item.key is not None else None, None))
        cells = first + [_raw_cell(column, item.values, currency) for column in table.columns]
        for number, (value, number_format) in enumerate(cells, start=1):
            cell = _put(sheet, row, number, value, number_format)
            widths[number] = max(widths[number], _shown_length(value, number_format))
            kind = table.columns[number - lead - 1].kind if number > lead else "ref"
            if kind in ("longtext", "lines"):
                wrapped.append(cell)
    _wrap(wrapped)
    wrap_columns = [
        lead + n for n, c in enumerate(table.columns, 1) if c.kind in ("longtext", "lines")
    ]
    _fit_columns(sheet, widths, wrap=wrap_columns)
    for number, column in enumerate(table.columns, start=lead + 1):
        if column.kind == "choice":
            _choices(sheet, column, get_column_letter(number), row)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(row, 1)}"


def _raw_cell(column: Column, values: Any, currency: str) -> tuple[CellValue, str | None]:
    raw = values.get(column.key)
    if column.part is not None and raw is not None:
        raw = raw[column.part]
    return to_cell(column, raw, currency)


# -- the Analysis sheet ------------------------------------------------------------------------


def _analysis_format(row: AnalysisRow, currency: str) -> tuple[CellValue, str | None]:
    value = row.value
    if isinstance(value, str):
        return escape(value), None
    if value is None or isinstance(value, bool):
        return value, None
    if row.unit == "money":
        return value, money_format(currency).replace(".00", "")
    if row.unit == "price":
        return value, money_format(currency)
    if row.unit == "pct":
        return value / 100, "0.0#%"
    if row.unit == "share":
        return value, "0.0#%"
    if row.unit == "points":
        return value, "0.0"
    if row.unit == "count":
        return value, "#,##0"
    return value, None


def _analysis_sheet(sheet: Any, rows: Sequence[AnalysisRow], currency: str) -> None:
    from openpyxl.utils import get_column_letter

    headers = [_(h) for h in ANALYSIS_HEADERS]
    _header(sheet, headers)
    widths = {n: float(len(h)) + 2 for n, h in enumerate(headers, start=1)}
    for number, item in enumerate(rows, start=2):
        value, number_format = _analysis_format(item, currency)
        cells = (
            (escape(whole(item.section)), None),
            (escape(item.item) or None, None),
            (escape(whole(item.label)), None),
            (value, number_format),
            (escape(item.path), None),
        )
        for column, (cell_value, cell_format) in enumerate(cells, start=1):
            _put(sheet, number, column, cell_value, cell_format)
            widths[column] = max(widths[column], _shown_length(cell_value, cell_format))
    _fit_columns(sheet, widths)
    last = get_column_letter(len(ANALYSIS_HEADERS))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
