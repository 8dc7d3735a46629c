"""How every editable table answers the keyboard, written once for all of them.

- **One owner per key.** A table's row and clipboard keys (Ctrl+Insert, Ctrl+Delete, Ctrl+Up,
  Ctrl+Down, Ctrl+C, Ctrl+V) belong to the table alone (``add_shortcut``): the Edit menu shows
  them (``menu_keys``) but does not claim them, so Qt never sees two owners of one key ("Ambiguous
  shortcut overload") and the key works.
- **Tab skips what cannot be typed in.** Tab and Shift+Tab move to the next editable cell in
  reading order (``EditableTableView.moveCursor``), so a value typed after Tab lands where
  the cursor shows, never in a read-only column (the score matrix's V and EV) where it would
  vanish.
- **What is being typed stays.** A refresh of the table (the analysis arrived, another part of
  the case changed) does not put the stored value back into the cell being edited, unless
  that very value changed: a new row's name stays selected for typing over, and a score typed
  while the analysis runs is not replaced.
- **Enter finishes a multi-line cell** (notes, pros and cons); Shift+Enter or Ctrl+Enter starts
  a new line (``finish_on_enter``), as in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QPlainTextEdit, QTableView, QWidget

from desktop_app.ui.widgets.menu_keys import MENU_KEYS

Index = QModelIndex | QPersistentModelIndex
EDIT_ROLE = Qt.ItemDataRole.EditRole
_NEXT = QTableView.CursorAction.MoveNext
_PREVIOUS = QTableView.CursorAction.MovePrevious


def add_shortcut(view: QWidget, what: str, slot: Callable[[], object]) -> QAction:
    """Give ``view`` (and the cell editors inside it) the key of table action ``what``.

    The action's ``checked`` flag is not passed on: ``slot`` is called with no argument.
    """
    action = QAction(view)
    action.setObjectName(f"table-{what}")
    action.setShortcut(QKeySequence(MENU_KEYS[what]))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    view.addAction(action)
    return action


class EditableTableView(QTableView):
    """A table view whose Tab and Shift+Tab skip the cells that cannot be edited, and whose
    refreshes leave the cell being typed in alone (see the module).

    When no cell of the table can be edited (a read-only case), Tab moves as Qt's does.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editing: tuple[QPersistentModelIndex, Any] | None = None

    # -- the cell being typed in ------------------------------------------------------------

    def edit(self, index: Index, trigger: Any = None, event: Any = None) -> Any:
        """Qt's ``edit`` (both forms); remembers the value an editor was opened with."""
        if trigger is None:
            return super().edit(index)
        opened = super().edit(index, trigger, event)
        if opened and self.state() == QTableView.State.EditingState:
            self._editing = (QPersistentModelIndex(index), index.data(EDIT_ROLE))
        return opened

    def _held(self, top_left: Index, bottom_right: Index) -> QModelIndex | None:
        """The cell in this range whose editor keeps what is typed: being edited, its stored
        value unchanged since the editor opened."""
        if self._editing is None or self.state() != QTableView.State.EditingState:
            return None
        held, value = self._editing
        if not held.isValid() or held.parent() != top_left.parent():
            return None
        inside = (
            top_left.row() <= held.row() <= bottom_right.row()
            and top_left.column() <= held.column() <= bottom_right.column()
        )
        if not inside or held.data(EDIT_ROLE) != value:
            return None
        return self.model().index(held.row(), held.column(), held.parent())

    def dataChanged(self, topLeft: Index, bottomRight: Index, roles: Sequence[int] = ()) -> None:
        held = self._held(topLeft, bottomRight)
        if held is None:
            super().dataChanged(topLeft, bottomRight, list(roles))
            return
        # The range around the held cell: the rows above and below, its row left and right.
        model, parent, row, column = self.model(), topLeft.parent(), held.row(), held.column()
        left, right = topLeft.column(), bottomRight.column()
        for top, first, bottom, last in (
            (topLeft.row(), left, row - 1, right),
            (row + 1, left, bottomRight.row(), right),
            (row, left, row, column - 1),
            (row, column + 1, row, right),
        ):
            if top <= bottom and first <= last:
                super().dataChanged(
                    model.index(top, first, parent), model.index(bottom, last, parent), list(roles)
                )

    # -- Tab and Shift+Tab ------------------------------------------------------------------

    def moveCursor(
        self, cursorAction: QTableView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if cursorAction not in (_NEXT, _PREVIOUS):
            return super().moveCursor(cursorAction, modifiers)
        target = self._next_editable(forward=cursorAction == _NEXT)
        return super().moveCursor(cursorAction, modifiers) if target is None else target

    def _next_editable(self, *, forward: bool) -> QModelIndex | None:
        """The next editable cell after the current one in reading order, wrapping round;
        None when there is no current cell or nothing in the table is editable."""
        model, current = self.model(), self.currentIndex()
        if model is None or not current.isValid():
            return None
        root = self.rootIndex()
        rows = [
            self.verticalHeader().logicalIndex(v)
            for v in range(model.rowCount(root))
            if not self.isRowHidden(self.verticalHeader().logicalIndex(v))
        ]
        columns = [
            self.horizontalHeader().logicalIndex(v)
            for v in range(model.columnCount(root))
            if not self.isColumnHidden(self.horizontalHeader().logicalIndex(v))
        ]
        cells = [(r, c) for r in rows for c in columns]
        if (current.row(), current.column()) not in cells:
            return None
        start = cells.index((current.row(), current.column()))
        step = 1 if forward else -1
        for offset in range(1, len(cells) + 1):
            row, column = cells[(start + step * offset) % len(cells)]
            index = model.index(row, column, root)
            if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                return index
        return None


class _EnterFinishes(QObject):
    """Event filter of a multi-line cell editor: see ``finish_on_enter``."""

    def __init__(self, editor: QPlainTextEdit, delegate: QAbstractItemDelegate) -> None:
        super().__init__(editor)
        self.editor = editor
        self.delegate = delegate

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.editor or not isinstance(event, QKeyEvent):
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        new_line = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        if event.modifiers() & new_line:
            self.editor.insertPlainText("\n")
        else:
            self.delegate.commitData.emit(self.editor)
            self.delegate.closeEditor.emit(self.editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return True


def finish_on_enter(editor: QPlainTextEdit, delegate: QAbstractItemDelegate) -> None:
    """Enter (or Return) in ``editor`` stores the cell and closes the editor, as in a
    spreadsheet; Shift+Enter or Ctrl+Enter adds a line."""
    editor.installEventFilter(_EnterFinishes(editor, delegate))
