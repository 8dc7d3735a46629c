"""Correlated risks (SPEC §9), under the register on the Risk tab: the pairs of risks that tend
to come together, each with its correlation (typed over in the list), a form to add a pair
and Remove for the selected ones. Every change is one undoable step.

While a pair is chosen in the form, the label under it says what is wrong with it before Add
is pressed — the same risk twice, a pair already in the list, a correlation out of range, or
pairs that cannot hold together (naming them, ``correlation_edits.pair_problem``) — and Add
stays disabled until it is right. The heat map draws a line between the risks of each pair.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import correlation_edits as ce
from desktop_app.domain.model import Case, Correlation
from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.models.correlations_model import RHO_COLUMN, CorrelationsModel
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.widgets.number_locale import speak_numbers
from desktop_app.ui.widgets.table_keys import EditableTableView

Index = QModelIndex | QPersistentModelIndex
TITLE_TIP = N_(
    "Risks that tend to come together: a late delivery and a line-stoppage penalty, a price "
    "spike and a volume shortfall. The Monte Carlo pairs their losses so that they are bad "
    "in the same simulated contracts (a positive correlation) or one bad when the other is "
    "mild (a negative one); the expected loss stays, the tail (expected shortfall, VaR) "
    "moves. The heat map draws a line between the two risks of each pair."
)
PROBLEM_STYLE = "color: #b00020;"
GUIDE_STYLE = "color: #666;"
#: What the label under the form says while the pair chosen is right.
GUIDE = N_("Pick two risks that tend to come together and their correlation, then Add pair.")
#: The correlation a new pair starts with.
DEFAULT_RHO = 0.5


def rho_spin(parent: QWidget | None = None) -> QDoubleSpinBox:
    """−0.95…0.95 in steps of 0.05, two decimals."""
    spin = QDoubleSpinBox(parent)
    speak_numbers(spin)
    spin.setRange(-ce.RHO_LIMIT, ce.RHO_LIMIT)
    spin.setSingleStep(0.05)
    spin.setDecimals(2)
    spin.setToolTip(
        _(
            "How strongly the two risks' losses move together, as a rank correlation: 0.95 bad "
            "together, −0.95 one bad when the other is mild, 0 independent."
        )
    )
    return spin


class RhoDelegate(QStyledItemDelegate):
    """The correlation column is typed in a spin box of the allowed range."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() != RHO_COLUMN:
            return super().createEditor(parent, _option, index)
        return rho_spin(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(index.data(Qt.ItemDataRole.EditRole) or 0.0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        if isinstance(editor, QDoubleSpinBox) and isinstance(model, CorrelationsModel):
            editor.interpretText()
            model.setData(index, round(editor.value(), 2), Qt.ItemDataRole.EditRole)


class PairsView(EditableTableView):
    """The list of pairs asks for the height of ``ROWS`` rows (the register above takes the
    rest of the page); more pairs scroll."""

    ROWS = 5

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        header = self.horizontalHeader().sizeHint().height()
        rows = self.ROWS * self.verticalHeader().defaultSectionSize()
        return QSize(hint.width(), header + rows + 2 * self.frameWidth())


class CorrelationsPanel(QWidget):
    """The list of correlated pairs, Remove, and the form that adds one."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = CorrelationsModel(document)
        self.view = PairsView()
        self.view.setModel(self.model)
        self.model.setParent(self.view)  # goes with its view
        self.view.setItemDelegate(RhoDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setMinimumHeight(3 * 24 + 30)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RHO_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.view.setColumnWidth(RHO_COLUMN, 96)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._refresh_buttons())
        delete = QAction(self.view)
        delete.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")]
        )
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_selected)
        self.view.addAction(delete)

        self.remove_button = QToolButton()
        self.remove_button.setText(_("Remove"))
        self.remove_button.setToolTip(_("Remove the selected pairs (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.toggle = QToolButton()  # folds the section away to give the register its room
        self.toggle.setText(_("Correlated risks"))
        self.toggle.setToolTip(_(TITLE_TIP))
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setStyleSheet("QToolButton { font-weight: bold; border: none; }")
        self.toggle.toggled.connect(self.unfold)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #666;")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.toggle)
        bar.addWidget(self.hint, 1)
        bar.addWidget(self.remove_button)

        self.risk_a = QComboBox()
        self.risk_b = QComboBox()
        for combo in (self.risk_a, self.risk_b):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            combo.currentIndexChanged.connect(lambda _i: self.check())
        self.risk_a.setToolTip(_("One of the two risks that tend to come together."))
        self.risk_b.setToolTip(_("The other risk."))
        self.rho = rho_spin()
        self.rho.setValue(DEFAULT_RHO)
        self.rho.valueChanged.connect(lambda _v: self.check())
        self.add_button = QPushButton(_("Add pair"))
        self.add_button.setToolTip(_("Add the pair with this correlation (Ctrl+Z takes it back)"))
        self.add_button.clicked.connect(self.add_pair)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        form = QGridLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        for row, (words, field) in enumerate(
            (
                (_("&Risk:"), self.risk_a),
                (_("&With risk:"), self.risk_b),
                (_("C&orrelation:"), self.rho),
            )
        ):
            label = QLabel(words)
            label.setBuddy(field)
            form.addWidget(label, row, 0)
            form.addWidget(field, row, 1)
        form.addWidget(self.add_button, 2, 2)
        form.addWidget(self.problem, 3, 0, 1, 3)
        form.setRowStretch(4, 1)
        form.setColumnStretch(1, 1)
        form_box = QWidget()
        form_box.setLayout(form)

        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.view, 1)
        body.addWidget(form_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.body, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        document.case_changed.connect(self.on_case)
        self.on_case(document.case)

    # -- following the case -----------------------------------------------------------------

    def on_case(self, case: Case) -> None:
        chosen = (self.risk_a.currentData(), self.risk_b.currentData())
        for combo, wanted, fallback in (
            (self.risk_a, chosen[0], 0),
            (self.risk_b, chosen[1], 1),
        ):
            combo.blockSignals(True)
            combo.clear()
            for risk in case.risks:
                combo.addItem(risk.name or risk.id, risk.id)
                combo.setItemData(
                    combo.count() - 1, risk.name or risk.id, Qt.ItemDataRole.ToolTipRole
                )
            found = combo.findData(wanted) if wanted is not None else -1
            combo.setCurrentIndex(found if found >= 0 else min(fallback, combo.count() - 1))
            combo.blockSignals(False)
        count = len(case.correlations)
        self.hint.setText(
            "  "
            + (
                ngettext(
                    "{count} pair; double-click a correlation to change it",
                    "{count} pairs; double-click a correlation to change it",
                    count,
                ).format(count=count)
                if count
                else _("none: the risks are independent")
            )
        )
        self.check()

    def unfold(self, shown: bool) -> None:
        """Show or fold away the list and the form (the bar with its count stays)."""
        self.body.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.remove_button.setVisible(shown)

    @property
    def writable(self) -> bool:
        return not self.document.read_only and len(self.document.case.risks) >= 2

    def candidate(self) -> Correlation | None:
        """The pair the form shows, or None when no risks are chosen."""
        a, b = self.risk_a.currentData(), self.risk_b.currentData()
        if a is None or b is None:
            return None
        return Correlation(str(a), str(b), round(self.rho.value(), 2))

    def check(self) -> str | None:
        """Say what is wrong with the pair in the form (live), and allow Add only without a
        problem; returns the problem."""
        case = self.document.case
        entry = self.candidate()
        if self.document.read_only:
            problem: str | None = _("Read-only: the correlations cannot be changed.")
        elif len(case.risks) < 2 or entry is None:
            problem = _("Add at least two risks to the register to tie them together.")
        else:
            problem = ce.pair_problem(case, entry)
        self.problem.setText(problem or _(GUIDE))
        self.problem.setStyleSheet(PROBLEM_STYLE if problem else GUIDE_STYLE)
        self.add_button.setEnabled(problem is None)
        for widget in (self.risk_a, self.risk_b, self.rho):
            widget.setEnabled(self.writable)
        self._refresh_buttons()
        return problem

    def _refresh_buttons(self) -> None:
        selected = self.view.selectionModel().selectedRows()
        self.remove_button.setEnabled(not self.document.read_only and bool(selected))

    # -- actions ----------------------------------------------------------------------------

    def add_pair(self) -> bool:
        """Add the pair in the form (one undoable step) and select it in the list."""
        entry = self.candidate()
        if entry is None or self.check() is not None:
            return False
        if not self.model.add(entry):
            return False
        row = self.model.rowCount() - 1
        self.view.selectRow(row)
        self._next_free_partner(entry.risk_a)
        return True

    def _next_free_partner(self, risk_a: str) -> None:
        """After a pair is added, the form offers the next risk not yet tied to ``risk_a``."""
        case = self.document.case
        start = self.risk_b.currentIndex()
        for step in range(1, self.risk_b.count()):
            candidate = self.risk_b.itemData((start + step) % self.risk_b.count())
            if candidate != risk_a and ce.index_of_pair(case, risk_a, candidate) is None:
                self.risk_b.setCurrentIndex((start + step) % self.risk_b.count())
                return
        self.check()

    def remove_selected(self) -> bool:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return self.model.remove_rows(rows) if rows else False
