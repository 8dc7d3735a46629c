"""Validation of SPEC §9's inputs: ranges on their alternatives (low ≤ value ≤ high, theirs
only) and correlations between risks (rho range, distinct existing risks, one per pair, a
positive semi-definite matrix, refused naming the pairs that conflict)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Alternative, Case, Risk, validate_case
from desktop_app.domain.correlations import conflicting_pairs, is_psd
from desktop_app.domain.edits import remove_entity
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.model import Correlation
from desktop_app.domain.validate import parse_case

MONEY = st.floats(0, 1e9, allow_nan=False)
RISKS = tuple(Risk(id=f"r{i}", name=f"Risk {i}") for i in range(6))


def _with_alternative(alt: Alternative) -> Case:
    return Case(alternatives=(alt,))


def _errors(case: Case) -> list[tuple[str, str]]:
    try:
        validate_case(case)
    except ValidationError as error:
        return [(e.path, e.message) for e in error.errors]
    return []


@given(
    value=MONEY, low=MONEY, high=MONEY, field=st.sampled_from(["switching_cost", "failure_cost"])
)
def test_a_range_is_accepted_exactly_when_low_le_value_le_high(
    value: float, low: float, high: float, field: str
) -> None:
    alt = Alternative(
        id="a",
        side="theirs",
        unit_price=10.0,
        **{field: value, f"{field}_low": low, f"{field}_high": high},
    )
    errors = _errors(_with_alternative(alt))
    if low <= value <= high:
        assert errors == []
    else:
        paths = {path for path, _ in errors}
        assert paths and paths <= {f"alternatives[0].{field}_low", f"alternatives[0].{field}_high"}
        assert all("low ≤" in message for _, message in errors)


def test_a_one_sided_range_is_accepted() -> None:
    alt = Alternative(id="a", side="theirs", unit_price=10.0, unit_price_high=12.0)
    assert _errors(_with_alternative(alt)) == []


def test_ranges_are_refused_on_our_alternatives_naming_the_field() -> None:
    alt = Alternative(id="a", side="ours", switching_cost=5.0, switching_cost_low=1.0)
    [(path, message)] = _errors(_with_alternative(alt))
    assert path == "alternatives[0].switching_cost_low" and "counterpart" in message


def test_a_range_needs_a_unit_price() -> None:
    alt = Alternative(id="a", side="theirs", unit_price_low=1.0)
    [(path, message)] = _errors(_with_alternative(alt))
    assert path == "alternatives[0].unit_price_low" and "needs a unit price" in message


def test_a_negative_range_end_is_refused_by_its_field() -> None:
    with pytest.raises(ValidationError) as raised:
        parse_case(
            {"alternatives": [{"id": "a", "side": "theirs", "unit_price": 3, "unit_price_low": -1}]}
        )
    assert "alternatives[0].unit_price_low" in {e.path for e in raised.value.errors}


@given(rho=st.floats(-2, 2, allow_nan=False))
def test_rho_must_lie_within_0_95(rho: float) -> None:
    case = Case(risks=RISKS[:2], correlations=(Correlation("r0", "r1", rho),))
    errors = _errors(case)
    if -0.95 <= rho <= 0.95:
        assert errors == []
    else:
        assert [path for path, _ in errors] == ["correlations[0].rho"]


def test_a_correlation_needs_two_distinct_existing_risks_once_per_pair() -> None:
    case = Case(
        risks=RISKS[:3],
        correlations=(
            Correlation("r0", "r9", 0.1),
            Correlation("r1", "r1", 0.1),
            Correlation("r0", "r2", 0.1),
            Correlation("r2", "r0", 0.2),
        ),
    )
    found = _errors(case)
    assert ("correlations[0].risk_b", "there is no risk with the id 'r9'") in found
    assert any(p == "correlations[1].risk_b" and "itself" in m for p, m in found)
    assert any(p == "correlations[3].risk_b" and "correlations[2]" in m for p, m in found)


def test_a_matrix_that_is_not_psd_is_refused_naming_only_the_pairs_in_conflict() -> None:
    """a–b 0.6 and b–c 0.6 force a–c above −0.28; −0.6 cannot hold (the determinant is
    −0.512). The unrelated d–e pair and the harmless a–d pair are not named."""
    case = Case(
        risks=RISKS,
        correlations=(
            Correlation("r3", "r4", 0.5),
            Correlation("r0", "r1", 0.6),
            Correlation("r0", "r3", 0.1),
            Correlation("r1", "r2", 0.6),
            Correlation("r0", "r2", -0.6),
        ),
    )
    [(path, message)] = _errors(case)
    assert path == "correlations[4].rho"
    assert "Risk 0 – Risk 1 (0.6)" in message and "Risk 1 – Risk 2 (0.6)" in message
    assert "Risk 0 – Risk 2 (-0.6)" in message
    assert "Risk 3 – Risk 4" not in message and "Risk 0 – Risk 3" not in message


def test_a_missing_pair_counts_as_zero() -> None:
    """Two strong correlations through a common risk imply the third: a–b 0.9 and b–c 0.9
    with a–c left at 0 is not PSD (smallest eigenvalue 1 − 0.9·√2), and both are named."""
    assert conflicting_pairs([("a", "b", 0.9), ("b", "c", 0.9)]) == (0, 1)
    assert is_psd([("a", "b", 0.9), ("b", "c", 0.9), ("a", "c", 0.8)])


def test_conflicting_pairs_is_minimal() -> None:
    entries = [("a", "b", 0.6), ("c", "d", 0.3), ("b", "c", 0.6), ("a", "c", -0.6)]
    assert conflicting_pairs(entries) == (0, 2, 3)
    assert conflicting_pairs(entries[:3]) == ()
    # Each named entry is needed: dropping any one leaves a PSD matrix.
    for dropped in (0, 2, 3):
        assert is_psd([e for i, e in enumerate(entries) if i != dropped])


@given(st.lists(st.floats(-0.95, 0.95, allow_nan=False), min_size=6, max_size=6))
def test_is_psd_agrees_with_the_eigenvalues(rhos: list[float]) -> None:
    names = ["a", "b", "c", "d"]
    pairs = [(names[i], names[j]) for i in range(4) for j in range(i + 1, 4)]
    matrix = np.eye(4)
    for (a, b), rho in zip(pairs, rhos, strict=True):
        matrix[names.index(a), names.index(b)] = matrix[names.index(b), names.index(a)] = rho
    smallest = float(np.linalg.eigvalsh(matrix)[0])
    if abs(smallest) > 1e-6:
        assert is_psd([(a, b, r) for (a, b), r in zip(pairs, rhos, strict=True)]) == (smallest > 0)


def test_a_singular_but_psd_matrix_is_accepted() -> None:
    """rho = 0.5 between every pair of three risks and −0.5 … the all-equal case: a–b = 0.95,
    a–c = 0.95, b–c chosen so the matrix is exactly singular (its smallest eigenvalue 0)."""
    rho = 0.95
    singular = 2 * rho * rho - 1  # b–c at the edge of PSD: det = 0
    entries = [("a", "b", rho), ("a", "c", rho), ("b", "c", singular)]
    assert is_psd(entries)
    assert not is_psd([("a", "b", rho), ("a", "c", rho), ("b", "c", singular - 1e-4)])


def test_deleting_a_risk_removes_its_correlations() -> None:
    case = Case(
        risks=RISKS[:3],
        correlations=(Correlation("r0", "r1", 0.5), Correlation("r1", "r2", 0.2)),
    )
    after = remove_entity(case, "risks", "r0")
    assert after.correlations == (Correlation("r1", "r2", 0.2),)
    untouched = remove_entity(replace(case, correlations=case.correlations[1:]), "risks", "r0")
    assert untouched.correlations == (Correlation("r1", "r2", 0.2),)
