"""The case model and its validation: plain data, no Qt, no SQL, no I/O."""

from desktop_app.domain.errors import FieldError, ValidationError
from desktop_app.domain.model import (
    Alternative,
    Case,
    CaseInfo,
    CostLine,
    Criterion,
    Interest,
    Offer,
    Party,
    Proposal,
    Risk,
    RiskOverride,
    Scenario,
    TalkingPoint,
    Term,
    blank_case,
)
from desktop_app.domain.validate import effective_risk, parse_case, validate_case

__all__ = [
    "Alternative",
    "Case",
    "CaseInfo",
    "CostLine",
    "Criterion",
    "FieldError",
    "Interest",
    "Offer",
    "Party",
    "Proposal",
    "Risk",
    "RiskOverride",
    "Scenario",
    "TalkingPoint",
    "Term",
    "ValidationError",
    "blank_case",
    "effective_risk",
    "parse_case",
    "validate_case",
]
