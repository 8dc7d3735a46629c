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
    MAX_TITLE,
    NUMBER_HEADER,
    SCORE_HEADER,
    VERSION_KEY,
    Column,
    Sheet,
    shown,
)
from desktop_app.i18n import N_, _, every_translation, language

#: The Case sheet's columns that hold a row's value and its key (found by their headings).
VALUE_HEADER = N_("Value")
KEY_HEADER = N_("Key")
#: The word a message about a criterion (a score's key, not its value) carries.
_CRITERION = N_("criterion")


def names_of(name: str, *, truncate: bool = False) -> tuple[str, ...]:
    """The names (case-folded) a workbook may give a sheet or a column: the English one first,
    then the language in use's and every other's (a workbook written in German is read in
    English too; ``truncate``: cut to Excel's longest sheet name too)."""
    names = [shown(name, translate) for translate in every_translation()]
    if truncate:
        names += [n[:MAX_TITLE] for n in names]
    return tuple(dict.fromkeys(n.casefold() for n in names))


def _noun(heading: str) -> str:
    """A heading as a noun inside a sentence: "party" in English, "Partei" in German."""
    return heading.lower() if language() == "en" else shown(heading)


@dataclass(frozen=True)
class Place:
    """Where a value sits: a sheet, a row as Excel numbers it, and the column's heading."""

    sheet: str
    row: int
    column: str | None = None

    def words(self) -> str:
        if self.column:
            return _("{sheet}, row {row}, {column}").format(
                sheet=shown(self.sheet), row=self.row, column=shown(self.column)
            )
        return _("{sheet}, row {row}").format(sheet=shown(self.sheet), row=self.row)


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
        if place.column == SCORE_HEADER and (_CRITERION in message or _(_CRITERION) in message):
            place = Place(place.sheet, place.row, MAP_KEYS["scores"])
        return f"{place.words()}: {message}"

    def _row_words(self, path: str) -> str:
        place = self.paths.get(path)
        if place is None:
            return path
        return _("{sheet} row {row}").format(sheet=shown(place.sheet), row=place.row)


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
    value_at, key_at = _column_named(names, VALUE_HEADER, 2), _column_named(names, KEY_HEADER, 3)
    document: dict[str, Any] = {"case": {}, "proposal": {}}
    seen: dict[str, int] = {}
    for row in sorted(r for r in grid if r > 1):
        key = _text(grid[row].get(key_at))
        if not key:
            continue
        place = Place(title, row, VALUE_HEADER)
        if key in seen:
            raise SheetProblem(
                _("{place}: '{key}' is given twice (first in row {first})").format(
                    place=Place(title, row, KEY_HEADER).words(), key=key, first=seen[key]
                )
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
            raise SheetProblem(
                _("{place}: '{key}' is not a field of a case").format(
                    place=Place(title, row, KEY_HEADER).words(), key=key
                )
            )
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


def _column_named(names: Mapping[str, int], heading: str, default: int) -> int:
    """The column whose heading is ``heading`` (in English or the language in use)."""
    for name in names_of(heading):
        if name in names:
            return names[name]
    return default


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
    leads = ((table.owner, "owner"), (table.key, "key"))
    for lead, what in leads:
        if lead is not None:
            for name in (lead.casefold(), f"{lead} id".casefold(), f"{lead}_id".casefold()):
                wanted.setdefault(name, what)
    # The headings the workbook export writes in the language in use, after every English
    # name (so that no English heading ever changes its meaning).
    for column in table.columns:
        for name in names_of(column.header):
            wanted.setdefault(name, column)
    for lead, what in leads:
        if lead is not None:
            for name in names_of(lead):
                wanted.setdefault(name, what)
    for number, cell in sorted(grid.get(1, {}).items()):
        heading = _text(cell)
        found = wanted.get(heading.casefold())
        if found is None:
            known = ", ".join(shown(h) for h in table.headers)
            raise SheetProblem(
                _(
                    "{sheet}, column {column}: '{heading}' is not a column of this sheet "
                    "(its columns: {known})"
                ).format(
                    sheet=shown(table.title), column=_letter(number), heading=heading, known=known
                )
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
                _(
                    "{sheet}, row {row}, column {column}: has a value but no heading saying "
                    "what it is"
                ).format(sheet=shown(table.title), row=row, column=_letter(number))
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
        if heading == table.key:
            problem = _("is required (which {noun} the row is about)")
        else:
            problem = _("is required (the ID of the {noun} the row belongs to)")
        place = Place(table.title, row, heading).words()
        raise SheetProblem(f"{place}: {problem.format(noun=_noun(heading))}")
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
                place = Place(table.title, row, table.owner).words()
                problem = _("there is no {noun} with the ID '{ident}'").format(
                    noun=_noun(table.owner), ident=owner_id
                )
                raise SheetProblem(f"{place}: {problem}")
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
            place = Place(table.title, row, table.key).words()
            if table.owner is None:
                problem = _("'{key}' is given twice for this case (first in row {first})")
            else:
                problem = _("'{key}' is given twice for this {noun} (first in row {first})")
            problem = problem.format(
                key=key, noun=_noun(table.owner or ""), first=used[owner_id, key]
            )
            raise SheetProblem(f"{place}: {problem}")
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
