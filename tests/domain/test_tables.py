"""The case as tables (the workbook's layout) comes from the schema, and a cell gives back what
was put in it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

import pytest

from desktop_app.domain import model as m
from desktop_app.domain.cells import (
    LITERAL_PERCENT_FORMAT,
    OMIT,
    PERCENT_FORMAT,
    escape,
    from_cell,
    from_percent_cell,
    is_percent_format,
    money_format,
    to_cell,
    to_percent_cell,
    unescape,
)
from desktop_app.domain.fields import Field, Number, Text
from desktop_app.domain.schema import CASE_INFO, COLLECTIONS, PROPOSAL, EntitySpec, Identifier
from desktop_app.domain.tables import (
    CASE_ROWS,
    TABLE_SHEETS,
    Column,
    field_columns,
    is_bookkeeping,
)

SHEET = {sheet.path: sheet for sheet in TABLE_SHEETS}


def _column(sheet_path: tuple[str, ...], key: str) -> Column:
    return next(c for c in SHEET[sheet_path].columns if c.key == key)


def test_every_interchanged_field_has_a_column_or_a_sheet() -> None:
    for key, spec in COLLECTIONS.items():
        keys = {c.key for c in SHEET[(key,)].columns}
        for name in spec.fields:
            if is_bookkeeping(spec, name):
                continue
            assert name in keys or (key, name) in SHEET, f"{key}.{name}"
    case_paths = {row.path.split("[")[0] for row in CASE_ROWS}
    for section, spec in (("case", CASE_INFO), ("proposal", PROPOSAL)):
        for name in spec.fields:
            if is_bookkeeping(spec, name):
                continue
            assert f"{section}.{name}" in case_paths or (section, name) in SHEET, name


def test_the_sheets_are_the_tables_of_the_case_in_order() -> None:
    assert [s.title for s in TABLE_SHEETS] == [
        "Parties",
        "Interests",
        "Criteria",
        "Alternatives",
        "Alternative scores",
        "Cost lines",
        "Risks",
        "Scenarios",
        "Scenario scores",
        "Risk overrides",
        "Terms",
        "Offers",
        "Correlations",
        "Talking points",
    ]
    assert SHEET[("risks",)].headers[:4] == ("ID", "Risk", "Category", "Probability")
    assert SHEET[("parties", "interests")].headers == ("Party", "ID", "Interest", "Priority")
    assert SHEET[("scenarios", "risk_overrides")].headers[:3] == ("Scenario", "Risk", "Probability")
    assert SHEET[("proposal", "talking_points")].headers == ("#", "Alternative", "Text")


def test_a_fields_kind_follows_its_rule_and_unit() -> None:
    assert _column(("risks",), "probability").kind == "fraction"
    assert _column(("risks",), "impact_low").kind == "money"
    assert _column(("risks",), "capped_by_liability").kind == "bool"
    assert _column(("risks",), "frequency").kind == "choice"
    assert _column(("scenarios",), "annual_price_change_pct").kind == "percent"
    assert _column(("scenarios",), "years").kind == "int"
    assert _column(("alternatives",), "pros").kind == "lines"
    assert _column(("parties",), "stance").kind == "choice"  # an integer with labels
    rows = {row.path: row.column for row in CASE_ROWS}
    assert rows["case.prepared_on"].kind == "date"
    assert rows["case.fair_band[0]"].kind == "fraction"
    assert rows["case.consultancy_logo"].header == "Consultancy logo"  # two fields, one label
    assert rows["case.client_logo"].header == "Client logo"


def test_a_new_field_appears_without_a_change_to_the_workbook_code() -> None:
    @dataclass(frozen=True)
    class Offer:
        id: str
        note: str = ""
        discount_pct: float = 0.0

    spec = EntitySpec(
        Offer,
        {
            "id": Identifier(),
            "note": Field(Text(), "Note", unit="longtext"),
            "discount_pct": Field(Number(0, 100), "Discount", unit="percent"),
        },
    )
    columns = field_columns(spec)
    assert [(c.key, c.header, c.kind) for c in columns] == [
        ("id", "ID", "id"),
        ("note", "Note", "longtext"),
        ("discount_pct", "Discount", "percent"),
    ]


# -- cells -----------------------------------------------------------------------------------


@pytest.mark.parametrize("percent", [7.0, 12.5, -3.0, 0.1, 10.0, 33.3, 99.99, 0.0])
def test_a_percentage_is_an_excel_percentage_read_back_exactly(percent: float) -> None:
    column = _column(("scenarios",), "annual_price_change_pct")
    value, number_format = to_cell(column, percent, "EUR")
    assert number_format == PERCENT_FORMAT
    assert value == pytest.approx(percent / 100)
    assert from_cell(column, value, number_format) == percent


def test_a_typed_percentage_reads_as_its_percent() -> None:
    assert from_percent_cell(0.07) == 7.0  # not 7.000000000000001
    assert from_percent_cell(0.125) == 12.5
    column = _column(("scenarios",), "annual_price_change_pct")
    assert from_cell(column, 0.07, "0%") == 7.0
    assert from_cell(column, 12, "General") == 12  # a plain number is in percent, as in JSON
    assert from_cell(column, "−3%", None) == -3.0


def test_a_percent_no_cell_number_gives_back_is_written_in_percent() -> None:
    awkward = 0.30000000000000004
    if to_percent_cell(awkward) is None:
        column = _column(("scenarios",), "annual_price_change_pct")
        value, number_format = to_cell(column, awkward, "EUR")
        assert (value, number_format) == (awkward, LITERAL_PERCENT_FORMAT)
        assert not is_percent_format(number_format)
        assert from_cell(column, value, number_format) == awkward


def test_percent_formats_are_told_from_a_literal_percent_sign() -> None:
    assert is_percent_format("0%") and is_percent_format("0.0##%")
    assert not is_percent_format('0.0"%"') and not is_percent_format("0\\%")
    assert not is_percent_format("General") and not is_percent_format(None)


def test_money_is_formatted_in_the_case_currency() -> None:
    assert money_format("PLN") == '"PLN" #,##0.00;-"PLN" #,##0.00'
    column = _column(("risks",), "impact_high")
    assert to_cell(column, 1200.0, "PLN") == (1200.0, money_format("PLN"))
    assert to_cell(column, None, "PLN") == (None, None)


@pytest.mark.parametrize(
    "text", ["_x0041_", "a\ufffeb", "plain", "_x005F_", "=1+2", "  spaced  ", "tab\tand\nline"]
)
def test_text_survives_excels_escapes(text: str) -> None:
    assert unescape(escape(text)) == text
    assert "\ufffe" not in escape(text)


def test_a_list_of_texts_is_one_per_line_unless_a_line_cannot_say_it() -> None:
    column = _column(("alternatives",), "pros")
    assert to_cell(column, ["cheap", "fast"], "EUR") == ("cheap\nfast", None)
    assert to_cell(column, [], "EUR") == (None, None)
    for awkward in (["", "x"], ["two\nlines"], ["[not json", "y"]):
        value, _ = to_cell(column, awkward, "EUR")
        assert value == json.dumps(awkward, ensure_ascii=False)
        assert from_cell(column, value) == awkward
    assert from_cell(column, "cheap\r\n\nfast\n") == ["cheap", "fast"]
    assert from_cell(column, "[draft] idea") == ["[draft] idea"]


def test_choices_read_as_their_value_or_label() -> None:
    side = _column(("parties",), "side")
    assert to_cell(side, "third", "EUR") == ("third party", None)
    assert from_cell(side, "Third Party") == "third"
    assert from_cell(side, "theirs") == "theirs"
    assert from_cell(side, "nobody") == "nobody"  # the schema refuses it, naming its options
    stance = _column(("parties",), "stance")
    assert to_cell(stance, -2, "EUR") == ("−2 hostile", None)
    assert from_cell(stance, "-2 hostile") == -2
    assert from_cell(stance, 1) == 1
    assert from_cell(stance, "+1") == 1


def test_dates_are_excel_dates_from_1900_on() -> None:
    rows = {row.path: row.column for row in CASE_ROWS}
    column = rows["case.prepared_on"]
    assert to_cell(column, "2026-11-20", "EUR") == (dt.date(2026, 11, 20), "yyyy-mm-dd")
    assert to_cell(column, "1899-12-31", "EUR")[0] == "1899-12-31"
    assert from_cell(column, dt.datetime(2026, 11, 20)) == "2026-11-20"
    assert from_cell(column, None) is None


def test_empty_cells_give_defaults_nulls_or_empty_text() -> None:
    assert from_cell(_column(("risks",), "name"), None) == ""
    assert from_cell(_column(("risks",), "probability"), None) is OMIT
    assert from_cell(_column(("risks",), "id"), "") is OMIT
    assert from_cell(_column(("scenarios",), "liability_cap"), None) is None
    assert from_cell(_column(("risks",), "capped_by_liability"), "yes") is True
    assert from_cell(_column(("risks",), "probability"), " 0.25 ") == 0.25
    assert from_cell(_column(("risks",), "id"), 12) == "12"


def test_model_defaults_are_what_an_omitted_field_gets() -> None:
    # OMIT leaves a field out: the dataclass default applies (SPEC §1 defaults).
    assert m.Risk(id="r").frequency == "per_contract"
    assert dataclasses.fields(m.Party)[0].name == "id"
