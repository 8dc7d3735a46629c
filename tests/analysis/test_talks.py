"""SPEC §10: the concession plan, the flags and their pace, against values by hand."""

from __future__ import annotations

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.analysis.deal_model import Terms
from desktop_app.analysis.talks import Plan, conceded_share, least_squares, meeting_round
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
