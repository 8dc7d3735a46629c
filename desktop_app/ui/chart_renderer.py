"""The chart worker (``desktop_app.charts.worker``) as Qt signals: a chart asked for with
``render`` arrives on the UI thread as ``finished(ticket, result)``.

The worker is a separate process that draws the charts with matplotlib, so a chart being drawn
never holds up the window; this object only hands requests over and answers back.
"""

from __future__ import annotations

import contextlib
import itertools
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.charts.worker import ChartWorker, shared_worker


class ChartRenderer(QObject):
    """``finished(ticket, result)``: ``result`` is a ``RenderedChart`` or, if the chart could
    not be drawn, a sentence saying why."""

    finished = Signal(int, object)
    _arrived = Signal(int, object)  # emitted from the worker's thread, queued to the UI thread

    def __init__(self, worker: ChartWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self._tickets = itertools.count(1)
        self._pending: dict[int, Future[Any]] = {}
        self._arrived.connect(self._deliver)

    def start(self) -> None:
        self.worker.start()

    def grow(self) -> None:
        """All the workers (one per core, two at most) draw from now on."""
        self.worker.grow()

    def shutdown(self) -> None:
        self._pending.clear()
        self.worker.shutdown()

    def render(
        self, case: Any, analysis: Any, key: str, width: int, height: int, ratio: float
    ) -> int:
        """Ask for chart ``key`` of ``(case, analysis)`` at ``width`` × ``height`` logical
        pixels and ``ratio`` device pixels per logical pixel; returns the ticket of the answer."""
        ticket = next(self._tickets)
        request = (key, int(width), int(height), float(ratio))
        future = self.worker.submit(case, analysis, request)
        self._pending[ticket] = future
        future.add_done_callback(lambda done: self._from_worker(ticket, done))
        return ticket

    def cancel(self, ticket: int) -> None:
        """The answer to ``ticket`` is no longer wanted (not drawn if not started yet)."""
        future = self._pending.pop(ticket, None)
        if future is not None:
            future.cancel()

    def _from_worker(self, ticket: int, future: Future[Any]) -> None:
        with contextlib.suppress(RuntimeError):  # the app is gone
            self._arrived.emit(ticket, future)

    def _deliver(self, ticket: int, future: Future[Any]) -> None:
        if self._pending.pop(ticket, None) is None or future.cancelled():
            return  # cancelled
        error = future.exception()
        if error is not None:
            self.finished.emit(ticket, f"This chart could not be drawn ({error}).")
            return
        self.finished.emit(ticket, future.result())


_shared: ChartRenderer | None = None


def chart_renderer() -> ChartRenderer:
    """The app's one renderer (one worker for every window), stopped when the app quits."""
    global _shared
    if _shared is None:
        app = QApplication.instance()
        _shared = ChartRenderer(shared_worker(), app)
        if app is not None:
            app.aboutToQuit.connect(_shared.shutdown)
    return _shared
