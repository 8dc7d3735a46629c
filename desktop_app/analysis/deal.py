"""Deal design (SPEC §8): the trading plan, the offers of equal value (MESO) and the package
better for both, on the formulas of ``deal_model.py``.

The grid of non-price terms: payment days d ∈ {d_P, d_D, their midpoint rounded to 15 days},
cap c ∈ {c_P, c_D, 2·c_P when c_P is finite}, price change g ∈ {g_P, g_D}, duplicates merged,
in that order (d slowest, g fastest). The midpoint is rounded half up, as a spreadsheet's
MROUND does (45 and 90 days → 67.5 → 75 days).

Trading plan: for each of d, c, g where the proposal P and their demand D differ, T = P with
that term set to D's. cost_to_us = U_us(P) − U_us(T), value_to_them = TC(P) − TC(T),
price_equivalent = cost_to_us / (K_T·(1 − r·d_T/365)), their_cost_of_price = price_equivalent ·
K_T·(1 − r_t·d_T/365), joint_gain = value_to_them − their_cost_of_price; trade above 1 % of
|value_to_them|, even within ±1 %, hold below; ranked by joint gain (largest first).

MESO: for each other combination, the price giving exactly U_us(P); the proposal and the two
with the highest U_them that are acceptable to us and leave them U_them ≥ 0. With a proposal
that is itself not acceptable to us or leaves them worse off than their BATNA there is no set.

Better for both: on each combination both surpluses are linear in the price, so the prices
where U_us ≥ U_us(P), U_them ≥ U_them(P) and the package is acceptable to us form an interval
[low, high]; the smaller gain is largest where the two gains cross (clipped to the interval).
The combination with the largest smaller gain is the improvement when that gain exceeds 10⁻⁶
of the proposal's revenue. The gains need no BATNA of theirs: U_them(S) − U_them(P) =
TC(P) − TC(S).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from desktop_app.analysis.caps import CapRisk
from desktop_app.analysis.deal_model import DealModel, Package, Terms
from desktop_app.analysis.deal_results import (
    TRADE_TERMS,
    DealAnalysis,
    DealSurplus,
    GridPackage,
    Improvement,
    MesoOffer,
    Trade,
    TradeTerm,
    TradeVerdict,
)
from desktop_app.analysis.money import contract_cost, cost_items, financing_rate
from desktop_app.analysis.montecarlo import Draws
from desktop_app.analysis.zopa import PRICE_ONLY, PriceOption, TheirTerms, cheapest
from desktop_app.domain.model import Alternative, Case, CaseInfo, Scenario
from desktop_app.i18n import N_, _

#: A joint gain within this share of |value_to_them| is "even".
EVEN_SHARE = 0.01
#: ... and always within one unit of the currency: a term worth nothing to them (the same
#: financing rate on both sides, a cap no loss reaches) leaves rounding noise, not a trade.
EVEN_FLOOR = 1.0
#: An improvement must beat the proposal for both by more than this share of its revenue.
IMPROVEMENT_SHARE = 1e-6
#: Their surpluses closer than this share of the proposal's revenue rank as equal (MESO).
TIE_SHARE = 1e-9
#: Payment days of the grid's midpoint are rounded to a multiple of this.
DAY_STEP = 15

NO_DEMAND = N_(
    "There is no scenario for their demand: the trading plan, the offers of equal value and the "
    "improvement weigh our proposal's terms against the terms they demand."
)
NO_PROPOSAL = N_("Our proposal needs a unit price and an annual volume.")
EFFICIENT = N_("Our proposal is efficient on these terms: no package of them is better for both.")


def their_rate_pct(info: CaseInfo) -> float:
    """r_t in percent: the counterpart's cost of capital, or ours when the case leaves it empty."""
    if info.their_cost_of_capital_pct is None:
        return info.cost_of_capital_pct
    return info.their_cost_of_capital_pct


def our_money_batna(alternatives: Iterable[Alternative]) -> tuple[float, str | None]:
    """(E_b, its alternative): the largest feasibility × net value of our alternatives
    (feasibility 0 left out); (0, None) when none has a net value."""
    best: tuple[float, str | None] = (0.0, None)
    for alt in alternatives:
        if alt.side != "ours" or alt.net_value is None or alt.feasibility <= 0.0:
            continue
        value = alt.feasibility * alt.net_value
        if best[1] is None or value > best[0]:
            best = (value, alt.id)
    return best


def terms_of(scenario: Scenario) -> Terms:
    return Terms(scenario.annual_price_change_pct, scenario.payment_days, scenario.liability_cap)


def build_deal_model(
    case: Case,
    proposal: Scenario,
    options: Sequence[PriceOption],
    risk: CapRisk,
    retained: Mapping[str, Draws] | None = None,
) -> DealModel | None:
    """The fixed part of every package of the proposal (None without its volume). The ES of
    every cap of the grid is computed at once, from the draws the Monte Carlo ``retained``
    where they cover a risk."""
    volume = proposal.annual_volume
    if volume is None:
        return None
    info = case.info
    best = cheapest(options, volume * proposal.years)
    demand = case.demand_scenario
    if demand is not None:
        risk.prepare(
            {t.liability_cap for t in grid(terms_of(proposal), terms_of(demand))}, retained
        )
    return DealModel(
        volume=volume,
        years=proposal.years,
        cost=contract_cost(cost_items(case.cost_lines), volume, proposal.years),
        cost_of_capital_pct=info.cost_of_capital_pct,
        their_cost_of_capital_pct=their_rate_pct(info),
        min_margin_pct=info.min_margin_pct,
        our_batna=our_money_batna(case.alternatives)[0],
        their_batna=best[0] if best is not None else None,
        reference_days=demand.payment_days if demand is not None else 0,
        reference_cap=demand.liability_cap if demand is not None else None,
        risk=risk,
    )


def their_terms(model: DealModel | None, proposal: Scenario) -> TheirTerms:
    """How their alternatives' costs become prices on our proposal's terms (``zopa``)."""
    if model is None:
        return PRICE_ONLY
    rate = model.their_cost_of_capital_pct
    return TheirTerms(
        reference_factor=1.0 - financing_rate(rate, model.reference_days),
        reference_kept=model.risk_kept(model.reference_cap),
        proposal_kept=model.risk_kept(proposal.liability_cap),
        proposal_factor=1.0 - financing_rate(rate, proposal.payment_days),
    )


# -- the grid ----------------------------------------------------------------------------------


def _merged(values: Iterable[float | None]) -> list[float | None]:
    result: list[float | None] = []
    for value in values:
        if value not in result:
            result.append(value)
    return result


def midpoint_days(ours: int, theirs: int) -> int:
    """The midpoint of two payment terms rounded half up to 15 days, within 0–365."""
    steps = math.floor((ours + theirs) / 2.0 / DAY_STEP + 0.5)
    return min(max(steps * DAY_STEP, 0), 365)


def grid(proposal: Terms, demand: Terms) -> tuple[Terms, ...]:
    """Every combination of the non-price terms (module doc), the proposal's first."""
    days = _merged(
        (
            proposal.payment_days,
            demand.payment_days,
            midpoint_days(proposal.payment_days, demand.payment_days),
        )
    )
    cap = proposal.liability_cap
    caps = _merged((cap, demand.liability_cap, *((2.0 * cap,) if cap is not None else ())))
    changes = _merged((proposal.annual_price_change_pct, demand.annual_price_change_pct))
    return tuple(
        Terms(float(g or 0.0), int(d or 0), c) for d in days for c in caps for g in changes
    )


# -- the pieces of the result ------------------------------------------------------------------


def surplus(model: DealModel, package: Package) -> DealSurplus:
    return DealSurplus(
        unit_price=package.unit_price,
        annual_price_change_pct=package.annual_price_change_pct,
        payment_days=package.payment_days,
        liability_cap=package.liability_cap,
        our_surplus=model.our_surplus(package),
        their_surplus=model.their_surplus(package),
        their_risk_kept=model.risk_kept(package.liability_cap),
        acceptable_to_us=model.acceptable_to_us(package),
    )


def trade_verdict(joint_gain: float | None, value_to_them: float) -> TradeVerdict:
    if joint_gain is None:
        return "hold"
    band = max(EVEN_SHARE * abs(value_to_them), EVEN_FLOOR)
    if joint_gain > band:
        return "trade"
    return "even" if joint_gain >= -band else "hold"


def _term_value(terms: Terms, term: TradeTerm) -> float | None:
    if term == "payment_days":
        return float(terms.payment_days)
    if term == "liability_cap":
        return terms.liability_cap
    return terms.annual_price_change_pct


def _with_term(terms: Terms, term: TradeTerm, other: Terms) -> Terms:
    if term == "payment_days":
        return replace(terms, payment_days=other.payment_days)
    if term == "liability_cap":
        return replace(terms, liability_cap=other.liability_cap)
    return replace(terms, annual_price_change_pct=other.annual_price_change_pct)


def trading_plan(model: DealModel, proposal: Package, demand: Terms) -> tuple[Trade, ...]:
    """Each term where the proposal and their demand differ, priced for both (module doc)."""
    trades = []
    ours_now, theirs_now = model.our_surplus(proposal), model.their_cost(proposal)
    for term in TRADE_TERMS:
        mine, asked = _term_value(proposal.terms, term), _term_value(demand, term)
        if mine == asked:
            continue
        conceded = Package(proposal.unit_price, _with_term(proposal.terms, term, demand))
        cost_to_us = ours_now - model.our_surplus(conceded)
        value_to_them = theirs_now - model.their_cost(conceded)
        factor = model.our_factor(conceded.terms)
        equivalent = cost_to_us / factor if factor > 0.0 else None
        their_cost = (
            equivalent * model.their_factor(conceded.terms) if equivalent is not None else None
        )
        joint = value_to_them - their_cost if their_cost is not None else None
        trades.append(
            Trade(
                term=term,
                ours=mine,
                theirs=asked,
                cost_to_us=cost_to_us,
                value_to_them=value_to_them,
                price_equivalent=equivalent,
                their_cost_of_price=their_cost,
                joint_gain=joint,
                verdict=trade_verdict(joint, value_to_them),
            )
        )
    trades.sort(
        key=lambda t: (t.joint_gain is None, -(t.joint_gain or 0.0), TRADE_TERMS.index(t.term))
    )
    return tuple(trades)


def meso_set(
    model: DealModel, proposal: Package, combinations: Sequence[Terms]
) -> tuple[tuple[MesoOffer, ...] | None, str | None]:
    """The proposal and up to two other offers of the same value to us (module doc); None
    when their money BATNA is unknown, empty when the proposal is outside the zone."""
    target = model.our_surplus(proposal)
    their_now = model.their_surplus(proposal)
    if their_now is None:
        return None, _("Their money BATNA is unknown: give their alternatives a unit price.")
    if their_now < 0.0 or not model.acceptable_to_us(proposal):
        return (), _(
            "Our proposal itself is outside the zone on its terms, so no offers of equal value "
            "to it can be made."
        )
    first = MesoOffer(
        proposal.unit_price,
        proposal.annual_price_change_pct,
        proposal.payment_days,
        proposal.liability_cap,
        target,
        their_now,
        is_proposal=True,
    )
    # Surpluses equal to rounding (a term worth the same to both sides) tie, and the grid's
    # order decides (module doc: payment days slowest, price change fastest).
    tie = TIE_SHARE * max(abs(proposal.unit_price * model.k(proposal.terms)), 1.0)
    candidates: list[tuple[float, int, MesoOffer]] = []
    for index, terms in enumerate(combinations):
        if terms == proposal.terms:
            continue
        price = model.price_for_our_surplus(terms, target)
        if price is None or price <= 0.0:
            continue
        package = Package(price, terms)
        theirs = model.their_surplus(package)
        if theirs is None or theirs < 0.0 or not model.acceptable_to_us(package):
            continue
        offer = MesoOffer(
            price,
            terms.annual_price_change_pct,
            terms.payment_days,
            terms.liability_cap,
            model.our_surplus(package),
            theirs,
        )
        candidates.append((-round(theirs / tie), index, offer))
    candidates.sort(key=lambda item: (item[0], item[1]))
    chosen = tuple(offer for _, _, offer in candidates[:2])
    note = None
    if len(chosen) < 2:
        note = (
            _(
                "Only {count} other combination of terms is acceptable to both at our "
                "proposal's value to us."
            ).format(count=len(chosen))
            if chosen
            else _(
                "No other combination of terms is acceptable to both at our proposal's value to us."
            )
        )
    return (first, *chosen), note


def _best_price(
    model: DealModel, proposal: Package, terms: Terms
) -> tuple[float, float, float, float] | None:
    """(price, low, high, smaller gain) on ``terms``, or None when no price is better for both."""
    a, b = model.our_factor(terms), model.their_factor(terms)
    walk = model.our_walk_away(terms)
    us_floor = model.price_for_our_surplus(terms, model.our_surplus(proposal))
    if a <= 0.0 or b <= 0.0 or walk is None or us_floor is None:
        return None
    them_ceiling = (model.their_cost(proposal) - model.risk_kept(terms.liability_cap)) / b
    low, high = max(us_floor, walk), them_ceiling
    if not low <= high or high <= 0.0:
        return None
    crossing = (a * us_floor + b * them_ceiling) / (a + b)
    price = min(max(crossing, low), high)
    smaller = min(a * (price - us_floor), b * (them_ceiling - price))
    return price, low, high, smaller


def improvement(
    model: DealModel, proposal: Package, combinations: Sequence[Terms]
) -> Improvement | None:
    """The package better for both than the proposal, or None when it is efficient."""
    best: tuple[float, Terms, tuple[float, float, float, float]] | None = None
    for terms in combinations:
        found = _best_price(model, proposal, terms)
        if found is not None and (best is None or found[3] > best[0]):
            best = (found[3], terms, found)
    revenue = proposal.unit_price * model.k(proposal.terms)
    if best is None or best[0] <= IMPROVEMENT_SHARE * abs(revenue):
        return None
    _, terms, (price, low, high, _) = best
    package = Package(price, terms)
    return Improvement(
        unit_price=price,
        annual_price_change_pct=terms.annual_price_change_pct,
        payment_days=terms.payment_days,
        liability_cap=terms.liability_cap,
        price_low=low,
        price_high=high,
        our_gain=model.our_surplus(package) - model.our_surplus(proposal),
        their_gain=model.their_cost(proposal) - model.their_cost(package),
    )


def grid_packages(model: DealModel, combinations: Sequence[Terms]) -> tuple[GridPackage, ...]:
    """Each combination's sweep of prices within both walk-aways (the chart's segments)."""
    result = []
    for terms in combinations:
        ours, theirs = model.our_walk_away(terms), model.their_walk_away(terms)
        ends: list[float | None] = [None] * 6
        if ours is not None and theirs is not None and ours < theirs:
            low, high = Package(ours, terms), Package(theirs, terms)
            ends = [
                ours,
                theirs,
                model.our_surplus(low),
                model.their_surplus(low),
                model.our_surplus(high),
                model.their_surplus(high),
            ]
        result.append(
            GridPackage(
                terms.annual_price_change_pct,
                terms.payment_days,
                terms.liability_cap,
                ours,
                theirs,
                *ends,
            )
        )
    return tuple(result)


def deal_analysis(case: Case, model: DealModel | None) -> DealAnalysis:
    """Every figure of SPEC §8 (None where an input is missing, ``reason`` saying which)."""
    info = case.info
    batna_value, batna_id = our_money_batna(case.alternatives)
    base = DealAnalysis(
        their_cost_of_capital_pct=their_rate_pct(info),
        their_cost_of_capital_assumed=info.their_cost_of_capital_pct is None,
        our_batna_alternative=batna_id,
        our_batna_value=batna_value,
        their_reference_cost=model.their_reference_cost if model is not None else None,
        proposal=None,
        demand=None,
        trades=None,
        meso=None,
        improvement=None,
        model=model,
    )
    scenario = case.proposal_scenario
    if model is None or scenario is None or scenario.unit_price is None:
        return replace(base, reason=_(NO_PROPOSAL))
    proposal = Package(scenario.unit_price, terms_of(scenario))
    base = replace(base, proposal=surplus(model, proposal))
    demand_scenario = case.demand_scenario
    if demand_scenario is None:
        return replace(base, reason=_(NO_DEMAND))
    demand_terms = terms_of(demand_scenario)
    if demand_scenario.unit_price is not None:
        base = replace(
            base, demand=surplus(model, Package(demand_scenario.unit_price, demand_terms))
        )
    combinations = grid(proposal.terms, demand_terms)
    meso, meso_note = meso_set(model, proposal, combinations)
    better = improvement(model, proposal, combinations)
    return replace(
        base,
        trades=trading_plan(model, proposal, demand_terms),
        meso=meso,
        meso_note=meso_note,
        improvement=better,
        improvement_note=_(EFFICIENT) if better is None else None,
        grid=grid_packages(model, combinations),
    )
