"""The Risk tab (SPEC §3): the risk register with the risks that tend to come together under
it (SPEC §9), each scenario's overrides, the figures of the loss under each scenario, the 5×5
heat map, the loss distributions and the expected shortfall with and without the liability
cap — on four sub-tabs, each part seen whole on a laptop screen."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain import edits
from desktop_app.domain.model import Case, Risk
from desktop_app.i18n import _
from desktop_app.ui.models.entity_model import EntityTableModel
from desktop_app.ui.models.risk_columns import RISK_COLUMNS
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.tabs.risk_correlations import CorrelationsPanel
from desktop_app.ui.tabs.risk_overrides import RiskOverridesPanel
from desktop_app.ui.tabs.scenario_figures import RISK_FIGURES, figures_grid
from desktop_app.ui.widgets.chart_view import ChartView
from desktop_app.ui.widgets.figure_grid import FigureGridModel, FigureGridView
from desktop_app.ui.widgets.figure_page import (
    RefusalNotice,
    TailWarning,
    missing_note,
    row_splitter,
    sub_tabs,
    titled,
)
from desktop_app.ui.widgets.table_editor import TableEditor


def stacked(widgets: list[QWidget]) -> QWidget:
    """``widgets`` one under the other; the first takes the height the others leave."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    for position, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if position == 0 else 0)
    return page


def new_risk(case: Case) -> Risk:
    return Risk(id=edits.new_id(case, "risk"), name=_("New risk"), probability=0.1)


class RiskTab(CaseTab):
    title = tab_entry("RiskTab").title
    tooltip = tab_entry("RiskTab").tooltip

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.model = EntityTableModel(
            document, "risks", RISK_COLUMNS, noun="risk", plural="risks", new_entity=new_risk
        )
        self.register = TableEditor(
            _("Risk register"),
            self.model,
            hint=_(
                "Every loss we may suffer under the contract, with its probability and its "
                "impact per occurrence. Ctrl+Insert adds a risk; paste rows from a spreadsheet "
                "with Ctrl+V."
            ),
        )
        self.overrides = RiskOverridesPanel(document)
        self.correlations = CorrelationsPanel(document)
        self.figures = FigureGridModel(self)
        self.figures_view = FigureGridView(self.figures)
        self.figures_note = QLabel()
        self.figures_note.setWordWrap(True)
        self.figures_note.setStyleSheet("color: #666;")
        self.tail_warning = TailWarning()
        figures_box = titled(
            _("Loss under each scenario"),
            _(
                "The total loss L over the contract from all risks, simulated under each "
                "scenario's terms (its years, liability cap and overrides). Hover a figure for "
                "what it means."
            ),
            self.tail_warning,
            self.figures_view,
            self.figures_note,
        )
        self.heat_map = self.add_chart(ChartView("risk_heat_map", title=_("Risk heat map")))
        self.heat_map.setToolTip(
            _(
                "The register on a 5×5 grid: probability band × likely impact per occurrence. "
                "Red cells are where to spend the mitigation effort. A line ties two correlated "
                "risks (solid: bad together; dashed: one bad when the other is mild)."
            )
        )
        self.distributions = self.add_chart(
            ChartView("loss_distributions", title=_("Loss distributions"))
        )
        self.distributions.setToolTip(
            _(
                "How the total loss is spread under each scenario: most contracts lose little, "
                "the long right tail is what the expected shortfall measures."
            )
        )
        self.shortfall = self.add_chart(
            ChartView(
                "shortfall_capped_vs_uncapped",
                title=_("Expected shortfall, capped vs uncapped"),
            )
        )
        self.shortfall.setToolTip(
            _(
                "What the bad cases cost with each scenario's liability cap and without any "
                "cap: the expected shortfall is the average loss of the worst (1 − confidence) "
                "share of simulated contracts. The difference is what the cap is worth to us."
            )
        )
        self.notice = RefusalNotice(document)
        # One page per part, each with the window's whole height (no page to scroll).
        self.sections = sub_tabs(
            [
                (
                    stacked([self.register, self.correlations]),
                    _("Register"),
                    _(
                        "Every risk, its probability and its impact, and the risks that tend to "
                        "come together"
                    ),
                ),
                (self.heat_map, _("Heat map"), _("The register on a 5×5 grid")),
                (
                    row_splitter([figures_box, self.distributions], [4, 3]),
                    _("Loss under each scenario"),
                    _("The figures of the total loss and its distribution, per scenario"),
                ),
                (
                    row_splitter([self.overrides, self.shortfall], [6, 5]),
                    _("Scenario overrides and the cap"),
                    _("Each scenario's own view of the risks, and what its liability cap is worth"),
                ),
            ]
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.notice)
        if document.analysis is not None:
            self.on_analysis(document.analysis)
        chain = [
            self.register.view,
            self.correlations.view,
            self.correlations.risk_a,
            self.correlations.risk_b,
            self.correlations.rho,
            self.correlations.add_button,
            self.figures_view,
            self.overrides.combo,
            self.overrides.view,
        ]
        for first, second in itertools.pairwise(chain):  # once all are in one window
            QWidget.setTabOrder(first, second)

    def on_analysis(self, analysis: Any) -> None:
        case = self.document.case
        self.figures.set_content(*figures_grid(case, analysis, RISK_FIGURES))
        self.figures_view.fit_columns()
        self.figures_note.setText(missing_note(analysis, "scenarios."))
        self.figures_note.setVisible(bool(self.figures_note.text()))
        self.tail_warning.show_settings(analysis.settings)
