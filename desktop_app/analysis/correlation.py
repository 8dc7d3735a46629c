"""Correlated risks (SPEC §9): which run each risk's losses fall in, by Iman–Conover.

The Monte Carlo draws every risk independently (``montecarlo``); correlations only *pair*
them. Each correlated risk gets a permutation of the runs (``dest``: run i's losses of that
risk land in run ``dest[i]``), applied to all its occurrence slots in every scenario, and to
every later look at its draws (the tornado's moves, the caps of the deal design). So a risk
keeps exactly its own draws — sorted, its loss column is the same with or without
correlations, and E[L] is unchanged — and only which runs they fall in changes.

The pairing, per chunk of runs (at most ``RUN_CHUNK`` runs, the runs cut into equal chunks):

1. Scores: the van der Waerden normal scores a_i = Φ⁻¹(i/(m + 1)), i = 1…m, of the chunk's
   m runs, in a random order per risk: ``Generator(PCG64(SeedSequence([simulation_seed,
   K_id, 2])))``.permutation(m), chunk after chunk (K_id as for the risk's draws,
   ``streams.stream_key``). S is the m × k matrix of these columns (risks in id order).
2. Iman–Conover: with E the sample correlation of S = L_E·L_Eᵀ and the target C = P·Pᵀ,
   T = S·L_E⁻ᵀ·Pᵀ has sample correlation exactly C.
3. Each risk's runs, ranked by its *key* (below), take the places of T's column ranked the
   same way: the run with the q-th smallest key goes to the run with the q-th smallest T
   (ties of the key, such as the runs where the risk does not occur, in run order).

The key of a risk is its loss per run as the proposal scenario sees it (its overrides, over
its years) before any liability cap — without a proposal, as the longest scenario sees it.
A capped view of a once-per-contract risk is a non-decreasing function of the key, so the
proposal's losses get exactly the ranks of T; other views get them up to their ties and the
years they add or drop. The rank correlation of two risks whose losses are continuous lands
within sampling noise (≈ 1/√m) and the small gap between the normal scores' correlation and
their rank correlation (< 0.02) of the target; a risk that rarely occurs has mostly tied
zeros, which no pairing can rank, so its rank correlation is weaker ("where the risks' loss
distributions allow").

Normal scores come from the standard library (``statistics.NormalDist().inv_cdf``: Wichura's
AS 241, accurate to about 1e-16), cached per chunk size: no SciPy in the installer for m calls
per distinct chunk size. A zero rho pairs nothing: only risks with a non-zero correlation
are reordered, so a case whose correlations are all 0 gives the very same numbers as none.

Memory: one int32 per run per correlated risk (``dest``), plus one chunk of scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from statistics import NormalDist

import numpy as np

from desktop_app.analysis.montecarlo import RunMap, contributions, occurrence_of, slots_of
from desktop_app.analysis.streams import stream_key
from desktop_app.analysis.triangular import FloatArray
from desktop_app.domain.model import Case, Correlation, Scenario

#: The runs reordered together at most (chunks are as equal as possible).
RUN_CHUNK = 1 << 16

Pairing = Mapping[str, RunMap]


@lru_cache(maxsize=4)
def normal_scores(m: int) -> FloatArray:
    """The van der Waerden scores Φ⁻¹(i/(m + 1)), i = 1…m (ascending; read-only)."""
    inverse = NormalDist().inv_cdf
    scores = np.array([inverse(i / (m + 1)) for i in range(1, m + 1)])
    scores.setflags(write=False)
    return scores


def run_chunks(runs: int) -> list[tuple[int, int]]:
    """[start, end) of each chunk: ceil(runs / RUN_CHUNK) chunks of equal size (± 1)."""
    count = max(1, -(-runs // RUN_CHUNK))
    bounds = [runs * c // count for c in range(count + 1)]
    return list(pairwise(bounds))


def correlated_ids(correlations: Sequence[Correlation]) -> list[str]:
    """The risks with a non-zero correlation, in id order."""
    return sorted({c for e in correlations if e.rho != 0.0 for c in (e.risk_a, e.risk_b)})


def target_factor(ids: Sequence[str], correlations: Sequence[Correlation]) -> FloatArray:
    """P with P·Pᵀ = C, the target matrix of ``ids`` (Cholesky; for a singular C, validation
    having accepted it as PSD, from its eigen-decomposition with negative rounding cut)."""
    index = {ident: i for i, ident in enumerate(ids)}
    target = np.eye(len(ids))
    for entry in correlations:
        if entry.rho != 0.0:
            a, b = index[entry.risk_a], index[entry.risk_b]
            target[a, b] = target[b, a] = entry.rho
    try:
        return np.asarray(np.linalg.cholesky(target), dtype=np.float64)
    except np.linalg.LinAlgError:
        values, vectors = np.linalg.eigh(target)
        return np.asarray(vectors * np.sqrt(np.clip(values, 0.0, None)), dtype=np.float64)


def key_scenario(case: Case) -> Scenario | None:
    """The scenario whose view of a risk is its key (module doc)."""
    proposal = case.proposal_scenario
    if proposal is not None:
        return proposal
    return max(case.scenarios, key=lambda s: s.years, default=None)


def risk_pairing(case: Case) -> dict[str, RunMap]:
    """``dest`` of every risk with a non-zero correlation (module doc); {} without any."""
    ids = correlated_ids(case.correlations)
    scenario = key_scenario(case)
    if not ids or scenario is None:
        return {}
    info = case.info
    seed, runs = info.simulation_seed, info.simulation_runs
    risks = {r.id: r for r in case.risks}
    factor = target_factor(ids, case.correlations)
    # Per risk: its runs in key order within each chunk (then overwritten by its dest).
    order: dict[str, RunMap] = {}
    chunks = run_chunks(runs)
    for ident in ids:
        risk = risks[ident]
        view = replace(occurrence_of(risk, scenario), cap=None)
        where, (values,) = contributions(
            risk, [view], slots=slots_of(risk, scenario.years), seed=seed, runs=runs
        )
        key = np.zeros(runs)
        key[where] = values
        ranked = np.empty(runs, dtype=np.int32)
        for start, end in chunks:
            ranked[start:end] = np.argsort(key[start:end], kind="stable") + start
        order[ident] = ranked
    generators = {
        ident: np.random.Generator(
            np.random.PCG64(np.random.SeedSequence([seed, stream_key(ident), 2]))
        )
        for ident in ids
    }
    for start, end in chunks:
        scores = normal_scores(end - start)
        columns = np.column_stack([scores[generators[i].permutation(end - start)] for i in ids])
        targets = _iman_conover(columns, factor)
        for j, ident in enumerate(ids):
            ranked = order[ident][start:end].copy()
            places = np.argsort(targets[:, j], kind="stable").astype(np.int32) + start
            order[ident][ranked] = places
    return order


def _iman_conover(scores: FloatArray, factor: FloatArray) -> FloatArray:
    """T = S·L_E⁻ᵀ·Pᵀ (module doc); S itself when its correlation cannot be factorised (a
    chunk with fewer runs than correlated risks: those runs stay unpaired)."""
    try:
        current = np.linalg.cholesky(np.corrcoef(scores, rowvar=False))
    except np.linalg.LinAlgError:
        return scores
    transform = np.linalg.solve(current.T, factor.T)  # L_E⁻ᵀ·Pᵀ
    result: FloatArray = scores @ transform
    return result
