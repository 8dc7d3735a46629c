"""A case workbook's sheets read back into the JSON interchange's document, remembering which
cell each value came from (``Places``), so that a refusal names the sheet, row and column.

The sheets and their columns are ``domain.tables``'s; a cell becomes a raw value through
``domain.cells.from_cell``. Nothing is checked here that the schema checks: the document goes
through the same validation as a JSON file (``interchange.document_to_case``). What only a
workbook can get wrong is refused here, naming its cell: a heading that is no column of the
sheet, a value under no heading, a row that names no entity or one that does not exist, a key
given twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain.cells import OMIT, from_cell, unescape
from desktop_app.domain.errors import FieldError
from desktop_app.domain.tables import (
    CASE_ROWS,
    FORMAT_KEY,
    MAP_KEYS,
    NUMBER_HEADER,
    SCORE_HEADER,
    VERSION_KEY,
    Column,
    Sheet,
)


@dataclass(frozen=True)
class Place:
    """Where a value sits: a sheet, a row as Excel numbers it, and the column's heading."""

    sheet: str
    row: int
    column: str | None = None

    def words(self) -> str:
        where = f"{self.sheet}, row {self.row}"
        return f"{where}, {self.column}" if self.column else where


@dataclass
class Places:
    """The place of every JSON path read from the workbook (an entity's and its fields')."""

    paths: dict[str, Place] = field(default_factory=dict)
    #: Per entity path: its fields' headings, for a field the sheet had no column for.
    headings: dict[str, dict[str, str]] = field(default_factory=dict)

    def of(self, path: str) -> Place | None:
        """The place of ``path``, or of the nearest entity holding it (with the field's
        heading when the field is one of that entity's)."""
        probe = path
        rest: list[str] = []
        while probe:
            if probe in self.paths:
                place = self.paths[probe]
                if rest and place.column is None:
                    heading = self.headings.get(probe, {}).get(rest[-1].split("[")[0])
                    if heading is not None:
                        return Place(place.sheet, place.row, heading)
                return place
            probe, step = _parent(probe)
            rest.append(step)
        return None

    def say(self, error: FieldError) -> str:
        """``error`` as a consultant reads it: "Risks, row 5, Probability: 1.7 is not between
        0 and 1", JSON paths in the message turned into rows."""
        message = _PATH.sub(lambda match: self._row_words(match.group(0)), error.message)
        place = self.of(error.path)
        if place is None:
            return str(FieldError(error.path, message))
        if place.column == SCORE_HEADER and "criterion" in message:
            place = Place(place.sheet, place.row, MAP_KEYS["scores"])
        return f"{place.words()}: {message}"

    def _row_words(self, path: str) -> str:
        place = self.paths.get(path)
        return f"{place.sheet} row {place.row}" if place is not None else path


_PATH = re.compile(r"\b[a-z_]+\[\d+\](?:\.[a-z_]+\[\d+\])*")


def _parent(path: str) -> tuple[str, str]:
    """``risks[3].probability`` → (``risks[3]``, ``probability``); ``risks[3]`` → (``risks``,
    ``[3]``)."""
    if path.endswith("]"):
        start = path.rfind("[")
        return path[:start], path[start:]
    dot = path.rfind(".")
    return (path[:dot], path[dot + 1 :]) if dot > 0 else ("", path)


class SheetProblem(ValueError):
    """A cell the workbook alone gets wrong, already in words naming its place."""


# -- reading cells ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    value: Any
    number_format: str | None


Grid = dict[int, dict[int, Cell]]


def grid_of(worksheet: Any) -> Grid:
    """The non-empty cells of ``worksheet`` by row and column (1-based), read sparsely: a cell
    far down or far right costs nothing more."""
    grid: Grid = {}
    for (row, column), cell in worksheet._cells.items():  # openpyxl's own sparse store
        value = cell.value
        if value is None or value == "":
            continue
        grid.setdefault(row, {})[column] = Cell(value, cell.number_format)
    return grid


def _whole(value: Any) -> Any:
    """A version number as Excel may hold it (1.0, "1") as a whole number when it is one."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _text(cell: Cell | None) -> str:
    if cell is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unescape(str(value)).split())


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


# -- the Case sheet --------------------------------------------------------------------------------

_CASE_COLUMNS = {row.path: row.column for row in CASE_ROWS}


def read_case_sheet(
    grid: Grid, title: str, logos: Mapping[int, bytes], places: Places
) -> dict[str, Any]:
    """The envelope and the ``case`` and ``proposal`` sections from the Case sheet: each row's
    key (column "Key") says which field its value (column "Value") is."""
    header = grid.get(1, {})
    names = {_text(cell).casefold(): column for column, cell in header.items()}
    value_at, key_at = names.get("value", 2), names.get("key", 3)
    document: dict[str, Any] = {"case": {}, "proposal": {}}
    seen: dict[str, int] = {}
    for row in sorted(r for r in grid if r > 1):
        key = _text(grid[row].get(key_at))
        if not key:
            continue
        place = Place(title, row, "Value")
        if key in seen:
            raise SheetProblem(
                f"{title}, row {row}, Key: '{key}' is given twice (first in row {seen[key]})"
            )
        seen[key] = row
        cell = grid[row].get(value_at, Cell(None, None))
        if key in (FORMAT_KEY, VERSION_KEY):
            value = from_cell(Column(key, key, "text"), cell.value, None)
            if key == VERSION_KEY:
                value = _whole(cell.value)
            document[key] = value
            places.paths[key] = place
            continue
        column = _CASE_COLUMNS.get(key)
        if column is None:
            raise SheetProblem(f"{title}, row {row}, Key: '{key}' is not a field of a case")
        places.paths[key] = place
        section = key.split(".", 1)[0]
        if column.kind == "logo":
            value = logos.get(row)
        else:
            value = from_cell(column, cell.value, cell.number_format)
        if value is OMIT:
            continue
        if column.part is None:
            document[section][column.key] = value
        else:
            band = document[section].setdefault(column.key, [None, None])
            band[column.part] = value
    return document


# -- table sheets ----------------------------------------------------------------------------------


@dataclass
class _Layout:
    """Which column of the sheet holds what."""

    owner: int | None = None
    key: int | None = None
    number: int | None = None
    columns: dict[int, Column] = field(default_factory=dict)


def _names(heading: str, column: Column) -> set[str]:
    return {heading.casefold(), column.key.casefold(), column.key.replace("_", " ").casefold()}


def _layout(table: Sheet, grid: Grid) -> _Layout:
    layout = _Layout()
    wanted: dict[str, Any] = {}
    for column in table.columns:
        for name in _names(column.header, column):
            wanted.setdefault(name, column)
    if table.numbered:
        wanted[NUMBER_HEADER] = "number"
    for lead, what in ((table.owner, "owner"), (table.key, "key")):
        if lead is not None:
            for name in (lead.casefold(), f"{lead} id".casefold(), f"{lead}_id".casefold()):
                wanted.setdefault(name, what)
    for number, cell in sorted(grid.get(1, {}).items()):
        heading = _text(cell)
        found = wanted.get(heading.casefold())
        if found is None:
            known = ", ".join(table.headers)
            raise SheetProblem(
                f"{table.title}, column {_letter(number)}: '{heading}' is not a column of this "
                f"sheet (its columns: {known})"
            )
        if found == "number":
            layout.number = number
        elif found == "owner":
            layout.owner = number
        elif found == "key":
            layout.key = number
        else:
            layout.columns[number] = found
    return layout


def _entity(
    table: Sheet, layout: _Layout, row: int, cells: dict[int, Cell], path: str, places: Places
) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    places.paths[path] = Place(table.title, row)
    places.headings[path] = {c.key: c.header for c in table.columns}
    for number, cell in cells.items():
        if number in (layout.owner, layout.key, layout.number):
            continue
        column = layout.columns.get(number)
        if column is None:
            raise SheetProblem(
                f"{table.title}, row {row}, column {_letter(number)}: has a value but no "
                "heading saying what it is"
            )
        value = from_cell(column, cell.value, cell.number_format)
        places.paths[f"{path}.{column.key}"] = Place(table.title, row, column.header)
        if value is OMIT:
            continue
        if column.part is None:
            raw[column.key] = value
        else:
            raw.setdefault(column.key, [None, None])[column.part] = value
    return raw


def _lead(table: Sheet, cells: dict[int, Cell], at: int | None, heading: str, row: int) -> str:
    """The owner's id or the map's key in a row (required)."""
    text = _as_id(cells.get(at)) if at is not None else ""
    if not text:
        what = "the ID of the " + heading.lower() + " the row belongs to"
        if heading == table.key:
            what = f"which {heading.lower()} the row is about"
        raise SheetProblem(f"{table.title}, row {row}, {heading}: is required ({what})")
    return text


def _as_id(cell: Cell | None) -> str:
    if cell is None:
        return ""
    value = cell.value
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_table(table: Sheet, grid: Grid, document: dict[str, Any], places: Places) -> None:
    """Add the rows of ``table`` to ``document``."""
    layout = _layout(table, grid)
    rows = sorted(r for r in grid if r > 1)
    if table.shape == "list":
        items = document.setdefault(table.field, [])
        for row in rows:
            path = f"{table.field}[{len(items)}]"
            items.append(_entity(table, layout, row, grid[row], path, places))
        return
    owners = _owners_by_id(table, document)
    used: dict[tuple[str, str], int] = {}
    for row in rows:
        cells = grid[row]
        if table.owner is not None:
            owner_id = _lead(table, cells, layout.owner, table.owner, row)
            if owner_id not in owners:
                raise SheetProblem(
                    f"{table.title}, row {row}, {table.owner}: there is no "
                    f"{table.owner.lower()} with the ID '{owner_id}'"
                )
            owner_path, owner = owners[owner_id]
        else:
            owner_id, (owner_path, owner) = "", ("proposal", document["proposal"])
        if table.shape == "nested":
            items = owner.setdefault(table.field, [])
            path = f"{owner_path}.{table.field}[{len(items)}]"
            items.append(_entity(table, layout, row, cells, path, places))
            continue
        assert table.key is not None
        key = _lead(table, cells, layout.key, table.key, row)
        if (owner_id, key) in used:
            raise SheetProblem(
                f"{table.title}, row {row}, {table.key}: '{key}' is given twice for this "
                f"{(table.owner or 'case').lower()} (first in row {used[owner_id, key]})"
            )
        used[owner_id, key] = row
        held = owner.setdefault(table.field, {})
        path = f"{owner_path}.{table.field}.{key}"
        if table.shape == "map":
            held[key] = _entity(table, layout, row, cells, path, places)
        else:
            score = _entity(table, layout, row, cells, path, places).get("score")
            held[key] = score
            places.paths[path] = Place(table.title, row, table.columns[0].header)


def _owners_by_id(table: Sheet, document: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    if table.owner is None:
        return {}
    owners: dict[str, tuple[str, Any]] = {}
    for index, owner in enumerate(document.get(table.path[0], [])):
        ident = owner.get("id")
        if isinstance(ident, str) and ident not in owners:
            owners[ident] = (f"{table.path[0]}[{index}]", owner)
    return owners
