"""A scenario's own view of the risks: per risk, an override of the probability and the three
impacts (empty = the register's value), written to ``Scenario.risk_overrides``.

One row per risk of the register. A cell shows the override in bold on a tint, or the
register's value in grey when there is none. Typing a value stores an override; an empty cell
(or Delete) removes it. Values are read by the same parser as the register's cells. An impact
typed above (or below) the others this scenario sees takes them along, as in the register, and
says so; a negative impact, a probability outside 0–100 % or a cleared override that leaves
low ≤ likely ≤ high broken is refused with the reason and nothing is stored.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import edits, entry
from desktop_app.domain.model import OVERRIDABLE_RISK_FIELDS, Case, Risk, RiskOverride, Scenario
from desktop_app.domain.validate import effective_risk
from desktop_app.i18n import N_, _, language, ngettext
from desktop_app.i18n.numbers import grouped
from desktop_app.ui.models.columns import Column, display_text, edit_text, parse_text
from desktop_app.ui.models.risk_columns import OVERRIDE_COLUMNS
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs.scenario_figures import short_number
from desktop_app.ui.widgets.table_keys import EditableTableView

Index = QModelIndex | QPersistentModelIndex
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole

#: The columns after the risk's name, one per overridable field, as in the register.
FIELDS: tuple[Column, ...] = OVERRIDE_COLUMNS
NAME_TIP = N_("The risk of the register (edit it in the register above).")
FIELD_TIP = N_(
    "This scenario's own {what} for the risk. Empty = the register's value (shown in grey). "
    "Type a value to override it for this scenario only; Delete removes the override."
)
OVERRIDE_TINT = "#FEF5E7"


def _lower(header: str) -> str:
    """A column's header inside a sentence: lower case in English (German keeps its nouns
    capitalised)."""
    return header.lower() if language() == "en" else header


class RiskOverridesModel(QAbstractTableModel):
    """Rows: the register's risks; columns: name + the four overridable fields."""

    def __init__(self, document: CaseDocument) -> None:
        super().__init__(document)
        self.document = document
        self.scenario_id: str | None = None
        self._risks: list[Risk] = list(document.case.risks)
        document.case_changed.connect(self._on_case)

    # -- which scenario ---------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario | None:
        case = self.document.case
        return next((s for s in case.scenarios if s.id == self.scenario_id), None)

    def set_scenario(self, scenario_id: str | None) -> None:
        self.beginResetModel()
        self.scenario_id = scenario_id
        self._risks = list(self.document.case.risks)
        self.endResetModel()

    @property
    def writable(self) -> bool:
        return not self.document.read_only and self.scenario is not None

    def _on_case(self, case: Case) -> None:
        risks = list(case.risks)
        if [r.id for r in risks] == [r.id for r in self._risks] and self._risks:
            self._risks = risks
            self.dataChanged.emit(self.index(0, 0), self.index(len(risks) - 1, len(FIELDS)))
        else:
            self.beginResetModel()
            self._risks = risks
            self.endResetModel()

    # -- reading ----------------------------------------------------------------------------

    def risk(self, row: int) -> Risk:
        return self._risks[row]

    def override(self, row: int) -> RiskOverride | None:
        scenario = self.scenario
        return None if scenario is None else scenario.risk_overrides.get(self._risks[row].id)

    def override_value(self, row: int, column: int) -> float | None:
        found = self.override(row)
        return None if found is None else getattr(found, FIELDS[column - 1].field)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._risks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= len(FIELDS):
            return str(section + 1) if role == DISPLAY else None
        if role == DISPLAY:
            return _("Risk") if section == 0 else FIELDS[section - 1].title
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == 0:
                return _(NAME_TIP)
            return _(FIELD_TIP).format(what=_lower(FIELDS[section - 1].title))
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._risks):
            return None
        risk, column = self._risks[index.row()], index.column()
        currency = self.document.case.info.currency
        if column == 0:
            if role in (DISPLAY, EDIT):
                return risk.name or risk.id
            return _(NAME_TIP) if role == Qt.ItemDataRole.ToolTipRole else None
        spec = FIELDS[column - 1]
        own = self.override_value(index.row(), column)
        register = getattr(risk, spec.field)
        if role == DISPLAY:
            return display_text(spec, register if own is None else own, currency)
        if role == EDIT:
            return own
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = display_text(spec, register, currency)
            if own is None:
                return _(
                    "No override: the register's value ({shown}) applies. Type to override."
                ).format(shown=shown)
            mine = display_text(spec, own, currency)
            return _(
                "Overridden for this scenario: {mine} (register: {shown}). Delete clears it."
            ).format(mine=mine, shown=shown)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and own is None:
            return QBrush(QColor("#909090"))
        if role == Qt.ItemDataRole.BackgroundRole and own is not None:
            return QBrush(QColor(OVERRIDE_TINT))
        if role == Qt.ItemDataRole.FontRole and own is not None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() > 0 and self.writable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- editing ----------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or index.column() == 0:
            return False
        return self.set_overrides([(index.row(), index.column(), value)])

    def clear(self, indexes: list[QModelIndex]) -> bool:
        """Remove the overrides of the given cells (one undoable step)."""
        cells = [(i.row(), i.column(), None) for i in indexes if i.column() > 0]
        cells = [c for c in cells if self.override_value(c[0], c[1]) is not None]
        return self.set_overrides(cells, clearing=True) if cells else False

    def set_overrides(self, cells: list[tuple[int, int, Any]], *, clearing: bool = False) -> bool:
        """Store new override values for (row, column, value) cells; False if refused."""
        scenario = self.scenario
        if scenario is None:
            self.document.edit_refused.emit(_("Choose a scenario first."))
            return False
        overrides = dict(scenario.risk_overrides)
        notes: list[str] = []
        for row, column, raw in cells:
            spec, risk = FIELDS[column - 1], self._risks[row]
            try:
                value = self._read(spec, raw)
            except ValueError as error:
                self.document.edit_refused.emit(f"{risk.name or risk.id}, {spec.title}: {error}")
                return False
            current = overrides.get(risk.id, RiskOverride())
            changed = replace(current, **{spec.field: value})
            if value is not None:
                changed, note = self._followed(risk, changed, spec.field)
                notes += [note] if note else []
            if changed == RiskOverride():
                overrides.pop(risk.id, None)
            else:
                overrides[risk.id] = changed
        new_scenario = replace(scenario, risk_overrides=overrides)
        for row, _column, _raw in cells:
            reason = self._problem(self._risks[row], new_scenario)
            if reason is not None:
                self.document.edit_refused.emit(reason)
                return False
        if new_scenario == scenario:
            return True
        name = scenario.name or scenario.id
        if len(cells) == 1:
            spec, risk = FIELDS[cells[0][1] - 1], self._risks[cells[0][0]]
            said = (
                _("Clear {field} of {risk} in {scenario}")
                if clearing
                else _("Override {field} of {risk} in {scenario}")
            )
            text = said.format(field=_lower(spec.title), risk=risk.name or risk.id, scenario=name)
        else:
            said = (
                _("Clear {count} risk values in {scenario}")
                if clearing
                else _("Override {count} risk values in {scenario}")
            )
            text = said.format(count=len(cells), scenario=name)
        new_case = edits.replace_entity(self.document.case, new_scenario)
        return self.document.change(new_case, text, note="; ".join(notes)) is None

    def _read(self, spec: Column, raw: Any) -> float | None:
        """The override typed (None: the register's value), read by the field's parser with
        the override's range; ValueError saying what was understood."""
        if raw is None or (isinstance(raw, str) and raw.strip() in ("", "—", "-")):
            return None
        if isinstance(raw, str):
            currency = self.document.case.info.currency
            value = parse_text(spec, raw, owner=RiskOverride, currency=currency)
        else:
            value = float(raw)
        if spec.kind == "fraction" and not 0.0 <= value <= 1.0:
            raise ValueError(
                _("{value} % is not between 0 % and 100 %").format(value=short_number(100 * value))
            )
        if spec.kind == "money" and value < 0:
            raise ValueError(_("{value} is below 0").format(value=grouped(value, 0)))
        return float(value)

    @staticmethod
    def _followed(risk: Risk, override: RiskOverride, field: str) -> tuple[RiskOverride, str]:
        """``override`` after ``field`` was typed, with the other impacts this scenario sees
        following it, as in the register (``entry.keep_in_order`` says why); the sentence
        announcing it. A field that follows becomes an override too."""
        own = {f: getattr(override, f) for f in OVERRIDABLE_RISK_FIELDS}
        seen = replace(risk, **{f: v for f, v in own.items() if v is not None})
        _kept, moves = entry.follow_order(seen, field)
        if not moves:
            return override, ""
        followed = replace(override, **{move.field: move.value for move in moves})
        headers = {spec.field: spec.title for spec in FIELDS}
        words = entry.ordered_words(Risk)
        note = entry.announce_moves(moves, lambda f: headers.get(f, f), words)
        return followed, f"{risk.name or risk.id}: {note}"

    @staticmethod
    def _problem(risk: Risk, scenario: Scenario) -> str | None:
        seen = effective_risk(risk, scenario)
        if seen.impact_low <= seen.impact_likely <= seen.impact_high:
            return None
        return _(
            "{risk} in “{scenario}”: the impacts must satisfy low ≤ likely ≤ high (with this "
            "override: low {low}, likely {likely}, high {high})"
        ).format(
            risk=risk.name or risk.id,
            scenario=scenario.name or scenario.id,
            low=grouped(seen.impact_low, 0),
            likely=grouped(seen.impact_likely, 0),
            high=grouped(seen.impact_high, 0),
        )


class OverrideDelegate(QStyledItemDelegate):
    """A line edit: empty means "use the register's value"; probabilities in percent."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        spec = FIELDS[index.column() - 1]
        model = index.model()
        if isinstance(model, RiskOverridesModel):
            currency = model.document.case.info.currency
            register = getattr(model.risk(index.row()), spec.field)
            editor.setPlaceholderText(
                _("empty = register ({value})").format(value=display_text(spec, register, currency))
            )
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(edit_text(FIELDS[index.column() - 1], index.data(EDIT)))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QLineEdit):  # read like the register's cell: "8" and "8 %" are 8 %
            model.setData(index, editor.text().strip(), EDIT)


class RiskOverridesPanel(QWidget):
    """Scenario chooser, the overrides table and a Clear button."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = RiskOverridesModel(document)
        self.combo = QComboBox()
        self.combo.setToolTip(_("The scenario whose view of the risks you are editing."))
        self.combo.setMinimumContentsLength(18)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.clear_button = QToolButton()
        self.clear_button.setText(_("Clear"))
        self.clear_button.setToolTip(_("Remove the selected overrides (Delete)"))
        self.clear_button.clicked.connect(self.clear_selected)
        self.view = EditableTableView()  # Tab skips the risk names
        self.view.setModel(self.model)
        self.model.setParent(self.view)  # goes with its view
        self.view.setItemDelegate(OverrideDelegate(self.view))
        self.view.setTabKeyNavigation(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, spec in enumerate(FIELDS, start=1):
            self.view.setColumnWidth(column, spec.width or 110)
        delete = QAction(self.view)
        delete.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")]
        )
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.clear_selected)
        self.view.addAction(delete)
        heading = _("Risk overrides per scenario")
        title = QLabel(f"<b>{heading}</b>")
        title.setToolTip(
            _(
                "A deal package can change the risks: a shorter payment term lowers the chance "
                "of late payment, a tighter delivery clause raises the penalty. Override a "
                "risk's probability or impacts for one scenario here; the register stays as it "
                "is."
            )
        )
        chooser = QLabel(_("&Scenario:"))
        chooser.setBuddy(self.combo)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(chooser)
        bar.addWidget(self.combo)
        bar.addWidget(self.clear_button)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        document.case_changed.connect(self.on_case)
        self.on_case(document.case)

    def on_case(self, case: Case) -> None:
        wanted = self.model.scenario_id
        if wanted is None or not any(s.id == wanted for s in case.scenarios):
            first = next((s for s in case.scenarios if s.risk_overrides), None)
            first = first or case.proposal_scenario or (case.scenarios or (None,))[0]
            wanted = first.id if first is not None else None
        self.combo.blockSignals(True)
        self.combo.clear()
        for scenario in case.scenarios:
            count = len(scenario.risk_overrides)
            suffix = (
                "  "
                + ngettext("({count} override)", "({count} overrides)", count).format(count=count)
                if count
                else ""
            )
            self.combo.addItem(f"{scenario.name or scenario.id}{suffix}", scenario.id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(wanted)))
        self.combo.blockSignals(False)
        if wanted != self.model.scenario_id:
            self.model.set_scenario(wanted)
        writable = self.model.writable
        self.clear_button.setEnabled(writable)
        if not case.risks:
            self.hint.setText(_("Add risks to the register first; then override them here."))
        elif not case.scenarios:
            self.hint.setText(_("Add a scenario on the Margin tab to override risks for it."))
        elif self.document.read_only:
            self.hint.setText(_("Read-only: the overrides cannot be changed."))
        else:
            self.hint.setText(_("Grey = the register's value. Type to override; Delete clears."))

    def _chosen(self, _position: int) -> None:
        self.model.set_scenario(self.combo.currentData())
        self.clear_button.setEnabled(self.model.writable)

    def choose(self, scenario_id: str) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(scenario_id)))

    def clear_selected(self) -> None:
        self.model.clear(self.view.selectionModel().selectedIndexes())
