"""SPEC §8 written out again, plainly, for the deal tests: a hand case without risks, and a
reference that takes its risk figures from a brute-force simulation (``builders``) and a
numeric integration — never from the code under test.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from desktop_app.domain.model import (
    Alternative,
    Case,
    CaseInfo,
    CostLine,
    Scenario,
)
from tests.analysis.builders import (
    brute_force_losses,
    capped_mean_numeric,
    expected_shortfall,
)


def hand_case(
    *,
    rate: float = 10.0,
    their_rate: float | None = 4.0,
    net_value: float | None = None,
    demand_days: int = 90,
    demand_change: float = -5.0,
    demand_cap: float | None = None,
    proposal_days: int = 30,
    proposal_price: float = 10.0,
) -> Case:
    """No risks (ES = X = 0): V = 1,000 a year for 2 years, a cost of 5 a unit (C = 10,000),
    minimum margin 10 %; their one alternative costs 12 a unit, sure to work (B = 24,000); our
    proposal 10 a unit, no price change, ``proposal_days``, uncapped; their demand 9 a unit,
    ``demand_change`` % a year, ``demand_days``; our one alternative feasible at 80 %."""
    return Case(
        info=CaseInfo(
            title="Hand",
            min_margin_pct=10.0,
            cost_of_capital_pct=rate,
            their_cost_of_capital_pct=their_rate,
            simulation_runs=1_000,
        ),
        alternatives=(
            Alternative("a-rival", "theirs", "Rival", unit_price=12.0, cons=("slow",)),
            Alternative("a-ours", "ours", "Other buyer", feasibility=0.8, net_value=net_value),
        ),
        cost_lines=(CostLine("k", "Material", "per_unit", 5.0),),
        scenarios=(
            Scenario(
                "s-prop",
                "Ours",
                "our_proposal",
                proposal_price,
                1_000.0,
                2,
                payment_days=proposal_days,
            ),
            Scenario(
                "s-dem",
                "Theirs",
                "their_demand",
                9.0,
                1_000.0,
                2,
                annual_price_change_pct=demand_change,
                payment_days=demand_days,
                liability_cap=demand_cap,
            ),
        ),
    )


@dataclass(frozen=True)
class Reference:
    """U_us, TC, U_them and the walk-aways of SPEC §8 on the proposal's volume and years, with
    ``es(cap)`` and ``kept(cap)`` given (0 for a case without risks)."""

    volume: float
    years: int
    cost: float
    r: float
    rt: float
    m: float
    batna_ours: float
    batna_theirs: float
    demand_days: int
    demand_cap: float | None
    es: Callable[[float | None], float]
    kept: Callable[[float | None], float]

    def k(self, g: float) -> float:
        return sum(self.volume * (1 + g / 100) ** y for y in range(self.years))

    def u_us(self, p: float, g: float, d: float, c: float | None) -> float:
        return p * self.k(g) * (1 - self.r * d / 365) - self.cost - self.es(c) - self.batna_ours

    def tc(self, p: float, g: float, d: float, c: float | None) -> float:
        return p * self.k(g) * (1 - self.rt * d / 365) + self.kept(c)

    def b_ref(self) -> float:
        return self.batna_theirs * (1 - self.rt * self.demand_days / 365) + self.kept(
            self.demand_cap
        )

    def u_them(self, p: float, g: float, d: float, c: float | None) -> float:
        return self.b_ref() - self.tc(p, g, d, c)

    def our_walk_away(self, g: float, d: float, c: float | None) -> float | None:
        k = self.k(g)
        if 1 - self.m - self.r * d / 365 <= 0:
            return None
        margin = (self.cost + self.es(c)) / (k * (1 - self.m - self.r * d / 365))
        beats = (self.cost + self.es(c) + self.batna_ours) / (k * (1 - self.r * d / 365))
        return max(margin, beats)

    def their_walk_away(self, g: float, d: float, c: float | None) -> float:
        return (self.b_ref() - self.kept(c)) / (self.k(g) * (1 - self.rt * d / 365))

    def acceptable(self, p: float, g: float, d: float, c: float | None) -> bool:
        """M − ES ≥ m·R and U_us ≥ 0, written as the two inequalities."""
        k = self.k(g)
        revenue = p * k
        margin = revenue - self.cost - revenue * self.r * d / 365
        tol = 1e-9 * max(abs(revenue), 1.0)
        return margin - self.es(c) >= self.m * revenue - tol and self.u_us(p, g, d, c) >= -tol


def hand_reference(case: Case) -> Reference:
    """The reference for ``hand_case`` (no risks)."""
    info = case.info
    rt = (
        info.cost_of_capital_pct
        if info.their_cost_of_capital_pct is None
        else (info.their_cost_of_capital_pct)
    )
    ours = [a.feasibility * a.net_value for a in case.alternatives_of("ours") if a.net_value]
    demand = case.demand_scenario
    assert demand is not None
    return Reference(
        volume=1_000.0,
        years=2,
        cost=10_000.0,
        r=info.cost_of_capital_pct / 100,
        rt=rt / 100,
        m=info.min_margin_pct / 100,
        batna_ours=max(ours, default=0.0),
        batna_theirs=24_000.0,
        demand_days=demand.payment_days,
        demand_cap=demand.liability_cap,
        es=lambda _cap: 0.0,
        kept=lambda _cap: 0.0,
    )


def simulated_reference(case: Case, batna_theirs: float) -> Reference:
    """The reference for a case with risks: ES by brute-force simulation of the proposal with
    each cap, X by numeric integration of each capped risk's triangle."""
    proposal = case.proposal_scenario
    demand = case.demand_scenario
    assert proposal is not None and demand is not None and proposal.annual_volume is not None
    info = case.info
    alpha = info.risk_confidence

    @cache
    def es(cap: float | None) -> float:
        losses = brute_force_losses(case, replace(proposal, liability_cap=cap))
        return expected_shortfall(losses, alpha)

    @cache
    def kept(cap: float | None) -> float:
        if cap is None:
            return 0.0
        total = 0.0
        for risk in case.risks:
            if not risk.capped_by_liability:
                continue
            o = proposal.risk_overrides.get(risk.id)
            p = risk.probability if o is None or o.probability is None else o.probability
            tri = (risk.impact_low, risk.impact_likely, risk.impact_high)
            slots = proposal.years if risk.frequency == "per_year" else 1
            total += p * slots * (sum(tri) / 3 - capped_mean_numeric(*tri, cap))
        return total

    costs = 0.0
    for line in case.cost_lines:
        if line.basis == "per_unit":
            costs += line.amount * proposal.annual_volume * proposal.years
        elif line.basis == "per_year":
            costs += line.amount * proposal.years
        else:
            costs += line.amount
    rt = (
        info.cost_of_capital_pct
        if info.their_cost_of_capital_pct is None
        else (info.their_cost_of_capital_pct)
    )
    return Reference(
        volume=proposal.annual_volume,
        years=proposal.years,
        cost=costs,
        r=info.cost_of_capital_pct / 100,
        rt=rt / 100,
        m=info.min_margin_pct / 100,
        batna_ours=0.0,
        batna_theirs=batna_theirs,
        demand_days=demand.payment_days,
        demand_cap=demand.liability_cap,
        es=es,
        kept=kept,
    )


def grid_by_hand(
    proposal: tuple[float, int, float | None], demand: tuple[float, int, float | None]
) -> list[tuple[float, int, float | None]]:
    """SPEC §8's grid of (g, d, c): d ∈ {d_P, d_D, midpoint rounded half up to 15 days},
    c ∈ {c_P, c_D, 2·c_P}, g ∈ {g_P, g_D}, duplicates merged."""
    (gp, dp, cp), (gd, dd, cd) = proposal, demand
    mid = math.floor((dp + dd) / 2 / 15 + 0.5) * 15
    days = list(dict.fromkeys([dp, dd, mid]))
    caps = list(dict.fromkeys([cp, cd, *([2 * cp] if cp is not None else [])]))
    changes = list(dict.fromkeys([gp, gd]))
    return [(g, d, c) for d in days for c in caps for g in changes]


def price_on_proposal_terms(case: Case, total: float) -> float:
    """SPEC §8 by hand: what an alternative costing them ``total`` over the contract on the
    terms they demand (d_D days, cap c_D; none without a demand) comes to as a first-year
    price on our proposal's path and terms: (T·(1 − r_t·d_D/365) + X(c_D) − X(c_P)) /
    (K·(1 − r_t·d_P/365)), X the capped risks' expected loss above a cap (numeric integration,
    under the proposal's overrides)."""
    proposal, demand = case.proposal_scenario, case.demand_scenario
    assert proposal is not None and proposal.annual_volume is not None
    g = proposal.annual_price_change_pct / 100
    k = sum(proposal.annual_volume * (1 + g) ** y for y in range(proposal.years))

    def kept(cap: float | None) -> float:
        if cap is None:
            return 0.0
        total_kept = 0.0
        for r in case.risks:
            if not r.capped_by_liability:
                continue
            o = proposal.risk_overrides.get(r.id)
            p = r.probability if o is None or o.probability is None else o.probability
            tri = (r.impact_low, r.impact_likely, r.impact_high)
            slots = proposal.years if r.frequency == "per_year" else 1
            total_kept += p * slots * (sum(tri) / 3 - capped_mean_numeric(*tri, cap))
        return total_kept

    info = case.info
    rate = (
        info.cost_of_capital_pct
        if info.their_cost_of_capital_pct is None
        else info.their_cost_of_capital_pct
    ) / 100
    days, cap = (demand.payment_days, demand.liability_cap) if demand else (0, None)
    reference = total * (1 - rate * days / 365) + kept(cap)
    return (reference - kept(proposal.liability_cap)) / (
        k * (1 - rate * proposal.payment_days / 365)
    )
