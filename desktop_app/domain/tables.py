"""The case as tables: the sheets of a case workbook, derived from the schema (SPEC §11).

Every sheet and column comes from ``schema.py``: a collection of ``COLLECTIONS`` is a sheet, a
list nested in an entity (a party's interests, a scenario's terms) is a sheet whose first column
names the entity it belongs to, a map (a scenario's risk overrides) a sheet with its key, a map
of scores a sheet of (owner, criterion, score); the case's own fields and the proposal's are
the rows of the Case sheet. A column's header is its field's label and its kind (``CellKind``)
follows from its rule and unit, so a field added to the schema appears in the workbook, typed
and formatted, with no change here. A rule this module does not know is kept as JSON text in
its cell, so even then nothing is lost.

Pure: the workbook is written in ``reports/workbook.py`` and read in ``store/workbook.py``, both
through this layout and the cell conversions of ``cells.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from desktop_app.domain import schema
from desktop_app.domain.fields import (
    Band,
    Bookkeeping,
    Boolean,
    Choice,
    Colour,
    Currency,
    Date,
    Field,
    Identifier,
    IdList,
    Integer,
    Logo,
    Number,
    ScoreMap,
    Text,
    TextList,
)
from desktop_app.domain.schema import (
    CASE_INFO,
    COLLECTIONS,
    CORRELATION,
    CORRELATIONS_KEY,
    PROPOSAL,
    EntitySpec,
    Nested,
    NestedMap,
)
from desktop_app.i18n import N_, _

#: How a cell holds a field's value (``cells.to_cell`` / ``cells.from_cell``).
CellKind = Literal[
    "id",  # an entity's own id: empty means "give it one"
    "ref",  # the id of another entity (or of the row's owner): empty means none
    "text",
    "longtext",
    "code",  # a currency code
    "colour",
    "money",
    "number",
    "int",
    "percent",  # stored in percent (10 = 10 %), shown as an Excel percentage
    "fraction",  # stored as 0–1, shown as an Excel percentage
    "score",
    "choice",
    "bool",
    "date",
    "lines",  # a list of texts (or ids), one per line
    "logo",  # a picture anchored in the row
    "json",  # a value of a rule this module does not know, as JSON text
]

#: A heading of one end of a band ("Fair band, low") in the language in use.
_BAND_ENDS = ((", low", N_("{label}, low")), (", high", N_("{label}, high")))
#: The titles and headings put together here from names (a sheet's title, the heading of a
#: field declared without a label, of two fields with one label), for the catalogue to hold:
#: the workbook is written in the language in use (``shown``).
_PUT_TOGETHER = (
    N_("Parties"),
    N_("Interests"),
    N_("Criteria"),
    N_("Alternatives"),
    N_("Alternative scores"),
    N_("Cost lines"),
    N_("Risks"),
    N_("Scenarios"),
    N_("Scenario scores"),
    N_("Risk overrides"),
    N_("Terms"),
    N_("Offers"),
    N_("Correlations"),
    N_("Talking points"),
    N_("Addresses interests"),
    N_("Consultancy logo"),
    N_("Consultancy accent"),
    N_("Client logo"),
    N_("Client accent"),
    N_("ID"),
)


def shown(name: str, translate: Callable[[str], str] = _) -> str:
    """A sheet's title or a column's heading (English, as declared here) in the language in
    use (or as ``translate`` says it): the workbook export writes it so, the import reads it
    back in any language."""
    for end, frame in _BAND_ENDS:
        if name.endswith(end):
            return translate(frame).format(label=translate(name[: -len(end)]))
    return translate(name)


#: The header of a map's key column, by the map's field name (else "Key").
MAP_KEYS = {"risk_overrides": "Risk", "scores": "Criterion"}
SCORE_HEADER = "Score"
NUMBER_HEADER = "#"
#: The JSON interchange's envelope (``store.interchange`` uses these), on the Case sheet too.
DOCUMENT_FORMAT, DOCUMENT_VERSION = schema.DOCUMENT_FORMAT, schema.DOCUMENT_VERSION
FORMAT_KEY, VERSION_KEY = schema.FORMAT_KEY, schema.VERSION_KEY
CASE_SHEET = N_("Case")
ANALYSIS_SHEET = N_("Analysis")
#: Excel's longest sheet name.
MAX_TITLE = 31

Shape = Literal["list", "nested", "map", "scores"]


@dataclass(frozen=True)
class Column:
    """One column of a sheet (or one row of the Case sheet): the field's JSON name, what its
    header says, how its cell holds the value, and ``part`` for one end of a band."""

    key: str
    header: str
    kind: CellKind
    field: Field | None = None
    part: int | None = None
    nullable: bool = False

    @property
    def decimals(self) -> int | None:
        return self.field.decimals if self.field is not None else None

    def choices(self) -> tuple[tuple[Any, str], ...]:
        return self.field.choice_labels if self.field is not None else ()


@dataclass(frozen=True)
class Sheet:
    """A table sheet: its rows are the entities at ``path`` in the JSON document.

    ``path`` is ``("risks",)`` for a collection, ``("parties", "interests")`` for a list in
    each party, ``("proposal", "talking_points")`` for a list in the proposal. ``owner`` is the
    header of the column naming the entity a row belongs to (``"Party"``), ``key`` that of a
    map's key column (``"Risk"``)."""

    title: str
    path: tuple[str, ...]
    shape: Shape
    columns: tuple[Column, ...]
    owner: str | None = None
    key: str | None = None
    spec: EntitySpec | None = None

    @property
    def numbered(self) -> bool:
        """Rows with neither an id nor an owner (the proposal's talking points) are numbered,
        so that a row left empty still counts as one."""
        return self.owner is None and self.shape != "list"

    @property
    def headers(self) -> tuple[str, ...]:
        lead = [h for h in (self.owner, self.key) if h is not None]
        if self.numbered:
            lead.insert(0, NUMBER_HEADER)
        return (*lead, *(c.header for c in self.columns))

    @property
    def field(self) -> str:
        """The field of the owner that holds these rows (the collection for a top sheet)."""
        return self.path[-1]


def _nullable(field: Field) -> bool:
    return bool(getattr(field.rule, "nullable", False))


def cell_kind(name: str, field: Field) -> CellKind:
    """How a cell holds the field ``name``: from its rule, then its unit."""
    rule, kind = field.rule, field.kind
    if isinstance(rule, Identifier):
        return "id" if name == "id" else "ref"
    simple: tuple[tuple[type[Any], CellKind], ...] = (
        (Logo, "logo"),
        (Colour, "colour"),
        (Boolean, "bool"),
        (Date, "date"),
        (Currency, "code"),
        (TextList, "lines"),
        (IdList, "lines"),
    )
    for rule_type, cell in simple:
        if isinstance(rule, rule_type):
            return cell
    if isinstance(rule, Choice) or field.choices:
        return "choice"
    if isinstance(rule, Number):
        units: dict[Any, CellKind] = {
            "money": "money",
            "optional_money": "money",
            "percent": "percent",
            "fraction": "fraction",
            "score": "score",
        }
        if kind in units:
            return units[kind]
        return "int" if isinstance(rule, Integer) else "number"
    if isinstance(rule, Text):
        return "longtext" if kind == "longtext" else "text"
    return "json"


def _is_child(field: Field) -> bool:
    return isinstance(field.rule, Nested | NestedMap | ScoreMap)


def is_bookkeeping(spec: EntitySpec, name: str) -> bool:
    """A text the app keeps for itself (what a generated text was last based on): declared as
    a bare ``Text`` rule, without the words a consultant reads. The JSON interchange leaves
    these out (``interchange.case_to_document``), and so does the workbook."""
    declared = spec.declared[name]
    if isinstance(declared, Bookkeeping):  # the figures the consultant's words were based on
        return True
    return isinstance(declared, Text) and not isinstance(declared, Field)


def field_columns(spec: EntitySpec) -> tuple[Column, ...]:
    """The columns of an entity's own values (its nested lists and maps are sheets)."""
    columns: list[Column] = []
    for name, field in spec.fields.items():
        if is_bookkeeping(spec, name) or _is_child(field):
            continue
        if isinstance(field.rule, Band):
            for part, end in enumerate(("low", "high")):
                header = f"{field.label}, {end}"
                columns.append(Column(name, header, "fraction", field, part=part))
            continue
        kind = cell_kind(name, field)
        nullable = _nullable(field) or kind in ("ref", "date", "logo", "colour")
        header = "ID" if kind == "id" else field.label
        columns.append(Column(name, header, kind, field, nullable=nullable))
    # Two fields with one label (the consultancy's logo and the client's) are told apart by
    # their names: "Consultancy logo", "Client logo".
    counts = Counter(c.header.casefold() for c in columns)
    return tuple(
        Column(c.key, _humane(c.key), c.kind, c.field, c.part, c.nullable)
        if counts[c.header.casefold()] > 1
        else c
        for c in columns
    )


def _humane(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _children(spec: EntitySpec) -> Iterator[tuple[str, Field]]:
    for name, field in spec.fields.items():
        if _is_child(field):
            yield name, field


def _child_names() -> Counter[str]:
    names: Counter[str] = Counter()
    for spec in (*COLLECTIONS.values(), PROPOSAL):
        names.update(name for name, _ in _children(spec))
    return names


def _child_sheet(
    parent: EntitySpec, path: tuple[str, ...], name: str, field: Field, shared: bool
) -> Sheet:
    owner_name = parent.cls.__name__
    title = _humane(name) if not shared else f"{owner_name} {name.replace('_', ' ')}"
    owner = owner_name if parent is not PROPOSAL else None
    if owner is not None and "id" not in parent.fields:
        raise TypeError(f"{owner_name}.{name}: rows of an entity without an id cannot be named")
    rule = field.rule
    if isinstance(rule, ScoreMap):
        score = Column("score", SCORE_HEADER, "score", None)
        return Sheet(title[:MAX_TITLE], (*path, name), "scores", (score,), owner, MAP_KEYS[name])
    if isinstance(rule, NestedMap):
        key = MAP_KEYS.get(name, "Key")
        columns = field_columns(rule.spec)
        return Sheet(title[:MAX_TITLE], (*path, name), "map", columns, owner, key, rule.spec)
    assert isinstance(rule, Nested)
    columns = field_columns(rule.spec)
    return Sheet(title[:MAX_TITLE], (*path, name), "nested", columns, owner, None, rule.spec)


def table_sheets() -> tuple[Sheet, ...]:
    """Every table sheet in workbook order: each collection, then the lists and maps of its
    entities; the proposal's lists last."""
    shared = {name for name, count in _child_names().items() if count > 1}
    sheets: list[Sheet] = []
    for key, spec in COLLECTIONS.items():
        sheets.append(Sheet(_humane(key), (key,), "list", field_columns(spec), spec=spec))
        for name, field in _children(spec):
            sheets.append(_child_sheet(spec, (key,), name, field, name in shared))
            child = field.rule
            if isinstance(child, Nested | NestedMap) and any(_children(child.spec)):
                raise TypeError(f"{key}.{name}: lists inside lists are not laid out as sheets")
    correlations = field_columns(CORRELATION)
    sheets.append(
        Sheet(
            _humane(CORRELATIONS_KEY), (CORRELATIONS_KEY,), "list", correlations, spec=CORRELATION
        )
    )
    for name, field in _children(PROPOSAL):
        sheets.append(_child_sheet(PROPOSAL, ("proposal",), name, field, name in shared))
    return tuple(sheets)


@dataclass(frozen=True)
class CaseRow:
    """One row of the Case sheet: the JSON path of its value (``case.title``,
    ``case.fair_band[0]``, ``proposal.statement``) and the column that holds it."""

    path: str
    column: Column
    section: str


def case_rows() -> tuple[CaseRow, ...]:
    """The Case sheet's rows: the case's own fields, then the proposal's (its lists are
    sheets)."""
    rows: list[CaseRow] = []
    for section, spec in (("case", CASE_INFO), ("proposal", PROPOSAL)):
        for column in field_columns(spec):
            path = f"{section}.{column.key}"
            if column.part is not None:
                path += f"[{column.part}]"
            rows.append(CaseRow(path, column, section))
    return tuple(rows)


TABLE_SHEETS = table_sheets()
CASE_ROWS = case_rows()


# -- the rows of a document -----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of a table sheet: the id of the entity it belongs to (``owner``), its map key,
    and its entity's raw (JSON) fields — or, for a map of scores, ``{"score": score}``."""

    owner: str | None
    key: str | None
    values: Mapping[str, Any]


def _owners(sheet: Sheet, document: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    if sheet.path[0] == "proposal":
        yield document.get("proposal", {})
        return
    yield from document.get(sheet.path[0], [])


def sheet_rows(sheet: Sheet, document: Mapping[str, Any]) -> Iterator[Row]:
    """The rows of ``sheet`` for a JSON-form document (as ``schema.to_raw`` gives it)."""
    if sheet.shape == "list":
        for entity in document.get(sheet.field, []):
            yield Row(None, None, entity)
        return
    for owner in _owners(sheet, document):
        owner_id = owner.get("id") if sheet.owner is not None else None
        held = owner.get(sheet.field)
        if sheet.shape == "nested":
            for entity in held or []:
                yield Row(owner_id, None, entity)
        elif sheet.shape == "map":
            for key, entity in (held or {}).items():
                yield Row(owner_id, key, entity)
        else:
            for key, score in (held or {}).items():
                yield Row(owner_id, key, {"score": score})
