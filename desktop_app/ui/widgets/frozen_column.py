"""A table's first column (the name of each row) stays on screen while the others scroll
sideways, as a spreadsheet's frozen pane.

``FrozenFirstColumn(view)`` lays a second, read-only view of the same model over the left edge
of ``view``: it shows only the first column, shares the selection, and follows the table's
row heights, column width and vertical scrolling. It is shown only while the table is
scrolled sideways (at the far left the table's own first column is in the same place), so
nothing changes for a table that fits. The keyboard stays with the table:

- a cell of the first column made current (a click on a name, Tab wrapping round to the next
  row) does not scroll the table back to the left: the frozen column shows it;
- a cell of another column hidden under the frozen one is scrolled clear of it;
- typing into a name opens its editor in the table, scrolled to the left so that the editor
  is not under the frozen column.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex


class FrozenFirstColumn(QObject):
    """Keeps column 0 of ``view`` on screen while the table is scrolled sideways."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        overlay = QTableView(view)
        overlay.setObjectName("frozen-first-column")
        overlay.setModel(view.model())
        overlay.setSelectionModel(view.selectionModel())
        overlay.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        overlay.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        overlay.setSelectionBehavior(view.selectionBehavior())
        overlay.setSelectionMode(view.selectionMode())
        overlay.setAlternatingRowColors(view.alternatingRowColors())
        overlay.setWordWrap(view.wordWrap())
        overlay.setFrameShape(QFrame.Shape.NoFrame)
        overlay.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        overlay.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        overlay.setVerticalScrollMode(view.verticalScrollMode())
        overlay.verticalHeader().hide()
        overlay.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        overlay.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        overlay.horizontalHeader().setHighlightSections(False)
        overlay.setStyleSheet("QTableView#frozen-first-column { border-right: 1px solid #b0b0b0; }")
        # Selected names look as they do in the table, which keeps the focus.
        palette = overlay.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(
                QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role)
            )
        overlay.setPalette(palette)
        overlay.hide()
        self.overlay = overlay
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.horizontalScrollBar().valueChanged.connect(lambda _value: self.update())
        view.horizontalScrollBar().rangeChanged.connect(lambda *_range: self.update())
        view.verticalScrollBar().valueChanged.connect(overlay.verticalScrollBar().setValue)
        overlay.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.verticalHeader().sectionResized.connect(self._row_resized)
        view.horizontalHeader().sectionResized.connect(self._column_resized)
        view.horizontalHeader().geometriesChanged.connect(self.update)
        overlay.doubleClicked.connect(self._edit_in_table)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._sync_rows)
        for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved):
            signal.connect(self._sync_columns)
        view.installEventFilter(self)
        self._sync_columns()
        self._sync_rows()

    # -- following the table ----------------------------------------------------------------

    @property
    def active(self) -> bool:
        """The frozen column is on screen (the table is scrolled sideways)."""
        return self.overlay.isVisibleTo(self.view)

    def _sync_columns(self, *_args: object) -> None:
        for column in range(self.view.model().columnCount()):
            self.overlay.setColumnHidden(column, column != 0)
        self.overlay.setColumnWidth(0, self.view.columnWidth(0))
        self.update()

    def _sync_rows(self, *_args: object) -> None:
        header = self.view.verticalHeader()
        self.overlay.verticalHeader().setDefaultSectionSize(header.defaultSectionSize())
        for row in range(self.view.model().rowCount()):
            self.overlay.setRowHeight(row, self.view.rowHeight(row))
        self.overlay.verticalScrollBar().setValue(self.view.verticalScrollBar().value())

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.overlay.setRowHeight(row, new)

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.overlay.setColumnWidth(0, new)
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.update()
        return False

    def update(self, *_args: object) -> None:
        """Place the frozen column over the table's left edge; show it only while the table
        is scrolled sideways."""
        view = self.view
        scrolled = view.horizontalScrollBar().value() > 0 and not view.isColumnHidden(0)
        if not scrolled:
            self.overlay.hide()
            return
        left = view.frameWidth() + (
            view.verticalHeader().width() if view.verticalHeader().isVisible() else 0
        )
        header = view.horizontalHeader().height() if view.horizontalHeader().isVisible() else 0
        width = min(view.columnWidth(0), view.viewport().width() // 2)
        self.overlay.setGeometry(left, view.frameWidth(), width, view.viewport().height() + header)
        self.overlay.horizontalHeader().setFixedHeight(header)
        self.overlay.verticalScrollBar().setValue(view.verticalScrollBar().value())
        self.overlay.show()
        self.overlay.raise_()

    # -- the table's scrolling and editing --------------------------------------------------

    def covered_width(self) -> int:
        """How much of the table's viewport the frozen column hides (0 when not shown)."""
        return self.overlay.width() if self.active else 0

    def scroll_clear(self, index: Index, horizontal_before: int) -> None:
        """After the table scrolled to show ``index``: a name stays where the frozen column
        shows it (the table keeps its sideways position), any other cell is moved out from
        under the frozen column."""
        if not index.isValid() or horizontal_before <= 0:
            return
        bar = self.view.horizontalScrollBar()
        if index.column() == 0:
            bar.setValue(horizontal_before)
            return
        covered = self.covered_width()
        left = self.view.visualRect(self.view.model().index(index.row(), index.column())).left()
        if covered and left < covered:
            bar.setValue(max(bar.value() - (covered - left), 0))

    def uncover_editor(self, index: Index) -> None:
        """An editor opened on a name: scroll the table to the left, where it is not under
        the frozen column (which then hides)."""
        if index.isValid() and index.column() == 0 and self.active:
            self.view.horizontalScrollBar().setValue(0)

    def _edit_in_table(self, index: QModelIndex) -> None:
        if self.view.editTriggers() & QAbstractItemView.EditTrigger.DoubleClicked:
            self.view.setFocus(Qt.FocusReason.MouseFocusReason)
            self.view.setCurrentIndex(index)
            self.view.edit(index)
