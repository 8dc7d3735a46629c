"""Row heights of a table: as tall as the wrapped text, fitted a few rows at a time.

Qt's own ``ResizeToContents`` row header refits every row, asking the delegate for the size of
every cell (eight data roles each), after every change of the model, on hidden tabs too. On a
large case that is a few thousand cells per edit: 130 ms of the UI thread for the stress
case's tables, long enough to stall typing while the analysis runs. So the header stays
``Fixed`` and ``RowHeights`` fits the rows itself: only the rows that changed, only while the
table is shown (a hidden table catches up when it is shown again), and in slices of at most
``SLICE_SECONDS`` between which the event loop runs. A table of more than ``MAX_ROWS`` rows
keeps one line per row.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

#: Above this many rows a table keeps one line per row.
MAX_ROWS = 150
#: The longest the UI thread fits rows before it lets the event loop run again.
SLICE_SECONDS = 0.010

Index = QModelIndex | QPersistentModelIndex


class RowHeights(QObject):
    """Keeps ``view``'s row heights fitted to its wrapped text (see the module)."""

    def __init__(self, view: QTableView, *, max_rows: int = MAX_ROWS) -> None:
        super().__init__(view)
        self.view = view
        self.max_rows = max_rows
        self.slice_seconds = SLICE_SECONDS
        self.slices = 0  # how many times the event loop was let in while fitting (for tests)
        self._shown = view.isVisible()
        self._large: bool | None = None  # not known until the first rows are counted
        self._first = self._end = 0  # rows [first, end) still to fit
        self._step = QTimer(self)
        self._step.setSingleShot(True)
        self._step.setInterval(0)
        self._step.timeout.connect(self._fit_slice)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Qt does not refit rows when a column is resized (or stretched when the view is first
        # laid out): refit them all once the resizing settles.
        view.horizontalHeader().sectionResized.connect(lambda *_: self.refit_all())
        model = view.model()
        model.dataChanged.connect(self._data_changed)
        model.rowsInserted.connect(lambda _parent, first, last: self._stale(first, last + 1))
        model.rowsRemoved.connect(self._removed)
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.columnsInserted,
            model.columnsRemoved,
        ):
            signal.connect(self.refit_all)
        view.installEventFilter(self)
        self.refit_all()

    @property
    def pending(self) -> bool:
        """Rows are waiting to be fitted."""
        return self._first < self._end

    @property
    def one_line(self) -> bool:
        """The table is too large to fit: each row is one line."""
        return bool(self._large)

    def refit_all(self, *_args: object) -> None:
        self._stale(0, self.view.model().rowCount())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._shown = event.type() == QEvent.Type.Show
            if self._shown and self.pending:
                self._step.start()
        return False

    def _data_changed(self, top_left: Index, bottom_right: Index, *_roles: object) -> None:
        self._stale(top_left.row(), bottom_right.row() + 1)

    def _removed(self, _parent: Index, first: int, _last: int) -> None:
        """Rows went away: the ones below moved up (refit from there if some were waiting), and
        the table may have become small enough to fit again."""
        rows = self.view.model().rowCount()
        if self._large and rows <= self.max_rows:
            self.refit_all()
        elif self.pending:
            self._first, self._end = min(self._first, first), min(self._end, rows)

    def _stale(self, first: int, end: int) -> None:
        large = self.view.model().rowCount() > self.max_rows
        if large != self._large:
            known, self._large = self._large is not None, large
            self.view.setWordWrap(not large)
            if large and not known:
                return  # a new view's rows are one line high already
            first, end = 0, self.view.model().rowCount()  # every row changes its kind of height
        elif large:
            return  # new rows of a large table come in one line high already
        if self.pending:
            first, end = min(first, self._first), max(end, self._end)
        self._first, self._end = max(first, 0), min(end, self.view.model().rowCount())
        if self.pending and self._shown:
            self._step.start()

    def _fit_slice(self) -> None:
        if not self._shown:
            return  # resumed when shown
        header = self.view.verticalHeader()
        deadline = time.perf_counter() + self.slice_seconds
        while self._first < self._end:
            row = self._first
            self._first += 1
            if self._large:
                header.resizeSection(row, header.defaultSectionSize())
            else:
                self.view.resizeRowToContents(row)
            if time.perf_counter() >= deadline:
                break
        if self.pending:
            self.slices += 1
            self._step.start()
