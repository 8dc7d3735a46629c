"""The risks' correlations as a table (SPEC §9): one row per pair — the two risks by name and
the correlation, which can be typed over. A thin adapter over ``Case.correlations``: a change
is checked (``correlation_edits.pair_problem``, the rules the store enforces on commit) and
handed to the document as one undoable step; a refused one says why and stores nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.domain import correlation_edits as ce
from desktop_app.domain.model import Case, Correlation
from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.state.document import CaseDocument

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
HEADERS = (N_("Risk"), N_("With risk"), N_("Correlation"))
TIPS = (
    N_("One of the two risks that tend to come together."),
    N_("The other risk."),
    N_(
        "How strongly the two risks' losses move together, as a rank correlation from −0.95 "
        "(one bad when the other is mild) to 0.95 (bad together); 0: independent. Type to change."
    ),
)
RHO_COLUMN = 2


def read_rho(value: Any) -> float:
    """A correlation typed or given: ``0.5``, ``-0.45``, ``−0.45``, ``0,5``; ValueError when
    it is not a number."""
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("−", "-").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValueError(
            _("“{value}” is not a number between −0.95 and 0.95").format(value=value)
        ) from None


class CorrelationsModel(QAbstractTableModel):
    """Rows: ``Case.correlations`` in their order; columns: risk, with risk, correlation."""

    def __init__(self, document: CaseDocument) -> None:
        super().__init__(document)
        self.document = document
        self._rows: list[Correlation] = list(document.case.correlations)
        document.case_changed.connect(self._on_case)

    def _on_case(self, case: Case) -> None:
        rows = list(case.correlations)
        pairs = [(c.risk_a, c.risk_b) for c in rows]
        if pairs == [(c.risk_a, c.risk_b) for c in self._rows] and rows:
            self._rows = rows  # the same pairs: the values (or the risks' names) changed
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, RHO_COLUMN))
        else:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()

    @property
    def writable(self) -> bool:
        return not self.document.read_only

    def entry(self, row: int) -> Correlation:
        return self._rows[row]

    # -- reading ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return str(section + 1) if role == DISPLAY else None
        if role == DISPLAY:
            return _(HEADERS[section])
        return _(TIPS[section]) if role == Qt.ItemDataRole.ToolTipRole else None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry, column = self._rows[index.row()], index.column()
        case = self.document.case
        if column < RHO_COLUMN:
            risk = entry.risk_a if column == 0 else entry.risk_b
            if role == DISPLAY:
                return ce.risk_label(case, risk)
            return ce.risk_label(case, risk) if role == Qt.ItemDataRole.ToolTipRole else None
        if role == DISPLAY:
            return ce.rho_text(entry.rho)
        if role == EDIT:
            return entry.rho
        if role == Qt.ItemDataRole.ToolTipRole:
            together = (
                _("{rho}: bad together.")
                if entry.rho > 0
                else _("{rho}: one bad when the other is mild.")
            )
            return f"{_(TIPS[RHO_COLUMN])}\n{together.format(rho=ce.rho_text(entry.rho))}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == RHO_COLUMN and self.writable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- changing ---------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or index.column() != RHO_COLUMN:
            return False
        return self.set_rho(index.row(), value)

    def _refuse(self, reason: str) -> bool:
        self.document.edit_refused.emit(reason)
        return False

    def set_rho(self, row: int, value: Any) -> bool:
        """Store a new correlation for the pair in ``row``; False (and why) when refused."""
        case = self.document.case
        old = self._rows[row]
        try:
            rho = read_rho(value)
        except ValueError as error:
            return self._refuse(str(error))
        new = Correlation(old.risk_a, old.risk_b, round(rho, 4))
        if new == old:
            return True
        index = ce.index_of_pair(case, old.risk_a, old.risk_b)
        if index is None:
            return False
        problem = ce.pair_problem(case, new, index=index)
        if problem is not None:
            return self._refuse(problem)
        text = _("Edit correlation of {pair}").format(pair=ce.pair_names(case, old))
        return self.document.change(ce.replace_correlation(case, index, new), text) is None

    def add(self, entry: Correlation) -> bool:
        """Add a pair (one undoable step); False (and why) when refused."""
        case = self.document.case
        problem = ce.pair_problem(case, entry)
        if problem is not None:
            return self._refuse(problem)
        text = _("Add correlation {pair}").format(pair=ce.pair_words(case, entry))
        return self.document.change(ce.add_correlation(case, entry), text) is None

    def remove_rows(self, rows: list[int]) -> bool:
        """Remove the pairs in ``rows`` (one undoable step)."""
        case = self.document.case
        chosen = {
            i
            for r in rows
            if 0 <= r < len(self._rows)
            and (i := ce.index_of_pair(case, self._rows[r].risk_a, self._rows[r].risk_b))
            is not None
        }
        if not chosen:
            return False
        if len(chosen) == 1:
            (only,) = chosen
            text = _("Remove correlation of {pair}").format(
                pair=ce.pair_names(case, case.correlations[only])
            )
        else:
            text = ngettext(
                "Remove {count} correlation", "Remove {count} correlations", len(chosen)
            ).format(count=len(chosen))
        return self.document.change(ce.remove_correlations(case, chosen), text) is None
