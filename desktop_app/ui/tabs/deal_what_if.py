"""The Deal tab's what-if: the four tradable terms — first-year price, yearly price change,
payment days, liability cap — on sliders and in fields, starting at our proposal's, and what
the package is worth to each side as they move: both surpluses, both walk-aways, the zone and
the verdict.

Each move is answered from the analysis's ``DealModel`` (SPEC §8's formulas on numbers the
analysis kept; the risk figures of a new cap come from the same draws and are cached), never a
new simulation: a move costs about a millisecond, two for a cap not seen before. "Save as
scenario" stores the position as a new scenario in one undo step.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.analysis.figures import EXPECTED_SHORTFALL, ZOPA_LABELS, words
from desktop_app.analysis.zopa import verdict
from desktop_app.domain.model import Scenario
from desktop_app.i18n import N_, _, language
from desktop_app.i18n.numbers import currency_symbol, grouped
from desktop_app.ui.models.columns import column_for, format_money
from desktop_app.ui.models.deal_scenarios import PackageTerms, package_words, with_package
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs.dashboard import VERDICT_WORDS
from desktop_app.ui.widgets.fairness_gauge import FairnessGauge
from desktop_app.ui.widgets.term_control import TermControl, nice_step

if TYPE_CHECKING:  # numpy behind it: imported when the what-if first moves
    from desktop_app.analysis.deal_model import DealModel, Package, PackageFigures
    from desktop_app.analysis.results import CaseAnalysis, Verdict, Zopa

#: The rows of figures, in order: (key, label, tooltip). Labels of catalogue figures come from
#: the catalogue.
FIGURE_ROWS = (
    (
        "our_surplus",
        N_("Our surplus"),
        N_(
            "Our conservative margin (after the expected shortfall) over our money BATNA, over "
            "the whole contract: what the package is worth to us."
        ),
    ),
    (
        "their_surplus",
        N_("Their surplus"),
        N_(
            "What the package saves them against their cheapest alternative on the terms they "
            "demand, over the whole contract: what it is worth to them."
        ),
    ),
    (
        "our_walk_away",
        ZOPA_LABELS["our_walk_away"],
        N_(
            "The lowest first-year price we accept on these terms (the minimum margin met and "
            "our best alternative beaten)."
        ),
    ),
    (
        "their_walk_away",
        ZOPA_LABELS["their_walk_away"],
        N_(
            "The first-year price at which these terms cost them as much as their cheapest "
            "alternative on the terms they demand."
        ),
    ),
    (
        "shortfall",
        "",
        N_("Our expected shortfall under this cap: what the bad cases cost on average."),
    ),
    (
        "risk_kept",
        N_("Risk they keep"),
        N_("The expected loss above our cap that stays with them (0 uncapped)."),
    ),
    ("zone", ZOPA_LABELS["width"], N_("The prices both sides can accept on these terms.")),
    ("verdict", ZOPA_LABELS["verdict"], N_("Where the price sits in the zone on these terms.")),
)
#: The rows that say a phrase rather than a figure.
WORDED = frozenset({"zone", "verdict"})
SAVE_TEXT = N_("Save what-if as scenario")


def _signed(value: float, currency: str) -> str:
    text = format_money(abs(value), currency, 0)
    if round(value) == 0:
        return _("no change")
    return ("+" if value > 0 else "−") + text


class WhatIfPanel(QWidget):
    """Sliders and fields for the four terms, and what the package is worth to each side."""

    #: A sentence for the status bar (a scenario was saved, or why not).
    message = Signal(str)
    #: The figures on screen were worked out again (after a move or a new analysis).
    updated = Signal()

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model: DealModel | None = None
        self.figures: PackageFigures | None = None
        self.proposal: PackageFigures | None = None
        self.zopa: Zopa | None = None
        self.currency = ""
        self.last_update_ms = 0.0
        self._start: tuple[Any, ...] | None = None
        self.price = self._control("unit_price", 2)
        self.price.spin.setGroupSeparatorShown(True)
        self.change = self._control("annual_price_change_pct", 2, suffix=" %")
        self.days = self._control("payment_days", 0, suffix=" " + _("days"))
        self.cap = self._control("liability_cap", 0, none_text=_("Uncapped"))
        self.cap.spin.setGroupSeparatorShown(True)
        self.controls = (self.price, self.change, self.days, self.cap)
        self.reset_button = QPushButton(_("Back to our proposal"))
        self.reset_button.setToolTip(_("Put every term back to our proposal's."))
        self.reset_button.clicked.connect(self.reset)
        self.save_button = QPushButton(_(SAVE_TEXT))
        self.save_button.setToolTip(
            _(
                "Add this package as a new scenario (on our proposal's volume, years and risk "
                "overrides): one step, undone with Edit › Undo."
            )
        )
        self.save_button.clicked.connect(self.save_as_scenario)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #666;")
        self.reason.hide()

        terms = QGroupBox(_("Move the terms"))
        grid = QGridLayout(terms)
        grid.setColumnStretch(1, 1)
        for row, control in enumerate(self.controls):
            control.add_to(grid, row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        grid.addLayout(buttons, len(self.controls), 0, 1, 4)

        worth = QGroupBox(_("What the package is worth"))
        table = QGridLayout(worth)
        table.setColumnStretch(1, 1)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.changes: dict[str, QLabel] = {}
        against = QLabel(_("against our proposal"))
        against.setStyleSheet("color: #666;")
        table.addWidget(against, 0, 2)
        for row, (key, label, tip) in enumerate(FIGURE_ROWS, start=1):
            name = QLabel(_(label) if label else "")
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setStyleSheet("font-weight: bold;")
            changed = QLabel("")
            changed.setStyleSheet("color: #666;")
            for widget in (name, value, changed):
                widget.setToolTip(_(tip))
            table.addWidget(name, row, 0)
            if key in WORDED:  # a phrase: on the whole width, wrapped
                value.setWordWrap(True)
                table.addWidget(value, row, 1, 1, 2)
            else:
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.addWidget(value, row, 1)
                table.addWidget(changed, row, 2)
            self.names[key], self.values[key], self.changes[key] = name, value, changed
        self.status = QLabel()
        self.status.setWordWrap(True)
        table.addWidget(self.status, len(FIGURE_ROWS) + 1, 0, 1, 3)
        table.setRowStretch(len(FIGURE_ROWS) + 2, 1)

        self.gauge = FairnessGauge()
        self.gauge.marker_words = _("this package")
        zone = QGroupBox(_("Where the price sits in the zone, on these terms"))
        QVBoxLayout(zone).addWidget(self.gauge)
        columns = QHBoxLayout()
        columns.addWidget(terms, 1)
        columns.addWidget(worth, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reason)
        layout.addLayout(columns)
        layout.addWidget(zone)
        layout.addStretch(1)
        for control in self.controls:
            control.changed.connect(self.update_figures)
        self._set_enabled(False)

    def _control(
        self, field: str, decimals: int, *, suffix: str = "", none_text: str | None = None
    ) -> TermControl:
        column = column_for(Scenario, field)
        return TermControl(
            column.title,
            decimals=decimals,
            suffix=suffix,
            tooltip=column.tip,
            none_text=none_text,
            parent=self,
        )

    # -- a new analysis ---------------------------------------------------------------------

    def show_analysis(self, analysis: CaseAnalysis) -> None:
        """Take the analysis's model; start again from our proposal when its terms changed
        (else keep the position and answer it with the new figures)."""
        deal = analysis.deal
        info = self.document.case.info
        self.currency = analysis.settings.currency
        self.zopa = analysis.zopa
        self.names["shortfall"].setText(EXPECTED_SHORTFALL.label_in(words(info)))
        self.cap.spin.setSuffix(f" {self.currency}")
        self.price.spin.setSuffix(f" {self.currency}")
        model, proposal = deal.model, deal.proposal
        if model is None or proposal is None:
            self.model = None
            self.reason.setText(
                _(
                    "The what-if needs our proposal's price, volume and the analysis: {reason}"
                ).format(reason=deal.reason or _("complete the proposal scenario."))
            )
            self.reason.show()
            self._set_enabled(False)
            return
        self.reason.hide()
        self.model = model
        start = (
            proposal.unit_price,
            proposal.annual_price_change_pct,
            proposal.payment_days,
            proposal.liability_cap,
        )
        from desktop_app.analysis.deal_model import Package, Terms

        self.proposal = model.figures(Package(start[0], Terms(start[1], start[2], start[3])))
        self._set_ranges(analysis)
        if start != self._start:
            self._start = start
            self._move_to(*start)
        self._set_enabled(True)
        self.update_figures()

    def _set_ranges(self, analysis: CaseAnalysis) -> None:
        deal = analysis.deal
        case = self.document.case
        prices = [p for p in (analysis.zopa.our_walk_away, analysis.zopa.their_walk_away) if p]
        changes, days, caps = [0.0], [0, 30, 90], []
        for package in (deal.proposal, deal.demand):
            if package is not None:
                prices.append(package.unit_price)
                changes.append(package.annual_price_change_pct)
                days.append(package.payment_days)
                caps.append(package.liability_cap)
        for grid in deal.grid:
            prices += [p for p in (grid.our_walk_away, grid.their_walk_away) if p is not None]
            changes.append(grid.annual_price_change_pct)
            caps.append(grid.liability_cap)
        prices = [p for p in prices if p > 0.0] or [1.0]
        low, high = 0.85 * min(prices), 1.15 * max(prices)
        step = nice_step(high - low, 400)
        self.price.set_range(low - low % step, high, step, page=10)
        self.price.set_minimum(0.0)
        self.change.set_range(min(changes) - 3.0, max(changes) + 3.0, 0.1)
        self.change.set_minimum(-99.0)
        self.days.set_range(0, min(max(max(days) + 30, 120), 365), 1, page=15)
        self.days.set_minimum(0.0)
        self.days.spin.setMaximum(365.0)
        finite = [c for c in caps if c is not None]
        if not finite:  # both uncapped: a range as wide as the largest capped impact
            finite = [r.impact_high for r in case.risks if r.capped_by_liability] or [1e6]
        top = 2.5 * max(finite)
        self.cap.set_range(0.0, top, nice_step(top, 200))
        self.cap.set_minimum(0.0)

    def _move_to(self, price: float, change: float, days: int, cap: float | None) -> None:
        self.price.set_value(price)
        self.change.set_value(change)
        self.days.set_value(float(days))
        self.cap.set_value(cap)

    def _set_enabled(self, enabled: bool) -> None:
        for control in self.controls:
            for widget in (control.slider, control.spin, control.none_box):
                if widget is not None:
                    widget.setEnabled(enabled)
            if enabled:
                control.set_value(control.value())  # the cap's box decides its slider
        self.reset_button.setEnabled(enabled)
        self.save_button.setEnabled(enabled and not self.document.read_only)

    # -- the position -----------------------------------------------------------------------

    def package(self) -> Package:
        """The package the controls show."""
        from desktop_app.analysis.deal_model import Package, Terms

        return Package(
            float(self.price.value() or 0.0),
            Terms(
                float(self.change.value() or 0.0),
                round(self.days.value() or 0.0),
                self.cap.value(),
            ),
        )

    def reset(self) -> None:
        """Back to our proposal's terms."""
        if self._start is not None:
            self._move_to(*self._start)
            self.update_figures()

    def update_figures(self) -> None:
        """Work out the package on screen and show what it is worth to each side."""
        if self.model is None:
            return
        clock = time.perf_counter()
        figures = self.model.figures(self.package())
        self.figures = figures
        self._show(figures)
        self.last_update_ms = (time.perf_counter() - clock) * 1000.0
        self.updated.emit()

    def _show(self, f: PackageFigures) -> None:
        currency, values, changes = self.currency, self.values, self.changes
        base = self.proposal
        values["our_surplus"].setText(format_money(f.our_surplus, currency, 0))
        changes["our_surplus"].setText(
            "" if base is None else _signed(f.our_surplus - base.our_surplus, currency)
        )
        if f.their_surplus is None:
            values["their_surplus"].setText(_("unknown"))
            changes["their_surplus"].setText(_("their money BATNA is unknown"))
        else:
            values["their_surplus"].setText(format_money(f.their_surplus, currency, 0))
            theirs = base.their_surplus if base is not None else None
            changes["their_surplus"].setText(
                "" if theirs is None else _signed(f.their_surplus - theirs, currency)
            )
        ours, theirs_walk = f.our_walk_away, f.their_walk_away
        values["our_walk_away"].setText(
            format_money(ours, currency, 2) if ours is not None else _("none on these terms")
        )
        values["their_walk_away"].setText(
            format_money(theirs_walk, currency, 2) if theirs_walk is not None else _("unknown")
        )
        for key, now, then in (
            ("our_walk_away", ours, base.our_walk_away if base else None),
            ("their_walk_away", theirs_walk, base.their_walk_away if base else None),
        ):
            moved = None if now is None or then is None else now - then
            changes[key].setText(
                ""
                if moved is None or abs(moved) < 0.005
                else ("+" if moved > 0 else "−") + format_money(abs(moved), currency, 2)
            )
        values["zone"].setText(self._zone(ours, theirs_walk))
        band = self.zopa.fair_band if self.zopa is not None else (0.4, 0.6)
        word, share = verdict(f.package.unit_price, ours, theirs_walk, band)
        self._show_gauge(f, word, share)
        label, colour = VERDICT_WORDS.get(word, (word, "#666666"))
        label = _(label)
        if share is not None and 0.0 <= share <= 1.0:
            label = _("{verdict} — {share} % of the zone").format(
                verdict=label, share=grouped(100 * share, 0)
            )
        values["verdict"].setText(label)
        values["verdict"].setStyleSheet(f"font-weight: bold; color: {colour};")
        values["shortfall"].setText(format_money(f.expected_shortfall, currency, 0))
        values["risk_kept"].setText(format_money(f.their_risk_kept, currency, 0))
        self.status.setText(self._status(f))

    def _show_gauge(self, f: PackageFigures, word: Verdict, share: float | None) -> None:
        """The zone on these terms, the package's price marked (the Proposal tab's gauge)."""
        if self.zopa is None:
            return
        ours, theirs = f.our_walk_away, f.their_walk_away
        width = None if ours is None or theirs is None else theirs - ours
        exists = None if width is None else width > 0.0
        zone = replace(
            self.zopa,
            our_walk_away=ours,
            their_walk_away=theirs,
            width=width,
            exists=exists,
            fair_price=(ours + theirs) / 2.0
            if exists and ours is not None and theirs is not None
            else None,
            proposal_price=f.package.unit_price,
            our_share=share,
            verdict=word,
        )
        self.gauge.show_zopa(zone, self.currency)
        self.gauge.setToolTip(
            _(
                "The zone of possible agreement on the terms of the what-if, from our walk-away "
                "to theirs; the darker band is the fair band, the marker the price on screen."
            )
        )

    def _zone(self, ours: float | None, theirs: float | None) -> str:
        currency = self.currency
        if ours is None or theirs is None:
            return _("unknown: a walk-away is missing on these terms")
        if theirs <= ours:
            gap = format_money(ours - theirs, currency, 2)
            return _("none: their walk-away is {gap} under ours").format(gap=gap)
        return _("{ours} – {theirs} {currency} (width {width})").format(
            ours=grouped(ours, 2),
            theirs=grouped(theirs, 2),
            currency=currency if language() == "en" else currency_symbol(currency),
            width=format_money(theirs - ours, currency, 2),
        )

    def _status(self, f: PackageFigures) -> str:
        if not f.acceptable_to_us:
            said = _(
                "<b>We would not sign this:</b> the price is under our walk-away on these terms."
            )
            return f"<span style='color: #b00020'>{said}</span>"
        if f.their_surplus is not None and f.their_surplus < 0.0:
            said = _("<b>They would not sign this:</b> their cheapest alternative costs them less.")
            return f"<span style='color: #b00020'>{said}</span>"
        said = _("Acceptable to both sides.")
        return f"<span style='color: #2e7d32'>{said}</span>"

    # -- saving -----------------------------------------------------------------------------

    def save_as_scenario(self) -> str | None:
        """Add the package on screen as a new scenario (one undo step). Returns None when it
        is stored, else why not."""
        package = self.package()
        terms = PackageTerms(
            package.unit_price,
            package.annual_price_change_pct,
            package.payment_days,
            package.liability_cap,
        )
        name = _("What-if: {package}").format(package=package_words(terms, self.currency))
        return save_package(self.document, terms, name, _(SAVE_TEXT), self.message)


def save_package(
    document: CaseDocument, terms: PackageTerms, name: str, text: str, message: Any
) -> str | None:
    """Store ``terms`` as a new scenario named ``name`` in one undo step named ``text``;
    ``message`` (a signal) hears what happened. Returns None when stored, else why not."""
    added = with_package(document.case, terms, name)
    if added is None:
        reason = _("There is no proposal scenario to take the volume and years from.")
        message.emit(reason)
        return reason
    case, scenario = added
    refused = document.change(case, text)
    if refused is None:
        message.emit(
            _(
                "Added the scenario “{name}” (Margin tab): its scores are our proposal's — "
                "review them in the score matrix."
            ).format(name=scenario.name)
        )
    return refused
