"""The tornado's risk inputs (SPEC §2 "Sensitivity"): each risk's probability and likely
impact moved on the very same draws, and, for a capped risk while a cap is set, the expected
loss above the cap that stays with them (X, SPEC §8) moved with it. See ``sensitivity.py``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import partial

import numpy as np

from desktop_app.analysis.montecarlo import (
    Draws,
    Occurrence,
    RunMap,
    contributions,
    occurrence_of,
    slots_of,
)
from desktop_app.analysis.results import Moves
from desktop_app.analysis.sensitivity_base import Baseline, Move, ProposalInputs, TornadoInput
from desktop_app.analysis.tail import LossTail
from desktop_app.analysis.triangular import capped_mean
from desktop_app.domain.model import Case, Risk, Scenario
from desktop_app.i18n import _


def risk_inputs(
    case: Case,
    proposal: Scenario,
    line: Baseline,
    tail: LossTail,
    move: Move,
    retained: dict[str, Draws],
    tick: Callable[[], None] | None,
    pairing: Mapping[str, RunMap] | None = None,
) -> list[TornadoInput]:
    result: list[TornadoInput] = []
    demand = case.demand_scenario
    reference_cap = demand.liability_cap if demand is not None else None
    for risk in sorted(case.risks, key=lambda r: r.id):
        view = occurrence_of(risk, proposal)
        moved_views = _risk_moves(view, move)
        shortfalls = _moved_shortfalls(
            case,
            risk,
            proposal,
            view,
            moved_views,
            tail,
            retained.pop(risk.id, None),
            (pairing or {}).get(risk.id),
        )
        name = risk.name or risk.id
        (p_lo, p_hi, l_lo, l_hi), (es_p_lo, es_p_hi, es_l_lo, es_l_hi) = moved_views, shortfalls
        caps = _caps_felt(risk, proposal, reference_cap)
        moves: Moves = "both" if caps else "ours"
        slots = slots_of(risk, proposal.years)
        kept = partial(_kept, line.base, view, caps=caps, slots=slots)

        result.append(
            TornadoInput(
                f"risks.{risk.id}.probability",
                _("Probability of {name}").format(name=name),
                moves,
                view.probability,
                p_lo.probability,
                p_hi.probability,
                line.with_risk(es_p_lo, kept(p_lo)),
                line.with_risk(es_p_hi, kept(p_hi)),
            )
        )
        result.append(
            TornadoInput(
                f"risks.{risk.id}.impact_likely",
                _("Likely impact of {name}").format(name=name),
                moves,
                view.likely,
                l_lo.likely,
                l_hi.likely,
                line.with_risk(es_l_lo, kept(l_lo)),
                line.with_risk(es_l_hi, kept(l_hi)),
            )
        )
        if tick is not None:
            tick()
    return result


Cap = float | None
#: (their risk kept under our cap, under their demand's cap) with a risk moved; None: unmoved.
Kept = tuple[float, float] | None


def _caps_felt(risk: Risk, proposal: Scenario, reference_cap: Cap) -> tuple[Cap, Cap] | None:
    """(our cap, their demand's cap) when the risk is capped and either cap is set: its moves
    then change the risk they keep, X, and so their walk-away."""
    if not risk.capped_by_liability:
        return None
    if proposal.liability_cap is None and reference_cap is None:
        return None
    return proposal.liability_cap, reference_cap


def _above(view: Occurrence, cap: Cap, slots: int) -> float:
    """The risk's expected loss above ``cap`` (0 uncapped): its part of X."""
    if cap is None or view.probability <= 0.0:
        return 0.0
    full = capped_mean(view.low, view.likely, view.high, None)
    return view.probability * slots * (full - capped_mean(view.low, view.likely, view.high, cap))


def _kept(
    base: ProposalInputs,
    view: Occurrence,
    moved: Occurrence,
    *,
    caps: tuple[Cap, Cap] | None,
    slots: int,
) -> Kept:
    if caps is None:
        return None
    if moved == view:
        return base.proposal_kept, base.reference_kept
    ours, theirs = caps
    return (
        base.proposal_kept - _above(view, ours, slots) + _above(moved, ours, slots),
        base.reference_kept - _above(view, theirs, slots) + _above(moved, theirs, slots),
    )


def _risk_moves(
    view: Occurrence, move: Move
) -> tuple[Occurrence, Occurrence, Occurrence, Occurrence]:
    p_lo, p_hi = move.values(view.probability, "risk.probability", 0.0, 1.0)
    l_lo, l_hi = move.values(view.likely, "risk.likely", view.low, view.high)
    return (
        replace(view, probability=p_lo),
        replace(view, probability=p_hi),
        replace(view, likely=l_lo),
        replace(view, likely=l_hi),
    )


def _moved_shortfalls(
    case: Case,
    risk: Risk,
    proposal: Scenario,
    view: Occurrence,
    moves: Sequence[Occurrence],
    tail: LossTail,
    retained: Draws | None,
    dest: RunMap | None = None,
) -> list[float]:
    """ES of the proposal with the risk moved each way, on the same draws."""
    base_es = tail.base.es
    if not any(v.can_lose for v in (view, *moves)):  # impacts 0 or a zero cap
        return [base_es] * len(moves)
    runs, (base, *moved) = contributions(
        risk,
        [view, *moves],
        slots=slots_of(risk, proposal.years),
        seed=case.info.simulation_seed,
        runs=tail.runs,
        retained=retained,
        dest=dest,
    )
    shortfalls = []
    before = tail.losses[runs]
    for contribution in moved:
        delta = contribution - base
        changed = np.flatnonzero(delta)
        old_values = before[changed]
        tail_moved = tail.variant_tail(runs[changed], old_values, old_values + delta[changed])
        shortfalls.append(tail_moved.es)
    return shortfalls
