"""The Monte Carlo of the total loss L of each scenario (SPEC §2 "Risk").

Streams and the draw layout are documented in ``streams.py``: word y·n + i of a risk's stream
is occurrence slot y of run i. Summation: a risk's contribution to run i is the sum of its
slots' losses in slot order, 0 + x₀ + x₁ + …, and L is the sum of the contributions in
risk-id order, so the figures do not depend on the order of the register.

The stream is read in blocks of at most ``CHUNK`` words (a block may hold several slots, or
part of one); since reading is sequential and the additions happen in the same order whatever
the block boundaries, the block size never changes a result. Memory: the totals (scenarios ×
runs), one running contribution per distinct view of the risk being processed, and one block
of draws — independent of the number of risks and years.

The sensitivity needs each risk's draws again for the proposal (``contributions``). So as not
to read every stream twice, ``simulate_totals`` can keep the proposal's occurring words of each
risk (``Retain``: position and word, 12 bytes each, up to a budget of 8 million words ≈ 96 MB;
risks past the budget are read again). Kept or read again, the numbers are the same.

Correlated risks (SPEC §9) are paired by moving each one's per-run losses to other runs, once
summed over its slots (``correlation``: ``dest``); ``contributions`` moves them the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from desktop_app.analysis.streams import (
    WordArray,
    impact_uniforms,
    occurrence_threshold,
    occurring,
    read_words,
    risk_stream,
)
from desktop_app.analysis.tail import IndexArray
from desktop_app.analysis.triangular import FloatArray, inverse_cdf
from desktop_app.domain.model import Risk, Scenario
from desktop_app.domain.validate import effective_risk

#: A correlated risk's pairing: run i's losses go to run ``dest[i]`` (``correlation``).
RunMap = npt.NDArray[np.int32]

#: Words read at a time from one stream (bounds the draw buffers, not the results).
CHUNK = 1 << 18


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a risk as a scenario sees it: overrides applied, cap decided."""

    probability: float
    low: float
    likely: float
    high: float
    cap: float | None

    @property
    def triangle(self) -> tuple[float, float, float]:
        return (self.low, self.likely, self.high)

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


@dataclass(frozen=True, slots=True)
class Draws:
    """The words of one stretch [start, end) of a risk's stream (flat positions slot·runs + run)
    whose occurrence uniform is under ``threshold``'s probability: positions ascending."""

    start: int
    end: int
    threshold: int
    flat: IndexArray
    words: WordArray


@dataclass(frozen=True, slots=True)
class Block:
    """Draws evaluated for several views: each view's occurrences and losses."""

    draws: Draws
    losses: list[FloatArray]
    selected: list[IndexArray | None]  # per view: positions into ``draws.flat`` (None: all)

    def of_view(self, v: int) -> tuple[IndexArray, FloatArray]:
        """The flat positions where view ``v`` occurs and its losses there."""
        keep = self.selected[v]
        flat = self.draws.flat
        return (flat if keep is None else flat[keep]), self.losses[v]


def draw_blocks(
    risk_id: str, threshold: int, *, slots: int, seed: int, runs: int, chunk: int = CHUNK
) -> Iterator[Draws]:
    """The risk's stream over ``slots`` slots, ``chunk`` words at a time, keeping the words
    whose occurrence uniform is under the threshold."""
    stream = risk_stream(seed, risk_id)
    total = slots * runs
    for start in range(0, total, chunk):
        words = read_words(stream, min(chunk, total - start))
        index = occurring(words, threshold)
        yield Draws(start, start + words.shape[0], threshold, index + start, words[index])


def evaluate(draws: Draws, views: Sequence[Occurrence]) -> Block:
    """Each view's occurrences among the draws and their (capped) losses.

    Views with the same triangle share one impact computation; a view less likely than the
    draws' threshold takes the subset of them under its own threshold (the same numbers,
    element by element).
    """
    uniforms = impact_uniforms(draws.words)
    impacts: dict[tuple[float, float, float], FloatArray] = {}
    capped: dict[tuple[tuple[float, float, float], float | None], FloatArray] = {}
    subsets: dict[int, IndexArray] = {}
    losses: list[FloatArray] = []
    selected: list[IndexArray | None] = []
    for view in views:
        values = capped.get((view.triangle, view.cap))
        if values is None:
            values = impacts.get(view.triangle)
            if values is None:
                values = impacts[view.triangle] = inverse_cdf(uniforms, *view.triangle)
            if view.cap is not None:
                values = np.minimum(values, view.cap)
            capped[(view.triangle, view.cap)] = values
        threshold = occurrence_threshold(view.probability)
        keep: IndexArray | None = None
        if threshold < draws.threshold:
            keep = subsets.get(threshold)
            if keep is None:
                keep = subsets[threshold] = np.flatnonzero(draws.words < np.uint64(threshold << 32))
            values = values[keep]
        losses.append(values)
        selected.append(keep)
    return Block(draws, losses, selected)


def slot_segments(flat: IndexArray, runs: int) -> Iterator[tuple[int, int, int]]:
    """(slot, lo, hi): ``flat[lo:hi]`` are the positions in that slot (``flat`` ascending)."""
    if flat.shape[0] == 0:
        return
    first, last = int(flat[0]) // runs, int(flat[-1]) // runs
    bounds = np.searchsorted(flat, np.arange(first, last + 2) * runs)
    for offset, slot in enumerate(range(first, last + 1)):
        lo, hi = int(bounds[offset]), int(bounds[offset + 1])
        if hi > lo:
            yield slot, lo, hi


def accumulate(target: FloatArray, flat: IndexArray, values: FloatArray, runs: int) -> None:
    """Add each loss to its run, slot after slot (the summation order of the module doc)."""
    for slot, lo, hi in slot_segments(flat, runs):
        target[flat[lo:hi] - slot * runs] += values[lo:hi]


@dataclass(frozen=True, slots=True)
class Retain:
    """Keep, for a later look at one scenario (the sensitivity), each risk's draws up to
    probability min(1, p·factor) over that scenario's slots — at most ``budget`` words in all
    (risks past the budget are simply read again later)."""

    scenario_index: int
    factor: float
    budget: int = 8_000_000


@dataclass
class Simulation:
    """The total loss of every scenario and run, and the draws kept for the sensitivity."""

    totals: FloatArray  # (scenarios, runs)
    retained: dict[str, Draws]


def raised(probability: float, factor: float) -> float:
    """A probability moved up by ``factor``, clipped to 1."""
    return min(max(probability * factor, 0.0), 1.0)


def simulate_totals(
    risks: Sequence[Risk],
    scenarios: Sequence[Scenario],
    *,
    seed: int,
    runs: int,
    chunk: int = CHUNK,
    tick: Callable[[], None] | None = None,
    retain: Retain | None = None,
    pairing: Mapping[str, RunMap] | None = None,
) -> Simulation:
    """L for every scenario: ``totals`` has shape (len(scenarios), runs). ``tick`` is called
    after each risk (progress, cancellation). ``pairing`` moves a correlated risk's losses to
    other runs (``correlation``: run i's go to run ``dest[i]``), after its draws are summed."""
    result = Simulation(np.zeros((len(scenarios), runs)), {})
    budget = retain.budget if retain is not None else 0
    for risk in sorted(risks, key=lambda r: r.id):
        keep = None
        if retain is not None:
            scenario = scenarios[retain.scenario_index]
            view = occurrence_of(risk, scenario)
            if view.can_lose:
                slots = slots_of(risk, scenario.years)
                keep = (occurrence_threshold(raised(view.probability, retain.factor)), slots)
        kept = _add_risk(
            result.totals,
            risk,
            scenarios,
            seed=seed,
            runs=runs,
            chunk=chunk,
            keep=keep if budget > 0 else None,
            dest=(pairing or {}).get(risk.id),
        )
        if kept is not None:
            result.retained[risk.id] = kept
            budget -= kept.words.shape[0]
        if tick is not None:
            tick()
    return result


def _add_risk(
    totals: FloatArray,
    risk: Risk,
    scenarios: Sequence[Scenario],
    *,
    seed: int,
    runs: int,
    chunk: int,
    keep: tuple[int, int] | None,
    dest: RunMap | None = None,
) -> Draws | None:
    members: dict[Occurrence, list[tuple[int, int]]] = {}
    for index, scenario in enumerate(scenarios):
        view = occurrence_of(risk, scenario)
        if view.can_lose:
            members.setdefault(view, []).append((index, slots_of(risk, scenario.years)))
    if not members:
        return None
    views = list(members)
    last = [max(n for _, n in members[view]) for view in views]
    threshold = max(occurrence_threshold(view.probability) for view in views)
    slots = max(last)
    if keep is not None:
        threshold, slots = max(threshold, keep[0]), max(slots, keep[1])
    running = [np.zeros(runs) for _ in views]
    kept: list[Draws] = []
    for draws in draw_blocks(risk.id, threshold, slots=slots, seed=seed, runs=runs, chunk=chunk):
        if keep is not None:
            kept.append(_subset(draws, keep[0], keep[1] * runs))
        block = evaluate(draws, views)
        first_slot, last_slot = draws.start // runs, (draws.end - 1) // runs
        slot_starts = np.arange(first_slot, last_slot + 2) * runs
        for v, view in enumerate(views):
            flat, losses = block.of_view(v)
            bounds = np.searchsorted(flat, slot_starts)
            for offset, slot in enumerate(range(first_slot, min(last_slot + 1, last[v]))):
                lo, hi = int(bounds[offset]), int(bounds[offset + 1])
                if hi > lo and slot == 0:  # nothing there yet: 0 + x is x
                    running[v][flat[lo:hi]] = losses[lo:hi]
                elif hi > lo:
                    running[v][flat[lo:hi] - slot * runs] += losses[lo:hi]
                if (slot + 1) * runs <= draws.end:  # slot complete: hand it over
                    for scenario_index, slots_s in members[view]:
                        if slots_s == slot + 1:
                            totals[scenario_index] += _moved(running[v], dest)
    if keep is None:
        return None
    # Positions fit in 32 bits (runs × years ≤ 3·10⁷); stored so, a kept word costs 12 bytes.
    return Draws(
        0,
        keep[1] * runs,
        keep[0],
        np.concatenate([d.flat for d in kept]).astype(np.int32),
        np.concatenate([d.words for d in kept]),
    )


def _moved(values: FloatArray, dest: RunMap | None) -> FloatArray:
    """Per-run values moved to the runs of a pairing: run i's to run ``dest[i]``."""
    if dest is None:
        return values
    moved = np.empty_like(values)
    moved[dest] = values
    return moved


def _subset(draws: Draws, threshold: int, end: int) -> Draws:
    """The draws before flat position ``end`` whose occurrence is under ``threshold``."""
    flat, words = draws.flat, draws.words
    cut = int(np.searchsorted(flat, end))
    flat, words = flat[:cut], words[:cut]
    if threshold < draws.threshold:
        chosen = words < np.uint64(threshold << 32)
        flat, words = flat[chosen], words[chosen]
    return Draws(draws.start, min(draws.end, end), threshold, flat, words)


def contributions(
    risk: Risk,
    views: Sequence[Occurrence],
    *,
    slots: int,
    seed: int,
    runs: int,
    chunk: int = CHUNK,
    retained: Draws | None = None,
    dest: RunMap | None = None,
) -> tuple[IndexArray, list[FloatArray]]:
    """The runs where any of the views occurs (ascending) and each view's contribution of
    ``risk`` there: the very numbers ``simulate_totals`` adds for a scenario with that view.

    ``retained`` are this risk's draws kept by ``simulate_totals`` (they must cover every
    view's probability and the ``slots``); without them the stream is read again. ``dest``:
    the risk's pairing (``simulate_totals``), which moves the runs.
    """
    where, values = _contributions(risk, views, slots, seed, runs, chunk, retained)
    if dest is None or where.shape[0] == 0:
        return where, values
    moved = dest[where].astype(np.intp)
    order = np.argsort(moved)
    return moved[order], [v[order] for v in values]


def _contributions(
    risk: Risk,
    views: Sequence[Occurrence],
    slots: int,
    seed: int,
    runs: int,
    chunk: int,
    retained: Draws | None,
) -> tuple[IndexArray, list[FloatArray]]:
    if not any(view.can_lose for view in views):
        return np.empty(0, dtype=np.intp), [np.empty(0) for _ in views]
    top = max(occurrence_threshold(view.probability) for view in views)
    if retained is not None and retained.threshold >= top and retained.end >= slots * runs:
        return _compact(evaluate(_subset(retained, top, slots * runs), views), runs)
    dense = [np.zeros(runs) for _ in views]
    touched = np.zeros(runs, dtype=bool)
    for draws in draw_blocks(risk.id, top, slots=slots, seed=seed, runs=runs, chunk=chunk):
        block = evaluate(draws, views)
        for slot, lo, hi in slot_segments(draws.flat, runs):
            touched[draws.flat[lo:hi] - slot * runs] = True
        for v in range(len(views)):
            flat, losses = block.of_view(v)
            accumulate(dense[v], flat, losses, runs)
    where = np.flatnonzero(touched)
    return where, [values[where] for values in dense]


def _compact(block: Block, runs: int) -> tuple[IndexArray, list[FloatArray]]:
    """``contributions`` from all the draws at once, without run-sized arrays per view: each
    view's losses are added to their run in draw order (slot after slot, as ``accumulate``)."""
    flat = block.draws.flat
    run_of = flat.astype(np.intp)
    single = True
    for slot, lo, hi in slot_segments(run_of, runs):
        if slot:
            single = False
            run_of[lo:hi] -= slot * runs
    if single:  # one slot: each run occurs at most once and the positions are the runs
        where, index = run_of, None
    else:
        touched = np.zeros(runs, dtype=bool)
        touched[run_of] = True
        where = np.flatnonzero(touched)
        position = np.empty(runs, dtype=np.intp)
        position[where] = np.arange(where.shape[0], dtype=np.intp)
        index = position[run_of]
    result = []
    for keep, losses in zip(block.selected, block.losses, strict=True):
        values = np.zeros(where.shape[0])
        if index is None:
            values[slice(None) if keep is None else keep] = losses
        else:
            np.add.at(values, index if keep is None else index[keep], losses)
        result.append(values)
    return where, result
