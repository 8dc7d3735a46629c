"""The tornado shows a move that breaks something as such (SPEC §2 "Honest figures"): ranked
first, a red band across the row, a label saying what breaks and at which move, and no bar
where the width is undefined; and the loss charts word ES as the tail average."""

from __future__ import annotations

import warnings
from dataclasses import replace

from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.charts import (
    alternatives_chart,
    loss_distributions,
    shortfall_capped_vs_uncapped,
    tornado,
)
from desktop_app.charts import style as chart_style
from desktop_app.domain.model import Case
from tests.charts.support import (
    by_gid,
    gid_texts,
    is_error,
    joined,
    rectangles,
    undefined_walk_away_case,
)


def _drawn(fig: Figure) -> Figure:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.draw_without_rendering()
    assert not is_error(fig), fig.get_label()
    return fig


def _labels(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_yticklabels()]


def test_a_move_that_removes_the_zone_is_drawn_first_and_says_so(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    fig = _drawn(tornado(sample, sample_analysis))
    labels = _labels(fig)
    # Delay's and dual-sourcing's unit prices at −20 %: their walk-away falls under ours.
    for row in (0, 1):
        assert labels[row].endswith("\nremoves the zone at −20%"), labels[row]
        (band,) = rectangles(fig, f"tornado-break-{row}")
        x0, x1 = band.get_x(), band.get_x() + band.get_width()  # axes fraction: full width
        assert (x0, x1) == (0.0, 1.0)
        assert band.get_hatch()
        label = fig.axes[0].get_yticklabels()[row]
        assert to_hex(label.get_color()) == chart_style.RED.lower()
        assert rectangles(fig, f"tornado-low-{row}") and rectangles(fig, f"tornado-high-{row}")
    assert "Unit price of Delay" in labels[0] and "Unit price of Dual-source" in labels[1]
    assert not by_gid(fig, "tornado-break-2")
    assert "removes the zone" not in "".join(labels[2:])
    text = joined(fig)
    assert "a move breaks the zone or a walk-away" in text  # the legend
    assert "Rows in red come first" in text


def test_our_walk_away_undefined_has_no_bar_and_a_note() -> None:
    case = undefined_walk_away_case()
    analysis = analyze_case(case)
    first = analysis.sensitivity[0]
    assert first.input == "case.min_margin_pct" and first.breaks == "ours"
    assert first.swing is None and first.high is None and first.low is not None
    fig = _drawn(tornado(case, analysis))
    assert _labels(fig)[0] == "Minimum margin\nour walk-away undefined at +20%"
    assert rectangles(fig, "tornado-low-0") and not rectangles(fig, "tornado-high-0")
    (note,) = gid_texts(fig, "tornado-undefined-0")
    assert note.get_text().strip() == "no width at +20%"
    assert by_gid(fig, "tornado-break-0")


def test_a_width_undefined_at_both_moves(sample: Case, sample_analysis: CaseAnalysis) -> None:
    """Their walk-away undefined either way (no move of the sample does that: the item is
    made by hand): no bar at all, the chart still draws."""
    item = next(i for i in sample_analysis.sensitivity if i.input.endswith("a-delay.feasibility"))
    broken = replace(
        item,
        breaks="theirs",
        low=None,
        high=None,
        swing=None,
        their_walk_away_low=None,
        their_walk_away_high=None,
    )
    rest = tuple(i for i in sample_analysis.sensitivity if i is not item)
    analysis = replace(sample_analysis, sensitivity=(broken, *rest))
    fig = _drawn(tornado(sample, analysis))
    assert _labels(fig)[0].endswith("\ntheir walk-away undefined at ±20%")
    assert not rectangles(fig, "tornado-low-0") and not rectangles(fig, "tornado-high-0")
    (note,) = gid_texts(fig, "tornado-undefined-0")
    assert note.get_text().strip() == "no width at −20% and +20%"


def test_the_loss_charts_word_es_as_the_tail_average(sample: Case) -> None:
    # At 97.5 % ES averages the worst 2.5 % of runs (not "2%" or "3%").
    case = replace(sample, info=replace(sample.info, risk_confidence=0.975, simulation_runs=2_000))
    analysis = analyze_case(case)
    text = joined(_drawn(loss_distributions(case, analysis)))
    assert "the average loss of the worst 2.5% of them (the tail beyond the VaR)" in text
    exposure = joined(_drawn(shortfall_capped_vs_uncapped(case, analysis)))
    assert "Expected shortfall ES97.5 (worst 2.5%)" in exposure


def test_an_alternative_that_cannot_be_carried_out_is_marked_left_out(sample: Case) -> None:
    alternatives = tuple(
        replace(a, feasibility=0.0) if a.id == "a-delay" else a for a in sample.alternatives
    )
    case = replace(
        sample, alternatives=alternatives, info=replace(sample.info, simulation_runs=2_000)
    )
    analysis = analyze_case(case)
    assert analysis.zopa.left_out == ("a-delay",)
    fig = _drawn(alternatives_chart(case, analysis))
    tags = [t.get_text() for t in gid_texts(fig, "batna-label")]
    assert "left out: cannot be carried out" in tags
    assert any(t.startswith("their BATNA") for t in tags)  # the cheapest that can be
