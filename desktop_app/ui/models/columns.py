"""Table columns: what a column shows, how it is edited, how text is read back.

A ``Column`` names a field of a domain entity and its kind; the table model, the editor
delegate, the forms and spreadsheet copy/paste all work from it, so a field is formatted,
edited and parsed the same way everywhere. A column over a stored field is derived from the
field's declaration in ``domain/schema.py`` (``column_for``: its header, kind, tooltip and
choices); only what is the app's own is said here: widths, adapters, read-only figures
computed from the analysis. ``columns_for`` lays out a whole table and adds every field of
the entity that nobody placed, so a field added to the schema appears without a change here.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from desktop_app.domain import entry
from desktop_app.domain.entry import Kind
from desktop_app.domain.fields import Date, Field
from desktop_app.domain.schema import SPEC_BY_CLASS, attribute_name, field_of
from desktop_app.i18n import _, language
from desktop_app.i18n.numbers import currency_symbol, grouped

NUMERIC_KINDS = entry.NUMERIC_KINDS


@dataclass(frozen=True)
class Column:
    """``header``, ``tooltip`` and the choices' labels are the English of the catalogue (a
    key where English is one: a pasted header row); a cell shows ``title``, ``tip`` and the
    labels of ``shown_choices``, in the language in use."""

    field: str
    header: str
    kind: Kind = "text"
    tooltip: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label)
    decimals: int = 2  # shown; the range comes from the schema (``entry.bounds_for``)
    editable: bool = True
    width: int | None = None
    get: Callable[[Any], Any] | None = None
    set: Callable[[Any, Any], Any] | None = None  # (entity, value) -> new entity
    placeholder: str = ""  # what an empty form field reads (a field that may be left empty)

    def value(self, entity: Any) -> Any:
        return self.get(entity) if self.get else getattr(entity, self.field)

    def with_value(self, entity: Any, value: Any) -> Any:
        if self.set is not None:
            return self.set(entity, value)
        changes: dict[str, Any] = {self.field: value}
        return dataclasses.replace(entity, **changes)

    @property
    def title(self) -> str:
        """The header, in the language in use."""
        return _(self.header)

    @property
    def tip(self) -> str:
        """The tooltip, in the language in use ("" for none)."""
        return _(self.tooltip) if self.tooltip else ""

    @property
    def shown_choices(self) -> tuple[tuple[str, str], ...]:
        """The choices with their labels in the language in use."""
        if language() == "en":
            return self.choices
        return tuple((stored, _(label)) for stored, label in self.choices)

    def label_of(self, value: Any) -> str:
        return entry.label_of(value, self.shown_choices)

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


#: A column of ``columns_for``: a field's name, (name, width), or a column made elsewhere.
Item = str | tuple[str, int] | Column
WORD_KINDS = frozenset({"text", "longtext", "lines"})


def column_for(cls: type[Any], name: str, **overrides: Any) -> Column:
    """The column of field ``name`` of the entity class ``cls``, as the schema declares it:
    header, kind, tooltip, choices with their labels, decimals. ``overrides`` are what only
    the app decides: a width, read-only, adapters, a header worded for one place."""
    declared = field_of(cls, name)
    kind = declared.kind
    if kind is None:
        raise ValueError(f"{cls.__name__}.{name} is not a field a cell can hold")
    values: dict[str, Any] = {
        "field": name,
        "header": declared.label,
        "kind": kind,
        "tooltip": declared.tooltip,
        "choices": tuple((str(stored), label) for stored, label in declared.choice_labels),
        **_adapters(declared),
    }
    if declared.decimals is not None:
        values["decimals"] = declared.decimals
    values.update(overrides)
    return Column(**values)


def _adapters(declared: Field) -> dict[str, Any]:
    """Get/set for a field whose stored value is not what its cell holds: a choice stored as
    a number (the stance: ``-2`` ↔ ``"-2"``), a date that may be unset (``None`` ↔ ``""``)."""
    name = declared.name
    if attribute_name(name) != name:  # a keyword (``from``): the dataclass says ``from_``
        attribute = attribute_name(name)

        def get_attribute(entity: Any) -> Any:
            return getattr(entity, attribute)

        def set_attribute(entity: Any, value: Any) -> Any:
            return dataclasses.replace(entity, **{attribute: value})

        return {"get": get_attribute, "set": set_attribute}
    if any(not isinstance(stored, str) for stored, _ in declared.choice_labels):
        by_text = {str(stored): stored for stored, _ in declared.choice_labels}

        def get_choice(entity: Any) -> str:
            return str(getattr(entity, name))

        def set_choice(entity: Any, value: Any) -> Any:
            return dataclasses.replace(entity, **{name: by_text[str(value)]})

        return {"get": get_choice, "set": set_choice}
    if isinstance(declared.rule, Date):

        def get_date(entity: Any) -> str:
            return getattr(entity, name) or ""

        def set_date(entity: Any, value: Any) -> Any:
            return dataclasses.replace(entity, **{name: str(value).strip() or None})

        return {"get": get_date, "set": set_date}
    return {}


def columns_for(
    cls: type[Any],
    *items: Item,
    skip: Iterable[str] = (),
    rest: bool | Callable[[Column], bool] = True,
) -> tuple[Column, ...]:
    """The columns of a table (or the rows of a form) over entities of ``cls``: ``items`` in
    order, then every other field of ``cls`` a cell can hold that is not in ``skip`` (those
    ``rest`` accepts, when it is a test), in the schema's order."""
    columns = [_column(cls, item) for item in items]
    placed = {c.field for c in columns} | set(skip)
    if rest is not False:
        for name, declared in SPEC_BY_CLASS[cls].fields.items():
            if name in placed or declared.kind is None:
                continue
            column = column_for(cls, name)
            if rest is True or rest(column):
                columns.append(column)
    return tuple(columns)


def _column(cls: type[Any], item: Item) -> Column:
    if isinstance(item, Column):
        return item
    if isinstance(item, tuple):
        name, width = item
        return column_for(cls, name, width=width)
    return column_for(cls, item)


def _number(value: float, decimals: int) -> str:
    """``value`` grouped, as the language writes it ("1,234.5" / "1.234,5")."""
    return f"{value:,.{decimals}f}" if language() == "en" else grouped(value, decimals)


def _currency(currency: str) -> str:
    """The currency after an amount: its code in English, its symbol where the language has
    one ("€")."""
    return currency if language() == "en" or not currency else currency_symbol(currency)


def format_money(value: float | None, currency: str = "", decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    text = _number(value, decimals)
    return f"{text} {_currency(currency)}".strip()


def format_money_error(
    value: float | None, error: float | None, currency: str = "", decimals: int = 0
) -> str:
    """A money figure with its Monte Carlo error, written like ``format_money``:
    ``"4,545,322 ± 33,805 EUR"``; without a usable error, just the figure."""
    if value is None or not math.isfinite(value):
        return "—"
    if error is None or not math.isfinite(error):
        return format_money(value, currency, decimals)
    return f"{_number(value, decimals)} ± {_number(error, decimals)} {_currency(currency)}".strip()


def format_percent(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    if language() != "en":
        return f"{grouped(value, decimals)} %"
    return f"{value:.{decimals}f} %"


def display_text(column: Column, value: Any, currency: str = "") -> str:
    """How a value reads in a cell."""
    kind = column.kind
    if value is None:
        return "—" if kind in NUMERIC_KINDS else ""
    if kind in ("money", "optional_money"):
        return format_money(value, currency, 0 if float(value).is_integer() else 2)
    if kind == "percent":
        return format_percent(value, column.decimals)
    if kind == "fraction":
        percent = round(100 * value, 9)  # 0.55 → 55 %, not 55.0 % (55.00000000000001)
        return format_percent(percent, 0 if percent.is_integer() else 1)
    if kind == "score":
        return f"{value:g}" if language() == "en" else f"{value:g}".replace(".", ",")
    if kind in ("number", "int"):
        return _number(value, column.decimals if kind == "number" else 0)
    if kind == "choice":
        return column.label_of(value)
    if kind == "bool":
        return _("yes") if value else _("no")
    if kind == "lines":
        return "\n".join(f"• {line}" for line in value)
    return str(value)


def export_text(column: Column, value: Any) -> str:
    """How a value is copied to a spreadsheet: plain numbers, the labels shown, parseable
    again (``entry.export_text``)."""
    return entry.export_text(column.kind, value, choices=column.shown_choices)


def edit_text(column: Column, value: Any) -> str:
    """What a cell editor or a form field starts from (``entry.edit_text``): the full value
    in the unit shown, which ``parse_text`` reads back as it is."""
    return entry.edit_text(column.kind, value, choices=column.choices)


def parse_text(
    column: Column, text: str, *, owner: type[Any] | None = None, currency: str | None = None
) -> Any:
    """Read a typed or pasted value for ``column`` of an entity of class ``owner`` (its range
    comes from the schema's rule for that field); ``entry.EntryError`` (a ValueError) saying
    what was understood if it is refused. ``currency``: the case's, the only one a money
    field takes."""
    return entry.parse_entry(
        column.kind,
        text,
        bounds=entry.bounds_for(owner, column.field),
        choices=column.shown_choices,
        currency=currency,
    )
