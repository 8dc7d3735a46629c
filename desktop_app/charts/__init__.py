"""The one chart code: matplotlib Figures built from the case and its analysis (no Qt, no
pyplot). The app draws them on a Qt canvas; the reports embed them as SVG or PDF.

Every chart is ``chart(case, analysis, ...) -> Figure`` and never raises: with no analysis or
missing figures it returns a clean figure with a grey message saying what to enter.
Importing this package imports matplotlib (about half a second): import it after the window
is shown.
"""

from desktop_app.charts.alternatives import alternatives_chart, value_chart
from desktop_app.charts.export import (
    figure_to_pdf_bytes,
    figure_to_png_bytes,
    figure_to_svg_bytes,
)
from desktop_app.charts.losses import (
    loss_distributions,
    shortfall_capped_vs_uncapped,
    uncapped_loss_figures,
)
from desktop_app.charts.risk import risk_heat_map
from desktop_app.charts.stakeholders import stakeholder_map
from desktop_app.charts.style import font_path, format_money, message_figure
from desktop_app.charts.zopa import tornado, verdict_text, zopa_bar

__all__ = [
    "alternatives_chart",
    "figure_to_pdf_bytes",
    "figure_to_png_bytes",
    "figure_to_svg_bytes",
    "font_path",
    "format_money",
    "loss_distributions",
    "message_figure",
    "risk_heat_map",
    "shortfall_capped_vs_uncapped",
    "stakeholder_map",
    "tornado",
    "uncapped_loss_figures",
    "value_chart",
    "verdict_text",
    "zopa_bar",
]
