"""The proposal's risk figures under any liability cap, from the same per-risk draws (SPEC §8).

A deal package changes the liability cap c; its risk figures are taken under the proposal
scenario's risk overrides with the package's own cap. Only the ``capped_by_liability`` risks
feel the cap, and the cap applies to each drawn impact, so no new simulation is needed: the
occurrences of the capped risks under the proposal's overrides turn the proposal's simulated
total loss L_P into the total under any cap,

    L_c = L_P + Σ_occurrences (min(x, c) − min(x, c_P))      (c = None: uncapped)

added per run. At c = c_P the correction is exactly zero, so the proposal's own figures are the
Monte Carlo's, bit for bit; at another cap L_c differs from a fresh simulation of a scenario
with that cap only in the order of the floating-point additions (~10⁻¹⁶ relative).

Only an occurrence whose impact x exceeds min(c, c_P) changes anything. A risk whose highest
impact does not is skipped; of the others, the impact uniforms are compared with F(min(c, c_P))
first (integers, conservatively), and only the words that may exceed it are turned into
impacts. The draws are those the Monte Carlo kept for the sensitivity where they cover the
risk, else the risk's own stream read again (the same words). Memory: one run-sized array per
cap asked for at once, and one risk's occurrences at a time.

``CapRisk.shortfall`` caches ES_α per cap; ``prepare`` computes several caps in one pass (the
analysis asks for the grid's). ``risk_kept`` is the analytic X(c) = Σ over the capped risks of
E[loss uncapped] − E[loss capped at c] (§2's p·E[min(X, c)] per occurrence slot).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from desktop_app.analysis.montecarlo import Draws, Occurrence, RunMap, draw_blocks, slots_of
from desktop_app.analysis.streams import impact_uniforms, occurrence_threshold
from desktop_app.analysis.tail import LossTail, shortfall
from desktop_app.analysis.triangular import FloatArray, capped_mean, inverse_cdf
from desktop_app.domain.model import Risk, Scenario
from desktop_app.domain.validate import effective_risk

Cap = float | None
_LOW_MASK = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True, slots=True)
class CappedRisk:
    """A capped risk as the proposal sees it (overrides applied, no cap) and its slots."""

    risk_id: str
    view: Occurrence
    slots: int


def _bound(cap: Cap, base: Cap) -> float:
    """min(c, c_P): impacts at or below it lose the same under both caps."""
    return min(math.inf if cap is None else cap, math.inf if base is None else base)


def _below_share(view: Occurrence, t: float) -> float:
    """F(t) = P(X ≤ t) of the triangular impact."""
    a, b, h = view.triangle
    if t <= a:
        return 0.0
    if t >= h:
        return 1.0
    if t <= b:
        return (t - a) ** 2 / ((h - a) * (b - a))
    return 1.0 - (h - t) ** 2 / ((h - a) * (h - b))


def _min_cap(values: FloatArray, cap: Cap) -> FloatArray:
    return values if cap is None else np.minimum(values, cap)


class CapRisk:
    """ES_α and X of the proposal's loss under any cap (module doc); ``tail`` is the proposal's
    simulated loss and ``base_cap`` its cap."""

    def __init__(
        self,
        tail: LossTail,
        base_cap: Cap,
        capped: Sequence[CappedRisk],
        *,
        seed: int,
        pairing: Mapping[str, RunMap] | None = None,
    ) -> None:
        self.pairing = pairing or {}
        self.tail = tail
        self.base_cap = base_cap
        self.capped = tuple(capped)
        self.seed = seed
        self._shortfalls: dict[Cap, float] = {base_cap: tail.base.es}
        self._kept: dict[Cap, float] = {}

    def shortfall(self, cap: Cap) -> float:
        """ES_α of the proposal's loss under ``cap`` (cached per cap)."""
        if cap not in self._shortfalls:
            self.prepare((cap,))
        return self._shortfalls[cap]

    def losses(self, cap: Cap, retained: Mapping[str, Draws] | None = None) -> FloatArray:
        """The total loss of every run under ``cap``."""
        return self._losses((cap,), retained)[0]

    def prepare(self, caps: Iterable[Cap], retained: Mapping[str, Draws] | None = None) -> None:
        """Compute and cache ES_α for each of ``caps`` in one pass over the draws."""
        wanted = [c for c in dict.fromkeys(caps) if c not in self._shortfalls]
        if not wanted:
            return
        for cap, losses in zip(wanted, self._losses(wanted, retained), strict=True):
            self._shortfalls[cap] = shortfall(losses, self.tail.confidence)

    def risk_kept(self, cap: Cap) -> float:
        """X(c): Σ over the capped risks of E[loss uncapped] − E[loss with cap c] (0 uncapped)."""
        if cap is None:
            return 0.0
        cached = self._kept.get(cap)
        if cached is None:
            cached = self._kept[cap] = math.fsum(
                item.view.probability
                * item.slots
                * (capped_mean(*item.view.triangle, None) - capped_mean(*item.view.triangle, cap))
                for item in self.capped
                if item.view.probability > 0.0
            )
        return cached

    def _losses(
        self, caps: Sequence[Cap], retained: Mapping[str, Draws] | None
    ) -> list[FloatArray]:
        runs = self.tail.runs
        deltas = [np.zeros(runs) for _ in caps]
        bounds = [_bound(cap, self.base_cap) for cap in caps]
        for item in self.capped:
            view = item.view
            lowest = min(
                (b for b, cap in zip(bounds, caps, strict=True) if cap != self.base_cap),
                default=math.inf,
            )
            if view.probability <= 0.0 or view.high <= lowest:
                continue  # no occurrence can lose more under one cap than the other
            where, impacts = _exceeding(item, lowest, self.seed, runs, (retained or {}))
            dest = self.pairing.get(item.risk_id)
            if dest is not None:  # a correlated risk's losses sit in the runs of its pairing
                where = dest[where].astype(np.intp)
            if impacts.shape[0] == 0:
                continue
            base = _min_cap(impacts, self.base_cap)
            for delta, cap, bound in zip(deltas, caps, bounds, strict=True):
                if cap == self.base_cap or view.high <= bound:
                    continue
                change = _min_cap(impacts, cap) - base
                delta += np.bincount(where, weights=change, minlength=runs)
        return [
            self.tail.losses if cap == self.base_cap else self.tail.losses + delta
            for cap, delta in zip(caps, deltas, strict=True)
        ]


def _exceeding(
    item: CappedRisk, bound: float, seed: int, runs: int, retained: Mapping[str, Draws]
) -> tuple[np.ndarray, FloatArray]:
    """(run, uncapped impact) of the occurrences of ``item`` whose impact may exceed
    ``bound`` (all those that do, and a few just below it, whose correction is then 0)."""
    view = item.view
    threshold = occurrence_threshold(view.probability)
    end = item.slots * runs
    kept = retained.get(item.risk_id)
    if kept is not None and kept.threshold >= threshold and kept.end >= end:
        blocks: Iterable[Draws] = (kept,)
    else:
        blocks = draw_blocks(item.risk_id, threshold, slots=item.slots, seed=seed, runs=runs)
    floor = max(math.floor(_below_share(view, bound) * 2.0**32) - 2, 0)
    positions: list[np.ndarray] = []
    values: list[FloatArray] = []
    for draws in blocks:
        keep = draws.flat < end
        if threshold < 2**32:  # else every word occurs (probability 1)
            keep &= draws.words < np.uint64(threshold << 32)
        if floor > 0:
            keep &= (draws.words & _LOW_MASK) >= np.uint64(floor)
        words = draws.words[keep]
        positions.append(draws.flat[keep].astype(np.intp) % runs)
        values.append(inverse_cdf(impact_uniforms(words), *view.triangle))
    if not positions:
        return np.empty(0, dtype=np.intp), np.empty(0)
    return np.concatenate(positions), np.concatenate(values)


def capped_risks(risks: Sequence[Risk], proposal: Scenario) -> tuple[CappedRisk, ...]:
    """The capped risks as the proposal sees them (its overrides), without a cap, by id."""
    result = []
    for risk in sorted(risks, key=lambda r: r.id):
        if not risk.capped_by_liability:
            continue
        seen = effective_risk(risk, proposal)
        view = Occurrence(
            seen.probability, seen.impact_low, seen.impact_likely, seen.impact_high, None
        )
        result.append(CappedRisk(risk.id, view, slots_of(risk, proposal.years)))
    return tuple(result)


def cap_risk(
    risks: Sequence[Risk],
    proposal: Scenario,
    tail: LossTail,
    *,
    seed: int,
    pairing: Mapping[str, RunMap] | None = None,
) -> CapRisk:
    """The proposal's risk under any cap, from its simulated loss ``tail`` (``pairing``: the
    correlated risks' runs, as the Monte Carlo moved them)."""
    return CapRisk(
        tail, proposal.liability_cap, capped_risks(risks, proposal), seed=seed, pairing=pairing
    )
