"""Cell editors that fit the field: spin boxes with units and ranges, percent as percent,
combo boxes for choices, several lines for notes and pros/cons."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.ui.columns import Column, format_money

Index = QModelIndex | QPersistentModelIndex


class FieldDelegate(QStyledItemDelegate):
    """Creates the editor a ``Column`` asks for; the model (``columns`` attribute) says which."""

    def _column(self, index: Index) -> Column | None:
        columns = getattr(index.model(), "columns", None)
        return columns[index.column()] if columns else None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = self._column(index)
        if column is None:
            return super().createEditor(parent, option, index)
        currency = getattr(getattr(index.model(), "document", None), "case", None)
        code = currency.info.currency if currency is not None else ""
        kind = column.kind
        if kind in ("money", "number", "score", "percent", "fraction"):
            spin = QDoubleSpinBox(parent)
            spin.setGroupSeparatorShown(True)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
            spin.setKeyboardTracking(False)
            if kind == "fraction":
                spin.setRange(0, 100)
                spin.setDecimals(1)
                spin.setSuffix(" %")
            elif kind == "percent":
                spin.setRange(column.minimum, column.maximum)
                spin.setDecimals(column.decimals)
                spin.setSuffix(" %")
            elif kind == "score":
                spin.setRange(0, 10)
                spin.setDecimals(1)
                spin.setSingleStep(1)
            else:
                spin.setRange(column.minimum, column.maximum)
                spin.setDecimals(column.decimals)
                if kind == "money":
                    spin.setSuffix(f" {code}")
            return spin
        if kind == "int":
            box = QSpinBox(parent)
            box.setRange(int(column.minimum), int(min(column.maximum, 2**31 - 1)))
            return box
        if kind in ("choice", "bool"):
            combo = QComboBox(parent)
            options = column.choices if kind == "choice" else (("yes", "yes"), ("no", "no"))
            for stored, label in options:
                combo.addItem(label, stored)
            return combo
        if kind in ("longtext", "lines"):
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(90)
            if kind == "lines":
                editor.setPlaceholderText("One item per line")
            return editor
        line = QLineEdit(parent)
        if kind == "optional_money":
            line.setPlaceholderText(f"empty = none ({format_money(0, code)} is a real zero)")
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        column = self._column(index)
        value: Any = index.data(Qt.ItemDataRole.EditRole)
        if column is None:
            super().setEditorData(editor, index)
            return
        if isinstance(editor, QDoubleSpinBox):
            number = 0.0 if value is None else float(value)
            editor.setValue(100 * number if column.kind == "fraction" else number)
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QComboBox):
            wanted = ("yes" if value else "no") if column.kind == "bool" else value
            editor.setCurrentIndex(max(0, editor.findData(wanted)))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("\n".join(value) if column.kind == "lines" else str(value or ""))
        elif isinstance(editor, QLineEdit):
            editor.setText(
                "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
            )

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        column = self._column(index)
        if column is None:
            super().setModelData(editor, model, index)
            return
        value: Any
        if isinstance(editor, QDoubleSpinBox):
            editor.interpretText()
            value = editor.value() / 100 if column.kind == "fraction" else editor.value()
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            value = editor.value()
        elif isinstance(editor, QComboBox):
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
            value = editor.text()
        else:
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)
