"""Quantiles and expected shortfall of a simulated loss, and of cheap variants of it.

Quantile definition
    The q-quantile of n simulated losses is the empirical one ("inverted CDF", numpy's
    ``method="inverted_cdf"``, Hyndman–Fan type 1): the smallest simulated value x with
    #(L ≤ x)/n ≥ q, i.e. the value at 0-based ascending index ⌈q·n⌉ − 1. It is always a
    simulated value, so "the runs with L ≥ VaR" is never empty. (q·n is rounded to an integer
    when it is within 10⁻⁹ of one, so 0.9·20,000 is 18,000 whatever the binary rounding.)

Expected shortfall
    ES_α = the mean of L over every run with L ≥ VaR_α (ties at VaR included).

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


def quantile_index(runs: int, q: float) -> int:
    """The 0-based ascending index of the q-quantile of ``runs`` values (see module doc)."""
    position = q * runs
    nearest = round(position)
    if abs(position - nearest) <= 1e-9 * max(1.0, position):
        position = float(nearest)
    return min(max(math.ceil(position) - 1, 0), runs - 1)


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

    def quantile(self, q: float) -> float:
        """The q-quantile (inverted CDF) of the base losses."""
        return float(self.descending[self.runs - 1 - quantile_index(self.runs, q)])

    def share_above(self, threshold: float) -> float:
        """The fraction of runs whose loss is strictly above ``threshold``."""
        count = int(np.searchsorted(self._negated, -threshold, side="left"))
        return count / self.runs

    def _count_at_least(self, value: float) -> int:
        return int(np.searchsorted(self._negated, -value, side="right"))

    def _tail_at(self, var: float, extra_sum: float, extra_count: int) -> Tail:
        count = self._count_at_least(var)
        total = float(self._top_sums[count]) + extra_sum
        return Tail(var=var, es=total / (count + extra_count))

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
        old_in = old_values >= var
        new_in = new_values >= var
        extra_sum = float(new_values[new_in].sum()) - float(old_values[old_in].sum())
        extra_count = int(np.count_nonzero(new_in)) - int(np.count_nonzero(old_in))
        return self._tail_at(var, extra_sum, extra_count)

    def _dense_tail(self, changed: IndexArray, new_values: FloatArray) -> Tail:
        losses = self.losses.copy()
        losses[changed] = new_values
        descending = -np.sort(-losses)
        var = float(descending[self.k - 1])
        count = int(np.searchsorted(-descending, -var, side="right"))
        return Tail(var=var, es=float(np.cumsum(descending[:count])[-1]) / count)
