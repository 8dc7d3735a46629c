"""Properties the figures must have whatever the case (hypothesis, small simulations)."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.analysis import analyze_case
from desktop_app.analysis.report import analysis_to_json
from desktop_app.domain.model import (
    Alternative,
    Case,
    CaseInfo,
    CostLine,
    Criterion,
    Risk,
    Scenario,
)

PROPERTY_SETTINGS = settings(max_examples=25, deadline=None)

money = st.integers(0, 400).map(lambda x: x * 1_000.0)


@st.composite
def risks(draw: st.DrawFn) -> tuple[Risk, ...]:
    result = []
    for i in range(draw(st.integers(0, 5))):
        low, likely, high = sorted(draw(st.lists(money, min_size=3, max_size=3)))
        result.append(
            Risk(
                id=f"r{i}-{draw(st.integers(0, 99))}",
                probability=draw(st.sampled_from([0.0, 0.05, 0.2, 0.5, 1.0])),
                frequency=draw(st.sampled_from(["per_contract", "per_year"])),
                impact_low=low,
                impact_likely=likely,
                impact_high=high,
                capped_by_liability=draw(st.booleans()),
            )
        )
    ids = [r.id for r in result]
    return tuple(r for i, r in enumerate(result) if r.id not in ids[:i])


@st.composite
def cases(draw: st.DrawFn) -> Case:
    alternatives = tuple(
        Alternative(
            id=f"a{i}",
            side="theirs",
            name=f"Way {i}",
            feasibility=draw(st.sampled_from([0.0, 0.3, 0.7, 1.0])),
            scores={"t": draw(st.integers(0, 10).map(float))},
            unit_price=draw(st.sampled_from([8.0, 10.0, 12.0, 15.0])),
            switching_cost=draw(money),
            failure_cost=draw(money),
        )
        for i in range(draw(st.integers(1, 3)))
    )
    proposal = Scenario(
        "p",
        "Proposal",
        "our_proposal",
        unit_price=draw(st.sampled_from([9.0, 11.0, 14.0])),
        annual_volume=draw(st.sampled_from([10_000.0, 50_000.0])),
        years=draw(st.integers(1, 6)),
        annual_price_change_pct=draw(st.sampled_from([-3.0, 0.0])),
        payment_days=draw(st.sampled_from([0, 30, 90])),
        liability_cap=draw(st.sampled_from([None, 20_000.0, 100_000.0])),
        scores={"t": draw(st.integers(0, 10).map(float)), "o": 5.0},
    )
    return Case(
        info=CaseInfo(
            simulation_runs=1_000,
            simulation_seed=draw(st.integers(0, 50)),
            risk_confidence=draw(st.sampled_from([0.5, 0.9, 0.99])),
        ),
        criteria=(Criterion("t", "theirs", weight=2.0), Criterion("o", "ours", weight=1.0)),
        alternatives=alternatives,
        cost_lines=(
            CostLine("unit", basis="per_unit", amount=draw(st.sampled_from([4.0, 6.0]))),
            CostLine("year", basis="per_year", amount=draw(money)),
            CostLine("once", basis="one_time", amount=draw(money)),
        ),
        risks=draw(risks()),
        scenarios=(proposal,),
    )


@given(
    case=cases(),
    extra=st.sampled_from([1.0, 500.0, 20_000.0]),
    line=st.sampled_from(["unit", "year", "once"]),
)
@PROPERTY_SETTINGS
def test_raising_a_cost_raises_our_walk_away(case: Case, extra: float, line: str) -> None:
    before = analyze_case(case).zopa.our_walk_away
    costs = tuple(
        replace(c, amount=c.amount + extra) if c.id == line else c for c in case.cost_lines
    )
    after = analyze_case(replace(case, cost_lines=costs)).zopa.our_walk_away
    assert before is not None and after is not None and after > before


@given(
    case=cases(),
    extra=st.sampled_from([1.0, 10_000.0, 1e6]),
    field=st.sampled_from(["switching_cost", "failure_cost"]),
    which=st.integers(0, 2),
)
@PROPERTY_SETTINGS
def test_raising_their_switching_or_failure_cost_raises_theirs(
    case: Case, extra: float, field: str, which: int
) -> None:
    before = analyze_case(case).zopa
    target = case.alternatives[which % len(case.alternatives)]
    moved = replace(target, **{field: getattr(target, field) + extra})
    alternatives = tuple(moved if a is target else a for a in case.alternatives)
    after = analyze_case(replace(case, alternatives=alternatives)).zopa
    if all(row.feasibility == 0.0 for row in before.alternatives):
        # Nothing they can carry out: no money BATNA, whatever it would cost.
        assert before.their_walk_away is None and after.their_walk_away is None
        return
    assert before.their_walk_away is not None and after.their_walk_away is not None
    assert after.their_walk_away >= before.their_walk_away
    matters = target.feasibility > 0.0 and (field == "switching_cost" or target.feasibility < 1.0)
    others = [
        row.total_cost
        for row in before.alternatives
        if row.alternative_id != target.id and row.feasibility > 0.0
    ]
    mine = next(row.total_cost for row in before.alternatives if row.alternative_id == target.id)
    assert mine is not None
    if matters and all(cost is not None and cost > mine for cost in others):
        assert after.their_walk_away > before.their_walk_away  # it was their money BATNA


@given(
    case=cases(),
    caps=st.lists(st.sampled_from([0.0, 5_000.0, 50_000.0, 300_000.0]), min_size=2, max_size=2),
)
@PROPERTY_SETTINGS
def test_a_liability_cap_never_raises_var_or_shortfall(case: Case, caps: list[float]) -> None:
    proposal = case.scenarios[0]
    low_cap, high_cap = sorted(caps)
    variants = (
        replace(proposal, id="low", role="other", liability_cap=low_cap),
        replace(proposal, id="high", role="other", liability_cap=high_cap),
        replace(proposal, id="none", role="other", liability_cap=None),
    )
    analysis = analyze_case(replace(case, scenarios=variants))
    figures = [s.loss for s in analysis.scenarios]
    for tighter, looser in itertools.pairwise(figures):
        assert tighter.loss_at_confidence <= looser.loss_at_confidence
        assert tighter.expected_shortfall <= looser.expected_shortfall + 1e-9
        assert tighter.expected_loss <= looser.expected_loss + 1e-9


@given(case=cases(), years=st.lists(st.integers(1, 12), min_size=2, max_size=2))
@PROPERTY_SETTINGS
def test_a_per_year_risk_over_more_years_never_costs_less(case: Case, years: list[int]) -> None:
    short, long = sorted(years)
    risk = Risk(
        "yearly",
        probability=0.3,
        frequency="per_year",
        impact_low=1_000.0,
        impact_likely=4_000.0,
        impact_high=30_000.0,
    )
    proposal = case.scenarios[0]
    scenarios = (
        replace(proposal, id="short", years=short),
        replace(proposal, id="long", role="other", years=long),
    )
    analysis = analyze_case(replace(case, risks=(*case.risks, risk), scenarios=scenarios))
    one, two = (s.loss for s in analysis.scenarios)
    assert two.expected_loss >= one.expected_loss - 1e-9
    assert two.loss_at_confidence >= one.loss_at_confidence
    assert two.expected_shortfall >= one.expected_shortfall - 1e-9
    assert two.p95 >= one.p95


@given(case=cases())
@PROPERTY_SETTINGS
def test_the_fair_price_lies_in_the_zone(case: Case) -> None:
    zopa = analyze_case(case).zopa
    if zopa.exists:
        assert zopa.our_walk_away is not None and zopa.their_walk_away is not None
        assert zopa.fair_price is not None
        assert zopa.our_walk_away < zopa.fair_price < zopa.their_walk_away
        assert zopa.width == pytest.approx(zopa.their_walk_away - zopa.our_walk_away)
    else:
        assert zopa.fair_price is None


@given(case=cases(), factor=st.sampled_from([0.001, 0.3, 7.0, 1e6]))
@PROPERTY_SETTINGS
def test_weights_scaled_together_change_nothing(case: Case, factor: float) -> None:
    scaled = replace(
        case, criteria=tuple(replace(c, weight=c.weight * factor) for c in case.criteria)
    )
    one, two = analyze_case(case).value, analyze_case(scaled).value

    def same(x: float | None, y: float | None) -> bool:
        return (x is None and y is None) or (
            x is not None and y is not None and x == pytest.approx(y, rel=1e-12, abs=1e-12)
        )

    for a, b in ((one.theirs, two.theirs), (one.ours, two.ours)):
        assert a.batna_alternative == b.batna_alternative
        assert same(a.gain, b.gain) and same(a.proposal_value, b.proposal_value)
        assert all(
            same(x.expected_value, y.expected_value)
            for x, y in zip(a.options, b.options, strict=True)
        )
    if any(a.feasibility > 0.0 for a in case.alternatives_of("theirs")):
        assert one.theirs.gain is not None
    assert same(one.leverage, two.leverage)


def _figures(case: Case) -> str:
    data = analysis_to_json(case, analyze_case(case))
    return json.dumps({k: data[k] for k in ("scenarios", "zopa", "value", "sensitivity")})


@given(case=cases(), data=st.data())
@PROPERTY_SETTINGS
def test_reordering_risks_changes_nothing(case: Case, data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(case.risks))
    assert _figures(replace(case, risks=tuple(shuffled))) == _figures(case)


@given(case=cases())
@settings(max_examples=10, deadline=None)
def test_same_seed_same_figures(case: Case) -> None:
    assert _figures(case) == _figures(case)
