"""The analysis: pure functions of a Case (SPEC §2, §8). No Qt, no SQL, no file I/O.

``analyze_case(case)`` computes everything; ``report.analysis_to_json`` and
``report.format_report`` turn the result into the ``analyze`` command's output.
"""

from typing import TYPE_CHECKING, Any

from desktop_app.analysis.deal_results import (
    DealAnalysis,
    DealSurplus,
    GridPackage,
    Improvement,
    MesoOffer,
    Trade,
)
from desktop_app.analysis.results import (
    AlternativeCost,
    CaseAnalysis,
    Histogram,
    IntelligenceItem,
    LossFigures,
    Money,
    OptionValue,
    Readiness,
    ReadinessItem,
    Robustness,
    ScenarioAnalysis,
    SensitivityItem,
    Settings,
    SideValue,
    ValueView,
    Zopa,
)

__all__ = [
    "AlternativeCost",
    "Cancelled",
    "CaseAnalysis",
    "DealAnalysis",
    "DealSurplus",
    "GridPackage",
    "Histogram",
    "Improvement",
    "IntelligenceItem",
    "LossFigures",
    "MesoOffer",
    "Money",
    "OptionValue",
    "Readiness",
    "ReadinessItem",
    "Robustness",
    "ScenarioAnalysis",
    "SensitivityItem",
    "Settings",
    "SideValue",
    "Trade",
    "ValueView",
    "Zopa",
    "analyze_case",
]

if TYPE_CHECKING:
    from desktop_app.analysis.engine import Cancelled, analyze_case


def __getattr__(name: str) -> Any:
    """``analyze_case`` and ``Cancelled`` load numpy: import them only when first used, so
    a module that needs just the result types (the app's tabs) does not pay for numpy."""
    if name in ("analyze_case", "Cancelled"):
        from desktop_app.analysis import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
