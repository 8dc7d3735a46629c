"""The app's side of the chart worker: a process that owns matplotlib and draws the charts.

Drawing a chart takes 30–150 ms of Python (matplotlib holds the interpreter lock while it lays
text out) and the app shows nine of them. Drawn on the UI thread they would freeze typing after
every analysis; drawn on a thread they would still take the lock from it. So a worker process
(``leverage --chart-worker``, ``serve.py``) draws them and the window only paints the pixels it
gets back. It is started first thing (``start_shared``, before Qt is imported), so matplotlib
loads on the other core while the window is being built.

A plain child process on two pipes, not ``multiprocessing``: no resource-tracker process at
start, no ``multiprocessing`` import before the first paint, and the same command in the
frozen app. Messages are pickled frames (``frames``) between our own two processes.

The case and the analysis are sent once per analysis (a token), then each chart is asked for
at its size. If the worker dies (killed, out of memory), a new one is started and the requests
it held are sent again; if no process can be started, or it keeps dying, a thread of this
process draws instead (slower to appear, same pixels). No Qt here: ``desktop_app.ui`` turns the
answers into signals.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

# Imported when first needed, not here: the app imports this module first thing, before Qt,
# and every millisecond until its first paint counts (logging, pickle, concurrent.futures).


def _warn(message: str, *args: object) -> None:
    import logging

    logging.getLogger(__name__).warning(message, *args)


#: ``LEVERAGE_CHART_WORKER=thread`` draws the charts on a thread of the app (no process).
WORKER_ENV = "LEVERAGE_CHART_WORKER"
#: The command-line switch that makes the program a chart worker.
WORKER_SWITCH = "--chart-worker"
#: Workers started after crashes before the charts are drawn by a thread instead.
MAX_RESTARTS = 2
#: Inputs the worker process keeps besides those of requests still queued (``serve``): a
#: newer analysis does not void older requests of views that were not asked again. The app
#: asks for charts of any of the latest ``KEEP_INPUTS`` without sending them again.
KEEP_INPUTS = 4

Request = tuple[str, int, int, float]  # chart key, width, height (logical pixels), pixel ratio


def worker_command() -> list[str]:
    """This program as a chart worker (the frozen app is its own interpreter)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_SWITCH]
    return [sys.executable, "-m", "desktop_app", WORKER_SWITCH]


class _Process:
    """One worker process and the requests it holds. Requests are written by one thread and
    answers read by another, so the caller never waits on the pipe: the worker's reader runs
    only when matplotlib lets go of its interpreter lock, and a case of a few hundred KB
    written from the UI thread would block it until the chart being drawn is done."""

    def __init__(self, on_answer: Callable[[int, Any], None], on_exit: Callable[[], None]):
        # CREATE_NO_WINDOW | BELOW_NORMAL_PRIORITY_CLASS (elsewhere the worker lowers itself).
        flags = 0x08000000 | 0x00004000 if sys.platform == "win32" else 0
        self.popen = subprocess.Popen(
            worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            creationflags=flags,
        )
        assert self.popen.stdin is not None and self.popen.stdout is not None
        self._out: IO[bytes] = self.popen.stdin
        self._in: IO[bytes] = self.popen.stdout
        self._outbox: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._on_answer = on_answer
        self._on_exit = on_exit
        self.alive = True
        threading.Thread(target=self._write, name="leverage-chart-requests", daemon=True).start()
        threading.Thread(target=self._read, name="leverage-chart-answers", daemon=True).start()

    def send(self, message: tuple[Any, ...]) -> None:
        """Queue ``message`` for the worker (written in order; dropped if the worker is gone,
        whose requests are then sent again to the next one)."""
        self._outbox.put(message)

    def _write(self) -> None:
        from desktop_app.charts.frames import write_frame

        with contextlib.suppress(OSError, ValueError):  # a broken or closed pipe: it is gone
            while (message := self._outbox.get()) is not None:
                write_frame(self._out, message)
        with contextlib.suppress(OSError):
            self._out.close()  # the worker leaves when its input ends

    def _read(self) -> None:
        from desktop_app.charts.frames import read_frame

        try:
            while True:
                ticket, answer = read_frame(self._in)
                self._on_answer(ticket, answer)
        except (EOFError, OSError, ValueError):
            pass
        self.alive = False
        self._on_exit()

    def stop(self) -> None:
        """Close the worker's input once what is queued is written; it then leaves."""
        self.alive = False
        self._outbox.put(None)


class ChartWorker:
    """Sends chart requests to the worker; ``submit`` returns a future of a ``RenderedChart``
    (restarts are hidden: a request a dead worker held is answered by the next one)."""

    def __init__(self, *, use_process: bool | None = None) -> None:
        if use_process is None:
            use_process = os.environ.get(WORKER_ENV, "process") != "thread"
        self.use_process = use_process
        self.restarts = 0
        self._process: _Process | None = None
        self._thread: Any = None  # a ThreadPoolExecutor when drawing in this process
        self._lock = threading.RLock()
        self._tickets = itertools.count(1)
        self._tokens = itertools.count(1)
        # The latest inputs sent to the worker process, which keeps as many (KEEP_INPUTS):
        # the charts of the case alone and those of the analysis alternate between two.
        self._sent: deque[tuple[int, tuple[Any, Any]]] = deque(maxlen=KEEP_INPUTS)
        self._waiting: dict[int, tuple[Future[Any], tuple[Any, Any], Request]] = {}

    @property
    def in_process(self) -> bool:
        """The charts are drawn by a thread of this process."""
        return self._thread is not None

    @property
    def started(self) -> bool:
        return self._process is not None or self._thread is not None

    def start(self) -> None:
        """Start the worker now (it loads matplotlib while the app does other work)."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self.started:
            return
        if self.use_process:
            try:
                self._process = _Process(self._answer, self._exited)
                return
            except OSError as error:
                _warn("no chart worker process (%s): charts are drawn in the app", error)
                self.use_process = False
        from concurrent.futures import ThreadPoolExecutor

        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="leverage-charts")

    def shutdown(self) -> None:
        """Stop the worker; requests not answered yet are cancelled."""
        with self._lock:
            process, self._process = self._process, None
            thread, self._thread = self._thread, None
            waiting, self._waiting = self._waiting, {}
            self._sent.clear()
        for future, _inputs, _request in waiting.values():
            future.cancel()
        if process is not None:
            process.stop()
        if thread is not None:
            thread.shutdown(wait=False, cancel_futures=True)

    def submit(self, case: Any, analysis: Any, request: Request) -> Future[Any]:
        """Draw ``request`` for ``(case, analysis)``: a future of the ``RenderedChart`` (its
        callbacks run on another thread). Cancelling it tells the worker not to draw it."""
        from concurrent.futures import Future

        future: Future[Any] = Future()
        with self._lock:
            self._start()
            ticket = next(self._tickets)
            self._waiting[ticket] = (future, (case, analysis), request)
            self._send(ticket, (case, analysis), request)
        future.add_done_callback(lambda done: self._cancelled(ticket, done))
        return future

    def _send(self, ticket: int, inputs: tuple[Any, Any], request: Request) -> None:
        if self._thread is not None:
            from desktop_app.charts import render

            job = self._thread.submit(render.prepare_and_render, *inputs, *request)
            job.add_done_callback(lambda done: self._answer(ticket, _outcome(done)))
            return
        assert self._process is not None
        token = next(
            (t for t, sent in self._sent if sent[0] is inputs[0] and sent[1] is inputs[1]), None
        )
        if token is None:
            token = next(self._tokens)
            self._sent.append((token, inputs))
            self._process.send(("inputs", token, *inputs))
        self._process.send(("render", ticket, token, *request))

    def _cancelled(self, ticket: int, future: Future[Any]) -> None:
        if not future.cancelled():
            return
        with self._lock:
            self._waiting.pop(ticket, None)
            if self._process is not None:
                self._process.send(("cancel", ticket))

    def _answer(self, ticket: int, answer: Any) -> None:
        with self._lock:
            waiting = self._waiting.pop(ticket, None)
        if waiting is None or waiting[0].cancelled():
            return
        future = waiting[0]
        if isinstance(answer, BaseException):
            future.set_exception(answer)
        else:
            future.set_result(answer)

    def _exited(self) -> None:
        """The worker process ended: if it held requests, start another and send them again."""
        with self._lock:
            if self._process is None or self._process.alive:
                return  # shut down on purpose, or already replaced
            self._process = None
            self._sent.clear()
            if not self._waiting:
                return
            self.restarts += 1
            _warn("the chart worker stopped; starting a new one (%d)", self.restarts)
            if self.restarts > MAX_RESTARTS:
                self.use_process = False
            self._start()
            for ticket, (_future, inputs, request) in sorted(self._waiting.items()):
                self._send(ticket, inputs, request)


def _outcome(job: Future[Any]) -> Any:
    error = job.exception()
    return error if error is not None else job.result()


_shared: ChartWorker | None = None


def shared_worker() -> ChartWorker:
    """The app's one chart worker (for every window)."""
    global _shared
    if _shared is None:
        _shared = ChartWorker()
    return _shared


def start_shared() -> ChartWorker:
    """Start the app's chart worker now (the GUI does it first thing)."""
    worker = shared_worker()
    worker.start()
    return worker
