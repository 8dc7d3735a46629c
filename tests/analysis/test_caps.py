"""Risk figures under other liability caps from the same per-risk draws (SPEC §8): the
expected shortfall of the proposal under any cap equals a fresh brute-force simulation of a
scenario with that cap, and the grid's caps cost no second simulation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.analysis import analyze_case, caps, montecarlo
from desktop_app.analysis.caps import cap_risk
from desktop_app.analysis.montecarlo import simulate_totals
from desktop_app.analysis.tail import LossTail, shortfall
from desktop_app.domain.model import Case, Scenario
from desktop_app.store.sample import sample_case
from tests.analysis.builders import (
    brute_force_losses,
    capped_mean_numeric,
    expected_shortfall,
    small_case,
)


def _proposal(case: Case) -> Scenario:
    proposal = case.proposal_scenario
    assert proposal is not None
    return proposal


@pytest.mark.parametrize("cap", [None, 0.0, 5_000.0, 20_000.0, 50_000.0, 120_000.0, 1e9])
def test_the_shortfall_under_a_cap_is_a_fresh_simulation_of_it(cap: float | None) -> None:
    case = small_case(simulation_runs=1_000)
    proposal = _proposal(case)
    model = analyze_case(case).deal.model
    assert model is not None
    expected = expected_shortfall(
        brute_force_losses(case, replace(proposal, liability_cap=cap)), case.info.risk_confidence
    )
    assert model.shortfall(cap) == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_the_proposals_own_cap_is_the_monte_carlos_figure_bit_for_bit() -> None:
    case = sample_case()
    analysis = analyze_case(case)
    model = analysis.deal.model
    figures = analysis.scenario("s-proposal")
    assert model is not None and figures is not None
    assert model.shortfall(2_000_000.0) == figures.loss.expected_shortfall


def test_the_sample_under_its_demands_cap_matches_a_simulated_scenario() -> None:
    """Their demand is uncapped: the proposal's risks (its overrides) without a cap, simulated
    as a scenario of its own by the Monte Carlo, give the same loss in every run."""
    case = sample_case()
    proposal = _proposal(case)
    uncapped = replace(proposal, id="s-uncapped", role="other", liability_cap=None)
    runs, seed = case.info.simulation_runs, case.info.simulation_seed
    totals = simulate_totals(case.risks, [proposal, uncapped], seed=seed, runs=runs).totals
    tail = LossTail(totals[0].copy(), case.info.risk_confidence)
    risk = cap_risk(case.risks, proposal, tail, seed=seed)
    assert risk.losses(None) == pytest.approx(totals[1], rel=1e-12, abs=1e-6)
    assert risk.shortfall(None) == pytest.approx(
        shortfall(totals[1], case.info.risk_confidence), rel=1e-12
    )


def test_the_risk_they_keep_is_the_expected_loss_above_the_cap() -> None:
    case = small_case()
    model = analyze_case(case).deal.model
    assert model is not None
    # Only the recall is capped: p = 0.1, once, triangular(10,000, 30,000, 200,000).
    for cap in (5_000.0, 30_000.0, 50_000.0, 150_000.0, 250_000.0):
        above = 0.1 * (80_000.0 - capped_mean_numeric(10_000, 30_000, 200_000, cap))
        assert model.risk_kept(cap) == pytest.approx(above, rel=1e-6, abs=1e-6)
    assert model.risk_kept(None) == 0.0


def test_the_grids_caps_are_ready_without_reading_a_stream_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The analysis computes ES for every cap of the grid in one pass; asking again reads no
    draws (one simulation's worth in all)."""
    case = sample_case()
    model = analyze_case(case).deal.model
    assert model is not None

    def no_reading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a stream was read again")

    monkeypatch.setattr(caps, "draw_blocks", no_reading)
    monkeypatch.setattr(montecarlo, "draw_blocks", no_reading)
    for cap in (2_000_000.0, None, 4_000_000.0):
        assert model.shortfall(cap) > 0.0


def test_a_cap_above_every_impact_changes_nothing() -> None:
    case = small_case()
    model = analyze_case(case).deal.model
    assert model is not None
    assert model.shortfall(200_000.0) == model.shortfall(None)
    assert model.risk_kept(200_000.0) == pytest.approx(0.0, abs=1e-9)
