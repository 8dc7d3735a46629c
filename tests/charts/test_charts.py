"""Each chart on the sample case says what it must: bars, labels, zones, counts, order."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from matplotlib.figure import Figure

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.analysis.results import SensitivityItem
from desktop_app.charts import (
    alternatives_chart,
    loss_distributions,
    risk_heat_map,
    shortfall_capped_vs_uncapped,
    stakeholder_map,
    tornado,
    uncapped_loss_figures,
    value_chart,
    verdict_text,
    zopa_bar,
)
from desktop_app.charts.risk import cell_of, impact_edges
from desktop_app.domain.model import Case
from tests.charts.support import (
    gid_offsets,
    gid_texts,
    is_error,
    joined,
    no_zopa_case,
    patch,
    rectangles,
    strings,
    x_extent,
    zero_width,
)


def _ok(fig: Figure) -> None:
    assert not is_error(fig), fig.get_label()


# --- their alternatives ----------------------------------------------------------------------


def test_alternatives_one_bar_per_priced_alternative_cheapest_first(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    fig = alternatives_chart(sample, sample_analysis)
    _ok(fig)
    bars = rectangles(fig, "alternative-bar-")
    priced = [a for a in sample.alternatives_of("theirs") if a.unit_price is not None]
    assert len(bars) == len(priced) == 5
    ends = [x_extent(b)[1] for b in sorted(bars, key=lambda b: b.get_y())]
    effective = sorted(c.effective_price or 0.0 for c in sample_analysis.zopa.alternatives)
    assert ends == pytest.approx(effective)
    text = joined(fig)
    assert "their BATNA" in text and "value BATNA" in text
    assert "Our proposal EUR 455.00" in text and "Our walk-away" in text
    assert "Effective price per unit, first year (EUR)" in text
    for alternative in priced:
        assert alternative.name in text


def test_alternatives_are_capped_on_the_stress_case(
    stress: Case, stress_analysis: CaseAnalysis
) -> None:
    fig = alternatives_chart(stress, stress_analysis)
    _ok(fig)
    costs = sorted(stress_analysis.zopa.alternatives, key=lambda c: c.effective_price or 0.0)
    cheapest = {c.alternative_id for c in costs[:25]}
    value_batna = stress_analysis.value.theirs.batna_alternative
    priced_ids = {c.alternative_id for c in costs}
    extra = 1 if value_batna in priced_ids and value_batna not in cheapest else 0
    assert len(costs) > 25
    assert len(rectangles(fig, "alternative-bar-")) == 25 + extra
    assert f"of {len(costs)} shown" in joined(fig)


def test_alternatives_limit_is_a_parameter(sample: Case, sample_analysis: CaseAnalysis) -> None:
    fig = alternatives_chart(sample, sample_analysis, limit=2)
    # the two cheapest, plus their value BATNA if it is not among them
    assert 2 <= len(rectangles(fig, "alternative-bar-")) <= 3


def test_value_chart_marks_their_value_batna(sample: Case, sample_analysis: CaseAnalysis) -> None:
    fig = value_chart(sample, sample_analysis)
    _ok(fig)
    options = [o for o in sample_analysis.value.theirs.options if o.kind == "alternative"]
    assert len(rectangles(fig, "value-bar-")) == len(options)
    assert "their value BATNA" in joined(fig)


# --- stakeholders ----------------------------------------------------------------------------


def test_stakeholder_map_names_every_party(sample: Case) -> None:
    fig = stakeholder_map(sample, None)
    _ok(fig)
    names = [t.get_text() for t in gid_texts(fig, "party-name")]
    assert sorted(names) == sorted(p.name for p in sample.parties)
    assert len(gid_offsets(fig, "parties-")) == len(sample.parties)
    text = joined(fig)
    for quadrant in ("Win over", "Keep close", "Monitor", "Keep informed"):
        assert quadrant in text


def test_stakeholder_map_spreads_parties_on_one_spot(stress: Case) -> None:
    fig = stakeholder_map(stress, None)
    _ok(fig)
    dots = gid_offsets(fig, "parties-")
    assert len(dots) == len(stress.parties) == len(set(dots))
    assert "more" in joined(fig)


# --- risk ------------------------------------------------------------------------------------


def _heat_total(fig: Figure) -> int:
    return sum(int(t.get_text()) for t in gid_texts(fig, "heat-count-"))


def test_heat_map_counts_every_risk_once(sample: Case, stress: Case) -> None:
    for case in (sample, stress):
        fig = risk_heat_map(case, None)
        _ok(fig)
        assert _heat_total(fig) == len(case.risks)
        assert len(rectangles(fig, "heat-cell-")) == 25


def test_heat_map_cells_match_the_bins(sample: Case) -> None:
    fig = risk_heat_map(sample, None)
    edges = impact_edges([r.impact_likely for r in sample.risks])
    expected: dict[tuple[int, int], int] = {}
    for risk in sample.risks:
        cell = cell_of(risk, edges)
        expected[cell] = expected.get(cell, 0) + 1
    found: dict[tuple[int, int], int] = {}
    for text in gid_texts(fig, "heat-count-"):
        row, col = str(text.get_gid()).split("-")[-2:]
        found[(int(row), int(col))] = int(text.get_text())
    assert found == expected
    assert "Likely impact per occurrence (EUR)" in joined(fig)


def test_heat_map_applies_a_scenarios_overrides(stress: Case) -> None:
    scenario = stress.scenarios[0]
    fig = risk_heat_map(stress, None, scenario_id=scenario.id)
    _ok(fig)
    assert _heat_total(fig) == len(stress.risks)
    assert scenario.name in joined(fig)


def test_loss_distributions_show_each_scenario_with_var_and_es(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    fig = loss_distributions(sample, sample_analysis)
    _ok(fig)
    text = joined(fig)
    for scenario in sample.scenarios:
        assert scenario.name in text
    assert "Value at risk VaR90" in text and "Expected shortfall ES90" in text
    assert text.count("ES90 EUR") == len(sample.scenarios)
    assert "Total loss over the contract (EUR)" in text


def test_shortfall_compares_capped_with_uncapped(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    fig = shortfall_capped_vs_uncapped(sample, sample_analysis)
    _ok(fig)
    rows = {s.id: n for n, s in enumerate(sample_analysis.scenarios)}
    proposal = sample_analysis.scenario("s-proposal")
    assert proposal is not None and proposal.liability_cap is not None
    uncapped = uncapped_loss_figures(sample)
    assert "s-proposal" in uncapped and "s-demand" not in uncapped  # no cap: nothing to lift
    assert uncapped["s-proposal"].expected_shortfall > proposal.loss.expected_shortfall
    stands = [
        b for b in rectangles(fig, "stands-") if b.get_gid() == f"stands-{rows['s-proposal']}"
    ]
    lifted = [
        b for b in rectangles(fig, "uncapped-") if b.get_gid() == f"uncapped-{rows['s-proposal']}"
    ]
    widths = sorted(b.get_width() for b in stands)  # expected loss, then shortfall
    assert widths == pytest.approx(
        sorted([proposal.loss.expected_loss, proposal.loss.expected_shortfall])
    )
    assert max(b.get_width() for b in lifted) == pytest.approx(
        uncapped["s-proposal"].expected_shortfall
    )
    demand = rows["s-demand"]
    assert [b.get_width() for b in rectangles(fig, f"stands-{demand}")] == [
        b.get_width() for b in rectangles(fig, f"uncapped-{demand}")
    ]
    assert "no cap" in joined(fig)


def test_shortfall_uses_a_precomputed_mapping(sample: Case, sample_analysis: CaseAnalysis) -> None:
    proposal = sample_analysis.scenario("s-proposal")
    assert proposal is not None
    fake = replace(proposal.loss, expected_loss=1.0, expected_shortfall=123_456_789.0)
    fig = shortfall_capped_vs_uncapped(sample, sample_analysis, uncapped={"s-proposal": fake})
    row = [s.id for s in sample_analysis.scenarios].index("s-proposal")
    widths = sorted(b.get_width() for b in rectangles(fig, f"uncapped-{row}"))
    assert widths == [1.0, 123_456_789.0]


# --- ZOPA ------------------------------------------------------------------------------------


def test_zopa_zone_spans_exactly_the_two_walk_aways(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    fig = zopa_bar(sample, sample_analysis)
    _ok(fig)
    zopa = sample_analysis.zopa
    assert zopa.our_walk_away is not None and zopa.their_walk_away is not None
    (zone,) = rectangles(fig, "zopa-zone")
    assert x_extent(zone) == pytest.approx((zopa.our_walk_away, zopa.their_walk_away), abs=1e-9)
    (band,) = rectangles(fig, "fair-band")
    lo, hi = zopa.fair_band
    width = zopa.their_walk_away - zopa.our_walk_away
    assert x_extent(band) == pytest.approx(
        (zopa.our_walk_away + lo * width, zopa.our_walk_away + hi * width)
    )
    assert not rectangles(fig, "zopa-gap")
    text = joined(fig)
    demand = sample.demand_scenario
    assert demand is not None and demand.unit_price is not None
    for label in ("Our walk-away", "Their walk-away", "Our proposal", "Their demand", "Fair"):
        assert label in text
    assert "EUR 410.00" in text and "EUR 455.00" in text
    assert verdict_text(zopa, "EUR") in text
    assert fig.get_figwidth() == 8.0


def test_zopa_without_a_zone_shows_the_gap_in_red() -> None:
    case = no_zopa_case()
    analysis = analyze_case(case)
    zopa = analysis.zopa
    assert zopa.exists is False and zopa.our_walk_away and zopa.their_walk_away
    fig = zopa_bar(case, analysis)
    _ok(fig)
    assert not rectangles(fig, "zopa-zone")
    (gap,) = rectangles(fig, "zopa-gap")
    assert x_extent(gap) == pytest.approx((zopa.their_walk_away, zopa.our_walk_away))
    assert "no ZOPA" in joined(fig) and "No ZOPA" in joined(fig)


def test_zopa_of_zero_width(sample: Case, sample_analysis: CaseAnalysis) -> None:
    fig = zopa_bar(sample, zero_width(sample_analysis))
    _ok(fig)
    assert not rectangles(fig, "zopa-zone")
    (gap,) = rectangles(fig, "zopa-gap")
    assert gap.get_width() == 0.0


def test_zopa_bar_without_title_is_compact(sample: Case, sample_analysis: CaseAnalysis) -> None:
    fig = zopa_bar(sample, sample_analysis, title=False, size=(8.0, 1.4))
    _ok(fig)
    assert "Zone of possible agreement" not in joined(fig)
    assert tuple(fig.get_size_inches()) == (8.0, 1.4)


# --- tornado ---------------------------------------------------------------------------------


def _tornado_rows(fig: Figure) -> list[float]:
    swings: list[float] = []
    row = 0
    while True:
        if not rectangles(fig, f"tornado-low-{row}"):
            return swings
        low = patch(fig, f"tornado-low-{row}")
        high = patch(fig, f"tornado-high-{row}")
        swings.append(abs(high.get_width() - low.get_width()))
        row += 1


def _drawn(analysis: CaseAnalysis, top: int = 12) -> list[SensitivityItem]:
    """The items the tornado draws: the analysis's ranking (breaks first, then the largest
    swing) of the inputs that break something or have a swing above 0."""
    return [i for i in analysis.sensitivity if i.breaks is not None or (i.swing or 0.0) > 0][:top]


def test_tornado_is_ordered_by_swing_around_the_base_width(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    fig = tornado(sample, sample_analysis)
    _ok(fig)
    swings = _tornado_rows(fig)
    assert len(swings) == 12
    items = _drawn(sample_analysis)
    breaking = [i for i in items if i.breaks is not None]
    assert items[: len(breaking)] == breaking  # the moves that remove the zone come first
    rest = swings[len(breaking) :]
    assert rest == sorted(rest, reverse=True)  # then the largest swing first
    assert swings == pytest.approx([i.swing for i in items])
    base = sample_analysis.zopa.width
    assert base is not None
    for bar in rectangles(fig, "tornado-low-") + rectangles(fig, "tornado-high-"):
        assert math.isclose(bar.get_x(), base)
    text = joined(fig)
    assert "ZOPA width (EUR per unit)" in text
    top = max(sample_analysis.sensitivity, key=lambda i: i.swing or 0.0)
    assert top.label.split(" ")[0] in text
    assert "moves our walk-away" in text and "moves their walk-away" in text


def test_tornado_top_n(sample: Case, sample_analysis: CaseAnalysis) -> None:
    assert len(_tornado_rows(tornado(sample, sample_analysis, top=3))) == 3
    assert len(_tornado_rows(tornado(sample, sample_analysis, top=500))) == len(
        [i for i in sample_analysis.sensitivity if i.swing]
    )


def test_tornado_colours_say_which_walk_away_moves(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    from matplotlib.colors import to_hex

    from desktop_app.charts.zopa import MOVES_COLOURS

    fig = tornado(sample, sample_analysis)
    for row, item in enumerate(_drawn(sample_analysis)):
        high = patch(fig, f"tornado-high-{row}")
        assert to_hex(high.get_facecolor()) == MOVES_COLOURS[item.moves][0].lower()


def test_all_labels_are_strings(sample: Case, sample_analysis: CaseAnalysis) -> None:
    assert all(isinstance(s, str) for s in strings(tornado(sample, sample_analysis)))
