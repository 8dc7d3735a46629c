"""The counterpart's interests as a checklist: checked = our proposal addresses it.

Rows are every interest of every "theirs" party, in case order. Ticking or unticking one is
one undoable change of ``Proposal.addresses_interests`` through the document.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.domain.model import Case, Interest, Party
from desktop_app.i18n import N_, _
from desktop_app.ui.state.document import CaseDocument

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
CHECK = Qt.ItemDataRole.CheckStateRole

PRIORITY_WORDS = {
    1: N_("minor"),
    2: N_("low"),
    3: N_("medium"),
    4: N_("high"),
    5: N_("vital"),
}

HEADERS = (
    (
        N_("Interest"),
        N_(
            "What a counterpart party actually needs. Tick it when our proposal answers it: the "
            "proposal PDF lists the ticked interests, so they see we have listened."
        ),
    ),
    (N_("Party"), N_("Who at the counterpart has this interest (Parties tab).")),
    (N_("Priority"), N_("How much it matters to them: 1 minor … 5 vital.")),
)


class InterestsAddressedModel(QAbstractTableModel):
    """Checkable rows (party, interest); the check is membership of ``addresses_interests``."""

    def __init__(self, document: CaseDocument) -> None:
        super().__init__(document)
        self.document = document
        self._rows: list[tuple[Party, Interest]] = list(document.case.interests_of("theirs"))
        self._addressed: set[str] = set(document.case.proposal.addresses_interests)
        document.case_changed.connect(self._on_case)

    def _on_case(self, case: Case) -> None:
        rows = list(case.interests_of("theirs"))
        addressed = set(case.proposal.addresses_interests)
        same_shape = [i.id for _, i in rows] == [i.id for _, i in self._rows]
        if not same_shape:
            self.beginResetModel()
        self._rows, self._addressed = rows, addressed
        if not same_shape:
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(HEADERS) - 1))

    # -- reading --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == DISPLAY:
            return _(HEADERS[section][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(HEADERS[section][1])
        return None

    def interest_id(self, row: int) -> str:
        return self._rows[row][1].id

    def is_addressed(self, row: int) -> bool:
        return self.interest_id(row) in self._addressed

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        party, interest = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            if column == 0:
                return interest.text or _("(no text)")
            if column == 1:
                return party.name
            words = PRIORITY_WORDS.get(interest.priority)
            return f"{interest.priority} · {_(words) if words else ''}"
        if role == CHECK and column == 0:
            checked = interest.id in self._addressed
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                state = (
                    _("{interest}\n({party}; addressed by our proposal)")
                    if interest.id in self._addressed
                    else _("{interest}\n({party}; not addressed by our proposal)")
                )
                return state.format(interest=interest.text, party=party.name)
            return _(HEADERS[column][1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not self.document.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    # -- editing --------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = CHECK) -> bool:
        if role != CHECK or not index.isValid() or index.column() != 0:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        return self.set_addressed(index.row(), state == Qt.CheckState.Checked)

    def set_addressed(self, row: int, addressed: bool) -> bool:
        """Tick (or untick) row ``row``: one undoable change."""
        case = self.document.case
        interest_id = self.interest_id(row)
        current = case.proposal.addresses_interests
        if (interest_id in current) == addressed:
            return True
        if addressed:
            new = (*current, interest_id)
        else:
            new = tuple(i for i in current if i != interest_id)
        text = self._rows[row][1].text
        short = text if len(text) <= 40 else text[:39] + "…"
        text = (
            _("Address interest “{interest}”")
            if addressed
            else _("Stop addressing interest “{interest}”")
        )
        refused = self.document.change(
            replace(case, proposal=replace(case.proposal, addresses_interests=new)),
            text.format(interest=short),
        )
        return refused is None

    # -- summary --------------------------------------------------------------------------

    @staticmethod
    def summary(case: Case) -> tuple[int, int, list[str], list[str]]:
        """(addressed, total, parties with none addressed, parties with no interests) — from
        ``case`` itself, so it is right whichever listener of the broadcast runs first."""
        rows = case.interests_of("theirs")
        chosen = set(case.proposal.addresses_interests)
        addressed = sum(1 for _, i in rows if i.id in chosen)
        unmet, empty = [], []
        for party in case.parties:
            if party.side != "theirs":
                continue
            if not party.interests:
                empty.append(party.name)
            elif not any(i.id in chosen for i in party.interests):
                unmet.append(party.name)
        return addressed, len(rows), unmet, empty
