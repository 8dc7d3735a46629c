"""Issue 14's fields (SPEC §8): the case's ``their_cost_of_capital_pct`` (0–100 or null = the
same as ours) and an alternative's ``net_value`` (money ≥ 0 or null; ours only — on the
counterpart's alternatives it is refused, naming the field). Every refusal names the JSON path
and says why; what is accepted survives the JSON round trip."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import ValidationError
from desktop_app.domain.model import Alternative, blank_case
from desktop_app.domain.validate import validate_case
from desktop_app.store.interchange import case_to_document, document_to_case


def _doc(**sections: Any) -> dict[str, Any]:
    return {"format": "leverage-case", "version": 1, "case": {"title": "T"}, **sections}


def test_the_defaults_are_empty() -> None:
    out = case_to_document(document_to_case(_doc(alternatives=[{"id": "a", "side": "ours"}])))
    assert out["case"]["their_cost_of_capital_pct"] is None
    assert out["alternatives"][0]["net_value"] is None


def test_the_fields_round_trip_through_json() -> None:
    doc = _doc(
        case={"title": "T", "their_cost_of_capital_pct": 4.5},
        alternatives=[
            {"id": "a-t", "side": "theirs", "unit_price": 12.5},
            {"id": "a-o", "side": "ours", "feasibility": 0.8, "net_value": 9_500_000},
        ],
    )
    case = document_to_case(doc)
    assert case.info.their_cost_of_capital_pct == 4.5
    assert case.alternatives[1].net_value == 9_500_000.0
    again = case_to_document(document_to_case(case_to_document(case)))
    assert again["case"]["their_cost_of_capital_pct"] == 4.5
    assert again["alternatives"][1]["net_value"] == 9_500_000
    assert again["alternatives"][0]["net_value"] is None
    assert again["version"] == 1  # the interchange format stays version 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-0.5, "-0.5 is not between 0 and 100"),
        (100.01, "100.01 is not between 0 and 100"),
        ("4 %", "must be a number or null, not text"),
        (True, "must be a number or null, not true/false"),
    ],
)
def test_their_cost_of_capital_is_refused_naming_the_field(value: object, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        document_to_case(_doc(case={"title": "T", "their_cost_of_capital_pct": value}))
    assert str(caught.value) == f"case.their_cost_of_capital_pct: {message}"


def test_a_net_value_is_refused_on_their_alternatives_naming_the_field() -> None:
    doc = _doc(
        alternatives=[
            {"id": "a0", "side": "ours", "net_value": 1_000},
            {"id": "a1", "side": "ours"},
            {"id": "a2", "side": "theirs", "net_value": 5_000},
        ]
    )
    with pytest.raises(ValidationError) as caught:
        document_to_case(doc)
    assert str(caught.value).startswith(
        "alternatives[2].net_value: only our alternatives have a net value"
    )


def test_a_negative_net_value_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        document_to_case(_doc(alternatives=[{"id": "a", "side": "ours", "net_value": -1}]))
    assert str(caught.value).startswith("alternatives[0].net_value: -1 ")


def test_a_case_built_in_code_is_checked_the_same_way() -> None:
    case = blank_case()
    theirs = Alternative("a", "theirs", net_value=10.0)
    with pytest.raises(ValidationError) as caught:
        validate_case(case.__class__(info=case.info, alternatives=(theirs,)))
    assert "alternatives[0].net_value" in str(caught.value)


@given(value=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)))
def test_any_cost_of_capital_of_theirs_is_kept_or_refused_by_its_range(
    value: float | None,
) -> None:
    doc = _doc(case={"title": "T", "their_cost_of_capital_pct": value})
    valid = value is None or (math.isfinite(value) and 0.0 <= value <= 100.0)
    if valid:
        assert document_to_case(doc).info.their_cost_of_capital_pct == value
    else:
        with pytest.raises(ValidationError) as caught:
            document_to_case(doc)
        assert str(caught.value).startswith("case.their_cost_of_capital_pct: ")


@given(
    sides=st.lists(st.sampled_from(["ours", "theirs"]), min_size=1, max_size=5),
    data=st.data(),
)
def test_any_net_value_is_kept_on_ours_and_refused_on_theirs(sides: list[str], data: Any) -> None:
    values = [
        data.draw(st.one_of(st.none(), st.floats(min_value=-1e12, max_value=1e12))) for _ in sides
    ]
    alternatives = [
        {"id": f"a{i}", "side": side, "net_value": value}
        for i, (side, value) in enumerate(zip(sides, values, strict=True))
    ]
    pairs = list(zip(sides, values, strict=True))
    negative = [i for i, (_, value) in enumerate(pairs) if value is not None and value < 0]
    theirs = [i for i, (side, value) in enumerate(pairs) if value is not None and side == "theirs"]
    # Each field's own rule is checked first; the case-wide rules once every field is valid.
    bad = negative or theirs
    doc = _doc(alternatives=alternatives)
    if not bad:
        case = document_to_case(doc)
        assert [a.net_value for a in case.alternatives] == values
        return
    with pytest.raises(ValidationError) as caught:
        document_to_case(doc)
    named = {e.path for e in caught.value.errors}
    assert named == {f"alternatives[{i}].net_value" for i in bad}
