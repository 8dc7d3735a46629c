"""The chart worker's main loop (``leverage --chart-worker``): read requests from standard
input, draw them (``render``), write the answers to standard output, leave when the input ends.

Messages (``frames``): ``("inputs", token, case, analysis)``, ``("render", ticket, token, key,
width, height, ratio[, language])``; answers are ``(ticket, RenderedChart)`` or
``(ticket, exception)``, and ``(READY, process id)`` first, once matplotlib is loaded. The app gives
each worker one request at a time (and keeps the others, so a request it no longer wants is
simply never sent); a reader thread takes messages in as they come, and only the latest few
inputs (and those of queued requests) are kept.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections import deque
from typing import Any

from desktop_app.charts.frames import read_frame, write_frame
from desktop_app.charts.worker import KEEP_INPUTS, READY


class _Inbox:
    def __init__(self) -> None:
        self.requests: deque[tuple[Any, ...]] = deque()
        self.inputs: dict[int, tuple[Any, Any]] = {}
        self.closed = False
        self.ready = threading.Condition()

    def take(self, stream: Any) -> None:
        try:
            while True:
                message = read_frame(stream)
                with self.ready:
                    if message[0] == "inputs":
                        self.inputs[message[1]] = (message[2], message[3])
                        self._forget_old_inputs()
                    else:
                        self.requests.append(message)
                    self.ready.notify()
        except (EOFError, OSError, ValueError):
            pass
        with self.ready:
            self.closed = True
            self.ready.notify()

    def _forget_old_inputs(self) -> None:
        """Keep the latest ``KEEP_INPUTS`` inputs (the app sends requests for them without
        sending them again), and any a queued request still needs."""
        needed = {request[2] for request in self.requests}
        for token in list(self.inputs)[:-KEEP_INPUTS]:
            if token not in needed:
                del self.inputs[token]

    def next(self) -> tuple[tuple[Any, ...], tuple[Any, Any] | None] | None:
        with self.ready:
            while True:
                if self.requests:
                    request = self.requests.popleft()
                    return request, self.inputs.get(request[2])
                if self.closed:
                    return None
                self.ready.wait()


#: How much lower than the app the worker runs (POSIX niceness; on Windows the app starts it
#: "below normal"). The window comes first: started together, the worker's matplotlib import
#: slowed the app's first paint by a quarter (322 -> 248 ms median with it lowered, while
#: everything drawn moved 1382 -> 1417 ms), and typing must not wait for a chart. The lowest
#: (19): with two workers on a laptop of two cores, at 10 the event loop's longest stall while
#: the stress case was analysed reached 80-125 ms (worst of a run); at 19 it stays at 48 ms
#: (three runs), and everything drawn moved 1.237 -> 1.252 s (same run, 9 each).
NICENESS = 19


def _yield_to_the_app() -> None:
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(NICENESS)


def _fork_twins(twins: list[tuple[int, int]]) -> None:
    """Fork a worker for each of ``twins`` (the pipes the app made for it: requests in, answers
    out), all with matplotlib loaded already. Returns in each: the twin serves its own pipes as
    its standard input and output. A twin that cannot be forked is missed by the app (its pipes
    close) and started again as a worker of its own."""
    if not twins:
        return
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # a twin that leaves is reaped by the system
    for requests, answers in twins:
        try:
            pid = os.fork()
        except OSError:
            continue
        if pid == 0:
            os.dup2(requests, 0)
            os.dup2(answers, 1)
            for pipe in twins:
                for fd in pipe:
                    os.close(fd)
            return
    for pipe in twins:
        for fd in pipe:
            os.close(fd)


def serve(twins: list[tuple[int, int]] | None = None) -> int:
    """Run the worker until the app closes its input (or dies); once matplotlib is loaded, fork
    a worker for each of ``twins`` (the pipes the app made for it: ``worker.twin_arguments``)."""
    _yield_to_the_app()
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the answers
    from desktop_app.charts import render

    try:
        render.prepare()
        broken = None
    except Exception as error:  # every chart says why instead of the worker dying (and coming back)
        broken = f"matplotlib cannot be loaded: {error}"
    from desktop_app import code_cache

    code_cache.save()  # the charts' dataclasses too, before there are twins to write it
    # No thread may run while forking (the reader starts after): nothing was read or written
    # yet, so a twin's streams, put on its own pipes, start clean.
    _fork_twins(twins or [])
    inbox = _Inbox()
    threading.Thread(target=inbox.take, args=(requests,), daemon=True).start()
    try:
        write_frame(answers, (READY, os.getpid()))  # the app gives it requests from now on
    except (OSError, ValueError):
        os._exit(0)  # the app is gone
    while (item := inbox.next()) is not None:
        (_kind, ticket, _token, key, width, height, ratio, *language), inputs = item
        answer: Any
        try:
            if broken is not None:
                raise RuntimeError(broken)
            if inputs is None:
                raise LookupError("the chart's case and analysis did not arrive")
            answer = render.render_for(
                inputs[0], inputs[1], key, width, height, ratio, *language[:1]
            )
        except Exception as error:  # the app shows the reason in place of the chart
            answer = RuntimeError(str(error) or type(error).__name__)
        try:
            write_frame(answers, (ticket, answer))
        except (OSError, ValueError):
            break  # the app is gone
    sys.stderr.flush()
    os._exit(0)  # no teardown of matplotlib's objects one by one
