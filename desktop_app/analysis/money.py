"""Money per scenario (SPEC §2 "Money") and our walk-away price.

Sums use ``math.fsum`` (exactly rounded), so no figure depends on the order of cost lines.
The functions take plain numbers so the sensitivity can re-evaluate them with one input moved.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from desktop_app.analysis.results import Money
from desktop_app.analysis.wording import fixed, number_g, percent_g, percent_text
from desktop_app.domain.model import CaseInfo, CostLine, Scenario
from desktop_app.i18n import _

#: (basis, amount) of each cost line.
CostItems = Iterable[tuple[str, float]]


def price_weighted_volume(volume: float, years: int, price_change_pct: float) -> float:
    """K = V·Σ_{y=1..Y}(1+g)^(y−1): revenue per unit of first-year price."""
    growth = 1.0 + price_change_pct / 100.0
    return volume * math.fsum(growth**year for year in range(years))


def contract_cost(items: CostItems, volume: float, years: int) -> float:
    """C = Σ per_unit·V·Y + Σ per_year·Y + Σ one_time."""
    parts = []
    for basis, amount in items:
        if basis == "per_unit":
            parts.append(amount * volume * years)
        elif basis == "per_year":
            parts.append(amount * years)
        else:
            parts.append(amount)
    return math.fsum(parts)


def cost_items(cost_lines: Iterable[CostLine]) -> list[tuple[str, float]]:
    return [(line.basis, line.amount) for line in cost_lines]


def financing_rate(cost_of_capital_pct: float, payment_days: float) -> float:
    """r·d/365: the share of revenue that financing the payment terms costs."""
    return cost_of_capital_pct / 100.0 * payment_days / 365.0


def scenario_money(info: CaseInfo, cost_lines: Iterable[CostLine], scenario: Scenario) -> Money:
    """Every money figure the scenario's inputs allow (None where price or volume is missing)."""
    volume, price = scenario.annual_volume, scenario.unit_price
    if volume is None:
        return Money(None, None, None, None, None, None, None)
    k = price_weighted_volume(volume, scenario.years, scenario.annual_price_change_pct)
    cost = contract_cost(cost_items(cost_lines), volume, scenario.years)
    units = volume * scenario.years
    if price is None:
        return Money(k, units, None, cost, None, None, None)
    revenue = price * k
    financing = revenue * financing_rate(info.cost_of_capital_pct, scenario.payment_days)
    margin = revenue - cost - financing
    margin_pct = 100.0 * margin / revenue if revenue > 0.0 else None
    return Money(k, units, revenue, cost, financing, margin, margin_pct)


def our_walk_away(
    cost: float,
    shortfall: float,
    k: float,
    min_margin_pct: float,
    cost_of_capital_pct: float,
    payment_days: float,
    *,
    batna: float = 0.0,
) -> float | None:
    """P_walk_ours = (C + ES_α) / (K·(1 − m − r·d/365)); None when the denominator is ≤ 0
    (no price then meets the minimum margin after financing).

    With our money BATNA E_b = ``batna`` > 0 (SPEC §8) it is the larger of that and
    (C + ES_α + E_b) / (K·(1 − r·d/365)): the deal must also beat our best alternative."""
    denominator = 1.0 - min_margin_pct / 100.0 - financing_rate(cost_of_capital_pct, payment_days)
    scale = k * denominator  # 0.0 when a tiny volume (5e-324 units) underflows
    if denominator <= 0.0 or scale <= 0.0:
        return None
    walk_away = (cost + shortfall) / scale
    if batna > 0.0:
        beats = (cost + shortfall + batna) / (
            k * (1.0 - financing_rate(cost_of_capital_pct, payment_days))
        )
        walk_away = max(walk_away, beats)
    return walk_away if math.isfinite(walk_away) else None


def no_walk_away_note(info: CaseInfo, payment_days: float) -> str:
    """Plain words for a walk-away denominator ≤ 0."""
    financing = 100.0 * financing_rate(info.cost_of_capital_pct, payment_days)
    return _(
        "no price works: the minimum margin of {minimum} plus {financing} of revenue for "
        "financing {days} payment days leave nothing to cover costs"
    ).format(
        minimum=percent_g(info.min_margin_pct),
        financing=percent_text(fixed(financing, 1)),
        days=number_g(payment_days),
    )
