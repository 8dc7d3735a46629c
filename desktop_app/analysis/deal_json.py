"""``analyze --json``'s ``"deal"`` (SPEC §8), with §8's field names; numbers unrounded, an
unavailable figure ``null`` and ``reason`` / ``meso_note`` / ``improvement_note`` saying why."""

from __future__ import annotations

import math
from typing import Any

from desktop_app.analysis.deal_results import (
    DealAnalysis,
    DealSurplus,
    GridPackage,
    Improvement,
    MesoOffer,
    Trade,
)


def _num(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _package(item: DealSurplus | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "our_surplus": _num(item.our_surplus),
        "their_surplus": _num(item.their_surplus),
        "their_risk_kept": _num(item.their_risk_kept),
        "unit_price": _num(item.unit_price),
        "annual_price_change_pct": _num(item.annual_price_change_pct),
        "payment_days": item.payment_days,
        "liability_cap": _num(item.liability_cap),
        "acceptable_to_us": item.acceptable_to_us,
    }


def _trade(item: Trade) -> dict[str, Any]:
    return {
        "term": item.term,
        "ours": _num(item.ours),
        "theirs": _num(item.theirs),
        "cost_to_us": _num(item.cost_to_us),
        "value_to_them": _num(item.value_to_them),
        "price_equivalent": _num(item.price_equivalent),
        "their_cost_of_price": _num(item.their_cost_of_price),
        "joint_gain": _num(item.joint_gain),
        "verdict": item.verdict,
    }


def _meso(item: MesoOffer) -> dict[str, Any]:
    return {
        "unit_price": _num(item.unit_price),
        "annual_price_change_pct": _num(item.annual_price_change_pct),
        "payment_days": item.payment_days,
        "liability_cap": _num(item.liability_cap),
        "our_surplus": _num(item.our_surplus),
        "their_surplus": _num(item.their_surplus),
        "is_proposal": item.is_proposal,
    }


def _improvement(item: Improvement | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "unit_price": _num(item.unit_price),
        "annual_price_change_pct": _num(item.annual_price_change_pct),
        "payment_days": item.payment_days,
        "liability_cap": _num(item.liability_cap),
        "price_low": _num(item.price_low),
        "price_high": _num(item.price_high),
        "our_gain": _num(item.our_gain),
        "their_gain": _num(item.their_gain),
    }


def _grid(item: GridPackage) -> dict[str, Any]:
    return {
        "annual_price_change_pct": _num(item.annual_price_change_pct),
        "payment_days": item.payment_days,
        "liability_cap": _num(item.liability_cap),
        "our_walk_away": _num(item.our_walk_away),
        "their_walk_away": _num(item.their_walk_away),
        "price_low": _num(item.price_low),
        "price_high": _num(item.price_high),
        "our_surplus_low": _num(item.our_surplus_low),
        "their_surplus_low": _num(item.their_surplus_low),
        "our_surplus_high": _num(item.our_surplus_high),
        "their_surplus_high": _num(item.their_surplus_high),
    }


def deal_to_json(deal: DealAnalysis) -> dict[str, Any]:
    """§8's keys first (``their_cost_of_capital_pct``, ``proposal``, ``trades``, ``meso``,
    ``improvement``), then what a program may also want (our money BATNA, B_ref, their demand
    as a package, the grid for the chart, the notes)."""
    return {
        "their_cost_of_capital_pct": _num(deal.their_cost_of_capital_pct),
        "proposal": _package(deal.proposal),
        "trades": None if deal.trades is None else [_trade(t) for t in deal.trades],
        "meso": None if deal.meso is None else [_meso(m) for m in deal.meso],
        "improvement": _improvement(deal.improvement),
        "their_cost_of_capital_assumed": deal.their_cost_of_capital_assumed,
        "our_batna_alternative": deal.our_batna_alternative,
        "our_batna_value": _num(deal.our_batna_value),
        "their_reference_cost": _num(deal.their_reference_cost),
        "demand": _package(deal.demand),
        "grid": [_grid(g) for g in deal.grid],
        "reason": deal.reason,
        "meso_note": deal.meso_note,
        "improvement_note": deal.improvement_note,
    }
