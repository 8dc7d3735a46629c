"""Expected shortfall as the tail average (SPEC §2 "Risk"), end to end through ``analyze_case``.

Expected values are worked out by hand or by the independent references in ``builders``
(the documented stream layout read with a plain loop), never from the engine's output.
"""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.analysis import analyze_case
from desktop_app.analysis.report import analysis_to_json
from desktop_app.analysis.results import CaseAnalysis
from desktop_app.domain.model import Alternative, Case, CaseInfo, CostLine, Risk, Scenario
from desktop_app.reports.text import format_report
from tests.analysis.builders import (
    brute_force_losses,
    expected_shortfall,
    small_case,
    stream_words,
)
from tests.analysis.test_properties import cases

RUNS = 4_000
SEED = 5


def _lone_risk_case(
    probability: float,
    *,
    impact: tuple[float, float, float] = (1_000_000.0, 1_000_000.0, 1_000_000.0),
    confidence: float = 0.9,
    runs: int = RUNS,
) -> Case:
    low, likely, high = impact
    proposal = Scenario(
        "p", "Proposal", "our_proposal", unit_price=50.0, annual_volume=100_000.0, years=1
    )
    return Case(
        info=CaseInfo(
            simulation_runs=runs,
            simulation_seed=SEED,
            risk_confidence=confidence,
            min_margin_pct=10.0,
            cost_of_capital_pct=0.0,
        ),
        alternatives=(Alternative("a", "theirs", "Rival", feasibility=1.0, unit_price=60.0),),
        cost_lines=(CostLine("c", "Unit cost", "per_unit", 30.0),),
        risks=(
            Risk(
                "recall",
                "Recall",
                probability=probability,
                impact_low=low,
                impact_likely=likely,
                impact_high=high,
            ),
        ),
        scenarios=(proposal,),
    )


def _occurrences(probability: float, runs: int = RUNS) -> int:
    """Runs in which the lone risk occurs, read from the stream with the documented rule
    (the upper 32 bits of a word, as a uniform, under p)."""
    words = stream_words(SEED, "recall", runs)
    return sum(1 for w in words if ((w >> 32) + 0.5) / 2**32 < probability)


def _proposal(analysis: CaseAnalysis) -> tuple[float, float, float]:
    figures = analysis.scenarios[0].loss
    return figures.loss_at_confidence, figures.expected_shortfall, figures.expected_shortfall_se


def test_a_lone_five_percent_risk_of_a_million_costs_half_a_million_in_the_bad_tenth() -> None:
    analysis = analyze_case(_lone_risk_case(0.05))
    var, es, _ = _proposal(analysis)
    hits = _occurrences(0.05)
    assert var == 0.0
    # The worst 10 % of 4,000 runs are 400 runs: the hits at 1M and the rest at 0.
    assert es == pytest.approx(hits * 1_000_000.0 / 400, rel=1e-12)
    assert es == pytest.approx(500_000.0, rel=0.15)
    # Our walk-away carries ES, not the expected loss: (C + ES) / (K·(1 − m)).
    cost, k = 30.0 * 100_000, 100_000.0
    assert analysis.zopa.our_walk_away == pytest.approx((cost + es) / (k * 0.9), rel=1e-12)
    assert analysis.scenarios[0].conservative_margin_pct == pytest.approx(
        100 * (50.0 * k - cost - es) / (50.0 * k), rel=1e-12
    )


@given(
    probability=st.floats(0.005, 0.095),
    confidence=st.sampled_from([0.8, 0.9]),
    impact=st.sampled_from([1.0, 750.0, 2_500_000.0]),
)
@settings(max_examples=20, deadline=None)
def test_a_fixed_impact_risk_rarer_than_the_tail_has_es_p_impact_over_one_minus_alpha(
    probability: float, confidence: float, impact: float
) -> None:
    case = _lone_risk_case(probability, impact=(impact,) * 3, confidence=confidence)
    var, es, _ = _proposal(analyze_case(case))
    tail = (1 - confidence) * RUNS
    hits = _occurrences(probability)
    assert var == 0.0
    assert es == pytest.approx(hits * impact / tail, rel=1e-9)  # exact for these draws
    # …and p·impact/(1 − α) up to the binomial noise of the hit count.
    noise = 5.0 * impact * math.sqrt(probability * (1 - probability) / RUNS) / (1 - confidence)
    assert abs(es - probability * impact / (1 - confidence)) <= noise


@given(
    centre=st.sampled_from([0.05, 0.1, 0.2]),
    step=st.floats(0.0005, 0.004),
    triangle=st.sampled_from(
        [(1_000_000.0,) * 3, (200_000.0, 500_000.0, 3_000_000.0), (0.0, 10.0, 10.0)]
    ),
)
@settings(max_examples=25, deadline=None)
def test_es_moves_smoothly_as_a_probability_crosses_one_minus_alpha(
    centre: float, step: float, triangle: tuple[float, float, float]
) -> None:
    confidence = 1.0 - centre  # the probability crosses 1 − α between the two cases
    below = _lone_risk_case(centre - step, impact=triangle, confidence=confidence)
    above = _lone_risk_case(centre + step, impact=triangle, confidence=confidence)
    es_below, es_above = _proposal(analyze_case(below))[1], _proposal(analyze_case(above))[1]
    # The same streams: the runs that occur at the higher probability include the others, so
    # ES can rise only by the extra hits, each at most the high impact, over the tail runs.
    extra_hits = _occurrences(centre + step) - _occurrences(centre - step)
    high = triangle[2]
    assert 0.0 <= es_above - es_below <= extra_hits * high / (centre * RUNS) + 1e-6
    # The extra hits are about 2·step·runs: nothing like the old jump from E[L] to the impact.
    assert extra_hits <= 2 * step * RUNS + 5 * math.sqrt(2 * step * RUNS) + 1


@given(case=cases())
@settings(max_examples=25, deadline=None)
def test_es_is_at_least_var_and_the_mean_loss(case: Case) -> None:
    for item in analyze_case(case).scenarios:
        loss = item.loss
        assert loss.expected_shortfall >= loss.loss_at_confidence
        assert loss.expected_shortfall >= loss.simulated_mean * (1 - 1e-12)
        assert loss.expected_shortfall_se >= 0.0


@given(probability=st.sampled_from([0.02, 0.1, 0.3, 0.8]), confidence=st.sampled_from([0.9, 0.95]))
@settings(max_examples=8, deadline=None)
def test_es_is_at_least_the_expected_loss(probability: float, confidence: float) -> None:
    case = _lone_risk_case(
        probability, impact=(100_000.0, 300_000.0, 2_000_000.0), confidence=confidence
    )
    loss = analyze_case(case).scenarios[0].loss
    assert loss.expected_shortfall >= loss.expected_loss
    # E[L] by hand: p·(low + likely + high)/3 for an uncapped triangle.
    assert loss.expected_loss == pytest.approx(probability * 2_400_000.0 / 3, rel=1e-12)


def test_standard_error_is_the_batch_means_of_the_brute_force_losses() -> None:
    case = small_case(simulation_runs=1_000)
    analysis = analyze_case(case)
    for scenario, figures in zip(case.scenarios, analysis.scenarios, strict=True):
        losses = brute_force_losses(case, scenario)
        batches = [losses[b * 50 : (b + 1) * 50] for b in range(20)]
        per_batch = [expected_shortfall(batch, case.info.risk_confidence) for batch in batches]
        se = statistics.stdev(per_batch) / math.sqrt(20)
        assert figures.loss.expected_shortfall_se == pytest.approx(se, rel=1e-9, abs=1e-6)
        assert figures.loss.expected_shortfall == pytest.approx(
            expected_shortfall(losses, case.info.risk_confidence), rel=1e-9
        )


def test_too_few_tail_runs_are_named_in_json_text_and_readiness() -> None:
    case = _lone_risk_case(0.05, confidence=0.95, runs=2_000)  # 100 runs beyond VaR
    analysis = analyze_case(case)
    data = analysis_to_json(case, analysis)
    assert data["settings"]["tail_too_thin"] is True
    assert data["settings"]["runs_needed"] == 4_000
    assert data["scenarios"]["p"]["expected_shortfall_se"] > 0.0
    text = format_report(case, analysis)
    assert "use at least 4,000 runs at 95 %" in text
    item = next(i for i in analysis.readiness.items if i.id == "enough_runs")
    assert not item.passed and item.todo is not None and "4,000" in item.todo
    enough = analyze_case(_lone_risk_case(0.05, confidence=0.95, runs=4_000))
    assert not enough.settings.tail_too_thin
    assert next(i for i in enough.readiness.items if i.id == "enough_runs").passed


@given(case=cases())
@settings(max_examples=15, deadline=None)
def test_var_es_and_its_error_match_a_plain_loop_over_the_draws(case: Case) -> None:
    """Random registers (rare and frequent risks, yearly ones, capped ones) against the
    documented draw layout read with a plain loop and the tail average taken by hand."""
    analysis = analyze_case(case)
    alpha = case.info.risk_confidence
    for scenario, figures in zip(case.scenarios, analysis.scenarios, strict=True):
        losses = brute_force_losses(case, scenario)
        assert figures.loss.expected_shortfall == pytest.approx(
            expected_shortfall(losses, alpha), rel=1e-9, abs=1e-6
        )
        batch = len(losses) // 20
        per_batch = [
            expected_shortfall(losses[b * batch : (b + 1) * batch], alpha) for b in range(20)
        ]
        se = statistics.stdev(per_batch) / math.sqrt(20)
        assert figures.loss.expected_shortfall_se == pytest.approx(se, rel=1e-9, abs=1e-6)
