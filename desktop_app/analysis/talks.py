"""At the table (SPEC §10): each offer as a §8 package, the concession plan, their pace.

**Offers.** A term an offer leaves out is taken from our proposal (an offer of ours) or from
their demand (theirs; the proposal when there is no demand). The package is evaluated on the
proposal's volume and years by ``DealModel.figures``: U_us, U_them, margin % = 100·M/R,
conservative margin % = 100·(M − ES_α)/R, inside the zone when acceptable to us and U_them ≥ 0,
and share = (P − our walk-away)/(their walk-away − our walk-away), both for the offer's terms.

**Plan.** P(t) = P_open − (P_open − P_limit)·(t/N)^(1/e) for rounds t = 1…N (after N: the
limit), P_open the proposal's price, P_limit the case's ``plan_limit`` or the fair price. At
t/N = 0.5 the conceded share (t/N)^(1/e) is 0.03125 for e = 0.2, 0.5 for e = 1, 0.7071 for e = 2.

**Flags.** An offer of ours is below the plan when it is worth less to us than the plan's
price on the proposal's terms: cost_vs_plan = U_us(P(t), proposal's terms) − U_us(offer) > 0
(for an offer on the proposal's terms, (P(t) − P)·K·(1 − r·d/365)). Any offer below our
walk-away for its terms costs us (walk-away − P)·K·(1 − r·d/365) against it.

**Their pace.** The least-squares line price = a + b·round through their last three offers
(in round order, the log's order within a round): b = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)², a = ȳ − b·x̄;
none with fewer than two rounds among them. It meets our plan in the first round t from their
latest on where a + b·t ≥ P(t) (the limit after round N); never (None) when it falls short
for good.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from desktop_app.analysis.deal_model import DealModel, Package, Terms
from desktop_app.analysis.deal_results import DealAnalysis
from desktop_app.analysis.montecarlo import Draws
from desktop_app.analysis.results import Zopa
from desktop_app.analysis.talks_results import (
    OfferFigures,
    PlanPoint,
    Reference,
    TalksAnalysis,
    TheirPace,
)
from desktop_app.domain.model import Case, Offer, Scenario
from desktop_app.i18n import N_, _

#: A difference this small against the revenue is rounding, not a shortfall.
TOLERANCE = 1e-9
#: How many of their latest offers their pace is fitted through.
PACE_OFFERS = 3

NO_VOLUME = N_("Our proposal needs an annual volume: the offers are evaluated on its volume.")
NO_OPEN = N_("Our proposal needs a unit price: the plan starts from it.")
NO_LIMIT = N_("The plan needs a limit: give one, or complete the case so it has a fair price.")
TERMS = ("unit_price", "annual_price_change_pct", "payment_days", "liability_cap")


def conceded_share(elapsed: float, shape: float) -> float:
    """(t/N)^(1/e): the share of the way from the opening price to the limit conceded when
    ``elapsed`` = t/N of the rounds have passed (clamped to 0–1)."""
    return float(min(max(elapsed, 0.0), 1.0) ** (1.0 / shape))


def planned_price(open_price: float, limit: float, t: float, rounds: int, shape: float) -> float:
    """P(t) = P_open − (P_open − P_limit)·(t/N)^(1/e) (the limit after round N)."""
    return open_price - (open_price - limit) * conceded_share(t / rounds, shape)


def least_squares(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """(intercept, slope) of the least-squares line through ``points``; None when their x
    are all the same."""
    pairs = list(points)
    if not pairs:
        return None
    mean_x = math.fsum(x for x, _ in pairs) / len(pairs)
    mean_y = math.fsum(y for _, y in pairs) / len(pairs)
    spread = math.fsum((x - mean_x) ** 2 for x, _ in pairs)
    if spread <= 0.0:
        return None
    slope = math.fsum((x - mean_x) * (y - mean_y) for x, y in pairs) / spread
    return mean_y - slope * mean_x, slope


@dataclass(frozen=True, slots=True)
class Plan:
    """The concession plan: from ``open_price`` to ``limit`` in ``rounds`` rounds of shape
    ``shape``, on the proposal's ``terms``."""

    open_price: float
    limit: float
    rounds: int
    shape: float
    terms: Terms

    def price(self, t: float) -> float:
        return planned_price(self.open_price, self.limit, t, self.rounds, self.shape)


def meeting_round(intercept: float, slope: float, start: int, plan: Plan) -> int | None:
    """The first round t ≥ ``start`` where intercept + slope·t reaches ``plan``; None when it
    never does (after the plan's last round its price is the limit)."""
    for t in range(max(start, 1), plan.rounds + 1):
        if intercept + slope * t >= plan.price(t):
            return t
    first_after = max(start, plan.rounds + 1)
    if intercept + slope * first_after >= plan.limit:
        return first_after
    if slope <= 0.0:
        return None
    needed = math.ceil((plan.limit - intercept) / slope - TOLERANCE)
    return max(needed, first_after)


# -- an offer as a package ----------------------------------------------------------------------


def _reference(offer: Offer, case: Case) -> tuple[Scenario | None, Reference]:
    if offer.from_ == "theirs" and case.demand_scenario is not None:
        return case.demand_scenario, "demand"
    return case.proposal_scenario, "proposal"


def offer_terms(offer: Offer, case: Case) -> OfferFigures:
    """The offer with its missing terms filled in from its reference, no figures yet."""
    scenario, reference = _reference(offer, case)
    filled = tuple(name for name in TERMS if getattr(offer, name) is None)

    def term(name: str) -> object:
        own = getattr(offer, name)
        if own is not None or scenario is None:
            return own
        return getattr(scenario, name)

    price = term("unit_price")
    change = term("annual_price_change_pct")
    days = term("payment_days")
    cap = term("liability_cap")
    return OfferFigures(
        id=offer.id,
        round=offer.round,
        date=offer.date,
        side=offer.from_,
        reference=reference,
        filled=filled,
        unit_price=float(price) if isinstance(price, int | float) else None,
        annual_price_change_pct=float(change) if isinstance(change, int | float) else 0.0,
        payment_days=int(days) if isinstance(days, int | float) else 30,
        liability_cap=float(cap) if isinstance(cap, int | float) else None,
    )


def evaluate_offer(base: OfferFigures, model: DealModel, plan: Plan | None) -> OfferFigures:
    """``base`` (from ``offer_terms``) with every figure of its package (module doc)."""
    if base.unit_price is None:
        return base
    terms = Terms(base.annual_price_change_pct, base.payment_days, base.liability_cap)
    figures = model.figures(Package(base.unit_price, terms))
    revenue = figures.revenue
    ours, theirs = figures.our_walk_away, figures.their_walk_away
    share = None
    if ours is not None and theirs is not None and theirs > ours:
        share = (base.unit_price - ours) / (theirs - ours)
    in_zone = None
    if figures.their_surplus is not None:
        in_zone = figures.acceptable_to_us and figures.their_surplus >= 0.0
    tolerance = TOLERANCE * max(abs(revenue), 1.0)
    below_walk = not figures.acceptable_to_us
    cost_walk = None
    if below_walk and ours is not None:
        cost_walk = (ours - base.unit_price) * model.our_factor(terms)
    planned = cost_plan = None
    if plan is not None and base.side == "ours":
        planned = plan.price(base.round)
        cost_plan = model.our_surplus(Package(planned, plan.terms)) - figures.our_surplus
    return replace(
        base,
        our_surplus=figures.our_surplus,
        their_surplus=figures.their_surplus,
        margin_pct=100.0 * figures.margin / revenue if revenue > 0.0 else None,
        conservative_margin_pct=(
            100.0 * (figures.margin - figures.expected_shortfall) / revenue
            if revenue > 0.0
            else None
        ),
        our_walk_away=ours,
        their_walk_away=theirs,
        in_zone=in_zone,
        share=share,
        planned_price=planned,
        below_plan=cost_plan is not None and cost_plan > tolerance,
        cost_vs_plan=cost_plan,
        below_walk_away=below_walk,
        cost_vs_walk_away=cost_walk,
    )


# -- the whole log --------------------------------------------------------------------------------


def build_plan(case: Case, zopa: Zopa) -> tuple[Plan | None, str | None]:
    """The case's concession plan, or None and why not."""
    proposal = case.proposal_scenario
    if proposal is None or proposal.unit_price is None:
        return None, _(NO_OPEN)
    info = case.info
    limit = info.plan_limit if info.plan_limit is not None else zopa.fair_price
    if limit is None:
        return None, _(NO_LIMIT)
    terms = Terms(proposal.annual_price_change_pct, proposal.payment_days, proposal.liability_cap)
    return Plan(proposal.unit_price, limit, info.plan_rounds, info.plan_shape, terms), None


def their_pace(offers: Iterable[OfferFigures], plan: Plan | None) -> TheirPace | None:
    """Their last three offers' least-squares line and where it meets ``plan`` (module doc)."""
    theirs = sorted(
        (
            (index, o)
            for index, o in enumerate(offers)
            if o.side == "theirs" and o.unit_price is not None
        ),
        key=lambda item: (item[1].round, item[0]),
    )[-PACE_OFFERS:]
    points = [(float(o.round), float(o.unit_price or 0.0)) for _, o in theirs]
    line = least_squares(points)
    if line is None:
        return None
    intercept, slope = line
    latest = max(o.round for _, o in theirs)
    meets = meeting_round(intercept, slope, latest, plan) if plan is not None else None
    return TheirPace(
        slope_per_round=slope,
        intercept=intercept,
        rounds=tuple(int(x) for x, _ in points),
        prices=tuple(y for _, y in points),
        meets_plan_in_round=meets,
        meets_plan_at_price=intercept + slope * meets if meets is not None else None,
    )


def talks_analysis(
    case: Case,
    zopa: Zopa,
    deal: DealAnalysis,
    retained: Mapping[str, Draws] | None = None,
) -> TalksAnalysis:
    """Every figure of SPEC §10 on the case's offers (module doc). ``deal.model`` evaluates
    the packages; ``retained`` are the Monte Carlo draws to reuse for the offers' caps."""
    info = case.info
    plan, plan_reason = build_plan(case, zopa)
    model = deal.model
    offers = [offer_terms(offer, case) for offer in case.offers]
    reason = None
    if model is None:
        reason = _(NO_VOLUME)
    else:
        caps = {o.liability_cap for o in offers if o.unit_price is not None}
        model.risk.prepare(caps, retained)
        offers = [evaluate_offer(o, model, plan) for o in offers]
    below_walk = False
    if plan is not None and model is not None:
        walk = model.our_walk_away(plan.terms)
        below_walk = walk is not None and plan.limit < walk
    return TalksAnalysis(
        plan=(
            tuple(PlanPoint(t, plan.price(t)) for t in range(1, plan.rounds + 1))
            if plan is not None
            else ()
        ),
        plan_rounds=info.plan_rounds,
        plan_shape=info.plan_shape,
        plan_open=plan.open_price if plan is not None else None,
        plan_limit=plan.limit if plan is not None else None,
        plan_limit_is_fair_price=plan is not None and info.plan_limit is None,
        plan_limit_below_walk_away=below_walk,
        plan_reason=plan_reason,
        offers=tuple(offers),
        their_pace=their_pace(offers, plan),
        reason=reason,
    )
