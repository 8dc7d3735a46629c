"""What a deal package is worth to each side (SPEC §8): the formulas, on plain numbers.

A package is a scenario's four tradable terms — first-year price P, annual price change g,
payment days d, liability cap c — on the proposal scenario's volume V and years Y. With K(g) =
V·Σ(1+g)^(y−1), R = P·K, C our cost, r our cost of capital, r_t theirs, m the minimum margin:

    U_us(S)   = P·K·(1 − r·d/365) − C − ES_α(c) − E_b           our surplus (over our BATNA)
    X(c)      = Σ_capped (E[loss uncapped] − E[loss capped at c])   the risk they keep
    TC(S)     = P·K·(1 − r_t·d/365) + X(c)                        their cost of the deal
    B_ref     = B·(1 − r_t·d_D/365) + X(c_D)                      their BATNA on their terms
    U_them(S) = B_ref − TC(S)                                     their surplus

Both surpluses are linear in P at fixed (g, d, c), which the trading plan, the offers of
equal value and the improvement solve exactly. Acceptable to us: M − ES ≥ m·R and U_us ≥ 0,
i.e. P at or above our walk-away for the package's terms, the larger of (C + ES)/(K·(1 − m −
r·d/365)) and (C + ES + E_b)/(K·(1 − r·d/365)); none when 1 − m − r·d/365 ≤ 0. Their
walk-away for the terms: U_them = 0, P = (B_ref − X(c))/(K·(1 − r_t·d/365)).

``DealModel`` holds what stays fixed (V, Y, C, the rates, the BATNAs, the reference terms and
the risk per cap) and evaluates any package fast: a what-if slider calls ``figures``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop_app.analysis.caps import Cap, CapRisk
from desktop_app.analysis.money import financing_rate, our_walk_away, price_weighted_volume

#: A price this close to our walk-away (relative) counts as at it: a price solved for a
#: surplus lands on the walk-away only to rounding.
PRICE_TOLERANCE = 1e-12


def at_or_above(price: float, walk_away: float | None) -> bool:
    return walk_away is not None and price >= walk_away - PRICE_TOLERANCE * abs(walk_away)


@dataclass(frozen=True, slots=True)
class Terms:
    """A package's non-price terms: annual price change (%), payment days, liability cap."""

    annual_price_change_pct: float
    payment_days: int
    liability_cap: float | None


@dataclass(frozen=True, slots=True)
class Package:
    """A deal package: a first-year unit price on some terms."""

    unit_price: float
    terms: Terms

    @property
    def annual_price_change_pct(self) -> float:
        return self.terms.annual_price_change_pct

    @property
    def payment_days(self) -> int:
        return self.terms.payment_days

    @property
    def liability_cap(self) -> float | None:
        return self.terms.liability_cap


@dataclass(frozen=True, slots=True)
class PackageFigures:
    """Every §8 figure of one package. ``their_surplus`` and ``their_walk_away`` are None when
    their money BATNA is unknown (no feasible price-based alternative of theirs);
    ``our_walk_away`` is None when no price meets the minimum margin on these terms."""

    package: Package
    price_weighted_volume: float
    revenue: float
    margin: float
    expected_shortfall: float
    our_surplus: float
    their_risk_kept: float
    their_cost: float
    their_surplus: float | None
    our_walk_away: float | None
    their_walk_away: float | None
    acceptable_to_us: bool


@dataclass(frozen=True)
class DealModel:
    """What stays fixed while the terms move (module doc). Money in the case currency, rates
    in percent as the case holds them; ``their_batna`` is B = min_a T_a at Q = V·Y (None:
    unknown); ``reference`` are the terms their alternatives are assumed to come with (their
    demand's d_D and c_D; d = 0 and no cap without a demand)."""

    volume: float
    years: int
    cost: float
    cost_of_capital_pct: float
    their_cost_of_capital_pct: float
    min_margin_pct: float
    our_batna: float
    their_batna: float | None
    reference_days: int
    reference_cap: float | None
    risk: CapRisk

    # -- the pieces ---------------------------------------------------------------------------

    def k(self, terms: Terms) -> float:
        """K = V·Σ(1+g)^(y−1) for the terms' price change."""
        return price_weighted_volume(self.volume, self.years, terms.annual_price_change_pct)

    def our_factor(self, terms: Terms) -> float:
        """dU_us/dP = K·(1 − r·d/365)."""
        return self.k(terms) * (1.0 - financing_rate(self.cost_of_capital_pct, terms.payment_days))

    def their_factor(self, terms: Terms) -> float:
        """dTC/dP = K·(1 − r_t·d/365)."""
        rate = financing_rate(self.their_cost_of_capital_pct, terms.payment_days)
        return self.k(terms) * (1.0 - rate)

    def shortfall(self, cap: Cap) -> float:
        return self.risk.shortfall(cap)

    def risk_kept(self, cap: Cap) -> float:
        return self.risk.risk_kept(cap)

    @property
    def their_reference_cost(self) -> float | None:
        """B_ref = B·(1 − r_t·d_D/365) + X(c_D): their money BATNA on the terms they demand."""
        if self.their_batna is None:
            return None
        rate = financing_rate(self.their_cost_of_capital_pct, self.reference_days)
        return self.their_batna * (1.0 - rate) + self.risk_kept(self.reference_cap)

    # -- the surpluses ------------------------------------------------------------------------

    def our_surplus(self, package: Package) -> float:
        """U_us = P·K·(1 − r·d/365) − C − ES_α(c) − E_b."""
        terms = package.terms
        return (
            package.unit_price * self.our_factor(terms)
            - self.cost
            - self.shortfall(terms.liability_cap)
            - self.our_batna
        )

    def their_cost(self, package: Package) -> float:
        """TC = P·K·(1 − r_t·d/365) + X(c)."""
        terms = package.terms
        return package.unit_price * self.their_factor(terms) + self.risk_kept(terms.liability_cap)

    def their_surplus(self, package: Package) -> float | None:
        """U_them = B_ref − TC (None when their money BATNA is unknown)."""
        reference = self.their_reference_cost
        return None if reference is None else reference - self.their_cost(package)

    # -- prices solved on given terms ---------------------------------------------------------

    def price_for_our_surplus(self, terms: Terms, surplus: float) -> float | None:
        """The first-year price that gives U_us = ``surplus`` on ``terms`` (linear solve)."""
        factor = self.our_factor(terms)
        if factor <= 0.0:
            return None
        fixed = self.cost + self.shortfall(terms.liability_cap) + self.our_batna
        price = (surplus + fixed) / factor
        return price if math.isfinite(price) else None

    def price_for_their_surplus(self, terms: Terms, surplus: float) -> float | None:
        """The first-year price that gives U_them = ``surplus`` on ``terms``."""
        reference = self.their_reference_cost
        factor = self.their_factor(terms)
        if reference is None or factor <= 0.0:
            return None
        price = (reference - self.risk_kept(terms.liability_cap) - surplus) / factor
        return price if math.isfinite(price) else None

    def our_walk_away(self, terms: Terms) -> float | None:
        """The lowest price acceptable to us on ``terms`` (module doc)."""
        return our_walk_away(
            self.cost,
            self.shortfall(terms.liability_cap),
            self.k(terms),
            self.min_margin_pct,
            self.cost_of_capital_pct,
            terms.payment_days,
            batna=self.our_batna,
        )

    def their_walk_away(self, terms: Terms) -> float | None:
        """P_walk_theirs = (B_ref − X(c))/(K·(1 − r_t·d/365)): U_them = 0 on ``terms``."""
        return self.price_for_their_surplus(terms, 0.0)

    def acceptable_to_us(self, package: Package) -> bool:
        """M − ES ≥ m·R and U_us ≥ 0: the price at or above our walk-away for its terms."""
        return at_or_above(package.unit_price, self.our_walk_away(package.terms))

    def figures(self, package: Package) -> PackageFigures:
        """Every figure of ``package``: what a what-if position shows."""
        terms = package.terms
        k = self.k(terms)
        revenue = package.unit_price * k
        financing = revenue * financing_rate(self.cost_of_capital_pct, terms.payment_days)
        our_walk = self.our_walk_away(terms)
        return PackageFigures(
            package=package,
            price_weighted_volume=k,
            revenue=revenue,
            margin=revenue - self.cost - financing,
            expected_shortfall=self.shortfall(terms.liability_cap),
            our_surplus=self.our_surplus(package),
            their_risk_kept=self.risk_kept(terms.liability_cap),
            their_cost=self.their_cost(package),
            their_surplus=self.their_surplus(package),
            our_walk_away=our_walk,
            their_walk_away=self.their_walk_away(terms),
            acceptable_to_us=at_or_above(package.unit_price, our_walk),
        )
