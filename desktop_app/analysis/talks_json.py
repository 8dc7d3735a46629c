"""``analyze --json``'s ``"talks"`` (SPEC §10): ``{"plan": [{round, price}], "offers": [{id,
our_surplus, their_surplus, margin_pct, conservative_margin_pct, in_zone, share, below_plan,
below_walk_away, cost_vs_plan}], "their_pace": {slope_per_round, meets_plan_in_round} |
null}``, with a few more keys the app and the card read (the offer's terms as evaluated, the
plan's ends, the reasons). Every number unrounded; an unavailable one null."""

from __future__ import annotations

import math
from typing import Any

from desktop_app.analysis.talks_results import OfferFigures, TalksAnalysis, TheirPace


def _num(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _offer(offer: OfferFigures) -> dict[str, Any]:
    return {
        "id": offer.id,
        "round": offer.round,
        "date": offer.date,
        "from": offer.side,
        "unit_price": _num(offer.unit_price),
        "annual_price_change_pct": _num(offer.annual_price_change_pct),
        "payment_days": offer.payment_days,
        "liability_cap": _num(offer.liability_cap),
        "terms_from": offer.reference,
        "filled": list(offer.filled),
        "our_surplus": _num(offer.our_surplus),
        "their_surplus": _num(offer.their_surplus),
        "margin_pct": _num(offer.margin_pct),
        "conservative_margin_pct": _num(offer.conservative_margin_pct),
        "our_walk_away": _num(offer.our_walk_away),
        "their_walk_away": _num(offer.their_walk_away),
        "in_zone": offer.in_zone,
        "share": _num(offer.share),
        "planned_price": _num(offer.planned_price),
        "below_plan": offer.below_plan,
        "below_walk_away": offer.below_walk_away,
        "cost_vs_plan": _num(offer.cost_vs_plan),
        "cost_vs_walk_away": _num(offer.cost_vs_walk_away),
    }


def _pace(pace: TheirPace | None) -> dict[str, Any] | None:
    if pace is None:
        return None
    return {
        "slope_per_round": _num(pace.slope_per_round),
        "meets_plan_in_round": pace.meets_plan_in_round,
        "intercept": _num(pace.intercept),
        "rounds": list(pace.rounds),
        "prices": [_num(p) for p in pace.prices],
        "meets_plan_at_price": _num(pace.meets_plan_at_price),
    }


def talks_to_json(talks: TalksAnalysis) -> dict[str, Any]:
    return {
        "plan": [{"round": p.round, "price": _num(p.price)} for p in talks.plan],
        "offers": [_offer(o) for o in talks.offers],
        "their_pace": _pace(talks.their_pace),
        "plan_rounds": talks.plan_rounds,
        "plan_shape": _num(talks.plan_shape),
        "plan_open": _num(talks.plan_open),
        "plan_limit": _num(talks.plan_limit),
        "plan_limit_is_fair_price": talks.plan_limit_is_fair_price,
        "plan_limit_below_walk_away": talks.plan_limit_below_walk_away,
        "plan_reason": talks.plan_reason,
        "reason": talks.reason,
    }
