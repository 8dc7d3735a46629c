"""``analyze_case`` on incomplete and unusual cases, progress, cancellation, determinism."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from desktop_app.analysis import Cancelled, analyze_case, engine, montecarlo
from desktop_app.analysis.report import analysis_to_json
from desktop_app.analysis.results import CaseAnalysis, ReadinessItem
from desktop_app.domain import parse_case
from desktop_app.domain.model import (
    Alternative,
    Case,
    CaseInfo,
    CostLine,
    Scenario,
    blank_case,
)
from desktop_app.reports.text import format_report
from tests.analysis.builders import small_case
from tests.strategies import case_documents


def _item(analysis: CaseAnalysis, ident: str) -> ReadinessItem:
    return next(item for item in analysis.readiness.items if item.id == ident)


def _dump(case: Case, analysis: CaseAnalysis) -> str:
    return json.dumps(analysis_to_json(case, analysis), ensure_ascii=False, allow_nan=False)


def test_blank_case_is_analysed_without_figures() -> None:
    case = blank_case()
    analysis = analyze_case(case)
    (proposal,) = analysis.scenarios
    assert proposal.money.revenue is None and proposal.money.cost is None
    assert proposal.walk_away_price is None and proposal.loss.expected_shortfall == 0.0
    assert analysis.zopa.verdict == "unknown" and analysis.zopa.exists is None
    assert analysis.sensitivity == () and analysis.intelligence == ()
    assert analysis.value.leverage is None and not analysis.value.theirs.available
    priced = _item(analysis, "scenarios_priced")
    assert not priced.passed and "scenarios.proposal.revenue" in priced.affects
    assert "zopa.our_walk_away" in priced.affects
    assert not _item(analysis, "criteria_theirs").passed
    assert 0.0 <= analysis.readiness.score < 0.5
    _dump(case, analysis)
    assert "unknown" in format_report(case, analysis)


def test_no_risks_means_no_loss_and_a_cost_based_walk_away() -> None:
    case = replace(small_case(), risks=())
    analysis = analyze_case(case)
    for item in analysis.scenarios:
        loss = item.loss
        assert loss.expected_loss == loss.expected_shortfall == loss.loss_at_confidence == 0.0
        assert loss.p_no_loss == 1.0 and loss.histogram.counts[0] == 1_000
    k = 10_000 * (1 + 0.98 + 0.98**2)
    assert analysis.zopa.our_walk_away == pytest.approx(203_000 / (k * (0.9 - 0.08 * 45 / 365)))
    assert not [i for i in analysis.sensitivity if i.input.startswith("risks.")]
    assert _item(analysis, "risks_mitigated").passed


def test_no_price_based_alternative_leaves_their_walk_away_unknown() -> None:
    case = small_case()
    case = replace(case, alternatives=tuple(replace(a, unit_price=None) for a in case.alternatives))
    analysis = analyze_case(case)
    zopa = analysis.zopa
    assert zopa.their_walk_away is None and zopa.their_batna_alternative is None
    assert zopa.exists is None and zopa.width is None and zopa.verdict == "unknown"
    assert zopa.our_walk_away is not None
    item = _item(analysis, "their_price_alternative")
    assert not item.passed and "zopa.their_walk_away" in item.affects
    assert not _item(analysis, "batnas_agree").passed
    # Nothing moves an unknown zone: the intelligence lists only inputs with a swing or a break.
    assert analysis.intelligence == ()
    assert all(i.low is None and i.swing is None for i in analysis.sensitivity)
    assert all(i.our_walk_away_low is not None for i in analysis.sensitivity)


def test_no_proposal_scenario_yet() -> None:
    case = small_case()
    case = replace(case, scenarios=tuple(replace(s, role="other") for s in case.scenarios))
    analysis = analyze_case(case)
    assert analysis.zopa.scenario_id is None and analysis.zopa.verdict == "unknown"
    assert analysis.zopa.our_walk_away is None and analysis.zopa.their_walk_away is None
    assert analysis.value.theirs.proposal_value is None and analysis.value.leverage is None
    assert analysis.value.theirs.batna_alternative == "a-rival"
    assert analysis.sensitivity == ()
    assert all(s.walk_away_price is not None for s in analysis.scenarios)
    item = _item(analysis, "proposal_scenario")
    assert not item.passed and item.todo and "value.leverage" in item.affects


def test_all_weights_zero_on_one_side() -> None:
    case = small_case()
    criteria = tuple(replace(c, weight=0.0) if c.side == "ours" else c for c in case.criteria)
    analysis = analyze_case(replace(case, criteria=criteria))
    ours = analysis.value.ours
    assert not ours.available and ours.reason and "zero" in ours.reason
    assert ours.gain is None and analysis.value.leverage is None
    assert analysis.value.theirs.gain == pytest.approx(28.5)
    assert not _item(analysis, "criteria_ours").passed


def test_missing_scores_count_as_zero_and_are_flagged() -> None:
    case = small_case()
    alternatives = tuple(
        replace(a, scores={"t-cost": 6.0}) if a.id == "a-rival" else a for a in case.alternatives
    )
    analysis = analyze_case(replace(case, alternatives=alternatives))
    rival = next(o for o in analysis.value.theirs.options if o.id == "a-rival")
    assert rival.value == pytest.approx(45.0)  # 10·0.75·6, quality counts 0
    item = _item(analysis, "options_scored")
    assert not item.passed and item.detail and "Rival" in item.detail


def test_a_single_scenario_with_unknown_price() -> None:
    case = small_case()
    proposal = replace(case.scenarios[0], unit_price=None)
    analysis = analyze_case(replace(case, scenarios=(proposal,)))
    (only,) = analysis.scenarios
    assert only.money.revenue is None and only.money.margin_pct is None
    assert only.money.cost == pytest.approx(203_000.0) and only.walk_away_price is not None
    assert only.p_loss is None and only.conservative_margin_pct is None
    zopa = analysis.zopa
    assert zopa.exists is True and zopa.fair_price is not None
    assert zopa.proposal_price is None and zopa.our_share is None and zopa.verdict == "unknown"
    assert analysis.sensitivity  # the walk-aways need no price
    assert "scenarios.s-prop.revenue" in _item(analysis, "scenarios_priced").affects


def test_a_scenario_without_volume() -> None:
    case = small_case()
    demand = replace(case.scenarios[1], annual_volume=None)
    analysis = analyze_case(replace(case, scenarios=(case.scenarios[0], demand)))
    figures = analysis.scenario("s-demand")
    assert figures is not None
    assert figures.money.cost is None and figures.walk_away_price is None
    assert figures.loss.expected_shortfall > 0  # the risk figures need no volume


def test_denominator_at_or_below_zero_means_no_walk_away_price() -> None:
    case = small_case(min_margin_pct=95.0, cost_of_capital_pct=50.0)  # 1 − .95 − .5·45/365 < 0
    analysis = analyze_case(case)
    proposal = analysis.scenario("s-prop")
    assert proposal is not None and proposal.walk_away_price is None
    assert proposal.walk_away_note and "no price" in proposal.walk_away_note
    assert analysis.zopa.our_walk_away is None and analysis.zopa.verdict == "unknown"
    item = _item(analysis, "walk_away_exists")
    assert not item.passed and "scenarios.s-prop.walk_away_price" in item.affects
    assert "no such price" in format_report(case, analysis)
    _dump(case, analysis)


def test_a_zone_of_zero_width_is_no_zone() -> None:
    case = Case(
        info=CaseInfo(min_margin_pct=50.0, cost_of_capital_pct=0.0, simulation_runs=1_000),
        cost_lines=(CostLine("k", basis="one_time", amount=1_000.0),),
        alternatives=(Alternative("a", "theirs", "A", unit_price=0.0, switching_cost=2_000.0),),
        scenarios=(
            Scenario(
                "p",
                role="our_proposal",
                unit_price=2.0,
                annual_volume=1_000.0,
                years=1,
                payment_days=0,
            ),
        ),
    )
    zopa = analyze_case(case).zopa
    assert zopa.our_walk_away == 2.0 and zopa.their_walk_away == 2.0
    assert zopa.exists is False and zopa.width == 0.0
    assert zopa.fair_price is None and zopa.our_share is None and zopa.verdict == "no_zopa"
    assert "no room" in format_report(case, analyze_case(case))


def test_no_zopa_reports_the_gap() -> None:
    case = small_case()
    case = replace(
        case,
        alternatives=tuple(
            replace(a, unit_price=5.0) if a.id == "a-rival" else a for a in case.alternatives
        ),
    )
    analysis = analyze_case(case)
    zopa = analysis.zopa
    assert zopa.exists is False and zopa.width is not None and zopa.width < 0
    assert zopa.verdict == "no_zopa" and zopa.fair_price is None
    assert analysis_to_json(case, analysis)["zopa"]["gap"] == pytest.approx(-zopa.width)
    assert not _item(analysis, "zopa_exists").passed


@pytest.mark.parametrize(
    ("price", "verdict"),
    # The zone is about [9.63, 12.24]; the fair band 0.4–0.6 is about [10.68, 11.20].
    [
        (5.0, "below_our_walk_away"),
        (10.0, "generous"),
        (10.9, "fair"),
        (11.8, "aggressive"),
        (13.0, "above_their_walk_away"),
    ],
)
def test_verdict_words(price: float, verdict: str) -> None:
    case = small_case()
    proposal = replace(case.scenarios[0], unit_price=price)
    analysis = analyze_case(replace(case, scenarios=(proposal, case.scenarios[1])))
    zopa = analysis.zopa
    assert zopa.verdict == verdict, zopa.our_share
    assert _item(analysis, "proposal_fair").passed == (verdict == "fair")


def test_progress_goes_up_to_one_and_cancel_stops() -> None:
    case = small_case()
    seen: list[float] = []
    analyze_case(case, progress=seen.append)
    assert seen and seen[-1] == 1.0
    assert all(0.0 <= a <= b <= 1.0 for a, b in itertools.pairwise(seen))
    with pytest.raises(Cancelled):
        analyze_case(case, should_cancel=lambda: True)
    calls = 0

    def later() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    with pytest.raises(Cancelled):
        analyze_case(case, should_cancel=later)


def test_same_case_same_bytes_and_the_seed_matters() -> None:
    case = small_case()
    first = _dump(case, analyze_case(case))
    assert _dump(case, analyze_case(case)) == first
    assert format_report(case, analyze_case(case)) == format_report(case, analyze_case(case))
    reseeded = replace(case, info=replace(case.info, simulation_seed=8))
    assert _dump(reseeded, analyze_case(reseeded)) != first


@given(document=case_documents())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_valid_case_is_analysed(document: dict[str, Any]) -> None:
    document["case"]["simulation_runs"] = 1_000
    case = parse_case(document)
    analysis = analyze_case(case)
    text = _dump(case, analysis)
    assert _dump(case, analyze_case(case)) == text
    report = format_report(case, analysis)
    # No number prints as "nan" (a name the case itself gives, such as "NAN", may).
    typed = {word for word in str(document).lower().replace("'", " ").split()}
    assert report.endswith("\n")
    assert "nan" not in report.lower().split() or "nan" in typed
    assert 0.0 <= analysis.readiness.score <= 1.0


@pytest.mark.parametrize("budget", [0, 700])  # none kept; some kept, some read again
def test_the_retention_budget_never_changes_a_number(
    monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    case = small_case()
    reference = _dump(case, analyze_case(case))
    monkeypatch.setattr(
        engine, "Retain", lambda index, factor: montecarlo.Retain(index, factor, budget)
    )
    assert _dump(case, analyze_case(case)) == reference
