"""SPEC §8's offers: three of equal value to us (MESO) and the package better for both, checked
against the grid and a brute-force scan of prices written here, and property tests that no
reported improvement leaves either side worse off and that the formulas keep their shape."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.analysis import analyze_case
from desktop_app.analysis.deal_model import DealModel, Package, Terms
from desktop_app.analysis.deal_results import DealAnalysis
from desktop_app.domain.model import Case
from desktop_app.store.sample import sample_case
from tests.analysis.builders import small_case
from tests.analysis.deal_reference import (
    Reference,
    grid_by_hand,
    hand_case,
    hand_reference,
    simulated_reference,
)

Combo = tuple[float, int, float | None]


def _deal(case: Case) -> DealAnalysis:
    return analyze_case(case).deal


def _terms(case: Case) -> tuple[Combo, Combo]:
    p, d = case.proposal_scenario, case.demand_scenario
    assert p is not None and d is not None
    return (
        (p.annual_price_change_pct, p.payment_days, p.liability_cap),
        (d.annual_price_change_pct, d.payment_days, d.liability_cap),
    )


def _proposal_price(case: Case) -> float:
    proposal = case.proposal_scenario
    assert proposal is not None and proposal.unit_price is not None
    return proposal.unit_price


# -- the offers of equal value ---------------------------------------------------------------


def _meso_by_hand(case: Case, ref: Reference) -> list[tuple[Combo, float, float]]:
    """(terms, price, U_them) of the two best other combinations, from the reference."""
    ours, theirs = _terms(case)
    price = _proposal_price(case)
    target = ref.u_us(price, *ours)
    found = []
    for index, combo in enumerate(grid_by_hand(ours, theirs)):
        if combo == ours:
            continue
        g, d, c = combo
        p = (target + ref.cost + ref.es(c) + ref.batna_ours) / (ref.k(g) * (1 - ref.r * d / 365))
        u_them = ref.u_them(p, g, d, c)
        if p > 0 and u_them >= 0 and ref.acceptable(p, g, d, c):
            found.append((round(-u_them, 3), index, (combo, p, u_them)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in found[:2]]


@pytest.mark.parametrize(
    ("rate", "their_rate"), [(10.0, 4.0), (4.0, 10.0), (8.0, None), (6.0, 0.0)]
)
def test_meso_offers_are_worth_exactly_our_proposal_to_us(
    rate: float, their_rate: float | None
) -> None:
    case = hand_case(rate=rate, their_rate=their_rate, net_value=3_000.0)
    deal = _deal(case)
    ref = hand_reference(case)
    assert deal.meso is not None and len(deal.meso) == 3
    first, *others = deal.meso
    ours, _ = _terms(case)
    assert first.is_proposal and first.unit_price == 10.0
    target = ref.u_us(10.0, *ours)
    seen = {(first.annual_price_change_pct, first.payment_days, first.liability_cap)}
    for offer, (combo, price, u_them) in zip(others, _meso_by_hand(case, ref), strict=True):
        terms = (offer.annual_price_change_pct, offer.payment_days, offer.liability_cap)
        assert terms == combo and terms not in seen  # a different non-price term
        seen.add(terms)
        assert offer.unit_price == pytest.approx(price, rel=1e-12)
        assert ref.u_us(offer.unit_price, *terms) == pytest.approx(target, rel=1e-9)
        assert offer.our_surplus == pytest.approx(target, rel=1e-9)
        assert offer.their_surplus == pytest.approx(u_them, rel=1e-9)
        assert offer.their_surplus >= 0 and ref.acceptable(offer.unit_price, *terms)


def test_meso_on_a_case_with_risks_against_a_brute_force_reference() -> None:
    case = small_case(their_cost_of_capital_pct=12.0, simulation_runs=1_000)
    deal = _deal(case)
    ref = simulated_reference(case, batna_theirs=360_000.0)
    assert deal.meso is not None and len(deal.meso) == 3
    target = ref.u_us(10.0, *_terms(case)[0])
    assert deal.meso[0].our_surplus == pytest.approx(target, rel=1e-9)
    for offer, (combo, price, u_them) in zip(deal.meso[1:], _meso_by_hand(case, ref), strict=True):
        assert (offer.annual_price_change_pct, offer.payment_days, offer.liability_cap) == combo
        assert offer.unit_price == pytest.approx(price, rel=1e-9)
        assert offer.our_surplus == pytest.approx(target, rel=1e-9)
        assert offer.their_surplus == pytest.approx(u_them, rel=1e-6)


def test_the_sample_offers_three_ways_to_agree_of_equal_value() -> None:
    deal = _deal(sample_case())
    assert deal.meso is not None and len(deal.meso) == 3
    surpluses = [offer.our_surplus for offer in deal.meso]
    assert max(surpluses) - min(surpluses) <= 1e-9 * abs(surpluses[0])
    terms = {(o.annual_price_change_pct, o.payment_days, o.liability_cap) for o in deal.meso}
    assert len(terms) == 3


def test_no_meso_when_our_proposal_is_beyond_their_walk_away() -> None:
    deal = _deal(hand_case(proposal_price=13.0))
    assert deal.meso == () and deal.meso_note is not None


# -- better for both ---------------------------------------------------------------------------


def _brute_force_best(case: Case, ref: Reference, steps: int = 20_000) -> tuple[float, Combo]:
    """The largest smaller gain over every combination and a fine grid of prices."""
    ours, theirs = _terms(case)
    price = _proposal_price(case)
    u_us0, u_them0 = ref.u_us(price, *ours), ref.u_them(price, *ours)
    best: tuple[float, Combo] = (0.0, ours)
    for combo in grid_by_hand(ours, theirs):
        lo = 0.5 * price
        hi = 1.5 * price
        for i in range(steps + 1):
            p = lo + (hi - lo) * i / steps
            if not ref.acceptable(p, *combo):
                continue
            smaller = min(ref.u_us(p, *combo) - u_us0, ref.u_them(p, *combo) - u_them0)
            if smaller > best[0]:
                best = (smaller, combo)
    return best


def test_the_improvement_maximises_the_smaller_gain() -> None:
    """Payment days worth more to them (10 %) than to us (4 %): conceding days for price
    leaves both better off; a brute-force scan of prices finds no better smaller gain."""
    case = hand_case(rate=4.0, their_rate=10.0)
    deal = _deal(case)
    ref = hand_reference(case)
    better = deal.improvement
    assert better is not None and deal.improvement_note is None
    terms = (better.annual_price_change_pct, better.payment_days, better.liability_cap)
    ours, _ = _terms(case)
    our_gain = ref.u_us(better.unit_price, *terms) - ref.u_us(10.0, *ours)
    their_gain = ref.u_them(better.unit_price, *terms) - ref.u_them(10.0, *ours)
    assert better.our_gain == pytest.approx(our_gain, rel=1e-9)
    assert better.their_gain == pytest.approx(their_gain, rel=1e-9)
    assert our_gain > 0 and their_gain > 0
    assert ref.acceptable(better.unit_price, *terms)
    assert better.price_low <= better.unit_price <= better.price_high
    brute, combo = _brute_force_best(case, ref)
    smaller = min(our_gain, their_gain)
    # The scan's step is 10/20,000 in price, i.e. at most ~2,000 × 0.0005 = 1 in a gain.
    assert brute - 1.0 <= smaller <= brute + 1.0
    assert terms == combo
    # Both gains are 0 at the ends of the interval (or it ends at our walk-away).
    assert ref.u_them(better.price_high, *terms) == pytest.approx(ref.u_them(10.0, *ours))


def test_the_sample_proposal_is_efficient_on_its_terms() -> None:
    deal = _deal(sample_case())
    assert deal.improvement is None
    assert deal.improvement_note is not None and "efficient" in deal.improvement_note


def test_the_grid_rounds_the_midpoint_half_up_to_15_days() -> None:
    ours, theirs = (0.0, 45, 1_000.0), (-3.0, 90, None)
    days = sorted({d for _, d, _ in grid_by_hand(ours, theirs)})
    assert days == [45, 75, 90]  # (45 + 90) / 2 = 67.5 → 75
    deal = _deal(hand_case(proposal_days=45, demand_days=90))
    assert sorted({g.payment_days for g in deal.grid}) == [45, 75, 90]
    assert len(deal.grid) == len(grid_by_hand((0.0, 45, None), (-5.0, 90, None)))


# -- properties ---------------------------------------------------------------------------------

CASE_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def deal_cases(draw: st.DrawFn) -> Case:
    rate = draw(st.sampled_from([0.0, 2.0, 5.0, 8.0, 15.0]))
    their_rate = draw(st.sampled_from([None, 0.0, 1.0, 4.0, 10.0, 30.0]))
    case = small_case(cost_of_capital_pct=rate, their_cost_of_capital_pct=their_rate)
    proposal, demand = case.scenarios
    proposal = replace(
        proposal,
        unit_price=draw(st.floats(8.0, 14.0)),
        payment_days=draw(st.integers(0, 120)),
        liability_cap=draw(st.sampled_from([None, 20_000.0, 50_000.0, 150_000.0])),
        annual_price_change_pct=draw(st.sampled_from([0.0, -2.0, 3.0])),
    )
    demand = replace(
        demand,
        payment_days=draw(st.integers(0, 180)),
        liability_cap=draw(st.sampled_from([None, 10_000.0, 80_000.0])),
        annual_price_change_pct=draw(st.sampled_from([0.0, -3.0, -5.0])),
    )
    return replace(case, scenarios=(proposal, demand))


def _model(case: Case) -> DealModel:
    model = _deal(case).model
    assert model is not None
    return model


@CASE_SETTINGS
@given(case=deal_cases())
def test_no_reported_improvement_leaves_either_side_worse_off(case: Case) -> None:
    deal = _deal(case)
    model = deal.model
    assert model is not None and deal.proposal is not None
    better = deal.improvement
    if better is None:
        return
    proposal = case.proposal_scenario
    assert proposal is not None and proposal.unit_price is not None
    before = Package(
        proposal.unit_price,
        Terms(proposal.annual_price_change_pct, proposal.payment_days, proposal.liability_cap),
    )
    terms = Terms(better.annual_price_change_pct, better.payment_days, better.liability_cap)
    for price in (better.unit_price, better.price_low, better.price_high):
        after = Package(price, terms)
        assert (
            model.our_surplus(after)
            >= model.our_surplus(before) - 1e-9 * abs(model.our_surplus(before)) - 1e-6
        )
        assert model.their_cost(after) <= model.their_cost(before) * (1 + 1e-12) + 1e-6
        assert model.acceptable_to_us(after)
    assert better.our_gain > 0 and better.their_gain > 0


@CASE_SETTINGS
@given(case=deal_cases(), prices=st.tuples(st.floats(0.5, 50.0), st.floats(0.5, 50.0)))
def test_our_surplus_is_linear_in_the_price(case: Case, prices: tuple[float, float]) -> None:
    model = _model(case)
    proposal = case.proposal_scenario
    assert proposal is not None
    terms = Terms(proposal.annual_price_change_pct, proposal.payment_days, proposal.liability_cap)
    a, b = prices
    ua, ub = model.our_surplus(Package(a, terms)), model.our_surplus(Package(b, terms))
    um = model.our_surplus(Package((a + b) / 2, terms))
    assert um == pytest.approx((ua + ub) / 2, rel=1e-9, abs=1e-6)
    slope = (ub - ua) / (b - a) if b != a else model.our_factor(terms)
    assert slope == pytest.approx(model.our_factor(terms), rel=1e-6)


@CASE_SETTINGS
@given(case=deal_cases(), shorter=st.integers(1, 90))
def test_their_walk_away_falls_when_we_shorten_their_payment_days(case: Case, shorter: int) -> None:
    model = _model(case)
    demand = case.demand_scenario
    assert demand is not None
    if model.their_cost_of_capital_pct <= 0.0 or demand.payment_days == 0:
        return
    days = demand.payment_days
    fewer = max(days - shorter, 0)
    same = Terms(0.0, days, demand.liability_cap)
    short = Terms(0.0, fewer, demand.liability_cap)
    before, after = model.their_walk_away(same), model.their_walk_away(short)
    assert before is not None and after is not None
    assert after < before
