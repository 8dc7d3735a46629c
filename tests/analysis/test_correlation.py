"""Correlated risks (SPEC §9): Iman–Conover pairing of each risk's own draws.

Checked independently of the pairing's code: each risk's column is simulated alone (no
correlation), and the correlated total must be those very columns, each moved by a
permutation of the runs; rank correlations are computed here from ranks (Spearman).
"""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest

from desktop_app.analysis import correlation
from desktop_app.analysis.caps import cap_risk
from desktop_app.analysis.correlation import normal_scores, risk_pairing
from desktop_app.analysis.engine import analyze_case
from desktop_app.analysis.montecarlo import simulate_totals
from desktop_app.analysis.report import analysis_to_json
from desktop_app.analysis.tail import LossTail
from desktop_app.domain.model import Case, CaseInfo, Correlation, Risk, Scenario
from desktop_app.store.sample import sample_case

RUNS = 20_000
CONTINUOUS = (
    Risk("r-a", "A", probability=1.0, impact_low=0.0, impact_likely=50.0, impact_high=100.0),
    Risk("r-b", "B", probability=1.0, impact_low=10.0, impact_likely=20.0, impact_high=90.0),
    Risk("r-c", "C", probability=1.0, impact_low=5.0, impact_likely=80.0, impact_high=85.0),
)
TARGETS = {("r-a", "r-b"): 0.7, ("r-a", "r-c"): 0.3, ("r-b", "r-c"): -0.2}


def _case(risks: tuple[Risk, ...], targets: dict[tuple[str, str], float], runs: int = RUNS) -> Case:
    return Case(
        info=CaseInfo(simulation_runs=runs, simulation_seed=3),
        risks=risks,
        scenarios=(Scenario("p", "P", "our_proposal", unit_price=1.0, annual_volume=1.0),),
        correlations=tuple(Correlation(a, b, rho) for (a, b), rho in targets.items()),
    )


def _column(case: Case, risk: Risk) -> np.ndarray:
    """The risk's loss per run alone, without any correlation."""
    alone = simulate_totals(
        (risk,), case.scenarios, seed=case.info.simulation_seed, runs=case.info.simulation_runs
    )
    return alone.totals[0]


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    rx = np.argsort(np.argsort(x)).astype(float)
    ry = np.argsort(np.argsort(y)).astype(float)
    return float(np.corrcoef(rx, ry)[0, 1])


def _paired_columns(case: Case) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    pairing = risk_pairing(case)
    info = case.info
    total = simulate_totals(
        case.risks,
        case.scenarios,
        seed=info.simulation_seed,
        runs=info.simulation_runs,
        pairing=pairing,
    ).totals[0]
    columns = {}
    for risk in case.risks:
        column = _column(case, risk)
        dest = pairing.get(risk.id)
        if dest is not None:
            assert np.array_equal(np.sort(dest), np.arange(info.simulation_runs))  # a permutation
            moved = np.empty_like(column)
            moved[dest] = column
            column = moved
        columns[risk.id] = column
    return total, columns


def test_normal_scores_match_known_quantiles() -> None:
    assert normal_scores(3) == pytest.approx(
        [-0.6744897501960817, 0.0, 0.6744897501960817], abs=1e-15
    )
    scores = normal_scores(39)
    assert scores[0] == pytest.approx(-1.959963984540054, abs=1e-12)  # Φ⁻¹(0.025)
    assert scores[-1] == pytest.approx(1.959963984540054, abs=1e-12)
    assert scores[19] == 0.0


def test_every_risk_keeps_exactly_its_own_draws() -> None:
    case = _case(CONTINUOUS, TARGETS)
    total, columns = _paired_columns(case)
    for risk in case.risks:
        assert np.array_equal(np.sort(columns[risk.id]), np.sort(_column(case, risk)))
    summed = np.zeros(RUNS)
    for ident in sorted(columns):
        summed += columns[ident]
    assert np.array_equal(total, summed)


def test_rank_correlations_land_within_0_05_of_the_targets() -> None:
    _, columns = _paired_columns(_case(CONTINUOUS, TARGETS))
    for (a, b), rho in TARGETS.items():
        assert _spearman(columns[a], columns[b]) == pytest.approx(rho, abs=0.05), (a, b)


def test_rank_correlations_hold_within_each_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(correlation, "RUN_CHUNK", 4_000)
    assert len(correlation.run_chunks(RUNS)) == 5
    _, columns = _paired_columns(_case(CONTINUOUS, TARGETS))
    for start, end in correlation.run_chunks(RUNS):
        for (a, b), rho in TARGETS.items():
            measured = _spearman(columns[a][start:end], columns[b][start:end])
            assert measured == pytest.approx(rho, abs=0.05)


def test_without_correlations_nothing_moves_and_a_zero_rho_is_none() -> None:
    assert risk_pairing(_case(CONTINUOUS, {})) == {}
    assert risk_pairing(_case(CONTINUOUS, {("r-a", "r-b"): 0.0})) == {}
    case = sample_case()
    zero = replace(case, correlations=(Correlation(case.risks[0].id, case.risks[1].id, 0.0),))
    assert analysis_to_json(case, analyze_case(case)) == analysis_to_json(zero, analyze_case(zero))


def _with_all_pairs(case: Case, rho: float) -> Case:
    ids = [r.id for r in case.risks]
    pairs = tuple(
        Correlation(ids[i], ids[j], rho) for i in range(len(ids)) for j in range(i + 1, len(ids))
    )
    return replace(case, correlations=pairs)


def test_expected_loss_is_unchanged_and_the_shortfall_rises_with_positive_rho() -> None:
    case = sample_case()
    plain = analyze_case(case)
    tied = analyze_case(_with_all_pairs(case, 0.3))
    loose = analyze_case(_with_all_pairs(case, -0.1))
    for before, after, other in zip(plain.scenarios, tied.scenarios, loose.scenarios, strict=True):
        assert after.loss.expected_loss == before.loss.expected_loss
        assert after.loss.expected_shortfall > before.loss.expected_shortfall
        assert other.loss.expected_shortfall < before.loss.expected_shortfall
    proposal = case.proposal_scenario
    assert proposal is not None
    before_walk = plain.scenario(proposal.id).walk_away_price  # type: ignore[union-attr]
    after_walk = tied.scenario(proposal.id).walk_away_price  # type: ignore[union-attr]
    assert before_walk is not None and after_walk is not None and after_walk > before_walk


def test_the_simulated_mean_is_unchanged_to_rounding() -> None:
    case = _with_all_pairs(sample_case(), 0.3)
    info = case.info
    plain = simulate_totals(
        case.risks, case.scenarios, seed=info.simulation_seed, runs=info.simulation_runs
    )
    paired = simulate_totals(
        case.risks,
        case.scenarios,
        seed=info.simulation_seed,
        runs=info.simulation_runs,
        pairing=risk_pairing(case),
    )
    for before, after in zip(plain.totals, paired.totals, strict=True):
        assert math.fsum(after) == pytest.approx(math.fsum(before), rel=1e-12)
        assert not np.array_equal(before, after)


def test_correlated_figures_are_reproducible_to_the_byte() -> None:
    case = _with_all_pairs(sample_case(), 0.25)
    first = json.dumps(analysis_to_json(case, analyze_case(case)))
    second = json.dumps(analysis_to_json(case, analyze_case(case)))
    assert first == second


def test_the_pairing_does_not_depend_on_the_order_of_risks_or_entries() -> None:
    case = _case(CONTINUOUS, TARGETS, runs=3_000)
    shuffled = replace(
        case,
        risks=tuple(reversed(case.risks)),
        correlations=tuple(
            Correlation(c.risk_b, c.risk_a, c.rho) for c in reversed(case.correlations)
        ),
    )
    first, second = risk_pairing(case), risk_pairing(shuffled)
    assert first.keys() == second.keys()
    assert all(np.array_equal(first[k], second[k]) for k in first)


def test_the_caps_of_the_deal_design_see_the_paired_runs() -> None:
    """The proposal's loss under another cap, corrected from its draws (``caps``), is a fresh
    correlated simulation of the proposal with that cap, run by run (to rounding)."""
    case = _with_all_pairs(sample_case(), 0.3)
    proposal = case.proposal_scenario
    assert proposal is not None
    info = case.info
    pairing = risk_pairing(case)
    base = simulate_totals(
        case.risks,
        (proposal,),
        seed=info.simulation_seed,
        runs=info.simulation_runs,
        pairing=pairing,
    ).totals[0]
    risk = cap_risk(
        case.risks,
        proposal,
        LossTail(base, info.risk_confidence),
        seed=info.simulation_seed,
        pairing=pairing,
    )
    for cap in (None, 2_000_000.0):
        fresh = simulate_totals(
            case.risks,
            (replace(proposal, liability_cap=cap),),
            seed=info.simulation_seed,
            runs=info.simulation_runs,
            pairing=pairing,
        ).totals[0]
        assert np.allclose(risk.losses(cap), fresh, rtol=1e-12, atol=1e-6)
