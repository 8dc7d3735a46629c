"""The triangular impact of one risk occurrence: its capped mean and its inverse CDF.

X ~ triangular(a = low, b = likely, h = high) with 0 ≤ a ≤ b ≤ h. Every degenerate shape
(a = b = h, a = b < h, a < b = h) is handled.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def capped_mean(low: float, likely: float, high: float, cap: float | None) -> float:
    """E[min(X, cap)] in closed form (E[X] when ``cap`` is None).

    For X ≥ 0, E[min(X, c)] = ∫₀^c P(X > x) dx = min(c, a) + G(clip(c, a, h)) with
    G(t) = ∫_a^t (1 − F(x)) dx. Integrating the triangular CDF piecewise:

    * a ≤ t ≤ b:  G(t) = (t − a) − (t − a)³ / (3(h − a)(b − a))
    * b ≤ t ≤ h:  G(t) = G(b) + ((h − b)³ − (h − t)³) / (3(h − a)(h − b)),
      G(b) = (b − a) − (b − a)² / (3(h − a))

    Writing it as a sum of survival integrals (rather than E[X] − E[(X − c)⁺]) keeps small
    caps free of cancellation.
    """
    a, b, h = float(low), float(likely), float(high)
    if cap is None or cap >= h:
        return (a + b + h) / 3.0
    c = max(float(cap), 0.0)
    if c <= a:
        return c
    # Here a < c < h, so h > a.
    span = h - a
    # Each term is written as a length times ratios of at most 1, so no product of tiny
    # lengths underflows to a zero divisor.
    if c <= b:
        rise = c - a
        return a + rise - rise * (rise / span) * (rise / (b - a)) / 3.0
    at_mode = (b - a) - (b - a) * ((b - a) / span) / 3.0
    fall = h - b
    return a + at_mode + fall * (fall / span) * (1.0 - ((h - c) / fall) ** 3) / 3.0


def inverse_cdf(u: FloatArray, low: float, likely: float, high: float) -> FloatArray:
    """F⁻¹(u) for uniforms ``u`` in (0, 1): the impacts of the occurrences drawn.

    With c₁ = (h − a)·(b − a) and c₂ = (h − a)·(h − b) (computed once, as scalars):
    u < F(b) = (b − a)/(h − a):  a + √(u·c₁)
    otherwise:                   h − √((1 − u)·c₂)
    """
    a, b, h = float(low), float(likely), float(high)
    span = h - a
    if span <= 0.0:
        return np.full(u.shape, a)
    left, right = span * (b - a), span * (h - b)
    below = u < (b - a) / span
    root: FloatArray = np.where(below, u * left, (1.0 - u) * right)
    np.sqrt(root, out=root)
    result: FloatArray = np.where(below, a + root, h - root)
    return result
