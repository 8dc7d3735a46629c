"""Live analysis: debounced, on a worker thread, stale runs cancelled.

``request(case)`` restarts a short timer; when it fires the latest case is analysed by a
``QRunnable`` on the global thread pool. A newer request cancels the running one (its
``should_cancel`` sees a newer generation) and only the newest result is delivered, so the
screen never shows figures of a case that is no longer the one on screen.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop_app.domain.model import Case

DEBOUNCE_MS = 120


class _WorkerSignals(QObject):
    progress = Signal(int, float)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


class _AnalysisJob(QRunnable):
    def __init__(
        self,
        generation: int,
        case: Case,
        is_current: Callable[[int], bool],
        signals: _WorkerSignals,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.case = case
        self.is_current = is_current
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        from desktop_app.analysis import Cancelled, analyze_case

        try:
            result = analyze_case(
                self.case,
                progress=lambda f: self.signals.progress.emit(self.generation, f),
                should_cancel=lambda: not self.is_current(self.generation),
            )
        except Cancelled:
            self.signals.cancelled.emit(self.generation)
            return
        except Exception as error:  # a bug in the analysis must not take the app down
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            self.signals.failed.emit(self.generation, detail)
            return
        self.signals.finished.emit(self.generation, result)


class AnalysisRunner(QObject):
    """Runs the analysis of the newest case off the UI thread."""

    started = Signal()
    progress = Signal(float)
    finished = Signal(object)  # CaseAnalysis
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None, *, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)
        self._pending: Case | None = None
        self._generation = 0
        self._lock = threading.Lock()
        self._running = 0
        self._signals = _WorkerSignals()
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self.pool = QThreadPool.globalInstance()

    @property
    def busy(self) -> bool:
        return self._running > 0 or self._timer.isActive()

    def request(self, case: Case, *, immediately: bool = False) -> None:
        """Analyse ``case`` soon; any run of an older case is cancelled."""
        self._pending = case
        with self._lock:
            self._generation += 1  # the running job, if any, is stale from now on
        if immediately:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._pending = None
        with self._lock:
            self._generation += 1

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until no job runs (used when closing)."""
        return self.pool.waitForDone(msecs)

    def _is_current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation

    def _start(self) -> None:
        case, self._pending = self._pending, None
        if case is None:
            return
        with self._lock:
            generation = self._generation
        self._running += 1
        self.started.emit()
        self.pool.start(_AnalysisJob(generation, case, self._is_current, self._signals))

    def _on_progress(self, generation: int, fraction: float) -> None:
        if self._is_current(generation):
            self.progress.emit(fraction)

    def _on_finished(self, generation: int, result: object) -> None:
        self._running -= 1
        if self._is_current(generation):
            self.finished.emit(result)

    def _on_failed(self, generation: int, detail: str) -> None:
        self._running -= 1
        if self._is_current(generation):
            self.failed.emit(detail)

    def _on_cancelled(self, generation: int) -> None:
        self._running -= 1
        self.cancelled.emit()
