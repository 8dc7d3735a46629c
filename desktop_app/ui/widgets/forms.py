"""A form over one object of the case (the case's own fields, a scenario, the statement).

Each row is a ``Column``; the widget fits its kind, and a number is typed as text and read by
the field's one parser (``columns.parse_text``), as in a table cell or a paste. A change is
committed when the field is left (or Enter pressed, or a choice made) as one undoable step; a
refused value is marked and its reason shown under the form, and nothing is stored. While a
field is being edited, a refresh from the case never overwrites what the consultant is typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import entry
from desktop_app.domain.model import Case
from desktop_app.i18n import _, language
from desktop_app.ui.models import nouns
from desktop_app.ui.models.columns import NUMERIC_KINDS, Column, display_text, edit_text, parse_text
from desktop_app.ui.state.document import CaseDocument

Getter = Callable[[Case], Any]  # case -> the object the form edits (or None)
Setter = Callable[[Case, Any], Case]  # (case, new object) -> new case


class _FocusOut(QObject):
    def __init__(self, callback: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        return False


class FieldForm(QWidget):
    """Edits the fields ``columns`` of ``getter(case)``; ``setter`` puts a new one in place."""

    def __init__(
        self,
        document: CaseDocument,
        columns: list[Column],
        getter: Getter,
        setter: Setter,
        *,
        noun: str,
        ordered: entry.Ordered | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.ordered = ordered  # fields kept in order: the others follow the one typed
        self.columns = columns
        self.getter = getter
        self.setter = setter
        self.noun = noun
        self.widgets: dict[str, QWidget] = {}
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #b00020;")
        self.reason.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for column in columns:
            widget = self._make_widget(column)
            widget.setToolTip(column.tip)
            label = QLabel(column.title)
            label.setToolTip(column.tip)
            label.setBuddy(widget)
            form.addRow(label, widget)
            self.widgets[column.field] = widget
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        document.case_changed.connect(self.refresh)
        self.refresh(document.case)

    # -- widgets ------------------------------------------------------------------------------

    def _make_widget(self, column: Column) -> QWidget:
        kind = column.kind
        commit = lambda *_args, c=column: self.commit(c)  # noqa: E731
        if kind in ("choice", "bool"):
            combo = QComboBox(self)
            options = (
                column.shown_choices if kind == "choice" else (("yes", _("yes")), ("no", _("no")))
            )
            for stored, label in options:
                combo.addItem(label, stored)
            combo.activated.connect(commit)
            return combo
        if kind in ("longtext", "lines"):
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setMinimumHeight(70)
            text.setMaximumHeight(160)
            text.installEventFilter(_FocusOut(commit, text))
            return text
        line = QLineEdit(self)  # numbers too: the field's parser reads what is typed
        line.editingFinished.connect(commit)
        if column.placeholder or kind == "optional_money":
            line.setPlaceholderText(_(column.placeholder) if column.placeholder else _("none"))
        return line

    def _widget_value(self, column: Column, widget: QWidget, target: Any = None) -> Any:
        """What ``widget`` holds for ``column`` of ``target`` (whose class gives the range)."""
        if isinstance(widget, QComboBox):
            data = widget.currentData()
            return (data == "yes") if column.kind == "bool" else data
        if isinstance(widget, QPlainTextEdit):
            text = widget.toPlainText()
            if column.kind == "lines":
                return tuple(line.strip() for line in text.splitlines() if line.strip())
            return text
        assert isinstance(widget, QLineEdit)
        text = widget.text()
        if column.kind in ("text", "longtext"):
            return text
        currency = self.document.case.info.currency
        owner = None if target is None else type(target)
        return parse_text(column, text, owner=owner, currency=currency)

    def _show_value(self, column: Column, widget: QWidget, value: Any) -> None:
        widget.blockSignals(True)
        try:
            if isinstance(widget, QComboBox):
                wanted = ("yes" if value else "no") if column.kind == "bool" else value
                widget.setCurrentIndex(max(0, widget.findData(wanted)))
            elif isinstance(widget, QPlainTextEdit):
                text = "\n".join(value) if column.kind == "lines" else str(value or "")
                if widget.toPlainText() != text:
                    widget.setPlainText(text)
                widget.document().setModified(False)
            elif isinstance(widget, QLineEdit):
                numeric = column.kind in NUMERIC_KINDS
                text = (
                    edit_text(column, value) if numeric else ("" if value is None else str(value))
                )
                if widget.text() != text:
                    widget.setText(text)
                    widget.setCursorPosition(0)  # a long title reads from its start
        finally:
            widget.blockSignals(False)

    # -- syncing ------------------------------------------------------------------------------

    def refresh(self, case: Case) -> None:
        target = self.getter(case)
        editable = target is not None and not self.document.read_only
        for column in self.columns:
            widget = self.widgets[column.field]
            widget.setEnabled(editable and column.editable)
            if target is None or (widget.hasFocus() and _being_typed(widget)):
                continue  # never overwrite what is being typed
            self._show_value(column, widget, column.value(target))

    def commit(self, column: Column) -> bool:
        target = self.getter(self.document.case)
        if target is None or self.document.read_only:
            return False
        widget = self.widgets[column.field]
        try:
            value = self._widget_value(column, widget, target)
        except ValueError as error:
            return self._refuse(column, str(error))
        if column.value(target) == value:
            self._clear(column)
            return True
        changed, note = self._followed(column.with_value(target, value), column)
        refused = self.document.change(
            self.setter(self.document.case, changed),
            nouns.edit_text(
                self.noun, column.header.lower() if language() == "en" else column.title
            ),
            note=note,
        )
        if refused is not None:
            return self._refuse(column, refused, named=True)
        if column.kind in NUMERIC_KINDS:  # "50k" typed now reads "50,000", as stored
            stored = self.getter(self.document.case)
            self._show_value(column, widget, column.value(stored))
        self._clear(column)
        return True

    def _followed(self, target: Any, column: Column) -> tuple[Any, str]:
        """``target`` with the fields ordered with ``column`` following the value typed in it
        (``entry.keep_in_order`` says why), and the sentence announcing it."""
        group = self.ordered
        if group is None or column.field not in group.fields:
            return target, ""
        columns = [next(c for c in self.columns if c.field == f) for f in group.fields]
        values = [c.value(target) for c in columns]
        kept = entry.keep_in_order(values, group.fields.index(column.field))
        moves: list[entry.Move] = []
        for other, old, new in zip(columns, values, kept, strict=True):
            if new != old:
                target = other.with_value(target, new)
                moves.append(entry.Move(other.field, new > old, new))
        headers = {c.field: c.title for c in columns}
        currency = self.document.case.info.currency
        note = entry.announce_moves(
            moves,
            lambda f: headers[f],
            group.words,
            lambda v: display_text(column, v, currency),
        )
        return target, note

    def _refuse(self, column: Column, reason: str, *, named: bool = False) -> bool:
        widget = self.widgets[column.field]
        widget.setStyleSheet("border: 1px solid #b00020;")
        if named and ": " in reason:  # "Currency: …" from the store: say it with our label
            reason = reason.split(": ", 1)[1]
        self.reason.setText(_("{field}: {problem}").format(field=column.title, problem=reason))
        self.reason.show()
        return False

    def _clear(self, column: Column) -> None:
        widget = self.widgets[column.field]
        _mark_saved(widget)
        widget.setStyleSheet("")
        if self.reason.text().startswith(f"{column.title}:"):
            self.reason.hide()
            self.reason.clear()


def _being_typed(widget: QWidget) -> bool:
    """Has the consultant typed into ``widget`` since it was last shown or saved?"""
    if isinstance(widget, QLineEdit):
        return widget.isModified()
    if isinstance(widget, QPlainTextEdit):
        return widget.document().isModified()
    return False


def _mark_saved(widget: QWidget) -> None:
    if isinstance(widget, QLineEdit):
        widget.setModified(False)
    elif isinstance(widget, QPlainTextEdit):
        widget.document().setModified(False)
