"""The app's charts as pixels: one chart of the catalogue, built for a size and drawn by Agg.

The desktop app does not draw its charts on its UI thread: its chart worker (``worker.py``,
``serve.py``), a separate process, calls ``render_for`` for each chart at the size it has on
screen, so drawing never holds up typing and matplotlib loads and draws on the second core
while the window is being built. No Qt here. The same chart functions feed the PDFs, so the
app and the reports show the same charts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_app import i18n

if TYPE_CHECKING:
    from desktop_app.analysis.results import CaseAnalysis
    from desktop_app.domain.model import Case

#: Pixels per inch of the charts on screen (a chart of 8 × 3 inches is 800 × 300 pixels);
#: the device pixel ratio multiplies it on high-density screens.
SCREEN_DPI = 100.0

#: The charts the app shows, by key: ``desktop_app.charts`` functions of (case, analysis, size).
CHART_KEYS = (
    "zopa_bar",
    "stakeholder_map",
    "alternatives_chart",
    "value_chart",
    "risk_heat_map",
    "loss_distributions",
    "shortfall_capped_vs_uncapped",
    "tornado",
    "deal_packages",
    "talks_offers",
    "acceptance_curve",
)
#: Charts of the case alone (the analysis is not used): drawn as soon as the case is there,
#: while the analysis runs, and again when the case changes rather than after each analysis.
CASE_ONLY = frozenset({"stakeholder_map", "risk_heat_map"})


@dataclass(frozen=True)
class RenderedChart:
    """A drawn chart: ``width`` × ``height`` device pixels of RGBA (straight alpha, 8 bits per
    channel, rows top to bottom) and what it says in words: the figure's label (``"message"``
    for a chart that explains why it is empty, ``"error:…"`` for one that failed) and every
    text on it (titles, tick labels, annotations), for tests and for screen readers."""

    key: str
    width: int
    height: int
    ratio: float
    rgba: bytes
    label: str
    texts: tuple[str, ...]


def _catalogue() -> dict[str, Callable[..., Any]]:
    from desktop_app import charts

    return {key: getattr(charts, key) for key in CHART_KEYS}


_prepared = False


def prepare() -> None:
    """Load matplotlib with the Agg backend and the chart code, and draw a small chart once
    (the first text drawn loads the font). The worker does it before its first request.
    Raises what went wrong when matplotlib cannot be loaded (then no chart can be drawn)."""
    global _prepared
    if _prepared:
        return
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from desktop_app.charts.style import message_figure

    _catalogue()  # every chart module loaded
    FigureCanvasAgg(message_figure("Leverage", "ready", (2.0, 1.0))).draw()  # type: ignore[no-untyped-call]
    _prepared = True


def prepare_and_render(
    case: Case,
    analysis: CaseAnalysis | None,
    key: str,
    width: int,
    height: int,
    ratio: float,
    language: str | None = None,
) -> RenderedChart:
    """``render_for`` after ``prepare`` (the thread that draws when there is no worker)."""
    prepare()
    return render_for(case, analysis, key, width, height, ratio, language)


def render_for(
    case: Case,
    analysis: CaseAnalysis | None,
    key: str,
    width: int,
    height: int,
    ratio: float,
    language: str | None = None,
) -> RenderedChart:
    """Chart ``key`` of ``case`` and ``analysis``, laid out for ``width`` × ``height`` logical
    pixels and drawn at ``ratio`` device pixels per logical pixel, its words in ``language``
    (a worker process speaks what the app asks; None: the language in use)."""
    from matplotlib.text import Text

    if language is not None and language != i18n.language():
        from desktop_app.i18n.choose import use_language

        use_language(language)

    from desktop_app.charts.labels import agg_canvas

    build = _catalogue()[key]
    figure = build(case, analysis, size=(width / SCREEN_DPI, height / SCREEN_DPI))
    # A quarter pixel more, so float rounding never loses a pixel row (8.2 in × 100 = 819.99…).
    figure.set_size_inches((width + 0.25) / SCREEN_DPI, (height + 0.25) / SCREEN_DPI)
    figure.set_dpi(SCREEN_DPI * ratio)
    canvas = agg_canvas(figure)  # text measured while the chart was built is not again
    canvas.draw()
    pixels_wide, pixels_high = canvas.get_width_height(physical=True)
    texts = tuple(
        text.get_text()
        for text in figure.findobj(Text)
        if isinstance(text, Text) and text.get_visible() and text.get_text().strip()
    )
    return RenderedChart(
        key=key,
        width=pixels_wide,
        height=pixels_high,
        ratio=ratio,
        rgba=bytes(canvas.buffer_rgba()),
        label=str(figure.get_label()),
        texts=texts,
    )
