"""The team brief's charts: which ones, how big, and which process draws them.

Light on purpose (no platypus import): the export starts the charts first, so the forked child
is already drawing while this process imports the rest and builds the document.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.domain.model import Case
from desktop_app.reports.paper import frame_width
from desktop_app.reports.render import ChartJob, ChartSet

Progress = Callable[[float], None]

#: The brief's charts in the order the document shows them: (key, charts function, keyword
#: arguments, the most height it may take on the page). This process draws the first ones, a
#: forked child the later ones (see ``render``): the shares balance the two processes on the
#: sample and on the stress case.
CHARTS: tuple[tuple[str, str, dict[str, Any], float], ...] = (
    ("zopa_small", "zopa_bar", {"title": False}, 40 * mm),
    ("acceptance", "acceptance_curve", {}, 72 * mm),
    ("stakeholders", "stakeholder_map", {}, 130 * mm),
    ("alternatives", "alternatives_chart", {}, 170 * mm),
    ("heat_map", "risk_heat_map", {}, 130 * mm),
    ("losses", "loss_distributions", {}, 170 * mm),
    ("zopa", "zopa_bar", {}, 50 * mm),
    ("tornado", "tornado", {}, 170 * mm),
    ("deal", "deal_packages", {}, 125 * mm),
)
#: Charts the brief shows only when the analysis has what they draw (and so draws only then):
#: the acceptance curve needs their walk-away's distribution (ranges on their alternatives).
ONLY_WITH: dict[str, Callable[[CaseAnalysis], bool]] = {
    "acceptance": lambda analysis: analysis.their_walk_away is not None,
}


def charts_for(analysis: CaseAnalysis) -> tuple[tuple[str, str, dict[str, Any], float], ...]:
    """``CHARTS`` less those this analysis leaves out of the brief (``ONLY_WITH``)."""
    return tuple(c for c in CHARTS if c[0] not in ONLY_WITH or ONLY_WITH[c[0]](analysis))


#: How many of the first charts this process draws when a child draws the rest.
HERE = 3
#: Charts are drawn this much wider than the text and scaled down to it: their text stays
#: close to its designed size (9 pt prints at 8.1 pt) while their labels keep the room the
#: chart code plans for (at the text's own width some labels would touch).
CHART_SCALE = 0.9
#: Share of the progress bar spent on the charts drawn before the layout begins.
CHART_SHARE = 0.45


def chart_set(
    case: Case, analysis: CaseAnalysis, paper: str, progress: Progress | None = None
) -> ChartSet:
    """The brief's charts, drawn as wide as the page's text (enter the set to draw them)."""
    width = frame_width(paper) / CHART_SCALE
    jobs = [
        ChartJob(key, function, kwargs, width=width / 72.0)
        for key, function, kwargs, _ in charts_for(analysis)
    ]

    def done(count: int, total: int) -> None:
        if progress is not None:
            progress(CHART_SHARE * count / total)

    return ChartSet(case, analysis, jobs, done, here=HERE)


def chart_flowables(charts: ChartSet) -> dict[str, Any]:
    """A flowable per chart; each one waits for its drawing when the layout reaches it."""
    from desktop_app.reports.vector import VectorChart

    return {
        key: VectorChart(functools.partial(charts.drawing, key), max_height=max_height)
        for key, _, _, max_height in charts_for(charts.analysis)
    }
