"""Every chart on every awkward case: no analysis, a blank case, no proposal, no ZOPA, a zone of
width zero, no risks, no price-based alternative, a crowded case, the stress case. None may
raise, warn or fall back to the error figure; each draws; the empty ones say why."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import pytest
from matplotlib.figure import Figure

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.charts import (
    alternatives_chart,
    deal_packages,
    loss_distributions,
    risk_heat_map,
    shortfall_capped_vs_uncapped,
    stakeholder_map,
    talks_offers,
    tornado,
    value_chart,
    zopa_bar,
)
from desktop_app.domain.model import Case, blank_case
from tests.charts import support

Chart = Callable[[Case, CaseAnalysis | None], Figure]
CHARTS: dict[str, Chart] = {
    "alternatives": alternatives_chart,
    "value": value_chart,
    "stakeholders": stakeholder_map,
    "heat_map": risk_heat_map,
    "losses": loss_distributions,
    "shortfall": shortfall_capped_vs_uncapped,
    "zopa": zopa_bar,
    "tornado": tornado,
    "deal": deal_packages,
    "talks": talks_offers,
}
BUILDERS: dict[str, Callable[[], Case]] = {
    "blank": blank_case,
    "no_proposal": support.no_proposal_case,
    "no_zopa": support.no_zopa_case,
    "no_risks": support.no_risks_case,
    "no_priced_alternatives": support.no_priced_alternatives_case,
    "crowded": support.crowded_case,
}


@pytest.fixture(scope="module")
def analysed() -> dict[str, tuple[Case, CaseAnalysis]]:
    result = {}
    for name, build in BUILDERS.items():
        case = build()
        result[name] = (case, analyze_case(case))
    return result


def _build_and_draw(chart: Chart, case: Case, analysis: CaseAnalysis | None) -> Figure:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = chart(case, analysis)
        fig.draw_without_rendering()  # the layout runs here: it must not fail or warn either
    assert not support.is_error(fig), fig.get_label()
    return fig


def _message(fig: Figure) -> str:
    """The grey message of a placeholder figure ("" for a real chart)."""
    if fig.get_label() != "message":
        return ""
    (ax,) = fig.axes
    assert not ax.axison
    (text,) = ax.texts
    assert text.get_position() == (0.5, 0.5) and text.get_horizontalalignment() == "center"
    return text.get_text()


@pytest.mark.parametrize("name", CHARTS)
def test_without_analysis(name: str, sample: Case) -> None:
    chart = CHARTS[name]
    for case in (sample, blank_case()):
        fig = _build_and_draw(chart, case, None)
        if name in ("stakeholders", "heat_map") and case is sample:
            assert fig.get_label() != "message"  # they need the case only
        elif name not in ("stakeholders", "heat_map"):
            assert _message(fig)


#: The stakeholder map and the heat map read the case only: the cases that change parties
#: or risks are enough for them.
CASE_ONLY = {"stakeholders", "heat_map"}
AWKWARD = [
    (name, case_name)
    for name in CHARTS
    for case_name in BUILDERS
    if name not in CASE_ONLY or case_name in ("blank", "no_risks", "crowded")
]


@pytest.mark.parametrize(("name", "case_name"), AWKWARD)
def test_awkward_cases(
    name: str, case_name: str, analysed: dict[str, tuple[Case, CaseAnalysis]]
) -> None:
    case, analysis = analysed[case_name]
    _build_and_draw(CHARTS[name], case, analysis)


def test_blank_case_explains_what_to_enter(
    analysed: dict[str, tuple[Case, CaseAnalysis]],
) -> None:
    case, analysis = analysed["blank"]
    messages = {name: _message(chart(case, analysis)) for name, chart in CHARTS.items()}
    assert "price-based alternative" in messages["alternatives"]
    assert "parties" in messages["stakeholders"]
    assert "risks" in messages["heat_map"] and "risks" in messages["losses"]
    assert "ZOPA" in messages["zopa"]
    assert all(messages.values()), messages


def test_no_price_based_alternative_says_so(
    analysed: dict[str, tuple[Case, CaseAnalysis]],
) -> None:
    case, analysis = analysed["no_priced_alternatives"]
    message = _message(alternatives_chart(case, analysis))
    assert message == "Add a price-based alternative of theirs to see their walk-away."
    zopa = zopa_bar(case, analysis)
    assert zopa.get_label() == "zopa"  # our walk-away alone still makes a bar
    assert "Their walk-away is not known" in support.joined(zopa)


def test_no_risks_means_no_loss_charts(analysed: dict[str, tuple[Case, CaseAnalysis]]) -> None:
    case, analysis = analysed["no_risks"]
    for chart in (risk_heat_map, loss_distributions, shortfall_capped_vs_uncapped):
        assert "risks" in _message(chart(case, analysis))


def test_zero_width_zone(sample: Case, sample_analysis: CaseAnalysis) -> None:
    analysis = support.zero_width(sample_analysis)
    for chart in (alternatives_chart, zopa_bar, tornado):
        _build_and_draw(chart, sample, analysis)


@pytest.mark.parametrize("name", CHARTS)
def test_stress_case(name: str, stress: Case, stress_analysis: CaseAnalysis) -> None:
    fig = _build_and_draw(CHARTS[name], stress, stress_analysis)
    assert fig.get_label() != "message"
    assert max(fig.get_size_inches()) <= 10.0


def test_a_failing_chart_becomes_a_message(sample: Case, sample_analysis: CaseAnalysis) -> None:
    broken = sample_analysis.__class__(
        settings=sample_analysis.settings,
        scenarios=sample_analysis.scenarios,
        zopa=None,  # type: ignore[arg-type]
        value=sample_analysis.value,
        sensitivity=sample_analysis.sensitivity,
        intelligence=sample_analysis.intelligence,
        readiness=sample_analysis.readiness,
        deal=sample_analysis.deal,
    )
    fig = zopa_bar(sample, broken)
    assert fig.get_label() == "error:zopa_bar"
    assert "could not be drawn" in support.joined(fig)
