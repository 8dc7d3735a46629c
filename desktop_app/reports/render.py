"""Draw the brief's charts, on both cores when that is safe.

matplotlib holds the GIL while it lays a figure out, so threads would not help. When the
process has a single thread and can fork (the command line, the tests), the charts late in the
document are drawn and converted in a forked child, one task per chart, while this process
draws the first ones and then lays the document out; the layout waits for a child's chart only
when it reaches it. The child sends back ReportLab Drawings (pickled: a millisecond, where
converting the SVG again would take a tenth of a second).

In a process with other threads (the GUI, where a fork could copy a lock held by another
thread) every chart is drawn here. Either way each chart gives the same bytes, so the PDF does
not depend on the route (a test holds it to that).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.domain.model import Case


@dataclass(frozen=True)
class ChartJob:
    """One chart: a ``desktop_app.charts`` function and its keyword arguments; ``width`` (in
    inches) redraws it at the page's width so its text keeps its designed size."""

    key: str
    function: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    width: float | None = None


#: The case and analysis, inherited by the child at the fork.
_INPUT: tuple[Case, CaseAnalysis] | None = None


def page_figure(case: Case, analysis: CaseAnalysis, job: ChartJob) -> Any:
    """The chart's Figure, ``job.width`` inches wide with the height of its own size scaled
    alike (its own size without a width; an error's figure as it comes)."""
    from desktop_app import charts

    build = getattr(charts, job.function)
    natural = charts.natural_size(job.function, job.kwargs)
    if job.width is not None and natural is not None:
        # Its size known beforehand: drawn once, at the page's width (an empty chart's message
        # or an error has a size of its own, found as below).
        w, h = natural
        fig = build(case, analysis, size=(job.width, h * job.width / w), **job.kwargs)
        if fig.get_label() != "message" and not fig.get_label().startswith("error:"):
            return fig
    fig = build(case, analysis, **job.kwargs)
    if job.width is not None:
        w, h = (float(v) for v in fig.get_size_inches())
        if abs(w - job.width) > 0.01 and not fig.get_label().startswith("error:"):
            fig = build(case, analysis, size=(job.width, h * job.width / w), **job.kwargs)
    return fig


def chart_svg(case: Case, analysis: CaseAnalysis, job: ChartJob) -> bytes:
    """The chart as SVG, ``job.width`` inches wide with its height scaled alike."""
    from desktop_app.reports.vector import figure_svg

    return figure_svg(page_figure(case, analysis, job))


def chart_drawing(case: Case, analysis: CaseAnalysis, job: ChartJob) -> Any:
    """The chart as a ReportLab Drawing (through SVG, see ``vector``)."""
    from desktop_app.reports.vector import svg_drawing

    return svg_drawing(chart_svg(case, analysis, job))


def _draw_in_child(job: ChartJob) -> Any:
    """Runs in the child: the case and analysis are in ``_INPUT``."""
    assert _INPUT is not None
    case, analysis = _INPUT
    return chart_drawing(case, analysis, job)


def can_fork() -> bool:
    """Forking is safe here: Linux, fork available, and no other thread alive in this process."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and _no_chart_worker_threads()
        and threading.current_thread() is threading.main_thread()
        and (os.cpu_count() or 1) > 1
        and not os.environ.get("LEVERAGE_SERIAL_CHARTS")
    )


def _no_chart_worker_threads() -> bool:
    from desktop_app.charts.worker import threads_running

    return threads_running() == 0


def take_back_the_last(futures: dict[str, Future[Any]]) -> str | None:
    """The key of the child's last chart, taken out of ``futures``, if the child has not begun
    it (the caller draws it): the child draws in the document's order, so its last chart is
    the one the layout needs last, and the child is still busy when this process is done with
    its own (on the sample; more so on a large case, whose charts take longer). Not for the
    Word brief: there this process has more to do after its charts (python-docx) than the
    child, and taking one back made it slower (1.69 -> 1.76 s on the sample)."""
    if not futures:
        return None
    key = next(reversed(futures))
    if not futures[key].cancel():  # begun (or done) already
        return None
    del futures[key]
    return key


def _fork_pool() -> ProcessPoolExecutor | None:
    try:
        return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    except OSError:
        return None


class ChartSet:
    """The brief's charts, by key. Use as a context manager around the layout:

    ``__enter__`` forks the child (when it can) on the jobs after the first ``here`` and draws
    the first ones in this process; ``drawing(key)`` returns a chart, waiting for the child's
    if need be; ``__exit__`` stops the child. Jobs come in document order. ``done(n, total)``
    reports the charts drawn in this process."""

    def __init__(
        self,
        case: Case,
        analysis: CaseAnalysis,
        jobs: Sequence[ChartJob],
        done: Callable[[int, int], None] | None = None,
        *,
        here: int = 3,
    ) -> None:
        self.case = case
        self.analysis = analysis
        self.jobs = {job.key: job for job in jobs}
        self.done = done
        self.here = here
        self._drawings: dict[str, Any] = {}
        self._futures: dict[str, Future[Any]] = {}
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ChartSet:
        global _INPUT
        mine = list(self.jobs.values())
        if len(mine) > self.here and can_fork():
            _INPUT = (self.case, self.analysis)  # inherited by the child at the fork
            try:
                pool = _fork_pool()
                if pool is not None:
                    self._start(pool, mine[self.here :])
                    mine = mine[: self.here]
            except Exception:  # no child after all: everything is drawn here
                self._close_pool()
            finally:
                _INPUT = None
        try:
            for index, job in enumerate(mine, start=1):
                self._drawings[job.key] = chart_drawing(self.case, self.analysis, job)
                if self.done is not None:
                    self.done(index, len(mine))  # may raise to cancel the export
            taken = take_back_the_last(self._futures)
            if taken is not None:
                self._drawings[taken] = chart_drawing(self.case, self.analysis, self.jobs[taken])
        except BaseException:
            self._close_pool()
            raise
        return self

    def _start(self, pool: ProcessPoolExecutor, jobs: Sequence[ChartJob]) -> None:
        self._pool = pool
        self._futures = {job.key: pool.submit(_draw_in_child, job) for job in jobs}

    def drawing(self, key: str) -> Any:
        if key not in self._drawings:
            future = self._futures.pop(key, None)
            try:
                if future is None:
                    raise LookupError(key)
                self._drawings[key] = future.result()
            except Exception:  # a child that died (or no child): draw it here instead
                self._drawings[key] = chart_drawing(self.case, self.analysis, self.jobs[key])
        return self._drawings[key]

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._futures = {}

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._close_pool()
