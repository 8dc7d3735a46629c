"""Issue 13 #7: the proposal's own words that quote a figure which has changed are found —
precisely (a figure counts as quoted only in its context), against the figures the words were
written against, or by a careful guess for words written before those were kept — and an
offer open until a date before its own is said. Expected values are worked out by hand."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.analysis.proposal_checks import offer_date_problem, proposal_warnings
from desktop_app.analysis.quotes import (
    Figures,
    basis_of,
    confirmed,
    numbers_in,
    refresh_bases,
    stale_in,
    stale_point_quotes,
    stale_quotes,
)
from desktop_app.domain import edits
from desktop_app.domain.model import Case, Scenario, TalkingPoint, Term
from desktop_app.store.sample import sample_case

# The sample's proposal: EUR 455.00, 60,000 units a year, 4 years, −1.5 % a year, 45 days,
# a cap of EUR 2,000,000.
SAMPLE_BASIS = (
    "unit_price=455.0;annual_volume=60000.0;payment_days=45.0;liability_cap=2000000.0;"
    "annual_price_change_pct=-1.5"
)


def _proposal(case: Case) -> Scenario:
    scenario = case.proposal_scenario
    assert scenario is not None
    return scenario


def _moved(case: Case, **figures: object) -> Case:
    return edits.replace_entity(case, replace(_proposal(case), **figures))


def _words(text: str, case: Case, basis: str | None = SAMPLE_BASIS, context: str = "") -> list[str]:
    return [q.words() for q in stale_in(text, basis, case, "The text", context=context)]


# --- numbers as written -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "written", "kind"),
    [
        ("EUR 46.50 per unit", 46.5, "EUR 46.50", "money"),
        ("€46,50 pro Stück", 46.5, "€46,50", "money"),
        ("1.234,56 EUR", 1234.56, "1.234,56 EUR", "money"),
        ("EUR 2 million per year", 2_000_000.0, "EUR 2 million", "money"),
        ("EUR 2M", 2_000_000.0, "EUR 2M", "money"),
        ("60,000 units a year", 60_000.0, "60,000 units", "units"),
        ("60k units", 60_000.0, "60k units", "units"),
        ("45 days net", 45.0, "45 days", "days"),
        ("a 45-day term", 45.0, "45-day", "days"),
        ("−1.5% a year", -1.5, "−1.5%", "percent"),
        ("a 45 m cable", 45.0, "45", ""),
    ],
)
def test_numbers_are_read_as_written(text: str, value: float, written: str, kind: str) -> None:
    (number,) = numbers_in(text, "EUR")
    assert number.value == pytest.approx(value)
    assert number.written == written
    kinds = {k for k in ("money", "units", "days", "percent") if getattr(number, k)}
    assert kinds == ({kind} if kind else set())


def test_a_figure_is_said_to_the_digits_written() -> None:
    (number,) = numbers_in("EUR 455 per unit", "EUR")
    assert number.says(455.0) and number.says(455.4) and not number.says(455.6)
    (cap,) = numbers_in("EUR 2.5M", "EUR")
    assert cap.says(2_500_000.0) and cap.says(2_460_000.0) and not cap.says(2_400_000.0)


def test_figures_are_kept_and_read_back() -> None:
    figures = Figures(unit_price=46.5, payment_days=45.0)
    assert figures.encode() == "unit_price=46.5;payment_days=45.0"
    assert Figures.decode(figures.encode()) == figures
    assert basis_of(sample_case()) == SAMPLE_BASIS
    for garbage in ("unit_price=cheap", "colour=3", "unit_price=nan"):
        assert Figures.decode(garbage) is None
    assert Figures.decode(None) is None


# --- against the figures the words were written against ----------------------------------------


def test_the_issues_term_is_caught_and_named() -> None:
    """A term says "EUR 46.50 …", written at a price of 46.50; the price moves to 51.20."""
    case = _moved(sample_case(), unit_price=51.2)
    basis = "unit_price=46.5"
    assert _words("EUR 46.50 per unit from 2027", case, basis) == [
        "The text says “EUR 46.50” but the proposal's price is now EUR 51.20."
    ]
    assert _words("EUR 51.20 per unit from 2027", case, basis) == []  # rewritten: all right


@pytest.mark.parametrize(
    ("text", "moved", "expected"),
    [
        (
            "60,000 units a year",
            {"annual_volume": 72_000.0},
            "The text says “60,000 units” but the proposal's annual volume is now 72,000 "
            "units a year.",
        ),
        (
            "Payment 45 days net",
            {"payment_days": 60},
            "The text says “45 days” but the proposal's payment days is now 60 days.",
        ),
        (
            "Liability capped at EUR 2 million per occurrence",
            {"liability_cap": 3_000_000.0},
            "The text says “EUR 2 million” but the proposal's liability cap is now EUR 3,000,000.",
        ),
        (
            "Liability capped at EUR 2 million per occurrence",
            {"liability_cap": None},
            "The text says “EUR 2 million” but the proposal's liability cap is now uncapped.",
        ),
        (
            "1.5% lower every year",
            {"annual_price_change_pct": -2.0},
            "The text says “1.5%” but the proposal's yearly price change is now −2% a year.",
        ),
    ],
)
def test_each_figure_is_caught_in_its_own_words(
    text: str, moved: dict[str, object], expected: str
) -> None:
    case = _moved(sample_case(), **moved)
    assert _words(text, case) == [expected]
    assert _words(text, sample_case()) == []  # the figure as it was: nothing to say


@pytest.mark.parametrize(
    "text",
    [
        "Warranty claims within 45 days of delivery",  # days, but not the payment's
        "Volume band ±15% at the same price",  # a percentage, not the price change
        "45 engineers on site",  # a count that is no price, no volume, no days
        "Delivery in 2027",  # a year
        "EUR 455.4 per unit",  # the old price as written, and the new one too (to its digit)
    ],
)
def test_numbers_that_are_not_the_figure_raise_nothing(text: str) -> None:
    case = _moved(sample_case(), unit_price=455.0001, payment_days=60, annual_volume=45.0)
    case = _moved(case, annual_price_change_pct=-15.0)
    assert _words(text, case) == []


def test_payment_days_count_in_a_term_named_payment() -> None:
    case = _moved(sample_case(), payment_days=60)
    assert _words("Within 45 days", case) == []  # no word of paying: could be anything
    assert _words("Within 45 days", case, context="Payment") == [
        "The text says “45 days” but the proposal's payment days is now 60 days."
    ]


# --- the guess, for words written before the figures were kept ----------------------------------


def test_the_guess_flags_money_close_to_the_price_that_is_no_figure_of_the_case() -> None:
    case = _moved(sample_case(), unit_price=51.2)
    assert _words("EUR 46.50 per unit", case, None) == [
        "The text says “EUR 46.50”, close to the proposal's price (EUR 51.20) but no figure of "
        "the case: it may be out of date."
    ]
    sample = sample_case()
    assert _words("EUR 455 per unit", sample, None) == []  # today's price
    assert _words("EUR 448.18 in the second year", sample, None) == []  # its second year
    assert _words("EUR 410 as you ask", sample, None) == []  # their demand's price
    assert _words("EUR 472 if you wait", sample, None) == []  # their delay's quoted price
    assert _words("EUR 2 million per year", sample, None) == []  # far from the price
    assert _words("1.5% lower", sample, None) == []  # no money


# --- the case's words: terms, statement, talking points -----------------------------------------


def test_the_sample_and_its_words_raise_nothing() -> None:
    assert stale_quotes(sample_case()) == []
    assert stale_point_quotes(sample_case()) == []
    assert proposal_warnings(sample_case()) == ()


def test_writing_words_keeps_the_figures_they_were_written_against() -> None:
    before = sample_case()
    statement = "We hold EUR 455.00 per unit for the first year."
    after = refresh_bases(
        before, replace(before, proposal=replace(before.proposal, statement=statement))
    )
    assert after.proposal.statement_basis == SAMPLE_BASIS
    # A change of figures alone keeps the basis: the words now quote an old price.
    moved = refresh_bases(after, _moved(after, unit_price=470.0))
    assert moved.proposal.statement_basis == SAMPLE_BASIS
    assert [q.words() for q in stale_quotes(moved)] == [
        # The sample's "Price" term has no basis: the guess sees its EUR 455.
        "The term “Price” says “EUR 455”, close to the proposal's price (EUR 470.00) but no "
        "figure of the case: it may be out of date.",
        "The statement says “EUR 455.00” but the proposal's price is now EUR 470.00.",
    ]
    kept = confirmed(moved)
    assert stale_quotes(kept) == []
    assert kept.proposal.statement == statement


def test_a_term_edited_gets_a_basis_and_a_term_moved_keeps_its_own() -> None:
    case = sample_case()
    terms = _proposal(case).terms
    edited = replace(terms[0], value="EUR 455 per unit, fixed")
    after = refresh_bases(case, _moved(case, terms=(terms[1], edited, *terms[2:])))
    new_terms = _proposal(after).terms
    assert new_terms[1].basis == SAMPLE_BASIS  # edited
    assert new_terms[0].basis is None  # moved, words unchanged: as it was


def test_a_talking_point_written_by_hand_gets_figures_and_is_flagged() -> None:
    case = sample_case()
    point = TalkingPoint(None, "Our EUR 455.00 stands.")
    written = replace(
        case,
        proposal=replace(case.proposal, talking_points=(*case.proposal.talking_points, point)),
    )
    after = refresh_bases(case, written)
    assert after.proposal.talking_points[-1].figures == SAMPLE_BASIS
    moved = _moved(after, unit_price=460.0)
    assert [q.words() for q in stale_point_quotes(moved)] == [
        "A general talking point says “EUR 455.00” but the proposal's price is now EUR 460.00."
    ]


# --- the offer's dates -----------------------------------------------------------------------


def _dated(prepared_on: str | None, valid_until: str | None) -> Case:
    case = sample_case()
    return replace(
        case,
        info=replace(case.info, prepared_on=prepared_on),
        proposal=replace(case.proposal, offer_valid_until=valid_until),
    )


def test_an_offer_open_until_before_its_date_is_said_not_refused() -> None:
    case = _dated("2026-11-20", "2026-11-10")
    words = (
        "The offer is open until 10 November 2026, before its own date, 20 November 2026: it "
        "lapses before it is made."
    )
    assert offer_date_problem(case) == words
    assert proposal_warnings(case) == (words,)
    item = next(
        i
        for i in analyze_case(
            replace(case, info=replace(case.info, simulation_runs=2_000))
        ).readiness.items
        if i.id == "offer_open_until"
    )
    assert not item.passed and item.detail == words and item.todo
    for fine in (_dated("2026-11-20", "2026-11-20"), _dated(None, "2026-11-10")):
        assert offer_date_problem(fine) is None
    assert offer_date_problem(_dated("2026-11-20", None)) is None


def test_the_stress_case_raises_nothing() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from stress_case import build_stress_case

    assert proposal_warnings(build_stress_case()) == ()


def test_terms_get_a_basis_only_from_an_edit() -> None:
    case = sample_case()
    term = Term("Price", "EUR 455 per unit")
    assert term.basis is None
    after = refresh_bases(case, _moved(case, terms=(term,)))
    assert _proposal(after).terms[0].basis == SAMPLE_BASIS
