"""The Margin tab: cost lines, scenarios, every figure side by side, ZOPA and intelligence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.analysis import analyze_case
from desktop_app.analysis.wording import break_words, shortfall_meaning
from desktop_app.domain import blank_case
from desktop_app.store import CaseFile, write_new_case
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.models.margin_columns import COST_COLUMNS, SCENARIO_COLUMNS
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs.margin_tab import MarginTab
from tests.charts.support import ranged_case
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, charts_drawn, stored
from tests.ui.conftest import analysed_tab as shared_analysed_tab

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def cost_column(field: str) -> int:
    return next(i for i, c in enumerate(COST_COLUMNS) if c.field == field)


def scenario_column(field: str) -> int:
    return next(i for i, c in enumerate(SCENARIO_COLUMNS) if c.field == field)


def analysed_tab(document: CaseDocument, qtbot: Any) -> MarginTab:
    tab: MarginTab = shared_analysed_tab(MarginTab, document, qtbot)
    return tab


@pytest.fixture
def tab(document: CaseDocument, qtbot: Any) -> MarginTab:
    return analysed_tab(document, qtbot)


def figure(tab: MarginTab, label: str, scenario: str) -> Any:
    row = next(i for i, h in enumerate(tab.figures.rows) if h.text.startswith(label))
    column = next(i for i, h in enumerate(tab.figures.columns) if h.text == scenario)
    return tab.figures.cell(row, column)


def test_a_cost_line_edit_lands_in_the_file(tab: MarginTab, case_path: Path) -> None:
    model = tab.cost_model
    row = model.row_of("k-material")
    assert row is not None
    assert model.setData(model.index(row, cost_column("amount")), "250")
    assert model.setData(model.index(row, cost_column("basis")), "per year")
    line = next(c for c in stored(case_path).cost_lines if c.id == "k-material")
    assert (line.amount, line.basis) == (250.0, "per_year")
    assert model.index(row, cost_column("amount")).data() == "250 EUR"


def test_a_scenario_edit_lands_in_the_file(tab: MarginTab, case_path: Path) -> None:
    model = tab.scenario_model
    row = model.row_of("s-bridge")
    assert row is not None
    assert model.setData(model.index(row, scenario_column("payment_days")), 30)
    assert model.setData(model.index(row, scenario_column("liability_cap")), "")
    bridge = next(s for s in stored(case_path).scenarios if s.id == "s-bridge")
    assert bridge.payment_days == 30 and bridge.liability_cap is None
    assert model.index(row, scenario_column("liability_cap")).data() == "uncapped"


def test_invalid_entries_are_refused_with_their_reason(
    tab: MarginTab, document: CaseDocument, case_path: Path, qtbot: Any
) -> None:
    before = stored(case_path)
    row = tab.cost_model.row_of("k-material")
    assert row is not None
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not tab.cost_model.setData(tab.cost_model.index(row, cost_column("amount")), -5.0)
    assert "must be at least 0" in refused.args[0]
    assert stored(case_path) == before
    bridge = tab.scenario_model.row_of("s-bridge")
    assert bridge is not None
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not tab.scenario_model.setData(
            tab.scenario_model.index(bridge, scenario_column("role")), "our proposal"
        )
    assert "only one scenario can be our proposal" in refused.args[0]
    assert "only one scenario can be our proposal" in tab.notice.text()
    assert not tab.notice.isHidden()
    assert stored(case_path) == before
    assert tab.scenario_model.index(bridge, scenario_column("role")).data() == "other"
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not tab.scenario_model.setData(
            tab.scenario_model.index(bridge, scenario_column("years")), 31
        )
    assert stored(case_path) == before


def test_undo_and_redo_restore_the_screen_and_the_file(
    tab: MarginTab, document: CaseDocument, case_path: Path
) -> None:
    model = tab.scenario_model
    row = model.row_of("s-proposal")
    assert row is not None
    cell = model.index(row, scenario_column("unit_price"))
    assert model.setData(cell, 460.0)
    assert cell.data() == "460 EUR"
    document.undo_stack.undo()
    assert cell.data() == "455 EUR"
    assert stored(case_path).proposal_scenario.unit_price == 455
    document.undo_stack.redo()
    assert cell.data() == "460 EUR"
    assert stored(case_path).proposal_scenario.unit_price == 460


def test_the_figures_follow_an_edit(
    tab: MarginTab, document: CaseDocument, case_path: Path, qtbot: Any
) -> None:
    row = tab.cost_model.row_of("k-material")
    assert row is not None
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert tab.cost_model.setData(tab.cost_model.index(row, cost_column("amount")), 240.0)
    # C = Σ per_unit·V·Y + Σ per_year·Y + Σ one_time, by hand: the proposal runs 4 years of
    # 60,000 units; per unit 240 + 64 + 16, per year 950,000 + 260,000, once 1,550,000.
    cost = (240 + 64 + 16) * 60_000 * 4 + (950_000 + 260_000) * 4 + 1_250_000 + 300_000
    assert figure(tab, "Cost", "Our proposal").text == format_money(cost, "EUR", 0)
    expected = analyze_case(stored(case_path)).scenario("s-proposal")
    assert expected is not None and expected.money.cost == pytest.approx(cost)
    assert figure(tab, "Margin", "Our proposal").text == format_money(
        expected.money.margin, "EUR", 0
    )
    assert figure(tab, "Our walk-away price", "Our proposal").text == format_money(
        expected.walk_away_price, "EUR", 2
    )


def test_spreadsheet_rows_paste_as_cost_lines(tab: MarginTab, case_path: Path) -> None:
    text = (
        "Cost line\tBasis\tAmount\n"
        "Certification audit\tone-time\t45,000\n"
        "Spare parts\tper unit\t3.5\n"
    )
    added, reason = tab.cost_lines.view.paste_rows(text)
    assert (added, reason) == (2, None)
    lines = {c.name: c for c in stored(case_path).cost_lines}
    assert (lines["Certification audit"].basis, lines["Certification audit"].amount) == (
        "one_time",
        45_000,
    )
    assert (lines["Spare parts"].basis, lines["Spare parts"].amount) == ("per_unit", 3.5)


def test_a_new_scenario_is_another_package(tab: MarginTab, case_path: Path) -> None:
    row = tab.scenario_model.add_row()
    assert row is not None
    scenario = tab.scenario_model.entity(row)
    assert scenario.id == "scenario-1" and scenario.role == "other"
    saved = next(s for s in stored(case_path).scenarios if s.id == "scenario-1")
    assert saved.unit_price == 455 and saved.years == 4  # starts from our proposal's terms


def test_no_walk_away_price_is_said_plainly(
    tab: MarginTab, document: CaseDocument, qtbot: Any
) -> None:
    case = document.case
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert (
            document.change(
                replace(case, info=replace(case.info, min_margin_pct=99.0)), "Edit minimum margin"
            )
            is None
        )
    cell = figure(tab, "Our walk-away price", "Their demand")
    assert cell.text == "no such price"
    assert "minimum margin" in cell.tooltip


def test_the_intelligence_list_and_the_zopa_line(tab: MarginTab, document: CaseDocument) -> None:
    analysis = document.analysis
    assert tab.intelligence.rowCount() == len(analysis.intelligence) > 0
    first = analysis.intelligence[0]
    assert tab.intelligence.cell(0, 0).text == first.label
    assert tab.intelligence.cell(0, 3).text == first.question
    assert "472.00 EUR" in tab.intelligence.cell(0, 1).text
    assert "ZOPA 417.74 EUR – 477.32 EUR" in tab.zopa_label.text()
    assert "aggressive" in tab.zopa_label.text()  # issue 14: 62.5 % of the zone
    demand = next(i for i, h in enumerate(tab.figures.columns) if h.text == "Their demand")
    assert tab.figures.columns[demand].highlight == "their_demand"
    for row in range(tab.figures.rowCount()):
        assert tab.figures.headerData(row, Qt.Orientation.Vertical, TOOLTIP)


def test_unavailable_figures_say_why(tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "blank.leverage"
    write_new_case(path, blank_case())
    document = CaseDocument(CaseFile.open(path))
    try:
        tab = analysed_tab(document, qtbot)
        margin = figure(tab, "Margin", "Our proposal")
        assert margin.text == "—"
        assert "unit price" in margin.tooltip
        assert "ZOPA unknown" in tab.zopa_label.text()
        assert tab.intelligence.rowCount() == 0
        assert "unit price" in tab.intelligence_note.text()
    finally:
        document.close()


def test_a_read_only_case_offers_nothing_to_edit(case_path: Path, qtbot: Any) -> None:
    document = CaseDocument(CaseFile.open(case_path, read_only=True))
    try:
        tab = analysed_tab(document, qtbot)
        editable = Qt.ItemFlag.ItemIsEditable
        assert not tab.cost_model.flags(tab.cost_model.index(0, 0)) & editable
        assert not tab.scenario_model.flags(tab.scenario_model.index(0, 0)) & editable
        assert not tab.scenarios.add_button.isEnabled()
        assert figure(tab, "Revenue", "Our proposal").text != "—"
    finally:
        document.close()


def test_the_charts_are_drawn_from_the_chart_code(tab: MarginTab, qtbot: Any) -> None:
    tab.charts_enabled = True
    tab.draw_charts(force=True)
    charts_drawn(qtbot, tab.charts)
    labels = [chart.last_render.label for chart in tab.charts if chart.last_render]
    assert len(labels) == 3
    assert not any(label.startswith(("missing:", "error:")) for label in labels), labels
    # The sample gives their alternatives no range: the acceptance curve says what to enter.
    drawn = tab.acceptance.last_render
    assert drawn is not None and drawn.label == "message"
    assert any("range (low/high)" in text for text in drawn.texts), drawn.texts


def test_the_chance_of_a_deal_has_a_page_with_the_acceptance_curve(
    tmp_path: Path, qtbot: Any
) -> None:
    """With a range on the price of their money BATNA (delaying, SPEC §9) the page shows
    P(deal) against price, our proposal (EUR 455) and the best single offer marked."""
    path = tmp_path / "ranged.leverage"
    write_new_case(path, ranged_case())
    document = CaseDocument(CaseFile.open(path))
    try:
        tab = analysed_tab(document, qtbot)
        assert document.analysis is not None and document.analysis.their_walk_away is not None
        titles = [tab.sections.tabText(i) for i in range(tab.sections.count())]
        assert "Chance of a deal" in titles
        tab.resize(1300, 700)
        tab.show()
        assert tab.show_part("acceptance")
        assert tab.sections.tabText(tab.sections.currentIndex()) == "Chance of a deal"
        qtbot.waitUntil(tab.acceptance.isVisible)
        tab.charts_enabled = True
        tab.draw_charts(force=True)
        charts_drawn(qtbot, tab.charts)
        drawn = tab.acceptance.last_render
        assert drawn is not None and drawn.label == "acceptance", drawn
        assert "Chance of a deal at each price" in drawn.texts
        ours = next(t for t in drawn.texts if t.startswith("Our proposal EUR 455.00: "))
        assert 0.0 < float(ours.split(": ")[1].rstrip("%")) < 100.0, ours
        assert any(t.startswith("Best single offer EUR ") for t in drawn.texts), drawn.texts
        assert any(t.startswith("Our walk-away EUR ") for t in drawn.texts), drawn.texts
    finally:
        document.close()


def test_the_expected_shortfall_shows_its_monte_carlo_error(
    tab: MarginTab, document: CaseDocument
) -> None:
    analysis = document.analysis
    assert analysis is not None
    for scenario in analysis.scenarios:
        loss = scenario.loss
        cell = figure(tab, "Expected shortfall", scenario.name)
        assert (
            cell.text == f"{loss.expected_shortfall:,.0f} ± {loss.expected_shortfall_se:,.0f} EUR"
        )
        assert shortfall_meaning(0.9) in cell.tooltip
        assert "Monte Carlo standard error at 20,000 runs" in cell.tooltip
        assert "More runs make it smaller" in cell.tooltip
    row = next(i for i, h in enumerate(tab.figures.rows) if h.text.startswith("Expected shortf"))
    assert "worst 10 %" in tab.figures.headerData(row, Qt.Orientation.Vertical, TOOLTIP)
    assert tab.tail_warning.isHidden()


def test_a_move_that_breaks_the_zone_is_worded_and_the_list_is_the_analysis_own(
    tab: MarginTab, document: CaseDocument
) -> None:
    analysis = document.analysis
    assert analysis is not None
    # Exactly the analysis's list, in its order: no filtering of the app's own.
    labels = [tab.intelligence.cell(r, 0).text for r in range(tab.intelligence.rowCount())]
    assert labels == [item.label for item in analysis.intelligence]
    broken = [i for i, item in enumerate(analysis.intelligence) if item.breaks is not None]
    assert broken, "the sample has inputs whose move removes the zone"
    for row, item in enumerate(analysis.intelligence):
        swing = tab.intelligence.cell(row, 2)
        if item.breaks is None:
            assert swing.text == f"{format_money(item.swing, 'EUR', 2)}/unit"
            assert not swing.alert
        else:
            assert swing.text == break_words(item.breaks)
            assert swing.alert
            assert format_money(item.swing, "EUR", 2) in swing.tooltip
    assert tab.intelligence.cell(broken[0], 2).text == "removes the zone of possible agreement"
    assert "Grey rows" not in tab.intelligence_note.text()
    assert "removes the zone" in tab.intelligence_note.text()


def test_the_margin_tab_warns_when_the_risk_tail_is_too_thin(
    tab: MarginTab, document: CaseDocument, qtbot: Any
) -> None:
    case = document.case
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert (
            document.change(
                replace(case, info=replace(case.info, simulation_runs=1_000, risk_confidence=0.95)),
                "Edit",
            )
            is None
        )
    assert not tab.tail_warning.isHidden()
    assert "use at least 4,000 runs at 95 %" in tab.tail_warning.text().replace("\u00a0", " ")
    cell = figure(tab, "Expected shortfall", "Our proposal")
    assert "±" in cell.text and "at 1,000 runs" in cell.tooltip
