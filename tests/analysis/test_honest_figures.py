"""SPEC §2 "Honest figures": BATNAs that can be carried out, the tornado's ranges, zeros and
breaks, and wording that claims no more than the numbers. Expected values by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.analysis.report import analysis_to_json
from desktop_app.analysis.results import CaseAnalysis, SensitivityItem
from desktop_app.domain.model import Case
from desktop_app.reports.text import format_report
from tests.analysis.builders import on_our_terms, small_case
from tests.analysis.test_sensitivity import _moved

# small_case's proposal: V = 10,000 a year for 3 years at −2 % a year. Their walk-away is on
# the proposal's terms (SPEC §8, ``on_our_terms``): what an alternative costs them on the terms
# they demand, as a first-year price on ours.
K = 10_000 * (1 + 0.98 + 0.98**2)  # 29,404
Q = 30_000.0


def _item(analysis: CaseAnalysis, ident: str) -> SensitivityItem:
    return next(item for item in analysis.sensitivity if item.input == ident)


def _with_alternative(case: Case, ident: str, **fields: object) -> Case:
    alternatives = tuple(
        replace(a, **fields) if a.id == ident else a  # type: ignore[arg-type]
        for a in case.alternatives
    )
    return replace(case, alternatives=alternatives)


def _cheap_but_impossible() -> Case:
    """In-house at 5 a unit would be their cheapest way, but it cannot be carried out."""
    return _with_alternative(small_case(), "a-self", unit_price=5.0, feasibility=0.0)


def test_an_alternative_that_cannot_be_carried_out_is_never_their_money_batna() -> None:
    analysis = analyze_case(_cheap_but_impossible())
    zopa = analysis.zopa
    # The rival: 11·30,000 + 20,000 + (1 − 0.8)·50,000 = 360,000 over the contract.
    assert zopa.their_batna_alternative == "a-rival"
    assert zopa.their_walk_away == pytest.approx(on_our_terms(360_000, K), rel=1e-12)
    assert zopa.left_out == ("a-self",)


def test_an_alternative_that_cannot_be_carried_out_is_never_their_value_batna() -> None:
    # In-house scored 10/10 would be worth 100 points, but at feasibility 0 it is worth 0.
    case = _with_alternative(
        _cheap_but_impossible(), "a-self", scores={"t-cost": 10.0, "t-quality": 10.0}
    )
    view = analyze_case(case).value.theirs
    assert view.batna_alternative == "a-rival"  # 0.8·10·(0.75·6 + 0.25·4) = 44
    assert view.batna_value == pytest.approx(44.0)
    assert view.left_out == ("a-self",)
    nothing = _with_alternative(case, "a-rival", feasibility=0.0)
    alone = analyze_case(nothing).value
    assert alone.theirs.batna_alternative is None and alone.theirs.gain is None
    assert alone.leverage is None and alone.leverage_reason is not None
    assert "feasibility 0" in alone.leverage_reason


def test_the_report_says_what_was_left_out() -> None:
    case = _cheap_but_impossible()
    analysis = analyze_case(case)
    data = analysis_to_json(case, analysis)
    assert data["zopa"]["left_out"] == ["a-self"]
    assert data["value"]["theirs"]["left_out"] == ["a-self"]
    text = format_report(case, analysis)
    assert "Left out of their money BATNA (feasibility 0" in text
    assert "“In-house”" in text


def test_a_zero_feasibility_is_tested_at_s_times_the_mean_feasibility() -> None:
    analysis = analyze_case(_cheap_but_impossible())
    item = _item(analysis, "alternatives.a-self.feasibility")
    # Feasibilities of their priced alternatives: 0.8 and 0 → mean 0.4; s = 0.2 → 0.08.
    assert (item.value_low, item.value_high) == (0.0, pytest.approx(0.08))
    # At 0.08 in-house costs 5·30,000 + 60,000 + 0.92·100,000 = 302,000 < 360,000.
    assert item.their_walk_away_high == pytest.approx(on_our_terms(302_000, K), rel=1e-12)
    assert item.swing is not None and item.swing > 0
    assert "alternatives.a-self.feasibility" in [i.input for i in analysis.intelligence]


def test_a_zero_switching_cost_moves_up_to_s_times_the_mean_switching_cost() -> None:
    case = _with_alternative(small_case(sensitivity_pct=25.0), "a-rival", switching_cost=0.0)
    item = _item(analyze_case(case), "alternatives.a-rival.switching_cost")
    # Switching costs 0 and 60,000 → mean 30,000; s = 0.25 → 7,500.
    assert (item.value_low, item.value_high) == (0.0, pytest.approx(7_500.0))
    # The rival then costs 11·30,000 + 7,500 + 10,000 = 347,500 (still their cheapest).
    assert item.their_walk_away_high == pytest.approx(on_our_terms(347_500, K), rel=1e-12)


def test_the_minimum_margin_stays_below_100() -> None:
    case = small_case(min_margin_pct=90.0, cost_of_capital_pct=0.0)
    item = _item(analyze_case(case), "case.min_margin_pct")
    # 90·1.2 = 108 is not a valid minimum margin: it moves halfway to 100 instead.
    assert (item.value_low, item.value_high) == (pytest.approx(72.0), pytest.approx(95.0))
    assert item.our_walk_away_high is not None
    moved = analyze_case(_moved(case, "case.min_margin_pct", 95.0))
    assert item.our_walk_away_high == pytest.approx(moved.zopa.our_walk_away, rel=1e-12)


def test_a_move_that_leaves_our_walk_away_undefined_ranks_first() -> None:
    # Financing 10 % a year over 365 days is 10 % of revenue; a minimum margin of 80 % leaves
    # 10 % to cover costs, and 96 % leaves nothing: no walk-away price exists.
    case = small_case(min_margin_pct=80.0, cost_of_capital_pct=10.0)
    case = _moved(case, "scenarios.s-prop.payment_days", 365.0)
    analysis = analyze_case(case)
    first = analysis.sensitivity[0]
    assert first.input == "case.min_margin_pct"
    assert first.value_high == pytest.approx(96.0)
    assert first.breaks == "ours" and first.our_walk_away_high is None and first.swing is None
    data = analysis_to_json(case, analysis)
    assert data["sensitivity"][0]["breaks"] == "ours"
    assert "leaves our walk-away undefined" in format_report(case, analysis)


def test_a_move_that_removes_the_zone_ranks_first_and_is_intelligence() -> None:
    case = small_case(simulation_runs=2_000, sensitivity_pct=25.0)
    analysis = analyze_case(case)
    assert analysis.zopa.exists
    item = analysis.sensitivity[0]
    assert item.input == "alternatives.a-rival.unit_price" and item.breaks == "zone"
    # At 8.25 a unit the rival costs 8.25·30,000 + 30,000 = 277,500: their walk-away falls
    # under ours, as a fresh analysis of the moved case shows.
    assert item.value_low == pytest.approx(8.25)
    moved = analyze_case(_moved(case, item.input, 8.25)).zopa
    assert moved.their_walk_away == pytest.approx(on_our_terms(277_500, K), rel=1e-12)
    assert moved.exists is False
    assert analysis.intelligence[0].input == item.input
    assert analysis.intelligence[0].breaks == "zone"
    assert all(i.breaks is not None or (i.swing or 0) > 0 for i in analysis.intelligence)
    text = format_report(case, analysis)
    assert "removes the zone of possible agreement" in text


def test_no_leverage_verdict_while_scores_are_missing() -> None:
    case = small_case()
    proposal = case.scenarios[0]
    unscored = replace(proposal, scores={k: v for k, v in proposal.scores.items() if k != "o-risk"})
    alternatives = tuple(
        replace(a, scores={}) if a.id == "a-ours" else a for a in case.alternatives
    )
    case = replace(case, scenarios=(unscored, *case.scenarios[1:]), alternatives=alternatives)
    analysis = analyze_case(case)
    # The proposal misses one of four criteria; our alternative misses both of ours.
    assert analysis.value.leverage is None
    assert analysis.value.leverage_reason == "incomplete: 3 scores missing"
    data = analysis_to_json(case, analysis)
    assert data["value"]["leverage"] is None
    assert data["value"]["leverage_reason"] == "incomplete: 3 scores missing"
    text = format_report(case, analysis)
    assert "incomplete: 3 scores missing" in text and "need this deal more" not in text
    item = next(i for i in analysis.readiness.items if i.id == "options_scored")
    assert "value.leverage" in item.affects


def test_leverage_words_claim_no_more_than_the_number() -> None:
    # Their gain 72.5 − 44 = 28.5, ours 75 − 30 = 45: leverage −16.5, we need it more.
    analysis = analyze_case(small_case())
    assert analysis.value.leverage == pytest.approx(-16.5)
    assert "Leverage −16.5 points: we need this deal more than they do." in format_report(
        small_case(), analysis
    )
    # Our alternative at feasibility 0.9: 45 → 75 − 45 = 30, leverage −1.5: no clear difference.
    close = _with_alternative(small_case(), "a-ours", feasibility=0.9)
    result = analyze_case(close)
    assert result.value.leverage == pytest.approx(-1.5)
    assert "no clear difference in need" in format_report(close, result)


def test_a_walk_away_above_twice_the_price_is_flagged_with_its_drivers() -> None:
    case = small_case(min_margin_pct=75.0)
    analysis = analyze_case(case)
    walk = analysis.zopa.our_walk_away
    assert walk is not None and walk > 2 * 10.0
    item = next(i for i in analysis.readiness.items if i.id == "walk_away_plausible")
    assert not item.passed and item.detail is not None
    # 8 % over 45 days is 0.99 % of revenue: 100 − 75 − 0.99 = 24.0 % is left.
    assert "minimum margin of 75%" in item.detail and "45 payment days" in item.detail
    assert "24.0% of revenue" in item.detail
    fine = analyze_case(small_case())
    assert next(i for i in fine.readiness.items if i.id == "walk_away_plausible").passed


def test_the_fair_price_is_worded_as_the_equal_power_split() -> None:
    case = small_case()
    text = format_report(case, analyze_case(case))
    assert "the middle of the zone — the split under equal bargaining power" in text
