"""The Talks tab (SPEC §10): at the table. The offer log with each offer's figures beside it,
the chart of offers by round against both walk-aways, the fair price and our plan; the
concession plan; round snapshots — on three sub-tabs, each seen whole on a laptop screen.

Logging a counteroffer takes seconds from the keyboard: New Offer (Ctrl+Shift+O, or
Ctrl+Insert in the log) adds a row with the round, the side and today's date filled in and
the cursor in its price; type the price, Enter, and it is stored (one undo step each).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import edits
from desktop_app.domain.model import Case, CaseInfo
from desktop_app.i18n import N_, _
from desktop_app.ui.models.columns import Column, column_for, columns_for
from desktop_app.ui.models.offer_log import PRICE_COLUMN, OfferLogModel
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.tabs.talks_content import (
    flags_text,
    pace_text,
    plan_grid,
    plan_summary,
)
from desktop_app.ui.tabs.talks_snapshots import SAVE_TEXT, SnapshotPanel
from desktop_app.ui.widgets.chart_view import ChartView
from desktop_app.ui.widgets.figure_grid import FigureGridModel, FigureGridView
from desktop_app.ui.widgets.figure_page import (
    RefusalNotice,
    column_splitter,
    row_splitter,
    sub_tabs,
    titled,
)
from desktop_app.ui.widgets.forms import FieldForm
from desktop_app.ui.widgets.table_editor import TableEditor

CHART_TITLE = N_("Offers by round")
NEW_OFFER_KEY = "Ctrl+Shift+O"


def plan_columns() -> list[Column]:
    """The concession plan's fields, as the schema declares them (in the language in use)."""
    return list(
        columns_for(
            CaseInfo,
            "plan_rounds",
            "plan_shape",
            column_for(CaseInfo, "plan_limit", placeholder=_("the fair price")),
            rest=False,
        )
    )


#: The plan's columns in English, as declared (the tab builds its own).
PLAN_COLUMNS = plan_columns()


def _info(case: Case) -> CaseInfo:
    return case.info


def _note(text: str = "", *, grey: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    if grey:
        label.setStyleSheet("color: #566573;")
    return label


class OfferLogEditor(TableEditor):
    """The offer log: a new offer goes at the end, the cursor in its price, ready to type."""

    def add(self) -> None:
        row = self.model.add_row(None)
        if row is None:
            return
        index = self.model.index(row, PRICE_COLUMN)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.edit(index)


class TalksTab(CaseTab):
    title = tab_entry("TalksTab").title
    tooltip = tab_entry("TalksTab").tooltip

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        # -- the offer log
        self.model = OfferLogModel(document)
        self.log = OfferLogEditor(
            _("Offer log"),
            self.model,
            hint=_(
                "Every offer and counteroffer, in the order made. A term left empty is taken "
                "from our proposal (our offers) or their demand (theirs), shown in grey. The "
                "figures on the right are the analysis's, on each offer's own terms."
            ),
        )
        self.new_offer_button = QPushButton(_("New Offer ({key})").format(key=NEW_OFFER_KEY))
        self.new_offer_button.setToolTip(
            _(
                "Add the next offer: the other side, its round and today's date filled in, the "
                "cursor in its price ({key}, or Ctrl+Insert in the log)."
            ).format(key=NEW_OFFER_KEY)
        )
        self.new_offer_button.clicked.connect(self.log.add)
        self.new_offer_action = QAction(_("New Offer"), self)
        self.new_offer_action.setShortcut(QKeySequence(NEW_OFFER_KEY))
        self.new_offer_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_offer_action.triggered.connect(lambda _checked=False: self.log.add())
        self.addAction(self.new_offer_action)
        self.snapshots = SnapshotPanel(document)
        self.snapshots.message.connect(self.message)
        self.snapshot_button = QPushButton(_(SAVE_TEXT))
        self.snapshot_button.setToolTip(self.snapshots.save_button.toolTip())
        self.snapshot_button.clicked.connect(lambda: self.snapshots.save_snapshot())
        log_layout = self.log.layout()
        first = log_layout.itemAt(0) if log_layout is not None else None
        bar = first.layout() if first is not None else None  # the log's title bar
        assert isinstance(bar, QHBoxLayout)
        bar.insertSpacing(1, 16)
        bar.insertWidget(2, self.new_offer_button)
        bar.insertWidget(3, self.snapshot_button)
        self.flags = _note()
        self.flags.setStyleSheet("color: #b00020;")
        self.pace = _note()
        self.reason = _note(grey=True)
        log_page = QWidget()
        log_layout = QVBoxLayout(log_page)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.addWidget(self.log, 1)
        log_layout.addWidget(self.reason)
        log_layout.addWidget(self.flags)
        log_layout.addWidget(self.pace)
        # -- the chart
        self.chart = self.add_chart(ChartView("talks_offers", title=_(CHART_TITLE), min_height=240))
        self.chart.setToolTip(
            _(
                "Our offers and theirs by round against both walk-aways, the fair price and our "
                "concession plan (dashed); an offer of ours below the plan or our walk-away is "
                "ringed in red; their pace is dotted."
            )
        )
        # -- the plan
        self.plan_form = FieldForm(document, plan_columns(), _info, edits.with_info, noun="plan")
        self.plan_form.setMaximumWidth(480)
        self.plan_text = _note()
        self.plan_grid = FigureGridModel(self)
        self.plan_view = FigureGridView(self.plan_grid)
        self.plan_view.verticalHeader().setMinimumWidth(100)
        self.plan_pace = _note()
        plan_box = titled(
            _("Concession plan"),
            _(
                "Our planned price in round t: P(t) = P_open − (P_open − P_limit)·(t/N)^(1/e), "
                "from our proposal's price to the limit in N rounds."
            ),
            self.plan_form,
            self.plan_text,
            self.plan_view,
            self.plan_pace,
        )
        plan_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        plan_page = row_splitter([plan_box, self.snapshots], [3, 2])
        self.notice = RefusalNotice(document)
        self.sections = sub_tabs(
            [
                (
                    column_splitter([log_page, self.chart], [4, 5]),
                    _("Offers"),
                    _("The offer log, each offer's figures and the chart of offers by round"),
                ),
                (
                    plan_page,
                    _("Plan and snapshots"),
                    _("The concession plan and its price per round; the round snapshots"),
                ),
            ]
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.notice)
        if document.analysis is not None:
            self.on_analysis(document.analysis)

    def on_analysis(self, analysis: Any) -> None:
        talks = analysis.talks
        currency = analysis.settings.currency
        self.reason.setText(talks.reason or "")
        self.reason.setVisible(bool(talks.reason))
        flags = flags_text(talks, currency)
        self.flags.setText(flags)
        self.flags.setVisible(bool(flags))
        pace = pace_text(talks, currency)
        self.pace.setText(pace)
        self.plan_pace.setText(pace)
        self.plan_text.setText(plan_summary(talks, currency))
        offered: dict[int, float] = {}
        for o in talks.offers:
            if o.side == "ours" and o.unit_price is not None:
                offered[o.round] = min(offered.get(o.round, o.unit_price), o.unit_price)
        self.plan_grid.set_content(*plan_grid(talks, offered, currency))
        self.plan_view.fit_columns()

    def new_offer(self) -> None:
        """New Offer: the next offer, its price open for typing."""
        self.log.add()
