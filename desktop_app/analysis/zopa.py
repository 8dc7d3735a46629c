"""Their walk-away price (money BATNA), the ZOPA, the fair price and the verdict (SPEC §2).

Zone of zero width: the zone exists only when P_walk_theirs > P_walk_ours (strictly). When
the two are equal there is no room to agree on anything but that one price, so ``exists`` is
False, ``width`` is 0, the fair price and our share are None and the verdict is "no_zopa".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.analysis.results import AlternativeCost, Verdict, Zopa
from desktop_app.domain.model import Alternative


@dataclass(frozen=True, slots=True)
class PriceOption:
    """The money fields of one of their price-based alternatives."""

    id: str
    name: str
    unit_price: float
    switching_cost: float
    failure_cost: float
    feasibility: float

    @property
    def feasible(self) -> bool:
        """Feasibility 0: it cannot be carried out, so it is never their BATNA."""
        return self.feasibility > 0.0

    def total_cost(self, units: float) -> float:
        """T_a = unit_price·Q + switching_cost + (1 − p)·failure_cost."""
        return math.fsum(
            (
                self.unit_price * units,
                self.switching_cost,
                (1.0 - self.feasibility) * self.failure_cost,
            )
        )


def price_options(alternatives: Iterable[Alternative]) -> list[PriceOption]:
    """Their alternatives that have a unit price, in case order."""
    return [
        PriceOption(a.id, a.name, a.unit_price, a.switching_cost, a.failure_cost, a.feasibility)
        for a in alternatives
        if a.side == "theirs" and a.unit_price is not None
    ]


def their_walk_away(
    options: Sequence[PriceOption], units: float, k: float
) -> tuple[float | None, str | None]:
    """(min_a T_a / K, the id of that cheapest alternative — their money BATNA).

    Ties go to the first in case order. Alternatives with feasibility 0 are left out; (None,
    None) without a feasible price-based alternative."""
    best: tuple[float, str] | None = None
    for option in options:
        if not option.feasible:
            continue
        cost = option.total_cost(units)
        if best is None or cost < best[0]:
            best = (cost, option.id)
    if best is None or k <= 0.0:
        return None, None
    return best[0] / k, best[1]


def alternative_costs(
    options: Sequence[PriceOption], units: float | None, k: float | None
) -> tuple[AlternativeCost, ...]:
    rows = []
    for option in options:
        total = option.total_cost(units) if units is not None else None
        rows.append(
            AlternativeCost(
                alternative_id=option.id,
                name=option.name,
                unit_price=option.unit_price,
                switching_cost=option.switching_cost,
                failure_cost=option.failure_cost,
                feasibility=option.feasibility,
                total_cost=total,
                effective_price=total / k if total is not None and k else None,
                cost_per_unit=total / units if total is not None and units else None,
            )
        )
    return tuple(rows)


def zone_width(ours: float | None, theirs: float | None) -> float | None:
    """P_walk_theirs − P_walk_ours (negative when there is a gap); None if either is unknown."""
    if ours is None or theirs is None:
        return None
    return theirs - ours


def verdict(
    price: float | None,
    ours: float | None,
    theirs: float | None,
    fair_band: tuple[float, float],
) -> tuple[Verdict, float | None]:
    """The verdict word on ``price`` and our share of the zone (None without a zone)."""
    if ours is None or theirs is None:
        return "unknown", None
    if theirs <= ours:
        return "no_zopa", None
    if price is None:
        return "unknown", None
    share = (price - ours) / (theirs - ours)
    if share < 0.0:
        return "below_our_walk_away", share
    if share > 1.0:
        return "above_their_walk_away", share
    lo, hi = fair_band
    if share < lo:
        return "generous", share
    if share > hi:
        return "aggressive", share
    return "fair", share


def build_zopa(
    *,
    scenario_id: str | None,
    price: float | None,
    ours: float | None,
    options: Sequence[PriceOption],
    units: float | None,
    k: float | None,
    fair_band: tuple[float, float],
) -> Zopa:
    theirs, batna = (None, None)
    if units is not None and k is not None:
        theirs, batna = their_walk_away(options, units, k)
    width = zone_width(ours, theirs)
    exists = None if width is None else width > 0.0
    word, share = verdict(price, ours, theirs, fair_band)
    fair = (ours + theirs) / 2.0 if exists and ours is not None and theirs is not None else None
    return Zopa(
        scenario_id=scenario_id,
        our_walk_away=ours,
        their_walk_away=theirs,
        their_batna_alternative=batna,
        exists=exists,
        width=width,
        fair_price=fair,
        proposal_price=price,
        our_share=share,
        verdict=word,
        fair_band=fair_band,
        alternatives=alternative_costs(options, units, k),
        left_out=tuple(option.id for option in options if not option.feasible),
    )
