"""Row heights follow the wrapped text, measured only where and when it is cheap: the rows that
changed, while the table is shown, a slice at a time (``desktop_app.ui.widgets.row_heights``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QTabWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.widgets.row_heights import RowHeights

LONG = "a talking point long enough to wrap over several lines of a narrow column " * 3
SHORT = "short"


class CountingModel(QStandardItemModel):
    """Remembers which rows the view measured (a size hint asked for)."""

    def __init__(self, texts: list[str]) -> None:
        super().__init__(len(texts), 2)
        for row, text in enumerate(texts):
            self.setItem(row, 0, QStandardItem(text))
            self.setItem(row, 1, QStandardItem(str(row)))
        self.measured: list[int] = []

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.SizeHintRole:
            self.measured.append(index.row())
        return super().data(index, role)


def _table(qtbot: QtBot, texts: list[str], **options: Any) -> tuple[QTableView, RowHeights]:
    view = QTableView()
    view.setModel(CountingModel(texts))
    view.verticalHeader().setDefaultSectionSize(24)
    view.setColumnWidth(0, 160)
    rows = RowHeights(view, **options)
    qtbot.addWidget(view)
    view.resize(400, 600)
    return view, rows


def _settled(qtbot: QtBot, rows: RowHeights) -> None:
    qtbot.waitUntil(lambda: not rows.pending, timeout=5_000)


def _model(view: QTableView) -> CountingModel:
    model = view.model()
    assert isinstance(model, CountingModel)
    return model


def test_rows_are_as_tall_as_their_wrapped_text(qtbot: QtBot) -> None:
    view, rows = _table(qtbot, [SHORT, LONG, SHORT])
    view.show()
    qtbot.waitExposed(view)
    _settled(qtbot, rows)
    line = view.fontMetrics().lineSpacing()
    # The long text is ~220 characters in a 160 px column: several lines, by any font.
    assert view.rowHeight(1) >= 3 * line
    assert view.rowHeight(0) < 2 * line
    assert view.wordWrap()


def test_only_the_changed_row_is_measured_again(qtbot: QtBot) -> None:
    view, rows = _table(qtbot, [SHORT] * 20)
    view.show()
    qtbot.waitExposed(view)
    _settled(qtbot, rows)
    model = _model(view)
    before = view.rowHeight(7)
    model.measured.clear()
    model.item(7, 0).setText(LONG)
    _settled(qtbot, rows)
    assert view.rowHeight(7) > before
    # Painting asks for no size hints; fitting asked for row 7's cells only.
    assert set(model.measured) == {7}


def test_a_hidden_table_is_fitted_when_shown_again(qtbot: QtBot) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    view = QTableView()
    model = CountingModel([SHORT] * 5)
    view.setModel(model)
    view.setColumnWidth(0, 160)
    rows = RowHeights(view)
    tabs.addTab(view, "Table")
    tabs.addTab(QLabel("elsewhere"), "Other")
    tabs.resize(400, 400)
    tabs.show()
    qtbot.waitExposed(tabs)
    _settled(qtbot, rows)
    tabs.setCurrentIndex(1)
    assert not view.isVisible()
    model.measured.clear()

    model.item(2, 0).setText(LONG)
    for _ in range(5):  # let any timer run: nothing is measured while hidden
        QApplication.processEvents()
    assert rows.pending
    assert model.measured == []

    tabs.setCurrentIndex(0)
    _settled(qtbot, rows)
    assert 2 in model.measured
    assert view.rowHeight(2) >= 3 * view.fontMetrics().lineSpacing()


def test_a_large_table_keeps_one_line_per_row(qtbot: QtBot) -> None:
    view, rows = _table(qtbot, [LONG] * 6, max_rows=5)
    view.show()
    qtbot.waitExposed(view)
    _settled(qtbot, rows)
    assert rows.one_line and not view.wordWrap()
    assert {view.rowHeight(r) for r in range(6)} == {24}

    _model(view).removeRow(5)  # small enough again: the rows wrap
    _settled(qtbot, rows)
    assert not rows.one_line and view.wordWrap()
    assert all(view.rowHeight(r) >= 3 * view.fontMetrics().lineSpacing() for r in range(5))

    _model(view).appendRow([QStandardItem(LONG), QStandardItem("x")])  # large again
    _settled(qtbot, rows)
    assert {view.rowHeight(r) for r in range(6)} == {24}


def test_fitting_lets_the_event_loop_run_between_slices(qtbot: QtBot) -> None:
    view, rows = _table(qtbot, [LONG] * 12)
    rows.slice_seconds = 0.0  # one row per slice
    view.show()
    qtbot.waitExposed(view)
    rows.refit_all()
    assert rows.pending  # nothing is measured before the event loop runs
    _settled(qtbot, rows)
    assert rows.slices >= 11
    assert all(view.rowHeight(r) >= 3 * view.fontMetrics().lineSpacing() for r in range(12))
