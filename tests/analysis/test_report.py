"""The ``analyze`` output: §5 JSON (keys, units, nulls) and the text report."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import Any

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.analysis.report import analysis_to_json
from desktop_app.domain.model import Case
from desktop_app.reports.text import format_report
from desktop_app.store.sample import sample_case
from tests.analysis.builders import small_case

SCENARIO_KEYS = {
    "revenue",
    "cost",
    "financing_cost",
    "margin",
    "margin_pct",
    "expected_loss",
    "loss_at_confidence",
    "expected_shortfall",
    "p50",
    "p90",
    "p95",
    "risk_adjusted_margin_pct",
    "conservative_margin_pct",
    "walk_away_price",
    "p_below_min_margin",
    "p_loss",
    "histogram",
}
ZOPA_KEYS = {
    "our_walk_away",
    "their_walk_away",
    "their_batna_alternative",
    "exists",
    "width",
    "fair_price",
    "proposal_price",
    "our_share",
    "verdict",
}


@pytest.fixture(scope="module")
def sample() -> Case:
    case = sample_case()
    return replace(case, info=replace(case.info, simulation_runs=2_000))


@pytest.fixture(scope="module")
def document(sample: Case) -> dict[str, Any]:
    data = analysis_to_json(sample, analyze_case(sample))
    return json.loads(json.dumps(data, allow_nan=False))


def test_every_section_5_key_is_there(document: dict[str, Any]) -> None:
    assert {"scenarios", "zopa", "value", "sensitivity", "intelligence", "readiness"} <= set(
        document
    )
    for figures in document["scenarios"].values():
        assert set(figures) >= SCENARIO_KEYS
        assert set(figures["histogram"]) == {"edges", "counts"}
    assert set(document["zopa"]) >= ZOPA_KEYS
    assert {"batna_alternative", "batna_value", "proposal_value", "gain", "robustness"} <= set(
        document["value"]["theirs"]
    )
    assert {"batna_alternative", "batna_value", "proposal_value", "gain"} <= set(
        document["value"]["ours"]
    )
    assert "leverage" in document["value"]
    assert all(
        {"input", "moves", "low", "high", "swing"} <= set(i) for i in document["sensitivity"]
    )
    assert all({"input", "value", "swing", "question"} <= set(i) for i in document["intelligence"])
    assert {"score", "items"} <= set(document["readiness"])


def test_units_are_those_of_section_5(document: dict[str, Any]) -> None:
    proposal = document["scenarios"]["s-proposal"]
    assert proposal["margin_pct"] == pytest.approx(100 * proposal["margin"] / proposal["revenue"])
    assert 5 < proposal["margin_pct"] < 50  # percent, not a fraction
    assert 0 <= proposal["p_loss"] <= 1 and 0 <= proposal["p_below_min_margin"] <= 1
    zopa = document["zopa"]
    assert 0 < zopa["our_share"] < 1 and zopa["verdict"] == "aggressive"  # issue 14: 62.5 %
    assert zopa["their_batna_alternative"] == "a-delay"
    assert document["value"]["theirs"]["batna_alternative"] == "a-delay"
    theirs = document["value"]["theirs"]
    # Delay scores 3, 8, 5, 5, 6 on weights 35, 25, 20, 10, 10 → V = 51.5; EV = p·V, in points
    assert theirs["batna_value"] == pytest.approx(0.9 * 51.5)
    assert 0 <= document["readiness"]["score"] <= 1
    # Money is unrounded: not every figure is a whole number.
    assert not float(proposal["financing_cost"]).is_integer()


def test_unavailable_figures_are_null_with_a_reason() -> None:
    case = small_case()
    case = replace(case, scenarios=(replace(case.scenarios[0], unit_price=None),))
    data = analysis_to_json(case, analyze_case(case))
    text = json.dumps(data, allow_nan=False)
    assert data["scenarios"]["s-prop"]["revenue"] is None
    assert data["zopa"]["our_share"] is None and data["zopa"]["verdict"] == "unknown"
    reasons = [
        item for item in data["readiness"]["items"] if "scenarios.s-prop.revenue" in item["affects"]
    ]
    assert reasons and reasons[0]["todo"]
    assert "NaN" not in text and "Infinity" not in text


def test_the_text_report_is_readable(sample: Case) -> None:
    analysis = analyze_case(sample)
    report = format_report(sample, analysis)
    assert report == format_report(sample, analyze_case(sample))
    assert "Phase-two renewal" in report
    proposal = analysis.scenario("s-proposal")
    assert proposal is not None and proposal.money.revenue is not None
    assert f"EUR {proposal.money.revenue:,.0f}" in report
    assert f"EUR {analysis.zopa.their_walk_away:,.2f}" in report
    assert "is fair" in report and "Delay: extend phase one month by month" in report
    assert "[x] Every risk has a mitigation" in report
    assert "What would one unit really cost them" in report
    lines = report.splitlines()
    header = next(i for i, line in enumerate(lines) if line.strip().startswith("Role"))
    table = lines[header - 2 : header + 20]
    assert len({len(line) for line in table if line.strip()}) <= 2  # aligned columns
    assert not any(math.isnan(x) for x in [analysis.zopa.width or 0.0])


def test_failed_items_say_what_to_do_in_the_text() -> None:
    case = small_case()
    risks = tuple(replace(r, mitigation="") for r in case.risks)
    report = format_report(replace(case, risks=risks), analyze_case(replace(case, risks=risks)))
    assert "[ ] Every risk has a mitigation" in report
    assert "→ Write down how we limit" in report
    assert "generous" in report
