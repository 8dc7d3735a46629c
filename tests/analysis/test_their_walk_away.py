"""Their walk-away as a distribution (SPEC §9), against values solved by hand.

The triangular case: one alternative of theirs, unit price triangular(90, 100, 120), no
switching or failure cost, feasibility 1; our proposal at 105 for 10,000 units over one year,
no price change, no payment days, no risks; one per-unit cost of 85.5 and a 10 % minimum
margin, no cost of capital. Then W = the drawn unit price and, on paper (a = 90, b = 100,
h = 120, F(b) = 1/3):

* P10 = a + √(0.1·(h − a)(b − a)) = 90 + √30;  P50 = h − √(0.5·(h − a)(h − b)) = 120 − √300;
  P90 = 120 − √60
* P(deal) at 105 = (h − 105)²/((h − a)(h − b)) = 225/600 = 0.375
* our walk-away 85.5/0.9 = 95, P(no zone) = F(95) = 25/300 = 1/12
* U_us(p) = K·(p − 85.5); on [90, 100] the expected surplus (p − 85.5)(1 − (p − 90)²/300)
  peaks where x = p − 90 solves x² + 3x − 100 = 0: P* = 90 + (−3 + √409)/2 ≈ 98.612, with
  P(deal) 1 − x²/300 and expected surplus K·(P* − 85.5)·P(deal) (on [100, 120] the peak of
  (p − 85.5)(120 − p)² lies at 97, outside, so the first branch holds).
"""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest

from desktop_app.analysis.engine import analyze_case
from desktop_app.analysis.report import analysis_to_json
from desktop_app.analysis.streams import stream_key
from desktop_app.analysis.their_walk_away import best_offer, distribution, field_draws
from desktop_app.domain.model import Alternative, Case, CaseInfo, CostLine, Scenario
from desktop_app.store.sample import sample_case

A, B, H = 90.0, 100.0, 120.0
COST = 85.5
VOLUME = 10_000.0


def triangular_quantile(q: float, a: float, b: float, h: float) -> float:
    """The closed-form inverse CDF of triangular(a, b, h), written from the textbook."""
    if q < (b - a) / (h - a):
        return a + math.sqrt(q * (h - a) * (b - a))
    return h - math.sqrt((1 - q) * (h - a) * (h - b))


def triangular_case(runs: int = 200_000, **alternative: float) -> Case:
    alt = Alternative(
        "a-rival", "theirs", "Rival", unit_price=B, unit_price_low=A, unit_price_high=H
    )
    return Case(
        info=CaseInfo(
            title="Triangle",
            min_margin_pct=10.0,
            cost_of_capital_pct=0.0,
            simulation_runs=runs,
        ),
        alternatives=(replace(alt, **alternative),),
        cost_lines=(CostLine("c", "Parts", "per_unit", COST),),
        scenarios=(
            Scenario(
                "p",
                "Proposal",
                "our_proposal",
                unit_price=105.0,
                annual_volume=VOLUME,
                years=1,
                payment_days=0,
            ),
        ),
    )


def test_the_uniform_check_of_spec_9() -> None:
    """W uniform on [90, 130], U_us(p) = p − 80, our walk-away 80: P* = 105, P(deal) 0.625
    (samples at the midpoints of 40,000 equal slices of the interval)."""
    n = 40_000
    samples = 90.0 + 40.0 * (np.arange(n) + 0.5) / n
    found = best_offer(samples, 80.0, 1.0, 80.0)
    assert found is not None
    price, p_deal, expected = found
    assert price == pytest.approx(105.0, abs=0.03)
    assert p_deal == pytest.approx(0.625, abs=0.001)
    assert expected == pytest.approx(25.0 * 25.0 / 40.0, rel=1e-3)


def test_the_best_offer_on_exact_triangular_quantiles() -> None:
    n = 100_000
    samples = np.array([triangular_quantile((i + 0.5) / n, A, B, H) for i in range(n)])
    found = best_offer(samples, 95.0, 1.0, COST)
    assert found is not None
    x = (-3.0 + math.sqrt(409.0)) / 2.0
    assert found[0] == pytest.approx(90.0 + x, abs=0.02)
    assert found[1] == pytest.approx(1.0 - x * x / 300.0, abs=1e-3)
    assert found[2] == pytest.approx((x + 90.0 - COST) * (1.0 - x * x / 300.0), rel=1e-4)


def test_the_triangular_case_solved_on_paper() -> None:
    result = analyze_case(triangular_case()).their_walk_away
    assert result is not None
    assert result.p10 == pytest.approx(90.0 + math.sqrt(30.0), abs=0.1)
    assert result.p50 == pytest.approx(120.0 - math.sqrt(300.0), abs=0.1)
    assert result.p90 == pytest.approx(120.0 - math.sqrt(60.0), abs=0.1)
    assert result.p_deal == pytest.approx(0.375, abs=0.005)
    assert result.p_no_zone == pytest.approx(1.0 / 12.0, abs=0.003)
    x = (-3.0 + math.sqrt(409.0)) / 2.0
    assert result.best_offer == pytest.approx(90.0 + x, abs=0.5)
    assert result.best_offer_p_deal == pytest.approx(1.0 - x * x / 300.0, abs=0.02)
    expected = VOLUME * (90.0 + x - COST) * (1.0 - x * x / 300.0)
    assert result.best_offer_expected_surplus == pytest.approx(expected, rel=0.01)
    assert 0 < len(result.curve) <= 200
    prices = [p for p, _ in result.curve]
    shares = [s for _, s in result.curve]
    assert prices == sorted(prices) and shares == sorted(shares, reverse=True)
    assert A <= prices[0] < 95.0 and shares[0] == 1.0 and shares[-1] < 0.01


def test_each_run_draws_unit_price_switching_cost_failure_cost_in_that_order() -> None:
    """From the alternative's own stream SeedSequence([seed, K_id, 1]), run by run."""
    alt = Alternative(
        "a-x",
        "theirs",
        unit_price=10.0,
        unit_price_low=8.0,
        unit_price_high=15.0,
        switching_cost=100.0,
        switching_cost_low=50.0,
        switching_cost_high=300.0,
        failure_cost=40.0,
        failure_cost_high=90.0,
    )
    draws = field_draws(alt, 7, 4)
    key = int.from_bytes(__import__("hashlib").sha256(b"a-x").digest()[:8], "big")
    assert key == stream_key("a-x")
    uniforms = np.random.Generator(np.random.PCG64(np.random.SeedSequence([7, key, 1]))).random(12)
    for run in range(4):
        u_price, u_switch, u_fail = uniforms[3 * run : 3 * run + 3]
        assert draws["unit_price"][run] == pytest.approx(triangular_quantile(u_price, 8, 10, 15))
        assert draws["switching_cost"][run] == pytest.approx(
            triangular_quantile(u_switch, 50, 100, 300)
        )
        assert draws["failure_cost"][run] == pytest.approx(triangular_quantile(u_fail, 40, 40, 90))


def test_the_cheapest_alternative_of_each_run() -> None:
    """Two ranged alternatives, W = the smaller drawn price each run (cost per unit = price)."""
    other = Alternative(
        "a-b", "theirs", unit_price=104.0, unit_price_low=100.0, unit_price_high=106.0
    )
    case = triangular_case(runs=5_000)
    case = replace(case, alternatives=(*case.alternatives, other))
    result = analyze_case(case).their_walk_away
    assert result is not None
    first = field_draws(case.alternatives[0], 1, 5_000)["unit_price"]
    second = field_draws(other, 1, 5_000)["unit_price"]
    cheapest = np.minimum(first, second)
    assert result.p50 == pytest.approx(float(np.quantile(cheapest, 0.5)), rel=1e-12)
    assert result.p_deal == pytest.approx(float(np.mean(cheapest >= 105.0)), abs=1e-12)


def test_a_zero_width_range_gives_the_point_values() -> None:
    case = triangular_case(runs=2_000, unit_price_low=B, unit_price_high=B)
    analysis = analyze_case(case)
    result = analysis.their_walk_away
    assert result is not None
    point = analysis.zopa.their_walk_away
    assert point is not None
    assert result.p10 == result.p50 == result.p90 == pytest.approx(point, rel=1e-12)
    assert result.p_deal == 0.0 and result.p_no_zone == 0.0


def test_no_ranges_no_distribution_and_nothing_else_changes() -> None:
    """A range changes only the distribution and the tornado's rows of the ranged inputs."""
    case = sample_case()
    plain = analysis_to_json(case, analyze_case(case))
    assert plain["their_walk_away_distribution"] is None
    alt = next(a for a in case.alternatives if a.side == "theirs" and a.unit_price is not None)
    ranged_alt = replace(
        alt, unit_price_low=alt.unit_price * 0.9, unit_price_high=alt.unit_price * 1.2
    )
    ranged_case = replace(
        case, alternatives=tuple(ranged_alt if a is alt else a for a in case.alternatives)
    )
    ranged = analysis_to_json(ranged_case, analyze_case(ranged_case))
    assert ranged["their_walk_away_distribution"] is not None
    moved = f"alternatives.{alt.id}.unit_price"
    for key in plain:
        if key in ("their_walk_away_distribution", "sensitivity", "intelligence", "readiness"):
            continue
        assert plain[key] == ranged[key], key
    assert {i["input"]: i for i in plain["sensitivity"] if i["input"] != moved} == {
        i["input"]: i for i in ranged["sensitivity"] if i["input"] != moved
    }
    row = next(i for i in ranged["sensitivity"] if i["input"] == moved)
    assert (row["value_low"], row["value_high"]) == (
        ranged_alt.unit_price_low,
        ranged_alt.unit_price_high,
    )


def test_the_distribution_does_not_depend_on_the_order_of_the_alternatives() -> None:
    case = triangular_case(runs=3_000)
    other = Alternative("a-b", "theirs", unit_price=104.0, switching_cost_high=10_000.0)
    one = replace(case, alternatives=(*case.alternatives, other))
    two = replace(case, alternatives=(other, *case.alternatives))
    assert analyze_case(one).their_walk_away == analyze_case(two).their_walk_away


def test_the_distribution_is_reproducible_to_the_byte() -> None:
    case = triangular_case(runs=3_000)
    first = json.dumps(analysis_to_json(case, analyze_case(case)))
    assert first == json.dumps(analysis_to_json(case, analyze_case(case)))


def test_no_offer_when_no_run_reaches_our_walk_away() -> None:
    result = distribution(
        np.array([1.0, 2.0, 3.0]), price=2.0, walk_away=5.0, slope=1.0, fixed=0.0, ranged=("a",)
    )
    assert result.best_offer is None and result.best_offer_note
    assert result.p_no_zone == 1.0 and result.p_deal == pytest.approx(2.0 / 3.0)


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize(
    "alternative",
    [
        {"unit_price": 1e300, "unit_price_low": 1e299, "unit_price_high": 1e305},
        {"switching_cost": 1e308, "switching_cost_low": 1e307, "switching_cost_high": 1.7e308},
    ],
)
def test_magnitudes_past_floating_point_give_no_distribution_and_no_warning(
    alternative: dict[str, float],
) -> None:
    """Amounts whose cost over the volume exceeds what a float holds (~1.8e308) are valid
    input but no distribution can be drawn from them: there is none, nothing overflows into
    an infinite percentile, and the rest of the analysis stands."""
    case = triangular_case(runs=2_000, **alternative)
    analysis = analyze_case(case)
    assert analysis.their_walk_away is None
    assert math.isfinite(analysis.zopa.our_walk_away or 0.0)
    json.dumps(analysis_to_json(case, analysis), allow_nan=False)
