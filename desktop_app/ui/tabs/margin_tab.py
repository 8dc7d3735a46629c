"""The Margin tab (SPEC §3, §9): cost lines, the scenarios and every §2 figure of each side by
side, the ZOPA chart, the tornado, the intelligence to gather and the chance of a deal at each
price (the acceptance curve) — on five sub-tabs, each part seen whole on a laptop screen."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from desktop_app.i18n import N_, _
from desktop_app.i18n.numbers import grouped
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.models.entity_model import EntityTableModel
from desktop_app.ui.models.figure_cells import NO_REASON, unavailable_reason
from desktop_app.ui.models.margin_columns import COST_COLUMNS, ScenarioTableModel, new_cost_line
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.tabs.scenario_figures import MARGIN_FIGURES, figures_grid, intelligence_grid
from desktop_app.ui.widgets.chart_view import ChartView
from desktop_app.ui.widgets.figure_grid import FigureGridModel, FigureGridView
from desktop_app.ui.widgets.figure_page import (
    RefusalNotice,
    TailWarning,
    column_splitter,
    fit_rows,
    missing_note,
    stretch_first_column,
    sub_tabs,
    titled,
)
from desktop_app.ui.widgets.table_editor import TableEditor

VERDICTS = {
    "fair": N_("fair — inside the fair band of the zone"),
    "aggressive": N_("aggressive — above the fair band: expect push-back"),
    "generous": N_("generous — below the fair band: we leave money on the table"),
    "below_our_walk_away": N_("below our walk-away price"),
    "above_their_walk_away": N_("above their walk-away price: their best alternative beats it"),
    "no_zopa": N_("no zone of possible agreement"),
    "unknown": N_("unknown"),
}


def zopa_sentence(analysis: Any) -> tuple[str, str]:
    """One line on the zone of possible agreement, and its tooltip."""
    zopa = analysis.zopa
    currency = analysis.settings.currency
    tip = _(
        "ZOPA: the prices both sides can accept — from our walk-away price (the lowest price "
        "whose conservative margin meets our minimum) to theirs (the price at which dealing "
        "with us on our proposal's terms costs them as much as their cheapest alternative, "
        "their money BATNA, on the terms they demand)."
    )
    for key, value in (
        ("zopa.our_walk_away", zopa.our_walk_away),
        ("zopa.their_walk_away", zopa.their_walk_away),
    ):
        if value is None:
            return _("ZOPA unknown: {reason}").format(reason=unavailable_reason(analysis, key)), tip

    def price(value: float | None) -> str:
        return format_money(value, currency, 2)

    ours, theirs = price(zopa.our_walk_away), price(zopa.their_walk_away)
    batna = next(
        (a.name for a in zopa.alternatives if a.alternative_id == zopa.their_batna_alternative),
        None,
    )
    batna_text = " " + _("Their money BATNA: {name}.").format(name=batna) if batna else ""
    if not zopa.exists:
        gap = price((zopa.our_walk_away or 0) - (zopa.their_walk_away or 0))
        text = _("No ZOPA: their walk-away {theirs} is {gap} under ours ({ours}).").format(
            theirs=theirs, gap=gap, ours=ours
        )
        return text + batna_text, tip
    text = _("ZOPA {ours} – {theirs} per unit (width {width}).").format(
        ours=ours, theirs=theirs, width=price(zopa.width)
    )
    text += batna_text
    if zopa.proposal_price is not None:
        verdict = _(VERDICTS[zopa.verdict]) if zopa.verdict in VERDICTS else zopa.verdict
        if zopa.our_share is None:
            said = _("Our proposal at {price}: {verdict}.")
        else:
            said = _("Our proposal at {price}, {share} % of the zone: {verdict}.")
        text += " " + said.format(
            price=price(zopa.proposal_price),
            share=grouped(100 * (zopa.our_share or 0.0), 0),
            verdict=verdict,
        )
    return text, tip


def intelligence_note(analysis: Any) -> str:
    if analysis.intelligence:
        return _(
            "Only the assumptions whose move changes the zone are listed. In red and first: a "
            "move that leaves a walk-away undefined or removes the zone; then by swing."
        )
    for key in ("intelligence", "zopa.their_walk_away"):
        reason = unavailable_reason(analysis, key)
        if reason != NO_REASON:
            return _("Nothing to gather yet: {reason}").format(reason=reason)
    return _("No assumption about the counterpart moves the zone of possible agreement.")


class MarginTab(CaseTab):
    title = tab_entry("MarginTab").title
    tooltip = tab_entry("MarginTab").tooltip

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.cost_model = EntityTableModel(
            document,
            "cost_lines",
            COST_COLUMNS,
            noun="cost line",
            plural="cost lines",
            new_entity=new_cost_line,
        )
        self.cost_lines = TableEditor(
            _("Cost lines"),
            self.cost_model,
            hint=_("What delivering the contract costs us: per unit, per year or once."),
        )
        self.scenario_model = ScenarioTableModel(document)
        self.scenarios = TableEditor(
            _("Scenarios"),
            self.scenario_model,
            hint=_(
                "The deal packages: their demand, our proposal and any other to compare. "
                "At most one of each special role."
            ),
        )
        self.figures = FigureGridModel(self)
        self.figures_view = FigureGridView(self.figures)
        self.figures_view.verticalHeader().setMinimumWidth(190)
        self.figures_note = QLabel()
        self.figures_note.setWordWrap(True)
        self.figures_note.setStyleSheet("color: #666;")
        self.tail_warning = TailWarning()
        figures_box = titled(
            _("Figures side by side"),
            _(
                "Every figure of each scenario, their demand and our proposal highlighted. "
                "Hover a row or a figure for what it means; Ctrl+C copies rows."
            ),
            self.tail_warning,
            self.figures_view,
            self.figures_note,
        )
        self.zopa_label = QLabel()
        self.zopa_label.setWordWrap(True)
        self.zopa_chart = self.add_chart(
            ChartView("zopa_bar", title=_("Zone of possible agreement"), min_height=170)
        )
        self.zopa_chart.setToolTip(
            _(
                "Our walk-away, their walk-away and our proposal on one price line: the zone "
                "between the walk-aways is where a deal is possible."
            )
        )
        zopa_box = titled(
            _("Zone of possible agreement"),
            _("Computed on our proposal's price path."),
            self.zopa_label,
            self.zopa_chart,
        )
        self.tornado = self.add_chart(ChartView("tornado", title=_("Sensitivity (tornado)")))
        self.tornado.setToolTip(
            _(
                "Each input moved down and up by the sensitivity step, one at a time: how the "
                "width of the zone of possible agreement changes. The longest bars matter most "
                "— except a move that breaks the analysis (it leaves a walk-away undefined or "
                "removes the zone), which matters before any swing."
            )
        )
        self.acceptance = self.add_chart(
            ChartView("acceptance_curve", title=_("Chance of a deal at each price"))
        )
        self.acceptance.setToolTip(
            _(
                "When their alternatives' prices carry a range, their walk-away is uncertain: "
                "the curve is the chance that they accept each price (the share of simulated "
                "runs in which their walk-away is at or above it), with our walk-away, our "
                "proposal and the best single offer (the price with the highest expected "
                "surplus) marked."
            )
        )
        self.intelligence = FigureGridModel(self)
        self.intelligence_view = FigureGridView(self.intelligence, auto_columns=False)
        self.intelligence_note = QLabel()
        self.intelligence_note.setWordWrap(True)
        self.intelligence_note.setStyleSheet("color: #666;")
        intelligence_box = titled(
            _("Intelligence to gather"),
            _(
                "The assumptions about the counterpart that move their walk-away price most, "
                "and the question that would settle each. Find out before the meeting."
            ),
            self.intelligence_view,
            self.intelligence_note,
        )
        self.notice = RefusalNotice(document)
        chain = [self.scenarios.view, self.figures_view, self.cost_lines.view]
        chain.append(self.intelligence_view)
        stretch_first_column(self.cost_lines.view)
        stretch_first_column(self.scenarios.view)
        # One page per part, each with the window's whole height (no page to scroll).
        self.sections = sub_tabs(
            [
                (
                    column_splitter([self.scenarios, figures_box], [2, 5]),
                    _("Scenarios and figures"),
                    _("The deal packages and every figure of each, side by side"),
                ),
                (self.cost_lines, _("Cost lines"), _("What delivering the contract costs us")),
                (
                    column_splitter([zopa_box, intelligence_box], [3, 2]),
                    _("Zone of agreement"),
                    _("The zone of possible agreement, and the intelligence to gather"),
                ),
                (
                    self.tornado,
                    _("What moves the zone"),
                    _("The tornado: each input moved on its own"),
                ),
                (
                    self.acceptance,
                    _("Chance of a deal"),
                    _("Their walk-away uncertain: the chance that they accept each price"),
                ),
            ]
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.notice)
        self.on_case(document.case)
        if document.analysis is not None:
            self.on_analysis(document.analysis)
        for first, second in itertools.pairwise(chain):  # once all are in one window
            QWidget.setTabOrder(first, second)

    def on_case(self, _case: Any) -> None:
        fit_rows(self.scenarios, self.scenarios.view)

    def on_analysis(self, analysis: Any) -> None:
        case = self.document.case
        self.figures.set_content(*figures_grid(case, analysis, MARGIN_FIGURES))
        self.figures_view.fit_columns()
        notes = [missing_note(analysis, "scenarios.")]
        notes += [
            _("No walk-away price for {scenario}: {note}").format(
                scenario=s.name or s.id, note=s.walk_away_note
            )
            for s in analysis.scenarios
            if s.walk_away_note
        ]
        self.figures_note.setText("\n".join(n for n in notes if n))
        self.figures_note.setVisible(bool(self.figures_note.text()))
        self.tail_warning.show_settings(analysis.settings)
        text, tip = zopa_sentence(analysis)
        self.zopa_label.setText(text)
        self.zopa_label.setToolTip(tip)
        self.intelligence.set_content(*intelligence_grid(analysis))
        header = self.intelligence_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        swing = max(130, self.intelligence_view.sizeHintForColumn(2) + 12)
        assumed = max(120, header.sectionSizeHint(1))  # its title whole in a longer language
        for column, width in enumerate((340, assumed, swing)):
            self.intelligence_view.setColumnWidth(column, width)
        self.intelligence_view.fit_height()
        self.intelligence_note.setText(intelligence_note(analysis))
