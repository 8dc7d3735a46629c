"""Columns and table models of the Alternatives tab: criteria and alternatives per side.

The alternatives tables add figures from the analysis (effective price, expected value) as
read-only columns, refreshed when a new analysis arrives, and mark the BATNAs in bold.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop_app.domain import edits
from desktop_app.domain.model import Alternative, Case, Criterion, Side
from desktop_app.i18n import N_, _
from desktop_app.ui.models.columns import Column, columns_for
from desktop_app.ui.models.entity_model import EntityTableModel, Index
from desktop_app.ui.state.document import CaseDocument

SIDE_WORDS = {"theirs": "their", "ours": "our"}
WHO = {"theirs": "the counterpart", "ours": "we"}


def _option(analysis: Any, side: Side, ident: str) -> Any:
    if analysis is None:
        return None
    view = analysis.value.theirs if side == "theirs" else analysis.value.ours
    return next((o for o in view.options if o.kind == "alternative" and o.id == ident), None)


# -- criteria -------------------------------------------------------------------------------


def criterion_columns(document: CaseDocument) -> tuple[Column, ...]:
    def share(criterion: Criterion) -> float | None:
        total = math.fsum(c.weight for c in document.case.criteria_of(criterion.side))
        return 100.0 * criterion.weight / total if total > 0 else None

    return columns_for(
        Criterion,
        ("name", 180),
        ("weight", 65),
        Column(
            "share",
            N_("Share"),
            "percent",
            tooltip=N_(
                "The normalised weight: this weight divided by the sum of the side's weights."
            ),
            editable=False,
            get=share,
            decimals=1,
            width=65,
        ),
        ("side", 60),
        "description",
    )


def criterion_model(document: CaseDocument, side: Side) -> EntityTableModel:
    def new_criterion(case: Case) -> Criterion:
        ident = edits.new_id(case, "criterion")
        return Criterion(id=ident, side=side, name=_("New criterion"), weight=1.0)

    return EntityTableModel(
        document,
        "criteria",
        criterion_columns(document),
        noun="criterion",
        plural="criteria",
        new_entity=new_criterion,
        row_filter=lambda c: c.side == side,
    )


# -- alternatives ---------------------------------------------------------------------------

#: The money fields matter for the counterpart's alternatives only (SPEC §1); the net value
#: for ours only (SPEC §8).
MONEY_FIELDS = ("unit_price", "switching_cost", "failure_cost")
#: Their money's ranges (SPEC §9): last in their table (after the words, so rows pasted in the
#: earlier layout still land in the same columns); refused on ours, so not shown there.
RANGE_FIELDS = tuple(f"{money}_{end}" for money in MONEY_FIELDS for end in ("low", "high"))
WORDS: tuple[tuple[str, int], ...] = (("pros", 220), ("cons", 270), ("description", 260))


#: The tooltip of the expected-value column, by side.
VALUE_TIPS = {
    "theirs": N_(
        "Expected value on their criteria, 0–100 points: EV = feasibility × V, with V the "
        "weighted score (see Criteria and scores). The highest EV is their value BATNA. — when "
        "the side has no weighted criteria yet."
    ),
    "ours": N_(
        "Expected value on our criteria, 0–100 points: EV = feasibility × V, with V the "
        "weighted score (see Criteria and scores). The highest EV is our value BATNA. — when "
        "the side has no weighted criteria yet."
    ),
}


def _value_column(document: CaseDocument, side: Side) -> Column:
    def expected(alternative: Alternative) -> float | None:
        option = _option(document.analysis, side, alternative.id)
        return None if option is None else option.expected_value

    return Column(
        "expected_value",
        N_("Value (EV)"),
        "number",
        tooltip=VALUE_TIPS[side],
        decimals=1,
        editable=False,
        get=expected,
        width=70,
    )


def their_alternative_columns(document: CaseDocument) -> tuple[Column, ...]:
    def effective(alternative: Alternative) -> float | None:
        analysis = document.analysis
        if analysis is None:
            return None
        cost = next(
            (c for c in analysis.zopa.alternatives if c.alternative_id == alternative.id), None
        )
        return None if cost is None else cost.effective_price

    return columns_for(
        Alternative,
        ("name", 190),
        ("feasibility", 75),
        ("unit_price", 85),
        ("switching_cost", 105),
        ("failure_cost", 110),
        Column(
            "effective_price",
            N_("Effective price"),
            "money",
            tooltip=N_(
                "What going that way costs them per unit, as a first-year price on our "
                "proposal's price path and terms: T = unit price × units + switching cost + "
                "(1 − feasibility) × failure cost, on the payment days and liability they "
                "demand, made a price on our proposal's payment days and cap (their cost of "
                "capital prices the days; the expected loss above a cap stays with them). The "
                "cheapest is their money BATNA and sets their walk-away price. — when not "
                "price-based or our proposal has no volume yet."
            ),
            editable=False,
            get=effective,
            width=105,
        ),
        _value_column(document, "theirs"),
        *WORDS,
        skip=("side", "net_value"),  # each side has its own table; a net value is ours only
    )


def our_alternative_columns(document: CaseDocument) -> tuple[Column, ...]:
    return columns_for(
        Alternative,
        ("name", 190),
        ("feasibility", 75),
        ("net_value", 95),
        _value_column(document, "ours"),
        *WORDS,
        skip=("side", *MONEY_FIELDS, *RANGE_FIELDS),
    )


def _batna_tip(side: Side, tags: list[str]) -> str:
    """ "Their money BATNA and value BATNA: the best this side can do without a deal."."""
    if side == "theirs":
        if len(tags) == 2:
            return _("Their money BATNA and value BATNA: the best this side can do without a deal.")
        if tags == ["money BATNA"]:
            return _("Their money BATNA: the best this side can do without a deal.")
        return _("Their value BATNA: the best this side can do without a deal.")
    return _("Our value BATNA: the best this side can do without a deal.")


class AlternativesModel(EntityTableModel):
    """One side's alternatives; the BATNAs in bold, computed columns refreshed per analysis."""

    def __init__(self, document: CaseDocument, side: Side) -> None:
        self.side: Side = side
        columns = (
            their_alternative_columns(document)
            if side == "theirs"
            else our_alternative_columns(document)
        )

        def new_alternative(case: Case) -> Alternative:
            ident = edits.new_id(case, "alternative")
            return Alternative(id=ident, side=side, name=_("New alternative"))

        super().__init__(
            document,
            "alternatives",
            columns,
            noun="alternative",
            plural="alternatives",
            new_entity=new_alternative,
            row_filter=lambda a: a.side == side,
        )
        document.analysis_ready.connect(self.analysis_changed)

    def batnas(self, ident: str) -> list[str]:
        """What the alternative ``ident`` is: "money BATNA", "value BATNA" (or neither)."""
        analysis = self.document.analysis
        if analysis is None:
            return []
        tags = []
        if self.side == "theirs" and analysis.zopa.their_batna_alternative == ident:
            tags.append("money BATNA")
        view = analysis.value.theirs if self.side == "theirs" else analysis.value.ours
        if view.batna_alternative == ident:
            tags.append("value BATNA")
        return tags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == 0 and index.row() < self.rowCount():
            if role == Qt.ItemDataRole.FontRole:
                if self.batnas(self.entity(index.row()).id):
                    font = QFont()
                    font.setBold(True)
                    return font
            elif role == Qt.ItemDataRole.ToolTipRole:
                tags = self.batnas(self.entity(index.row()).id)
                if tags:
                    return _batna_tip(self.side, tags)
        return super().data(index, role)

    def analysis_changed(self, _analysis: Any = None) -> None:
        if self.rowCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
