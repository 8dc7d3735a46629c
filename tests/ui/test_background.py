"""The one shape of background work (``ui.background.BackgroundTask``): progress, result,
error and cancel answered on the UI thread, stale answers dropped."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QThread

from desktop_app.ui.workers.background import BackgroundTask, Progress, ShouldCancel

TIMEOUT_MS = 10_000


def test_progress_and_the_result_arrive_on_the_ui_thread(qtbot: Any) -> None:
    task = BackgroundTask()
    seen: list[tuple[str, Any, bool]] = []
    ui_thread = QThread.currentThread()

    def on_progress(f: float) -> None:
        seen.append(("progress", f, QThread.currentThread() is ui_thread))

    def on_finished(r: object) -> None:
        seen.append(("finished", r, QThread.currentThread() is ui_thread))

    task.progress.connect(on_progress)
    task.finished.connect(on_finished)

    def work(progress: Progress, _should_cancel: ShouldCancel) -> object:
        progress(0.5)
        return 42

    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        task.start(work)
    assert seen == [("progress", 0.5, True), ("finished", 42, True)]
    assert not task.busy


def test_a_failure_is_one_line_of_words(qtbot: Any) -> None:
    task = BackgroundTask()

    def work(_progress: Progress, _should_cancel: ShouldCancel) -> object:
        raise ValueError("the disk said no")

    with qtbot.waitSignal(task.failed, timeout=TIMEOUT_MS) as blocker:
        task.start(work)
    assert blocker.args == ["ValueError: the disk said no"]


def test_cancel_stops_the_work_at_its_next_progress(qtbot: Any) -> None:
    task = BackgroundTask()
    running, go_on = threading.Event(), threading.Event()
    finished: list[object] = []
    task.finished.connect(finished.append)

    def work(progress: Progress, should_cancel: ShouldCancel) -> object:
        running.set()
        go_on.wait(TIMEOUT_MS / 1000)
        assert should_cancel()
        progress(0.9)  # raises Cancelled: the task was asked to stop
        return "written"

    with qtbot.waitSignal(task.cancelled, timeout=TIMEOUT_MS):
        task.start(work)
        assert running.wait(TIMEOUT_MS / 1000)
        task.cancel()
        go_on.set()
    assert finished == [] and not task.busy


def test_a_cancel_that_comes_too_late_still_reports_the_result(qtbot: Any) -> None:
    task = BackgroundTask()
    running, go_on = threading.Event(), threading.Event()

    def work(_progress: Progress, _should_cancel: ShouldCancel) -> object:
        running.set()
        go_on.wait(TIMEOUT_MS / 1000)
        return "written"  # finished without looking: the file is there, say so

    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS) as blocker:
        task.start(work)
        assert running.wait(TIMEOUT_MS / 1000)
        task.cancel()
        go_on.set()
    assert blocker.args == ["written"]


def test_new_work_makes_the_running_one_stale(qtbot: Any) -> None:
    task = BackgroundTask()
    first_running, release_first = threading.Event(), threading.Event()
    results: list[object] = []
    task.finished.connect(results.append)

    def first(_progress: Progress, should_cancel: ShouldCancel) -> object:
        first_running.set()
        release_first.wait(TIMEOUT_MS / 1000)
        return "stale" if should_cancel() else "first"

    def second(_progress: Progress, _should_cancel: ShouldCancel) -> object:
        release_first.set()
        return "second"

    task.start(first)
    assert first_running.wait(TIMEOUT_MS / 1000)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        task.start(second)
    qtbot.waitUntil(lambda: not task.busy, timeout=TIMEOUT_MS)
    assert results == ["second"]
