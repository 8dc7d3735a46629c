"""Quantiles and expected shortfall of a simulated loss, and of cheap variants of it.

Quantile definition
    The q-quantile of n simulated losses is the empirical one ("inverted CDF", numpy's
    ``method="inverted_cdf"``, Hyndman–Fan type 1): the smallest simulated value x with
    #(L ≤ x)/n ≥ q, i.e. the value at 0-based ascending index ⌈q·n⌉ − 1. It is always a
    simulated value, so "the runs with L ≥ VaR" is never empty. (q·n is rounded to an integer
    when it is within 10⁻⁹ of one, so 0.9·20,000 is 18,000 whatever the binary rounding.)

Expected shortfall
    ES_α = the average of the worst (1 − α) share of the runs (Acerbi–Tasche):
    (Σ_{L > VaR} L + VaR·(w − #(L > VaR))) / w with w = n·(1 − α) (rounded like q·n above).
    The runs strictly above VaR count whole and VaR fills the rest of the share, so ES never
    falls back to the expected loss when fewer than w runs lose anything (a lone 5 % risk of
    1M has VaR₉₀ = 0 and ES₉₀ = 0.5M) and it moves smoothly with a risk's probability.
    #(L > VaR) ≤ w always holds: VaR is the value at ascending index ⌈α·n⌉ − 1.

Monte Carlo error of ES
    Batch means: the runs are cut into 20 consecutive batches (sizes differing by at most
    one), ES is computed in each batch on its own, and the standard error is the standard
    deviation of the 20 batch figures (n − 1) divided by √20.

Variants (for the sensitivity)
    A variant differs from the base loss only in a few runs J (one risk's contribution
    changed): L' = L + Δ on J. ``LossTail.variant_tail`` finds VaR and ES of L' from the sorted
    base in O(k + |J|) (k = the number of runs at or above VaR) instead of sorting again: the
    k-th largest of L' is the k-th largest of the top k unchanged base values merged with the
    new values at J (a short merge), and the ES sums come from prefix sums of the sorted base
    corrected on J. Runs of J whose loss stays below a bound VaR' cannot go under are skipped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from desktop_app.analysis.triangular import FloatArray

IndexArray = npt.NDArray[np.intp]

QUANTILE_METHOD = "inverted_cdf"
#: Batches of the batch-means standard error of ES.
SE_BATCHES = 20
#: Runs beyond VaR (n·(1 − α)) under which the tail is too thin to trust.
MIN_TAIL_RUNS = 200


def _snapped(position: float) -> float:
    """``position`` as the integer it is within 10⁻⁹ of (binary rounding of q·n), else itself."""
    nearest = round(position)
    if abs(position - nearest) <= 1e-9 * max(1.0, abs(position)):
        return float(nearest)
    return position


def quantile_index(runs: int, q: float) -> int:
    """The 0-based ascending index of the q-quantile of ``runs`` values (see module doc)."""
    return min(max(math.ceil(_snapped(q * runs)) - 1, 0), runs - 1)


def tail_weight(runs: int, confidence: float) -> float:
    """w = n·(1 − α): how many runs the worst (1 − α) share is (may be fractional)."""
    return _snapped(runs * (1.0 - confidence))


def runs_needed(confidence: float) -> int:
    """The fewest runs that leave ``MIN_TAIL_RUNS`` runs beyond VaR at this confidence."""
    return math.ceil(_snapped(MIN_TAIL_RUNS / (1.0 - confidence)))


def tail_too_thin(runs: int, confidence: float) -> bool:
    """True when runs·(1 − α) < ``MIN_TAIL_RUNS``: the tail figures rest on too few runs."""
    return tail_weight(runs, confidence) < MIN_TAIL_RUNS


def shortfall(losses: FloatArray, confidence: float) -> float:
    """ES of one loss vector, sorted here (the batches of the standard error)."""
    runs = int(losses.shape[0])
    descending = -np.sort(-losses)
    var = float(descending[runs - 1 - quantile_index(runs, confidence)])
    above = int(np.searchsorted(-descending, -var, side="left"))
    weight = tail_weight(runs, confidence)
    return (float(descending[:above].sum()) + var * (weight - above)) / weight


def shortfall_standard_error(losses: FloatArray, confidence: float) -> float:
    """Batch-means standard error of ES (module doc); 0 with fewer runs than batches."""
    if losses.shape[0] < SE_BATCHES:
        return 0.0
    figures = np.array([shortfall(b, confidence) for b in np.array_split(losses, SE_BATCHES)])
    return float(figures.std(ddof=1)) / math.sqrt(SE_BATCHES)


@dataclass(frozen=True)
class Tail:
    """VaR and ES of one loss vector."""

    var: float
    es: float


class LossTail:
    """A loss vector sorted once, for quantiles, exceedance probabilities and ES of variants."""

    def __init__(self, losses: FloatArray, confidence: float) -> None:
        self.losses = losses
        self.runs = int(losses.shape[0])
        order = np.argsort(-losses, kind="stable")
        self.descending: FloatArray = losses[order]
        self._negated: FloatArray = -self.descending  # ascending, for searchsorted
        self._order = order
        self._rank: IndexArray | None = None
        self._top_sums: FloatArray = np.concatenate(([0.0], np.cumsum(self.descending)))
        # k = how many values are at or above VaR by position: VaR is the k-th largest.
        self.k = self.runs - quantile_index(self.runs, confidence)
        self.confidence = confidence
        self.weight = tail_weight(self.runs, confidence)
        self.base = self._tail_at(float(self.descending[self.k - 1]), 0.0, 0)

    @property
    def rank(self) -> IndexArray:
        """Position of each run in the descending order (built on first use)."""
        if self._rank is None:
            self._rank = np.empty(self.runs, dtype=np.intp)
            self._rank[self._order] = np.arange(self.runs, dtype=np.intp)
        return self._rank

    def top_sum(self, count: int) -> float:
        """The sum of the ``count`` largest losses."""
        return float(self._top_sums[count])

    def shortfall_standard_error(self) -> float:
        """The batch-means standard error of the base ES (module doc)."""
        return shortfall_standard_error(self.losses, self.confidence)

    def quantile(self, q: float) -> float:
        """The q-quantile (inverted CDF) of the base losses."""
        return float(self.descending[self.runs - 1 - quantile_index(self.runs, q)])

    def share_above(self, threshold: float) -> float:
        """The fraction of runs whose loss is strictly above ``threshold``."""
        count = int(np.searchsorted(self._negated, -threshold, side="left"))
        return count / self.runs

    def _count_above(self, value: float) -> int:
        return int(np.searchsorted(self._negated, -value, side="left"))

    def _tail_at(self, var: float, extra_sum: float, extra_count: int) -> Tail:
        """ES given VaR, from the base runs strictly above it corrected by ``extra_sum`` and
        ``extra_count`` (the changed runs above it, new minus old)."""
        count = self._count_above(var)
        total = float(self._top_sums[count]) + extra_sum
        above = count + extra_count
        return Tail(var=var, es=(total + var * (self.weight - above)) / self.weight)

    def variant_tail(
        self, changed: IndexArray, old_values: FloatArray, new_values: FloatArray
    ) -> Tail:
        """VaR and ES of the losses with the runs ``changed`` (unique) moved from
        ``old_values`` (their base losses) to ``new_values``."""
        m = int(changed.shape[0])
        if m == 0:
            return self.base
        k = self.k
        if self.runs - m < k:
            return self._dense_tail(changed, new_values)
        # At least k non-J base values are ≥ floor, so VaR' ≥ floor: a J run below the floor
        # both before and after the move cannot matter and is treated as unchanged.
        floor = self.descending[k - 1 + m]
        matters = np.flatnonzero((old_values >= floor) | (new_values >= floor))
        changed, old_values, new_values = (
            changed[matters],
            old_values[matters],
            new_values[matters],
        )
        # Positions (in the descending order) of the base values that did not change, among
        # the first k + m: there are at least k of them, and the k largest unchanged values
        # B_1..B_k are at free[0..k-1].
        span = k + m
        ranks = self.rank[changed]
        taken = np.zeros(span, dtype=bool)
        taken[ranks[ranks < span]] = True
        free = np.flatnonzero(~taken)
        b_k = float(self.descending[free[k - 1]])
        newcomers = new_values[new_values > b_k]
        q = int(newcomers.shape[0])
        # B_1..B_h stay above the k-th largest of the merge whatever the newcomers are, so only
        # B_{h+1}..B_k and the newcomers can be it.
        h = max(0, k - q - 1)
        candidates = np.concatenate((self.descending[free[h:k]], newcomers))
        from_top = k - h  # the k-th largest overall is this-th largest of the candidates
        var = float(np.partition(candidates, candidates.shape[0] - from_top)[-from_top])
        old_in = old_values > var
        new_in = new_values > var
        extra_sum = float(new_values[new_in].sum()) - float(old_values[old_in].sum())
        extra_count = int(np.count_nonzero(new_in)) - int(np.count_nonzero(old_in))
        return self._tail_at(var, extra_sum, extra_count)

    def _dense_tail(self, changed: IndexArray, new_values: FloatArray) -> Tail:
        losses = self.losses.copy()
        losses[changed] = new_values
        descending = -np.sort(-losses)
        var = float(descending[self.k - 1])
        above = int(np.searchsorted(-descending, -var, side="left"))
        total = float(descending[:above].sum()) + var * (self.weight - above)
        return Tail(var=var, es=total / self.weight)
