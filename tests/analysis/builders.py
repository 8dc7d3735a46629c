"""Small hand-made cases for the analysis tests, and independent reference computations.

The references here are deliberately simple (pure Python loops, ``fractions``) and written
from SPEC §2 and the documented draw layout, not from the engine's code.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

import numpy as np

from desktop_app.domain.model import (
    Alternative,
    Case,
    CaseInfo,
    CostLine,
    Criterion,
    Interest,
    Party,
    Proposal,
    Risk,
    RiskOverride,
    Scenario,
    TalkingPoint,
)


def small_case(**info: object) -> Case:
    """A complete little case: two scenarios, three risks, two of their alternatives."""
    criteria = (
        Criterion("t-cost", "theirs", "Cost", 3.0),
        Criterion("t-quality", "theirs", "Quality", 1.0),
        Criterion("o-margin", "ours", "Margin", 1.0),
        Criterion("o-risk", "ours", "Risk", 1.0),
    )
    alternatives = (
        Alternative(
            "a-rival",
            "theirs",
            "Rival",
            feasibility=0.8,
            scores={"t-cost": 6.0, "t-quality": 4.0},
            cons=("slow",),
            unit_price=11.0,
            switching_cost=20_000.0,
            failure_cost=50_000.0,
        ),
        Alternative(
            "a-self",
            "theirs",
            "In-house",
            feasibility=0.5,
            scores={"t-cost": 8.0, "t-quality": 2.0},
            cons=("no know-how",),
            unit_price=9.0,
            switching_cost=60_000.0,
            failure_cost=100_000.0,
        ),
        Alternative(
            "a-ours",
            "ours",
            "Other customer",
            feasibility=0.6,
            scores={"o-margin": 5.0, "o-risk": 5.0},
        ),
    )
    risks = (
        Risk(
            "r-recall",
            "Recall",
            probability=0.1,
            impact_low=10_000.0,
            impact_likely=30_000.0,
            impact_high=200_000.0,
            capped_by_liability=True,
            mitigation="insurance",
        ),
        Risk(
            "r-late",
            "Late delivery",
            probability=0.2,
            frequency="per_year",
            impact_low=1_000.0,
            impact_likely=5_000.0,
            impact_high=20_000.0,
            mitigation="stock",
        ),
        Risk(
            "r-fx",
            "Currency",
            probability=0.5,
            impact_low=0.0,
            impact_likely=2_000.0,
            impact_high=2_000.0,
            mitigation="hedge",
        ),
    )
    scenarios = (
        Scenario(
            "s-prop",
            "Proposal",
            "our_proposal",
            unit_price=10.0,
            annual_volume=10_000.0,
            years=3,
            annual_price_change_pct=-2.0,
            payment_days=45,
            liability_cap=50_000.0,
            scores={"t-cost": 7.0, "t-quality": 8.0, "o-margin": 7.0, "o-risk": 8.0},
        ),
        Scenario(
            "s-demand",
            "Demand",
            "their_demand",
            unit_price=9.0,
            annual_volume=10_000.0,
            years=4,
            payment_days=90,
            liability_cap=None,
            risk_overrides={"r-late": RiskOverride(probability=0.3)},
            scores={"t-cost": 9.0, "t-quality": 8.0, "o-margin": 3.0, "o-risk": 2.0},
        ),
    )
    parties = (
        Party("p-buyer", "Buyer", "theirs", interests=(Interest("i-price", "Low price"),)),
        Party("p-us", "Us", "ours"),
    )
    base_info = CaseInfo(title="Small", simulation_runs=1_000, simulation_seed=7)
    return Case(
        info=replace(base_info, **info),  # type: ignore[arg-type]
        parties=parties,
        criteria=criteria,
        alternatives=alternatives,
        cost_lines=(
            CostLine("k-unit", "Material", "per_unit", 6.0),
            CostLine("k-year", "Support", "per_year", 5_000.0),
            CostLine("k-once", "Tooling", "one_time", 8_000.0),
        ),
        risks=risks,
        scenarios=scenarios,
        proposal=Proposal(
            statement="Fair.",
            talking_points=(TalkingPoint("a-rival", "Slow"), TalkingPoint("a-self", "Risky")),
            addresses_interests=("i-price",),
        ),
    )


# --- independent references ------------------------------------------------------------


def k_factor(volume: float, years: int, change_pct: float) -> float:
    return sum(volume * (1 + change_pct / 100) ** y for y in range(years))


def capped_mean_numeric(low: float, likely: float, high: float, cap: float | None) -> float:
    """E[min(X, cap)] by integrating min(x, cap)·pdf(x) on a fine grid (trapezoid rule)."""
    if high == low:
        return min(low, cap) if cap is not None else low
    x = np.linspace(low, high, 400_001)
    pdf = np.where(
        x < likely,
        2 * (x - low) / ((high - low) * (likely - low)) if likely > low else 0.0,
        2 * (high - x) / ((high - low) * (high - likely)) if high > likely else 0.0,
    )
    if likely == high:
        pdf = 2 * (x - low) / ((high - low) ** 2)
    if likely == low:
        pdf = 2 * (high - x) / ((high - low) ** 2)
    g = np.minimum(x, cap) if cap is not None else x
    y = g * pdf
    return float(np.sum((y[1:] + y[:-1]) / 2 * np.diff(x)))


def stream_words(seed: int, risk_id: str, count: int) -> list[int]:
    key = int.from_bytes(hashlib.sha256(risk_id.encode("utf-8")).digest()[:8], "big")
    bits = np.random.PCG64(np.random.SeedSequence([seed, key]))
    return [int(w) for w in bits.random_raw(count)]


def tri_inverse(v: float, a: float, b: float, h: float) -> float:
    if h == a:
        return a
    if v < (b - a) / (h - a):
        return a + math.sqrt(v * (h - a) * (b - a))
    return h - math.sqrt((1 - v) * (h - a) * (h - b))


def brute_force_losses(case: Case, scenario: Scenario) -> list[float]:
    """L per run by a plain loop over runs, risks (in id order) and slots (SPEC §2 layout)."""
    runs, seed = case.info.simulation_runs, case.info.simulation_seed
    totals = [0.0] * runs
    for risk in sorted(case.risks, key=lambda r: r.id):
        o = scenario.risk_overrides.get(risk.id, RiskOverride())
        p = risk.probability if o.probability is None else o.probability
        a = risk.impact_low if o.impact_low is None else o.impact_low
        b = risk.impact_likely if o.impact_likely is None else o.impact_likely
        h = risk.impact_high if o.impact_high is None else o.impact_high
        cap = scenario.liability_cap if risk.capped_by_liability else None
        slots = scenario.years if risk.frequency == "per_year" else 1
        words = stream_words(seed, risk.id, slots * runs)
        contribution = [0.0] * runs
        for slot in range(slots):
            for run in range(runs):
                word = words[slot * runs + run]
                u = ((word >> 32) + 0.5) / 2**32
                v = ((word & 0xFFFFFFFF) + 0.5) / 2**32
                if u < p:
                    x = tri_inverse(v, a, b, h)
                    contribution[run] += min(x, cap) if cap is not None else x
        totals = [t + c for t, c in zip(totals, contribution, strict=True)]
    return totals


def empirical_quantile(values: Sequence[float], q: float) -> float:
    """The smallest x with #(values ≤ x)/n ≥ q, with q read as an exact decimal."""
    ordered = sorted(values)
    n = len(ordered)
    target = Fraction(str(q)) * n
    for i, x in enumerate(ordered, start=1):
        if i >= target:
            return x
    return ordered[-1]


def expected_shortfall(values: Sequence[float], q: float) -> float:
    """The average of the worst (1 − q) share of the values: the largest values taken one by
    one, each whole while the share lasts, the last one by the fraction of it left."""
    share = (1 - Fraction(str(q))) * len(values)
    left, parts = share, []
    for x in sorted(values, reverse=True):
        if left <= 0:
            break
        take = min(left, Fraction(1))
        parts.append(x * float(take))
        left -= take
    return math.fsum(parts) / float(share)


# --- SPEC §8 by hand ---------------------------------------------------------------------------

#: E[min(X, 50,000)] of small_case's recall, triangular(10,000, 30,000, 200,000), by hand. The
#: cap is above the mode: a + (b − a) − (b − a)²/(3(h − a)) + ((h − b)³ − (h − c)³)/(3(h −
#: a)(h − b)).
_RECALL_CAPPED = (
    10_000
    + 20_000
    - 20_000**2 / (3 * 190_000)
    + (170_000**3 - 150_000**3) / (3 * 190_000 * 170_000)
)
#: X(50,000) of small_case: the recall's expected loss above the proposal's cap (p = 0.1, once).
SMALL_RECALL_KEPT = 0.1 * ((10_000 + 30_000 + 200_000) / 3 - _RECALL_CAPPED)


def on_our_terms(
    total: float,
    k: float,
    *,
    rate_pct: float = 8.0,
    reference_days: float = 90.0,
    our_days: float = 45.0,
    kept_reference: float = 0.0,
    kept_ours: float = SMALL_RECALL_KEPT,
) -> float:
    """SPEC §8: what an alternative costing them ``total`` on the terms they demand comes to as a
    first-year price on our proposal's terms (defaults: small_case — their demand 90 days and
    uncapped, our proposal 45 days and capped at 50,000, both costs of capital 8 %)."""
    rate = rate_pct / 100.0
    return (total * (1 - rate * reference_days / 365) + kept_reference - kept_ours) / (
        k * (1 - rate * our_days / 365)
    )
