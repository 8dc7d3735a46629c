"""The app's side of the chart workers: processes that own matplotlib and draw the charts.

Drawing a chart takes 30–150 ms of Python (matplotlib holds the interpreter lock while it lays
text out) and the app shows nine of them. Drawn on the UI thread they would freeze typing after
every analysis; drawn on a thread they would still take the lock from it. So worker processes
(``leverage --chart-worker``, ``serve.py``) draw them and the window only paints the pixels it
gets back. The first is started first thing (``start_shared``, before Qt is imported), so
matplotlib loads on the other core while the window is being built; a second one joins after
the first paint (``grow``; one per core, two at most), and the nine charts are drawn two at a
time. Each worker is given one request at a time, the oldest first; the others wait here, so
a request no longer wanted (a newer analysis, a new size) is simply never sent.

On Linux the other workers are not started but forked by the first once it has loaded
matplotlib (``twins``): loading matplotlib takes ~0.5 s of a core, and on a laptop of two
cores a second load competes with the first and with the window being built. The app makes
each twin's two pipes and hands their ends to the first worker; a twin answers on them as if
the app had started it, and is ready when the first is.

Plain child processes on two pipes, not ``multiprocessing``: no resource-tracker process at
start, no ``multiprocessing`` import before the first paint, and the same command in the
frozen app. Messages are pickled frames (``frames``) between our own processes; the case and
the analysis go to each worker once (a token), then each chart is asked for at its size.

If a worker dies (killed, out of memory), another is started and the request it held goes to
the next free one; if no process can be started, or they keep dying, a thread of this process
draws instead (slower to appear, same pixels). No Qt here: ``desktop_app.ui`` turns the answers
into signals.
"""

from __future__ import annotations

import _thread
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

from desktop_app.charts.frames import pickled, read_frame, write_data, write_frame

if TYPE_CHECKING:
    from concurrent.futures import Future

# Imported when first needed, not here: the app imports this module first thing, before Qt,
# and every millisecond until its first paint counts (logging, pickle, concurrent.futures).
# The frames are imported here, not by the threads that read and write them: a thread that
# imports as it starts holds the interpreter lock the app's main thread is waiting for (up to
# the 5 ms switch interval for each).


def _warn(message: str, *args: object) -> None:
    import logging

    logging.getLogger(__name__).warning(message, *args)


#: ``LEVERAGE_CHART_WORKER=thread`` draws the charts on a thread of the app (no process).
WORKER_ENV = "LEVERAGE_CHART_WORKER"
#: The command-line switch that makes the program a chart worker.
WORKER_SWITCH = "--chart-worker"
#: Workers started after crashes before the charts are drawn by a thread instead.
MAX_RESTARTS = 2
#: ``LEVERAGE_CHART_WORKERS=N`` draws with N processes at once.
WORKERS_ENV = "LEVERAGE_CHART_WORKERS"
#: Processes drawing at once at most (each holds its own matplotlib, ~80 MB).
MAX_WORKERS = 2
#: The ticket of the message a worker sends when it is ready to draw.
READY = 0
#: Inputs the worker process keeps besides those of requests still queued (``serve``): a
#: newer analysis does not void older requests of views that were not asked again. The app
#: asks for charts of any of the latest ``KEEP_INPUTS`` without sending them again.
KEEP_INPUTS = 4

#: The first worker forks the others once matplotlib is loaded (``os.fork``): Linux only, as
#: macOS does not allow forking a process that may have loaded its system frameworks, and
#: Windows has no fork (there every worker is started, the others after the first paint).
FORK_TWINS = sys.platform.startswith("linux")

#: Chart key, width, height (logical pixels), pixel ratio and, optionally, the language to draw
#: in (the app's, at the time of asking; English when left out).
Request = tuple[str, int, int, float] | tuple[str, int, int, float, str]


def worker_command() -> list[str]:
    """This program as a chart worker (the frozen app is its own interpreter)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_SWITCH]
    return [sys.executable, "-m", "desktop_app", WORKER_SWITCH]


def worker_environment() -> dict[str, str]:
    """The app's environment, with numpy's linear algebra on one thread: the charts need none
    of its threads, and a worker forks its twins with no thread but its own."""
    return {**os.environ, "OPENBLAS_NUM_THREADS": "1"}


def twin_arguments(pipes: list[tuple[int, int]]) -> list[str]:
    """The worker's arguments naming its twins' pipes: ``READ:WRITE`` descriptors each (the
    requests it reads, the answers it writes)."""
    return [f"{reads}:{writes}" for reads, writes in pipes]


def read_twin_arguments(arguments: list[str]) -> list[tuple[int, int]]:
    """The pipes of ``twin_arguments``; ``ValueError`` for anything else."""
    pipes = []
    for argument in arguments:
        reads, writes = argument.split(":")
        pipes.append((int(reads), int(writes)))
    return pipes


class _Shared:
    """A message for every worker, pickled once, by the first writer that needs it: the case
    and the analysis of a large case take ~15 ms to pickle, holding the interpreter lock (the
    window waits), and each worker is sent them."""

    def __init__(self, message: tuple[Any, ...]) -> None:
        self.message = message
        self._data: bytes | None = None
        self._lock = threading.Lock()

    def data(self) -> bytes:
        with self._lock:
            if self._data is None:
                self._data = pickled(self.message)
            return self._data


_threads = 0  # the pipes' threads running (``threads_running``)
_threads_lock = threading.Lock()


def _start_thread(run: Callable[[], None]) -> None:
    """Run ``run`` on a thread of its own, started without waiting for it to be scheduled."""
    global _threads

    def counted() -> None:
        global _threads
        try:
            run()
        finally:
            with _threads_lock:
                _threads -= 1

    with _threads_lock:
        _threads += 1
    _thread.start_new_thread(counted, ())


def threads_running() -> int:
    """The workers' pipe threads running in this process: ``threading`` does not see them
    (``reports.render.can_fork`` does not fork a process with other threads)."""
    return _threads


class _Process:
    """One worker process. Requests are written by one thread and answers read by another, so
    the caller never waits on the pipe: the worker's reader runs only when matplotlib lets go of
    its interpreter lock, and a case of a few hundred KB written from the UI thread would block
    it until the chart being drawn is done. It is given one request at a time (``ticket``)."""

    def __init__(
        self,
        on_answer: Callable[[_Process, int, Any], None],
        on_exit: Callable[[_Process], None],
        *,
        twins: list[tuple[int, int]] | None = None,
        pipes: tuple[IO[bytes], IO[bytes]] | None = None,
    ):
        """Start a worker process (which forks ``twins``, the worker's ends of their pipes),
        or, given ``pipes`` (to it, from it), stand for a twin the first worker forks."""
        #: The process started (None for a twin: the first worker is its parent).
        self.popen: subprocess.Popen[bytes] | None = None
        #: The process's id (a twin's arrives with its ready message).
        self.pid: int | None = None
        if pipes is None:
            # CREATE_NO_WINDOW | BELOW_NORMAL_PRIORITY_CLASS (elsewhere it lowers itself).
            flags = 0x08000000 | 0x00004000 if sys.platform == "win32" else 0
            fds = [fd for pipe in twins or [] for fd in pipe]
            self.popen = subprocess.Popen(
                worker_command() + twin_arguments(twins or []),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                creationflags=flags,
                pass_fds=fds,
                env=worker_environment(),
            )
            assert self.popen.stdin is not None and self.popen.stdout is not None
            self.pid = self.popen.pid
            pipes = (self.popen.stdin, self.popen.stdout)
        self._out: IO[bytes] = pipes[0]
        self._in: IO[bytes] = pipes[1]
        self._outbox: queue.SimpleQueue[tuple[Any, ...] | _Shared | None] = queue.SimpleQueue()
        self._on_answer = on_answer
        self._on_exit = on_exit
        self.alive = True
        self.ready = False  # matplotlib loaded: it said so
        self.ticket: int | None = None  # the request it is drawing
        self.drawn = 0  # requests answered
        # The latest inputs sent to it, which it keeps as many of (KEEP_INPUTS): the charts of
        # the case alone and those of the analysis alternate between two.
        self.sent: deque[tuple[int, tuple[Any, Any]]] = deque(maxlen=KEEP_INPUTS)
        # Started without waiting for them to run (``threading.Thread.start`` waits, and with
        # the new worker busy on the other core a thread can wait a scheduler tick, 4 ms, for
        # a core: twice per worker, before the window's first paint). Like daemon threads,
        # nothing waits for them at exit.
        _start_thread(self._write)
        _start_thread(self._read)

    def send(self, message: tuple[Any, ...] | _Shared) -> None:
        """Queue ``message`` for the worker (written in order; dropped if the worker is gone,
        whose request is then given to another)."""
        self._outbox.put(message)

    def _write(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # a broken or closed pipe: it is gone
            while (message := self._outbox.get()) is not None:
                if isinstance(message, _Shared):
                    write_data(self._out, message.data())
                else:
                    write_frame(self._out, message)
        with contextlib.suppress(OSError):
            self._out.close()  # the worker leaves when its input ends

    def _read(self) -> None:
        try:
            while True:
                ticket, answer = read_frame(self._in)
                self._on_answer(self, ticket, answer)
        except (EOFError, OSError, ValueError):
            pass
        self.alive = False
        self._on_exit(self)

    def stop(self) -> None:
        """Close the worker's input once what is queued is written; it then leaves."""
        self.alive = False
        self._outbox.put(None)


def pool_size() -> int:
    """How many worker processes draw at once (``LEVERAGE_CHART_WORKERS``; one per core up to
    ``MAX_WORKERS``)."""
    with contextlib.suppress(ValueError):
        return max(1, int(os.environ.get(WORKERS_ENV, "")))
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


class ChartWorker:
    """Hands chart requests to the worker processes, one at a time each, in the order they
    were asked for; ``submit`` returns a future of a ``RenderedChart``. Restarts are hidden:
    the request a dead worker held goes to the next free one."""

    def __init__(self, *, use_process: bool | None = None, size: int | None = None) -> None:
        if use_process is None:
            use_process = os.environ.get(WORKER_ENV, "process") != "thread"
        self.use_process = use_process
        self.size = pool_size() if size is None else size
        self.restarts = 0
        self.forks_twins = FORK_TWINS
        self.processes: list[_Process] = []
        self._thread: Any = None  # a ThreadPoolExecutor when drawing in this process
        self._lock = threading.RLock()
        self._ready = threading.Condition(self._lock)
        self._tickets = itertools.count(1)
        self._tokens = itertools.count(1)
        # The latest inputs with their token and message (pickled once for every worker).
        self._inputs: deque[tuple[int, tuple[Any, Any], _Shared]] = deque(maxlen=2 * KEEP_INPUTS)
        self._waiting: dict[int, tuple[Future[Any], tuple[Any, Any], Request]] = {}
        self._queue: deque[int] = deque()  # tickets not given to a worker yet, oldest first

    @property
    def in_process(self) -> bool:
        """The charts are drawn by a thread of this process."""
        return self._thread is not None

    @property
    def started(self) -> bool:
        return bool(self.processes) or self._thread is not None

    def start(self) -> None:
        """Start the first worker now (it loads matplotlib while the app does other work)."""
        with self._lock:
            self._start(1)

    def grow(self) -> None:
        """Start the other workers (after the window's first paint: not to slow it down)."""
        with self._lock:
            self._start(self.size)

    def wait_ready(self, timeout: float) -> bool:
        """Wait until every worker process has loaded matplotlib (tests, benchmarks)."""
        with self._ready:
            return self._ready.wait_for(
                lambda: all(p.ready or not p.alive for p in self.processes), timeout
            )

    def _start(self, count: int) -> None:
        if self._thread is not None:
            return
        while self.use_process and len(self.processes) < count:
            try:
                if not self.processes and self.forks_twins and self.restarts == 0:
                    self._start_with_twins(self.size - 1)
                else:
                    self.processes.append(_Process(self._answer, self._exited))
            except OSError as error:
                _warn("no chart worker process (%s): charts are drawn in the app", error)
                self.use_process = False
        if not self.processes and not self.use_process:
            from concurrent.futures import ThreadPoolExecutor

            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="leverage-charts")
            while self._queue:  # what the processes did not draw
                self._give_thread(self._queue.popleft())

    def _start_with_twins(self, twins: int) -> None:
        """Start the first worker and stand for the ``twins`` it forks once ready (the pool's
        first start: a twin that dies is replaced by a worker started like any other)."""
        theirs: list[tuple[int, int]] = []  # the first worker's ends (requests in, answers out)
        ours: list[tuple[IO[bytes], IO[bytes]]] = []
        try:
            for _ in range(twins):
                requests_in, requests_out = os.pipe()
                answers_in, answers_out = os.pipe()
                theirs.append((requests_in, answers_out))
                ours.append((open(requests_out, "wb"), open(answers_in, "rb")))  # noqa: SIM115
            self.processes.append(_Process(self._answer, self._exited, twins=theirs))
        except OSError:
            for pipe in ours:
                for stream in pipe:
                    stream.close()
            raise
        finally:
            for pipe_ends in theirs:  # the first worker holds them now (or nobody does)
                for fd in pipe_ends:
                    os.close(fd)
        for pipes in ours:
            self.processes.append(_Process(self._answer, self._exited, pipes=pipes))

    def shutdown(self) -> None:
        """Stop the workers; requests not answered yet are cancelled."""
        with self._lock:
            processes, self.processes = self.processes, []
            thread, self._thread = self._thread, None
            waiting, self._waiting = self._waiting, {}
            self._queue.clear()
        for future, _inputs, _request in waiting.values():
            future.cancel()
        for process in processes:
            process.stop()
        if thread is not None:
            thread.shutdown(wait=False, cancel_futures=True)

    def submit(self, case: Any, analysis: Any, request: Request) -> Future[Any]:
        """Draw ``request`` for ``(case, analysis)``: a future of the ``RenderedChart`` (its
        callbacks run on another thread). Cancelling it means it is not drawn if not begun."""
        from concurrent.futures import Future

        future: Future[Any] = Future()
        with self._lock:
            self._start(1)
            ticket = next(self._tickets)
            self._waiting[ticket] = (future, (case, analysis), request)
            if self._thread is not None:
                self._give_thread(ticket)
            else:
                self._queue.append(ticket)
                self._dispatch()
        future.add_done_callback(lambda done: self._cancelled(ticket, done))
        return future

    def _give_thread(self, ticket: int) -> None:
        from desktop_app.charts import render

        _future, inputs, request = self._waiting[ticket]
        job = self._thread.submit(render.prepare_and_render, *inputs, *request)
        job.add_done_callback(lambda done: self._answer(None, ticket, _outcome(done)))

    def _dispatch(self) -> None:
        """Give the oldest waiting requests to the workers that are ready and free."""
        for process in self.processes:
            if not (process.alive and process.ready and process.ticket is None):
                continue
            while self._queue and self._queue[0] not in self._waiting:
                self._queue.popleft()  # cancelled
            if not self._queue:
                return
            ticket = self._queue.popleft()
            _future, inputs, request = self._waiting[ticket]
            token = next(
                (t for t, sent in process.sent if sent[0] is inputs[0] and sent[1] is inputs[1]),
                None,
            )
            if token is None:
                token, message = self._inputs_message(inputs)
                process.sent.append((token, inputs))
                process.send(message)
            process.ticket = ticket
            process.send(("render", ticket, token, *request))

    def _inputs_message(self, inputs: tuple[Any, Any]) -> tuple[int, _Shared]:
        """The token and the message of ``inputs``: the same for every worker."""
        for token, sent, message in self._inputs:
            if sent[0] is inputs[0] and sent[1] is inputs[1]:
                return token, message
        token = next(self._tokens)
        message = _Shared(("inputs", token, *inputs))
        self._inputs.append((token, inputs, message))
        return token, message

    def _cancelled(self, ticket: int, future: Future[Any]) -> None:
        if not future.cancelled():
            return
        with self._lock:
            # Not sent if still waiting its turn; if a worker has it, its answer is dropped.
            self._waiting.pop(ticket, None)

    def _answer(self, process: _Process | None, ticket: int, answer: Any) -> None:
        with self._lock:
            if process is not None:
                if ticket == READY:
                    process.ready = True
                    process.pid = answer or process.pid
                    self._ready.notify_all()
                    self._dispatch()
                    return
                if process.ticket == ticket:
                    process.ticket = None
                process.drawn += 1
            waiting = self._waiting.pop(ticket, None)
            self._dispatch()
        if waiting is None or waiting[0].cancelled():
            return
        future = waiting[0]
        if isinstance(answer, BaseException):
            future.set_exception(answer)
        else:
            future.set_result(answer)

    def _exited(self, process: _Process) -> None:
        """A worker process ended: the request it held goes first to the next free one, and
        another is started in its place (after ``MAX_RESTARTS`` a thread draws instead)."""
        with self._lock:
            if process not in self.processes:
                return  # shut down on purpose
            self.processes.remove(process)
            if process.ticket in self._waiting:
                self._queue.appendleft(process.ticket)
            if not self._waiting:
                return  # started again when next asked
            self.restarts += 1
            _warn("a chart worker stopped; starting a new one (%d)", self.restarts)
            if self.restarts > MAX_RESTARTS:
                self.use_process = False
            self._start(max(1, len(self.processes) + 1) if self.use_process else 0)
            self._dispatch()


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
