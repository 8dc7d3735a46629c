"""The app's columns and form fields are derived from the schema (issue 12, "Fields"): a column
over a stored field says what the schema declares (header, kind, tooltip, choices); only
widths, adapters and computed figures are the app's own, and a field added to the schema shows
up in its table without a change in ``ui/``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from desktop_app.domain import model as m
from desktop_app.domain import schema
from desktop_app.domain.fields import Field, Identifier, Text
from desktop_app.domain.schema import SPEC_BY_CLASS, EntitySpec, field_of
from desktop_app.ui.models.alternatives_columns import (
    RANGE_FIELDS,
    criterion_columns,
    our_alternative_columns,
    their_alternative_columns,
)
from desktop_app.ui.models.columns import Column, column_for, columns_for
from desktop_app.ui.models.margin_columns import COST_COLUMNS, SCENARIO_COLUMNS
from desktop_app.ui.models.parties_columns import PARTY_COLUMNS, interest_columns
from desktop_app.ui.models.risk_columns import OVERRIDE_COLUMNS, RISK_COLUMNS
from desktop_app.ui.tabs.case_tab import SETTINGS_COLUMNS, WHO_COLUMNS
from desktop_app.ui.tabs.proposal_tab import TERM_COLUMNS

NO_DOCUMENT: Any = None  # the computed columns read the document only when drawn

TABLES: dict[str, tuple[type[Any], tuple[Column, ...], frozenset[str]]] = {
    # name: (entity class, its columns, fields deliberately not shown there)
    "parties": (m.Party, tuple(PARTY_COLUMNS), frozenset()),
    "interests": (m.Interest, interest_columns(NO_DOCUMENT), frozenset()),
    "criteria": (m.Criterion, criterion_columns(NO_DOCUMENT), frozenset()),
    "their alternatives": (
        m.Alternative,
        their_alternative_columns(NO_DOCUMENT),
        frozenset({"side", "net_value"}),  # a net value is ours only (refused on theirs)
    ),
    "our alternatives": (
        m.Alternative,
        our_alternative_columns(NO_DOCUMENT),
        frozenset({"side", "unit_price", "switching_cost", "failure_cost", *RANGE_FIELDS}),
    ),
    "cost lines": (m.CostLine, COST_COLUMNS, frozenset()),
    "risks": (m.Risk, RISK_COLUMNS, frozenset()),
    "scenarios": (m.Scenario, SCENARIO_COLUMNS, frozenset()),
    "terms": (m.Term, tuple(TERM_COLUMNS), frozenset()),
    "case": (m.CaseInfo, (*WHO_COLUMNS, *SETTINGS_COLUMNS), frozenset({"fair_band"})),
}


@pytest.mark.parametrize("table", TABLES)
def test_a_column_over_a_field_says_what_the_schema_declares(table: str) -> None:
    cls, columns, _hidden = TABLES[table]
    fields = SPEC_BY_CLASS[cls].fields
    for column in columns:
        declared = fields.get(column.field)
        if declared is None or not column.editable:
            continue  # computed from the analysis or the case (share, EV, interests count)
        assert column.header == declared.label, column.field
        assert column.tooltip == declared.tooltip, column.field
        assert column.kind == declared.kind, column.field
        assert column.choices == tuple((str(v), label) for v, label in declared.choice_labels)
        if declared.decimals is not None:
            assert column.decimals == declared.decimals


@pytest.mark.parametrize("table", TABLES)
def test_every_field_a_cell_can_hold_has_its_column(table: str) -> None:
    cls, columns, hidden = TABLES[table]
    editable = {
        name for name, declared in SPEC_BY_CLASS[cls].fields.items() if declared.kind is not None
    }
    shown = {c.field for c in columns if c.editable}
    assert shown >= editable - hidden
    assert not (shown & hidden)


def test_the_fair_band_ends_take_the_fields_words() -> None:
    ends = [c for c in SETTINGS_COLUMNS if c.field.startswith("fair_band_")]
    band = field_of(m.CaseInfo, "fair_band")
    assert [c.header for c in ends] == ["Fair band, low end", "Fair band, high end"]
    assert all(c.tooltip.startswith(band.tooltip) for c in ends)


def test_the_risk_overrides_show_the_registers_columns() -> None:
    assert tuple(c.field for c in OVERRIDE_COLUMNS) == m.OVERRIDABLE_RISK_FIELDS
    register = {c.field: c for c in RISK_COLUMNS}
    assert all(c is register[c.field] for c in OVERRIDE_COLUMNS)


def test_adapters_follow_from_the_declaration() -> None:
    """A choice stored as a number (the stance) is offered as text and stored as the number;
    a date left empty is stored as none."""
    stance = column_for(m.Party, "stance")
    party = m.Party(id="p", name="P", side="theirs", stance=-2)
    assert stance.value(party) == "-2"
    assert stance.with_value(party, "1").stance == 1
    assert stance.label_of("-2") == "−2 hostile"
    prepared = column_for(m.CaseInfo, "prepared_on")
    assert prepared.value(m.CaseInfo()) == ""
    assert prepared.with_value(m.CaseInfo(prepared_on="2026-01-02"), " ").prepared_on is None
    with pytest.raises(ValueError, match="not a field a cell can hold"):
        column_for(m.Risk, "id")


def test_a_field_added_to_the_schema_shows_up_in_its_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What adding ``Gadget.colour`` to the schema does to a table laid out without it: the
    column is there, at the end, with the schema's words."""

    @dataclass(frozen=True)
    class Gadget:
        id: str
        name: str = ""
        colour: str = ""

    spec = EntitySpec(
        Gadget,
        {
            "id": Identifier(),
            "name": Field(Text(), "Gadget", "What it is."),
            "colour": Field(Text(), tooltip="The colour it is painted."),
        },
    )
    monkeypatch.setitem(schema.SPEC_BY_CLASS, Gadget, spec)
    columns = columns_for(Gadget, ("name", 120))
    assert [(c.field, c.header, c.tooltip) for c in columns] == [
        ("name", "Gadget", "What it is."),
        ("colour", "Colour", "The colour it is painted."),
    ]
    assert columns_for(Gadget, "name", skip=("colour",)) == (column_for(Gadget, "name"),)
