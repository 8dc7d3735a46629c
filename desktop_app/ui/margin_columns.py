"""The Margin tab's editable tables: cost lines and scenarios (deal packages)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop_app.domain import edits
from desktop_app.domain.model import Case, CostLine, Scenario
from desktop_app.ui.columns import Column
from desktop_app.ui.entity_model import EntityTableModel, Index

COST_COLUMNS: tuple[Column, ...] = (
    Column("name", "Cost line", "text", "One of our costs of delivering the contract.", width=270),
    Column(
        "basis",
        "Basis",
        "choice",
        "Per unit: paid for every unit delivered. Per year: paid in each contract year. "
        "One-time: paid once (tooling, requalification).",
        choices=(("per_unit", "per unit"), ("per_year", "per year"), ("one_time", "one-time")),
        width=90,
    ),
    Column(
        "amount",
        "Amount",
        "money",
        "Per unit, per year or once, as the basis says, in the case currency.",
        width=110,
    ),
)

ROLE_CHOICES = (
    ("their_demand", "their demand"),
    ("our_proposal", "our proposal"),
    ("other", "other"),
)

SCENARIO_COLUMNS: tuple[Column, ...] = (
    Column(
        "name", "Scenario", "text", "A deal package: the terms of one possible contract.", width=200
    ),
    Column(
        "role",
        "Role",
        "choice",
        "Their demand: what the counterpart asks for. Our proposal: what we will put on the "
        "table (the ZOPA, fair price and sensitivity are computed on it). At most one of each.",
        choices=ROLE_CHOICES,
        width=120,
    ),
    Column(
        "unit_price",
        "Unit price",
        "optional_money",
        "The first-year price of one unit (later years move by the yearly price change). "
        "Empty until it is known.",
        width=110,
    ),
    Column(
        "annual_volume",
        "Volume / yr",
        "number",
        "Units delivered each year.",
        decimals=0,
        width=100,
    ),
    Column("years", "Years", "int", "Contract length in years (1–30).", width=60),
    Column(
        "annual_price_change_pct",
        "Price change / yr",
        "percent",
        "How the unit price moves each year: −3 % is a yearly price-down of 3 %.",
        decimals=1,
        width=120,
    ),
    Column(
        "payment_days",
        "Payment days",
        "int",
        "Days until we are paid: longer terms cost us financing (revenue × cost of capital × "
        "days / 365).",
        width=105,
    ),
    Column(
        "liability_cap",
        "Liability cap",
        "optional_money",
        "The most we pay for one occurrence of a capped risk. Empty = uncapped: the full "
        "impact falls on us.",
        width=135,
    ),
)

LIABILITY = next(i for i, c in enumerate(SCENARIO_COLUMNS) if c.field == "liability_cap")


def new_cost_line(case: Case) -> CostLine:
    return CostLine(id=edits.new_id(case, "cost"), name="New cost line")


def new_scenario(case: Case) -> Scenario:
    """A new package: role "other", starting from our proposal's commercial terms."""
    base = case.proposal_scenario
    ident = edits.new_id(case, "scenario")
    if base is None:
        return Scenario(id=ident, name="New scenario", role="other", years=3)
    return Scenario(
        id=ident,
        name="New scenario",
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
                return "uncapped"
            if role == Qt.ItemDataRole.FontRole and scenario.role != "other":
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)
