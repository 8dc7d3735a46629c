"""Columns of the risk register (the Risk tab), and of a scenario's overrides of it."""

from __future__ import annotations

from desktop_app.domain.model import OVERRIDABLE_RISK_FIELDS, Risk
from desktop_app.ui.models.columns import Column, columns_for

RISK_COLUMNS: tuple[Column, ...] = columns_for(
    Risk,
    ("name", 222),
    ("category", 85),
    ("probability", 85),
    ("frequency", 125),
    ("impact_low", 108),
    ("impact_likely", 108),
    ("impact_high", 108),
    ("capped_by_liability", 60),
    ("owner", 115),
    ("mitigation", 180),
)

#: The register's columns a scenario may override, as the register shows them.
OVERRIDE_COLUMNS: tuple[Column, ...] = tuple(
    next(c for c in RISK_COLUMNS if c.field == name) for name in OVERRIDABLE_RISK_FIELDS
)
