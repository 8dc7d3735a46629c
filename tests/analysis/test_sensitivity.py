"""The tornado and the intelligence list, against re-running the analysis with one input
moved (an independent route: a fresh simulation of the moved case)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.analysis.results import CaseAnalysis, SensitivityItem
from desktop_app.domain.model import Case, RiskOverride
from tests.analysis.builders import on_our_terms, small_case


def _moved(case: Case, ident: str, value: float) -> Case:
    """The case with the input ``ident`` set to ``value`` as the proposal sees it."""
    kind, key, *rest = ident.split(".")
    field = rest[-1] if rest else key
    proposal = case.proposal_scenario
    assert proposal is not None
    if kind == "case":
        return replace(case, info=replace(case.info, **{field: value}))
    if kind == "cost_lines":
        lines = tuple(replace(c, amount=value) if c.id == key else c for c in case.cost_lines)
        return replace(case, cost_lines=lines)
    if kind == "scenarios":
        scenarios = tuple(
            replace(s, **{field: value}) if s.id == key else s for s in case.scenarios
        )
        return replace(case, scenarios=scenarios)
    if kind == "alternatives":
        alternatives = tuple(
            replace(a, **{field: value}) if a.id == key else a for a in case.alternatives
        )
        return replace(case, alternatives=alternatives)
    assert kind == "risks"
    override = proposal.risk_overrides.get(key, RiskOverride())
    override = replace(override, **{field: value})
    moved = replace(proposal, risk_overrides={**proposal.risk_overrides, key: override})
    return replace(case, scenarios=tuple(moved if s is proposal else s for s in case.scenarios))


def _width(analysis: CaseAnalysis) -> float | None:
    return analysis.zopa.width


@pytest.fixture(scope="module")
def case() -> Case:
    return small_case(simulation_runs=2_000, sensitivity_pct=25.0)


@pytest.fixture(scope="module")
def analysis(case: Case) -> CaseAnalysis:
    return analyze_case(case)


def test_every_input_is_there_once(analysis: CaseAnalysis) -> None:
    inputs = [item.input for item in analysis.sensitivity]
    assert len(inputs) == len(set(inputs)) == 3 + 4 + 3 * 2 + 2 * 4
    moves = {item.input: item.moves for item in analysis.sensitivity}
    assert moves["scenarios.s-prop.annual_volume"] == "both"
    assert moves["alternatives.a-self.failure_cost"] == "theirs"
    assert moves["risks.r-late.probability"] == "ours"
    assert moves["case.min_margin_pct"] == "ours"


def test_low_and_high_are_the_widths_of_the_moved_case(case: Case, analysis: CaseAnalysis) -> None:
    for item in analysis.sensitivity:
        for value, width in ((item.value_low, item.low), (item.value_high, item.high)):
            expected = _width(analyze_case(_moved(case, item.input, value)))
            assert width == pytest.approx(expected, rel=1e-9, abs=1e-9), item.input
        assert item.swing == pytest.approx(abs(item.high - item.low))  # type: ignore[operator]


def test_moves_are_clipped_to_the_valid_range() -> None:
    bold = small_case(simulation_runs=1_000, sensitivity_pct=60.0)
    items = {i.input: i for i in analyze_case(bold).sensitivity}
    fx = items["risks.r-fx.probability"]  # 0.5 → 0.2 and 0.8
    assert (fx.value_low, fx.value_high) == pytest.approx((0.2, 0.8))
    recall = items["risks.r-recall.impact_likely"]  # 30,000 in [10,000, 200,000]
    assert (recall.value_low, recall.value_high) == pytest.approx((12_000.0, 48_000.0))
    fx_likely = items["risks.r-fx.impact_likely"]  # likely = high = 2,000: up is clipped
    assert (fx_likely.value_low, fx_likely.value_high) == pytest.approx((800.0, 2_000.0))
    rival = items["alternatives.a-rival.feasibility"]  # 0.8 → 0.32 and 1.0 (not 1.28)
    assert (rival.value_low, rival.value_high) == pytest.approx((0.32, 1.0))
    days = items["scenarios.s-prop.payment_days"]
    assert (days.value_low, days.value_high) == pytest.approx((18.0, 72.0))
    certain = small_case(simulation_runs=1_000, sensitivity_pct=20.0)
    certain = _moved(certain, "risks.r-fx.probability", 0.9)
    fx = {i.input: i for i in analyze_case(certain).sensitivity}["risks.r-fx.probability"]
    assert fx.value == pytest.approx(0.9) and fx.value_high == 1.0


def test_ranked_by_swing_and_intelligence_is_their_side(analysis: CaseAnalysis) -> None:
    swings = [item.swing for item in analysis.sensitivity]
    assert all(s is not None for s in swings)
    assert swings == sorted(swings, reverse=True)  # type: ignore[type-var]
    intelligence = analysis.intelligence
    # Inputs about them: their alternatives and the volume. Our own payment days and a capped
    # risk move their walk-away too (SPEC §8: terms and the loss above our cap count for them),
    # but there is nothing to ask them about those.
    about_them = ("alternatives.", "scenarios.s-prop.annual_volume", "case.their_cost")
    assert [i.input for i in intelligence] == [
        s.input
        for s in analysis.sensitivity
        if s.moves in ("theirs", "both")
        and s.input.startswith(about_them)
        and s.swing is not None
        and s.swing > 0.0
    ]
    moves = {s.input: s.moves for s in analysis.sensitivity}
    assert moves["scenarios.s-prop.payment_days"] == "both"
    assert moves["risks.r-recall.probability"] == "both"  # capped, and our proposal has a cap
    assert moves["risks.r-fx.probability"] == "ours"  # not capped
    assert len(intelligence) < sum(1 for s in analysis.sensitivity if s.moves != "ours")
    questions = {i.input: i.question for i in intelligence}
    assert "“Rival”" in questions["alternatives.a-rival.unit_price"]
    assert "up front" in questions["alternatives.a-rival.switching_cost"]
    assert "alternatives.a-self.switching_cost" not in questions  # no swing: nothing to ask
    assert questions["alternatives.a-rival.feasibility"].startswith("How likely")
    top = intelligence[0]
    assert top.value == next(s.value for s in analysis.sensitivity if s.input == top.input)


def test_an_alternative_that_is_not_their_batna_only_matters_when_it_becomes_it(
    analysis: CaseAnalysis,
) -> None:
    items = {i.input: i for i in analysis.sensitivity}
    width = analysis.zopa.width
    assert width is not None
    # In-house costs them 380,000 against the rival's 360,000: its failure cost ±25% moves
    # (1 − 0.5)·100,000 by ±12,500, never below the rival, so it does not move the zone.
    failure = items["alternatives.a-self.failure_cost"]
    assert failure.swing == 0.0 and failure.low == failure.high == pytest.approx(width)
    # Its unit price −25% (6.75 → 312,500 in all) makes it their cheapest way: the zone
    # shrinks; +25% changes nothing.
    price = items["alternatives.a-self.unit_price"]
    assert price.high == pytest.approx(width)
    assert price.low is not None and price.low < width
    assert price.their_walk_away_low == pytest.approx(on_our_terms(312_500, 29_404), rel=1e-12)


def _by_input(items: tuple[SensitivityItem, ...], ident: str) -> SensitivityItem:
    return next(item for item in items if item.input == ident)


def test_a_risk_with_zero_probability_moves_up_to_s_times_the_mean_probability() -> None:
    case = small_case(simulation_runs=1_000)
    case = _moved(case, "risks.r-fx.probability", 0.0)
    items = analyze_case(case).sensitivity
    item = _by_input(items, "risks.r-fx.probability")
    # The proposal sees probabilities 0.1 (recall), 0.2 (late) and 0 (fx): mean 0.1, s = 0.2.
    assert (item.value_low, item.value_high) == (0.0, pytest.approx(0.02))
    expected = _width(analyze_case(_moved(case, "risks.r-fx.probability", 0.02)))
    assert item.high == pytest.approx(expected, rel=1e-9)
    assert item.swing is not None and item.swing > 0.0
    # With the probability at 0 its impact cannot matter.
    assert _by_input(items, "risks.r-fx.impact_likely").swing == 0.0
