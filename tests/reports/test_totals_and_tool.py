"""What the documents say they hold: the proposal's whole contract (each year's price to the
cent) and the brief's modelled revenue (exact prices) each named for what it is when they
differ; the brief's appendix keeps the version the figures were computed with, never the tool's
name; the loss chart in the brief prints ES as its tables do."""

from __future__ import annotations

import re
from dataclasses import replace

from desktop_app import __version__
from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain import edits
from desktop_app.domain.model import Case
from desktop_app.reports.export import render_pdf
from desktop_app.reports.proposal import PRICES_NOTE
from tests.reports.conftest import pdf_text, quick
from tests.reports.mechanics_support import flat

# By hand: EUR 455 less 1.5 % a year over 4 years at 60,000 units: 27,300,000 ×
# (1 + 0.985 + 0.970225 + 0.955671625) = 106,767,477.86 at exact prices; at the printed ones
# (455.00, 448.18, 441.45, 434.83) × 60,000 = 106,767,600.
MODELLED = "EUR 106,767,478"
PRINTED = "EUR 106,767,600"


def test_the_proposal_says_its_whole_contract_is_the_sum_of_the_amounts_shown(
    proposal_pdf: bytes,
) -> None:
    text = flat(pdf_text(proposal_pdf))
    assert f"Whole contract EUR 444.87 avg. 240,000 {PRINTED}" in text
    assert PRICES_NOTE in text


def test_the_brief_names_both_totals_when_they_differ(brief_pdf: bytes) -> None:
    text = flat(pdf_text(brief_pdf))
    assert (
        f"The proposal document's price table totals {PRINTED} over the contract: each year's "
        "price to the cent, as the counterpart reads it. The revenue in “Scenarios side by "
        f"side”, {MODELLED}, is modelled on the exact yearly prices." in text
    )


def test_a_fixed_price_needs_no_word_on_its_total(sample: tuple[Case, CaseAnalysis]) -> None:
    case, _ = sample
    scenario = case.proposal_scenario
    assert scenario is not None
    fixed = quick(edits.replace_entity(case, replace(scenario, annual_price_change_pct=0.0)))
    analysis = analyze_case(fixed)
    brief = flat(pdf_text(render_pdf(fixed, analysis, kind="brief")))
    proposal = flat(pdf_text(render_pdf(fixed, None, kind="proposal")))
    assert "price table totals" not in brief
    assert PRICES_NOTE not in proposal and "Amounts rounded" not in proposal
    # 455 × 60,000 × 4 = 109,200,000, the same in both documents.
    assert "EUR 109,200,000" in brief and "EUR 109,200,000" in proposal


def test_the_appendix_keeps_the_version_and_names_no_tool(brief_pdf: bytes) -> None:
    text = flat(pdf_text(brief_pdf))
    appendix = text[text.find("Appendix: assumptions and method") :]
    assert f"Model version {__version__}" in appendix
    assert not re.search(r"Leverage \d|Prepared with", text)


def test_the_loss_chart_prints_es_as_the_tables_do(
    brief_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    """The tables print ES in whole units ("EUR 11,280,819"); so do the chart's labels (they
    printed "ES EUR 11.3M"), under the tables' short name for it."""
    _, analysis = sample
    text = flat(pdf_text(brief_pdf))
    assert not re.search(r"ES EUR \d", text)
    for scenario in analysis.scenarios:
        amount = f"EUR {round(scenario.loss.expected_shortfall):,}"
        assert f"ES90 {amount}" in text, amount  # the chart's label
        assert text.count(amount) >= 2, amount  # and the tables
