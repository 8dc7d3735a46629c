"""The Risk tab (SPEC §3): the risk register, each scenario's overrides, the figures of the
loss under each scenario, the 5×5 heat map, the loss distributions and the expected
shortfall with and without the liability cap."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain import edits
from desktop_app.domain.model import Case, Risk
from desktop_app.ui.chart_view import ChartView
from desktop_app.ui.columns import Column
from desktop_app.ui.document import CaseDocument
from desktop_app.ui.entity_model import EntityTableModel
from desktop_app.ui.figure_grid import FigureGridModel, FigureGridView
from desktop_app.ui.figure_page import (
    RefusalNotice,
    TailWarning,
    missing_note,
    row_splitter,
    scrolling_page,
    titled,
)
from desktop_app.ui.risk_overrides import RiskOverridesPanel
from desktop_app.ui.scenario_figures import RISK_FIGURES, figures_grid
from desktop_app.ui.table_editor import TableEditor
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.base import CaseTab

RISK_COLUMNS: tuple[Column, ...] = (
    Column("name", "Risk", "text", "What could go wrong, in a few words.", width=222),
    Column("category", "Category", "text", "Liability, supply, commercial, financial…", width=85),
    Column(
        "probability",
        "Probability",
        "fraction",
        "The chance it happens: once over the whole contract, or in each contract year "
        "(see Frequency).",
        width=85,
    ),
    Column(
        "frequency",
        "Frequency",
        "choice",
        "Once per contract: it may happen at most once. Each year: it may happen in every "
        "contract year, independently.",
        choices=(("per_contract", "once per contract"), ("per_year", "each year")),
        width=125,
    ),
    Column(
        "impact_low",
        "Impact low",
        "money",
        "The smallest cost of one occurrence (triangular distribution: low ≤ likely ≤ high).",
        width=108,
    ),
    Column(
        "impact_likely",
        "Impact likely",
        "money",
        "The most likely cost of one occurrence.",
        width=108,
    ),
    Column(
        "impact_high",
        "Impact high",
        "money",
        "The worst realistic cost of one occurrence.",
        width=108,
    ),
    Column(
        "capped_by_liability",
        "Capped",
        "bool",
        "Yes: the scenario's liability cap limits each occurrence (a recall, a penalty). "
        "No: the cap does not help (price spikes, currency, lost staff).",
        width=60,
    ),
    Column("owner", "Owner", "text", "Who on our side watches this risk.", width=115),
    Column(
        "mitigation",
        "Mitigation",
        "longtext",
        "What we do to make it less likely or less costly (readiness asks for one per risk).",
        width=180,
    ),
)


def new_risk(case: Case) -> Risk:
    return Risk(id=edits.new_id(case, "risk"), name="New risk", probability=0.1)


class RiskTab(CaseTab):
    title = tab_entry("RiskTab").title
    tooltip = tab_entry("RiskTab").tooltip

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.model = EntityTableModel(
            document, "risks", RISK_COLUMNS, noun="risk", plural="risks", new_entity=new_risk
        )
        self.register = TableEditor(
            "Risk register",
            self.model,
            hint="Every loss we may suffer under the contract, with its probability and its "
            "impact per occurrence. Ctrl+Insert adds a risk; paste rows from a spreadsheet "
            "with Ctrl+V.",
        )
        self.register.setMinimumHeight(360)
        self.overrides = RiskOverridesPanel(document)
        self.overrides.setMinimumHeight(250)
        self.figures = FigureGridModel(self)
        self.figures_view = FigureGridView(self.figures)
        self.figures_note = QLabel()
        self.figures_note.setWordWrap(True)
        self.figures_note.setStyleSheet("color: #666;")
        self.tail_warning = TailWarning()
        figures_box = titled(
            "Loss under each scenario",
            "The total loss L over the contract from all risks, simulated under each "
            "scenario's terms (its years, liability cap and overrides). Hover a figure for "
            "what it means.",
            self.tail_warning,
            self.figures_view,
            self.figures_note,
        )
        self.heat_map = self.add_chart(ChartView("risk_heat_map", title="Risk heat map"))
        self.heat_map.setToolTip(
            "The register on a 5×5 grid: probability band × likely impact per occurrence. "
            "Red cells are where to spend the mitigation effort."
        )
        self.distributions = self.add_chart(
            ChartView(
                "loss_distributions",
                title="Loss distributions",
                min_height=340,
            )
        )
        self.distributions.setToolTip(
            "How the total loss is spread under each scenario: most contracts lose little, "
            "the long right tail is what the expected shortfall measures."
        )
        self.shortfall = self.add_chart(
            ChartView(
                "shortfall_capped_vs_uncapped",
                title="Expected shortfall, capped vs uncapped",
            )
        )
        self.shortfall.setToolTip(
            "What the bad cases cost with each scenario's liability cap and without any cap: "
            "the expected shortfall is the average loss of the worst (1 − confidence) share of "
            "simulated contracts. The difference is what the cap is worth to us."
        )
        self.notice = RefusalNotice(document)
        chain = [self.register.view, self.figures_view, self.overrides.combo, self.overrides.view]
        page = scrolling_page(
            [
                (self.register, 0),
                (row_splitter([figures_box, self.heat_map], [4, 3]), 330),
                (row_splitter([self.overrides, self.shortfall], [6, 5]), 320),
                (self.distributions, 340),
            ]
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(page, 1)
        layout.addWidget(self.notice)
        if document.analysis is not None:
            self.on_analysis(document.analysis)
        for first, second in itertools.pairwise(chain):  # once all are in one window
            QWidget.setTabOrder(first, second)

    def on_analysis(self, analysis: Any) -> None:
        case = self.document.case
        self.figures.set_content(*figures_grid(case, analysis, RISK_FIGURES))
        self.figures_view.fit_columns()
        self.figures_note.setText(missing_note(analysis, "scenarios."))
        self.figures_note.setVisible(bool(self.figures_note.text()))
        self.tail_warning.show_settings(analysis.settings)
