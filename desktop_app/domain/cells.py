"""A field's value in a spreadsheet cell and back (the case workbook, ``tables.py``).

``to_cell`` gives the typed value a cell holds and its number format; ``from_cell`` turns what
a cell holds — written by us, or typed by a person in Excel — back into the raw value the JSON
interchange would carry, for the schema's rules to check. Nothing here refuses a value: a cell
that cannot be read as its field's type is handed on as it is, and the rule says why it is
wrong, in the same words as for JSON.

Written so that export → import gives the same case:

- text is escaped the way Excel does (``_xHHHH_``) where XML cannot hold a character, and a
  literal ``_xHHHH_`` is protected; reading undoes both;
- a percentage field (``*_pct``, 10 means 10 %) is an Excel percentage (0.1 formatted ``0.0%``);
  read back from a cell in a percentage format it is multiplied by 100 in decimal, so 7 % is 7,
  not 7.000000000000001. The rare value that no cell number brings back exactly (a float with
  all 17 digits) is written in percent with a literal "%" in its format instead; a number in
  a cell without a percentage format is read as percent, as the JSON writes it;
- a date is an Excel date from 1900-03-01 on (before that, Excel's calendar is not ours) and
  text before it;
- a list of texts is one line each, or JSON text when a line could not say it (an empty item,
  one with a line break, or a first line starting with "[").
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from desktop_app.domain.fields import Number
from desktop_app.domain.tables import CellKind, Column
from desktop_app.i18n import _, every_form

#: A cell's value as openpyxl reads and writes it.
CellValue = str | int | float | bool | dt.date | dt.datetime | None


class _Omit:
    """The field is left out of the raw entity: its default applies."""

    def __repr__(self) -> str:
        return "OMIT"


OMIT: Final = _Omit()

DATE_FORMAT = "yyyy-mm-dd"
FIRST_EXCEL_DATE = dt.date(1900, 3, 1)
INT_FORMAT = "0"
PERCENT_FORMAT = "0.0##%"
LITERAL_PERCENT_FORMAT = '0.0##"%"'
TEXT_FORMAT = "@"

_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NUMBER = re.compile(r"[+\-−]?(\d+(\.\d*)?|\.\d+)([eE][+\-]?\d+)?")
_TRUE = {"true", "yes", "y", "1", "wahr", "ja"}
_FALSE = {"false", "no", "n", "0", "falsch", "nein"}


# -- text ----------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """``text`` as a cell holds it: a literal ``_xHHHH_`` protected as Excel does (``_x005F_``)
    and characters XML cannot hold written ``_xHHHH_``."""
    text = _ESCAPED.sub(lambda match: "_x005F" + match.group(0), text)
    return _NOT_XML.sub(lambda match: f"_x{ord(match.group(0)):04X}_", text)


def unescape(text: str) -> str:
    """Undo ``escape`` (and Excel's own escapes), in one pass."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text)


def number_text(value: int | float) -> str:
    """A number typed into a text cell, as its text: ``12`` → "12", ``1.5`` → "1.5"."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


# -- number formats ------------------------------------------------------------------------------


def money_format(currency: str) -> str:
    """``"EUR" #,##0.00`` (and the same with a minus sign for a negative amount)."""
    code = currency if re.fullmatch(r"[A-Z]{3}", currency) else "EUR"
    return f'"{code}" #,##0.00;-"{code}" #,##0.00'


def _decimals_format(decimals: int | None) -> str:
    if decimals is None:
        return "General"
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def is_percent_format(number_format: str | None) -> bool:
    """Does ``number_format`` show a number as a percentage (a ``%`` outside quotes and not
    escaped with a backslash)?"""
    if not number_format:
        return False
    bare = re.sub(r'"[^"]*"|\\.', "", number_format)
    return "%" in bare


def from_percent_cell(value: float) -> float:
    """A percentage cell's number (0.07) as the field's percent (7), in decimal arithmetic so a
    typed 7 % gives exactly 7."""
    try:
        return float(Decimal(repr(float(value))) * 100)
    except (InvalidOperation, ValueError, OverflowError):
        return float(value) * 100


def to_percent_cell(percent: float) -> float | None:
    """The cell number that ``from_percent_cell`` reads back as exactly ``percent``, or None."""
    candidate = percent / 100
    up = down = candidate
    for _attempt in range(4):
        for guess in (up, down):
            if from_percent_cell(guess) == percent:
                return guess
        up, down = math.nextafter(up, math.inf), math.nextafter(down, -math.inf)
    return None


# -- writing -------------------------------------------------------------------------------------


def to_cell(column: Column, value: Any, currency: str) -> tuple[CellValue, str | None]:
    """The cell value for a field's raw (JSON) value, and its number format (None: General)."""
    kind: CellKind = column.kind
    if value is None:
        return None, None
    if kind in ("money",):
        return value, money_format(currency)
    if kind == "percent":
        cell = to_percent_cell(float(value))
        if cell is None:
            return value, LITERAL_PERCENT_FORMAT
        return cell, PERCENT_FORMAT
    if kind == "fraction":
        return value, PERCENT_FORMAT
    if kind == "int":
        return value, INT_FORMAT
    if kind in ("number", "score"):
        return value, _decimals_format(column.decimals)
    if kind == "choice":
        return escape(_label(column, value)), None
    if kind == "bool":
        return bool(value), None
    if kind == "date":
        return _date_cell(value)
    if kind == "lines":
        return _lines_cell(value), None
    if kind == "json":
        return escape(json.dumps(value, ensure_ascii=False)), None
    if kind == "logo":
        return None, None  # the picture itself sits in the row
    return (escape(value) if value != "" else None), None


def _label(column: Column, value: Any) -> str:
    """The label of a stored choice, in the language in use."""
    for stored, label in column.choices():
        if stored == value:
            return _(label)
    return str(value)


def _date_cell(value: str) -> tuple[CellValue, str | None]:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return escape(value), None
    if day < FIRST_EXCEL_DATE:
        return escape(value), TEXT_FORMAT
    return day, DATE_FORMAT


def lines_fit(items: list[str]) -> bool:
    """Can ``items`` be written one per line and read back the same?"""
    return all(item.strip() and "\n" not in item for item in items) and not (
        items and items[0].lstrip().startswith("[")
    )


def _lines_cell(items: list[str]) -> str | None:
    if not items:
        return None
    if lines_fit(items):
        return escape("\n".join(items))
    return escape(json.dumps(items, ensure_ascii=False))


# -- reading -------------------------------------------------------------------------------------


def from_cell(column: Column, value: CellValue, number_format: str | None = None) -> Any:
    """The raw value of ``column`` from a cell, or ``OMIT`` (the field's default applies)."""
    if isinstance(value, str):
        value = unescape(value).replace("\r\n", "\n")
    if value is None or value == "":
        return _empty(column)
    kind = column.kind
    if kind in ("id", "ref", "text", "longtext", "code", "colour"):
        return _as_text(value)
    if kind in ("money", "number", "int", "fraction", "score"):
        return _as_number(value)
    if kind == "percent":
        return _as_percent(value, number_format)
    if kind == "choice":
        return _as_choice(column, value)
    if kind == "bool":
        return _as_bool(value)
    if kind == "date":
        return _as_date(value)
    if kind == "lines":
        return _as_lines(value)
    if kind == "json":
        return _as_json(value)
    return OMIT  # a logo is read from the row's picture


def _empty(column: Column) -> Any:
    if column.kind in ("text", "longtext"):
        return ""
    if column.kind == "lines":
        return []
    if column.nullable:
        return None
    return OMIT


def _as_text(value: CellValue) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value)
    return value


def _as_number(value: CellValue) -> Any:
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        text = value.strip().replace("−", "-")
        number = float(text)
        return int(number) if re.fullmatch(r"[+-]?\d+", text) else number
    return value


def _as_percent(value: CellValue, number_format: str | None) -> Any:
    if isinstance(value, str) and value.strip().endswith("%"):
        number = _as_number(value.strip()[:-1])
        return number if isinstance(number, int | float) else value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_percent_cell(value) if is_percent_format(number_format) else value
    return _as_number(value)


def _as_choice(column: Column, value: CellValue) -> Any:
    if isinstance(value, str):
        wanted = " ".join(value.split()).casefold().replace("−", "-")
        for stored, label in column.choices():
            for name in (*every_form(label), str(stored)):
                if " ".join(name.split()).casefold().replace("−", "-") == wanted:
                    return stored
        if column.field is not None and isinstance(column.field.rule, Number):
            return _as_number(value)
    return value


def _as_bool(value: CellValue) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return value


def _as_date(value: CellValue) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def _as_lines(value: CellValue) -> Any:
    if isinstance(value, str):
        if value.lstrip().startswith("["):
            try:
                items = json.loads(value)
            except (ValueError, RecursionError):
                items = None
            if isinstance(items, list) and all(isinstance(item, str) for item in items):
                return items
        return [line for line in value.split("\n") if line.strip()]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [number_text(value)]
    return value


def _as_json(value: CellValue) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            return value
    return value
