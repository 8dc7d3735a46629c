"""The Margin tab's editable tables: cost lines and scenarios (deal packages)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop_app.domain import edits
from desktop_app.domain.model import Case, CostLine, Scenario
from desktop_app.i18n import _
from desktop_app.ui.models.columns import Column, columns_for
from desktop_app.ui.models.entity_model import EntityTableModel, Index

COST_COLUMNS: tuple[Column, ...] = columns_for(
    CostLine, ("name", 270), ("basis", 90), ("amount", 110)
)

SCENARIO_COLUMNS: tuple[Column, ...] = columns_for(
    Scenario,
    ("name", 200),
    ("role", 120),
    ("unit_price", 110),
    ("annual_volume", 100),
    ("years", 60),
    ("annual_price_change_pct", 120),
    ("payment_days", 105),
    ("liability_cap", 135),
)

LIABILITY = next(i for i, c in enumerate(SCENARIO_COLUMNS) if c.field == "liability_cap")


def new_cost_line(case: Case) -> CostLine:
    return CostLine(id=edits.new_id(case, "cost"), name=_("New cost line"))


def new_scenario(case: Case) -> Scenario:
    """A new package: role "other", starting from our proposal's commercial terms."""
    base = case.proposal_scenario
    ident = edits.new_id(case, "scenario")
    if base is None:
        return Scenario(id=ident, name=_("New scenario"), role="other", years=3)
    return Scenario(
        id=ident,
        name=_("New scenario"),
        role="other",
        unit_price=base.unit_price,
        annual_volume=base.annual_volume,
        years=base.years,
        annual_price_change_pct=base.annual_price_change_pct,
        payment_days=base.payment_days,
        liability_cap=base.liability_cap,
    )


class ScenarioTableModel(EntityTableModel):
    """The scenarios; an empty liability cap reads "uncapped", the special roles in bold."""

    def __init__(self, document: Any) -> None:
        super().__init__(
            document,
            "scenarios",
            SCENARIO_COLUMNS,
            noun="scenario",
            plural="scenarios",
            new_entity=new_scenario,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < self.rowCount():
            scenario = self.entity(index.row())
            if (
                role == Qt.ItemDataRole.DisplayRole
                and index.column() == LIABILITY
                and scenario.liability_cap is None
            ):
                return _("uncapped")
            if role == Qt.ItemDataRole.FontRole and scenario.role != "other":
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)
