"""SPEC §8 on hand cases: the surpluses, both walk-aways, the trading plan and its words, and
``analyze --json``'s ``deal``. Expected values are worked out here (``deal_reference``), not
read from the code under test."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.analysis.deal_model import Package, Terms
from desktop_app.analysis.deal_results import DealAnalysis, Trade
from desktop_app.analysis.report import analysis_to_json
from desktop_app.analysis.wording import trade_advice, trade_sentence
from desktop_app.domain.model import Case
from desktop_app.reports.formats import Fmt
from desktop_app.store.sample import sample_case
from tests.analysis.builders import small_case
from tests.analysis.deal_reference import hand_case, hand_reference

FMT = Fmt("EUR", space=" ")


def _deal(case: Case) -> DealAnalysis:
    return analyze_case(case).deal


def _trade(deal: DealAnalysis, term: str) -> Trade:
    assert deal.trades is not None
    return next(t for t in deal.trades if t.term == term)


# -- the surpluses and the walk-aways --------------------------------------------------------


@pytest.mark.parametrize("their_rate", [None, 0.0, 4.0, 12.0])
def test_the_surpluses_and_walk_aways_of_the_proposal_by_hand(their_rate: float | None) -> None:
    case = hand_case(their_rate=their_rate, net_value=5_000.0)
    analysis = analyze_case(case)
    deal = analysis.deal
    rt = (10.0 if their_rate is None else their_rate) / 100
    r = 0.10
    # K = 2,000 (1,000 a year, 2 years, no price change); C = 10,000; E_b = 0.8 × 5,000.
    u_us = 10 * 2_000 * (1 - r * 30 / 365) - 10_000 - 4_000
    tc = 10 * 2_000 * (1 - rt * 30 / 365)
    b_ref = 24_000 * (1 - rt * 90 / 365)
    assert deal.their_cost_of_capital_pct == pytest.approx(100 * rt)
    assert deal.their_cost_of_capital_assumed is (their_rate is None)
    assert deal.our_batna_value == pytest.approx(4_000.0)
    assert deal.our_batna_alternative == "a-ours"
    assert deal.their_reference_cost == pytest.approx(b_ref, rel=1e-12)
    assert deal.proposal is not None
    assert deal.proposal.our_surplus == pytest.approx(u_us, rel=1e-12)
    assert deal.proposal.their_surplus == pytest.approx(b_ref - tc, rel=1e-12)
    assert deal.proposal.their_risk_kept == 0.0
    # Their walk-away: U_them = 0 on our terms; §2's T/K kept for comparison.
    zopa = analysis.zopa
    assert zopa.their_walk_away == pytest.approx(b_ref / (2_000 * (1 - rt * 30 / 365)), rel=1e-12)
    assert zopa.their_walk_away_price_only == pytest.approx(24_000 / 2_000)
    # Our walk-away: the larger of the minimum-margin price and the price that beats E_b.
    margin_price = 10_000 / (2_000 * (1 - 0.10 - r * 30 / 365))
    batna_price = (10_000 + 4_000) / (2_000 * (1 - r * 30 / 365))
    assert batna_price > margin_price
    assert zopa.our_walk_away == pytest.approx(batna_price, rel=1e-12)
    proposal = analysis.scenario("s-prop")
    assert proposal is not None and proposal.walk_away_price == zopa.our_walk_away


def test_without_a_net_value_our_walk_away_is_that_of_section_2() -> None:
    zopa = analyze_case(hand_case(net_value=None)).zopa
    assert zopa.our_walk_away == pytest.approx(10_000 / (2_000 * (1 - 0.10 - 0.10 * 30 / 365)))


def test_a_net_value_below_the_margin_condition_changes_nothing() -> None:
    """E_b small: the minimum margin binds, the walk-away is §2's."""
    zopa = analyze_case(hand_case(net_value=100.0)).zopa
    assert zopa.our_walk_away == pytest.approx(10_000 / (2_000 * (1 - 0.10 - 0.10 * 30 / 365)))


def test_an_infeasible_alternative_of_ours_is_never_our_money_batna() -> None:
    case = hand_case(net_value=50_000.0)
    ours = replace(case.alternatives[1], feasibility=0.0)
    deal = _deal(replace(case, alternatives=(case.alternatives[0], ours)))
    assert deal.our_batna_value == 0.0 and deal.our_batna_alternative is None


def test_their_walk_away_equals_section_2_when_our_terms_are_their_demands() -> None:
    """Payment days and cap as they demand (the price change does not enter): §2's T/K."""
    case = small_case(their_cost_of_capital_pct=3.0)
    proposal = replace(case.scenarios[0], payment_days=90, liability_cap=None)
    case = replace(case, scenarios=(proposal, case.scenarios[1]))
    zopa = analyze_case(case).zopa
    assert zopa.their_walk_away is not None
    assert zopa.their_walk_away == pytest.approx(zopa.their_walk_away_price_only, rel=1e-12)
    capped = replace(case.scenarios[1], liability_cap=80_000.0)
    proposal = replace(proposal, liability_cap=80_000.0)
    zopa = analyze_case(replace(case, scenarios=(proposal, capped))).zopa
    assert zopa.their_walk_away == pytest.approx(zopa.their_walk_away_price_only, rel=1e-12)


def test_the_sample_counted_properly_is_aggressive() -> None:
    """Issue 14: on the sample 45 instead of 90 days cost them 455 × 8 % × 45/365 ≈ EUR 4.49
    a unit of our price, the loss above our EUR 2M cap X/K ≈ EUR 3.12; our 455 takes 62 %."""
    case = sample_case()
    analysis = analyze_case(case)
    zopa, deal = analysis.zopa, analysis.deal
    k = 60_000 * sum(0.985**y for y in range(4))
    days = _trade(deal, "payment_days")
    assert days.value_to_them / k == pytest.approx(455 * 0.08 * 45 / 365, rel=1e-9)
    assert round(days.value_to_them / k, 2) == 4.49
    assert deal.proposal is not None
    assert round(deal.proposal.their_risk_kept / k, 2) == 3.12
    b = 113_880_000.0  # Delay: 472 × 240,000 + (1 − 0.9) × 6,000,000
    theirs = (b * (1 - 0.08 * 90 / 365) - deal.proposal.their_risk_kept) / (
        k * (1 - 0.08 * 45 / 365)
    )
    assert zopa.their_walk_away == pytest.approx(theirs, rel=1e-12)
    assert zopa.their_walk_away_price_only == pytest.approx(b / k, rel=1e-12)
    assert zopa.our_share is not None and round(zopa.our_share, 2) == 0.63
    assert zopa.verdict == "aggressive"


# -- the trading plan -------------------------------------------------------------------------


def test_payment_days_worth_more_to_them_than_they_cost_us_trade() -> None:
    deal = _deal(hand_case(rate=4.0, their_rate=10.0))
    trade = _trade(deal, "payment_days")
    r, rt = 0.04, 0.10
    cost = 10 * 2_000 * r * 60 / 365  # 30 → 90 days on revenue 20,000
    value = 10 * 2_000 * rt * 60 / 365
    equivalent = cost / (2_000 * (1 - r * 90 / 365))
    their_cost = equivalent * 2_000 * (1 - rt * 90 / 365)
    assert (trade.ours, trade.theirs) == (30.0, 90.0)
    assert trade.cost_to_us == pytest.approx(cost, rel=1e-12)
    assert trade.value_to_them == pytest.approx(value, rel=1e-12)
    assert trade.price_equivalent == pytest.approx(equivalent, rel=1e-12)
    assert trade.their_cost_of_price == pytest.approx(their_cost, rel=1e-12)
    assert trade.joint_gain == pytest.approx(value - their_cost, rel=1e-12)
    assert value - their_cost > 0.01 * value and trade.verdict == "trade"


def test_payment_days_worth_less_to_them_than_they_cost_us_hold() -> None:
    """SPEC's example: a supplier financing at 8 % gives 45 more days to a buyer at 4 %."""
    trade = _trade(_deal(hand_case(rate=8.0, their_rate=4.0, proposal_days=45)), "payment_days")
    value = 10 * 2_000 * 0.04 * 45 / 365
    their_cost = (10 * 2_000 * 0.08 * 45 / 365 / (2_000 * (1 - 0.08 * 90 / 365))) * (
        2_000 * (1 - 0.04 * 90 / 365)
    )
    assert trade.joint_gain == pytest.approx(value - their_cost, rel=1e-12)
    assert trade.verdict == "hold"


@pytest.mark.parametrize("their_rate", [None, 10.0])
def test_payment_days_at_equal_costs_of_capital_and_no_risk_trade_even(
    their_rate: float | None,
) -> None:
    trade = _trade(_deal(hand_case(rate=10.0, their_rate=their_rate)), "payment_days")
    assert trade.cost_to_us == pytest.approx(trade.value_to_them, rel=1e-12)
    assert trade.joint_gain == pytest.approx(0.0, abs=1e-9)
    assert trade.verdict == "even"


@pytest.mark.parametrize(("rate", "their_rate"), [(10.0, 4.0), (4.0, 10.0), (8.0, None)])
def test_a_price_down_is_even_whatever_the_rates(rate: float, their_rate: float | None) -> None:
    trade = _trade(_deal(hand_case(rate=rate, their_rate=their_rate)), "annual_price_change_pct")
    rt = (rate if their_rate is None else their_rate) / 100
    lost = 10 * (2_000 - 1_950)  # K falls from 2,000 to 1,000 × (1 + 0.95)
    assert (trade.ours, trade.theirs) == (0.0, -5.0)
    assert trade.cost_to_us == pytest.approx(lost * (1 - rate / 100 * 30 / 365), rel=1e-12)
    assert trade.value_to_them == pytest.approx(lost * (1 - rt * 30 / 365), rel=1e-12)
    assert trade.price_equivalent == pytest.approx(lost / 1_950, rel=1e-12)
    assert trade.verdict == "even"


def test_terms_that_are_the_same_are_not_traded_and_the_plan_is_ranked() -> None:
    deal = _deal(hand_case(rate=4.0, their_rate=10.0, demand_days=30))
    assert deal.trades is not None
    assert [t.term for t in deal.trades] == ["annual_price_change_pct"]
    deal = _deal(hand_case(rate=4.0, their_rate=10.0))
    assert deal.trades is not None
    gains = [t.joint_gain for t in deal.trades]
    assert gains == sorted(gains, reverse=True)  # type: ignore[type-var]


def test_a_liability_cap_trades_its_tail_against_their_average_loss() -> None:
    """Conceding our cap costs us the ES it saves, and is worth to them only the expected loss
    above it (ES ≫ E[L] for a tail risk): hold. Brute force and integration, not the code."""
    from tests.analysis.deal_reference import simulated_reference

    case = small_case()
    deal = _deal(case)
    ref = simulated_reference(case, batna_theirs=360_000.0)
    trade = _trade(deal, "liability_cap")
    assert (trade.ours, trade.theirs) == (50_000.0, None)
    assert trade.cost_to_us == pytest.approx(ref.es(None) - ref.es(50_000.0), rel=1e-9)
    assert trade.value_to_them == pytest.approx(ref.kept(50_000.0), rel=1e-6)
    assert trade.verdict == "hold"


def test_the_trades_in_words() -> None:
    trade = _trade(_deal(sample_case()), "payment_days")
    assert trade_sentence(trade, FMT) == (
        "Concede 90-day payment (worth EUR 1.05M to them, costs us EUR 1.05M): even"
    )
    assert "EUR 4.58 more a unit" in trade_advice(trade, FMT)
    cap = _trade(_deal(sample_case()), "liability_cap")
    assert trade_sentence(cap, FMT).startswith("Concede uncapped liability (worth EUR 732.38k")
    assert trade_sentence(cap, FMT).endswith(": hold")
    down = _trade(_deal(sample_case()), "annual_price_change_pct")
    assert trade_sentence(down, FMT).startswith("Concede a 3% yearly price-down (")
    traded = _trade(_deal(hand_case(rate=4.0, their_rate=10.0)), "payment_days")
    assert trade_advice(traded, FMT).startswith("Give it in return for EUR ")


# -- without their demand, and the JSON -----------------------------------------------------


def test_without_their_demand_there_is_no_plan_and_readiness_says_why() -> None:
    case = hand_case()
    case = replace(case, scenarios=case.scenarios[:1])
    analysis = analyze_case(case)
    deal = analysis.deal
    assert deal.proposal is not None  # the proposal's own figures are still there
    assert deal.trades is None and deal.meso is None and deal.improvement is None
    assert deal.reason is not None and "their demand" in deal.reason
    item = next(i for i in analysis.readiness.items if i.id == "demand_scenario")
    assert not item.passed
    assert set(item.affects) == {"deal.trades", "deal.meso", "deal.improvement"}
    # Their alternatives then come with no payment days and no cap.
    assert analysis.zopa.their_walk_away == pytest.approx(
        24_000 / (2_000 * (1 - 0.04 * 30 / 365)), rel=1e-12
    )


def test_without_a_proposal_price_the_deal_says_so() -> None:
    case = hand_case()
    proposal = replace(case.scenarios[0], unit_price=None)
    deal = _deal(replace(case, scenarios=(proposal, case.scenarios[1])))
    assert deal.proposal is None and deal.trades is None and deal.reason is not None


def test_analyze_json_has_the_deal_with_section_8_names() -> None:
    case = hand_case(rate=4.0, their_rate=10.0)
    analysis = analyze_case(case)
    document = analysis_to_json(case, analysis)
    deal = document["deal"]
    assert {"their_cost_of_capital_pct", "proposal", "trades", "meso", "improvement"} <= set(deal)
    assert {"our_surplus", "their_surplus", "their_risk_kept"} <= set(deal["proposal"])
    trade_keys = {
        "term",
        "ours",
        "theirs",
        "cost_to_us",
        "value_to_them",
        "price_equivalent",
        "their_cost_of_price",
        "joint_gain",
        "verdict",
    }
    assert all(trade_keys <= set(t) for t in deal["trades"])
    meso_keys = {
        "unit_price",
        "annual_price_change_pct",
        "payment_days",
        "liability_cap",
        "our_surplus",
        "their_surplus",
    }
    assert all(meso_keys <= set(m) for m in deal["meso"])
    improvement = deal["improvement"]
    assert improvement is not None
    assert meso_keys - {"our_surplus", "their_surplus"} | {
        "price_low",
        "price_high",
        "our_gain",
        "their_gain",
    } <= set(improvement)
    assert deal["their_cost_of_capital_pct"] == 10.0
    # Unrounded: the figures are the analysis's own floats.
    assert deal["proposal"]["our_surplus"] == analysis.deal.proposal.our_surplus  # type: ignore[union-attr]
    zopa = document["zopa"]
    assert zopa["their_walk_away_price_only"] == pytest.approx(12.0)
    assert math.isfinite(zopa["their_walk_away"])


# -- the model: properties worth stating on their own ---------------------------------------


def test_the_model_evaluates_any_package_like_the_reference() -> None:
    case = hand_case(rate=6.0, their_rate=3.0, net_value=2_000.0)
    model = _deal(case).model
    assert model is not None
    ref = hand_reference(case)
    for price, g, d in ((9.0, 0.0, 30), (11.5, -5.0, 90), (7.25, 2.0, 0), (10.0, -1.0, 365)):
        figures = model.figures(Package(price, Terms(g, d, None)))
        assert figures.our_surplus == pytest.approx(ref.u_us(price, g, d, None), rel=1e-12)
        assert figures.their_cost == pytest.approx(ref.tc(price, g, d, None), rel=1e-12)
        assert figures.their_surplus == pytest.approx(ref.u_them(price, g, d, None), rel=1e-12)
        assert figures.our_walk_away == pytest.approx(ref.our_walk_away(g, d, None), rel=1e-12)
        walk = ref.their_walk_away(g, d, None)
        assert figures.their_walk_away == pytest.approx(walk, rel=1e-12)
        assert figures.acceptable_to_us == ref.acceptable(price, g, d, None)


def test_without_their_money_batna_what_needs_it_is_null_and_the_trades_stand() -> None:
    """TC differences need no BATNA of theirs: the trades and the improvement stand; their
    surplus, their walk-away and the offers of equal value (ranked by it) do not."""
    case = hand_case(rate=4.0, their_rate=10.0)
    rival = replace(case.alternatives[0], unit_price=None)
    analysis = analyze_case(replace(case, alternatives=(rival, case.alternatives[1])))
    deal = analysis.deal
    assert deal.proposal is not None and deal.proposal.their_surplus is None
    assert deal.their_reference_cost is None and analysis.zopa.their_walk_away is None
    assert deal.meso is None and deal.meso_note is not None
    assert deal.trades is not None and _trade(deal, "payment_days").verdict == "trade"
    assert deal.improvement is not None
    item = next(i for i in analysis.readiness.items if i.id == "their_price_alternative")
    assert "deal.meso" in item.affects and "deal.proposal.their_surplus" in item.affects


@pytest.mark.parametrize(
    ("joint_gain", "value_to_them", "expected"),
    [
        (7e-9, 0.0, "even"),  # a term worth nothing to them: rounding noise, not a trade
        (-7e-9, 0.0, "even"),
        (0.9, 0.0, "even"),  # within one unit of the currency
        (1.5, 0.0, "trade"),
        (-1.5, 0.0, "hold"),
        (900.0, 100_000.0, "even"),  # within 1 % of the value
        (1_100.0, 100_000.0, "trade"),
        (-1_100.0, 100_000.0, "hold"),
        (None, 100_000.0, "hold"),
    ],
)
def test_the_even_band_is_one_percent_of_the_value_and_at_least_one_unit(
    joint_gain: float | None, value_to_them: float, expected: str
) -> None:
    from desktop_app.analysis.deal import trade_verdict

    assert trade_verdict(joint_gain, value_to_them) == expected
