"""The Deal tab (SPEC §8): what every term is worth to each side — on four sub-tabs, each seen
whole on a laptop screen: the trading plan (what to give, what to ask in return, in a table and
in words), three offers equal for us and the package better for both (added as a scenario in
one step), the chart of what each package is worth to each side, and the what-if."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n import N_, _
from desktop_app.ui.models.deal_scenarios import PackageTerms, package_words
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.tabs.deal_content import (
    Amounts,
    improvement_text,
    offers_grid,
    rate_note,
    trades_grid,
    trades_html,
)
from desktop_app.ui.tabs.deal_what_if import WhatIfPanel, save_package
from desktop_app.ui.widgets.chart_view import ChartView
from desktop_app.ui.widgets.figure_grid import FigureGridModel, FigureGridView
from desktop_app.ui.widgets.figure_page import RefusalNotice, sub_tabs, titled

CHART_TITLE = N_("What each package is worth to each side")
ADD_TEXT = N_("Add as scenario")


def _note(text: str = "", *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def _stacked(*parts: QWidget) -> QWidget:
    """``parts`` one under the other at their own heights, the spare room below."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(14)
    for part in parts:
        layout.addWidget(part)
    layout.addStretch(1)
    return page


class DealTab(CaseTab):
    title = tab_entry("DealTab").title
    tooltip = tab_entry("DealTab").tooltip

    #: A scenario was added from this tab (its name).
    scenario_added = Signal(str)

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        # -- the trading plan
        self.rate = _note()
        self.rate.setStyleSheet("color: #666;")
        self.trades = FigureGridModel(self)
        self.trades_view = FigureGridView(self.trades)
        self.trades_view.verticalHeader().setMinimumWidth(130)
        self.trade_words = _note(rich=True)
        trading = titled(
            _("Trading plan"),
            _(
                "Each term where our proposal and their demand differ: what conceding it costs "
                "us, what it is worth to them, and the price that makes us whole — ranked by the "
                "gain for both. Hover a row for it in words."
            ),
            self.rate,
            self.trades_view,
            self.trade_words,
        )
        # -- three offers equal for us, and better for both
        self.offers = FigureGridModel(self)
        self.offers_view = FigureGridView(self.offers)
        self.offers_view.verticalHeader().setMinimumWidth(130)
        self.offers_note = _note()
        self.offers_note.setStyleSheet("color: #666;")
        offers = titled(
            _("Three offers equal for us"),
            _(
                "Our proposal and two packages on other terms at the price that gives us "
                "exactly the same surplus, the best for them first: put all three on the table "
                "— whichever they pick tells us what they value."
            ),
            _note(
                _(
                    "The same value to us, different for them: whichever they pick tells us "
                    "what they value."
                )
            ),
            self.offers_view,
            self.offers_note,
        )
        self.improvement = _note()
        self.add_improvement = QPushButton(_(ADD_TEXT))
        self.add_improvement.setToolTip(
            _(
                "Add the package better for both as a new scenario (on our proposal's volume, "
                "years and risk overrides): one step, undone with Edit › Undo."
            )
        )
        self.add_improvement.clicked.connect(self.add_improvement_scenario)
        button_row = QWidget()
        row = QHBoxLayout(button_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_improvement)
        row.addStretch(1)
        better = titled(
            _("Better for both"),
            _(
                "A package of these terms that leaves both sides better off than our proposal, "
                "at the price that shares the gain most evenly — or none: our proposal is "
                "efficient."
            ),
            self.improvement,
            button_row,
        )
        # -- the chart
        self.chart = self.add_chart(
            ChartView("deal_packages", title=_(CHART_TITLE), min_height=300)
        )
        self.chart.setToolTip(
            _(
                "Our surplus against theirs for every combination of payment days, cap and "
                "yearly price change, each swept in price from our walk-away to theirs; their "
                "demand, our proposal, the offers equal for us and the package better for both "
                "are marked."
            )
        )
        # -- the what-if
        self.what_if = WhatIfPanel(document)
        self.what_if.message.connect(self.message)
        self.notice = RefusalNotice(document)
        self.sections = sub_tabs(
            [
                (trading, _("Trading plan"), _("What to give, what to ask in return")),
                (
                    _stacked(offers, better),
                    _("Equal offers, better for both"),
                    _("Three offers equal for us, and the package better for both"),
                ),
                (self.chart, _("Chart"), _(CHART_TITLE)),
                (
                    self.what_if,
                    _("What-if"),
                    _("Move price, price change, payment days and cap: both sides' figures follow"),
                ),
            ]
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.notice)
        self.add_improvement.setEnabled(False)
        if document.analysis is not None:
            self.on_analysis(document.analysis)

    def on_analysis(self, analysis: Any) -> None:
        deal = analysis.deal
        amounts = Amounts(analysis.settings.currency)
        self.rate.setText(rate_note(deal))
        trades = deal.trades or ()
        self.trades.set_content(*trades_grid(trades, amounts))
        self.trades_view.fit_columns()
        if deal.trades is None:
            self.trade_words.setText(f"<p>{escape(deal.reason or '')}</p>")
        elif not trades:
            said = _(
                "Our proposal asks for the same terms as their demand: only the price is open."
            )
            self.trade_words.setText(f"<p>{escape(said)}</p>")
        else:
            self.trade_words.setText(trades_html(trades, amounts))
        offers = deal.meso or ()
        self.offers.set_content(*offers_grid(offers, amounts))
        self.offers_view.fit_columns()
        note = deal.meso_note if deal.trades is not None else deal.reason
        self.offers_note.setText(note or "")
        self.offers_note.setVisible(bool(note))
        self.improvement.setText(improvement_text(deal, amounts))
        self.add_improvement.setEnabled(
            deal.improvement is not None and not self.document.read_only
        )
        self.what_if.show_analysis(analysis)

    def add_improvement_scenario(self) -> str | None:
        """Add the package better for both as a new scenario (one undo step); None when it is
        stored, else why not."""
        analysis = self.document.analysis
        better = analysis.deal.improvement if analysis is not None else None
        if analysis is None or better is None:
            return _("There is no package better for both.")
        terms = PackageTerms(
            better.unit_price,
            better.annual_price_change_pct,
            better.payment_days,
            better.liability_cap,
        )
        name = _("Better for both: {package}").format(
            package=package_words(terms, analysis.settings.currency)
        )
        refused = save_package(
            self.document, terms, name, _("Add improvement as scenario"), self.message
        )
        if refused is None:
            self.scenario_added.emit(name)
        return refused
