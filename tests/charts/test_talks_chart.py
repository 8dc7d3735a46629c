"""The chart of offers by round (SPEC §10): each side's offers where they were made, our plan
from the proposal's price to its limit (values by hand), both walk-aways and the fair price
where the analysis puts them, an offer of ours below the plan ringed, their walk-away range
shaded when the analysis has one, and a message without offers or plan."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any, cast

import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.charts import talks_offers
from desktop_app.domain.model import Case, Offer, blank_case
from tests.charts.support import by_gid, gid_offsets, is_error, joined

#: Theirs 410 → 420, ours 452 → 446 (the plan says 447.50 in round 2: below).
OFFERS = (
    Offer(id="o-1", round=1, from_="theirs", unit_price=410.0),
    Offer(id="o-2", round=1, from_="ours", unit_price=452.0),
    Offer(id="o-3", round=2, from_="theirs", unit_price=420.0),
    Offer(id="o-4", round=2, from_="ours", unit_price=446.0),
)


@pytest.fixture(scope="module")
def talks(sample: Case) -> tuple[Case, CaseAnalysis]:
    """The sample with a linear plan from 455 to 440 in four rounds, and four offers."""
    info = replace(sample.info, plan_rounds=4, plan_shape=1.0, plan_limit=440.0)
    case = replace(sample, info=info, offers=OFFERS)
    return case, analyze_case(case)


def _line(fig: Figure, gid: str) -> tuple[list[float], list[float]]:
    found = [a for a in by_gid(fig, gid) if isinstance(a, Line2D) and a.get_gid() == gid]
    assert len(found) == 1, gid
    line = found[0]
    return (
        [float(v) for v in cast(Any, line.get_xdata())],
        [float(v) for v in cast(Any, line.get_ydata())],
    )


def test_offers_plan_and_walk_aways_are_where_the_figures_say(
    talks: tuple[Case, CaseAnalysis],
) -> None:
    case, analysis = talks
    fig = talks_offers(case, analysis)
    assert fig.get_label() == "talks"
    assert _line(fig, "their-offers") == ([1.0, 2.0], [410.0, 420.0])
    assert _line(fig, "our-offers") == ([1.0, 2.0], [452.0, 446.0])
    xs, ys = _line(fig, "plan")
    assert xs == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert ys == pytest.approx([455.0, 451.25, 447.5, 443.75, 440.0])
    zopa = analysis.zopa
    assert _line(fig, "our-walk-away")[1][0] == pytest.approx(zopa.our_walk_away)
    assert _line(fig, "their-walk-away")[1][0] == pytest.approx(zopa.their_walk_away)
    assert _line(fig, "fair-price")[1][0] == pytest.approx(zopa.fair_price)
    assert gid_offsets(fig, "flagged-offers") == [(2.0, 446.0)]
    # Their pace through (1, 410), (2, 420): 400 + 10·t reaches the plan's 440 in round 4.
    assert _line(fig, "their-pace") == ([2.0, 4.0], [420.0, 440.0])
    assert analysis.talks.their_pace is not None
    assert analysis.talks.their_pace.meets_plan_in_round == 4
    assert "1 offer of ours below the plan" in joined(fig)


def test_their_walk_away_range_is_shaded_when_known(talks: tuple[Case, CaseAnalysis]) -> None:
    case, analysis = talks

    class WithRange:
        their_walk_away = SimpleNamespace(p10=460.0, p90=490.0)  # SPEC §9's distribution

        def __getattr__(self, name: str) -> Any:
            return getattr(analysis, name)

    fig = talks_offers(case, cast(CaseAnalysis, WithRange()))
    assert not is_error(fig)
    (band,) = by_gid(fig, "their-range")
    extent = band.get_window_extent()
    y0, y1 = extent.y0, extent.y1
    assert y1 > y0
    assert "Their walk-away P10–P90" in joined(fig)
    assert not by_gid(talks_offers(case, analysis), "their-range")


def test_without_analysis_or_anything_to_show_it_says_why(sample: Case) -> None:
    assert talks_offers(sample, None).get_label() == "message"
    blank = blank_case()
    fig = talks_offers(blank, analyze_case(blank))
    assert fig.get_label() == "message" and not is_error(fig)
