"""The chart worker (``desktop_app.charts.worker``) in the shape of every background work of
the app (``background.BackgroundTask``): ``render`` returns a ``ChartJob`` that answers on the
UI thread with ``finished(chart)``, ``failed(sentence)`` or ``cancelled()``, and can be
``cancel``-led.

The worker is a separate process that draws the charts with matplotlib, so a chart being drawn
never holds up the window; this object only hands requests over and answers back.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.charts.worker import ChartWorker, shared_worker
from desktop_app.i18n import _, language

if TYPE_CHECKING:  # concurrent.futures (and logging) load with the first chart, not before
    from concurrent.futures import Future


class ChartJob(QObject):
    """One chart asked of the worker. Exactly one answer arrives: ``finished`` with a
    ``RenderedChart``, ``failed`` with a sentence saying why it could not be drawn, or
    ``cancelled`` once ``cancel()`` was asked (an answer already under way is dropped)."""

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    _arrived = Signal(object)  # emitted from the worker's thread, queued to the UI thread

    def __init__(self, future: Future[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._future = future
        self._answered = False
        self._arrived.connect(self._deliver)
        future.add_done_callback(self._from_worker)

    @property
    def answered(self) -> bool:
        return self._answered

    def cancel(self) -> None:
        """The chart is no longer wanted (not drawn if the worker has not started it)."""
        if self._answered:
            return
        self._future.cancel()
        self._answer(self.cancelled.emit)

    def _from_worker(self, future: Future[Any]) -> None:
        with contextlib.suppress(RuntimeError):  # the app (and this object) is gone
            self._arrived.emit(future)

    def _deliver(self, future: Future[Any]) -> None:
        if self._answered or future.cancelled():
            return
        error = future.exception()
        if error is not None:
            text = _("This chart could not be drawn ({error}).").format(error=error)
            self._answer(lambda: self.failed.emit(text))
        else:
            self._answer(lambda: self.finished.emit(future.result()))

    def _answer(self, emit: Any) -> None:
        self._answered = True
        emit()
        self.deleteLater()


class ChartRenderer(QObject):
    """Hands chart requests to the worker process; each comes back as a ``ChartJob``."""

    def __init__(self, worker: ChartWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker

    def start(self) -> None:
        self.worker.start()

    def grow(self) -> None:
        """All the workers (one per core, two at most) draw from now on."""
        self.worker.grow()

    def shutdown(self) -> None:
        self.worker.shutdown()

    def render(
        self, case: Any, analysis: Any, key: str, width: int, height: int, ratio: float
    ) -> ChartJob:
        """Ask for chart ``key`` of ``(case, analysis)`` at ``width`` × ``height`` logical
        pixels and ``ratio`` device pixels per logical pixel, in the app's language."""
        request = (key, int(width), int(height), float(ratio), language())
        return ChartJob(self.worker.submit(case, analysis, request), self)


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
