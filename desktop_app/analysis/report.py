"""The ``analyze`` command's output: JSON (SPEC §5) and a report for a person.

JSON units: money in the case currency, ``*_pct`` in percent, probabilities and ``our_share``
as fractions, values in points; every number unrounded; an unavailable figure is ``null`` and
the readiness items name the reason (``affects``). Keys are inserted in a fixed order (the
scenarios in case order), NaN and infinities never occur, so the same case always gives
byte-identical output with ``json.dumps``.
"""

from __future__ import annotations

import math
from typing import Any

from desktop_app.analysis.deal_json import deal_to_json
from desktop_app.analysis.figures import SCENARIO_FIGURES, SCENARIO_INPUTS
from desktop_app.analysis.results import (
    CaseAnalysis,
    IntelligenceItem,
    Readiness,
    Robustness,
    ScenarioAnalysis,
    SensitivityItem,
    SideValue,
    ValueView,
    WalkAwayDistribution,
    Zopa,
)
from desktop_app.analysis.talks_json import talks_to_json
from desktop_app.analysis.their_walk_away import QUANTILE_METHOD
from desktop_app.domain.model import Case

__all__ = ["analysis_to_json"]

#: Bumped when the JSON changes incompatibly.
FORMAT_VERSION = 1


def _num(value: float | None) -> float | None:
    """A JSON-safe number: None stays None; a non-finite value (never expected) becomes None."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _scenario(item: ScenarioAnalysis) -> dict[str, Any]:
    """The scenario's inputs and every catalogue figure under its key, plus the figures only
    a program needs (K, Q, the simulated mean, the walk-away note, the histogram)."""
    money, loss = item.money, item.loss
    result: dict[str, Any] = {"name": item.name, "role": item.role, "years": item.years}
    for figure in (*SCENARIO_INPUTS, *SCENARIO_FIGURES):
        if figure.key != "years":
            result[figure.key] = _num(figure.value(item))
        if figure.error is not None:
            result[f"{figure.key}_se"] = _num(figure.error(item))
    result.update(
        {
            "price_weighted_volume": _num(money.price_weighted_volume),
            "units": _num(money.units),
            "simulated_mean_loss": _num(loss.simulated_mean),
            "p_no_loss": _num(loss.p_no_loss),
            "walk_away_note": item.walk_away_note,
            "histogram": {
                "edges": [_num(e) for e in loss.histogram.edges],
                "counts": list(loss.histogram.counts),
            },
        }
    )
    return result


def _zopa(zopa: Zopa) -> dict[str, Any]:
    gap = None
    if zopa.width is not None and not zopa.exists:
        gap = _num(-zopa.width)
    return {
        "scenario": zopa.scenario_id,
        "our_walk_away": _num(zopa.our_walk_away),
        "their_walk_away": _num(zopa.their_walk_away),
        "their_walk_away_price_only": _num(zopa.their_walk_away_price_only),
        "their_batna_alternative": zopa.their_batna_alternative,
        "exists": zopa.exists,
        "width": _num(zopa.width),
        "gap": gap,
        "fair_price": _num(zopa.fair_price),
        "proposal_price": _num(zopa.proposal_price),
        "our_share": _num(zopa.our_share),
        "verdict": zopa.verdict,
        "fair_band": [zopa.fair_band[0], zopa.fair_band[1]],
        "left_out": list(zopa.left_out),
        "alternatives": [
            {
                "id": row.alternative_id,
                "name": row.name,
                "unit_price": _num(row.unit_price),
                "switching_cost": _num(row.switching_cost),
                "failure_cost": _num(row.failure_cost),
                "feasibility": _num(row.feasibility),
                "total_cost": _num(row.total_cost),
                "effective_price": _num(row.effective_price),
                "effective_price_price_only": _num(row.effective_price_price_only),
                "cost_per_unit": _num(row.cost_per_unit),
            }
            for row in zopa.alternatives
        ],
    }


def _robustness(item: Robustness | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "change": _num(item.change),
        "unit": item.unit,
        "input": item.input,
        "label": item.label,
        "alternative": item.alternative_id,
        "from": _num(item.from_value),
        "to": _num(item.to_value),
        "clear_winner": item.clear_winner,
        "description": item.description,
    }


def _side(view: SideValue) -> dict[str, Any]:
    result: dict[str, Any] = {
        "available": view.available,
        "reason": view.reason,
        "batna_alternative": view.batna_alternative,
        "batna_value": _num(view.batna_value),
        "proposal_value": _num(view.proposal_value),
        "gain": _num(view.gain),
    }
    result["left_out"] = list(view.left_out)
    if view.side == "theirs":
        result["robustness"] = _robustness(view.robustness)
    result["weights"] = {cid: _num(w) for cid, w in view.weights}
    result["options"] = [
        {
            "id": o.id,
            "kind": o.kind,
            "name": o.name,
            "value": _num(o.value),
            "feasibility": _num(o.feasibility),
            "expected_value": _num(o.expected_value),
        }
        for o in view.options
    ]
    return result


def _value(value: ValueView) -> dict[str, Any]:
    return {
        "theirs": _side(value.theirs),
        "ours": _side(value.ours),
        "leverage": _num(value.leverage),
        "leverage_reason": value.leverage_reason,
        "missing_scores": value.missing_scores,
    }


def _sensitivity(item: SensitivityItem) -> dict[str, Any]:
    return {
        "input": item.input,
        "label": item.label,
        "moves": item.moves,
        "value": _num(item.value),
        "value_low": _num(item.value_low),
        "value_high": _num(item.value_high),
        "low": _num(item.low),
        "high": _num(item.high),
        "swing": _num(item.swing),
        "our_walk_away_low": _num(item.our_walk_away_low),
        "our_walk_away_high": _num(item.our_walk_away_high),
        "their_walk_away_low": _num(item.their_walk_away_low),
        "their_walk_away_high": _num(item.their_walk_away_high),
        "breaks": item.breaks,
    }


def _intelligence(item: IntelligenceItem) -> dict[str, Any]:
    return {
        "input": item.input,
        "label": item.label,
        "moves": item.moves,
        "value": _num(item.value),
        "swing": _num(item.swing),
        "breaks": item.breaks,
        "question": item.question,
    }


def _readiness(readiness: Readiness) -> dict[str, Any]:
    return {
        "score": _num(readiness.score),
        "passed": readiness.passed,
        "total": readiness.total,
        "items": [
            {
                "id": item.id,
                "label": item.label,
                "passed": item.passed,
                "todo": item.todo,
                "detail": item.detail,
                "affects": list(item.affects),
            }
            for item in readiness.items
        ],
    }


def analysis_to_json(case: Case, analysis: CaseAnalysis) -> dict[str, Any]:
    """The §5 structure of ``analyze --json`` (plus a few extra keys the GUI and PDFs use)."""
    settings = analysis.settings
    return {
        "format": "leverage-analysis",
        "version": FORMAT_VERSION,
        "title": case.info.title,
        "currency": settings.currency,
        "settings": {
            "simulation_runs": settings.runs,
            "simulation_seed": settings.seed,
            "risk_confidence": settings.risk_confidence,
            "sensitivity_pct": settings.sensitivity_pct,
            "min_margin_pct": settings.min_margin_pct,
            "cost_of_capital_pct": settings.cost_of_capital_pct,
            "their_cost_of_capital_pct": settings.their_cost_of_capital_pct,
            "quantile_method": settings.quantile_method,
            "tail_runs": _num(settings.tail_runs),
            "runs_needed": settings.runs_needed,
            "tail_too_thin": settings.tail_too_thin,
        },
        "scenarios": {item.id: _scenario(item) for item in analysis.scenarios},
        "zopa": _zopa(analysis.zopa),
        "value": _value(analysis.value),
        "sensitivity": [_sensitivity(item) for item in analysis.sensitivity],
        "intelligence": [_intelligence(item) for item in analysis.intelligence],
        "deal": deal_to_json(analysis.deal),
        "talks": talks_to_json(analysis.talks),
        "readiness": _readiness(analysis.readiness),
        "their_walk_away_distribution": _distribution(analysis.their_walk_away),
    }


def _distribution(found: WalkAwayDistribution | None) -> dict[str, Any] | None:
    """SPEC §9's keys first, then what the app and the documents also show."""
    if found is None:
        return None
    return {
        "p10": _num(found.p10),
        "p50": _num(found.p50),
        "p90": _num(found.p90),
        "p_deal": _num(found.p_deal),
        "p_no_zone": _num(found.p_no_zone),
        "best_offer": _num(found.best_offer),
        "best_offer_p_deal": _num(found.best_offer_p_deal),
        "best_offer_expected_surplus": _num(found.best_offer_expected_surplus),
        "curve": [[_num(price), _num(share)] for price, share in found.curve],
        "best_offer_note": found.best_offer_note,
        "runs": found.runs,
        "ranged_alternatives": list(found.ranged_alternatives),
        "quantile_method": QUANTILE_METHOD,
    }
