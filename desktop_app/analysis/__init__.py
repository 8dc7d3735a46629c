"""The analysis: pure functions of a Case (SPEC §2). No Qt, no SQL, no file I/O.

``analyze_case(case)`` computes everything; ``report.analysis_to_json`` and
``report.format_report`` turn the result into the ``analyze`` command's output.
"""

from desktop_app.analysis.engine import Cancelled, analyze_case
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
    "Histogram",
    "IntelligenceItem",
    "LossFigures",
    "Money",
    "OptionValue",
    "Readiness",
    "ReadinessItem",
    "Robustness",
    "ScenarioAnalysis",
    "SensitivityItem",
    "Settings",
    "SideValue",
    "ValueView",
    "Zopa",
    "analyze_case",
]
