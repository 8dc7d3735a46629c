"""The Risk tab: the register, each scenario's overrides and the loss figures per scenario."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem

from desktop_app.analysis import analyze_case
from desktop_app.analysis.wording import shortfall_meaning
from desktop_app.domain import blank_case
from desktop_app.store import CaseFile, write_new_case
from desktop_app.ui.models.columns import format_money, format_money_error
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs.risk_tab import RISK_COLUMNS, RiskTab
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, charts_drawn, stored
from tests.ui.conftest import analysed_tab as shared_analysed_tab

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def column(field: str) -> int:
    return next(i for i, c in enumerate(RISK_COLUMNS) if c.field == field)


def analysed_tab(document: CaseDocument, qtbot: Any) -> RiskTab:
    tab: RiskTab = shared_analysed_tab(RiskTab, document, qtbot)
    return tab


@pytest.fixture
def tab(document: CaseDocument, qtbot: Any) -> RiskTab:
    return analysed_tab(document, qtbot)


def figure_row(tab: RiskTab, label: str) -> int:
    rows = [h.text for h in tab.figures.rows]
    return next(i for i, text in enumerate(rows) if text.startswith(label))


def figure_column(tab: RiskTab, name: str) -> int:
    return next(i for i, h in enumerate(tab.figures.columns) if h.text == name)


def test_a_register_edit_lands_in_the_file(tab: RiskTab, case_path: Path) -> None:
    model = tab.model
    row = model.row_of("r-recall")
    assert row is not None
    assert model.setData(model.index(row, column("probability")), "8 %")
    assert model.setData(model.index(row, column("frequency")), "each year")
    risk = next(r for r in stored(case_path).risks if r.id == "r-recall")
    assert risk.probability == pytest.approx(0.08)
    assert risk.frequency == "per_year"
    assert model.index(row, column("probability")).data() == "8 %"


def test_an_impact_typed_above_the_others_takes_them_along_and_says_so(
    tab: RiskTab, document: CaseDocument, case_path: Path, qtbot: Any
) -> None:
    """Issue 12: the typed value is kept (it was refused before), likely and high follow it,
    the status line says so, and it is one undo step."""
    model = tab.model
    row = model.row_of("r-recall")
    assert row is not None
    before = stored(case_path)
    with qtbot.waitSignal(document.saved) as saved:
        assert model.setData(model.index(row, column("impact_low")), 40_000_000.0)
    assert (
        "Impact likely and Impact high raised to 40,000,000 to keep low ≤ likely ≤ high"
        in (saved.args[0])
    )
    recall = next(r for r in stored(case_path).risks if r.id == "r-recall")
    assert (recall.impact_low, recall.impact_likely, recall.impact_high) == (4e7, 4e7, 4e7)
    document.undo_stack.undo()
    assert stored(case_path) == before
    assert model.index(row, column("impact_low")).data() == "1,500,000 EUR"
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not model.setData(model.index(row, column("probability")), "lots")
    assert "Probability" in refused.args[0] and "not a number" in refused.args[0]
    assert stored(case_path) == before


def test_a_pasted_row_whose_impacts_break_the_order_is_refused_with_its_reason(
    tab: RiskTab, case_path: Path
) -> None:
    """A pasted row is complete: nothing is moved, it is checked as it is."""
    before = stored(case_path)
    added, reason = tab.register.view.paste_rows("Upside down\tX\t5 %\teach year\t300\t200\t100\n")
    assert added == 0 and reason is not None and "low ≤ likely ≤ high" in reason
    assert stored(case_path) == before


def test_undo_and_redo_restore_the_screen_and_the_file(
    tab: RiskTab, document: CaseDocument, case_path: Path
) -> None:
    model = tab.model
    row = model.row_of("r-fx")
    assert row is not None
    cell = model.index(row, column("impact_likely"))
    assert model.setData(cell, 200_000.0)
    assert cell.data() == "200,000 EUR"
    document.undo_stack.undo()
    assert cell.data() == "180,000 EUR"
    assert next(r for r in stored(case_path).risks if r.id == "r-fx").impact_likely == 180_000
    document.undo_stack.redo()
    assert cell.data() == "200,000 EUR"
    assert next(r for r in stored(case_path).risks if r.id == "r-fx").impact_likely == 200_000


def test_the_loss_figures_follow_an_edit(
    tab: RiskTab, document: CaseDocument, case_path: Path, qtbot: Any
) -> None:
    model = tab.model
    row = model.row_of("r-volume")
    assert row is not None
    where = (figure_row(tab, "Expected loss"), figure_column(tab, "Our proposal"))
    before = tab.figures.cell(*where).text
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert model.setData(model.index(row, column("probability")), 0.6)
    # r-volume: once per contract, not capped, triangular(300k, 900k, 2.8M): mean 1.333…M;
    # from 30 % to 60 % the expected loss grows by 0.3 × 1,333,333.33 = 400,000.
    expected = analyze_case(stored(case_path)).scenario("s-proposal")
    assert expected is not None
    after = tab.figures.cell(*where).text
    assert after == format_money(expected.loss.expected_loss, "EUR", 0)
    grown = float(after.split()[0].replace(",", "")) - float(before.split()[0].replace(",", ""))
    assert grown == pytest.approx(400_000, abs=2)
    shortfall = (figure_row(tab, "Expected shortfall"), where[1])
    assert tab.figures.cell(*shortfall).text == format_money_error(
        expected.loss.expected_shortfall, expected.loss.expected_shortfall_se, "EUR", 0
    )


def test_spreadsheet_rows_paste_as_new_risks(tab: RiskTab, case_path: Path) -> None:
    text = (
        "Tariff on imported housings\tTrade\t12 %\teach year\t10000\t40000\t90000\tno"
        "\tPurchasing\tSecond housing supplier\n"
        "Key customer audit fails\tQuality\t5\tonce per contract\t0\t50000\t300000\tyes"
        "\tHead of Quality\tPre-audit\n"
    )
    added, reason = tab.register.view.paste_rows(text)
    assert (added, reason) == (2, None)
    risks = {r.name: r for r in stored(case_path).risks}
    tariff = risks["Tariff on imported housings"]
    assert tariff.probability == pytest.approx(0.12) and tariff.frequency == "per_year"
    assert (tariff.impact_low, tariff.impact_likely, tariff.impact_high) == (1e4, 4e4, 9e4)
    audit = risks["Key customer audit fails"]
    assert audit.capped_by_liability and audit.probability == pytest.approx(0.05)
    assert tariff.id != audit.id and tariff.id.startswith("risk-")


def test_a_new_risk_gets_an_id_and_defaults(tab: RiskTab, case_path: Path) -> None:
    row = tab.model.add_row()
    assert row is not None
    risk = tab.model.entity(row)
    assert risk.id == "risk-1" and risk.probability == pytest.approx(0.1)
    assert any(r.id == "risk-1" for r in stored(case_path).risks)


def test_a_scenario_override_is_stored_and_undone(
    tab: RiskTab, document: CaseDocument, case_path: Path
) -> None:
    panel = tab.overrides
    panel.choose("s-proposal")
    model = panel.model
    row = next(i for i in range(model.rowCount()) if model.risk(i).id == "r-recall")
    cell = model.index(row, 1)
    assert cell.data() == "6 %"  # the register's value shows through
    assert model.setData(cell, "9 %")
    scenario = next(s for s in stored(case_path).scenarios if s.id == "s-proposal")
    assert scenario.risk_overrides["r-recall"].probability == pytest.approx(0.09)
    assert scenario.risk_overrides["r-recall"].impact_low is None
    assert cell.data() == "9 %"
    document.undo_stack.undo()
    assert cell.data() == "6 %"
    scenario = next(s for s in stored(case_path).scenarios if s.id == "s-proposal")
    assert "r-recall" not in scenario.risk_overrides
    document.undo_stack.redo()
    assert cell.data() == "9 %"
    scenario = next(s for s in stored(case_path).scenarios if s.id == "s-proposal")
    assert "r-recall" in scenario.risk_overrides


def test_an_override_typed_above_the_others_takes_them_along(
    tab: RiskTab, document: CaseDocument, case_path: Path, qtbot: Any
) -> None:
    """As in the register: an override of likely above the high this scenario sees (the
    register's 30M) raises high with it, as an override too, and says so."""
    panel = tab.overrides
    panel.choose("s-bridge")
    model = panel.model
    row = next(i for i in range(model.rowCount()) if model.risk(i).id == "r-recall")
    before = stored(case_path)
    with qtbot.waitSignal(document.saved) as saved:
        assert model.setData(model.index(row, 3), "50000000")
    assert "Impact high raised to 50,000,000 to keep low ≤ likely ≤ high" in saved.args[0]
    bridge = next(s for s in stored(case_path).scenarios if s.id == "s-bridge")
    own = bridge.risk_overrides["r-recall"]
    assert (own.impact_low, own.impact_likely, own.impact_high) == (None, 5e7, 5e7)
    document.undo_stack.undo()
    assert stored(case_path) == before
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not model.setData(model.index(row, 1), "150 %")
    assert refused.args[0].endswith("Probability: 150 % is above 100 %")
    assert stored(case_path) == before


def test_an_existing_override_clears_to_the_register(tab: RiskTab, case_path: Path) -> None:
    panel = tab.overrides
    panel.choose("s-demand")
    model = panel.model
    row = next(i for i in range(model.rowCount()) if model.risk(i).id == "r-stoppage")
    assert model.index(row, 1).data() == "7 %"
    panel.view.setCurrentIndex(model.index(row, 1))
    panel.view.selectionModel().select(
        model.index(row, 1), panel.view.selectionModel().SelectionFlag.ClearAndSelect
    )
    panel.clear_selected()
    demand = next(s for s in stored(case_path).scenarios if s.id == "s-demand")
    assert demand.risk_overrides == {}
    assert model.index(row, 1).data() == "5 %"


def test_unavailable_figures_say_why(tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "blank.leverage"
    write_new_case(path, blank_case())
    document = CaseDocument(CaseFile.open(path))
    try:
        tab = analysed_tab(document, qtbot)
        row = figure_row(tab, "P(loss-making contract)")
        cell = tab.figures.index(row, 0)
        assert cell.data() == "—"
        assert "unit price" in cell.data(TOOLTIP)
        assert "unit price" in tab.figures_note.text()
        assert tab.model.rowCount() == 0 and tab.overrides.model.rowCount() == 0
        assert "Add risks" in tab.overrides.hint.text()
    finally:
        document.close()


@pytest.fixture
def read_only_document(case_path: Path, qtbot: Any) -> Iterator[CaseDocument]:
    del qtbot  # asked for so that the QApplication exists
    document = CaseDocument(CaseFile.open(case_path, read_only=True))
    yield document
    document.close()


def test_a_read_only_case_offers_nothing_to_edit(
    read_only_document: CaseDocument, qtbot: Any
) -> None:
    tab = analysed_tab(read_only_document, qtbot)
    editable = Qt.ItemFlag.ItemIsEditable
    assert not tab.model.flags(tab.model.index(0, 0)) & editable
    assert not tab.overrides.model.flags(tab.overrides.model.index(0, 1)) & editable
    assert not tab.register.add_button.isEnabled()
    assert not tab.overrides.clear_button.isEnabled()
    assert tab.figures.rowCount() > 0 and tab.figures.index(0, 0).data() != "—"


def test_the_override_editor_speaks_percent(tab: RiskTab, case_path: Path) -> None:
    panel = tab.overrides
    panel.choose("s-bridge")
    model = panel.model
    row = next(i for i in range(model.rowCount()) if model.risk(i).id == "r-fx")
    index = model.index(row, 1)
    delegate = panel.view.itemDelegate()
    editor = delegate.createEditor(panel.view, QStyleOptionViewItem(), index)
    assert isinstance(editor, QLineEdit) and "30 %" in editor.placeholderText()
    # The same parser as the register's cell (Excel's percent entry): 8 and 8 % are 8 %,
    # 0.5 % is 0.5 %, a bare 0.5 is the fraction (50 %).
    for typed, expected in (("8", 0.08), ("0.5 %", 0.005), ("0.5", 0.5)):
        editor.setText(typed)
        delegate.setModelData(editor, model, index)
        bridge = next(s for s in stored(case_path).scenarios if s.id == "s-bridge")
        assert bridge.risk_overrides["r-fx"].probability == pytest.approx(expected), typed
    delegate.setEditorData(editor, index)
    assert editor.text() == "50 %"
    editor.deleteLater()


def test_the_charts_are_drawn_from_the_chart_code(tab: RiskTab, qtbot: Any) -> None:
    tab.charts_enabled = True
    tab.draw_charts(force=True)
    charts_drawn(qtbot, tab.charts)
    labels = [chart.last_render.label for chart in tab.charts if chart.last_render]
    assert len(labels) == 3
    assert not any(label.startswith(("missing:", "error:")) for label in labels), labels


def test_the_expected_shortfall_is_the_tail_average_with_its_error(
    tab: RiskTab, document: CaseDocument, qtbot: Any
) -> None:
    row = figure_row(tab, "Expected shortfall")
    where = (row, figure_column(tab, "Our proposal"))
    cell = tab.figures.cell(*where)
    assert "±" in cell.text
    assert shortfall_meaning(0.9) in cell.tooltip
    assert "Monte Carlo standard error at 20,000 runs" in cell.tooltip
    assert tab.tail_warning.isHidden()
    case = document.case
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert (
            document.change(
                replace(case, info=replace(case.info, simulation_runs=1_000, risk_confidence=0.99)),
                "Edit",
            )
            is None
        )
    assert not tab.tail_warning.isHidden()
    assert "use at least 20,000 runs at 99 %" in tab.tail_warning.text().replace("\u00a0", " ")
    assert shortfall_meaning(0.99) in tab.figures.cell(*where).tooltip
