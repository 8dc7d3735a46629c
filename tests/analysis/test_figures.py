"""Every figure of a small case against an independent computation (by hand or brute force)."""

from __future__ import annotations

import math

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.analysis.results import CaseAnalysis, ScenarioAnalysis
from tests.analysis.builders import (
    brute_force_losses,
    capped_mean_numeric,
    empirical_quantile,
    expected_shortfall,
    small_case,
)


@pytest.fixture(scope="module")
def analysis() -> CaseAnalysis:
    return analyze_case(small_case())


def _scenario(analysis: CaseAnalysis, ident: str) -> ScenarioAnalysis:
    found = analysis.scenario(ident)
    assert found is not None
    return found


def test_money_of_the_proposal_by_hand(analysis: CaseAnalysis) -> None:
    money = _scenario(analysis, "s-prop").money
    k = 10_000 * (1 + 0.98 + 0.98**2)  # 29,404 units at first-year price
    assert money.price_weighted_volume == pytest.approx(29_404.0)
    assert money.units == 30_000.0
    assert money.revenue == pytest.approx(10.0 * k)
    assert money.cost == pytest.approx(6.0 * 10_000 * 3 + 5_000.0 * 3 + 8_000.0)
    assert money.financing_cost == pytest.approx(10.0 * k * 0.08 * 45 / 365)
    margin = 10.0 * k - 203_000.0 - 10.0 * k * 0.08 * 45 / 365
    assert money.margin == pytest.approx(margin)
    assert money.margin_pct == pytest.approx(100 * margin / (10.0 * k))


def test_money_of_the_demand_without_price_change(analysis: CaseAnalysis) -> None:
    money = _scenario(analysis, "s-demand").money
    assert money.revenue == pytest.approx(9.0 * 40_000)
    assert money.cost == pytest.approx(6.0 * 40_000 + 20_000 + 8_000)
    assert money.financing_cost == pytest.approx(360_000 * 0.08 * 90 / 365)


def test_expected_loss_by_hand_and_by_integration(analysis: CaseAnalysis) -> None:
    recall_capped = 0.1 * capped_mean_numeric(10_000, 30_000, 200_000, 50_000)
    # By hand for the cap of 50,000 above the mode (see triangular.capped_mean's formula):
    by_hand = (
        10_000
        + 20_000
        - 20_000**2 / (3 * 190_000)
        + (170_000**3 - 150_000**3) / (3 * 190_000 * 170_000)
    )
    assert recall_capped == pytest.approx(0.1 * by_hand, rel=1e-7)
    late = 0.2 * 3 * (1_000 + 5_000 + 20_000) / 3
    fx = 0.5 * (0 + 2_000 + 2_000) / 3
    assert _scenario(analysis, "s-prop").loss.expected_loss == pytest.approx(
        recall_capped + late + fx, rel=1e-7
    )
    demand = 0.1 * 80_000 + 0.3 * 4 * 26_000 / 3 + fx  # uncapped, overridden, 4 years
    assert _scenario(analysis, "s-demand").loss.expected_loss == pytest.approx(demand)


@pytest.mark.parametrize("ident", ["s-prop", "s-demand"])
def test_simulated_figures_match_a_brute_force_monte_carlo(
    analysis: CaseAnalysis, ident: str
) -> None:
    case = small_case()
    scenario = next(s for s in case.scenarios if s.id == ident)
    losses = brute_force_losses(case, scenario)
    figures = _scenario(analysis, ident)
    loss = figures.loss
    assert loss.loss_at_confidence == pytest.approx(empirical_quantile(losses, 0.9), rel=1e-12)
    assert loss.expected_shortfall == pytest.approx(expected_shortfall(losses, 0.9), rel=1e-12)
    for q, value in ((0.5, loss.p50), (0.9, loss.p90), (0.95, loss.p95)):
        assert value == pytest.approx(empirical_quantile(losses, q), rel=1e-12)
    assert loss.simulated_mean == pytest.approx(math.fsum(losses) / len(losses), rel=1e-12)
    # Within Monte Carlo noise of the analytic mean (1,000 runs):
    assert loss.simulated_mean == pytest.approx(loss.expected_loss, rel=0.15)
    money = figures.money
    assert money.margin is not None and money.revenue is not None
    floor = money.margin - 0.1 * money.revenue
    assert figures.p_below_min_margin == sum(x > floor for x in losses) / len(losses)
    assert figures.p_loss == sum(x > money.margin for x in losses) / len(losses)
    assert sum(loss.histogram.counts) == len(losses)
    assert loss.histogram.edges[0] == 0.0 and loss.histogram.edges[-1] == max(losses)
    assert figures.risk_adjusted_margin_pct == pytest.approx(
        100 * (money.margin - loss.expected_loss) / money.revenue
    )
    assert figures.conservative_margin_pct == pytest.approx(
        100 * (money.margin - loss.expected_shortfall) / money.revenue
    )


def test_our_walk_away_by_the_formula(analysis: CaseAnalysis) -> None:
    case = small_case()
    es = expected_shortfall(brute_force_losses(case, case.scenarios[0]), 0.9)
    k = 10_000 * (1 + 0.98 + 0.98**2)
    expected = (203_000 + es) / (k * (1 - 0.10 - 0.08 * 45 / 365))
    assert _scenario(analysis, "s-prop").walk_away_price == pytest.approx(expected, rel=1e-12)
    assert analysis.zopa.our_walk_away == pytest.approx(expected, rel=1e-12)


def test_their_walk_away_zone_and_verdict(analysis: CaseAnalysis) -> None:
    zopa = analysis.zopa
    k = 10_000 * (1 + 0.98 + 0.98**2)
    rival = 11.0 * 30_000 + 20_000 + 0.2 * 50_000  # 360,000 over the contract
    in_house = 9.0 * 30_000 + 60_000 + 0.5 * 100_000  # 380,000
    # SPEC §8: their alternatives come with the terms they demand (90 days, uncapped); on our
    # 45 days and cap of 50,000 the recall's expected loss above the cap stays with them.
    kept = 0.1 * (
        (10_000 + 30_000 + 200_000) / 3 - capped_mean_numeric(10_000, 30_000, 200_000, 50_000)
    )
    on_our_terms = (min(rival, in_house) * (1 - 0.08 * 90 / 365) - kept) / (
        k * (1 - 0.08 * 45 / 365)
    )
    assert zopa.their_walk_away == pytest.approx(on_our_terms, rel=1e-7)
    assert zopa.their_walk_away_price_only == pytest.approx(min(rival, in_house) / k)
    assert zopa.their_batna_alternative == "a-rival"
    costs = {row.alternative_id: row for row in zopa.alternatives}
    assert costs["a-self"].total_cost == pytest.approx(in_house)
    assert costs["a-rival"].cost_per_unit == pytest.approx(rival / 30_000)
    assert costs["a-rival"].effective_price == pytest.approx(on_our_terms, rel=1e-7)
    assert costs["a-rival"].effective_price_price_only == pytest.approx(rival / k)
    ours, theirs = zopa.our_walk_away, zopa.their_walk_away
    assert ours is not None and theirs is not None
    assert zopa.exists is True
    assert zopa.width == pytest.approx(theirs - ours)
    assert zopa.fair_price == pytest.approx((ours + theirs) / 2)
    share = (10.0 - ours) / (theirs - ours)
    assert zopa.our_share == pytest.approx(share)
    assert zopa.proposal_price == 10.0
    assert 0 < share < 0.4 and zopa.verdict == "generous"


def test_value_view_by_hand(analysis: CaseAnalysis) -> None:
    theirs, ours = analysis.value.theirs, analysis.value.ours
    assert dict(theirs.weights) == pytest.approx({"t-cost": 0.75, "t-quality": 0.25})
    values = {o.id: o for o in theirs.options}
    assert values["a-rival"].value == pytest.approx(55.0)
    assert values["a-rival"].expected_value == pytest.approx(44.0)
    assert values["a-self"].expected_value == pytest.approx(32.5)
    assert values["s-demand"].value == pytest.approx(10 * (0.75 * 9 + 0.25 * 8))
    assert theirs.proposal_value == pytest.approx(72.5)
    assert theirs.batna_alternative == "a-rival" and theirs.batna_value == pytest.approx(44.0)
    assert theirs.gain == pytest.approx(28.5)
    assert ours.proposal_value == pytest.approx(75.0)
    assert ours.batna_alternative == "a-ours" and ours.batna_value == pytest.approx(30.0)
    assert ours.gain == pytest.approx(45.0)
    assert analysis.value.leverage == pytest.approx(28.5 - 45.0)


def test_robustness_of_the_small_case_by_hand(analysis: CaseAnalysis) -> None:
    robust = analysis.value.theirs.robustness
    assert robust is not None and robust.clear_winner
    # Candidates: rival's cost score +28.5/(10·0.8·0.75) = 4.75 (6 → 10.75: beyond 10, refused);
    # rival's quality +28.5/(10·0.8·0.25) = 14.25 (refused); the proposal's cost score
    # −28.5/7.5 = 3.8 (7 → 3.2); the proposal's quality −28.5/2.5 = 11.4 (refused); the cost
    # weight x: rival 0.8·(4 + 2x) ≥ 8 − x needs x ≥ 1.85, in-house 0.5·(2 + 6x) ≥ 8 − x needs
    # x ≥ 1.75: no weight in [0, 1] does it.
    assert robust.input == "scenarios.s-prop.scores.t-cost"
    assert robust.change == pytest.approx(3.8)
    assert robust.from_value == 7.0 and robust.to_value == pytest.approx(3.2)
    assert robust.unit == "score_points" and robust.alternative_id == "a-rival"


@pytest.mark.parametrize("largest", [5e-324, 1e-320, 4e-308])
def test_the_histogram_of_vanishingly_small_losses_has_increasing_edges(largest: float) -> None:
    """Found by hypothesis: a liability cap of 5e-324 made every loss a subnormal float that
    forty equal bins cannot split (numpy refused: "Too many bins for data range")."""
    import numpy as np

    from desktop_app.analysis.risk import histogram
    from desktop_app.analysis.tail import LossTail

    losses = np.array([0.0, largest, 0.0, largest / 2, largest])
    figures = histogram(LossTail(losses, 0.9))
    assert all(a < b for a, b in zip(figures.edges, figures.edges[1:], strict=False))
    assert figures.edges[0] == 0.0 and figures.edges[-1] == largest
    assert sum(figures.counts) == len(losses)
