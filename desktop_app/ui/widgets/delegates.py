"""Cell editors that fit the field: a line edit for numbers that takes what the field's
parser takes (``1.2M``, ``55 %``, ``EUR 455``…), combo boxes for choices, several lines for
notes and pros/cons."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.i18n import N_, _
from desktop_app.ui.models.columns import NUMERIC_KINDS, Column, edit_text, format_money
from desktop_app.ui.widgets.table_keys import finish_on_enter

Index = QModelIndex | QPersistentModelIndex

#: What a numeric cell's editor suggests while it is empty.
PLACEHOLDERS = {
    "money": N_("an amount: 45,000 · 1.2M · 250k"),
    "number": N_("a number: 1,500 · 250k"),
    "int": N_("a whole number"),
    "percent": N_("a percentage: -3 %"),
    "fraction": N_("a percentage: 55 % (or 0.55)"),
    "score": N_("0 to 10"),
}


class FieldDelegate(QStyledItemDelegate):
    """Creates the editor a ``Column`` asks for; the model (``columns`` attribute) says which.

    A numeric cell is edited as text, starting from the value written so that it reads back
    as it is (``columns.edit_text``), and the model parses what was typed with the field's
    one parser: what is refused is said (``document.edit_refused``), never rounded to fit a
    widget's range or dropped because a spin box did not know "M".
    """

    def _column(self, index: Index) -> Column | None:
        columns = getattr(index.model(), "columns", None)
        return columns[index.column()] if columns else None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = self._column(index)
        if column is None:
            return super().createEditor(parent, option, index)
        case = getattr(getattr(index.model(), "document", None), "case", None)
        code = case.info.currency if case is not None else ""
        kind = column.kind
        if kind in ("choice", "bool"):
            combo = QComboBox(parent)
            options = (
                column.shown_choices if kind == "choice" else (("yes", _("yes")), ("no", _("no")))
            )
            for stored, label in options:
                combo.addItem(label, stored)
            return combo
        if kind in ("longtext", "lines"):
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(90)
            if kind == "lines":
                editor.setPlaceholderText(_("One item per line"))
            finish_on_enter(editor, self)  # Enter stores the cell; Shift+Enter adds a line
            return editor
        line = QLineEdit(parent)
        if kind in NUMERIC_KINDS:
            line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            line.setPlaceholderText(_(PLACEHOLDERS[kind]) if kind in PLACEHOLDERS else "")
        if kind == "optional_money":
            line.setPlaceholderText(
                _("empty = none ({zero} is a real zero)").format(zero=format_money(0, code))
            )
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        column = self._column(index)
        value: Any = index.data(Qt.ItemDataRole.EditRole)
        if column is None:
            super().setEditorData(editor, index)
            return
        if isinstance(editor, QComboBox):
            wanted = ("yes" if value else "no") if column.kind == "bool" else value
            editor.setCurrentIndex(max(0, editor.findData(wanted)))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("\n".join(value) if column.kind == "lines" else str(value or ""))
        elif isinstance(editor, QLineEdit):
            numeric = column.kind in NUMERIC_KINDS
            editor.setText(edit_text(column, value) if numeric else str(value or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        column = self._column(index)
        if column is None:
            super().setModelData(editor, model, index)
            return
        value: Any
        if isinstance(editor, QComboBox):
            data = editor.currentData()
            value = (data == "yes") if column.kind == "bool" else data
        elif isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
            value = (
                tuple(line.strip() for line in text.splitlines() if line.strip())
                if column.kind == "lines"
                else text
            )
        elif isinstance(editor, QLineEdit):
            value = editor.text()  # the model reads it with the field's parser
        else:
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)
