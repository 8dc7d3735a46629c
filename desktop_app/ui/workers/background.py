"""Work off the UI thread, in one shape for the analysis and the exports.

A piece of work is a function ``work(progress, should_cancel) -> result``: it reports
fractions 0–1 through ``progress`` and stops early (by raising ``Cancelled``, or an exception
the caller names as meaning "cancelled") once ``should_cancel()`` is True. ``BackgroundTask``
runs it on the global thread pool and answers on the UI thread with ``progress(float)``,
``finished(result)``, ``failed(sentence)`` or ``cancelled()``.

``cancel()`` asks the running work to stop: it answers ``cancelled`` if it stopped, or its
result if it had already finished (a PDF that was written is reported written). Starting new
work, or ``discard()``, makes the running one stale instead: it is asked to stop and whatever
it still reports is dropped, so the screen never shows an answer to a question no longer
asked. A failure is one line in words (the exception's own), never a traceback.

The chart worker process (``charts.worker``) has the same shape behind ``ChartRenderer``:
a request in, an answer or a sentence back on the UI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[float], None]
ShouldCancel = Callable[[], bool]
Work = Callable[[Progress, ShouldCancel], object]


class Cancelled(Exception):
    """Raised by a piece of work (or its ``progress``) to stop when asked."""


class _Answers(QObject):
    """Carries a run's answers, tagged with its generation, to the UI thread."""

    progress = Signal(int, float)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


class _Run(QRunnable):
    def __init__(
        self,
        generation: int,
        work: Work,
        task: BackgroundTask,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.work = work
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        answers, generation, task = self.task.answers, self.generation, self.task

        def should_cancel() -> bool:
            return task.should_stop(generation)

        def progress(fraction: float) -> None:
            if should_cancel():
                raise Cancelled
            answers.progress.emit(generation, fraction)

        try:
            result = self.work(progress, should_cancel)
        except Exception as error:  # a bug in the work must not take the app down
            if isinstance(error, (Cancelled, *task.cancelled_by)):
                answers.cancelled.emit(generation)
                return
            answers.failed.emit(generation, task.describe(error))
            return
        answers.finished.emit(generation, result)


def one_line(error: BaseException) -> str:
    """The exception in one line of words (its type and message), never a traceback."""
    return "".join(traceback.format_exception_only(type(error), error)).strip()


class BackgroundTask(QObject):
    """One kind of background work: at most one current run; ``start`` supersedes it."""

    started = Signal()
    progress = Signal(float)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        cancelled_by: tuple[type[BaseException], ...] = (),
        describe: Callable[[BaseException], str] = one_line,
    ) -> None:
        super().__init__(parent)
        self.cancelled_by = cancelled_by
        self.describe = describe
        self.pool = QThreadPool.globalInstance()
        self.answers = _Answers()
        self.answers.progress.connect(self._on_progress)
        self.answers.finished.connect(self._on_finished)
        self.answers.failed.connect(self._on_failed)
        self.answers.cancelled.connect(self._on_cancelled)
        self._lock = threading.Lock()
        self._generation = 0
        self._stop_asked = 0  # the newest generation asked to stop
        self._running = 0

    @property
    def busy(self) -> bool:
        """Some run has not answered yet (the current one or a stale one stopping)."""
        return self._running > 0

    def is_current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation

    def should_stop(self, generation: int) -> bool:
        with self._lock:
            return generation != self._generation or generation == self._stop_asked

    def start(self, work: Work) -> None:
        """Run ``work``; a run still going becomes stale (asked to stop, answers dropped)."""
        with self._lock:
            self._generation += 1
            generation = self._generation
        self._running += 1
        self.started.emit()
        self.pool.start(_Run(generation, work, self))

    def cancel(self) -> None:
        """Ask the running work to stop; it answers ``cancelled``, or its result if it was
        already done."""
        with self._lock:
            self._stop_asked = self._generation

    def discard(self) -> None:
        """Ask the running work to stop and drop whatever it still answers."""
        with self._lock:
            self._generation += 1

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (closing a document)."""
        return self.pool.waitForDone(msecs)

    def _on_progress(self, generation: int, fraction: float) -> None:
        if self.is_current(generation):
            self.progress.emit(fraction)

    def _on_finished(self, generation: int, result: object) -> None:
        self._running -= 1
        if self.is_current(generation):
            self.finished.emit(result)

    def _on_failed(self, generation: int, detail: str) -> None:
        self._running -= 1
        if self.is_current(generation):
            self.failed.emit(detail)

    def _on_cancelled(self, generation: int) -> None:
        self._running -= 1
        if self.is_current(generation):
            self.cancelled.emit()
