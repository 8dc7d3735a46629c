"""The team brief's charts as PNG pictures for the Word document.

The same charts as the PDF's (``brief_charts.charts_for``, drawn by the one chart code in
``desktop_app.charts``), at the width of the page's text, as PNG at ``DPI``: Word shows, edits
and prints a picture everywhere, while its support for vector formats varies. Where forking is
safe (``render.can_fork``) a child process draws the later charts while this one draws the
first and writes the document; either way each chart gives the same picture. Light on purpose
(no platypus, no python-docx): the export forks before it imports them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.domain.model import Case
from desktop_app.reports.brief_charts import HERE, charts_for
from desktop_app.reports.render import ChartJob, can_fork, page_figure

DPI = 150.0
Progress = Callable[[float], None]


@dataclass(frozen=True)
class Picture:
    """A chart as PNG and its size on the page, in inches."""

    png: bytes
    width: float
    height: float


def _picture(case: Case, analysis: CaseAnalysis, job: ChartJob, max_height: float) -> Picture:
    from desktop_app import charts

    fig = page_figure(case, analysis, job)
    width, height = (float(v) for v in fig.get_size_inches())
    png = charts.figure_to_png_bytes(fig, dpi=DPI)
    shown_width = min(width, job.width or width)
    shown_height = height * shown_width / width
    limit = max_height / 72.0
    if shown_height > limit:
        shown_width, shown_height = shown_width * limit / shown_height, limit
    return Picture(png, shown_width, shown_height)


_INPUT: tuple[Case, CaseAnalysis, dict[str, float]] | None = None


def _in_child(job: ChartJob) -> Picture:
    assert _INPUT is not None
    case, analysis, heights = _INPUT
    return _picture(case, analysis, job, heights[job.key])


class ChartPictures:
    """The brief's charts as pictures ``width`` inches wide (at most), by key. Use as a
    context manager: entering forks a child on the later charts (when it can) and draws the
    first ones here, reporting each to ``progress`` (which may raise to cancel); ``get(key)``
    waits for a child's picture only when the document reaches it."""

    def __init__(
        self, case: Case, analysis: CaseAnalysis, width: float, progress: Progress | None = None
    ) -> None:
        self.case = case
        self.analysis = analysis
        charts = charts_for(analysis)
        self.jobs = [
            ChartJob(key, function, kwargs, width=width) for key, function, kwargs, _ in charts
        ]
        self.heights = {key: max_height for key, _, _, max_height in charts}
        self.progress = progress
        self.pictures: dict[str, Picture] = {}
        self._futures: dict[str, Future[Picture]] = {}
        self._pool: ProcessPoolExecutor | None = None

    def _draw(self, job: ChartJob) -> Picture:
        return _picture(self.case, self.analysis, job, self.heights[job.key])

    def __enter__(self) -> ChartPictures:
        global _INPUT
        mine: Sequence[ChartJob] = self.jobs
        if can_fork():
            _INPUT = (self.case, self.analysis, self.heights)
            try:
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
                self._futures = {
                    job.key: self._pool.submit(_in_child, job) for job in self.jobs[HERE:]
                }
                mine = self.jobs[:HERE]
            except Exception:  # no child after all: everything is drawn here
                self._close()
            finally:
                _INPUT = None
        try:
            for done, job in enumerate(mine, start=1):
                self.pictures[job.key] = self._draw(job)
                if self.progress is not None:
                    self.progress(done / len(mine))
        except BaseException:
            self._close()
            raise
        return self

    def get(self, key: str) -> Picture | None:
        if key not in self.pictures:
            job = next((j for j in self.jobs if j.key == key), None)
            if job is None:
                return None
            future = self._futures.pop(key, None)
            try:
                if future is None:
                    raise LookupError(key)
                self.pictures[key] = future.result()
            except Exception:  # a child that died (or no child): draw it here instead
                self.pictures[key] = self._draw(job)
        return self.pictures[key]

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._futures = {}

    def __exit__(self, *_exc: object) -> None:
        self._close()
