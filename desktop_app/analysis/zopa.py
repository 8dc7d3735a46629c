"""Their walk-away price (money BATNA), the ZOPA, the fair price and the verdict (SPEC §2, §8).

Their walk-away is term-aware (SPEC §8): their alternatives are assumed to come with the terms
they demand of us (payment days d_D, cap c_D), so an alternative costing T_a over the contract
compares with our proposal (d_P, c_P) at the first-year price

    (T_a·(1 − r_t·d_D/365) + X(c_D) − X(c_P)) / (K·(1 − r_t·d_P/365))

(``TheirTerms.price``), and their walk-away is that price for the cheapest alternative. With
the proposal's terms equal to their demand's it is §2's T_a/K, which ``PRICE_ONLY`` gives and
``Zopa.their_walk_away_price_only`` keeps for comparison.

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


@dataclass(frozen=True, slots=True)
class TheirTerms:
    """How a cost of theirs over the contract becomes a first-year price on our proposal's
    terms (module doc): ``reference_factor`` = 1 − r_t·d_D/365, ``reference_kept`` = X(c_D),
    ``proposal_kept`` = X(c_P), ``proposal_factor`` = 1 − r_t·d_P/365."""

    reference_factor: float = 1.0
    reference_kept: float = 0.0
    proposal_kept: float = 0.0
    proposal_factor: float = 1.0

    def price(self, total: float, k: float) -> float | None:
        """The first-year price on our terms that costs them as much as ``total`` on theirs."""
        scale = k * self.proposal_factor
        if scale <= 0.0:
            return None
        price = (total * self.reference_factor + self.reference_kept - self.proposal_kept) / scale
        return price if math.isfinite(price) else None


#: §2's view: terms not counted, T_a/K.
PRICE_ONLY = TheirTerms()


def cheapest(options: Sequence[PriceOption], units: float) -> tuple[float, str] | None:
    """(min_a T_a, its id): their money BATNA B. Ties go to the first in case order;
    alternatives with feasibility 0 are left out; None without a feasible one."""
    best: tuple[float, str] | None = None
    for option in options:
        if not option.feasible:
            continue
        cost = option.total_cost(units)
        if best is None or cost < best[0]:
            best = (cost, option.id)
    return best


def their_walk_away(
    options: Sequence[PriceOption], units: float, k: float, terms: TheirTerms = PRICE_ONLY
) -> tuple[float | None, str | None]:
    """(their walk-away on our proposal's ``terms``, the id of their money BATNA).

    (None, None) without a feasible price-based alternative."""
    best = cheapest(options, units)
    if best is None or k <= 0.0:
        return None, None
    return terms.price(best[0], k), best[1]


def alternative_costs(
    options: Sequence[PriceOption],
    units: float | None,
    k: float | None,
    terms: TheirTerms = PRICE_ONLY,
) -> tuple[AlternativeCost, ...]:
    rows = []
    for option in options:
        total = option.total_cost(units) if units is not None else None
        effective = terms.price(total, k) if total is not None and k else None
        rows.append(
            AlternativeCost(
                alternative_id=option.id,
                name=option.name,
                unit_price=option.unit_price,
                switching_cost=option.switching_cost,
                failure_cost=option.failure_cost,
                feasibility=option.feasibility,
                total_cost=total,
                effective_price=effective,
                cost_per_unit=total / units if total is not None and units else None,
                effective_price_price_only=total / k if total is not None and k else None,
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
    terms: TheirTerms = PRICE_ONLY,
) -> Zopa:
    """The zone on our proposal's ``terms`` (their walk-away term-aware, module doc)."""
    theirs = batna = price_only = None
    if units is not None and k is not None:
        theirs, batna = their_walk_away(options, units, k, terms)
        price_only = their_walk_away(options, units, k)[0]
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
        alternatives=alternative_costs(options, units, k, terms),
        left_out=tuple(option.id for option in options if not option.feasible),
        their_walk_away_price_only=price_only,
    )
