"""The score matrix on screen: the table, its side switch (their / our criteria), a plain
line editor for scores, and spreadsheet copy, paste and Delete for blocks of cells."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.model import Case, Side
from desktop_app.i18n import _, ngettext
from desktop_app.ui.models.entity_model import Index
from desktop_app.ui.models.score_matrix import EDIT, ScoreMatrixModel
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.widgets.table_keys import EditableTableView, add_shortcut


class ScoreDelegate(QStyledItemDelegate):
    """A plain line for a score: empty clears it, anything else is checked by the model."""

    def createEditor(self, parent: QWidget, _option: Any, _index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setPlaceholderText("0–10")
        editor.setToolTip(_("A score from 0 to 10; leave empty to remove the score."))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(EDIT)
        assert isinstance(editor, QLineEdit)
        editor.setText("" if value is None else f"{value:g}")

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), EDIT)


class ScoreTableView(EditableTableView):
    """Delete or Backspace on selected cells (not while editing one) clears their scores; Tab
    skips the V and EV columns."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        editing = self.state() == QAbstractItemView.State.EditingState
        if plain and not editing and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ScoreMatrix(QWidget):
    """The matrix with its side switch; ``message`` reports copies and pastes."""

    message = Signal(str)

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = ScoreMatrixModel(document, "theirs")
        self.view = ScoreTableView(self)
        self.view.setModel(self.model)
        self.model.setParent(self.view)  # goes with its view
        self.view.setItemDelegate(ScoreDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(True)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(90)
        header.setHighlightSections(False)
        self.view.verticalHeader().setMaximumWidth(260)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().setHighlightSections(False)

        self.theirs = QRadioButton(_("Their criteria"))
        self.theirs.setToolTip(
            _("Score their alternatives and the scenarios as the counterpart sees them")
        )
        self.ours = QRadioButton(_("Our criteria"))
        self.ours.setToolTip(_("Score our alternatives and the scenarios as we see them"))
        self.theirs.setChecked(True)
        self.sides = QButtonGroup(self)
        self.sides.addButton(self.theirs)
        self.sides.addButton(self.ours)
        self.theirs.toggled.connect(lambda on: self.set_side("theirs" if on else "ours"))
        title = QLabel(_("<b>Score matrix</b>"))
        title.setToolTip(
            _(
                "Each option scored 0 (worst) to 10 (best) on each criterion of the side, as "
                "that side would judge it. Shaded rows are the scenarios; yellow cells are not "
                "scored yet."
            )
        )
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(title)
        bar.addSpacing(12)
        bar.addWidget(self.theirs)
        bar.addWidget(self.ours)
        bar.addStretch(1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #a15c00;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        add_shortcut(self.view, "copy", self.copy)
        add_shortcut(self.view, "paste", self.paste)
        self.view.delete_pressed.connect(self.clear_selected)
        self.model.modelReset.connect(self._fit)
        document.case_changed.connect(self._on_case)
        self._fit()

    def set_side(self, side: Side) -> None:
        (self.theirs if side == "theirs" else self.ours).setChecked(True)
        self.model.set_side(side)

    def _fit(self) -> None:
        """Criteria share the width (at least 90 px each); V and EV keep 70 px."""
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column < self.model.value_column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self.view.setColumnWidth(column, 70)
        self._show_empty()

    def _on_case(self, _case: Case) -> None:
        self._show_empty()

    def _show_empty(self) -> None:
        case, side = self.document.case, self.model.side
        theirs = side == "theirs"
        no_criteria = not case.criteria_of(side)
        no_alternatives = not case.alternatives_of(side)
        text = ""
        if no_criteria and no_alternatives:
            text = (
                _(
                    "To use the matrix: add their criteria (in the table above) to score "
                    "against; list their alternatives."
                )
                if theirs
                else _(
                    "To use the matrix: add our criteria (in the table above) to score "
                    "against; list our alternatives."
                )
            )
        elif no_criteria:
            text = (
                _("To use the matrix: add their criteria (in the table above) to score against.")
                if theirs
                else _("To use the matrix: add our criteria (in the table above) to score against.")
            )
        elif no_alternatives:
            text = (
                _("To use the matrix: list their alternatives.")
                if theirs
                else _("To use the matrix: list our alternatives.")
            )
        self.empty.setText(html.escape(text))
        self.empty.setVisible(bool(text))

    # -- actions ----------------------------------------------------------------------------

    def copy(self) -> str | None:
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes:
            return None
        text = self.model.block_as_tsv(indexes)
        QGuiApplication.clipboard().setText(text)
        self.message.emit(
            ngettext(
                "Copied {count} cell(s) as tab-separated text",
                "Copied {count} cell(s) as tab-separated text",
                len(indexes),
            ).format(count=len(indexes))
        )
        return text

    def paste(self, text: str | None = None) -> tuple[int, str | None]:
        """Scores from tab-separated text (the clipboard's when None) into the selected cells,
        from the top-left one on; one score fills every selected cell, as in a spreadsheet.
        The cells pasted into are selected afterwards."""
        text = QGuiApplication.clipboard().text() if text is None else text
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes and self.view.currentIndex().isValid():
            indexes = [self.view.currentIndex()]
        rows = [i.row() for i in indexes] or [0]
        columns = [i.column() for i in indexes] or [0]
        top, left = min(rows), min(columns)
        lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
        if len(lines) == 1 and "\t" not in lines[0] and len(indexes) > 1:
            width = max(columns) - left + 1
            lines = ["\t".join([lines[0].strip()] * width)] * (max(rows) - top + 1)
            text = "\n".join(lines)
        count, reason = self.model.paste_block(text, top, left)
        self.message.emit(
            _("Nothing pasted: {reason}").format(reason=reason)
            if reason
            else ngettext("Pasted {count} score(s)", "Pasted {count} score(s)", count).format(
                count=count
            )
        )
        if count:
            self._select_block(top, left, len(lines), max(len(line.split("\t")) for line in lines))
        return count, reason

    def _select_block(self, top: int, left: int, height: int, width: int) -> None:
        """Select the cells from (top, left), ``height`` rows by ``width`` columns (clipped to
        the scores: V and EV are not pasted into)."""
        bottom = min(top + height, self.model.rowCount()) - 1
        right = min(left + width, self.model.value_column) - 1
        if bottom < top or right < left:
            return
        block = QItemSelection(self.model.index(top, left), self.model.index(bottom, right))
        self.view.selectionModel().setCurrentIndex(
            self.model.index(top, left), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def clear_selected(self) -> None:
        """Delete: remove the selected scores, in one step."""
        self.model.clear_cells(self.view.selectionModel().selectedIndexes())
