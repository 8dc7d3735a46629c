"""Issue 14's fields in the app: their cost of capital among the analysis settings (empty: the
same as ours) and the net value in our alternatives' table only — derived from the schema,
each edit stored at once and one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.tabs.alternatives_tab import AlternativesTab
from desktop_app.ui.tabs.case_tab import CaseInfoTab
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, stored


def _document(window: MainWindow) -> Any:
    assert window.document is not None
    return window.document


def _column(model: Any, field: str) -> int | None:
    return next((i for i, c in enumerate(model.columns) if c.field == field), None)


def test_their_cost_of_capital_is_a_setting_with_undo(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = window.tabs[0]
    assert isinstance(tab, CaseInfoTab)
    assert tab.show_part("their_cost_of_capital_pct")
    field = tab.part("their_cost_of_capital_pct")
    assert isinstance(field, QLineEdit)
    assert field.text() == "" and field.placeholderText() == "same as ours"
    assert field.toolTip().endswith("Empty: the same as ours.")
    document = _document(window)
    steps = document.undo_stack.count()
    field.setFocus()
    field.setText("4.5")
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(case_path).info.their_cost_of_capital_pct == 4.5
    assert document.undo_stack.count() == steps + 1
    assert document.analysis.deal.their_cost_of_capital_pct == 4.5
    document.undo_stack.undo()
    assert stored(case_path).info.their_cost_of_capital_pct is None
    assert field.text() == ""
    document.undo_stack.redo()
    assert stored(case_path).info.their_cost_of_capital_pct == 4.5
    field.setFocus()
    field.setText("")  # empty again: the same as ours
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(case_path).info.their_cost_of_capital_pct is None
    field.setText("120")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(case_path).info.their_cost_of_capital_pct is None  # refused, nothing stored


def test_the_net_value_is_a_column_of_our_alternatives_only(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = next(t for t in window.tabs if isinstance(t, AlternativesTab))
    assert _column(tab.their_model, "net_value") is None
    ours = tab.our_model
    column = _column(ours, "net_value")
    assert column is not None
    header = ours.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Net value"
    row = ours.row_of("a-ours-drives")
    assert row is not None
    index = ours.index(row, column)
    document = _document(window)
    steps = document.undo_stack.count()
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert ours.setData(index, "9.5M")
    drives = next(a for a in stored(case_path).alternatives if a.id == "a-ours-drives")
    assert drives.net_value == 9_500_000.0
    assert document.undo_stack.count() == steps + 1
    # 0.8 × 9.5M is our money BATNA now.
    assert document.analysis.deal.our_batna_value == 0.8 * 9_500_000.0
    assert document.analysis.deal.our_batna_alternative == "a-ours-drives"
    document.undo_stack.undo()
    drives = next(a for a in stored(case_path).alternatives if a.id == "a-ours-drives")
    assert drives.net_value is None
    assert ours.data(index, Qt.ItemDataRole.DisplayRole) == "—"
