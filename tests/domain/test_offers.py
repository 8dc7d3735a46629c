"""The offer log's rules (SPEC §10, §1): a round ≥ 1, a real date, ``from`` ours or theirs, terms
within §1's ranges (a price above 0, a price change of −50…50 %, 0–365 payment days, a cap ≥ 0
or empty), ids unique — each refusal naming the field by its JSON path and saying why; and the
offers in the JSON interchange, where the side is ``from`` (``from_`` in the dataclass).

The expected messages are written out by hand; in the property tests Python's own ``datetime``
and plain comparisons are the judges of what is accepted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import ValidationError
from desktop_app.domain.model import Offer
from desktop_app.store.interchange import case_to_document, document_to_case


def document(*offers: dict[str, Any]) -> dict[str, Any]:
    return {"format": "leverage-case", "version": 1, "case": {"title": "T"}, "offers": list(offers)}


def refusal(*offers: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        document_to_case(document(*offers))
    return str(caught.value)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("round", 0, "0 must be at least 1"),
        ("round", -2, "-2 must be at least 1"),
        ("round", 1.5, "must be a whole number, not 1.5"),
        ("date", "2026-02-30", "'2026-02-30' is not a real calendar date"),
        ("date", "5.1.2026", "'5.1.2026' is not a date written as YYYY-MM-DD"),
        ("from", "both", "'both' is not one of 'ours', 'theirs'"),
        ("unit_price", 0, "0 must be greater than 0"),
        ("annual_price_change_pct", 51, "51 is not between -50 and 50"),
        ("annual_price_change_pct", -50.5, "-50.5 is not between -50 and 50"),
        ("payment_days", 366, "366 is not between 0 and 365"),
        ("payment_days", 1.5, "must be a whole number, not 1.5"),
        ("liability_cap", -1, "-1 must be at least 0"),
        ("note", "x" * 10_001, "is 10,001 characters long; at most 10,000 are allowed"),
    ],
)
def test_a_bad_offer_is_refused_naming_its_field(field: str, value: object, message: str) -> None:
    good = {"id": "o-1", "round": 1, "date": "2026-11-02", "from": "ours", "unit_price": 452}
    assert refusal(good, {**good, "id": "o-2", field: value}) == f"offers[1].{field}: {message}"


def test_offer_ids_are_unique() -> None:
    assert (
        refusal({"id": "o"}, {"id": "o"}) == "offers[1].id: the id 'o' is already used by offers[0]"
    )


def test_an_offer_with_only_an_id_is_round_1_from_them_with_every_term_from_its_reference() -> None:
    (offer,) = document_to_case(document({"id": "o"})).offers
    assert offer == Offer(id="o", round=1, date=None, from_="theirs")
    assert (offer.unit_price, offer.payment_days, offer.liability_cap) == (None, None, None)


@given(st.integers(-5, 30))
def test_a_round_is_accepted_exactly_from_1_on(round_: int) -> None:
    doc = document({"id": "o", "round": round_})
    if round_ >= 1:
        assert document_to_case(doc).offers[0].round == round_
    else:
        with pytest.raises(ValidationError) as caught:
            document_to_case(doc)
        assert caught.value.errors[0].path == "offers[0].round"


@given(st.integers(-10, 400))
def test_payment_days_are_accepted_exactly_from_0_to_365(days: int) -> None:
    doc = document({"id": "o", "payment_days": days})
    if 0 <= days <= 365:
        assert document_to_case(doc).offers[0].payment_days == days
    else:
        with pytest.raises(ValidationError) as caught:
            document_to_case(doc)
        assert caught.value.errors[0].path == "offers[0].payment_days"


@given(st.floats(-80, 80, allow_nan=False))
def test_the_price_change_is_accepted_exactly_within_50_percent(change: float) -> None:
    doc = document({"id": "o", "annual_price_change_pct": change})
    if -50 <= change <= 50:
        assert document_to_case(doc).offers[0].annual_price_change_pct == change
    else:
        with pytest.raises(ValidationError) as caught:
            document_to_case(doc)
        assert caught.value.errors[0].path == "offers[0].annual_price_change_pct"


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_a_price_is_accepted_exactly_above_0_and_a_cap_from_0(value: float) -> None:
    priced = document({"id": "o", "unit_price": value})
    capped = document({"id": "o", "liability_cap": value})
    for doc, ok, path in ((priced, value > 0, "unit_price"), (capped, value >= 0, "liability_cap")):
        if ok:
            assert getattr(document_to_case(doc).offers[0], path) == value
        else:
            with pytest.raises(ValidationError) as caught:
                document_to_case(doc)
            assert caught.value.errors[0].path == f"offers[0].{path}"


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31))
def test_a_date_is_accepted_exactly_when_the_calendar_has_it(
    year: int, month: int, day: int
) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        dt.date(year, month, day)
        real = True
    except ValueError:
        real = False
    doc = document({"id": "o", "date": text})
    if real:
        assert document_to_case(doc).offers[0].date == text
    else:
        with pytest.raises(ValidationError) as caught:
            document_to_case(doc)
        assert str(caught.value) == f"offers[0].date: '{text}' is not a real calendar date"


@given(st.text(max_size=12))
def test_from_is_accepted_exactly_when_ours_or_theirs(side: str) -> None:
    doc = document({"id": "o", "from": side})
    if side in ("ours", "theirs"):
        assert document_to_case(doc).offers[0].from_ == side
    else:
        with pytest.raises(ValidationError) as caught:
            document_to_case(doc)
        assert caught.value.errors[0].path == "offers[0].from"


# -- the JSON interchange ------------------------------------------------------------------------

LOG = [
    {
        "id": "o-1",
        "round": 1,
        "date": "2026-11-02",
        "from": "theirs",
        "unit_price": 405,
        "annual_price_change_pct": None,
        "payment_days": None,
        "liability_cap": None,
        "note": "Opening: the RFQ price.",
    },
    {
        "id": "o-2",
        "round": 2,
        "date": "2026-11-13",
        "from": "ours",
        "unit_price": 436.5,
        "annual_price_change_pct": -2,
        "payment_days": 60,
        "liability_cap": 0,
        "note": "Ζήτησαν 60 ημέρες.",
    },
]


def test_offers_round_trip_through_json_with_from_as_the_key() -> None:
    doc = document(*LOG)
    doc["case"].update(plan_rounds=6, plan_shape=2.5, plan_limit=441.25)
    case = document_to_case(doc)
    first, second = case.offers
    assert (first.from_, second.from_) == ("theirs", "ours")
    assert second.liability_cap == 0 and second.payment_days == 60
    info = case.info
    assert (info.plan_rounds, info.plan_shape, info.plan_limit) == (6, 2.5, 441.25)
    dumped = case_to_document(case)
    assert dumped["offers"] == LOG
    assert all("from_" not in offer for offer in dumped["offers"])
    assert {k: dumped["case"][k] for k in ("plan_rounds", "plan_shape", "plan_limit")} == {
        "plan_rounds": 6,
        "plan_shape": 2.5,
        "plan_limit": 441.25,
    }
    assert document_to_case(dumped) == case


def test_a_case_without_offers_has_the_plan_defaults() -> None:
    case = document_to_case(document())
    assert case.offers == ()
    assert (case.info.plan_rounds, case.info.plan_shape, case.info.plan_limit) == (4, 0.5, None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("plan_rounds", 0, "0 is not between 1 and 20"),
        ("plan_rounds", 21, "21 is not between 1 and 20"),
        ("plan_shape", 0.05, "0.05 is not between 0.1 and 10"),
        ("plan_shape", 10.5, "10.5 is not between 0.1 and 10"),
        ("plan_limit", 0, "0 must be greater than 0"),
    ],
)
def test_the_plan_fields_keep_their_ranges(field: str, value: object, message: str) -> None:
    doc = document()
    doc["case"][field] = value
    with pytest.raises(ValidationError) as caught:
        document_to_case(doc)
    assert str(caught.value) == f"case.{field}: {message}"
