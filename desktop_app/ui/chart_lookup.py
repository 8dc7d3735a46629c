"""Builders for ``ChartView`` that find a chart function of ``desktop_app.charts`` by name.

The lookup happens when the chart is drawn (matplotlib is loaded by then). A chart function
that does not exist yet gives a figure that says so instead of an exception, so a tab never
breaks because a chart is missing.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

Builder = Callable[[Any, Any], Any]


def find_chart(name: str) -> Callable[..., Any] | None:
    """``desktop_app.charts.<name>``, or the function of that name in one of its modules."""
    charts = importlib.import_module("desktop_app.charts")
    function = getattr(charts, name, None)
    if callable(function):
        return function
    for module_info in pkgutil.iter_modules(charts.__path__):
        module = importlib.import_module(f"desktop_app.charts.{module_info.name}")
        function = getattr(module, name, None)
        if callable(function):
            return function
    return None


def missing_chart(title: str, message: str) -> Any:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.0, 3.0), facecolor="white")
    figure.set_label(f"missing:{title}")
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.6, title, ha="center", va="center", fontsize=12, fontweight="bold")
    ax.text(0.5, 0.4, message, ha="center", va="center", fontsize=10, color="#888888")
    return figure


def chart_builder(
    name: str, title: str, options: Callable[[], dict[str, Any]] | None = None
) -> Builder:
    """A builder calling ``name(case, analysis, **options())``."""

    def build(case: Any, analysis: Any) -> Any:
        function = find_chart(name)
        if function is None:
            return missing_chart(title, "This chart is not available in this version.")
        return function(case, analysis, **(options() if options else {}))

    return build
