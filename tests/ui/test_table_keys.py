"""Tables and the keyboard, driven as a user drives them: the real shortcuts on the focused
table, the real clipboard, keys typed into the cell editors.

One owner per key (Ctrl+Insert/Delete/Up/Down, Ctrl+C/V work in every table, no "Ambiguous
shortcut overload"), paste into the score matrix, Tab that skips read-only cells, a new row
ready to type over, Enter that finishes a multi-line cell, undo texts in plain English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QStackedWidget, QTabWidget, QWidget

from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.tabs.alternatives_tab import AlternativesTab
from desktop_app.ui.tabs.parties_tab import PartiesTab
from desktop_app.ui.tabs.risk_tab import RiskTab
from desktop_app.ui.widgets.table_editor import TableEditor
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, stored

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


@contextmanager
def qt_messages() -> Iterator[list[str]]:
    """Every message Qt prints meanwhile (e.g. "QAction::event: Ambiguous shortcut
    overload"), whatever pytest's capture mode."""
    messages: list[str] = []

    def handler(_mode: QtMsgType, _context: Any, message: str) -> None:
        messages.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        yield messages
    finally:
        qInstallMessageHandler(previous)


@pytest.fixture
def active(window: MainWindow, qtbot: Any) -> MainWindow:
    """The window with the keyboard (shortcuts only fire in the active window)."""
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def tab_of(window: MainWindow, cls: type) -> Any:
    return next(t for t in window.tabs if isinstance(t, cls))


def bring_up(widget: QWidget) -> None:
    """Make the tab and sub-tab holding ``widget`` current, as a user clicking them would."""
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            tabs = parent.parentWidget()
            assert isinstance(tabs, QTabWidget)
            tabs.setCurrentWidget(child)
        child = parent


def focus(view: Any, row: int = 0, column: int = 0) -> None:
    bring_up(view)
    view.setFocus()
    assert view.hasFocus()
    index = view.model().index(row, column)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def stored_rows(model: Any, case_path: Path) -> list[Any]:
    return list(model.items_of(stored(case_path)))


def tables(window: MainWindow) -> list[tuple[str, TableEditor]]:
    parties = tab_of(window, PartiesTab)
    parties.select_party(window.document.case.parties[0].id)  # the interests need a party
    found = []
    for tab in window.tabs:
        for editor in tab.findChildren(TableEditor):
            if editor.model.noun == "offer":
                continue  # a log: a new offer goes last (tests/ui/test_talks_tab.py)
            found.append((f"{type(tab).__name__}: {editor.model.noun}", editor))
    return found


# -- 1. one owner per key -------------------------------------------------------------------


def test_row_and_clipboard_keys_work_in_every_table(
    active: MainWindow, case_path: Path, qtbot: Any
) -> None:
    document = active.document
    assert document is not None
    checked = []
    with qt_messages() as messages:
        for name, editor in tables(active):
            model, view = editor.model, editor.view
            assert model.writable, name
            focus(view)
            before = stored_rows(model, case_path)

            qtbot.keyClick(view, Qt.Key.Key_Insert, CTRL)
            assert len(stored_rows(model, case_path)) == len(before) + 1, name
            assert document.undo_stack.undoText() == f"Add {model.noun}", name
            new_row = view.currentIndex().row()
            assert new_row == 1, name  # after the selected row
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # leave the name
            assert view.hasFocus(), name

            qtbot.keyClick(view, Qt.Key.Key_Up, CTRL)
            assert document.undo_stack.undoText() == f"Move {model.noun}", name
            assert view.currentIndex().row() == 0, name
            qtbot.keyClick(view, Qt.Key.Key_Down, CTRL)
            assert view.currentIndex().row() == 1, name
            added = model.item(1)
            assert stored_rows(model, case_path)[1] == added, name

            QGuiApplication.clipboard().clear()
            qtbot.keySequence(view, "Ctrl+C")
            copied = QGuiApplication.clipboard().text()
            assert copied == model.rows_as_tsv([1]), name

            qtbot.keyClick(view, Qt.Key.Key_Delete, CTRL)
            assert stored_rows(model, case_path) == before, name
            assert document.undo_stack.undoText() == f"Delete {model.noun}", name

            focus(view)
            qtbot.keySequence(view, "Ctrl+V")
            after = stored_rows(model, case_path)
            assert len(after) == len(before) + 1, name
            assert document.undo_stack.undoText() == f"Paste {model.noun}", name
            checked.append(name)
    assert not [m for m in messages if "Ambiguous shortcut" in m], messages
    assert len(checked) == 11, checked


def test_the_edit_menu_shows_the_keys_without_claiming_them(active: MainWindow) -> None:
    """One owner per key: the Edit menu's row items show the tables' keys but have none."""
    from desktop_app.ui.widgets.menu_keys import key_text

    for action in (
        active.act_add_row,
        active.act_delete_rows,
        active.act_copy_rows,
        active.act_paste_rows,
    ):
        assert action.shortcut().isEmpty()
        assert "\t" in action.text()  # the key, right-aligned in the menu
    assert active.act_add_row.text().endswith(f"\t{key_text('add')}")
    assert active.act_delete_rows.text().endswith(f"\t{key_text('delete')}")
    assert key_text("add") == "Ctrl+Ins" and key_text("delete") == "Ctrl+Del"  # on Linux
    # … and the tables' keys are their own, once each.
    risks = tab_of(active, RiskTab).register.view
    keys = [a.shortcut().toString() for a in risks.actions()]
    assert sorted(keys) == sorted(
        ["Ctrl+Ins", "Ctrl+Del", "Ctrl+Up", "Ctrl+Down", "Ctrl+C", "Ctrl+V"]
    )


def test_the_edit_menu_acts_on_the_focused_table(
    active: MainWindow, case_path: Path, qtbot: Any
) -> None:
    risks = tab_of(active, RiskTab).register
    focus(risks.view)
    before = len(stored(case_path).risks)
    active.act_add_row.trigger()
    assert len(stored(case_path).risks) == before + 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    active.act_delete_rows.trigger()
    assert len(stored(case_path).risks) == before


# -- 2. paste into the score matrix ---------------------------------------------------------


def test_ctrl_v_pastes_scores_into_the_selected_cells(
    active: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = tab_of(active, AlternativesTab)
    matrix, view = tab.matrix.model, tab.matrix.view
    top = matrix.row_of("a-brandt")
    assert top is not None
    focus(view, top, 0)
    QGuiApplication.clipboard().setText("1\t2\n3\t4\n")
    qtbot.keySequence(view, "Ctrl+V")
    case = stored(case_path)
    for row, scores in ((top, (1.0, 2.0)), (top + 1, (3.0, 4.0))):
        option = next(a for a in case.alternatives if a.id == matrix.option(row).id)
        criteria = [matrix.criterion(0), matrix.criterion(1)]
        assert tuple(option.scores[c.id] for c in criteria if c) == scores
        assert [matrix.index(row, c).data(DISPLAY) for c in (0, 1)] == [f"{s:g}" for s in scores]
    selected = {(i.row(), i.column()) for i in view.selectionModel().selectedIndexes()}
    assert selected == {(top, 0), (top, 1), (top + 1, 0), (top + 1, 1)}  # what was pasted
    assert active.document.undo_stack.undoText() == "Paste 4 scores"

    # One score into a block of selected cells fills them all, as in a spreadsheet.
    block = QItemSelection(matrix.index(top, 0), matrix.index(top + 1, 1))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QGuiApplication.clipboard().setText("6\n")
    qtbot.keySequence(view, "Ctrl+V")
    for row in (top, top + 1):
        assert [matrix.index(row, c).data(EDIT) for c in (0, 1)] == [6.0, 6.0]

    assert active.document.undo_stack.undoText() == "Paste 4 scores"
    focus(view, top, 2)
    QGuiApplication.clipboard().setText("8")
    qtbot.keySequence(view, "Ctrl+V")
    assert matrix.index(top, 2).data(EDIT) == 8.0
    assert active.document.undo_stack.undoText() == "Paste score"
    block = QItemSelection(matrix.index(top, 0), matrix.index(top + 1, 1))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # Ctrl+C gives the block back.
    qtbot.keySequence(view, "Ctrl+C")
    assert QGuiApplication.clipboard().text() == "6\t6\n6\t6\n"


# -- 3. Tab skips read-only columns ---------------------------------------------------------


def test_tab_in_the_score_matrix_skips_value_and_ev(
    active: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = tab_of(active, AlternativesTab)
    matrix, view = tab.matrix.model, tab.matrix.view
    last = matrix.value_column - 1
    focus(view, 0, last)
    qtbot.keyClicks(view, "7")  # typing opens the cell's editor
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 0)
    qtbot.keyClicks(QApplication.focusWidget(), "3")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    criteria = [matrix.criterion(0), matrix.criterion(last)]
    assert criteria[0] is not None and criteria[1] is not None

    def stored_score(row: int, criterion: Any) -> Any:
        option = matrix.option(row)
        found = next(o for o in stored(case_path).alternatives if o.id == option.id)
        return found.scores.get(criterion.id)

    qtbot.waitUntil(lambda: stored_score(1, criteria[0]) == 3.0, timeout=3_000)
    assert stored_score(0, criteria[1]) == 7.0
    # Shift+Tab from the first score of a row goes back to the last score of the row above.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    focus(view, 1, 0)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, last)


def test_tab_skips_read_only_columns_of_tables_and_overrides(
    active: MainWindow, qtbot: Any
) -> None:
    parties = tab_of(active, PartiesTab).parties
    view, model = parties.view, parties.model
    stance = next(i for i, c in enumerate(model.columns) if c.field == "stance")
    notes = next(i for i, c in enumerate(model.columns) if c.field == "notes")
    assert not model.columns[stance + 1].editable and notes == stance + 2
    focus(view, 0, stance)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == notes  # not the read-only interest count

    overrides = tab_of(active, RiskTab).overrides.view
    last = overrides.model().columnCount() - 1
    focus(overrides, 0, last)
    qtbot.keyClick(overrides, Qt.Key.Key_Tab)
    assert (overrides.currentIndex().row(), overrides.currentIndex().column()) == (1, 1)


# -- 4. a new row is ready to type over -----------------------------------------------------


def test_a_new_row_is_ready_to_type_over(active: MainWindow, case_path: Path, qtbot: Any) -> None:
    document = active.document
    assert document is not None
    parties = tab_of(active, PartiesTab).parties
    focus(parties.view)
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        qtbot.keyClick(parties.view, Qt.Key.Key_Insert, CTRL)
    current = parties.view.currentIndex()
    assert current.column() == 0 and parties.view.selectionModel().isSelected(current)
    qtbot.keyClicks(QApplication.focusWidget(), "Zofia Nowak")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(case_path).parties[1].name == "Zofia Nowak", timeout=3_000)

    # The same with the + button, in a table the arriving analysis refreshes.
    theirs = tab_of(active, AlternativesTab).their_alternatives
    focus(theirs.view)
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        qtbot.mouseClick(theirs.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "Nearshore in Morocco")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    row = theirs.view.currentIndex().row()
    qtbot.waitUntil(lambda: theirs.model.item(row).name == "Nearshore in Morocco", timeout=3_000)
    assert "Nearshore in Morocco" in [a.name for a in stored(case_path).alternatives]


# -- 5. Enter finishes a notes cell ---------------------------------------------------------


@pytest.mark.parametrize("new_line", [SHIFT, CTRL])
def test_enter_finishes_a_notes_cell_and_shift_or_ctrl_enter_adds_a_line(
    active: MainWindow, case_path: Path, qtbot: Any, new_line: Qt.KeyboardModifier
) -> None:
    parties = tab_of(active, PartiesTab).parties
    view, model = parties.view, parties.model
    notes = next(i for i, c in enumerate(model.columns) if c.field == "notes")
    focus(view, 0, notes)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor, "Measured on cost-downs")
    qtbot.keyClick(editor, Qt.Key.Key_Return, new_line)
    qtbot.keyClicks(editor, "Retires next year")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    expected = "Measured on cost-downs\nRetires next year"
    qtbot.waitUntil(lambda: stored(case_path).parties[0].notes == expected, timeout=3_000)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=3_000)


# -- 6. undo texts ----------------------------------------------------------------------------


def test_undo_texts_name_what_changed_in_plain_english(active: MainWindow, qtbot: Any) -> None:
    document = active.document
    assert document is not None
    stack = document.undo_stack
    parties = tab_of(active, PartiesTab)
    focus(parties.parties.view)
    QGuiApplication.clipboard().setText(
        "A\ttheirs\tbuyer\t3\t0\nB\ttheirs\t\t2\t1\nC\tours\t\t1\t0\n"
    )
    qtbot.keySequence(parties.parties.view, "Ctrl+V")
    assert stack.undoText() == "Paste 3 parties"

    criteria = tab_of(active, AlternativesTab).their_criteria
    focus(criteria.view)
    QGuiApplication.clipboard().setText("Speed\t2\nRisk\t1\nLoyalty\t1\n")
    qtbot.keySequence(criteria.view, "Ctrl+V")
    assert stack.undoText() == "Paste 3 criteria"

    focus(parties.parties.view, 0, 0)
    qtbot.keyClicks(parties.parties.view, "Dr. K. Wisniewska")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stack.undoText() == "Edit party name", timeout=3_000)

    parties.select_party(document.case.parties[0].id)
    focus(parties.interests.view, 0, 0)
    qtbot.keyClicks(parties.interests.view, "A yearly cost-down")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stack.undoText() == "Edit interest text", timeout=3_000)

    risks = tab_of(active, RiskTab).register
    focus(risks.view)
    block = QItemSelection(risks.model.index(0, 0), risks.model.index(1, 0))
    risks.view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(risks.view, Qt.Key.Key_Delete, CTRL)
    assert stack.undoText() == "Delete 2 risks"
    assert risks.delete_button.toolTip().startswith("Delete the selected risks")
    assert (
        tab_of(active, AlternativesTab)
        .their_criteria.delete_button.toolTip()
        .startswith("Delete the selected criteria")
    )
