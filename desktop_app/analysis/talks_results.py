"""What the talks analysis produces (SPEC §10): plain frozen dataclasses, free of numpy.

Money in the case currency, ``*_pct`` in percent, ``share`` a fraction of the zone (0 = our
walk-away, 1 = theirs, below 0 or above 1 outside it). The formulas are in ``talks.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Side = Literal["ours", "theirs"]
#: Where an offer's missing terms were taken from.
Reference = Literal["proposal", "demand"]


@dataclass(frozen=True, slots=True)
class PlanPoint:
    """Our planned price in round ``round`` of the concession plan."""

    round: int
    price: float


@dataclass(frozen=True, slots=True)
class OfferFigures:
    """One offer evaluated as a §8 package on its terms (the missing ones taken from
    ``reference``: the proposal for ours, their demand for theirs; ``filled`` names them).

    The figures are None when the offer cannot be evaluated (no price given nor in its
    reference, or no proposal volume: ``TalksAnalysis.reason``). ``their_surplus``, ``in_zone``
    and ``share`` need their money BATNA. ``our_walk_away``/``their_walk_away`` are for the
    offer's own terms. Ours only: ``planned_price`` (the plan for its round), ``below_plan``
    and ``cost_vs_plan`` = U_us(the plan's price on the proposal's terms) − U_us(offer), what
    falling short of the plan costs us (negative: the offer beats the plan). For every offer:
    ``below_walk_away`` (its price is below our walk-away for its terms) and
    ``cost_vs_walk_away`` = (our walk-away − P)·K·(1 − r·d/365), what the shortfall costs us
    (None unless below)."""

    id: str
    round: int
    date: str | None
    side: Side
    reference: Reference
    filled: tuple[str, ...]
    unit_price: float | None
    annual_price_change_pct: float
    payment_days: int
    liability_cap: float | None
    our_surplus: float | None = None
    their_surplus: float | None = None
    margin_pct: float | None = None
    conservative_margin_pct: float | None = None
    our_walk_away: float | None = None
    their_walk_away: float | None = None
    in_zone: bool | None = None
    share: float | None = None
    planned_price: float | None = None
    below_plan: bool = False
    cost_vs_plan: float | None = None
    below_walk_away: bool = False
    cost_vs_walk_away: float | None = None


@dataclass(frozen=True, slots=True)
class TheirPace:
    """The least-squares line price = intercept + slope_per_round · round through their last
    three offers (``rounds``, ``prices``), and the first round from their latest on where it
    reaches our plan (None: it never does)."""

    slope_per_round: float
    intercept: float
    rounds: tuple[int, ...]
    prices: tuple[float, ...]
    meets_plan_in_round: int | None
    meets_plan_at_price: float | None


@dataclass(frozen=True, slots=True)
class TalksAnalysis:
    """The offer log against the concession plan (SPEC §10).

    ``plan`` is our planned price for rounds 1…N (empty without an opening price or a limit:
    ``plan_reason``); ``plan_open`` is the proposal's price, ``plan_limit`` the case's limit
    or the fair price (``plan_limit_is_fair_price``); ``plan_limit_below_walk_away`` warns
    that the plan concedes below our walk-away. ``offers`` in the case's order; ``their_pace``
    None with fewer than two of their offers in different rounds. ``reason`` says why the
    offers have no figures (no proposal volume)."""

    plan: tuple[PlanPoint, ...] = ()
    plan_rounds: int = 4
    plan_shape: float = 0.5
    plan_open: float | None = None
    plan_limit: float | None = None
    plan_limit_is_fair_price: bool = False
    plan_limit_below_walk_away: bool = False
    plan_reason: str | None = None
    offers: tuple[OfferFigures, ...] = ()
    their_pace: TheirPace | None = None
    reason: str | None = None

    def offer(self, offer_id: str) -> OfferFigures | None:
        return next((o for o in self.offers if o.id == offer_id), None)

    @property
    def flagged(self) -> tuple[OfferFigures, ...]:
        """Our offers below the plan or below our walk-away."""
        return tuple(o for o in self.offers if o.below_plan or o.below_walk_away)
