"""Robustness of the value verdict for their side (SPEC §2 "Robustness").

The smallest single change that makes some alternative's EV reach V_theirs(our proposal):

* a score of one of their alternatives a on criterion c (within 0–10): EV_a rises by
  p_a·ŵ_c·Δ·10, so Δ = (V_prop − EV_a) / (10·p_a·ŵ_c);
* a score of our proposal on one of their criteria (within 0–10): V_prop falls by 10·ŵ_c·Δ,
  so Δ = gain / (10·ŵ_c) (their value BATNA then draws level);
* one normalised weight ŵ_c → x, the other weights rescaled by (1 − x)/(1 − ŵ_c) to keep the
  sum. Every option's value becomes V(x) = 10·(x·s_c + (1 − x)·R) with R the option's average
  score over the other criteria (weighted by their normalised weights), which is linear in x,
  so p_a·V_a(x) − V_prop(x) = 0 is solved exactly. When the other weights are all zero
  (ŵ_c = 1) the freed weight is shared equally among the other criteria.

Score changes count in score points, weight changes in weight points (ŵ × 100), and the
smallest number wins (ties: the input id in alphabetical order). If gain ≤ 0 the change is 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

from desktop_app.analysis.results import Robustness
from desktop_app.analysis.wording import fixed
from desktop_app.domain.model import Case, Criterion, Scenario
from desktop_app.i18n import _

ScoreUnit = Literal["score_points", "weight_points"]

#: A gain under this many points is "no clear winner".
CLEAR_WIN_POINTS = 10.0

_EPS = 1e-12

#: (change, input id, unit, label, alternative id, value before, value after)
Candidate = tuple[float, str, ScoreUnit, str, str, float, float]


def _score(scores: Mapping[str, float], criterion_id: str) -> float:
    return scores.get(criterion_id, 0.0)


def _rest(scores: Mapping[str, float], weights: Mapping[str, float], changed: str) -> float:
    """The option's average score over the criteria other than ``changed``."""
    share = weights[changed]
    others = [cid for cid in weights if cid != changed]
    if share < 1.0 - _EPS:
        return math.fsum(weights[cid] * _score(scores, cid) for cid in others) / (1.0 - share)
    return math.fsum(_score(scores, cid) for cid in others) / len(others)


def _weight_root(
    feasibility: float,
    alt_scores: Mapping[str, float],
    proposal_scores: Mapping[str, float],
    weights: Mapping[str, float],
    cid: str,
) -> float | None:
    """The normalised weight of ``cid`` nearest to today's at which p·V_alt = V_prop."""
    f0 = feasibility * _rest(alt_scores, weights, cid) - _rest(proposal_scores, weights, cid)
    f1 = feasibility * _score(alt_scores, cid) - _score(proposal_scores, cid)
    slope = f1 - f0
    current = weights[cid]
    if slope > 0.0 and f1 >= 0.0:
        root = -f0 / slope
        return root if root >= current else None
    if slope < 0.0 and f0 >= 0.0:
        root = -f0 / slope
        return root if root <= current else None
    return None


def robustness(
    case: Case,
    criteria: Sequence[Criterion],
    weights: Mapping[str, float],
    proposal: Scenario,
    gain: float,
    batna_id: str,
) -> Robustness:
    clear = gain >= CLEAR_WIN_POINTS
    if gain <= 0.0:
        return Robustness(
            0.0,
            None,
            None,
            None,
            batna_id,
            None,
            None,
            clear,
            _("one of their alternatives is already worth as much to them as our proposal"),
        )
    names = {c.id: c.name or c.id for c in criteria}
    proposal_value = 10.0 * math.fsum(w * _score(proposal.scores, c) for c, w in weights.items())
    candidates: list[Candidate] = []
    alternatives = case.alternatives_of("theirs")
    for alt in alternatives:
        if alt.feasibility <= 0.0:
            continue
        ev = (
            alt.feasibility
            * 10.0
            * math.fsum(w * _score(alt.scores, c) for c, w in weights.items())
        )
        for cid, share in weights.items():
            if share <= 0.0:
                continue
            lever = 10.0 * alt.feasibility * share  # points of EV per score point
            if lever <= 0.0:  # a weight and a feasibility so small their product underflows
                continue
            delta = (proposal_value - ev) / lever
            now = _score(alt.scores, cid)
            if now + delta <= 10.0 + 1e-9:
                label = _("score of “{alternative}” on “{criterion}”").format(
                    alternative=alt.name or alt.id, criterion=names[cid]
                )
                candidates.append(
                    (
                        delta,
                        f"alternatives.{alt.id}.scores.{cid}",
                        "score_points",
                        label,
                        alt.id,
                        now,
                        min(now + delta, 10.0),
                    )
                )
    for cid, share in weights.items():
        if share <= 0.0:
            continue
        if 10.0 * share <= 0.0:  # a weight too small to move anything (underflow)
            continue
        delta = gain / (10.0 * share)
        now = _score(proposal.scores, cid)
        if delta <= now + 1e-9:
            label = _("score of our proposal on “{criterion}”").format(criterion=names[cid])
            candidates.append(
                (
                    delta,
                    f"scenarios.{proposal.id}.scores.{cid}",
                    "score_points",
                    label,
                    batna_id,
                    now,
                    max(now - delta, 0.0),
                )
            )
    if len(weights) > 1:
        for cid, share in weights.items():
            for alt in alternatives:
                root = _weight_root(alt.feasibility, alt.scores, proposal.scores, weights, cid)
                if root is None:
                    continue
                label = _("weight of “{criterion}”").format(criterion=names[cid])
                candidates.append(
                    (
                        abs(root - share) * 100.0,
                        f"criteria.{cid}.weight",
                        "weight_points",
                        label,
                        alt.id,
                        share * 100.0,
                        root * 100.0,
                    )
                )
    if not candidates:
        return Robustness(
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            clear,
            _(
                "no single change of a score or a weight makes any of their alternatives worth "
                "as much to them as our proposal"
            ),
        )
    change, ident, unit, label, alt_id, before, after = min(candidates, key=lambda c: c[:2])
    alt_name = next((a.name or a.id for a in alternatives if a.id == alt_id), alt_id)
    description = (
        _(
            "changing the {label} from {before} to {after} ({change} score points) would make "
            "“{alternative}” worth as much to them as our proposal"
        )
        if unit == "score_points"
        else _(
            "changing the {label} from {before} to {after} ({change} weight points) would make "
            "“{alternative}” worth as much to them as our proposal"
        )
    )
    return Robustness(
        change=change,
        unit=unit,
        input=ident,
        label=label,
        alternative_id=alt_id,
        from_value=before,
        to_value=after,
        clear_winner=clear,
        description=description.format(
            label=label,
            before=fixed(before, 1),
            after=fixed(after, 1),
            change=fixed(change, 1),
            alternative=alt_name,
        ),
    )
