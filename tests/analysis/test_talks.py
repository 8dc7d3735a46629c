"""SPEC §10: the concession plan, the flags and their pace, against values by hand."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.analysis.deal_model import Terms
from desktop_app.analysis.report import analysis_to_json
from desktop_app.analysis.talks import (
    Plan,
    conceded_share,
    least_squares,
    meeting_round,
    offer_terms,
    planned_price,
)
from desktop_app.analysis.talks_results import TalksAnalysis
from desktop_app.domain.model import Offer
from desktop_app.store.interchange import document_to_case
from tests.store.casefile_support import fixture_case


@pytest.mark.parametrize(("shape", "share"), [(0.2, 0.03125), (1.0, 0.5), (2.0, 0.7071)])
def test_conceded_share_halfway(shape: float, share: float) -> None:
    assert conceded_share(0.5, shape) == pytest.approx(share, abs=1e-4)


def test_their_pace_by_hand_and_the_round_it_meets_the_plan() -> None:
    # (1, 405), (2, 418), (3, 424): x̄ = 2, ȳ = 415.667; slope = (10.667 + 8.333) / 2 = 9.5
    intercept, slope = least_squares([(1, 405.0), (2, 418.0), (3, 424.0)]) or (0.0, 0.0)
    assert slope == pytest.approx(9.5)
    assert intercept == pytest.approx(415.0 + 2.0 / 3.0 - 19.0)
    plan = Plan(455.0, 440.0, 5, 0.8, Terms(-1.5, 45, None))
    # round 4: line 434.67 < plan 443.65; round 5: 444.17 ≥ 440 (the limit)
    assert meeting_round(intercept, slope, 3, plan) == 5
    assert meeting_round(intercept, -1.0, 3, plan) is None


def test_the_fixture_offers_are_flagged_with_their_cost() -> None:
    case = fixture_case(5)
    talks = analyze_case(case).talks
    assert [p.round for p in talks.plan] == [1, 2, 3, 4, 5]
    assert talks.plan[-1].price == pytest.approx(440.0)
    ours = {o.id: o for o in talks.offers if o.side == "ours"}
    assert ours["o-4"].below_plan and ours["o-4"].cost_vs_plan is not None
    assert ours["o-4"].cost_vs_plan > 0
    assert talks.their_pace is not None and talks.their_pace.meets_plan_in_round == 5


# -- by hand on a case with no risks: ES = 0, so every figure is arithmetic -----------------------
#
# One cost line of 80 a unit, 1,000 units in one year at no price change: K = 1,000, C = 80,000.
# Cost of capital 10 %, 73 payment days: r·d/365 = 0.02, so a price is worth P·K·0.98 to us.
# Minimum margin 10 %: our walk-away = C / (K·(1 − 0.10 − 0.02)) = 80,000 / 880 = 90.9091.
# The plan: from the proposal's 100 to the limit 90 in 2 rounds, shape 1: P(1) = 95, P(2) = 90.

WALK_AWAY = 80_000 / 880
FACTOR = 1 - 0.10 * 73 / 365


def tiny(offers: list[dict[str, object]], **case: object) -> dict[str, object]:
    info = {
        "title": "By hand",
        "cost_of_capital_pct": 10,
        "min_margin_pct": 10,
        "plan_rounds": 2,
        "plan_shape": 1,
        "plan_limit": 90,
        **case,
    }
    return {
        "format": "leverage-case",
        "version": 1,
        "case": info,
        "cost_lines": [{"id": "k", "name": "Material", "basis": "per_unit", "amount": 80}],
        "scenarios": [
            {
                "id": "p",
                "role": "our_proposal",
                "unit_price": 100,
                "annual_volume": 1000,
                "years": 1,
                "payment_days": 73,
            },
        ],
        "offers": offers,
    }


def talks_of(document: dict[str, object]) -> TalksAnalysis:
    return analyze_case(document_to_case(document)).talks


def offer(ident: str, round_: int, side: str, price: float) -> dict[str, object]:
    return {"id": ident, "round": round_, "date": "2026-01-05", "from": side, "unit_price": price}


def test_the_plan_by_hand_for_two_shapes() -> None:
    # Shape 1 concedes evenly; shape 0.5 concedes (t/N)² of the way: 1/16, 4/16, 9/16, 1.
    linear = talks_of(tiny([], plan_rounds=4, plan_limit=80))
    assert [p.price for p in linear.plan] == pytest.approx([95.0, 90.0, 85.0, 80.0])
    late = talks_of(tiny([], plan_rounds=4, plan_limit=80, plan_shape=0.5))
    assert [p.price for p in late.plan] == pytest.approx([98.75, 95.0, 88.75, 80.0])
    assert planned_price(100.0, 80.0, 9, 4, 0.5) == pytest.approx(80.0)  # after N: the limit


def test_an_offer_of_ours_below_the_plan_and_our_walk_away_costs_what_hand_says() -> None:
    talks = talks_of(tiny([offer("a", 1, "ours", 85.0)]))
    (ours,) = talks.offers
    assert ours.planned_price == pytest.approx(95.0)
    assert ours.below_plan and ours.cost_vs_plan == pytest.approx((95 - 85) * 1000 * FACTOR)
    assert ours.below_walk_away and ours.our_walk_away == pytest.approx(WALK_AWAY)
    assert ours.cost_vs_walk_away == pytest.approx((WALK_AWAY - 85) * 1000 * FACTOR)
    # Margin 100·M/R: R = 85,000, M = R − C − R·0.02 = 3,300.
    assert ours.margin_pct == pytest.approx(100 * 3_300 / 85_000)
    assert ours.conservative_margin_pct == pytest.approx(100 * 3_300 / 85_000)
    assert talks.flagged == (ours,)


def test_an_offer_above_the_plan_is_not_flagged_and_beats_it() -> None:
    talks = talks_of(tiny([offer("a", 1, "ours", 96.0), offer("b", 2, "ours", 92.0)]))
    first, second = talks.offers
    assert not first.below_plan and first.cost_vs_plan == pytest.approx(-1 * 1000 * FACTOR)
    assert not first.below_walk_away and first.cost_vs_walk_away is None
    # Round 2's plan is the limit, 90: 92 beats it by 2 a unit.
    assert not second.below_plan and second.cost_vs_plan == pytest.approx(-2 * 1000 * FACTOR)
    assert talks.flagged == ()


def test_their_offers_are_never_below_our_plan() -> None:
    (theirs,) = talks_of(tiny([offer("t", 1, "theirs", 85.0)])).offers
    assert theirs.planned_price is None and theirs.cost_vs_plan is None
    assert not theirs.below_plan and theirs.below_walk_away


def test_their_pace_takes_their_last_three_offers_only() -> None:
    # (2, 80), (3, 82), (4, 84): slope 2, intercept 76 (all four would give 4.4). After round
    # 2 the plan is its limit, 90: 76 + 2t ≥ 90 first at t = 7.
    offers = [
        offer("t1", 1, "theirs", 70.0),
        offer("o1", 1, "ours", 99.0),
        offer("t2", 2, "theirs", 80.0),
        offer("t3", 3, "theirs", 82.0),
        offer("t4", 4, "theirs", 84.0),
    ]
    pace = talks_of(tiny(offers)).their_pace
    assert pace is not None
    assert pace.rounds == (2, 3, 4) and pace.prices == (80.0, 82.0, 84.0)
    assert pace.slope_per_round == pytest.approx(2.0)
    assert pace.intercept == pytest.approx(76.0)
    assert pace.meets_plan_in_round == 7
    assert pace.meets_plan_at_price == pytest.approx(90.0)


def test_their_pace_that_falls_never_meets_the_plan_and_says_null() -> None:
    case = document_to_case(tiny([offer("t1", 1, "theirs", 80.0), offer("t2", 2, "theirs", 79.0)]))
    analysis = analyze_case(case)
    pace = analysis.talks.their_pace
    assert pace is not None and pace.slope_per_round == pytest.approx(-1.0)
    assert pace.meets_plan_in_round is None and pace.meets_plan_at_price is None
    talks = analysis_to_json(case, analysis)["talks"]
    assert talks["their_pace"]["meets_plan_in_round"] is None
    assert talks["their_pace"]["slope_per_round"] == pytest.approx(-1.0)


def test_no_pace_from_a_single_round_of_theirs() -> None:
    one = talks_of(tiny([offer("t1", 1, "theirs", 80.0), offer("t2", 1, "theirs", 81.0)]))
    assert one.their_pace is None
    case = document_to_case(tiny([offer("t1", 1, "theirs", 80.0)]))
    assert analysis_to_json(case, analyze_case(case))["talks"]["their_pace"] is None


def test_missing_terms_come_from_the_proposal_for_ours_and_the_demand_for_theirs() -> None:
    case = fixture_case(5)  # proposal 455, −1.5 %, 45 days, cap 2M; demand 410, −3 %, 90 days
    bare = (
        Offer(id="x", round=1, from_="ours"),
        Offer(id="y", round=1, from_="theirs"),
    )
    ours, theirs = (offer_terms(o, case) for o in bare)
    assert (ours.unit_price, ours.annual_price_change_pct, ours.payment_days) == (455, -1.5, 45)
    assert ours.liability_cap == 2_000_000 and ours.reference == "proposal"
    assert (theirs.unit_price, theirs.annual_price_change_pct, theirs.payment_days) == (
        410,
        -3,
        90,
    )
    assert theirs.liability_cap is None and theirs.reference == "demand"
    assert set(theirs.filled) == {
        "unit_price",
        "annual_price_change_pct",
        "payment_days",
        "liability_cap",
    }
    # Without their demand, theirs take the proposal's terms.
    proposal = case.proposal_scenario
    assert proposal is not None
    alone = dataclasses.replace(case, scenarios=(proposal,))
    assert offer_terms(bare[1], alone).unit_price == 455
