"""Entry (issue 12): one parser per kind of field reads what a consultant types or pastes as a
spreadsheet would, or refuses it saying what was understood — never a silent change."""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from desktop_app.domain import model as m
from desktop_app.domain import schema
from desktop_app.domain.entry import (
    MAGNITUDES,
    EntryError,
    Move,
    announce_moves,
    bounds_for,
    edit_text,
    export_text,
    follow_order,
    keep_in_order,
    parse_entry,
)
from desktop_app.domain.fields import Integer, Number

STANCES = (
    ("-2", "−2 hostile"),
    ("-1", "−1 sceptical"),
    ("0", "0 neutral"),
    ("1", "+1 favourable"),
    ("2", "+2 supportive"),
)
SIDES = (("ours", "ours"), ("theirs", "theirs"), ("third", "third party"))
FREQUENCIES = (("per_contract", "once per contract"), ("per_year", "each year"))
BASES = (("per_unit", "per unit"), ("per_year", "per year"), ("one_time", "one-time"))


# -- what a consultant types ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.2M", 1_200_000),
        ("1,2 Mio", 1_200_000),
        ("1,2 Mio.", 1_200_000),
        ("250k", 250_000),
        ("250 K", 250_000),
        ("1.5bn", 1_500_000_000),
        ("1,5 Mrd", 1_500_000_000),
        ("EUR 455", 455),
        ("455 EUR", 455),
        ("eur455", 455),
        ("€455", 455),
        ("455 €", 455),
        ("€1.2M", 1_200_000),
        ("1,234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("1.234,5", 1234.5),
        ("1.234.567", 1_234_567),
        ("1'234.50", 1234.5),
        ("45,000", 45_000),  # as the app itself writes thousands
        ("30,000,000", 30_000_000),
        ("12,5", 12.5),
        ("0,123", 0.123),
        ("1.234", 1.234),
        ("12.", 12),
        (".5", 0.5),
        ("1e6", 1_000_000),
        ("  7  ", 7),
    ],
)
def test_money_is_read_as_a_spreadsheet_reads_it(text: str, value: float) -> None:
    assert parse_entry("money", text, currency="EUR") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("−3", -3), ("-3", -3), ("+2", 2), ("-2", -2), ("- 2", -2), ("−1.5k", -1500)],
)
def test_signs_including_the_typographic_minus(text: str, value: float) -> None:
    assert parse_entry("number", text) == value


@pytest.mark.parametrize(
    "text",
    [
        *("12abc", "abc12", "1.2.3", "1,234,5", "1 2", "12 3456", "1.2.3M", "--2", "+-2"),
        *("2-", "M", "1.2 MM", "12 apples", "x", "12e", "1e5k", "%", "12 %%", "1,2,", "€"),
        *("1.2M.", "0x10"),
    ],
)
def test_anything_else_is_refused_with_the_text_quoted(text: str) -> None:
    with pytest.raises(EntryError) as refused:
        parse_entry("money", text, currency="EUR")
    assert f"'{text.strip()}'" in str(refused.value)


def test_a_number_with_letters_is_never_stripped_to_its_digits() -> None:
    """The old parser dropped every letter: ``abc12`` became 12."""
    for text in ("abc12", "12abc", "a1b2", "twelve 12", "12 pcs"):
        with pytest.raises(EntryError, match="is not a number"):
            parse_entry("number", text)


def test_only_the_cases_currency_is_taken() -> None:
    assert parse_entry("money", "USD 455", currency="USD") == 455
    assert parse_entry("money", "$455", currency="USD") == 455
    with pytest.raises(EntryError, match="in USD; the case's amounts are in EUR"):
        parse_entry("money", "USD 455", currency="EUR")
    with pytest.raises(EntryError, match="amounts are in EUR"):
        parse_entry("money", "$455", currency="EUR")


def test_a_percent_sign_or_a_currency_where_it_means_nothing_is_refused() -> None:
    with pytest.raises(EntryError, match="is a percentage"):
        parse_entry("money", "12 %")
    with pytest.raises(EntryError, match="amount of money"):
        parse_entry("number", "EUR 12")
    with pytest.raises(EntryError, match="not a percentage"):
        parse_entry("fraction", "1.2M")
    with pytest.raises(EntryError, match="a score is 0 to 10"):
        parse_entry("score", "1k")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 %", 0.12),
        ("12%", 0.12),
        ("55", 0.55),  # a bare number of 1 or more is a percentage, as in Excel
        ("0.55", 0.55),  # a bare number under 1 is the fraction itself
        ("0,55", 0.55),
        ("100", 1.0),
        ("100 %", 1.0),
        ("1", 0.01),
        ("0", 0.0),
        ("0.5 %", 0.005),
        ("12.5", 0.125),
    ],
)
def test_fractions_follow_excels_percent_entry(text: str, value: float) -> None:
    assert parse_entry("fraction", text) == value


@pytest.mark.parametrize(
    ("kind", "text", "bounds", "message"),
    [
        ("fraction", "170", None, "170 is 170 %, above 100 %"),
        ("fraction", "150 %", None, "150 % is above 100 %"),
        ("fraction", "-5", None, "-5 is −5 %, below 0 %"),
        (
            "fraction",
            "99.95",
            Number(0.5, 0.999),
            "99.95 is 99.95 %, above 99.9 % (it must be between 50 % and 99.9 %)",
        ),
        ("money", "-5", None, "−5 is below 0"),
        ("money", "−5", None, "−5 is below 0"),
        ("money", "-1.2M", None, "-1.2M is −1,200,000, below 0"),
        ("int", "9", Integer(1, 5), "9 is not between 1 and 5"),
        ("int", "20k", Integer(1, 5), "20k is 20,000, not between 1 and 5"),
        ("int", "2.5", Integer(1, 5), "'2.5' is not a whole number"),
        ("score", "12", None, "12 is not between 0 and 10"),
        ("percent", "120 %", Number(1, 90), "120 % is not between 1 % and 90 %"),
        (
            "percent",
            "100",
            Number(0, 100, hi_open=True),
            "100 is 100 %, too high: it must be below 100 %",
        ),
        (
            "optional_money",
            "0",
            Number(lo=0, lo_open=True, nullable=True),
            "0 is too low: it must be above 0",
        ),
    ],
)
def test_out_of_range_is_refused_in_the_unit_shown_saying_what_was_understood(
    kind: str, text: str, bounds: Number | None, message: str
) -> None:
    with pytest.raises(EntryError) as refused:
        parse_entry(kind, text, bounds=bounds)
    assert str(refused.value) == message


def test_a_percentage_under_one_without_its_sign_is_ambiguous_and_refused() -> None:
    """Stored in percent (a cost of capital): 0.08 could mean 8 % or 0.08 % — asked, not
    guessed."""
    with pytest.raises(EntryError) as refused:
        parse_entry("percent", "0.08")
    assert str(refused.value) == "'0.08' could be 8 % or 0.08 %: type it with the percent sign"
    assert parse_entry("percent", "0.08 %") == 0.08
    assert parse_entry("percent", "8") == 8
    assert parse_entry("percent", "−3 %") == -3
    assert parse_entry("percent", "0") == 0


def test_whole_numbers_take_magnitudes_and_grouping() -> None:
    assert parse_entry("int", "20k", bounds=Integer(1_000, 1_000_000)) == 20_000
    assert parse_entry("int", "20,000") == 20_000
    assert isinstance(parse_entry("int", "1e4"), int)


def test_optional_money_may_be_empty() -> None:
    for text in ("", "  ", "—", "-", "none"):
        assert parse_entry("optional_money", text) is None
    with pytest.raises(EntryError, match="empty"):
        parse_entry("money", "")


@pytest.mark.parametrize(
    ("choices", "text", "stored"),
    [
        (STANCES, "+2", "2"),
        (STANCES, "2", "2"),
        (STANCES, "-2 hostile", "-2"),
        (STANCES, "−2 hostile", "-2"),
        (STANCES, "−2", "-2"),
        (STANCES, "-2", "-2"),
        (STANCES, "hostile", "-2"),
        (STANCES, "Hostile", "-2"),
        (STANCES, "0", "0"),
        (STANCES, "+1 favourable", "1"),
        (SIDES, "third party", "third"),
        (SIDES, "third", "third"),
        (SIDES, "Third-Party", "third"),
        (SIDES, "THIRD_PARTY", "third"),
        (FREQUENCIES, "per contract", "per_contract"),
        (FREQUENCIES, "per_contract", "per_contract"),
        (FREQUENCIES, "Once per contract", "per_contract"),
        (FREQUENCIES, "per-year", "per_year"),
        (BASES, "per unit", "per_unit"),
        (BASES, "one-time", "one_time"),
        (BASES, "one_time", "one_time"),
        (BASES, "One time", "one_time"),
    ],
)
def test_choices_take_the_labels_shown_and_the_codes(choices: Any, text: str, stored: str) -> None:
    assert parse_entry("choice", text, choices=choices) == stored


def test_an_unknown_choice_is_refused_naming_the_choices() -> None:
    with pytest.raises(EntryError) as refused:
        parse_entry("choice", "3", choices=STANCES)
    assert str(refused.value) == (
        "'3' is not one of −2 hostile, −1 sceptical, 0 neutral, +1 favourable, +2 supportive"
    )


def test_copy_writes_the_labels_a_spreadsheet_user_knows() -> None:
    assert export_text("choice", "third", choices=SIDES) == "third party"
    assert export_text("choice", "per_contract", choices=FREQUENCIES) == "once per contract"
    assert export_text("choice", "-2", choices=STANCES) == "−2 hostile"
    assert export_text("choice", "one_time", choices=BASES) == "one-time"
    assert export_text("money", 1_200_000.0) == "1200000"
    assert export_text("fraction", 0.55) == "55%"
    assert export_text("fraction", 1.0) == "100%"  # not "1", which reads back as 1 %
    assert export_text("percent", -3.0) == "-3%"
    assert edit_text("money", 1_200_000.0) == "1,200,000"
    assert edit_text("fraction", 0.07) == "7 %"
    assert edit_text("optional_money", None) == ""


def test_ranges_come_from_the_schema() -> None:
    assert bounds_for(m.Scenario, "payment_days") is schema.SCENARIO.rules["payment_days"]
    assert bounds_for(m.CaseInfo, "simulation_runs") is schema.CASE_INFO.rules["simulation_runs"]
    assert bounds_for(m.Party, "influence") == Integer(1, 5)
    assert bounds_for(m.Party, "name") is None
    assert bounds_for(None, "anything") is None
    with pytest.raises(EntryError, match="not between 0 and 365"):
        parse_entry("int", "400", bounds=bounds_for(m.Scenario, "payment_days"))


# -- round trips (hypothesis) -----------------------------------------------------------------

MONEY = st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False)
ANY_NUMBER = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)
FRACTION = st.floats(min_value=0, max_value=1, allow_nan=False)
PERCENT = st.floats(min_value=-50, max_value=50, allow_nan=False)
SCORE = st.floats(min_value=0, max_value=10, allow_nan=False)


@given(MONEY)
@example(1_200_000.0)
@example(0.1 + 0.2)
@example(5e-324)
def test_money_written_for_copy_or_an_editor_reads_back_exactly(value: float) -> None:
    for kind in ("money", "optional_money"):
        assert parse_entry(kind, export_text(kind, value), currency="EUR") == value
        assert parse_entry(kind, edit_text(kind, value), currency="EUR") == value


@given(ANY_NUMBER)
def test_numbers_read_back_exactly(value: float) -> None:
    assert parse_entry("number", export_text("number", value)) == value
    assert parse_entry("number", edit_text("number", value)) == value


@given(FRACTION)
@example(1.0)
@example(0.07)
@example(0.0)
def test_fractions_read_back_exactly(value: float) -> None:
    assert parse_entry("fraction", export_text("fraction", value)) == value
    assert parse_entry("fraction", edit_text("fraction", value)) == value


@given(PERCENT)
@example(0.5)
@example(-0.25)
def test_percentages_read_back_exactly(value: float) -> None:
    rule = Number(-50, 50)
    assert parse_entry("percent", export_text("percent", value), bounds=rule) == value
    assert parse_entry("percent", edit_text("percent", value), bounds=rule) == value


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_whole_numbers_read_back_exactly(value: int) -> None:
    assert parse_entry("int", export_text("int", value)) == value
    assert parse_entry("int", edit_text("int", value)) == value


@given(SCORE)
def test_scores_read_back_exactly(value: float) -> None:
    assert parse_entry("score", export_text("score", value)) == value


@given(st.sampled_from([STANCES, SIDES, FREQUENCIES, BASES]), st.data())
def test_choices_read_back_from_their_label(choices: Any, data: st.DataObject) -> None:
    stored = data.draw(st.sampled_from([code for code, _label in choices]))
    assert (
        parse_entry("choice", export_text("choice", stored, choices=choices), choices=choices)
        == stored
    )


@given(st.floats(min_value=0, max_value=1e12).map(lambda v: round(v, 2)), st.booleans())
def test_grouped_text_with_a_magnitude_reads_as_its_value(value: float, grouped: bool) -> None:
    text = f"{value:,.2f}" if grouped else f"{value:.2f}"
    assert parse_entry("money", text) == pytest.approx(value, rel=1e-15, abs=1e-9)
    assert parse_entry("money", f"{text} k") == pytest.approx(value * 1000, rel=1e-12)


# -- garbage is refused -----------------------------------------------------------------------

JUNK = 'qwxyzQWXYZ_;:!?@#&=~^/\\|<>[]{}"`'


@given(MONEY, st.sampled_from(list(JUNK)), st.data())
def test_a_stray_character_in_a_number_is_refused_never_dropped(
    value: float, junk: str, data: st.DataObject
) -> None:
    written = data.draw(st.sampled_from([export_text("money", value), edit_text("money", value)]))
    at = data.draw(st.integers(min_value=0, max_value=len(written)))
    with pytest.raises(EntryError):
        parse_entry("money", written[:at] + junk + written[at:])


WORDS = st.from_regex(r"[A-Za-z]{1,6}", fullmatch=True).filter(
    lambda w: (
        w.lower() not in MAGNITUDES
        and w.upper() not in {"EUR", "USD", "GBP", "CHF"}
        and len(w) != 3
        and w.lower() not in {"e", "kr", "mm"}
    )
)


@given(WORDS, st.integers(min_value=0, max_value=10**9), st.booleans())
def test_a_word_before_or_after_a_number_is_refused(word: str, number: int, before: bool) -> None:
    text = f"{word}{number}" if before else f"{number}{word}"
    with pytest.raises(EntryError, match="is not a number"):
        parse_entry("number", text)


@given(st.text(max_size=30))
@example("١٢")  # Arabic-Indic digits are not taken for 12
def test_any_text_is_refused_or_read_as_a_finite_number_with_its_digits(text: str) -> None:
    try:
        value = parse_entry("number", text)
    except EntryError:
        return
    assert math.isfinite(value)
    assert re.search(r"[0-9]", text), "a number is never made up from text without digits"
    letters = re.sub(r"(?i)mio\.?|mrd\.?|tsd\.?|mln|mn|bln|bn|[kmbe]", "", text)
    assert not re.search(r"[^\W\d_]", letters), f"letters dropped from {text!r}"


# -- a row typed in any order -----------------------------------------------------------------

ORDERED_VALUES = st.lists(MONEY, min_size=3, max_size=3).map(sorted)


@given(ORDERED_VALUES, st.integers(min_value=0, max_value=2), MONEY)
def test_the_others_follow_a_typed_value_and_only_as_far_as_needed(
    values: list[float], typed: int, new: float
) -> None:
    before = list(values)
    values[typed] = new
    kept = keep_in_order(values, typed)
    assert kept[typed] == new, "the typed value is what the consultant meant"
    assert kept == sorted(kept), "low ≤ likely ≤ high"
    for i, (old, now) in enumerate(zip(before, kept, strict=True)):
        if i != typed:
            assert now in (old, new), "a field that moves goes to the typed value"
            assert (now == old) or (old < new if i > typed else old > new)


def test_a_new_risk_typed_left_to_right() -> None:
    new = m.Risk(id="r")  # low = likely = high = 0
    risk, moves = follow_order(dataclasses.replace(new, impact_low=100_000), "impact_low")
    assert (risk.impact_low, risk.impact_likely, risk.impact_high) == (1e5, 1e5, 1e5)
    assert moves == (Move("impact_likely", True, 1e5), Move("impact_high", True, 1e5))
    label = {"impact_likely": "Impact likely", "impact_high": "Impact high"}.__getitem__
    assert announce_moves(moves, label, "low ≤ likely ≤ high") == (
        "Impact likely and Impact high raised to 100,000 to keep low ≤ likely ≤ high"
    )
    risk, moves = follow_order(dataclasses.replace(risk, impact_likely=250_000), "impact_likely")
    assert (risk.impact_low, risk.impact_likely, risk.impact_high) == (1e5, 2.5e5, 2.5e5)
    assert moves == (Move("impact_high", True, 2.5e5),)
    risk, moves = follow_order(dataclasses.replace(risk, impact_high=50_000), "impact_high")
    assert (risk.impact_low, risk.impact_likely, risk.impact_high) == (5e4, 5e4, 5e4)
    assert announce_moves(moves, lambda f: f, "order") == (
        "impact_low and impact_likely lowered to 50,000 to keep order"
    )
    assert follow_order(risk, "probability") == (risk, ())


# -- in German (SPEC §12): "455,50", "1.234" --------------------------------------------------


@pytest.mark.usefixtures("german")
@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("455,50", 455.5),
        ("1.234", 1234.0),  # a German thousands point
        ("1,234", 1.234),  # a German decimal comma, even before three digits
        ("1.234,50", 1234.5),
        ("1.200.000", 1_200_000.0),
        ("1,2 Mio", 1_200_000.0),
        ("0.5", 0.5),  # a lone point before fewer than three digits: the decimal sign
    ],
)
def test_a_german_consultant_types_german_numbers(typed: str, meant: float) -> None:
    assert parse_entry("money", typed, currency="EUR") == meant


def test_english_keeps_its_own_reading_of_the_same_text() -> None:
    assert parse_entry("money", "1.234", currency="EUR") == 1.234
    assert parse_entry("money", "1,234", currency="EUR") == 1234.0


@pytest.mark.usefixtures("german")
def test_german_editors_and_copies_write_german_numbers() -> None:
    assert edit_text("money", 1_234_567.5) == "1.234.567,5"
    assert edit_text("int", 60_000) == "60.000"
    assert edit_text("fraction", 0.125) == "12,5 %"
    assert export_text("money", 455.5) == "455,5"  # a German Excel reads it as a number
    assert export_text("percent", -1.5) == "-1,5%"


@given(MONEY, FRACTION, st.integers(min_value=-(10**15), max_value=10**15))
def test_in_german_what_is_written_reads_back_exactly(
    money: float, share: float, whole: int
) -> None:
    from desktop_app.i18n.choose import use_language

    use_language("de")
    try:
        for text in (export_text("money", money), edit_text("money", money)):
            assert parse_entry("money", text, currency="EUR") == money
        for text in (export_text("fraction", share), edit_text("fraction", share)):
            assert parse_entry("fraction", text) == share
        for text in (export_text("int", whole), edit_text("int", whole)):
            assert parse_entry("int", text) == whole
    finally:
        use_language("en")
