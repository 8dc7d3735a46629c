"""The chart "what each package is worth to each side" (SPEC §8): every grid combination is the
segment its price sweeps between the two walk-aways — its ends are the grid's figures — with
their demand, our proposal, the offers of equal value and the improvement marked where the
analysis puts them; marks on one spot share one label; no label overlaps another."""

from __future__ import annotations

from dataclasses import replace

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.charts import deal_packages, style
from desktop_app.charts.deal import TITLE
from desktop_app.domain.model import Case
from tests.charts.support import (
    by_gid,
    drawn_texts,
    gid_offsets,
    is_error,
    joined,
    label_collisions,
)


@pytest.fixture(scope="module")
def dearer_money(sample: Case) -> tuple[Case, CaseAnalysis]:
    """The sample where they finance at 12 % (we at 8 %): 90 days' payment is worth more to
    them than it costs us, and a package better for both exists."""
    case = replace(sample, info=replace(sample.info, their_cost_of_capital_pct=12.0))
    return case, analyze_case(case)


def _points(fig: Figure, gid: str) -> list[float]:
    """The points of the scatters ``gid`` names, flat (x, y, x, y, …)."""
    return [v for point in gid_offsets(fig, gid) for v in point]


def _flat(points: list[tuple[float, float]]) -> list[float]:
    return [float(v) for point in points for v in point]


def _segments(fig: Figure) -> list[Line2D]:
    found = [a for a in by_gid(fig, "deal-package-") if isinstance(a, Line2D)]
    return sorted(found, key=lambda line: int(str(line.get_gid()).rsplit("-", 1)[1]))


def test_each_segment_runs_between_the_grids_figures_at_both_walk_aways(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    fig = deal_packages(sample, sample_analysis)
    assert fig.get_label() == "deal"
    grid = [g for g in sample_analysis.deal.grid if g.price_low is not None]
    lines = _segments(fig)
    assert len(lines) == len(grid) == 18
    for line, package in zip(lines, grid, strict=True):
        xs = [float(v) for v in line.get_xdata()]  # type: ignore[union-attr]
        ys = [float(v) for v in line.get_ydata()]  # type: ignore[union-attr]
        assert xs == pytest.approx([package.our_surplus_low, package.our_surplus_high])
        assert ys == pytest.approx([package.their_surplus_low, package.their_surplus_high])
        assert ys[1] == pytest.approx(0.0, abs=1e-6)  # their walk-away: their surplus is 0
    ours = _points(fig, "our-walk-away-ends")
    theirs = _points(fig, "their-walk-away-ends")
    assert ours == pytest.approx(
        _flat([(g.our_surplus_low or 0.0, g.their_surplus_low or 0.0) for g in grid])
    )
    assert theirs == pytest.approx(
        _flat([(g.our_surplus_high or 0.0, g.their_surplus_high or 0.0) for g in grid])
    )


def test_the_walk_away_ends_have_the_walk_aways_colours(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    fig = deal_packages(sample, sample_analysis)
    for gid, colour in (
        ("our-walk-away-ends", style.OUR_WALK_AWAY),
        ("their-walk-away-ends", style.THEIR_WALK_AWAY),
    ):
        (dots,) = by_gid(fig, gid)
        assert to_hex(dots.get_facecolor()[0]) == colour.lower()  # type: ignore[attr-defined]


def test_the_packages_on_the_table_are_marked_where_the_analysis_puts_them(
    dearer_money: tuple[Case, CaseAnalysis],
) -> None:
    case, analysis = dearer_money
    deal = analysis.deal
    proposal, demand, better, meso = deal.proposal, deal.demand, deal.improvement, deal.meso
    assert proposal is not None and demand is not None and better is not None and meso
    fig = deal_packages(case, analysis)
    assert _points(fig, "deal-proposal") == pytest.approx(
        _flat([(proposal.our_surplus, proposal.their_surplus)])
    )
    assert _points(fig, "deal-demand") == pytest.approx(
        _flat([(demand.our_surplus, demand.their_surplus)])
    )
    assert proposal.their_surplus is not None
    assert _points(fig, "deal-improvement") == pytest.approx(
        _flat(
            [(proposal.our_surplus + better.our_gain, proposal.their_surplus + better.their_gain)]
        )
    )
    for number, offer in enumerate(meso[1:], start=2):
        assert _points(fig, f"deal-offer-{number}") == pytest.approx(
            _flat([(offer.our_surplus, offer.their_surplus)])
        )
    words = " ".join(t.get_text() for t, _ in drawn_texts(fig))
    for name in ("Our proposal", "Their demand", "Better for both", "Offer 2", "Offer 3"):
        assert name in words, words
    assert "better for both exists" in joined(fig)


def test_marks_on_one_spot_share_one_label(sample: Case, sample_analysis: CaseAnalysis) -> None:
    """On the sample both sides finance at 8 %: the two other offers are worth exactly what
    our proposal is, to both sides, and sit on its spot."""
    fig = deal_packages(sample, sample_analysis)
    texts = [t.get_text() for t, _ in drawn_texts(fig)]
    assert "Our proposal = Offer 2 = Offer 3" in texts
    assert "efficient on these terms" in joined(fig)


@pytest.mark.parametrize("size", [(13.54, 6.29), (10.12, 5.01), (7.0, 4.0), (5.0, 3.2)])
def test_no_label_overlaps_another_with_an_improvement(
    size: tuple[float, float], dearer_money: tuple[Case, CaseAnalysis]
) -> None:
    fig = deal_packages(*dearer_money, size=size)
    assert not is_error(fig)
    assert label_collisions(fig) == []


def test_without_their_demand_or_their_price_it_says_what_to_enter(sample: Case) -> None:
    no_demand = replace(
        sample, scenarios=tuple(s for s in sample.scenarios if s.role != "their_demand")
    )
    no_price = replace(
        sample, alternatives=tuple(replace(a, unit_price=None) for a in sample.alternatives)
    )
    for case, words in ((no_demand, "their demand"), (no_price, "unit price")):
        fig = deal_packages(
            case, analyze_case(replace(case, info=replace(case.info, simulation_runs=1_000)))
        )
        assert fig.get_label() == "message"
        assert words in joined(fig), joined(fig)
        assert TITLE in joined(fig)
    assert deal_packages(sample, None).get_label() == "message"
