"""The Case tab: the case's own fields and settings, and the dashboard."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QGroupBox, QScrollArea, QSplitter, QVBoxLayout, QWidget

from desktop_app.analysis.wording import FAIR_PRICE_MEANING
from desktop_app.domain import edits, entry
from desktop_app.domain.model import Case, CaseInfo
from desktop_app.ui.chart_view import ChartView
from desktop_app.ui.columns import Column
from desktop_app.ui.dashboard import Dashboard
from desktop_app.ui.document import CaseDocument
from desktop_app.ui.forms import FieldForm
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.base import CaseTab


def _date_or_none(info: CaseInfo, value: Any) -> CaseInfo:
    text = str(value).strip()
    return replace(info, prepared_on=text or None)


def _band(index: int) -> Column:
    def get(info: CaseInfo) -> float:
        return info.fair_band[index]

    def set_(info: CaseInfo, value: float) -> CaseInfo:
        band = list(info.fair_band)
        band[index] = value
        return replace(info, fair_band=(band[0], band[1]))

    return Column(
        f"fair_band_{index}",
        "Fair band, low end" if index == 0 else "Fair band, high end",
        "fraction",
        tooltip="Our share of the zone of agreement that still counts as fair (0 % = our "
        "walk-away, 100 % = theirs). A proposal below the band is generous, above it "
        f"aggressive. The fair price, {FAIR_PRICE_MEANING}, is at 50 %.",
        get=get,
        set=set_,
    )


#: Typing one end of the fair band past the other takes the other along (and says so).
FAIR_BAND_ORDER = entry.Ordered(("fair_band_0", "fair_band_1"), "the low end ≤ the high end")

WHO_COLUMNS = [
    Column("title", "Title", tooltip="The negotiation, in a few words (required)."),
    Column("client", "Client", tooltip="Who we prepare: the side that feels weaker."),
    Column("counterpart", "Counterpart", tooltip="Who they negotiate with."),
    Column("consultant", "Consultant"),
    Column("subject", "Subject", tooltip="What is being negotiated."),
    Column(
        "prepared_on",
        "Prepared on",
        tooltip="The date of the preparation, as YYYY-MM-DD.",
        get=lambda info: info.prepared_on or "",
        set=_date_or_none,
    ),
    Column("notes", "Notes", "longtext"),
]

SETTINGS_COLUMNS = [
    Column(
        "currency",
        "Currency",
        tooltip="ISO 4217 code of three capital letters (EUR, USD, PLN…); every money figure "
        "of the case is in this currency.",
    ),
    Column(
        "min_margin_pct",
        "Minimum margin",
        "percent",
        tooltip="The lowest margin (share of revenue) we accept after risk; it sets our "
        "walk-away price.",
    ),
    Column(
        "cost_of_capital_pct",
        "Cost of capital",
        "percent",
        tooltip="Yearly cost of financing what the customer owes us: payment days cost money.",
    ),
    Column(
        "risk_confidence",
        "Risk confidence (α)",
        "fraction",
        tooltip="The confidence α of value at risk (VaR) and expected shortfall (ES). At 90 %, "
        "VaR is the loss exceeded in only 10 % of simulated contracts, and ES the average loss "
        "of that worst 10 %: what the bad cases cost on average (a lone 5 % risk of 1M has a "
        "VaR of 0 but an ES of 0.5M). A higher α looks further into the tail and needs more "
        "runs: at least 200 beyond VaR, runs × (1 − α) ≥ 200 — 2,000 runs at 90 %, 4,000 at "
        "95 %, 20,000 at 99 %.",
    ),
    _band(0),
    _band(1),
    Column(
        "simulation_runs",
        "Simulation runs",
        "int",
        tooltip="How many contracts the risk Monte Carlo simulates (1,000–1,000,000). More "
        "runs make the figures steadier: the ± next to the expected shortfall is its Monte "
        "Carlo standard error, and four times the runs halve it. The tail needs at least 200 "
        "runs beyond the value at risk, runs × (1 − α) ≥ 200 (2,000 at 90 %, 4,000 at 95 %, "
        "20,000 at 99 %); with fewer, the dashboard warns and names the runs needed.",
    ),
    Column(
        "simulation_seed",
        "Simulation seed",
        "int",
        tooltip="The same seed gives the same figures, every time.",
    ),
    Column(
        "sensitivity_pct",
        "Sensitivity step",
        "percent",
        tooltip="How far each input is moved up and down for the tornado.",
        decimals=0,
    ),
]


def _info(case: Case) -> CaseInfo:
    return case.info


class CaseInfoTab(CaseTab):
    title = tab_entry("CaseInfoTab").title
    tooltip = tab_entry("CaseInfoTab").tooltip

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        who = FieldForm(document, WHO_COLUMNS, _info, edits.with_info, noun="case")
        settings = FieldForm(
            document,
            SETTINGS_COLUMNS,
            _info,
            edits.with_info,
            noun="setting",
            ordered=FAIR_BAND_ORDER,
        )
        self.forms = (who, settings)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        for title, form in (("The case", who), ("Analysis settings", settings)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(form)
            left_layout.addWidget(box)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setMinimumWidth(360)
        self.dashboard = Dashboard()
        self.zopa_chart = self.add_chart(
            ChartView("zopa_bar", title="Zone of possible agreement", min_height=170)
        )
        self.zopa_chart.setToolTip(
            "Our walk-away, their walk-away, the zone between them, the fair price "
            f"({FAIR_PRICE_MEANING}), the fair band, our proposal and their demand."
        )
        self.dashboard.zopa_slot.addWidget(self.zopa_chart)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.dashboard)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.dashboard.go_to.connect(self.go_to)
        if document.analysis is not None:
            self.on_analysis(document.analysis)

    def part(self, name: str) -> QWidget | None:
        """A field of the forms by its name ("simulation_runs"), or any other part."""
        for form in self.forms:
            if name in form.widgets:
                widget: QWidget = form.widgets[name]
                return widget
        return super().part(name)

    def on_analysis(self, analysis: Any) -> None:
        self.dashboard.show_analysis(self.document.case, analysis)
