"""Edits of the risks' correlations and the check the app makes while a pair is chosen
(``correlation_edits.pair_problem``): it says what validation would refuse, in words, and it
agrees with validation on every pair (a property test)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Case, Risk, validate_case
from desktop_app.domain import correlation_edits as ce
from desktop_app.domain.edits import remove_entity
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.model import Correlation

RISKS = (
    Risk(id="a", name="Alpha"),
    Risk(id="b", name="Beta"),
    Risk(id="c", name="Gamma"),
    Risk(id="d", name="Delta"),
)
BASE = Case(risks=RISKS)


def _valid(case: Case) -> bool:
    try:
        validate_case(case)
    except ValidationError:
        return False
    return True


def test_a_pair_is_added_replaced_and_removed() -> None:
    case = ce.add_correlation(BASE, Correlation("a", "b", 0.5))
    case = ce.add_correlation(case, Correlation("b", "c", -0.3))
    assert ce.index_of_pair(case, "c", "b") == 1
    case = ce.replace_correlation(case, 0, Correlation("a", "b", 0.2))
    assert case.correlations[0].rho == 0.2
    case = ce.remove_correlations(case, {0})
    assert case.correlations == (Correlation("b", "c", -0.3),)
    with pytest.raises(KeyError):
        ce.remove_correlations(case, {3})


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (Correlation("a", "a", 0.5), "two different risks"),
        (Correlation("a", "z", 0.5), "no risk “z”"),
        (Correlation("a", "c", 0.99), "between −0.95 and 0.95 (0.99 is outside)"),
        (Correlation("b", "a", 0.1), "Beta and Alpha already have a correlation (0.90)"),
    ],
)
def test_what_is_wrong_with_a_pair_in_words(entry: Correlation, words: str) -> None:
    case = ce.add_correlation(BASE, Correlation("a", "b", 0.9))
    problem = ce.pair_problem(case, entry)
    assert problem is not None and words in problem
    assert not _valid(ce.add_correlation(case, entry))


def test_pairs_that_cannot_hold_together_are_named() -> None:
    case = ce.add_correlation(BASE, Correlation("a", "b", 0.6))
    case = ce.add_correlation(case, Correlation("b", "c", 0.6))
    case = ce.add_correlation(case, Correlation("c", "d", 0.1))  # not part of the conflict
    problem = ce.pair_problem(case, Correlation("a", "c", -0.6))
    assert problem == (
        "These pairs cannot hold together: Alpha–Beta 0.60, Beta–Gamma 0.60, Alpha–Gamma "
        "−0.60 (the matrix is not positive semi-definite). Weaken one of them."
    )
    assert ce.pair_problem(case, Correlation("a", "c", 0.3)) is None


def test_changing_an_entry_is_checked_in_its_place() -> None:
    case = ce.add_correlation(BASE, Correlation("a", "b", 0.6))
    case = ce.add_correlation(case, Correlation("b", "c", 0.6))
    case = ce.add_correlation(case, Correlation("a", "c", 0.3))
    assert ce.pair_problem(case, Correlation("a", "c", 0.8), index=2) is None
    problem = ce.pair_problem(case, Correlation("a", "c", -0.6), index=2)
    assert problem is not None and "cannot hold together" in problem


def test_a_deleted_risk_takes_its_pairs_and_the_case_stays_valid() -> None:
    case = ce.add_correlation(BASE, Correlation("a", "b", 0.6))
    case = ce.add_correlation(case, Correlation("b", "c", 0.6))
    case = ce.add_correlation(case, Correlation("c", "d", -0.2))
    after = remove_entity(case, "risks", "b")
    assert after.correlations == (Correlation("c", "d", -0.2),)
    assert _valid(after)


PAIRS = st.sampled_from([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")])
RHO = st.integers(-19, 19).map(lambda k: round(k * 0.05, 2))


@given(
    entries=st.lists(st.tuples(PAIRS, RHO), max_size=5),
    new=st.tuples(st.sampled_from("abcd"), st.sampled_from("abcd"), st.integers(-21, 21)),
)
def test_the_live_check_agrees_with_validation(
    entries: list[tuple[tuple[str, str], float]], new: tuple[str, str, int]
) -> None:
    """Built one accepted pair at a time (as the form does), the case stays valid; and the
    check accepts a new pair exactly when validation accepts the case with it."""
    case = BASE
    for (a, b), rho in entries:
        entry = Correlation(a, b, rho)
        if ce.pair_problem(case, entry) is None:
            case = ce.add_correlation(case, entry)
        assert _valid(case)
    a, b, k = new
    entry = Correlation(a, b, round(k * 0.05, 2))
    assert (ce.pair_problem(case, entry) is None) == _valid(ce.add_correlation(case, entry))
