"""Quantiles (inverted CDF), expected shortfall, and the fast ES of a changed loss vector."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.analysis.tail import (
    LossTail,
    quantile_index,
    runs_needed,
    shortfall,
    shortfall_standard_error,
    tail_too_thin,
)
from tests.analysis.builders import empirical_quantile, expected_shortfall

CONFIDENCES = [0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999]


@pytest.mark.parametrize("runs", [1_000, 1_001, 1_234, 20_000, 77_777])
@pytest.mark.parametrize("q", CONFIDENCES)
def test_quantile_index_is_the_inverted_cdf(runs: int, q: float) -> None:
    values = list(range(runs))
    assert quantile_index(runs, q) == empirical_quantile(values, q)


def test_quantiles_and_shortfall_by_hand() -> None:
    losses = np.array([0.0, 0.0, 0.0, 10.0, 10.0, 20.0, 30.0, 40.0, 50.0, 100.0])
    tail = LossTail(losses, 0.9)
    assert tail.base.var == 50.0  # 9 of 10 values are ≤ 50
    assert tail.base.es == 100.0  # the worst 10 % of 10 runs is the one run at 100
    assert tail.quantile(0.5) == 10.0
    assert tail.quantile(0.95) == 100.0
    assert tail.share_above(0.0) == 0.7
    assert tail.share_above(30.0) == 0.3
    assert tail.top_sum(10) == 260.0
    ties = LossTail(np.array([0.0] * 8 + [5.0, 5.0]), 0.5)
    assert ties.base.var == 0.0 and ties.base.es == 2.0  # worst half: 5, 5, 0, 0, 0


def test_shortfall_is_the_tail_average_when_few_runs_lose() -> None:
    # A lone 5 % risk of 1M: VaR90 is 0, but the worst 10 % of runs lose 0.5M on average.
    losses = np.zeros(1_000)
    losses[::20] = 1_000_000.0
    tail = LossTail(losses, 0.9)
    assert tail.base.var == 0.0
    assert tail.base.es == 500_000.0
    assert shortfall(losses, 0.9) == 500_000.0


def test_shortfall_takes_a_fraction_of_the_last_run() -> None:
    # 15 runs at 90 %: the worst 1.5 runs are 15 and half of 14.
    losses = np.arange(1.0, 16.0)
    tail = LossTail(losses, 0.9)
    assert tail.base.var == 14.0
    assert tail.base.es == pytest.approx((15.0 + 0.5 * 14.0) / 1.5, rel=1e-15)


def test_standard_error_by_batch_means_by_hand() -> None:
    # 20 batches of 10 runs; in batch b one run loses b·100 and the rest nothing, so at 90 %
    # (one run per batch) batch b's ES is b·100: SE = sd(100, 200, …, 2000) / √20.
    losses = np.zeros(200)
    for b in range(20):
        losses[b * 10 + 3] = (b + 1) * 100.0
    sd = math.sqrt(sum((100.0 * (b + 1) - 1050.0) ** 2 for b in range(20)) / 19)
    assert shortfall_standard_error(losses, 0.9) == pytest.approx(sd / math.sqrt(20), rel=1e-12)
    assert shortfall_standard_error(np.full(200, 7.0), 0.9) == 0.0


@pytest.mark.parametrize(
    ("confidence", "needed"), [(0.9, 2_000), (0.95, 4_000), (0.99, 20_000), (0.999, 200_000)]
)
def test_runs_needed_for_two_hundred_tail_runs(confidence: float, needed: int) -> None:
    assert runs_needed(confidence) == needed
    assert tail_too_thin(needed - 1, confidence)
    assert not tail_too_thin(needed, confidence)


@given(
    data=st.lists(st.integers(0, 30), min_size=20, max_size=120),
    q=st.sampled_from(CONFIDENCES),
)
@settings(max_examples=80, deadline=None)
def test_var_and_es_match_the_definitions(data: list[int], q: float) -> None:
    losses = np.array(data, dtype=float) * 1_000.0
    tail = LossTail(losses, q)
    assert tail.base.var == empirical_quantile(losses.tolist(), q)
    assert tail.base.es == pytest.approx(expected_shortfall(losses.tolist(), q), rel=1e-12)


@given(
    data=st.lists(st.integers(0, 40), min_size=30, max_size=150),
    changes=st.lists(st.tuples(st.integers(0, 10_000), st.integers(-40, 40)), max_size=60),
    q=st.sampled_from(CONFIDENCES),
)
@settings(max_examples=150, deadline=None)
def test_variant_tail_equals_recomputing_from_scratch(
    data: list[int], changes: list[tuple[int, int]], q: float
) -> None:
    losses = np.array(data, dtype=float)  # small integers: ties everywhere
    tail = LossTail(losses, q)
    moved = {
        index % len(data): max(0.0, losses[index % len(data)] + step) for index, step in changes
    }
    changed = np.array(sorted(moved), dtype=np.intp)
    new_values = np.array([moved[i] for i in changed.tolist()], dtype=float)
    result = tail.variant_tail(changed, losses[changed], new_values)
    expected = losses.copy()
    expected[changed] = new_values
    assert result.var == empirical_quantile(expected.tolist(), q)
    assert result.es == pytest.approx(expected_shortfall(expected.tolist(), q), rel=1e-12)


def test_variant_tail_on_a_realistic_vector() -> None:
    rng = np.random.default_rng(3)
    losses = rng.gamma(2.0, 1e5, 20_000) * (rng.random(20_000) < 0.8)
    tail = LossTail(losses, 0.9)
    for size in (0, 1, 50, 3_000, 15_000, 19_999, 20_000):
        changed = np.sort(rng.choice(20_000, size, replace=False))
        new_values = losses[changed] * rng.uniform(0.5, 2.0, size)
        result = tail.variant_tail(changed, losses[changed], new_values)
        expected = losses.copy()
        expected[changed] = new_values
        reference = LossTail(expected, 0.9).base
        assert result.var == reference.var
        assert result.es == pytest.approx(reference.es, rel=1e-12)
