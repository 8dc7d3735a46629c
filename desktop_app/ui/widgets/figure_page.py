"""Layout helpers of the Risk and Margin tabs: sub-tabs, panes side by side or one above the
other, titled boxes, the line that says why an edit was refused, what is missing, and the warning
that the risk tail rests on too few runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.analysis.wording import thin_tail_warning
from desktop_app.i18n import N_, _
from desktop_app.ui.state.document import CaseDocument


def sub_tabs(pages: Sequence[tuple[QWidget, str, str]]) -> QTabWidget:
    """Pages of a tab, one at a time, each with the whole height of the window: (page, title,
    tooltip). A tab that needs more room than a laptop screen has is split into these rather
    than made one long page to scroll (each chart is seen whole, each table has rows to show)."""
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    for page, title, tip in pages:
        page.setContentsMargins(0, 4, 0, 0)
        index = tabs.addTab(page, title)
        tabs.setTabToolTip(index, tip)
    return tabs


def column_splitter(widgets: Sequence[QWidget], stretches: Sequence[int]) -> QSplitter:
    """Widgets one above the other; the consultant may move the handle."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.setChildrenCollapsible(False)
    splitter.setHandleWidth(8)
    for widget, stretch in zip(widgets, stretches, strict=True):
        splitter.addWidget(widget)
        splitter.setStretchFactor(splitter.count() - 1, stretch)
    total = sum(stretches) or 1
    splitter.setSizes([max(int(600 * s / total), 1) for s in stretches])
    return splitter


def row_splitter(widgets: Sequence[QWidget], stretches: Sequence[int]) -> QSplitter:
    """Widgets side by side; the consultant may move the handle."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setChildrenCollapsible(False)
    splitter.setHandleWidth(10)
    for widget, stretch in zip(widgets, stretches, strict=True):
        splitter.addWidget(widget)
        splitter.setStretchFactor(splitter.count() - 1, stretch)
    total = sum(stretches)
    splitter.setSizes([int(1200 * s / total) for s in stretches])
    return splitter


def stretch_first_column(view: QTableView) -> None:
    """The first column (a name) takes the spare width, the figures keep theirs."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def fit_rows(editor: QWidget, view: QTableView, *, least: int = 3, most: int = 10) -> None:
    """Make a table editor at most as tall as its rows and a free one (``most`` rows), and at
    least ``least`` rows tall (less room: it scrolls)."""
    rows = min(max(view.model().rowCount() + 1, least), most)
    header = view.horizontalHeader().sizeHint().height()
    chrome = 34 + header + 2 * view.frameWidth()
    row = view.verticalHeader().defaultSectionSize()
    editor.setMinimumHeight(chrome + least * row)
    editor.setMaximumHeight(chrome + rows * row)


#: Size policies of a widget that takes spare height (charts, tables).
GROWING = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)


def titled(title: str, tooltip: str, *widgets: QWidget) -> QWidget:
    """A bold title (with its explanation as a tooltip) over ``widgets``; the ones that can
    grow (charts, tables) share the spare height."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{title}</b>")
    label.setToolTip(tooltip)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    layout.addWidget(label)
    grows = False
    for widget in widgets:
        expanding = widget.sizePolicy().verticalPolicy() in GROWING
        grows = grows or expanding
        layout.addWidget(widget, 1 if expanding else 0)
    layout.addStretch(0 if grows else 1)  # what a grown table (at its full height) leaves
    return box


def missing_note(analysis: Any, prefix: str) -> str:
    """What to complete for the figures under ``prefix`` (``scenarios.``, ``zopa.``…)."""
    if analysis is None:
        return ""
    todos = [
        item.todo
        for item in analysis.readiness.items
        if item.todo and any(key.startswith(prefix) for key in item.affects)
    ]
    if not todos:
        return ""
    return _("To complete: {items}").format(items=" ".join(dict.fromkeys(todos)))


class RefusalNotice(QLabel):
    """Says why the last edit was refused; cleared by the next change that is stored."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020; font-weight: bold;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        document.edit_refused.connect(self.show_reason)
        document.saved.connect(self.clear_reason)  # bound: disconnected with the widget

    def show_reason(self, reason: str) -> None:
        self.setText(_("Not saved: {reason}").format(reason=reason))
        self.setToolTip(_("The value was refused and nothing was stored."))
        self.show()

    def clear_reason(self) -> None:
        self.clear()
        self.hide()


def keep_units(text: str) -> str:
    """A number and its " %" stay on one line when a label wraps (a no-break space)."""
    return text.replace(" %", "\u00a0%")


TAIL_WARNING_TIP = N_(
    "The expected shortfall averages the simulated contracts beyond the value at risk: "
    "runs × (1 − confidence) of them. With fewer than 200 it moves noticeably from one seed to "
    "the next, and so do the conservative margin and our walk-away price built on it. Raise "
    "Simulation runs on the Case tab."
)


class TailWarning(QLabel):
    """The warning that the risk tail rests on too few runs (under 200 beyond the value at
    risk), naming the runs needed; hidden while the tail has enough."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(
            "color: #7a4300; background: #fff3d6; border: 1px solid #e3b04b; "
            "border-radius: 3px; padding: 4px 6px;"
        )
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setToolTip(_(TAIL_WARNING_TIP))
        self.hide()

    def show_settings(self, settings: Any) -> None:
        """Show the warning for ``settings`` (the analysis's), or hide it."""
        warning = thin_tail_warning(settings) if settings is not None else None
        if warning is None:
            self.clear()
            self.hide()
            return
        self.setText(f"⚠ {keep_units(warning)}")
        self.show()
