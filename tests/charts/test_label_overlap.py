"""No label of a chart runs into another, and none leaves the figure: every chart of the sample
case and of the stress case (100 parties, 200 alternatives, 1,000 risks, 10 scenarios), drawn
at the sizes the app gives it at 1366 × 768 and at 1024 × 640 and at the width of the brief's
page (A4 and Letter). Each text is measured where the renderer puts it
(``Text.get_window_extent``) as the figure is drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from matplotlib.figure import Figure

from desktop_app import charts
from desktop_app.analysis import CaseAnalysis
from desktop_app.charts.render import SCREEN_DPI
from desktop_app.domain.model import Case
from desktop_app.reports.brief_charts import CHART_SCALE, CHARTS
from desktop_app.reports.paper import PAGE_SIZES, frame_width
from tests.charts.support import drawn_texts, is_error, label_collisions

#: The size (pixels) of each chart view in the app at 1366 × 768 and at 1024 × 640, with the
#: sample case open (tests/ui/test_layout.py holds the app to these).
APP_CHART_SIZES: dict[str, tuple[tuple[int, int], ...]] = {
    "zopa_bar": ((910, 170), (713, 170), (1354, 330), (1012, 239)),
    "stakeholder_map": ((653, 344), (488, 276)),
    "alternatives_chart": ((697, 543), (520, 401)),
    "value_chart": ((653, 543), (488, 401)),
    "risk_heat_map": ((1354, 629), (1012, 501)),
    "loss_distributions": ((576, 625), (430, 497)),
    "shortfall_capped_vs_uncapped": ((611, 625), (455, 497)),
    "tornado": ((1354, 629), (1012, 501)),
    "deal_packages": ((1354, 629), (1012, 501)),
    "talks_offers": ((1354, 343), (1012, 272)),
    # With ranges on their alternatives: tests/charts/test_acceptance_chart.py.
    "acceptance_curve": ((1354, 629), (1012, 501)),
}
CASES = ("sample", "stress")


def _case(name: str, request: pytest.FixtureRequest) -> tuple[Case, CaseAnalysis]:
    return request.getfixturevalue(name), request.getfixturevalue(f"{name}_analysis")


def _clear(fig: Figure) -> None:
    assert not is_error(fig), fig.get_label()
    problems = label_collisions(fig)
    assert not problems, "\n".join(problems)


def _as_the_app_draws(build: Callable[..., Figure], case: Case, analysis: Any, size: Any) -> Figure:
    """The chart as the app's chart worker draws it for a view of ``size`` pixels
    (``desktop_app.charts.render.render_for``)."""
    width, height = size
    fig = build(case, analysis, size=(width / SCREEN_DPI, height / SCREEN_DPI))
    fig.set_size_inches((width + 0.25) / SCREEN_DPI, (height + 0.25) / SCREEN_DPI)
    return fig


@pytest.mark.parametrize("case_name", CASES)
@pytest.mark.parametrize(
    ("key", "size"),
    [(key, size) for key, sizes in APP_CHART_SIZES.items() for size in sizes],
    ids=lambda value: "x".join(map(str, value)) if isinstance(value, tuple) else str(value),
)
def test_labels_never_overlap_in_the_app(
    key: str, size: tuple[int, int], case_name: str, request: pytest.FixtureRequest
) -> None:
    case, analysis = _case(case_name, request)
    _clear(_as_the_app_draws(getattr(charts, key), case, analysis, size))


@pytest.mark.parametrize("case_name", CASES)
@pytest.mark.parametrize("paper", sorted(PAGE_SIZES))
@pytest.mark.parametrize("chart", CHARTS, ids=[chart[0] for chart in CHARTS])
def test_labels_never_overlap_in_the_brief(
    chart: tuple[str, str, dict[str, Any], float],
    paper: str,
    case_name: str,
    request: pytest.FixtureRequest,
) -> None:
    """As ``reports.render.chart_svg`` draws the brief's charts: built at their own size, then
    again at the page's width with the height scaled alike."""
    case, analysis = _case(case_name, request)
    _, function, kwargs, _ = chart
    build = getattr(charts, function)
    width = frame_width(paper) / CHART_SCALE / 72.0
    first = build(case, analysis, **kwargs)
    w, h = (float(v) for v in first.get_size_inches())
    _clear(build(case, analysis, size=(width, h * width / w), **kwargs))


def test_the_check_sees_an_overlap_and_a_text_outside() -> None:
    """The check itself: two texts on one spot, and one past the right edge, are reported."""
    fig = Figure(figsize=(4, 2))
    fig.text(0.1, 0.5, "Our walk-away EUR 417.74")
    fig.text(0.12, 0.5, "Our proposal EUR 455.00")
    fig.text(0.95, 0.1, "cut off at the edge")
    problems = label_collisions(fig)
    assert any(p.startswith("overlap: 'Our walk-away") for p in problems), problems
    assert any(p.startswith("outside the figure: 'cut off") for p in problems), problems


@pytest.mark.parametrize("key", sorted(APP_CHART_SIZES))
def test_drawing_a_chart_again_places_its_labels_alike(
    key: str, stress: Case, stress_analysis: CaseAnalysis
) -> None:
    """Labels are placed when the chart is drawn: a second drawing (a copy for the clipboard,
    an export after the screen) starts from the chart as built and lands in the same places."""
    fig = _as_the_app_draws(getattr(charts, key), stress, stress_analysis, APP_CHART_SIZES[key][1])
    first = drawn_texts(fig)
    again = drawn_texts(fig)
    assert [t.get_text() for t, _ in again] == [t.get_text() for t, _ in first]
    for (_, box), (_, before) in zip(again, first, strict=True):
        assert box.bounds == pytest.approx(before.bounds, abs=0.5)
