"""The Monte Carlo: streams, the documented draw layout, chunking, order and caps."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.analysis.montecarlo import Retain, contributions, occurrence_of, simulate_totals
from desktop_app.analysis.streams import occurrence_threshold, occurring, stream_key
from desktop_app.domain.model import Risk, RiskOverride, Scenario
from tests.analysis.builders import brute_force_losses, small_case


def test_stream_key_is_the_first_eight_bytes_of_sha256() -> None:
    digest = hashlib.sha256(b"r-recall").hexdigest()
    assert stream_key("r-recall") == int(digest[:16], 16)
    assert stream_key("Żółw-日本") == int(hashlib.sha256("Żółw-日本".encode()).hexdigest()[:16], 16)


@given(
    p=st.floats(0, 1, allow_nan=False) | st.sampled_from([0.0, 1.0, 0.5, 2.0**-33, 1 - 2**-40]),
    seed=st.integers(0, 2**32),
)
@settings(max_examples=200, deadline=None)
def test_occurrence_threshold_agrees_with_the_float_comparison(p: float, seed: int) -> None:
    words = np.random.PCG64(seed).random_raw(64)
    edge = occurrence_threshold(p)
    extra = np.array([max(edge - 1, 0) << 32, min(edge, 2**32 - 1) << 32], dtype=np.uint64)
    words = np.concatenate((words, extra))
    expected = [i for i, w in enumerate(words) if ((int(w) >> 32) + 0.5) / 2**32 < p]
    assert occurring(words, edge).tolist() == expected


def test_totals_match_a_brute_force_loop_over_the_documented_layout() -> None:
    case = small_case(simulation_runs=1_000)
    totals = simulate_totals(
        case.risks, case.scenarios, seed=case.info.simulation_seed, runs=1_000
    ).totals
    for index, scenario in enumerate(case.scenarios):
        expected = brute_force_losses(case, scenario)
        np.testing.assert_allclose(totals[index], expected, rtol=1e-12, atol=1e-9)
        assert np.count_nonzero(totals[index]) > 300  # the risks really occur


@pytest.mark.parametrize("chunk", [1, 7, 999, 1_000, 1_001, 2_999, 100_000])
def test_chunk_size_never_changes_a_number(chunk: int) -> None:
    case = small_case(simulation_runs=1_000)
    reference = simulate_totals(case.risks, case.scenarios, seed=3, runs=1_000).totals
    chunked = simulate_totals(case.risks, case.scenarios, seed=3, runs=1_000, chunk=chunk).totals
    assert np.array_equal(reference, chunked)


def test_order_of_risks_and_of_overrides_changes_nothing() -> None:
    case = small_case()
    reference = simulate_totals(case.risks, case.scenarios, seed=5, runs=1_000).totals
    shuffled = tuple(reversed(case.risks))
    assert np.array_equal(
        simulate_totals(shuffled, case.scenarios, seed=5, runs=1_000).totals, reference
    )


def test_changing_one_risk_redraws_only_that_risk() -> None:
    case = small_case()
    scenario = case.scenarios[0]
    before = simulate_totals(case.risks, [scenario], seed=5, runs=1_000).totals[0]
    moved = replace(case.risks[0], probability=0.35, impact_high=250_000.0)
    after = simulate_totals((moved, *case.risks[1:]), [scenario], seed=5, runs=1_000).totals[0]
    old_runs, (old,) = contributions(
        case.risks[0], [occurrence_of(case.risks[0], scenario)], slots=1, seed=5, runs=1_000
    )
    new_runs, (new,) = contributions(
        moved, [occurrence_of(moved, scenario)], slots=1, seed=5, runs=1_000
    )
    expected = before.copy()
    expected[old_runs] -= old
    expected[new_runs] += new
    np.testing.assert_allclose(after, expected, rtol=1e-12, atol=1e-6)
    # The moved risk's new occurrences include all the old ones (the same uniforms).
    assert set(old_runs.tolist()) <= set(new_runs.tolist())


def test_the_seed_changes_the_draws_and_the_same_seed_repeats_them() -> None:
    case = small_case()
    one = simulate_totals(case.risks, case.scenarios, seed=1, runs=1_000).totals
    again = simulate_totals(case.risks, case.scenarios, seed=1, runs=1_000).totals
    other = simulate_totals(case.risks, case.scenarios, seed=2, runs=1_000).totals
    assert np.array_equal(one, again)
    assert not np.array_equal(one, other)


def test_more_years_only_add_occurrences_run_by_run() -> None:
    risk = Risk(
        "r",
        probability=0.3,
        frequency="per_year",
        impact_low=1.0,
        impact_likely=2.0,
        impact_high=9.0,
    )
    scenarios = [Scenario("s", years=y) for y in (1, 2, 5, 12)]
    totals = simulate_totals([risk], scenarios, seed=9, runs=2_000).totals
    assert np.all(np.diff(totals, axis=0) >= 0)
    assert totals[3].mean() == pytest.approx(12 * 0.3 * 4.0, rel=0.05)


def test_a_cap_limits_each_occurrence_run_by_run() -> None:
    risk = Risk(
        "r",
        probability=0.4,
        frequency="per_year",
        impact_low=10.0,
        impact_likely=50.0,
        impact_high=100.0,
        capped_by_liability=True,
    )
    scenarios = [Scenario("s", years=3, liability_cap=cap) for cap in (None, 60.0, 20.0, 0.0)]
    totals = simulate_totals([risk], scenarios, seed=4, runs=2_000).totals
    assert np.all(totals[1] <= totals[0]) and np.all(totals[2] <= totals[1])
    assert totals[1].max() <= 3 * 60.0 and totals[2].max() <= 3 * 20.0
    assert not totals[3].any()


def test_retained_draws_give_the_same_contributions_as_reading_again() -> None:
    case = small_case(simulation_runs=1_000)
    proposal = case.scenarios[0]
    simulation = simulate_totals(
        case.risks, case.scenarios, seed=7, runs=1_000, retain=Retain(0, 1.25), chunk=333
    )
    for risk in case.risks:
        view = occurrence_of(risk, proposal)
        views = [
            view,
            replace(view, probability=min(1.0, view.probability * 1.25)),
            replace(view, likely=view.high),
        ]
        slots = proposal.years if risk.frequency == "per_year" else 1
        fresh = contributions(risk, views, slots=slots, seed=7, runs=1_000, chunk=100)
        kept = contributions(
            risk, views, slots=slots, seed=7, runs=1_000, retained=simulation.retained[risk.id]
        )
        assert np.array_equal(fresh[0], kept[0])
        for a, b in zip(fresh[1], kept[1], strict=True):
            assert np.array_equal(a, b)


def test_overrides_apply_to_their_scenario_only() -> None:
    risk = Risk("r", probability=0.2, impact_low=1.0, impact_likely=1.0, impact_high=1.0)
    plain = Scenario("a")
    certain = Scenario("b", risk_overrides={"r": RiskOverride(probability=1.0)})
    totals = simulate_totals([risk], [plain, certain], seed=1, runs=1_000).totals
    assert totals[1].tolist() == [1.0] * 1_000
    assert 0.15 < totals[0].mean() < 0.25
