"""The analysis: pure functions of a Case (SPEC §2, §8). No Qt, no SQL, no file I/O.

``analyze_case(case)`` computes everything; ``report.analysis_to_json`` and
``report.format_report`` turn the result into the ``analyze`` command's output.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.analysis.deal_results import (
        DealAnalysis,
        DealSurplus,
        GridPackage,
        Improvement,
        MesoOffer,
        Trade,
    )
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

#: Where each name lives: every one is loaded when first used (PEP 562), so importing the
#: package costs nothing — the app's window paints before the result types (some 20 ms of
#: dataclass creation) and numpy (``analyze_case``) are loaded.
_HOMES = {
    **dict.fromkeys(("analyze_case", "Cancelled"), "engine"),
    **dict.fromkeys(
        ("DealAnalysis", "DealSurplus", "GridPackage", "Improvement", "MesoOffer", "Trade"),
        "deal_results",
    ),
}


def __getattr__(name: str) -> Any:
    """The names of ``__all__``, each imported from its module when first asked for."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    module = import_module(f"{__name__}.{_HOMES.get(name, 'results')}")
    return getattr(module, name)
