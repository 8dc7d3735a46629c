"""The offer log of the Talks tab (SPEC §10): the ``offers`` collection as an editable table,
with each offer's figures from the analysis beside it in read-only columns.

The editable columns come from the schema (``columns_for``); the figure columns read the
analysis of the case on screen (``TalksAnalysis.offer``) and are refreshed when a new one
arrives. A new offer is prefilled for keyboard entry (``next_offer``): the side alternates
from the last offer, and the round moves on once both sides have spoken in it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain import edits
from desktop_app.domain.model import Case, Offer, Side
from desktop_app.i18n import N_, _, language
from desktop_app.reports.formats import Fmt
from desktop_app.ui.models.columns import Column, columns_for, display_text, format_money
from desktop_app.ui.models.entity_model import EntityTableModel
from desktop_app.ui.state.document import CaseDocument

if TYPE_CHECKING:
    from desktop_app.analysis.talks_results import OfferFigures

Index = QModelIndex | QPersistentModelIndex

OFFER_COLUMNS: tuple[Column, ...] = columns_for(
    Offer,
    ("round", 50),
    ("date", 86),
    ("from", 58),
    ("unit_price", 92),
    ("annual_price_change_pct", 110),
    ("payment_days", 96),
    ("liability_cap", 102),
    ("note", 120),
)
#: The column the cursor goes to in a new offer: the price is what is typed at the table.
PRICE_COLUMN = next(i for i, c in enumerate(OFFER_COLUMNS) if c.field == "unit_price")
TERMS = ("unit_price", "annual_price_change_pct", "payment_days", "liability_cap")
ALERT = "#b00020"
MUTED = "#888888"


def next_offer(case: Case, today: str | None = None) -> Offer:
    """A new offer for keyboard entry: the other side from the last offer (theirs in an empty
    log), in the last offer's round if that side has not spoken in it yet, else the next
    round; dated today; every term empty (taken from the proposal or their demand)."""
    offers = case.offers
    date = today or _dt.date.today().isoformat()
    ident = edits.new_id(case, "offer")
    if not offers:
        return Offer(id=ident, round=1, date=date, from_="theirs")
    last = offers[-1]
    side: Side = "ours" if last.from_ == "theirs" else "theirs"
    spoken = any(o.round == last.round and o.from_ == side for o in offers)
    return Offer(id=ident, round=last.round + 1 if spoken else last.round, date=date, from_=side)


def _money(value: float | None, currency: str, decimals: int = 0) -> str:
    return format_money(value, currency, decimals)


def _pct(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    if language() != "en":
        return Fmt.pct(value, decimals)
    return f"{value:.{decimals}f} %".replace("-", "−")


def _compact(value: float | None, currency: str) -> str:
    """``588.59k EUR``: a cost in a tight cell (German ``588,59 Tsd. €``)."""
    if language() != "en":
        return Fmt(currency, space=" ").compact(value)
    return f"{Fmt(currency, space=' ').compact(value, currency=False)} {currency}"


def flag_text(figures: OfferFigures, currency: str) -> str:
    """What is wrong with an offer of ours, in a few words ("" when nothing is); an offer of
    theirs is only said to be below our walk-away (normal for an opening: not a flag)."""
    if figures.side == "theirs":
        return _("below our walk-away") if figures.below_walk_away else ""
    parts = []
    if figures.below_walk_away:
        parts.append(
            _("below walk-away: costs {amount}").format(
                amount=_compact(figures.cost_vs_walk_away, currency)
            )
            if figures.cost_vs_walk_away is not None
            else _("below walk-away")
        )
    if figures.below_plan:
        parts.append(
            _("below plan: costs {amount}").format(amount=_compact(figures.cost_vs_plan, currency))
        )
    return "; ".join(parts)


def flagged(figures: OfferFigures) -> bool:
    """An offer of ours below the plan or our walk-away (SPEC §10's flag)."""
    return figures.side == "ours" and (figures.below_plan or figures.below_walk_away)


#: The figure columns: (header, tooltip, width, text of an offer's figures); the header and
#: the tooltip in English (marked; a column shows them translated).
FigureText = Callable[["OfferFigures", str], str]
FIGURES: tuple[tuple[str, str, int, FigureText], ...] = (
    (
        N_("Our surplus"),
        N_(
            "Our conservative margin over our money BATNA on the offer's terms, whole contract "
            "(SPEC §8)."
        ),
        108,
        lambda f, c: _money(f.our_surplus, c),
    ),
    (
        N_("Cons. margin"),
        N_("Conservative margin: (margin − expected shortfall) / revenue, on the offer's terms."),
        88,
        lambda f, _c: _pct(f.conservative_margin_pct),
    ),
    (
        N_("In zone"),
        N_(
            "Inside the zone of possible agreement: acceptable to us and better for them than "
            "their best alternative."
        ),
        62,
        lambda f, _c: "—" if f.in_zone is None else (_("yes") if f.in_zone else _("no")),
    ),
    (
        N_("Share"),
        N_(
            "Where the price sits in the zone on the offer's terms: 0 % at our walk-away, "
            "100 % at theirs."
        ),
        64,
        lambda f, _c: "—" if f.share is None else _pct(100 * f.share, 0),
    ),
    (
        N_("Plan"),
        N_("Our planned price for the offer's round (offers of ours)."),
        86,
        lambda f, c: "" if f.planned_price is None else _money(f.planned_price, c, 2),
    ),
    (
        N_("Flag"),
        N_(
            "An offer of ours below the plan for its round, or any offer below our walk-away, "
            "with what the difference costs us over the whole contract."
        ),
        230,
        lambda f, c: flag_text(f, c) or (_("on plan") if f.planned_price is not None else ""),
    ),
)


class OfferLogModel(EntityTableModel):
    """The offers, editable, then their figures (read-only) from the latest analysis."""

    def __init__(self, document: CaseDocument) -> None:
        self.editable_count = len(OFFER_COLUMNS)
        figure_columns = [
            Column(
                f"figure_{n}",
                header,
                "text",
                tooltip=tip,
                editable=False,
                width=width,
                get=self._reader(show),
            )
            for n, (header, tip, width, show) in enumerate(FIGURES)
        ]
        super().__init__(
            document,
            "offers",
            [*OFFER_COLUMNS, *figure_columns],
            noun="offer",
            new_entity=next_offer,
        )
        document.analysis_ready.connect(self._analysis_arrived)

    def _reader(self, show: FigureText) -> Callable[[Any], Any]:
        def read(offer: Offer) -> str:
            return self._figure_text(offer, show)

        return read

    def figures(self, offer: Offer) -> OfferFigures | None:
        """The figures of ``offer`` in the analysis on screen (None: not analysed yet)."""
        analysis = self.document.analysis
        if analysis is None:
            return None
        figures: OfferFigures | None = analysis.talks.offer(offer.id)
        return figures

    def _figure_text(self, offer: Offer, show: FigureText) -> str:
        figures = self.figures(offer)
        if figures is None or figures.unit_price is None:
            return "…" if figures is None else "—"
        return show(figures, self.document.case.info.currency)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        column = index.column()
        if column < self.editable_count:
            if role == Qt.ItemDataRole.DisplayRole and OFFER_COLUMNS[column].field in TERMS:
                return self._term_text(index.row(), column)
            if role == Qt.ItemDataRole.ToolTipRole and self._filled(index.row(), column):
                offer = self.item(index.row())
                return (
                    _("Not given: taken from our proposal (type a value to set it).")
                    if offer.from_ == "ours"
                    else _("Not given: taken from their demand (type a value to set it).")
                )
            if role == Qt.ItemDataRole.ForegroundRole and self._filled(index.row(), column):
                return QBrush(QColor(MUTED))
            return super().data(index, role)
        figures = self.figures(self.item(index.row()))
        if role == Qt.ItemDataRole.ForegroundRole and figures is not None:
            if flagged(figures):
                return QBrush(QColor(ALERT))
            if figures.side == "theirs" and column == self.columnCount() - 1:
                return QBrush(QColor(MUTED))
            in_zone = FIGURES[column - self.editable_count][0] == "In zone"
            if figures.side == "ours" and figures.in_zone is False and in_zone:
                return QBrush(QColor(ALERT))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            header = FIGURES[column - self.editable_count][0]
            side = Qt.AlignmentFlag.AlignLeft if header == "Flag" else Qt.AlignmentFlag.AlignRight
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#F4F6F7"))
        return super().data(index, role)

    def _filled(self, row: int, column: int) -> bool:
        """The term in this cell was left empty and is taken from the offer's reference."""
        offer = self.item(row)
        field = OFFER_COLUMNS[column].field
        return field in TERMS and getattr(offer, field) is None

    def _term_text(self, row: int, column: int) -> str:
        """A term as typed, or (grey) the one taken from our proposal or their demand."""
        offer = self.item(row)
        col = OFFER_COLUMNS[column]
        value = getattr(offer, col.field)
        if value is None:
            figures = self.figures(offer)
            if figures is None:
                return "—"
            value = getattr(figures, col.field)
        if col.field == "liability_cap" and value is None:
            return _("uncapped")
        return display_text(col, value, self.document.case.info.currency)

    def _analysis_arrived(self, _analysis: Any) -> None:
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
