"""Talking points on the Proposal tab: generated from the figures, then editable (SPEC §3).

A generated point is derived whenever it is shown (``analysis.talking_points.shown_points``):
there is one for every counterpart alternative and it follows the numbers by itself, without
anything being written to the file. Editing it stores the consultant's words with ``basis``,
the generated text they were written against; when the numbers under an edited point change it
is flagged, with "Use the new text" (back to the generated point) and "Keep mine" to settle
it. Points written by hand are never touched. So every change here is the consultant's, and
one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.analysis.talking_points import (
    PointStatus,
    generate_talking_points,
    keep_mine,
    point_status,
    shown_points,
    stored_points,
    use_new_text,
)
from desktop_app.domain.model import Case, TalkingPoint
from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.models.columns import Column, column_for
from desktop_app.ui.models.entity_model import Index, NestedListModel
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.widgets.table_editor import TableEditor

AMBER_LIGHT = "#FCE8C3"
FLAGGED: frozenset[PointStatus] = frozenset({"changed"})

STATUS_WORDS: dict[PointStatus, str] = {
    "generated": N_("as generated"),
    "edited": N_("edited"),
    "changed": N_("⚠ numbers changed"),
    "handwritten": N_("by hand"),
}
STATUS_TIPS: dict[PointStatus, str] = {
    "generated": N_(
        "Generated from the figures; it follows them by itself as long as you leave it as it "
        "is. Edit it to make it yours."
    ),
    "edited": N_(
        "You edited this point: it is kept as you wrote it. The figures under it have not "
        "changed since."
    ),
    "changed": N_(
        "The numbers under this point changed since you edited it. “Use the new text” replaces "
        "your words with the new ones; “Keep mine” keeps your words and clears this flag."
    ),
    "handwritten": N_("Written by hand or imported: the app never changes it."),
}

HINT = N_(
    "What to say when they threaten with one of their alternatives: what it would really "
    "cost them per unit against our price, how likely it is to work, and its strongest cons. "
    "Generated from the figures, then yours to edit."
)


def _set_points(case: Case, points: tuple[TalkingPoint, ...]) -> Case:
    """Store what the consultant wrote of the points shown (generated ones are derived)."""
    return replace(case, proposal=replace(case.proposal, talking_points=stored_points(points)))


def _with_alternative(point: TalkingPoint, value: Any) -> TalkingPoint:
    alternative_id = value or None
    if alternative_id == point.alternative_id:
        return point
    # Attached to another alternative, the words are the consultant's own from now on.
    return replace(point, alternative_id=alternative_id, basis=None)


class TalkingPointsModel(NestedListModel):
    """Rows of ``case.proposal.talking_points``: alternative, status, text."""

    def __init__(self, document: CaseDocument) -> None:
        self.generated: dict[str, str] = generate_talking_points(document.case, document.analysis)
        columns = [
            self._alternative_column(document.case),
            Column(
                "status",
                _("Status"),
                editable=False,
                width=138,
                get=lambda p: _(STATUS_WORDS[self.status(p)]),
                tooltip=_(
                    "As generated, edited, written by hand — or flagged because the numbers "
                    "under an edited point changed."
                ),
            ),
            column_for(TalkingPoint, "text"),
        ]
        super().__init__(
            document,
            columns,
            noun="talking point",
            plural="talking points",
            new_item=lambda _case: TalkingPoint(None, ""),
            get_list=lambda case: shown_points(case.proposal.talking_points, self.generated),
            set_list=_set_points,
        )

    def add_row(self, after: int | None = None) -> int | None:
        """A new point goes after the selected one among the consultant's own points, never
        among the generated ones (they are derived, and always come last)."""
        own = len(self.items_of(self.document.case)) - len(self.derived_rows())
        last_own = own - 1
        return super().add_row(last_own if after is None else min(after, last_own))

    def derived_rows(self) -> list[int]:
        """The rows of generated points (not stored)."""
        return [r for r in range(self.rowCount()) if self.status(self.item(r)) == "generated"]

    @staticmethod
    def _alternative_column(case: Case) -> Column:
        choices = [("", _("General point"))]
        choices += [(a.id, a.name or a.id) for a in case.alternatives_of("theirs")]
        used = {p.alternative_id for p in case.proposal.talking_points}
        choices += [
            (a.id, _("{name} (ours)").format(name=a.name))
            for a in case.alternatives_of("ours")
            if a.id in used
        ]
        return column_for(
            TalkingPoint,
            "alternative_id",
            choices=tuple(choices),
            width=160,
            get=lambda p: p.alternative_id or "",
            set=_with_alternative,
        )

    def _on_case_changed(self, case: Case) -> None:
        self.columns[0] = self._alternative_column(case)
        # A new or renamed alternative has its point at once (numbers from the last analysis).
        self.generated = generate_talking_points(case, self.document.analysis)
        super()._on_case_changed(case)

    # -- status ---------------------------------------------------------------------------

    def status(self, point: TalkingPoint) -> PointStatus:
        return point_status(point, self.generated)

    def set_generated(self, generated: Mapping[str, str]) -> None:
        """New generated texts (an analysis arrived): the derived rows follow, nothing is
        stored."""
        self.generated = dict(generated)
        self._on_case_changed(self.document.case)

    def flagged_rows(self) -> list[int]:
        return [r for r in range(self.rowCount()) if self.status(self.item(r)) in FLAGGED]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        point = self.item(index.row())
        status = self.status(point)
        field = self.columns[index.column()].field
        if role == Qt.ItemDataRole.BackgroundRole and status in FLAGGED and field != "text":
            return QColor(AMBER_LIGHT)
        if role == Qt.ItemDataRole.ToolTipRole and field == "status":
            tip = escape(_(STATUS_TIPS[status]))
            new = self.generated.get(point.alternative_id or "")
            if status in FLAGGED and new:
                heading = escape(_("The new text:"))
                tip += f"<br><br><b>{heading}</b><br>{escape(new)}"
            return f"<qt>{tip}</qt>"
        if role == Qt.ItemDataRole.ToolTipRole and field == "text" and point.text:
            return f"<qt>{escape(point.text)}</qt>"
        return super().data(index, role)


class TalkingPointsPanel(QWidget):
    """The table of points with Use the new text and Keep mine."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = TalkingPointsModel(document)
        self.editor = TableEditor(_("Talking points"), self.model, hint=_(HINT))
        self.editor.view.setToolTip(_(HINT))
        self.use_new_button = self._button(
            _("Use the new text"),
            _("Replace the selected flagged points by the newly generated text."),
            lambda: self._settle(use_new_text, _("Use the new talking point text"), FLAGGED),
        )
        self.keep_mine_button = self._button(
            _("Keep mine"),
            _("Keep your words for the selected flagged points and clear the flag."),
            lambda: self._settle(keep_mine, _("Keep my talking point text"), {"changed"}),
        )
        self.flag_label = QLabel()
        self.flag_label.setWordWrap(True)
        self.flag_label.setStyleSheet(
            f"background: {AMBER_LIGHT}; border-radius: 3px; padding: 4px 6px;"
        )
        self.flag_label.hide()
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #566573;")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.use_new_button)
        bar.addWidget(self.keep_mine_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.flag_label)
        layout.addLayout(bar)
        self.editor.view.selectionModel().selectionChanged.connect(lambda *_: self.update_state())
        self.model.modelReset.connect(self.update_state)
        self.model.rowsInserted.connect(lambda *_: self.update_state())
        self.model.rowsRemoved.connect(lambda *_: self.update_state())
        self.model.dataChanged.connect(lambda *_: self.update_state())
        self.update_state()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- keeping up -----------------------------------------------------------------------

    def on_analysis(self, analysis: Any) -> None:
        """The generated points follow the new figures; nothing is written to the file."""
        self.model.set_generated(generate_talking_points(self.document.case, analysis))

    def update_state(self) -> None:
        writable = not self.document.read_only
        flagged = self.model.flagged_rows()
        chosen = set(self.editor.view.selected_rows()) & set(flagged)
        self.use_new_button.setEnabled(writable and bool(chosen))
        self.keep_mine_button.setEnabled(
            writable and any(self.model.status(self.model.item(r)) == "changed" for r in chosen)
        )
        if flagged:
            count = len(flagged)
            self.flag_label.setText(
                ngettext(
                    "⚠ The numbers under {count} talking point changed since they were written. "
                    "Select a flagged point to see the new text (tooltip on its status), then "
                    "use the new text or keep yours.",
                    "⚠ The numbers under {count} talking points changed since they were "
                    "written. Select a flagged point to see the new text (tooltip on its "
                    "status), then use the new text or keep yours.",
                    count,
                ).format(count=count)
            )
        self.flag_label.setVisible(bool(flagged))
        empty = self.model.rowCount() == 0
        if empty:
            self.empty_label.setText(
                _(
                    "No talking points yet. List the counterpart's alternatives on the "
                    "Alternatives tab first: a point answering each of them is written from the "
                    "figures."
                )
            )
        self.empty_label.setVisible(empty)

    # -- actions --------------------------------------------------------------------------

    def _settle(
        self,
        how: Callable[[TalkingPoint, Mapping[str, str]], TalkingPoint],
        text: str,
        statuses: frozenset[PointStatus] | set[PointStatus],
    ) -> bool:
        rows = [
            r
            for r in self.editor.view.selected_rows()
            if r < self.model.rowCount() and self.model.status(self.model.item(r)) in statuses
        ]
        return self.settle(rows, how, text)

    def settle(
        self,
        rows: list[int],
        how: Callable[[TalkingPoint, Mapping[str, str]], TalkingPoint],
        text: str,
    ) -> bool:
        case = self.document.case
        points = self.model.items_of(case)
        for row in rows:
            points[row] = how(points[row], self.model.generated)
        new_case = _set_points(case, tuple(points))
        if new_case == case:
            return False
        return self.document.change(new_case, text) is None
