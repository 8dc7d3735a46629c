"""A titled table with Add / Delete / Up / Down, spreadsheet copy and paste, and keyboard use.

Every tab builds its tables from this one widget, so rows are added, deleted, reordered,
copied and pasted the same way everywhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _, ngettext
from desktop_app.ui.models import nouns
from desktop_app.ui.models.entity_model import ListTableModel
from desktop_app.ui.widgets.delegates import FieldDelegate
from desktop_app.ui.widgets.frozen_column import FrozenFirstColumn
from desktop_app.ui.widgets.menu_keys import key_text
from desktop_app.ui.widgets.row_heights import RowHeights
from desktop_app.ui.widgets.table_keys import EditableTableView, Index, add_shortcut


class EntityTableView(EditableTableView):
    """A table view with Ctrl+C / Ctrl+V as tab-separated rows; Tab skips read-only cells; its
    first column (the name) stays on screen while the others scroll sideways (``frozen``)."""

    def __init__(self, model: ListTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        # The model goes with its table, and stops listening to the document, when the window
        # is rebuilt around the same document (View › Language).
        model.setParent(self)
        self.entity_model = model
        self.setItemDelegate(FieldDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        # A column is as wide as its header's words at least (German headers are longer
        # than the English the widths were chosen for): a header is read, not guessed at.
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 6
        for i, column in enumerate(model.columns):
            if column.width:
                title = header.fontMetrics().horizontalAdvance(column.title) + margin
                self.setColumnWidth(i, max(column.width, title))
        self.row_heights = RowHeights(self)
        self.frozen = FrozenFirstColumn(self)

    def scrollTo(
        self,
        index: Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        before = self.horizontalScrollBar().value()
        super().scrollTo(index, hint)
        if self.state() != QAbstractItemView.State.EditingState:
            self.frozen.scroll_clear(index, before)

    def edit(self, index: Index, trigger: Any = None, event: Any = None) -> Any:
        opened = super().edit(index, trigger, event)
        if self.state() == QAbstractItemView.State.EditingState:
            self.frozen.uncover_editor(index)
        return opened

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.selectionModel().selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(rows)

    def copy_rows(self) -> str | None:
        rows = self.selected_rows()
        if not rows:
            return None
        text = self.entity_model.rows_as_tsv(rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste_rows(self, text: str | None = None) -> tuple[int, str | None]:
        text = QGuiApplication.clipboard().text() if text is None else text
        rows = self.selected_rows()
        return self.entity_model.paste_tsv(text, after=rows[-1] if rows else None)

    def select_row(self, row: int) -> None:
        index = self.model().index(row, 0)
        self.setCurrentIndex(index)
        self.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )


class TableEditor(QWidget):
    """Title, toolbar and table for one collection; ``message`` shows refusals and pastes."""

    message = Signal(str)

    def __init__(
        self, title: str, model: ListTableModel, *, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.view = EntityTableView(model, self)
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setToolTip(hint)
        self.add_button = self._button("+", nouns.add_tip(model.noun, key_text("add")), self.add)
        self.delete_button = self._button(
            "−", nouns.delete_tip(model.noun, model.plural, key_text("delete")), self.delete
        )
        self.up_button = self._button(
            "↑", _("Move up ({key})").format(key=key_text("up")), lambda: self.move_rows(-1)
        )
        self.down_button = self._button(
            "↓", _("Move down ({key})").format(key=key_text("down")), lambda: self.move_rows(1)
        )
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title)
        bar.addStretch(1)
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        add_shortcut(self.view, "add", self.add)
        add_shortcut(self.view, "delete", self.delete)
        add_shortcut(self.view, "up", lambda: self.move_rows(-1))
        add_shortcut(self.view, "down", lambda: self.move_rows(1))
        add_shortcut(self.view, "copy", self.copy)
        add_shortcut(self.view, "paste", self.paste)
        model.document.case_changed.connect(self._update_enabled)  # bound: goes with the table
        model.modelReset.connect(self._update_enabled)  # a nested list's owner may change
        self._update_enabled()

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _update_enabled(self) -> None:
        writable = self.model.writable
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            button.setEnabled(writable)

    # -- actions ----------------------------------------------------------------------------

    def add(self) -> None:
        """Add a row after the selected ones, ready to type over: its first editable cell
        (the name) current, selected and open with its text selected."""
        rows = self.view.selected_rows()
        row = self.model.add_row(rows[-1] if rows else None)
        if row is None:
            return
        column = next((i for i, c in enumerate(self.model.columns) if c.editable), 0)
        index = self.model.index(row, column)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.edit(index)

    def delete(self) -> None:
        rows = self.view.selected_rows()
        if rows and self.model.delete_rows(rows):
            remaining = self.model.rowCount()
            if remaining:
                self.view.select_row(min(rows[0], remaining - 1))

    def move_rows(self, delta: int) -> None:
        rows = self.view.selected_rows()
        if len(rows) == 1:
            row = self.model.move_row(rows[0], delta)
            if row is not None:
                self.view.select_row(row)

    def copy(self) -> None:
        text = self.view.copy_rows()
        if text is not None:
            count = text.count("\n") - 1
            self.message.emit(
                ngettext(
                    "Copied {count} row(s) as tab-separated text",
                    "Copied {count} row(s) as tab-separated text",
                    count,
                ).format(count=count)
            )

    def paste(self) -> None:
        added, reason = self.view.paste_rows()
        if reason and reason != "refused":
            self.message.emit(_("Nothing pasted: {reason}").format(reason=reason))
        elif added:
            self.message.emit(
                ngettext("Pasted {count} row(s)", "Pasted {count} row(s)", added).format(
                    count=added
                )
            )
