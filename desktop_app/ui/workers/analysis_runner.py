"""Live analysis: debounced, off the UI thread, stale runs cancelled.

``request(case)`` restarts a short timer; when it fires the latest case is analysed as a
``BackgroundTask``. A newer request makes the running analysis stale (its ``should_cancel``
turns True and whatever it still reports is dropped), so the screen never shows figures of a
case that is no longer the one on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.domain.model import Case
from desktop_app.ui.workers.background import (
    BackgroundTask,
    Cancelled,
    Progress,
    ShouldCancel,
    Work,
)

DEBOUNCE_MS = 120


def _analysis_of(case: Case) -> Work:
    """The analysis of ``case`` as background work (its own cancel becomes ours)."""

    def work(progress: Progress, should_cancel: ShouldCancel) -> object:
        from desktop_app.analysis import Cancelled as AnalysisCancelled
        from desktop_app.analysis import analyze_case

        try:
            return analyze_case(case, progress=progress, should_cancel=should_cancel)
        except AnalysisCancelled as stopped:
            raise Cancelled from stopped

    return work


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
        self.task = BackgroundTask(self)
        self.task.started.connect(self.started)
        self.task.progress.connect(self.progress)
        self.task.finished.connect(self.finished)
        self.task.failed.connect(self.failed)
        self.task.cancelled.connect(self.cancelled)

    @property
    def busy(self) -> bool:
        return self.task.busy or self._timer.isActive()

    def request(self, case: Case, *, immediately: bool = False) -> None:
        """Analyse ``case`` soon; any run of an older case is cancelled."""
        self._pending = case
        self.task.discard()  # the running analysis, if any, is stale from now on
        if immediately:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._pending = None
        self.task.discard()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until no analysis runs (used when closing)."""
        return self.task.wait(msecs)

    def _start(self) -> None:
        case, self._pending = self._pending, None
        if case is not None:
            self.task.start(_analysis_of(case))
