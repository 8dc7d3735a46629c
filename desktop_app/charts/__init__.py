"""The one chart code: matplotlib Figures built from the case and its analysis (no Qt, no
pyplot). The app draws them in its chart worker (``render``); the reports embed them as SVG
or PDF.

Every chart is ``chart(case, analysis, ...) -> Figure`` and never raises: with no analysis or
missing figures it returns a clean figure with a grey message saying what to enter.
matplotlib takes about half a second to import, so the chart functions are loaded when first
used: importing ``desktop_app.charts.render`` alone (as the app does) loads no matplotlib.
"""

from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

#: Where each public name lives (the module is imported on first use).
_HOMES = {
    "acceptance_curve": "acceptance",
    "alternatives_chart": "alternatives",
    "value_chart": "alternatives",
    "deal_packages": "deal",
    "figure_to_pdf_bytes": "export",
    "figure_to_png_bytes": "export",
    "figure_to_svg_bytes": "export",
    "loss_distributions": "losses",
    "shortfall_capped_vs_uncapped": "losses",
    "uncapped_loss_figures": "losses",
    "risk_heat_map": "risk",
    "stakeholder_map": "stakeholders",
    "talks_offers": "talks",
    "font_path": "style",
    "format_money": "style",
    "message_figure": "style",
    "tornado": "zopa",
    "verdict_text": "zopa",
    "zopa_bar": "zopa",
}

__all__ = [
    "acceptance_curve",
    "alternatives_chart",
    "deal_packages",
    "figure_to_pdf_bytes",
    "figure_to_png_bytes",
    "figure_to_svg_bytes",
    "font_path",
    "format_money",
    "loss_distributions",
    "message_figure",
    "natural_size",
    "risk_heat_map",
    "shortfall_capped_vs_uncapped",
    "stakeholder_map",
    "talks_offers",
    "tornado",
    "uncapped_loss_figures",
    "value_chart",
    "verdict_text",
    "zopa_bar",
]

if TYPE_CHECKING:
    from desktop_app.charts.acceptance import acceptance_curve
    from desktop_app.charts.alternatives import alternatives_chart, value_chart
    from desktop_app.charts.deal import deal_packages
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
    from desktop_app.charts.talks import talks_offers
    from desktop_app.charts.zopa import tornado, verdict_text, zopa_bar


#: The charts whose size, when none is given, the case does not change: their module
#: (``_HOMES``) declares it as ``SIZE`` (the ZOPA bar: ``BAR_SIZES``, by its ``title``).
_FIXED_SIZE = frozenset({"acceptance_curve", "deal_packages", "risk_heat_map", "stakeholder_map"})


def natural_size(function: str, kwargs: Mapping[str, Any]) -> tuple[float, float] | None:
    """The size (inches) chart ``function`` takes with ``kwargs`` and no size, when the case
    does not change it; None for a chart that measures its rows (or its message, when it has
    nothing to draw, has a size of its own: the figure's label says so)."""
    if function == "zopa_bar":
        sizes: dict[bool, tuple[float, float]] = import_module("desktop_app.charts.zopa").BAR_SIZES
        return sizes[bool(kwargs.get("title", True))]
    if function not in _FIXED_SIZE:
        return None
    size: tuple[float, float] = import_module(f"desktop_app.charts.{_HOMES[function]}").SIZE
    return size


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"desktop_app.charts.{home}"), name)
    globals()[name] = value
    return value
