"""The Alternatives tab: what each side can do without the other, judged in money and in
value, against our proposal.

On top, the figures that matter (their walk-away and money BATNA, both value BATNAs, the
leverage index); below, three pages: their alternatives with the two charts (their
alternatives vs our proposal, in money and in value for them), the criteria of both sides with
the score matrix, and our own alternatives.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import N_, _
from desktop_app.ui.models.alternatives_columns import AlternativesModel, criterion_model
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.alternatives_summary import AlternativesSummary
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.widgets.chart_view import ChartView
from desktop_app.ui.widgets.score_matrix_view import ScoreMatrix
from desktop_app.ui.widgets.table_editor import TableEditor

MONEY_TIP = N_(
    "Each of their price-based alternatives at its effective price per unit (what going that "
    "way costs them over the contract, as a first-year price on our price path), against our "
    "proposal's price and our walk-away. The cheapest is their money BATNA: their walk-away."
)
VALUE_TIP = N_(
    "Their alternatives judged by their own criteria (0–100 points): the full bar is the value "
    "if it works out, the dark part the expected value (× feasibility). The line is what our "
    "proposal is worth to them; the starred alternative is their value BATNA."
)


def _splitter(orientation: Qt.Orientation, *widgets: QWidget, sizes: list[int]) -> QSplitter:
    splitter = QSplitter(orientation)
    splitter.setChildrenCollapsible(False)
    for widget in widgets:
        splitter.addWidget(widget)
    splitter.setSizes(sizes)
    return splitter


class AlternativesTab(CaseTab):
    title = tab_entry("AlternativesTab").title
    tooltip = tab_entry("AlternativesTab").tooltip

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.summary = AlternativesSummary()

        self.their_model = AlternativesModel(document, "theirs")
        self.our_model = AlternativesModel(document, "ours")
        self.their_alternatives = TableEditor(
            _("Their alternatives — what the counterpart can do without us"),
            self.their_model,
            hint=_(
                "Switch to a competitor, build in-house, delay… with feasibility, what each "
                "costs them (unit price, switching and failure costs), pros and cons."
            ),
        )
        self.our_alternatives = TableEditor(
            _("Our alternatives — what we can do without them"),
            self.our_model,
            hint=_(
                "What our client can do if the talks fail; the best of them (highest expected "
                "value on our criteria) is our value BATNA."
            ),
        )
        self.their_criteria_model = criterion_model(document, "theirs")
        self.our_criteria_model = criterion_model(document, "ours")
        self.their_criteria = TableEditor(
            _("Their criteria"),
            self.their_criteria_model,
            hint=_("What the counterpart judges options by, with weights (normalised per side)."),
        )
        self.our_criteria = TableEditor(
            _("Our criteria"),
            self.our_criteria_model,
            hint=_("What we judge options by, with weights (normalised per side)."),
        )
        self.matrix = ScoreMatrix(document)
        self.matrix.message.connect(self.message)

        self.money_chart = self.add_chart(
            ChartView(
                "alternatives_chart",
                title=_("Their alternatives vs our proposal"),
            )
        )
        self.money_chart.setToolTip(_(MONEY_TIP))
        self.value_chart = self.add_chart(
            ChartView(
                "value_chart",
                title=_("Their alternatives vs our proposal, in value for them"),
            )
        )
        self.value_chart.setToolTip(_(VALUE_TIP))
        charts_page = _splitter(
            Qt.Orientation.Horizontal, self.money_chart, self.value_chart, sizes=[640, 600]
        )
        criteria = _splitter(
            Qt.Orientation.Horizontal, self.their_criteria, self.our_criteria, sizes=[620, 620]
        )
        scores_page = _splitter(Qt.Orientation.Vertical, criteria, self.matrix, sizes=[230, 370])
        ours_note = QLabel(
            _(
                "Score our alternatives on our criteria in the score matrix (Criteria and "
                "scores, “Our criteria”)."
            )
        )
        ours_note.setStyleSheet("color: #666;")
        ours_page = QWidget()
        ours_layout = QVBoxLayout(ours_page)
        ours_layout.setContentsMargins(0, 4, 0, 0)
        ours_layout.addWidget(self.our_alternatives, 1)
        ours_layout.addWidget(ours_note)

        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        for page, label, tip in (
            (self.their_alternatives, _("Their alternatives"), _("What they can do without us")),
            (charts_page, _("Compared with our proposal"), _("Charts: in money and in value")),
            (
                scores_page,
                _("Criteria and scores"),
                _("Criteria and weights of both sides, scores"),
            ),
            (ours_page, _("Our alternatives"), _("What we can do without them")),
        ):
            page.setContentsMargins(0, 4, 0, 0)
            index = self.sections.addTab(page, label)
            self.sections.setTabToolTip(index, tip)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.summary)
        layout.addWidget(self.sections, 1)
        self.summary.show_analysis(document.case, document.analysis)

    def on_analysis(self, analysis: Any) -> None:
        self.summary.show_analysis(self.document.case, analysis)
