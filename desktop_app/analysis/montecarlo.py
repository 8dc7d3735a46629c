"""The Monte Carlo of the total loss L of each scenario (SPEC §2 "Risk").

Streams and the draw layout are documented in ``streams.py``. Summation: a risk's
contribution to run i is the sum of its slots' losses (slot order), and L is the sum of the
contributions in risk-id order, so the figures do not depend on the order of the register.
Runs are processed in chunks of ``CHUNK`` words; memory is O(runs × scenarios) for the totals
plus O(CHUNK) for the draws, whatever the number of risks and years.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from desktop_app.analysis.streams import (
    WordArray,
    impacts,
    occurrence_threshold,
    occurring,
    read_words,
    risk_stream,
)
from desktop_app.analysis.tail import IndexArray
from desktop_app.analysis.triangular import FloatArray
from desktop_app.domain.model import Risk, Scenario
from desktop_app.domain.validate import effective_risk

#: Words read at a time from one stream (bounds the draw buffers, not the results).
CHUNK = 32_768


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a risk as a scenario sees it: overrides applied, cap decided."""

    probability: float
    low: float
    likely: float
    high: float
    cap: float | None

    @property
    def shape(self) -> tuple[float, float, float, float | None]:
        return (self.low, self.likely, self.high, self.cap)

    @property
    def can_lose(self) -> bool:
        return self.probability > 0.0 and self.high > 0.0 and (self.cap is None or self.cap > 0)


def occurrence_of(risk: Risk, scenario: Scenario) -> Occurrence:
    """The risk under the scenario's overrides, capped when it is capped by liability and the
    scenario sets a cap."""
    seen = effective_risk(risk, scenario)
    cap = scenario.liability_cap if risk.capped_by_liability else None
    return Occurrence(seen.probability, seen.impact_low, seen.impact_likely, seen.impact_high, cap)


def slots_of(risk: Risk, years: int) -> int:
    """Occurrence slots: one per contract year for ``per_year`` risks, else one."""
    return years if risk.frequency == "per_year" else 1


Hits = tuple[IndexArray, FloatArray]


def chunk_hits(words: WordArray, views: Sequence[Occurrence]) -> list[Hits]:
    """For each view, the indices of the words where it occurs and the losses there.

    Views with the same impact shape share one impact computation: the occurrences of the
    likeliest of them, filtered down for the others (the same numbers, element by element).
    """
    hits: list[Hits | None] = [None] * len(views)
    thresholds = [occurrence_threshold(v.probability) for v in views]
    by_shape: dict[tuple[float, float, float, float | None], list[int]] = {}
    for i, view in enumerate(views):
        by_shape.setdefault(view.shape, []).append(i)
    for shape, members in by_shape.items():
        top = max(thresholds[i] for i in members)
        index = occurring(words, top)
        values = impacts(words[index], *shape)
        chosen = words[index]
        for i in members:
            if thresholds[i] == top:
                hits[i] = (index, values)
            else:
                keep = chosen < np.uint64(thresholds[i] << 32)
                hits[i] = (index[keep], values[keep])
    return [h for h in hits if h is not None]


def simulate_totals(
    risks: Sequence[Risk],
    scenarios: Sequence[Scenario],
    *,
    seed: int,
    runs: int,
    chunk: int = CHUNK,
    tick: Callable[[], None] | None = None,
) -> FloatArray:
    """L for every scenario: an array of shape (len(scenarios), runs). ``tick`` is called
    after each risk (progress, cancellation)."""
    totals = np.zeros((len(scenarios), runs))
    for risk in sorted(risks, key=lambda r: r.id):
        _add_risk(totals, risk, scenarios, seed=seed, runs=runs, chunk=chunk)
        if tick is not None:
            tick()
    return totals


def _add_risk(
    totals: FloatArray,
    risk: Risk,
    scenarios: Sequence[Scenario],
    *,
    seed: int,
    runs: int,
    chunk: int,
) -> None:
    members: dict[Occurrence, list[tuple[int, int]]] = {}
    for index, scenario in enumerate(scenarios):
        view = occurrence_of(risk, scenario)
        if view.can_lose:
            members.setdefault(view, []).append((index, slots_of(risk, scenario.years)))
    if not members:
        return
    views = list(members)
    last_slot = {view: max(slots for _, slots in members[view]) for view in views}
    running = {view: np.zeros(runs) for view in views if last_slot[view] > 1}
    stream = risk_stream(seed, risk.id)
    for slot in range(max(last_slot.values())):
        live = [view for view in views if last_slot[view] > slot]
        for start in range(0, runs, chunk):
            words = read_words(stream, min(chunk, runs - start))
            for view, (index, values) in zip(live, chunk_hits(words, live), strict=True):
                if view in running:
                    running[view][start + index] += values
                else:
                    for scenario_index, _ in members[view]:
                        totals[scenario_index, start + index] += values
        for view in live:
            if view in running:
                for scenario_index, slots in members[view]:
                    if slots == slot + 1:
                        totals[scenario_index] += running[view]


def contributions(
    risk: Risk,
    views: Sequence[Occurrence],
    *,
    slots: int,
    seed: int,
    runs: int,
    chunk: int = CHUNK,
) -> list[FloatArray]:
    """Each view's contribution of ``risk`` to every run, over ``slots`` slots, from the risk's
    own stream: the same numbers ``simulate_totals`` adds for a scenario with that view."""
    result = [np.zeros(runs) for _ in views]
    if not any(view.can_lose for view in views):
        return result
    stream = risk_stream(seed, risk.id)
    for _ in range(slots):
        for start in range(0, runs, chunk):
            words = read_words(stream, min(chunk, runs - start))
            for target, (index, values) in zip(result, chunk_hits(words, views), strict=True):
                target[start + index] += values
    return result
