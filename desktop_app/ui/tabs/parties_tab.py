"""The Parties tab: who sits at or behind the table, what each of them needs, and the
stakeholder map (influence × stance).

The parties table is edited in place; the interests table below follows the selected party.
Deleting a party takes its interests (and the proposal's references to them) along; undo
brings them back.
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from desktop_app.domain import edits
from desktop_app.domain.model import Case, Interest, Party
from desktop_app.i18n import N_, _
from desktop_app.ui.models.entity_model import EntityTableModel, NestedListModel
from desktop_app.ui.models.parties_columns import (
    PARTY_COLUMNS,
    interest_columns,
    new_interest,
    new_party,
)
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.widgets.chart_view import ChartView
from desktop_app.ui.widgets.table_editor import TableEditor

MAP_TIP = N_(
    "Every party at its influence (1–5, up) and stance (−2 hostile … +2 supportive, right), "
    "coloured by side. Win over the influential sceptics; keep the influential supporters close."
)


class PartiesTab(CaseTab):
    title = tab_entry("PartiesTab").title
    tooltip = tab_entry("PartiesTab").tooltip

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self._party_id: str | None = None

        self.parties_model = EntityTableModel(
            document, "parties", PARTY_COLUMNS, noun="party", plural="parties", new_entity=new_party
        )
        self.parties = TableEditor(
            _("Parties"),
            self.parties_model,
            hint=_("Everyone who can sway the deal: our people, theirs, and third parties."),
        )
        self.interests_model = NestedListModel(
            document,
            interest_columns(document),
            noun="interest",
            plural="interests",
            new_item=new_interest,
            get_list=self._interests_of_selected,
            set_list=self._with_interests,
        )
        self.interests = TableEditor(
            _("Interests"),
            self.interests_model,
            hint=_(
                "What the selected party actually needs. The proposal should meet at least "
                "one interest of every counterpart party."
            ),
        )
        header = self.interests.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.interests.view.setColumnWidth(2, 90)
        self.no_party = QLabel(
            _("Select a party in the table above to see and edit its interests.")
        )
        self.no_party.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_party.setWordWrap(True)
        self.no_party.setStyleSheet("color: #666; padding: 12px;")
        self.interests_stack = QStackedWidget()
        self.interests_stack.addWidget(self.no_party)
        self.interests_stack.addWidget(self.interests)

        self.readiness = QLabel()
        self.readiness.setWordWrap(True)
        self.readiness.setTextFormat(Qt.TextFormat.RichText)
        self.readiness.setToolTip(
            _(
                "From the readiness checklist: the proposal should address at least one "
                "interest of each counterpart party (tick them on the Proposal tab)."
            )
        )
        lower_left = QWidget()
        box = QVBoxLayout(lower_left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.interests_stack, 1)
        box.addWidget(self.readiness)

        self.map = self.add_chart(ChartView("stakeholder_map", title=_("Stakeholder map")))
        self.map.setToolTip(_(MAP_TIP))
        self.map.setMinimumWidth(360)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.setChildrenCollapsible(False)
        lower.addWidget(lower_left)
        lower.addWidget(self.map)
        lower.setStretchFactor(0, 11)
        lower.setStretchFactor(1, 10)
        lower.setSizes([640, 600])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.parties)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 370])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.parties.view.selectionModel().currentRowChanged.connect(self._party_chosen)
        document.case_changed.connect(self._after_case)  # after the models (connected above)
        self._show_selected()

    # -- the selected party -----------------------------------------------------------------

    @property
    def selected_party(self) -> Party | None:
        if self._party_id is None:
            return None
        found = edits.find(self.document.case, "parties", self._party_id)
        return found if isinstance(found, Party) else None

    def select_party(self, party_id: str | None) -> None:
        """Show the interests of ``party_id`` and select its row (None: no party)."""
        row = self.parties_model.row_of(party_id) if party_id else None
        if row is not None:
            self.parties.view.select_row(row)  # → _party_chosen
        else:
            self.parties.view.clearSelection()
            self._set_party(None)

    def _party_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < self.parties_model.rowCount():
            self._set_party(self.parties_model.entity(current.row()).id)

    def _set_party(self, party_id: str | None) -> None:
        if party_id != self._party_id:
            self._party_id = party_id
            self.interests_model.refresh()
        self._show_selected()

    def _interests_of_selected(self, case: Case) -> tuple[Interest, ...] | None:
        if self._party_id is None:
            return None
        party = edits.find(case, "parties", self._party_id)
        return party.interests if isinstance(party, Party) else None

    def _with_interests(self, case: Case, interests: tuple[Interest, ...]) -> Case:
        party = edits.find(case, "parties", self._party_id or "")
        if not isinstance(party, Party):
            return case
        return edits.replace_entity(case, replace(party, interests=interests))

    def _show_selected(self) -> None:
        party = self.selected_party
        if party is None:
            self.interests_stack.setCurrentWidget(self.no_party)
            heading = html.escape(_("Interests"))
            self.interests.title.setText(f"<b>{heading}</b>")
            return
        self.interests_stack.setCurrentWidget(self.interests)
        side = {"ours": _("our side"), "theirs": _("their side"), "third": _("third party")}[
            party.side
        ]
        title = _("Interests of {party}").format(party=party.name)
        self.interests.title.setText(
            f"<b>{html.escape(title)}</b> <span style='color:#666'>({html.escape(side)})</span>"
        )

    # -- refresh hooks ----------------------------------------------------------------------

    def _after_case(self, _case: Any) -> None:
        """After the models took the new case: keep the selected party selected (a model
        reset clears the view's selection), or show "Select a party" when it was deleted."""
        if self._party_id is not None and self.selected_party is None:
            self._party_id = None
        elif self._party_id is not None:
            row = self.parties_model.row_of(self._party_id)
            current = self.parties.view.currentIndex()
            if row is not None and (not current.isValid() or current.row() != row):
                self.parties.view.select_row(row)
        self._show_selected()

    def on_analysis(self, analysis: Any) -> None:
        item = next((i for i in analysis.readiness.items if i.id == "interests_addressed"), None)
        if item is None:
            self.readiness.clear()
            return
        if item.passed:
            text = f"<span style='color:#2e7d32'>✓ {html.escape(item.label)}.</span>"
        else:
            text = f"<span style='color:#a15c00'>✗ {html.escape(item.todo or item.label)}</span>"
        self.readiness.setText(text)
