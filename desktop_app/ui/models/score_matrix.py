"""The score matrix model: one side's alternatives and every scenario, scored 0–10 on that
side's criteria, with the value V and expected value EV the analysis gives each option.

An empty cell is a score not given yet (it counts as 0, readiness flags it); clearing a cell
removes the score; a value outside 0–10 is refused with the reason. Blocks of scores copy and
paste as tab-separated text, a paste being one undoable step. The widget is in
``score_matrix_view``.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.domain import edits, entry
from desktop_app.domain.model import Alternative, Case, Criterion, Scenario, Side
from desktop_app.domain.schema import field_of
from desktop_app.i18n import _, language, ngettext
from desktop_app.i18n.numbers import grouped
from desktop_app.ui.models.entity_model import Index
from desktop_app.ui.state.document import CaseDocument

Option = Alternative | Scenario
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
SCENARIO_TINT = QColor("#EEF3F8")
MISSING_TINT = QColor("#FFF6DD")


def _fixed(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` places, as the language writes it ("12.5" / "12,5")."""
    return f"{value:.{decimals}f}" if language() == "en" else grouped(value, decimals)


def _score(value: float) -> str:
    """A score or a weight as short as it goes ("7.5" / "7,5")."""
    text = f"{value:g}"
    return text if language() == "en" else text.replace(".", ",")


class ScoreMatrixModel(QAbstractTableModel):
    """Rows: the side's alternatives, then the scenarios. Columns: the side's criteria, then V
    and EV from the latest analysis."""

    VALUE_COLUMNS = ("V", "EV")

    def __init__(self, document: CaseDocument, side: Side = "theirs") -> None:
        super().__init__(document)
        self.document = document
        self.side: Side = side
        self._options: list[Option] = []
        self._criteria: list[Criterion] = []
        self._load(document.case)
        document.case_changed.connect(self._on_case_changed)
        document.analysis_ready.connect(self._on_analysis)

    # -- structure --------------------------------------------------------------------------

    def _load(self, case: Case) -> None:
        self._options = [*case.alternatives_of(self.side), *case.scenarios]
        self._criteria = list(case.criteria_of(self.side))

    def _shape(self) -> tuple[list[tuple[str, str]], list[str]]:
        return [(type(o).__name__, o.id) for o in self._options], [c.id for c in self._criteria]

    def set_side(self, side: Side) -> None:
        if side == self.side:
            return
        self.beginResetModel()
        self.side = side
        self._load(self.document.case)
        self.endResetModel()

    def _on_case_changed(self, case: Case) -> None:
        before = self._shape()
        self._load(case)
        if self._shape() != before:
            self.beginResetModel()
            self.endResetModel()
        else:
            self._all_changed()
            if self.columnCount():  # names and weights of the criteria
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            if self.rowCount():  # names of the options
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def _on_analysis(self, _analysis: Any) -> None:
        self._all_changed()

    def _all_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def option(self, row: int) -> Option:
        return self._options[row]

    def criterion(self, column: int) -> Criterion | None:
        return self._criteria[column] if 0 <= column < len(self._criteria) else None

    def row_of(self, ident: str) -> int | None:
        return next((i for i, o in enumerate(self._options) if o.id == ident), None)

    def column_of(self, criterion_id: str) -> int | None:
        return next((i for i, c in enumerate(self._criteria) if c.id == criterion_id), None)

    @property
    def value_column(self) -> int:
        return len(self._criteria)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._options)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._criteria else len(self._criteria) + 2

    # -- reading ----------------------------------------------------------------------------

    def _weights(self) -> dict[str, float]:
        total = sum(c.weight for c in self._criteria)
        return {c.id: (c.weight / total if total > 0 else 0.0) for c in self._criteria}

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self._column_header(section, role)
        if not 0 <= section < len(self._options):
            return None
        option = self._options[section]
        if role == DISPLAY:
            return option.name or option.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(option, Scenario):
                words = _(field_of(Scenario, "role").label_of(option.role))
                return _("Scenario ({role}): a deal package").format(role=words)
            return _("Their alternative") if self.side == "theirs" else _("Our alternative")
        if role == Qt.ItemDataRole.FontRole and isinstance(option, Scenario):
            font = QFont()
            font.setItalic(True)
            font.setBold(option.role == "our_proposal")
            return font
        return None

    def _column_header(self, section: int, role: int) -> Any:
        criterion = self.criterion(section)
        if criterion is not None:
            share = 100 * self._weights().get(criterion.id, 0.0)
            if role == DISPLAY:
                name = textwrap.fill(criterion.name or criterion.id, 18, max_lines=2)
                return f"{name}\n{_fixed(share, 0)} %"
            if role == Qt.ItemDataRole.ToolTipRole:
                about = f"{criterion.description}\n\n" if criterion.description else ""
                return about + _(
                    "Weight {weight} = {share} % of the side's weights. "
                    "Score each option 0 (worst) to 10 (best) as this side would judge it; "
                    "leave it empty if not known yet (it counts as 0)."
                ).format(weight=_score(criterion.weight), share=_fixed(share, 1))
            return None
        which = section - len(self._criteria)
        if role == DISPLAY and which in (0, 1):
            return (_("Value\nV"), _("Expected\nEV"))[which]
        if role == Qt.ItemDataRole.ToolTipRole and which in (0, 1):
            theirs = self.side == "theirs"
            if which == 0:
                return (
                    _(
                        "V: the option's value on their criteria, 0–100 points = "
                        "100 × Σ share × score / 10."
                    )
                    if theirs
                    else _(
                        "V: the option's value on our criteria, 0–100 points = "
                        "100 × Σ share × score / 10."
                    )
                )
            return (
                _(
                    "EV = feasibility × V for an alternative (a failed alternative is worth 0); a "
                    "scenario counts at its value. The alternative with the highest EV is their "
                    "value BATNA."
                )
                if theirs
                else _(
                    "EV = feasibility × V for an alternative (a failed alternative is worth 0); a "
                    "scenario counts at its value. The alternative with the highest EV is our "
                    "value BATNA."
                )
            )
        return None

    def _value_of(self, option: Option) -> Any:
        analysis = self.document.analysis
        if analysis is None:
            return None
        view = analysis.value.theirs if self.side == "theirs" else analysis.value.ours
        kind = "scenario" if isinstance(option, Scenario) else "alternative"
        return next((o for o in view.options if o.kind == kind and o.id == option.id), None)

    def _is_batna(self, option: Option) -> bool:
        analysis = self.document.analysis
        if analysis is None or isinstance(option, Scenario):
            return False
        view = analysis.value.theirs if self.side == "theirs" else analysis.value.ours
        return view.batna_alternative == option.id

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._options):
            return None
        option = self._options[index.row()]
        criterion = self.criterion(index.column())
        if criterion is None:
            return self._value_data(option, index.column() - len(self._criteria), role)
        score = option.scores.get(criterion.id)
        if role == DISPLAY:
            return "" if score is None else _score(score)
        if role == EDIT:
            return score
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if score is None:
                return QBrush(MISSING_TINT)
            if isinstance(option, Scenario):
                return QBrush(SCENARIO_TINT)
        if role == Qt.ItemDataRole.ToolTipRole:
            name = option.name or option.id
            if score is None:
                return _("{option} is not scored on “{criterion}” yet: it counts as 0.").format(
                    option=name, criterion=criterion.name
                )
            return _("{option} on “{criterion}”: {score} of 10").format(
                option=name, criterion=criterion.name, score=_score(score)
            )
        return None

    def _value_data(self, option: Option, which: int, role: int) -> Any:
        figures = self._value_of(option)
        if role == DISPLAY:
            if figures is None:
                return "—"
            return _fixed(figures.value if which == 0 else figures.expected_value, 1)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#F5F5F5"))
        if role == Qt.ItemDataRole.FontRole:
            bold = self._is_batna(option) or (
                isinstance(option, Scenario) and option.role == "our_proposal"
            )
            if bold:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if figures is None:
                analysis = self.document.analysis
                view = None
                if analysis is not None:
                    view = analysis.value.theirs if self.side == "theirs" else analysis.value.ours
                return (view.reason if view is not None else None) or _("Not analysed yet.")
            if self._is_batna(option):
                return (
                    _("Their value BATNA: the alternative with the highest EV.")
                    if self.side == "theirs"
                    else _("Our value BATNA: the alternative with the highest EV.")
                )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.criterion(index.column()) is not None and not self.document.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # -- editing ----------------------------------------------------------------------------

    def _read(self, option: Option, criterion: Criterion, value: Any) -> float | None:
        """The score ``value`` stands for (None: no score); ValueError with the reason."""
        where = _("Score of “{option}” on “{criterion}”").format(
            option=option.name or option.id, criterion=criterion.name or criterion.id
        )
        if value is None or (isinstance(value, str) and value.strip() in ("", "—", "-")):
            return None
        try:  # typed or pasted text: the score's one parser, which checks 0–10 too
            number = entry.parse_entry("score", value) if isinstance(value, str) else float(value)
        except ValueError as error:
            raise ValueError(_("{field}: {problem}").format(field=where, problem=error)) from None
        if not 0.0 <= number <= 10.0:
            raise ValueError(
                _("{field}: {score} is not between 0 and 10").format(
                    field=where, score=_score(number)
                )
            )
        return number

    @staticmethod
    def _scored(case: Case, option: Option, criterion_id: str, score: float | None) -> Case:
        current = edits.find(
            case, "scenarios" if isinstance(option, Scenario) else "alternatives", option.id
        )
        assert current is not None and isinstance(current, Alternative | Scenario)
        scores = dict(current.scores)
        if score is None:
            scores.pop(criterion_id, None)
        else:
            scores[criterion_id] = score
        return edits.replace_entity(case, replace(current, scores=scores))

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        option, criterion = self._options[index.row()], self.criterion(index.column())
        assert criterion is not None
        try:
            score = self._read(option, criterion, value)
        except ValueError as error:
            self.document.edit_refused.emit(str(error))
            return False
        if option.scores.get(criterion.id) == score:
            return True
        new_case = self._scored(self.document.case, option, criterion.id, score)
        text = _("Clear score of {option}") if score is None else _("Edit score of {option}")
        return self.document.change(new_case, text.format(option=option.name or option.id)) is None

    def block_as_tsv(self, indexes: list[QModelIndex]) -> str:
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        lines = [
            "\t".join(str(self.index(r, c).data(DISPLAY) or "") for c in columns) for r in rows
        ]
        return "\n".join(lines) + "\n"

    def paste_block(self, text: str, top: int, left: int) -> tuple[int, str | None]:
        """Scores from tab-separated text, from the cell (top, left) on: (cells set, reason
        refused). A cell beyond the criteria or the options is ignored; one bad value refuses
        the whole paste."""
        if self.document.read_only:
            return 0, _("this case is read-only: {reason}").format(
                reason=self.document.read_only_reason
            )
        lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
        case, count = self.document.case, 0
        for r, line in enumerate(lines, start=top):
            for c, cell in enumerate(line.split("\t"), start=left):
                criterion = self.criterion(c)
                if r >= len(self._options) or criterion is None:
                    continue
                try:
                    score = self._read(self._options[r], criterion, cell)
                except ValueError as error:
                    return 0, str(error)
                case = self._scored(case, self._options[r], criterion.id, score)
                count += 1
        if not count:
            return 0, _("the clipboard holds no scores for these cells")
        text = (
            _("Paste score")
            if count == 1
            else ngettext("Paste {count} score", "Paste {count} scores", count).format(count=count)
        )
        refused = self.document.change(case, text)
        return (count, None) if refused is None else (0, refused)

    def clear_cells(self, indexes: list[QModelIndex]) -> bool:
        """Remove the scores in ``indexes`` (Delete in the matrix), in one step."""
        if self.document.read_only:
            return False
        case = self.document.case
        for index in indexes:
            criterion = self.criterion(index.column())
            option = self._options[index.row()]
            if criterion is not None and criterion.id in option.scores:
                case = self._scored(case, option, criterion.id, None)
        return self.document.change(case, _("Clear scores")) is None
