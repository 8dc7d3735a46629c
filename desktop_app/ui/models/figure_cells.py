"""What a grid of analysis figures shows, without Qt: headers and cells with their tooltips, and
why a figure is unavailable ("—"). ``widgets.figure_grid`` shows them; the dashboard, which
needs the words but no grid, stays clear of the grid's Qt classes (the app's first paint)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.i18n import N_, _

if TYPE_CHECKING:
    from desktop_app.analysis.results import CaseAnalysis

UNAVAILABLE = "—"
NO_REASON = N_("Not available for this case yet.")


@dataclass(frozen=True)
class Header:
    text: str
    tooltip: str = ""
    highlight: str | None = None  # a key of widgets.figure_grid.HIGHLIGHTS


@dataclass(frozen=True)
class Cell:
    text: str
    tooltip: str = ""
    numeric: bool = True
    muted: bool = False  # grey (a figure that does not move anything)
    alert: bool = False  # red (a loss, a margin under the minimum)


def unavailable_reason(analysis: CaseAnalysis | None, key: str) -> str:
    """Why the figure ``key`` (``scenarios.<id>.margin``, ``zopa.width``…) is unavailable: the
    readiness item that names it, in words of what to do."""
    if analysis is None:
        return _("The analysis has not finished yet.")
    for item in analysis.readiness.items:
        if key in item.affects:
            return item.todo or item.label
    return _(NO_REASON)
