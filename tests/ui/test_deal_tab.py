"""The Deal tab (SPEC §8): the trading plan and the offers of equal value as the analysis has
them, the package better for both added as a scenario in one undo step, the chart, and the
what-if — its sliders and fields answered from the analysis's deal model, checked against the
model and against the formulas by hand, and saved as a scenario in one undo step."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.analysis.deal_model import Package, Terms
from desktop_app.analysis.money import price_weighted_volume
from desktop_app.analysis.wording import trade_sentence
from desktop_app.domain.model import Case
from desktop_app.reports.text_deal import TERM_HEADERS
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import TABS
from desktop_app.ui.tabs.deal_content import Amounts
from desktop_app.ui.tabs.deal_tab import DealTab
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, analysed_tab, charts_drawn, stored


def _money(value: float) -> str:
    return format_money(value, "EUR", 0)


def _price(value: float) -> str:
    return format_money(value, "EUR", 2)


@pytest.fixture
def tab(document: CaseDocument, qtbot: Any) -> DealTab:
    result: DealTab = analysed_tab(DealTab, document, qtbot)
    return result


def _document_of(case: Case, path: Path) -> CaseDocument:
    write_new_case(path, case)
    return CaseDocument(CaseFile.open(path))


@pytest.fixture
def dearer(tmp_path: Path, qtbot: Any) -> Iterator[tuple[CaseDocument, DealTab]]:
    """They finance at 12 %, we at 8 %: a package better for both exists."""
    case = sample_case()
    case = dataclasses.replace(
        case, info=dataclasses.replace(case.info, their_cost_of_capital_pct=12.0)
    )
    document = _document_of(case, tmp_path / "dearer.leverage")
    deal_tab = analysed_tab(DealTab, document, qtbot)
    yield document, deal_tab
    document.close()


def test_the_deal_tab_sits_between_margin_and_proposal() -> None:
    names = [entry.class_name for entry in TABS]
    assert names[names.index("MarginTab") + 1] == "DealTab"
    assert names[names.index("DealTab") + 1] == "ProposalTab"
    assert DealTab.title == "Deal"


# -- what the analysis says -------------------------------------------------------------------


def test_the_trading_plan_shows_every_trade_of_the_analysis(tab: DealTab) -> None:
    analysis = tab.document.analysis
    assert analysis is not None and analysis.deal.trades
    trades = analysis.deal.trades
    model = tab.trades
    assert model.rowCount() == len(trades) == 3
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Ours",
        "Theirs",
        "Cost to us",
        "Value to them",
        "Price equivalent",
        "Joint gain",
        "Advice",
    ]
    amounts = Amounts("EUR")
    for row, trade in enumerate(trades):
        assert model.headerData(row, Qt.Orientation.Vertical) == TERM_HEADERS[trade.term]
        cells = [model.index(row, c).data() for c in range(model.columnCount())]
        assert cells[2] == _money(trade.cost_to_us)
        assert cells[3] == _money(trade.value_to_them)
        assert cells[4] == _price(trade.price_equivalent or 0.0)
        assert cells[5] == _money(trade.joint_gain or 0.0)
        assert cells[6] == trade.verdict
        sentence = trade_sentence(trade, amounts)
        assert sentence in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert sentence.replace("'", "&#x27;") in tab.trade_words.text()
    # The sample's order and words: payment days and price change even, the cap held.
    assert [t.term for t in trades] == ["payment_days", "annual_price_change_pct", "liability_cap"]
    assert "Concede uncapped liability" in tab.trade_words.text()
    assert "taken to be ours" in tab.rate.text()


def test_the_three_offers_equal_for_us_are_the_analysis_meso(tab: DealTab) -> None:
    analysis = tab.document.analysis
    assert analysis is not None and analysis.deal.meso
    meso = analysis.deal.meso
    model = tab.offers
    assert model.rowCount() == len(meso) == 3
    assert model.headerData(0, Qt.Orientation.Vertical) == "Our proposal"
    for row, offer in enumerate(meso):
        assert model.index(row, 0).data() == _price(offer.unit_price)
        assert model.index(row, 2).data() == f"{offer.payment_days} days"
        assert model.index(row, 4).data() == _money(offer.our_surplus)
        assert model.index(row, 5).data() == _money(offer.their_surplus)
    assert not tab.offers_note.isVisibleTo(tab)


def test_an_efficient_proposal_has_nothing_to_add(tab: DealTab) -> None:
    assert "efficient on these terms" in tab.improvement.text()
    assert not tab.add_improvement.isEnabled()
    assert tab.add_improvement_scenario() is not None
    assert tab.document.undo_stack.count() == 0


def test_the_chart_is_drawn_for_the_deal(tab: DealTab, qtbot: Any) -> None:
    tab.show()
    tab.sections.setCurrentWidget(tab.chart)
    qtbot.waitUntil(tab.chart.isVisible)
    tab.enable_charts()
    charts_drawn(qtbot, [tab.chart])
    rendered = tab.chart.last_render
    assert rendered is not None and rendered.key == "deal_packages"
    assert rendered.label == "deal", rendered.texts
    assert "What each package is worth to each side" in rendered.texts


# -- better for both, as a scenario --------------------------------------------------------------


def test_add_as_scenario_adds_the_improvement_in_one_undo_step(
    dearer: tuple[CaseDocument, DealTab], qtbot: Any
) -> None:
    document, deal_tab = dearer
    analysis = document.analysis
    assert analysis is not None
    better = analysis.deal.improvement
    assert better is not None
    assert deal_tab.add_improvement.isEnabled()
    assert "we gain" in deal_tab.improvement.text()
    before = document.case
    with qtbot.waitSignal(deal_tab.scenario_added, timeout=5_000):
        qtbot.mouseClick(deal_tab.add_improvement, Qt.MouseButton.LeftButton)
    after = document.case
    assert len(after.scenarios) == len(before.scenarios) + 1
    assert document.undo_stack.count() == 1
    added = after.scenarios[-1]
    proposal = before.proposal_scenario
    assert proposal is not None
    assert added.role == "other" and added.name.startswith("Better for both: ")
    assert added.unit_price == pytest.approx(better.unit_price, abs=0.005)
    assert (added.annual_price_change_pct, added.payment_days, added.liability_cap) == (
        better.annual_price_change_pct,
        better.payment_days,
        better.liability_cap,
    )
    assert (added.annual_volume, added.years) == (proposal.annual_volume, proposal.years)
    assert dict(added.risk_overrides) == dict(proposal.risk_overrides)
    assert stored(document.path).scenarios[-1] == added
    document.undo_stack.undo()
    assert document.case.scenarios == before.scenarios
    assert stored(document.path).scenarios == before.scenarios


# -- the what-if --------------------------------------------------------------------------------


def test_the_what_if_starts_at_our_proposal_with_the_analysis_figures(tab: DealTab) -> None:
    analysis = tab.document.analysis
    assert analysis is not None and analysis.deal.proposal is not None
    proposal = analysis.deal.proposal
    panel = tab.what_if
    assert panel.price.value() == proposal.unit_price
    assert panel.change.value() == proposal.annual_price_change_pct
    assert panel.days.value() == proposal.payment_days
    assert panel.cap.value() == proposal.liability_cap
    values = panel.values
    assert values["our_surplus"].text() == _money(proposal.our_surplus)
    assert values["their_surplus"].text() == _money(proposal.their_surplus or 0.0)
    zopa = analysis.zopa
    assert values["our_walk_away"].text() == _price(zopa.our_walk_away or 0.0)
    assert values["their_walk_away"].text() == _price(zopa.their_walk_away or 0.0)
    assert values["verdict"].text().startswith("Aggressive")
    assert panel.changes["our_surplus"].text() == "no change"


def test_moving_the_price_moves_both_surpluses_as_the_formulas_say(
    tab: DealTab, qtbot: Any
) -> None:
    """By hand: at fixed terms U_us moves by ΔP·K·(1 − r·d/365) and U_them by −ΔP·K·(1 −
    r_t·d/365), K = V·Σ(1 + g)^(y−1); the walk-aways do not move."""
    case = tab.document.case
    proposal = case.proposal_scenario
    assert proposal is not None and proposal.unit_price is not None
    panel = tab.what_if
    with qtbot.waitSignal(panel.updated, timeout=1_000):
        panel.price.spin.setValue(proposal.unit_price + 10.0)
    volume = proposal.annual_volume or 0.0
    k = sum(
        volume * (1 + proposal.annual_price_change_pct / 100) ** (y - 1)
        for y in range(1, proposal.years + 1)
    )
    assert k == pytest.approx(price_weighted_volume(volume, proposal.years, -1.5))
    rate = case.info.cost_of_capital_pct / 100 * proposal.payment_days / 365
    ours = 10.0 * k * (1 - rate)
    theirs = 10.0 * k * (1 - rate)  # their cost of capital is ours on the sample
    assert panel.changes["our_surplus"].text() == "+" + _money(ours)
    assert panel.changes["their_surplus"].text() == "−" + _money(theirs)
    assert panel.changes["our_walk_away"].text() == ""
    assert panel.values["our_walk_away"].text() == _price(417.7413765325737)


def test_every_control_answers_as_the_model_does(tab: DealTab, qtbot: Any) -> None:
    """Each move — slider, field, check box — shows what ``model.figures`` gives for the
    package on screen (worked out here independently of the panel)."""
    panel = tab.what_if
    analysis = tab.document.analysis
    assert analysis is not None and analysis.deal.model is not None
    model = analysis.deal.model
    moves = [
        lambda: panel.days.slider.setValue(panel.days.slider.value() + 15),
        lambda: panel.change.spin.setValue(-3.0),
        lambda: panel.cap.spin.setValue(3_500_000.0),
        lambda: panel.cap.none_box.setChecked(True),
        lambda: panel.price.slider.setValue(panel.price.slider.value() + 20),
        lambda: panel.price.spin.setValue(470.0),
    ]
    for move in moves:
        with qtbot.waitSignal(panel.updated, timeout=1_000):
            move()
        package = Package(
            float(panel.price.spin.value()),
            Terms(
                float(panel.change.spin.value()),
                round(panel.days.spin.value()),
                None if panel.cap.none_box.isChecked() else float(panel.cap.spin.value()),
            ),
        )
        expected = model.figures(package)
        values = panel.values
        assert values["our_surplus"].text() == _money(expected.our_surplus)
        assert values["their_surplus"].text() == _money(expected.their_surplus or 0.0)
        assert values["our_walk_away"].text() == _price(expected.our_walk_away or 0.0)
        assert values["their_walk_away"].text() == _price(expected.their_walk_away or 0.0)
        assert values["shortfall"].text() == _money(expected.expected_shortfall)
        assert values["risk_kept"].text() == _money(expected.their_risk_kept)
    assert panel.package().liability_cap is None
    assert not panel.cap.slider.isEnabled()
    assert panel.values["risk_kept"].text() == _money(0.0)  # uncapped: none stays with them
    # The zone and the verdict on the last position: 470 on −3 %, 60 days, uncapped.
    figures = panel.figures
    assert figures is not None and figures.our_walk_away and figures.their_walk_away
    ours, theirs = figures.our_walk_away, figures.their_walk_away
    assert f"{ours:,.2f} – {theirs:,.2f} EUR" in panel.values["zone"].text()
    share = (470.0 - ours) / (theirs - ours)
    assert f"{100 * share:.0f} % of the zone" in panel.values["verdict"].text()
    panel.reset()
    assert panel.cap.value() == 2_000_000.0 and panel.price.value() == 455.0


def test_a_price_under_our_walk_away_is_flagged(tab: DealTab, qtbot: Any) -> None:
    panel = tab.what_if
    with qtbot.waitSignal(panel.updated, timeout=1_000):
        panel.price.spin.setValue(400.0)
    assert "We would not sign this" in panel.status.text()
    assert panel.values["verdict"].text() == "Below our walk-away"


def test_save_as_scenario_adds_the_position_in_one_undo_step(tab: DealTab, qtbot: Any) -> None:
    document = tab.document
    panel = tab.what_if
    panel.price.spin.setValue(462.5)
    panel.days.spin.setValue(60)
    panel.cap.none_box.setChecked(True)
    before = document.case
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    added = document.case.scenarios[-1]
    assert len(document.case.scenarios) == len(before.scenarios) + 1
    assert document.undo_stack.count() == 1
    assert document.undo_stack.text(0) == "Save what-if as scenario"
    assert (added.unit_price, added.annual_price_change_pct) == (462.5, -1.5)
    assert (added.payment_days, added.liability_cap) == (60, None)
    assert added.name.startswith("What-if: 462.50 EUR")
    # The new analysis keeps the position (our proposal did not change).
    assert panel.price.value() == 462.5 and panel.cap.value() is None
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        document.undo_stack.undo()
    assert document.case.scenarios == before.scenarios
    assert stored(document.path).scenarios == before.scenarios


def test_a_new_proposal_price_starts_the_what_if_again(tab: DealTab, qtbot: Any) -> None:
    document = tab.document
    panel = tab.what_if
    panel.days.spin.setValue(75)
    case = document.case
    scenarios = tuple(
        dataclasses.replace(s, unit_price=450.0) if s.role == "our_proposal" else s
        for s in case.scenarios
    )
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert document.change(dataclasses.replace(case, scenarios=scenarios), "Edit") is None
    assert panel.price.value() == 450.0 and panel.days.value() == 45
    assert panel.changes["our_surplus"].text() == "no change"


# -- cases without the figures -----------------------------------------------------------------


def test_without_their_demand_the_plan_says_why_and_the_what_if_still_works(
    tmp_path: Path, qtbot: Any
) -> None:
    case = sample_case()
    case = dataclasses.replace(
        case, scenarios=tuple(s for s in case.scenarios if s.role != "their_demand")
    )
    document = _document_of(case, tmp_path / "no-demand.leverage")
    try:
        deal_tab = analysed_tab(DealTab, document, qtbot)
        assert deal_tab.trades.rowCount() == 0 and deal_tab.offers.rowCount() == 0
        assert "no scenario for their demand" in deal_tab.trade_words.text()
        assert "no scenario for their demand" in deal_tab.improvement.text()
        assert not deal_tab.add_improvement.isEnabled()
        panel = deal_tab.what_if
        assert panel.save_button.isEnabled() and panel.price.value() == 455.0
        assert panel.values["our_surplus"].text() != "—"
    finally:
        document.close()


def test_without_a_proposal_the_what_if_says_what_is_missing(tmp_path: Path, qtbot: Any) -> None:
    case = sample_case()
    case = dataclasses.replace(
        case, scenarios=tuple(s for s in case.scenarios if s.role != "our_proposal")
    )
    document = _document_of(case, tmp_path / "no-proposal.leverage")
    try:
        deal_tab = analysed_tab(DealTab, document, qtbot)
        panel = deal_tab.what_if
        assert not panel.save_button.isEnabled() and not panel.price.slider.isEnabled()
        assert "needs our proposal" in panel.reason.text()
        assert panel.save_as_scenario() is not None
        assert document.undo_stack.count() == 0
    finally:
        document.close()
