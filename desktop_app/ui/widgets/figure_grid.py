"""A read-only grid of analysis figures: row and column headers with explanations, cells
with their own tooltips ("—" says why it is unavailable), highlighted columns.

The Risk and Margin tabs fill it from ``scenario_figures``; the grid knows nothing of the
analysis, only of texts, tooltips and emphasis.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.ui.models.figure_cells import UNAVAILABLE, Cell, Header

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole

#: Column tints for the scenarios that matter most (their demand, our proposal).
HIGHLIGHTS = {"their_demand": "#F4ECF7", "our_proposal": "#EAF2F8"}


class FigureGridModel(QAbstractTableModel):
    """Texts in a grid; ``set_content`` replaces everything at once."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[Header] = []
        self.rows: list[Header] = []
        self.cells: list[list[Cell]] = []
        self.placeholder = ""

    def set_content(
        self,
        columns: list[Header],
        rows: list[Header],
        cells: list[list[Cell]],
    ) -> None:
        self.beginResetModel()
        self.columns, self.rows, self.cells = columns, rows, cells
        self.endResetModel()

    def cell(self, row: int, column: int) -> Cell:
        return self.cells[row][column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def _header(self, section: int, orientation: Qt.Orientation) -> Header | None:
        headers = self.columns if orientation == Qt.Orientation.Horizontal else self.rows
        return headers[section] if 0 <= section < len(headers) else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        header = self._header(section, orientation)
        if header is None:
            return None
        if role == DISPLAY:
            return header.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return header.tooltip or None
        if role == Qt.ItemDataRole.FontRole and header.highlight:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Vertical:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        cell = self.cells[index.row()][index.column()]
        if role == DISPLAY:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip or self.rows[index.row()].tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if cell.numeric else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell.alert:
                return QBrush(QColor("#b00020"))
            if cell.muted or cell.text == UNAVAILABLE:
                return QBrush(QColor("#888888"))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            highlight = self.columns[index.column()].highlight
            return QBrush(QColor(HIGHLIGHTS[highlight])) if highlight in HIGHLIGHTS else None
        if role == Qt.ItemDataRole.FontRole and self.columns[index.column()].highlight:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def as_tsv(self, indexes: list[QModelIndex] | None = None) -> str:
        """The grid (or the rows of ``indexes``) as tab-separated text with headers."""
        rows = sorted({i.row() for i in indexes}) if indexes else range(len(self.rows))
        lines = ["\t".join(["", *(c.text for c in self.columns)])]
        for r in rows:
            lines.append("\t".join([self.rows[r].text, *(c.text for c in self.cells[r])]))
        return "\n".join(lines) + "\n"


#: The fewest rows a figure grid shows before it scrolls (on a small screen).
MIN_ROWS = 4


class FigureGridView(QTableView):
    """Read-only, keyboard-navigable, Ctrl+C copies the selected rows for a spreadsheet."""

    def __init__(
        self, model: FigureGridModel, parent: QWidget | None = None, *, auto_columns: bool = True
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.grid = model
        self.auto_columns = auto_columns
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        header.setHighlightSections(False)
        copy = QAction(self)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy)
        self.addAction(copy)

    def copy(self) -> str:
        text = self.grid.as_tsv(self.selectionModel().selectedIndexes())
        QGuiApplication.clipboard().setText(text)
        return text

    def fit_columns(self) -> None:
        """Scenario columns share the width when the figures fit; otherwise each column is
        as wide as its longest figure and the grid scrolls sideways (never "12,345,…")."""
        header = self.horizontalHeader()
        count = self.grid.columnCount()
        needed = [
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) + 10 for c in range(count)
        ]
        room = self.viewport().width()
        if sum(needed) <= room or not count:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            for column, width in enumerate(needed):
                self.setColumnWidth(column, width)
        self.fit_height()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.auto_columns:
            self.fit_columns()

    def fit_height(self) -> None:
        """As tall as its rows where there is room, so the grid reads without an inner scroll
        bar; on a small screen it may be as short as ``MIN_ROWS`` rows and scroll."""
        chrome = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2
        if self.horizontalHeader().sectionResizeMode(0) != QHeaderView.ResizeMode.Stretch:
            chrome += self.horizontalScrollBar().sizeHint().height()
        heights = [self.rowHeight(r) for r in range(self.grid.rowCount())]
        self.setMinimumHeight(chrome + sum(heights[:MIN_ROWS]))
        self.setMaximumHeight(max(chrome + sum(heights), 80))
