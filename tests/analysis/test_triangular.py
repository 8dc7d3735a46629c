"""The capped mean of a triangular impact (closed form) and its inverse CDF."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.analysis.triangular import capped_mean, inverse_cdf
from tests.analysis.builders import capped_mean_numeric

SHAPES = [
    (10.0, 30.0, 200.0),  # skewed right
    (0.0, 50.0, 100.0),  # symmetric from zero
    (5.0, 5.0, 80.0),  # low == likely
    (5.0, 80.0, 80.0),  # likely == high
]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("cap_share", [-0.1, 0.0, 0.05, 0.2, 0.5, 0.9, 1.0, 1.5, None])
def test_capped_mean_matches_numerical_integration(
    shape: tuple[float, float, float], cap_share: float | None
) -> None:
    low, likely, high = shape
    cap = None if cap_share is None else max(low + cap_share * (high - low), 0.0)
    assert capped_mean(low, likely, high, cap) == pytest.approx(
        capped_mean_numeric(low, likely, high, cap), rel=1e-7, abs=1e-7
    )


def test_uncapped_mean_is_the_average_of_the_three_points() -> None:
    assert capped_mean(10.0, 30.0, 200.0, None) == pytest.approx(80.0)


def test_degenerate_triangle_is_a_constant() -> None:
    assert capped_mean(40.0, 40.0, 40.0, None) == 40.0
    assert capped_mean(40.0, 40.0, 40.0, 25.0) == 25.0
    assert capped_mean(40.0, 40.0, 40.0, 60.0) == 40.0
    assert np.array_equal(inverse_cdf(np.array([0.1, 0.9]), 40.0, 40.0, 40.0), [40.0, 40.0])


def test_cap_below_the_lowest_impact_is_the_cap() -> None:
    assert capped_mean(100.0, 200.0, 300.0, 60.0) == 60.0
    assert capped_mean(100.0, 200.0, 300.0, 0.0) == 0.0


@given(
    points=st.lists(st.floats(0, 1e7, allow_nan=False), min_size=3, max_size=3),
    caps=st.lists(st.floats(0, 2e7, allow_nan=False), min_size=2, max_size=2),
)
@settings(max_examples=60, deadline=None)
def test_capped_mean_grows_with_the_cap_and_never_exceeds_the_mean(
    points: list[float], caps: list[float]
) -> None:
    low, likely, high = sorted(points)
    small, large = sorted(caps)
    tolerance = 1e-9 * max(high, 1.0)
    assert capped_mean(low, likely, high, small) <= capped_mean(low, likely, high, large) + (
        tolerance
    )
    assert capped_mean(low, likely, high, large) <= capped_mean(low, likely, high, None) + (
        tolerance
    )
    assert 0.0 <= capped_mean(low, likely, high, small) <= small + tolerance


@pytest.mark.parametrize("shape", SHAPES)
def test_inverse_cdf_gives_the_distribution(shape: tuple[float, float, float]) -> None:
    low, likely, high = shape
    u = (np.arange(200_000) + 0.5) / 200_000
    x = inverse_cdf(u, low, likely, high)
    assert np.all(np.diff(x) >= 0)  # a quantile function is monotone
    assert x.min() >= low and x.max() <= high
    assert x.mean() == pytest.approx((low + likely + high) / 3, rel=1e-6)
    # F(likely) = (likely − low)/(high − low): the share of draws at or below the mode.
    assert np.mean(x <= likely) == pytest.approx((likely - low) / (high - low), abs=1e-4)
