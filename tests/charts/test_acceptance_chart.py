"""The acceptance curve (SPEC §9): P(deal) against price, with our walk-away, our proposal, the
best single offer and their walk-away's P10–P90, against values solved by hand; a message
without ranges.

The case: one alternative of theirs whose unit price is triangular(90, 100, 120) (no switching
or failure cost, feasibility 1), so their walk-away W is that price. Our proposal at 108 for
10,000 units over one year, no payment days, no risks; one per-unit cost of 85.5, a 10 %
minimum margin and no cost of capital. On paper (a = 90, b = 100, h = 120):

* P(deal) at p ≥ 100 = P(W ≥ p) = (120 − p)²/600: at 108, 144/600 = 24 %; at p ≤ 100,
  1 − (p − 90)²/300
* our walk-away 85.5/0.9 = 95; P10 = 90 + √30, P90 = 120 − √60
* the best single offer maximises (p − 85.5)·P(W ≥ p): on [90, 100] x = p − 90 solves
  x² + 3x − 100 = 0, P* = 90 + (−3 + √409)/2 ≈ 98.61, P(deal) 1 − x²/300 ≈ 75.3 %
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon, Rectangle

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.charts import acceptance_curve
from desktop_app.charts.render import CHART_KEYS, SCREEN_DPI, prepare_and_render
from desktop_app.domain.model import Alternative, Case, CaseInfo, CostLine, Scenario
from desktop_app.reports.brief_charts import CHART_SCALE
from desktop_app.reports.paper import PAGE_SIZES, frame_width
from tests.charts.support import by_gid, is_error, joined, label_collisions, ranged_case
from tests.charts.test_label_overlap import APP_CHART_SIZES

A, B, H = 90.0, 100.0, 120.0
PRICE = 108.0
COST = 85.5
WALK_AWAY = COST / 0.9  # 95
X = (-3.0 + math.sqrt(409.0)) / 2.0
BEST = A + X
BEST_P_DEAL = 1.0 - X * X / 300.0


def p_deal(price: float) -> float:
    """P(W ≥ price) for W triangular(90, 100, 120), from its CDF."""
    if price <= A:
        return 1.0
    if price <= B:
        return 1.0 - (price - A) ** 2 / ((H - A) * (B - A))
    if price <= H:
        return (H - price) ** 2 / ((H - A) * (H - B))
    return 0.0


def triangle(*, ranged: bool = True, runs: int = 200_000) -> Case:
    rival = Alternative("a-rival", "theirs", "Rival", unit_price=B)
    if ranged:
        rival = replace(rival, unit_price_low=A, unit_price_high=H)
    return Case(
        info=CaseInfo(
            title="Triangle", min_margin_pct=10.0, cost_of_capital_pct=0.0, simulation_runs=runs
        ),
        alternatives=(rival,),
        cost_lines=(CostLine("c", "Parts", "per_unit", COST),),
        scenarios=(
            Scenario(
                "p",
                "Proposal",
                "our_proposal",
                unit_price=PRICE,
                annual_volume=10_000.0,
                years=1,
                payment_days=0,
            ),
        ),
    )


@pytest.fixture(scope="module")
def ranged() -> tuple[Case, CaseAnalysis]:
    case = triangle()
    return case, analyze_case(case)


@pytest.fixture(scope="module")
def ranged_sample() -> tuple[Case, CaseAnalysis]:
    case = ranged_case()
    return case, analyze_case(case)


def _percent_after(text: str, prefix: str) -> float:
    """The percentage in the label that starts with ``prefix`` (``… EUR 108.00: 24.1%``)."""
    found = re.search(re.escape(prefix) + r"[^:]*: (\d+\.\d)%", text)
    assert found is not None, (prefix, text)
    return float(found.group(1))


def test_the_curve_is_the_chance_their_walk_away_reaches_each_price(
    ranged: tuple[Case, CaseAnalysis],
) -> None:
    case, analysis = ranged
    fig = acceptance_curve(case, analysis)
    assert fig.get_label() == "acceptance"
    (curve,) = [a for a in by_gid(fig, "acceptance-curve") if isinstance(a, Line2D)]
    xs = np.asarray(curve.get_xdata(), dtype=float)
    ys = np.asarray(curve.get_ydata(), dtype=float)
    assert len(xs) > 50
    expected = np.array([p_deal(float(x)) for x in xs])
    assert np.max(np.abs(ys - expected)) < 0.01
    # From our walk-away (below every W here: the curve starts at 100 %) past our proposal.
    assert xs[0] <= WALK_AWAY and xs[-1] >= PRICE
    assert ys[0] == pytest.approx(1.0)


def test_the_marks_and_their_labels_say_price_and_p_deal(
    ranged: tuple[Case, CaseAnalysis],
) -> None:
    case, analysis = ranged
    fig = acceptance_curve(case, analysis, size=(9.0, 4.2))
    fig.canvas.draw()  # the labels are placed when drawn
    text = joined(fig)
    assert "Chance of a deal at each price" in text
    assert "Our walk-away EUR 95.00" in text
    assert "Their walk-away P10–P90" in text
    # Our proposal at 108: 24 % by hand (the label's one decimal, within sampling error).
    assert "Our proposal EUR 108.00" in text
    assert _percent_after(text, "Our proposal EUR 108.00") == pytest.approx(24.0, abs=0.4)
    best = re.search(r"Best single offer EUR (\d+\.\d\d): (\d+\.\d)%", text)
    assert best is not None, text
    assert float(best.group(1)) == pytest.approx(BEST, abs=0.5)
    assert float(best.group(2)) == pytest.approx(100 * BEST_P_DEAL, abs=2.0)
    # The subtitle says the same chance at our price, and the chance of no zone: F(95) = 1/12.
    subtitle = re.search(
        r"they accept in (\d+\.\d)% of the runs; no zone at all in (\d+\.\d)%", text
    )
    assert subtitle is not None, text
    assert float(subtitle.group(1)) == pytest.approx(24.0, abs=0.4)
    assert float(subtitle.group(2)) == pytest.approx(100.0 / 12.0, abs=0.4)
    # The marks sit on the curve where the figures say.
    marks = {
        gid: tuple(float(v) for v in np.asarray(a.get_offsets())[0])
        for gid in ("our-proposal", "best-offer")
        for a in by_gid(fig, gid)
        if isinstance(a, PathCollection)
    }
    assert marks["our-proposal"][0] == PRICE
    assert marks["our-proposal"][1] == pytest.approx(p_deal(PRICE), abs=0.005)
    assert marks["best-offer"][0] == pytest.approx(BEST, abs=0.5)
    # Their walk-away's P10–P90 shaded; our walk-away a line at 95.
    (band,) = [a for a in by_gid(fig, "their-range") if isinstance(a, Polygon | Rectangle)]
    corners = np.asarray(
        band.get_xy() if isinstance(band, Polygon) else band.get_bbox().get_points()
    )
    assert float(corners[:, 0].min()) == pytest.approx(A + math.sqrt(30.0), abs=0.15)
    assert float(corners[:, 0].max()) == pytest.approx(H - math.sqrt(60.0), abs=0.15)
    (line,) = [a for a in by_gid(fig, "our-walk-away") if isinstance(a, Line2D)]
    assert float(np.asarray(line.get_xdata(), dtype=float)[0]) == pytest.approx(WALK_AWAY)


def test_without_ranges_a_message_says_what_to_enter() -> None:
    case = triangle(ranged=False, runs=2_000)
    analysis = analyze_case(case)
    assert analysis.their_walk_away is None
    fig = acceptance_curve(case, analysis)
    assert fig.get_label() == "message"
    assert "Give their alternatives' prices a range (low/high)" in joined(fig)
    assert "Run the analysis" in joined(acceptance_curve(case, None))


@pytest.mark.parametrize(
    "size",
    [*APP_CHART_SIZES["acceptance_curve"], (700, 330)],
    ids=lambda s: f"{s[0]}x{s[1]}",
)
@pytest.mark.parametrize("which", ["ranged", "ranged_sample"])
def test_no_label_overlaps_in_the_app(
    which: str, size: tuple[int, int], request: pytest.FixtureRequest
) -> None:
    case, analysis = request.getfixturevalue(which)
    width, height = size
    fig = acceptance_curve(case, analysis, size=(width / SCREEN_DPI, height / SCREEN_DPI))
    assert not is_error(fig)
    assert label_collisions(fig) == []


@pytest.mark.parametrize("which", ["ranged", "ranged_sample"])
@pytest.mark.parametrize("paper", sorted(PAGE_SIZES))
def test_no_label_overlaps_in_the_brief(
    which: str, paper: str, request: pytest.FixtureRequest
) -> None:
    case, analysis = request.getfixturevalue(which)
    first: Figure = acceptance_curve(case, analysis)
    w, h = (float(v) for v in first.get_size_inches())
    width = frame_width(paper) / CHART_SCALE / 72.0
    assert label_collisions(acceptance_curve(case, analysis, size=(width, h * width / w))) == []


def test_the_app_draws_it_by_its_key(ranged: tuple[Case, CaseAnalysis]) -> None:
    case, analysis = ranged
    assert "acceptance_curve" in CHART_KEYS
    drawn = prepare_and_render(case, analysis, "acceptance_curve", 900, 400, 1.0)
    assert drawn.label == "acceptance"
    assert any(t.startswith("Our proposal EUR 108.00") for t in drawn.texts)
    assert drawn.width == 900 and drawn.height == 400
