"""Robustness of the value verdict against a brute-force search over single changes."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.analysis import analyze_case
from desktop_app.analysis.value import side_value
from desktop_app.domain.model import Alternative, Case, Criterion, Scenario
from tests.analysis.builders import small_case


def _values(
    weights: dict[str, float], alternatives: list[Alternative], proposal: dict[str, float]
) -> tuple[list[float], float]:
    total = sum(weights.values())
    norm = {c: w / total for c, w in weights.items()}
    evs = [
        a.feasibility * 10 * sum(norm[c] * a.scores.get(c, 0.0) for c in norm) for a in alternatives
    ]
    return evs, 10 * sum(norm[c] * proposal.get(c, 0.0) for c in norm)


def _reaches(
    weights: dict[str, float], alternatives: list[Alternative], proposal: dict[str, float]
) -> bool:
    evs, value = _values(weights, alternatives, proposal)
    return max(evs) >= value - 1e-9


def _brute_force(
    weights: dict[str, float], alternatives: list[Alternative], proposal: dict[str, float]
) -> float | None:
    """The smallest change on a grid: scores in steps of 0.01, normalised weights of 0.0005."""
    best: float | None = None

    def consider(change: float) -> None:
        nonlocal best
        best = change if best is None else min(best, change)

    for cid in weights:
        for i, alt in enumerate(alternatives):
            now = alt.scores.get(cid, 0.0)
            for step in range(round((10 - now) * 100) + 1):
                moved = [*alternatives]
                moved[i] = replace(alt, scores={**alt.scores, cid: now + step / 100})
                if _reaches(weights, moved, proposal):
                    consider(step / 100)
                    break
        now = proposal.get(cid, 0.0)
        for step in range(round(now * 100) + 1):
            if _reaches(weights, alternatives, {**proposal, cid: now - step / 100}):
                consider(step / 100)
                break
        total = sum(weights.values())
        share = weights[cid] / total
        others = total - weights[cid]
        if len(weights) > 1 and others > 0:
            for j in range(2001):
                x = j / 2000
                moved_w = {c: (x if c == cid else w / others * (1 - x)) for c, w in weights.items()}
                if _reaches(moved_w, alternatives, proposal):
                    consider(abs(x - share) * 100)
    return best


scores = st.integers(0, 10).map(float)


@given(
    weights=st.lists(st.integers(1, 9).map(float), min_size=2, max_size=3),
    alts=st.lists(
        st.tuples(st.sampled_from([0.3, 0.6, 0.9, 1.0]), st.lists(scores, min_size=3, max_size=3)),
        min_size=1,
        max_size=2,
    ),
    proposal=st.lists(scores, min_size=3, max_size=3),
)
@settings(max_examples=25, deadline=None)
def test_robustness_is_the_smallest_single_change(
    weights: list[float], alts: list[tuple[float, list[float]]], proposal: list[float]
) -> None:
    criteria = tuple(Criterion(f"c{i}", "theirs", f"C{i}", w) for i, w in enumerate(weights))
    ids = [c.id for c in criteria]
    alternatives = [
        Alternative(
            f"a{i}", "theirs", f"A{i}", feasibility=p, scores=dict(zip(ids, s, strict=False))
        )
        for i, (p, s) in enumerate(alts)
    ]
    proposal_scores = dict(zip(ids, proposal, strict=False))
    scenario = Scenario("prop", role="our_proposal", scores=proposal_scores)
    case = Case(criteria=criteria, alternatives=tuple(alternatives), scenarios=(scenario,))
    view = side_value(case, "theirs", scenario)
    assert view.gain is not None and view.robustness is not None
    robust = view.robustness
    weight_map = {c.id: c.weight for c in criteria}
    if view.gain <= 0:
        assert robust.change == 0.0
        return
    expected = _brute_force(weight_map, alternatives, proposal_scores)
    if expected is None:
        assert robust.change is None
        return
    assert robust.change is not None
    # The exact answer lies at most one grid step below the grid's first success.
    assert expected - 0.051 <= robust.change <= expected + 1e-9
    # Applying the reported change really makes an alternative draw level.
    assert robust.input is not None and robust.to_value is not None
    kind, ident, *rest = robust.input.split(".")
    if kind == "alternatives":
        moved = [
            replace(a, scores={**a.scores, rest[-1]: robust.to_value}) if a.id == ident else a
            for a in alternatives
        ]
        assert _reaches(weight_map, moved, proposal_scores)
    elif kind == "scenarios":
        assert _reaches(weight_map, alternatives, {**proposal_scores, rest[-1]: robust.to_value})
    else:
        x = robust.to_value / 100
        others = sum(w for c, w in weight_map.items() if c != ident)
        moved_w = {c: (x if c == ident else w / others * (1 - x)) for c, w in weight_map.items()}
        evs, value = _values(moved_w, alternatives, proposal_scores)
        assert max(evs) == pytest.approx(value, abs=1e-9) or max(evs) > value
    assert math.isfinite(robust.change)


def test_weight_change_found_when_no_score_change_can_do_it() -> None:
    criteria = tuple(Criterion(c, "theirs", c.upper(), 1.0) for c in ("a", "b", "c"))
    rival = Alternative(
        "rival", "theirs", "Rival", feasibility=1.0, scores={"a": 0.0, "b": 0.0, "c": 9.0}
    )
    proposal = Scenario("p", role="our_proposal", scores={"a": 10.0, "b": 10.0, "c": 0.0})
    case = Case(criteria=criteria, alternatives=(rival,), scenarios=(proposal,))
    view = side_value(case, "theirs", proposal)
    robust = view.robustness
    assert view.gain == pytest.approx(200 / 3 - 30)
    assert robust is not None and robust.clear_winner
    # Scores cannot do it: the rival needs 11 more points somewhere, and lowering one of the
    # proposal's scores takes at most 33.3 value points off a gain of 36.7. The weight of c at
    # x: rival 90x, proposal 100(1 − x) → x = 10/19, from 33.3 to 52.6 weight points.
    assert robust.input == "criteria.c.weight" and robust.unit == "weight_points"
    assert robust.to_value == pytest.approx(1000 / 19)
    assert robust.change == pytest.approx(1000 / 19 - 100 / 3)


def test_no_single_change_can_do_it() -> None:
    criteria = (Criterion("a", "theirs", "A", 1.0), Criterion("b", "theirs", "B", 1.0))
    rival = Alternative("rival", "theirs", feasibility=0.2, scores={"a": 10.0, "b": 0.0})
    proposal = Scenario("p", role="our_proposal", scores={"a": 5.0, "b": 5.0})
    case = Case(criteria=criteria, alternatives=(rival,), scenarios=(proposal,))
    robust = side_value(case, "theirs", proposal).robustness
    assert robust is not None and robust.change is None and robust.input is None


def test_gain_already_gone_means_no_change_needed() -> None:
    criteria = (Criterion("c", "theirs", "C", 1.0),)
    rival = Alternative("rival", "theirs", feasibility=1.0, scores={"c": 8.0})
    proposal = Scenario("p", role="our_proposal", scores={"c": 6.0})
    case = Case(criteria=criteria, alternatives=(rival,), scenarios=(proposal,))
    view = side_value(case, "theirs", proposal)
    assert view.gain == pytest.approx(-20.0)
    assert view.robustness is not None and view.robustness.change == 0.0


def test_a_weight_and_feasibility_too_small_to_multiply_do_not_crash() -> None:
    """Hypothesis found it: a weight of 1e-30 and a feasibility of 1e-300 multiply to 0.0 in
    floating point; such a score cannot move the alternative's value, so it is not a lever."""
    case = small_case()
    criteria = tuple(replace(c, weight=1e-30) if c.id == "t-quality" else c for c in case.criteria)
    alternatives = tuple(
        replace(a, feasibility=1e-300) if a.id == "a-rival" else a for a in case.alternatives
    )
    robust = analyze_case(replace(case, criteria=criteria, alternatives=alternatives)).value
    assert robust.theirs.robustness is not None
    assert robust.theirs.robustness.change is not None
