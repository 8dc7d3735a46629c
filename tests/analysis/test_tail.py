"""Quantiles (inverted CDF), expected shortfall, and the fast ES of a changed loss vector."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.analysis.tail import LossTail, quantile_index
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
    assert tail.base.es == 75.0  # mean of 50 and 100
    assert tail.quantile(0.5) == 10.0
    assert tail.quantile(0.95) == 100.0
    assert tail.share_above(0.0) == 0.7
    assert tail.share_above(30.0) == 0.3
    assert tail.top_sum(10) == 260.0
    ties = LossTail(np.array([0.0] * 8 + [5.0, 5.0]), 0.5)
    assert ties.base.var == 0.0 and ties.base.es == 1.0  # every run is ≥ VaR = 0


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
