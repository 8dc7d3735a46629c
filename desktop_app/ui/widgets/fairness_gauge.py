"""The Proposal tab's price panel: our price, the suggested fair price, both walk-aways and a
small painted gauge of the zone of possible agreement with the fair band and our proposal.

The gauge is drawn with QPainter rather than matplotlib: it is a few rectangles and a marker,
and it must be on screen before matplotlib is loaded.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop_app.analysis.wording import FAIR_PRICE_MEANING
from desktop_app.i18n import N_, _, language
from desktop_app.i18n.numbers import grouped

if TYPE_CHECKING:
    from desktop_app.analysis.results import Zopa
from desktop_app.ui.models.columns import format_money

GREEN, GREEN_LIGHT, FAIR_BAND = "#229954", "#D4EFDF", "#A9DFBF"
AMBER, RED, RED_LIGHT = "#D68910", "#C0392B", "#F5D5D1"
BLUE, GREY, GREY_LIGHT, INK = "#2874A6", "#7F8C8D", "#D5D8DC", "#1C2833"

#: verdict → (colour, words, what it means here)
VERDICTS: dict[str, tuple[str, str, str]] = {
    "fair": (
        GREEN,
        N_("Fair"),
        N_(
            "Our price sits inside the fair band of the zone: a decent and fair proposal that we "
            "can defend against every one of their alternatives."
        ),
    ),
    "aggressive": (
        AMBER,
        N_("Aggressive"),
        N_(
            "Our price takes more of the zone than the fair band: expect push-back, and have "
            "concessions ready that cost us little."
        ),
    ),
    "generous": (
        BLUE,
        N_("Generous"),
        N_("Our price leaves most of the zone to them: we could ask for more and still be fair."),
    ),
    "below_our_walk_away": (
        RED,
        N_("Below our walk-away"),
        N_("At this price the conservative margin misses our minimum: we should not offer it."),
    ),
    "above_their_walk_away": (
        RED,
        N_("Above their walk-away"),
        N_(
            "Their cheapest alternative costs them less than this price: they have a reason to "
            "walk away."
        ),
    ),
    "no_zopa": (
        RED,
        N_("No zone of agreement"),
        N_(
            "Their walk-away is not above ours: no price works for both sides as things stand. "
            "Cut our costs and risk, or show them what their alternatives really cost."
        ),
    ),
    "unknown": (
        GREY,
        N_("Unknown"),
        N_("A walk-away price or our proposal's price is missing, so the zone cannot be drawn."),
    ),
}

#: The tooltips of the figures, in English (marked; shown with ``_``).
TIP_PROPOSAL = N_("The first-year unit price of our proposal scenario (the Margin tab sets it).")
#: ``{meaning}``: ``FAIR_PRICE_MEANING`` (``tip_fair``).
TIP_FAIR = N_(
    "The suggested fair price: {meaning} (Nash bargaining with linear utilities: "
    "each side gains as much over its walk-away as the other). It claims no more than that — "
    "not what they will accept, nor where to open. Never show it to them: it reveals our "
    "walk-away."
)
TIP_OURS = N_(
    "Our walk-away price: the lowest first-year unit price whose conservative margin (after "
    "the expected shortfall of our risks) still meets the minimum margin."
)
TIP_THEIRS = N_(
    "Their walk-away price (their money BATNA): the first-year price, on our proposal's price "
    "path and terms, at which dealing with us costs them as much as their cheapest price-based "
    "alternative — its quote plus switching cost plus the expected cost of failure, on the "
    "payment days and liability they demand."
)
TIP_SHARE = N_(
    "Our share of the zone: where our price sits between our walk-away (0 %) and theirs "
    "(100 %). The fair band is the share that counts as fair."
)


def tip_fair() -> str:
    """The fair price's tooltip, in the language in use."""
    return _(TIP_FAIR).format(meaning=_(FAIR_PRICE_MEANING))


def _whole(value: float) -> str:
    """A percentage's number without decimals."""
    return f"{value:.0f}" if language() == "en" else grouped(value, 0)


def _tenth(value: float) -> str:
    """A percentage's number with one decimal ("12.5" / "12,5")."""
    return f"{value:.1f}" if language() == "en" else grouped(value, 1)


class FairnessGauge(QWidget):
    """[our walk-away ……fair band…… their walk-away] with our proposal's price marked."""

    #: What the marked price is called over its marker (shown with ``_``).
    marker_words = N_("our proposal")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zopa: Zopa | None = None
        self.currency = ""
        self.setMinimumSize(320, 112)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(520, 112)

    def show_zopa(self, zopa: Zopa | None, currency: str) -> None:
        self.zopa = zopa
        self.currency = currency
        self.setToolTip(self.explanation())
        self.update()

    # -- words --------------------------------------------------------------------------------

    def explanation(self) -> str:
        zopa = self.zopa
        if zopa is None:
            return _("The fairness gauge appears once the case is analysed.")
        colour, words, meaning = VERDICTS.get(zopa.verdict, VERDICTS["unknown"])
        lo, hi = zopa.fair_band
        lines = [
            f"<b style='color:{colour}'>{_(words)}.</b> {_(meaning)}",
            "",
            _(
                "The bar is the zone of possible agreement: from our walk-away price (left) to "
                "their walk-away price (right). Any price in it is better for both sides than "
                "walking away."
            ),
            _(
                "The darker band is the fair band: {low}–{high} % of the zone for us (Case tab "
                "settings)."
            ).format(low=_whole(100 * lo), high=_whole(100 * hi)),
            _("The marker is our proposal's first-year price."),
            _("The fair price, {meaning}, sits at 50 % of the zone.").format(
                meaning=_(FAIR_PRICE_MEANING)
            ),
        ]
        if zopa.our_share is not None:
            lines.append(
                _("Our proposal takes {share} % of the zone.").format(
                    share=_whole(100 * zopa.our_share)
                )
            )
        return "<br>".join(lines)

    def _money(self, value: float | None) -> str:
        return format_money(value, self.currency, 2)

    # -- painting -----------------------------------------------------------------------------

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        zopa = self.zopa
        width, height = self.width(), self.height()
        bar = QRectF(14, 46, width - 28, 18)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        painter.setFont(small)
        ours = zopa.our_walk_away if zopa is not None else None
        theirs = zopa.their_walk_away if zopa is not None else None
        price = zopa.proposal_price if zopa is not None else None
        if zopa is None or ours is None or theirs is None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(GREY_LIGHT))
            painter.drawRoundedRect(bar, 4, 4)
            painter.setPen(QColor(INK))
            missing = (
                _("No zone to draw: our walk-away unknown")
                if ours is None
                else _("No zone to draw: their walk-away unknown")
            )
            if ours is None and theirs is None:
                missing = _("No zone to draw: both walk-away prices unknown")
            painter.drawText(
                QRectF(0, bar.bottom() + 4, width, height - bar.bottom() - 4),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                missing,
            )
            return
        values = [v for v in (ours, theirs, price, zopa.fair_price) if v is not None]
        low, high = min(values), max(values)
        pad = (high - low) * 0.08 or max(abs(high) * 0.05, 1.0)
        low, high = low - pad, high + pad

        def x_of(value: float) -> float:
            return bar.left() + (value - low) / (high - low) * bar.width()

        painter.setPen(QPen(QColor(GREY_LIGHT), 1))
        painter.drawLine(
            QPointF(bar.left(), bar.center().y()), QPointF(bar.right(), bar.center().y())
        )
        left, right = x_of(min(ours, theirs)), x_of(max(ours, theirs))
        zone = QRectF(left, bar.top(), max(right - left, 2.0), bar.height())
        painter.setPen(Qt.PenStyle.NoPen)
        if zopa.exists:
            painter.setBrush(QColor(GREEN_LIGHT))
            painter.drawRect(zone)
            lo, hi = zopa.fair_band
            width_zone = theirs - ours
            band = QRectF(
                x_of(ours + lo * width_zone), bar.top(), (hi - lo) * width_zone, bar.height()
            )
            band.setWidth(max(x_of(ours + hi * width_zone) - band.left(), 2.0))
            painter.setBrush(QColor(FAIR_BAND))
            painter.drawRect(band)
            painter.setPen(QColor(GREEN))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, _("fair"))
        else:
            painter.setBrush(QColor(RED_LIGHT))
            painter.drawRect(zone)
            painter.setBrush(QBrush(QColor(RED), Qt.BrushStyle.BDiagPattern))
            painter.drawRect(zone)
            painter.setPen(QColor(RED))
            painter.drawText(zone.adjusted(-60, 0, 60, 0), Qt.AlignmentFlag.AlignCenter, _("gap"))
        self._end_labels(
            painter,
            bar,
            left,
            right,
            _("our walk-away") if ours <= theirs else _("their walk-away"),
            min(ours, theirs),
            _("their walk-away") if ours <= theirs else _("our walk-away"),
            max(ours, theirs),
        )
        if price is not None:
            colour = QColor(VERDICTS.get(zopa.verdict, VERDICTS["unknown"])[0])
            x = x_of(price)
            painter.setPen(QPen(colour, 3))
            painter.drawLine(QPointF(x, bar.top() - 6), QPointF(x, bar.bottom() + 4))
            marker = QPainterPath()
            marker.moveTo(x - 7, bar.top() - 16)
            marker.lineTo(x + 7, bar.top() - 16)
            marker.lineTo(x, bar.top() - 6)
            marker.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawPath(marker)
            painter.setPen(colour)
            text = f"{_(self.marker_words)} {self._money(price)}"
            box = QRectF(x - 110, 0, 220, bar.top() - 18)
            box.moveLeft(min(max(box.left(), 0), width - box.width()))
            painter.drawText(
                box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text
            )

    def _end_labels(
        self,
        painter: QPainter,
        bar: QRectF,
        left: float,
        right: float,
        left_name: str,
        left_value: float,
        right_name: str,
        right_value: float,
    ) -> None:
        """Name and price under each end of the zone: inside it when there is room, else
        outside."""
        painter.setPen(QPen(QColor(INK), 1))
        for x in (left, right):
            painter.drawLine(QPointF(x, bar.top()), QPointF(x, bar.bottom() + 4))
        box_width = 150.0
        inside = right - left >= 2 * box_width + 10
        top = bar.bottom() + 6
        left_box = QRectF(left if inside else left - box_width, top, box_width, 34)
        right_box = QRectF(right - box_width if inside else right, top, box_width, 34)
        for box in (left_box, right_box):
            box.moveLeft(min(max(box.left(), 0.0), self.width() - box_width))
        align_left = Qt.AlignmentFlag.AlignLeft if inside else Qt.AlignmentFlag.AlignRight
        align_right = Qt.AlignmentFlag.AlignRight if inside else Qt.AlignmentFlag.AlignLeft
        top_flag = Qt.AlignmentFlag.AlignTop
        painter.drawText(left_box, align_left | top_flag, f"{left_name}\n{self._money(left_value)}")
        painter.drawText(
            right_box, align_right | top_flag, f"{right_name}\n{self._money(right_value)}"
        )


class FairPricePanel(QGroupBox):
    """Our price, the fair price, both walk-aways, our share, the verdict and the gauge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Price and fairness"), parent)
        self.setToolTip(
            _(
                "Where our proposal's price sits in the zone of possible agreement (ZOPA), and "
                "the suggested fair price: {meaning}."
            ).format(meaning=_(FAIR_PRICE_MEANING))
        )
        # Two columns of figures (the prices we set, the walk-aways and the share), so the
        # panel stays short and the tables under it keep their rows on a laptop screen.
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        self.values: dict[str, QLabel] = {}
        places = (
            ("proposal", _("Our proposal"), _(TIP_PROPOSAL), 0, 0),
            ("fair", _("Suggested fair price"), tip_fair(), 1, 0),
            ("ours", _("Our walk-away"), _(TIP_OURS), 0, 3),
            ("theirs", _("Their walk-away"), _(TIP_THEIRS), 1, 3),
            ("share", _("Our share of the zone"), _(TIP_SHARE), 2, 3),
        )
        for key, text, tip, row, column in places:
            label = QLabel(text)
            label.setToolTip(tip)
            value = QLabel("—")
            value.setToolTip(tip)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setMinimumWidth(100)
            grid.addWidget(label, row, column)
            grid.addWidget(value, row, column + 1)
            self.values[key] = value
        self.fair_meaning = QLabel(_(FAIR_PRICE_MEANING))
        self.fair_meaning.setToolTip(tip_fair())
        self.fair_meaning.setWordWrap(True)
        self.fair_meaning.setStyleSheet("color: #555;")
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        self.fair_meaning.setFont(small)
        self.fair_meaning.setMaximumWidth(260)
        grid.addWidget(self.fair_meaning, 2, 0, 2, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnMinimumWidth(2, 6)
        grid.setRowStretch(3, 1)
        bold = QFont(self.font())
        bold.setBold(True)
        self.values["fair"].setFont(bold)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.gauge = FairnessGauge(self)
        right = QGridLayout()
        right.addWidget(self.verdict, 0, 0)
        right.addWidget(self.gauge, 1, 0)
        right.setRowStretch(2, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addLayout(right, 1)

    def show_figures(self, analysis: Any, currency: str, todo: list[str]) -> None:
        """Fill in from ``analysis.zopa`` (or dashes); ``todo`` says what is missing."""
        zopa = analysis.zopa if analysis is not None else None

        def money(value: float | None) -> str:
            return format_money(value, currency, 2)

        if zopa is None:
            for label in self.values.values():
                label.setText("—")
            self.verdict.setText(_("<i>Waiting for the analysis…</i>"))
            self.gauge.show_zopa(None, currency)
            return
        self.values["proposal"].setText(money(zopa.proposal_price))
        self.values["fair"].setText(money(zopa.fair_price))
        self.values["ours"].setText(money(zopa.our_walk_away))
        theirs = money(zopa.their_walk_away)
        batna = next(
            (a.name for a in zopa.alternatives if a.alternative_id == zopa.their_batna_alternative),
            None,
        )
        self.values["theirs"].setText(theirs)
        cheapest = (
            "\n" + _("Their cheapest alternative (money BATNA): {name}.").format(name=batna)
            if batna
            else ""
        )
        self.values["theirs"].setToolTip(_(TIP_THEIRS) + cheapest)
        share = zopa.our_share
        self.values["share"].setText("—" if share is None else f"{_tenth(100 * share)} %")
        colour, words, meaning = VERDICTS.get(zopa.verdict, VERDICTS["unknown"])
        words, meaning = _(words), _(meaning)
        extra = ""
        if zopa.verdict == "no_zopa" and zopa.width is not None:
            extra = " " + _("The gap is {amount} per unit.").format(amount=money(-zopa.width))
        if zopa.verdict == "unknown" and todo:
            extra = " " + _("To do: {items}").format(items=" ".join(dict.fromkeys(todo)))
        self.verdict.setText(
            f"<span style='color:{colour}; font-size:large'><b>{words}</b></span>"
            f"<br>{escape(meaning + extra)}"
        )
        self.verdict.setToolTip(meaning)
        self.gauge.show_zopa(zopa, currency)
