"""Risk figures of a scenario: the analytic expected loss and the simulated distribution."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from desktop_app.analysis.montecarlo import occurrence_of, slots_of
from desktop_app.analysis.results import Histogram, LossFigures
from desktop_app.analysis.tail import LossTail
from desktop_app.analysis.triangular import capped_mean
from desktop_app.domain.model import Risk, Scenario

#: Bins of the loss histogram (equal width from 0 to the largest simulated loss).
HISTOGRAM_BINS = 40


def risk_expected_loss(risk: Risk, scenario: Scenario) -> float:
    """p·E[min(X, cap)] per occurrence, times the number of occurrence slots."""
    view = occurrence_of(risk, scenario)
    if view.probability <= 0.0:
        return 0.0
    mean = capped_mean(view.low, view.likely, view.high, view.cap)
    return view.probability * mean * slots_of(risk, scenario.years)


def expected_loss(risks: Sequence[Risk], scenario: Scenario) -> float:
    """E[L], summed exactly (``math.fsum``) so it does not depend on the order of risks."""
    return math.fsum(risk_expected_loss(risk, scenario) for risk in risks)


def histogram(tail: LossTail, bins: int = HISTOGRAM_BINS) -> Histogram:
    """``bins`` equal-width bins on [0, max L] ([0, 1] when no run loses anything)."""
    top = float(tail.descending[0]) if tail.runs else 0.0
    upper = top if top > 0.0 else 1.0
    if not np.all(np.diff(np.linspace(0.0, upper, bins + 1)) > 0.0):
        bins = 1  # a largest loss so small (a subnormal float) that it cannot be split
    counts, edges = np.histogram(tail.losses, bins=bins, range=(0.0, upper))
    return Histogram(edges=tuple(float(e) for e in edges), counts=tuple(int(c) for c in counts))


def loss_figures(risks: Sequence[Risk], scenario: Scenario, tail: LossTail) -> LossFigures:
    return LossFigures(
        runs=tail.runs,
        expected_loss=expected_loss(risks, scenario),
        simulated_mean=float(tail.top_sum(tail.runs)) / tail.runs,
        loss_at_confidence=tail.base.var,
        expected_shortfall=tail.base.es,
        expected_shortfall_se=tail.shortfall_standard_error(),
        p50=tail.quantile(0.5),
        p90=tail.quantile(0.9),
        p95=tail.quantile(0.95),
        p_no_loss=1.0 - tail.share_above(0.0),
        histogram=histogram(tail),
    )
