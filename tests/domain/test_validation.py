"""Every rule of SPEC §1 "What blocks storing": refused with the field's path and a reason."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import (
    Case,
    CaseInfo,
    Risk,
    Scenario,
    ValidationError,
    blank_case,
    validate_case,
)
from desktop_app.store.interchange import document_to_case


def base_document() -> dict[str, Any]:
    """A small valid case that each test breaks in one place."""
    return {
        "format": "leverage-case",
        "version": 1,
        "case": {"title": "Base"},
        "parties": [
            {
                "id": "p1",
                "name": "Buyer",
                "side": "theirs",
                "interests": [{"id": "i1", "text": "Supply", "priority": 5}],
            }
        ],
        "criteria": [
            {"id": "ct", "side": "theirs", "name": "Cost", "weight": 1},
            {"id": "co", "side": "ours", "name": "Margin", "weight": 1},
        ],
        "alternatives": [
            {"id": "a1", "side": "theirs", "scores": {"ct": 5}, "unit_price": 10},
            {"id": "a2", "side": "ours", "scores": {"co": 5}},
        ],
        "cost_lines": [{"id": "k1", "basis": "per_unit", "amount": 5}],
        "risks": [
            {"id": "r1", "probability": 0.1, "impact_low": 1, "impact_likely": 2, "impact_high": 3},
            {"id": "r2", "probability": 0.2, "impact_low": 1, "impact_likely": 2, "impact_high": 3},
        ],
        "scenarios": [
            {"id": "s1", "role": "our_proposal", "unit_price": 12, "annual_volume": 100},
            {"id": "s2", "role": "their_demand", "unit_price": 11, "annual_volume": 100},
        ],
        "proposal": {
            "statement": "Fair.",
            "talking_points": [{"alternative_id": "a1", "text": "Costly"}],
            "addresses_interests": ["i1"],
        },
    }


def test_the_base_document_is_valid() -> None:
    case = document_to_case(base_document())
    assert len(case.risks) == 2


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


REFUSALS = [
    (
        "probability above 1",
        _set(["risks", 1, "probability"], 1.7),
        "risks[1].probability",
        "1.7 is not between 0 and 1",
    ),
    (
        "negative probability",
        _set(["risks", 0, "probability"], -0.1),
        "risks[0].probability",
        "between 0 and 1",
    ),
    (
        "impacts out of order",
        _set(["risks", 1, "impact_low"], 5),
        "risks[1].impact_likely",
        "low ≤ likely ≤ high",
    ),
    (
        "negative impact",
        _set(["risks", 0, "impact_high"], -1),
        "risks[0].impact_high",
        "at least 0",
    ),
    (
        "unknown frequency",
        _set(["risks", 0, "frequency"], "monthly"),
        "risks[0].frequency",
        "'per_contract'",
    ),
    (
        "probability as text",
        _set(["risks", 0, "probability"], "0.5"),
        "risks[0].probability",
        "must be a number",
    ),
    (
        "boolean as number",
        _set(["cost_lines", 0, "amount"], True),
        "cost_lines[0].amount",
        "must be a number",
    ),
    ("NaN", _set(["cost_lines", 0, "amount"], math.nan), "cost_lines[0].amount", "finite"),
    (
        "infinity",
        _set(["scenarios", 0, "unit_price"], math.inf),
        "scenarios[0].unit_price",
        "finite",
    ),
    (
        "zero price",
        _set(["scenarios", 0, "unit_price"], 0),
        "scenarios[0].unit_price",
        "greater than 0",
    ),
    (
        "zero volume",
        _set(["scenarios", 0, "annual_volume"], 0),
        "scenarios[0].annual_volume",
        "greater than 0",
    ),
    ("years 0", _set(["scenarios", 0, "years"], 0), "scenarios[0].years", "between 1 and 30"),
    ("years 31", _set(["scenarios", 0, "years"], 31), "scenarios[0].years", "between 1 and 30"),
    (
        "fractional years",
        _set(["scenarios", 0, "years"], 2.5),
        "scenarios[0].years",
        "whole number",
    ),
    (
        "price change -60",
        _set(["scenarios", 0, "annual_price_change_pct"], -60),
        "scenarios[0].annual_price_change_pct",
        "between -50 and 50",
    ),
    (
        "payment days 400",
        _set(["scenarios", 0, "payment_days"], 400),
        "scenarios[0].payment_days",
        "between 0 and 365",
    ),
    (
        "negative cap",
        _set(["scenarios", 0, "liability_cap"], -5),
        "scenarios[0].liability_cap",
        "at least 0",
    ),
    (
        "two proposals",
        _set(["scenarios", 1, "role"], "our_proposal"),
        "scenarios[1].role",
        "only one scenario can be our proposal",
    ),
    (
        "two demands",
        _set(["scenarios", 0, "role"], "their_demand"),
        "scenarios[1].role",
        "only one scenario can be their demand",
    ),
    ("unknown role", _set(["scenarios", 0, "role"], "best"), "scenarios[0].role", "is not one of"),
    (
        "override of a missing risk",
        _set(["scenarios", 0, "risk_overrides"], {"zz": {}}),
        "scenarios[0].risk_overrides.zz",
        "no risk with the id 'zz'",
    ),
    (
        "override breaking the impact order",
        _set(["scenarios", 0, "risk_overrides"], {"r1": {"impact_high": 1.5}}),
        "scenarios[0].risk_overrides.r1",
        "low ≤ likely ≤ high",
    ),
    (
        "override probability 2",
        _set(["scenarios", 0, "risk_overrides"], {"r1": {"probability": 2}}),
        "scenarios[0].risk_overrides.r1.probability",
        "between 0 and 1",
    ),
    (
        "score of a missing criterion",
        _set(["alternatives", 0, "scores"], {"nope": 3}),
        "alternatives[0].scores.nope",
        "no criterion with the id 'nope'",
    ),
    (
        "score on the other side's criterion",
        _set(["alternatives", 0, "scores"], {"co": 3}),
        "alternatives[0].scores.co",
        "criterion of our side",
    ),
    (
        "score above 10",
        _set(["alternatives", 0, "scores"], {"ct": 11}),
        "alternatives[0].scores.ct",
        "between 0 and 10",
    ),
    (
        "scenario score of a missing criterion",
        _set(["scenarios", 0, "scores"], {"x": 1}),
        "scenarios[0].scores.x",
        "no criterion",
    ),
    (
        "feasibility 1.2",
        _set(["alternatives", 0, "feasibility"], 1.2),
        "alternatives[0].feasibility",
        "between 0 and 1",
    ),
    (
        "negative switching cost",
        _set(["alternatives", 0, "switching_cost"], -1),
        "alternatives[0].switching_cost",
        "at least 0",
    ),
    ("negative weight", _set(["criteria", 0, "weight"], -1), "criteria[0].weight", "at least 0"),
    (
        "criterion side third",
        _set(["criteria", 0, "side"], "third"),
        "criteria[0].side",
        "is not one of",
    ),
    (
        "duplicate risk id",
        _set(["risks", 1, "id"], "r1"),
        "risks[1].id",
        "the id 'r1' is already used by risks[0]",
    ),
    (
        "duplicate interest id",
        _set(["parties", 0, "interests"], [{"id": "i1"}, {"id": "i1"}]),
        "parties[0].interests[1].id",
        "already used",
    ),
    (
        "talking point to a missing alternative",
        _set(["proposal", "talking_points"], [{"alternative_id": "ghost", "text": ""}]),
        "proposal.talking_points[0].alternative_id",
        "no alternative with the id 'ghost'",
    ),
    (
        "addressed interest missing",
        _set(["proposal", "addresses_interests"], ["ghost"]),
        "proposal.addresses_interests[0]",
        "no interest with the id 'ghost'",
    ),
    (
        "addressed interest twice",
        _set(["proposal", "addresses_interests"], ["i1", "i1"]),
        "proposal.addresses_interests[1]",
        "listed twice",
    ),
    ("party without name", _set(["parties", 0, "name"], "  "), "parties[0].name", "required"),
    ("party name missing", _delete(["parties", 0, "name"]), "parties[0].name", "is required"),
    ("party side missing", _delete(["parties", 0, "side"]), "parties[0].side", "is required"),
    (
        "influence 6",
        _set(["parties", 0, "influence"], 6),
        "parties[0].influence",
        "between 1 and 5",
    ),
    ("stance -3", _set(["parties", 0, "stance"], -3), "parties[0].stance", "between -2 and 2"),
    (
        "priority 0",
        _set(["parties", 0, "interests", 0, "priority"], 0),
        "parties[0].interests[0].priority",
        "between 1 and 5",
    ),
    ("empty title", _set(["case", "title"], ""), "case.title", "required"),
    ("title too long", _set(["case", "title"], "x" * 201), "case.title", "at most 200"),
    ("note too long", _set(["case", "notes"], "x" * 10_001), "case.notes", "at most 10,000"),
    ("currency lower case", _set(["case", "currency"], "eur"), "case.currency", "ISO 4217"),
    (
        "bad date",
        _set(["case", "prepared_on"], "2026-02-30"),
        "case.prepared_on",
        "real calendar date",
    ),
    ("date format", _set(["case", "prepared_on"], "26.11.2026"), "case.prepared_on", "YYYY-MM-DD"),
    ("min margin 100", _set(["case", "min_margin_pct"], 100), "case.min_margin_pct", "below 100"),
    (
        "confidence 0.4",
        _set(["case", "risk_confidence"], 0.4),
        "case.risk_confidence",
        "between 0.5 and 0.999",
    ),
    ("band reversed", _set(["case", "fair_band"], [0.7, 0.3]), "case.fair_band", "above"),
    ("band of three", _set(["case", "fair_band"], [0.1, 0.2, 0.3]), "case.fair_band", "pair"),
    (
        "runs 999",
        _set(["case", "simulation_runs"], 999),
        "case.simulation_runs",
        "between 1000 and 1000000",
    ),
    ("negative seed", _set(["case", "simulation_seed"], -1), "case.simulation_seed", "at least 0"),
    ("huge seed", _set(["case", "simulation_seed"], 10**30), "case.simulation_seed", "too large"),
    (
        "sensitivity 95",
        _set(["case", "sensitivity_pct"], 95),
        "case.sensitivity_pct",
        "between 1 and 90",
    ),
    (
        "unknown field",
        _set(["risks", 0, "probabilty"], 0.5),
        "risks[0].probabilty",
        "not a known field",
    ),
    ("collection not a list", _set(["risks"], {"r1": {}}), "risks", "must be a list"),
    ("entity not an object", _set(["risks", 0], "r1"), "risks[0]", "must be an object"),
    (
        "pros not a list",
        _set(["alternatives", 0, "pros"], "cheap"),
        "alternatives[0].pros",
        "list of texts",
    ),
    ("empty id", _set(["risks", 0, "id"], ""), "risks[0].id", "cannot be empty"),
    ("wrong format", _set(["format"], "something-else"), "format", "leverage-case"),
    ("newer version", _set(["version"], 3), "version", "newer version"),
    ("unknown section", _set(["extras"], []), "extras", "not a known section"),
]


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [pytest.param(m, p, w, id=name) for name, m, p, w in REFUSALS],
)
def test_refusal_names_the_field_and_the_reason(
    mutate: Callable[[dict[str, Any]], None], path: str, words: str
) -> None:
    doc = base_document()
    mutate(doc)
    with pytest.raises(ValidationError) as caught:
        document_to_case(doc)
    paths = [e.path for e in caught.value.errors]
    assert path in paths, f"{path} not among {paths}"
    message = next(e.message for e in caught.value.errors if e.path == path)
    assert words in message
    assert str(caught.value).startswith(str(caught.value.errors[0]))


def test_every_problem_is_reported_not_only_the_first() -> None:
    doc = base_document()
    doc["risks"][0]["probability"] = 3
    doc["scenarios"][0]["years"] = 0
    doc["case"]["currency"] = "euro"
    with pytest.raises(ValidationError) as caught:
        document_to_case(doc)
    assert {e.path for e in caught.value.errors} >= {
        "risks[0].probability",
        "scenarios[0].years",
        "case.currency",
    }
    assert "and 2 more" in str(caught.value)


def test_a_case_under_construction_is_valid() -> None:
    """No proposal, no criteria, missing scores, no price yet: incomplete, not invalid."""
    doc = {
        "format": "leverage-case",
        "version": 1,
        "case": {"title": "Early"},
        "criteria": [{"id": "c", "side": "theirs", "weight": 0}],
        "alternatives": [{"id": "a", "side": "theirs"}],
        "scenarios": [{"id": "s", "role": "other"}],
    }
    case = document_to_case(doc)
    assert case.proposal_scenario is None
    assert case.scenarios[0].unit_price is None
    assert validate_case(blank_case()).proposal_scenario is not None


def test_blank_case_starts_with_an_empty_proposal_scenario() -> None:
    case = blank_case()
    assert [s.role for s in case.scenarios] == ["our_proposal"]
    assert case.scenarios[0].name == "Our proposal"
    assert case.scenarios[0].unit_price is None


def test_validate_case_checks_objects_built_in_code() -> None:
    bad = Case(
        info=CaseInfo(title="ok"),
        risks=(Risk(id="r", probability=1.5),),
        scenarios=(Scenario(id="s", years=0),),
    )
    with pytest.raises(ValidationError) as caught:
        validate_case(bad)
    assert [e.path for e in caught.value.errors] == ["risks[0].probability", "scenarios[0].years"]


# -- properties -----------------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@given(finite)
def test_probability_is_accepted_exactly_when_between_0_and_1(value: float) -> None:
    doc = base_document()
    doc["risks"][0]["probability"] = value
    if 0 <= value <= 1:
        assert document_to_case(doc).risks[0].probability == value
    else:
        with pytest.raises(ValidationError) as caught:
            document_to_case(doc)
        assert caught.value.errors[0].path == "risks[0].probability"


@given(st.lists(st.floats(0, 1e9, allow_nan=False), min_size=3, max_size=3))
def test_impacts_are_accepted_exactly_when_ordered(impacts: list[float]) -> None:
    doc = base_document()
    low, likely, high = impacts
    doc["risks"][0].update(impact_low=low, impact_likely=likely, impact_high=high)
    if low <= likely <= high:
        assert document_to_case(doc).risks[0].impact_likely == likely
    else:
        with pytest.raises(ValidationError) as caught:
            document_to_case(doc)
        assert caught.value.errors[0].path == "risks[0].impact_likely"


@given(st.integers(-5, 40))
def test_years_are_accepted_exactly_from_1_to_30(years: int) -> None:
    doc = base_document()
    doc["scenarios"][1]["years"] = years
    if 1 <= years <= 30:
        assert document_to_case(doc).scenarios[1].years == years
    else:
        with pytest.raises(ValidationError):
            document_to_case(doc)


@given(st.text(max_size=60))
def test_text_never_keeps_control_characters(text: str) -> None:
    doc = base_document()
    doc["case"]["notes"] = text
    notes = document_to_case(doc).info.notes
    assert all(ch in "\n\t" or not (ord(ch) < 32 or 127 <= ord(ch) < 160) for ch in notes)
    assert notes == "".join(
        ch for ch in text if ch in "\n\t" or not (ord(ch) < 32 or 127 <= ord(ch) < 160)
    )


@given(st.integers(9_990, 10_010))
def test_text_length_limit_is_10000_characters(length: int) -> None:
    doc = base_document()
    doc["case"]["notes"] = "é" * length
    if length <= 10_000:
        assert len(document_to_case(doc).info.notes) == length
    else:
        with pytest.raises(ValidationError):
            document_to_case(doc)


def test_base_document_is_not_mutated_by_refusals() -> None:
    doc = base_document()
    doc["risks"][0]["probability"] = 9
    before = copy.deepcopy(doc)
    with pytest.raises(ValidationError):
        document_to_case(doc)
    assert doc == before
