"""A chart whose size the case does not change is drawn once, at the page's width, and gives
the very bytes of the two-step route (drawn at its own size, then again at the page's width
with the height scaled alike) — on a full case and on an empty one, whose charts are messages
with sizes of their own."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app import charts
from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain.model import Case, CaseInfo
from desktop_app.reports.brief_charts import CHARTS
from desktop_app.reports.render import ChartJob, chart_svg
from desktop_app.reports.vector import figure_svg
from desktop_app.store.sample import sample_case

PAGE_WIDTH_IN = 7.44


def _two_steps(case: Case, analysis: CaseAnalysis, function: str, kwargs: dict[str, Any]) -> bytes:
    build = getattr(charts, function)
    fig = build(case, analysis, **kwargs)
    width, height = (float(v) for v in fig.get_size_inches())
    if abs(width - PAGE_WIDTH_IN) > 0.01 and not fig.get_label().startswith("error:"):
        size = (PAGE_WIDTH_IN, height * PAGE_WIDTH_IN / width)
        fig = build(case, analysis, size=size, **kwargs)
    return figure_svg(fig)


@pytest.fixture(scope="module", params=["sample", "empty"])
def inputs(request: pytest.FixtureRequest) -> tuple[Case, CaseAnalysis]:
    case = sample_case() if request.param == "sample" else Case(info=CaseInfo(title="Empty"))
    return case, analyze_case(case)


@pytest.mark.parametrize(("key", "function", "kwargs"), [c[:3] for c in CHARTS])
def test_drawn_once_at_the_page_width_or_twice_the_bytes_are_the_same(
    inputs: tuple[Case, CaseAnalysis], key: str, function: str, kwargs: dict[str, Any]
) -> None:
    case, analysis = inputs
    job = ChartJob(key, function, kwargs, width=PAGE_WIDTH_IN)
    assert chart_svg(case, analysis, job) == _two_steps(case, analysis, function, kwargs)


#: The brief's charts whose size is declared (the others measure their rows: drawn twice).
SIZED = [(c[1], c[2]) for c in CHARTS if charts.natural_size(c[1], c[2]) is not None]


def test_most_of_the_briefs_charts_are_drawn_once() -> None:
    assert {function for function, _kwargs in SIZED} == {
        "zopa_bar",
        "stakeholder_map",
        "risk_heat_map",
        "deal_packages",
        "acceptance_curve",
    }


@pytest.mark.parametrize(("function", "kwargs"), SIZED)
def test_a_declared_size_is_the_size_the_chart_takes(function: str, kwargs: dict[str, Any]) -> None:
    case = sample_case()
    fig = getattr(charts, function)(case, analyze_case(case), **kwargs)
    assert tuple(float(v) for v in fig.get_size_inches()) == pytest.approx(
        charts.natural_size(function, kwargs)
    )
