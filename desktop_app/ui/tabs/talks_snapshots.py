"""Round snapshots on the Talks tab (SPEC §10): save one, list them, read one, and what changed
since one.

A snapshot is read as its text report (the ``analyze`` report, offers and plan included), the
figures recomputed from the snapshot's case off the UI thread: what the numbers said at that
round, every one of them, in a window that cannot change anything. "What changed since…" lists
the field-level differences (``domain.diff.case_changes``) from the snapshot to the case now.
Both windows are modeless: the consultant keeps working beside them.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.diff import Change, case_changes
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, language
from desktop_app.i18n.numbers import short_date
from desktop_app.store import CaseFileError, SnapshotInfo
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.workers.analysis_runner import AnalysisRunner

SAVE_TEXT = N_("Save Round Snapshot…")
OPEN_TEXT = N_("Open Snapshot")
CHANGES_TEXT = N_("What Changed Since…")
#: The text report's heading of the talks (``reports.text_talks``, which marks it; looked for
#: here in the language in use).
OFFERS_HEADING = "TALKS: THE OFFERS AGAINST THE PLAN"


def taken_words(taken_at: str) -> str:
    """``2026-12-05T16:30:00Z`` in local time, as a consultant reads it."""
    try:
        when = _dt.datetime.strptime(taken_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.UTC)
    except ValueError:
        return taken_at
    local = when.astimezone()
    if language() == "en":
        return local.strftime("%d %b %Y, %H:%M")
    return f"{short_date(local.date())}, {local:%H:%M}"


def ask_label(parent: QWidget | None, default: str) -> str | None:
    """The label of a new snapshot, ``default`` offered; None when cancelled. Every question
    of the panel goes through here, so tests answer it without a dialog."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    answer, ok = QInputDialog.getText(
        parent,
        _("Save Round Snapshot"),
        _("Label of the snapshot:"),
        QLineEdit.EchoMode.Normal,
        default,
    )
    return answer if ok else None


def default_label(case: Case) -> str:
    """ "Round N" for the latest round of the offer log ("Before the talks" when empty)."""
    rounds = [o.round for o in case.offers]
    return _("Round {number}").format(number=max(rounds)) if rounds else _("Before the talks")


def save_round_snapshot(
    document: CaseDocument, parent: QWidget | None = None, label: str | None = None
) -> str | None:
    """Save Round Snapshot…, wherever it is asked for (the Talks tab's buttons, File menu):
    keep the case as it is now under ``label`` (asked for when None, "Round N" offered). None
    when saved, else why not ("cancelled" when the question was cancelled); the document
    reports a refusal itself (``edit_refused``, ``write_failed``)."""
    if label is None:
        label = ask_label(parent, default_label(document.case))
        if label is None:
            return "cancelled"
    return document.take_snapshot(label.strip() or default_label(document.case))


class SnapshotReport(QDialog):
    """A snapshot as its text report, read-only; the figures follow from its case."""

    ready = Signal()  # the report is on screen

    def __init__(self, info: SnapshotInfo, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(
            _("Snapshot “{label}” — {when} (read-only)").format(
                label=info.label, when=taken_words(info.taken_at)
            )
        )
        self.case = case
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(font)
        self.text.setPlainText(_("Computing the figures of the snapshot…"))
        note = QLabel(
            _(
                "The case as it was when “{label}” was saved, and every figure computed from "
                "it. Nothing here can be changed."
            ).format(label=info.label)
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(900, 620)
        self.runner = AnalysisRunner(self)
        self.runner.finished.connect(self._analysed)
        self.runner.failed.connect(
            lambda reason: self.text.setPlainText(
                _("The figures could not be computed: {reason}").format(reason=reason)
            )
        )
        self.runner.request(case, immediately=True)

    def _analysed(self, analysis: Any) -> None:
        from desktop_app.reports.text import format_report

        self.text.setPlainText(format_report(self.case, analysis))
        # Open at the offers against the plan: what a round's snapshot is read for.
        if self.text.find(_(OFFERS_HEADING)) or self.text.find(OFFERS_HEADING):
            self.text.moveCursor(QTextCursor.MoveOperation.StartOfLine)
            self.text.centerCursor()
        else:
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self.ready.emit()

    def done(self, result: int) -> None:
        self.runner.cancel()
        self.runner.wait()
        super().done(result)

    def closeEvent(self, event: Any) -> None:
        self.runner.cancel()
        self.runner.wait()
        super().closeEvent(event)


class ChangesDialog(QDialog):
    """The field-level differences from a snapshot to now, one per row."""

    def __init__(
        self, info: SnapshotInfo, changes: tuple[Change, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("What changed since “{label}”").format(label=info.label))
        self.changes = changes
        count = len(changes)
        when = taken_words(info.taken_at)
        self.summary = QLabel(
            _("No change since “{label}” ({when}).").format(label=info.label, when=when)
            if not count
            else _("{count} change(s) since “{label}” ({when}):").format(
                count=count, label=info.label, when=when
            )
        )
        self.table = QTableWidget(count, 3)
        self.table.setHorizontalHeaderLabels(
            [_("What"), _("Then ({label})").format(label=info.label), _("Now")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for row, change in enumerate(changes):
            for column, text in enumerate((change.label, change.before, change.after)):
                item = QTableWidgetItem(text)
                item.setToolTip(change.path if column == 0 else text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 200)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 480)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (label, then, now)."""
        return [(c.label, c.before, c.after) for c in self.changes]


class SnapshotPanel(QWidget):
    """The file's snapshots, newest first, with Save, Open and What changed since…"""

    message = Signal(str)

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.windows: list[QDialog] = []  # the snapshot windows opened (tests look at them)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.setToolTip(
            _(
                "The case as it was at each saved round. Open one to read it; compare it with "
                "now with What Changed Since…"
            )
        )
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_enabled())
        self.save_button = QPushButton(_(SAVE_TEXT))
        self.save_button.setToolTip(
            _("Keep the whole case as it is now inside the case file, with a label and the time.")
        )
        self.save_button.clicked.connect(lambda: self.save_snapshot())
        self.open_button = QPushButton(_(OPEN_TEXT))
        self.open_button.setToolTip(_("Read the selected snapshot and its figures (read-only)."))
        self.open_button.clicked.connect(self.open_selected)
        self.changes_button = QPushButton(_(CHANGES_TEXT))
        self.changes_button.setToolTip(
            _("Every field that differs between the selected snapshot and the case now.")
        )
        self.changes_button.clicked.connect(self.changes_selected)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.save_button, self.open_button, self.changes_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        heading = _("Round snapshots")
        title = QLabel(f"<b>{heading}</b>")
        self.empty = QLabel(
            _(
                "No snapshot yet. Save one after each round: the case as it stood, to read "
                "later and to compare with."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        document.snapshots_changed.connect(self.refresh)
        # a bound method, not a lambda: disconnected when the panel goes (a rebuilt window)
        document.case_changed.connect(self._update_enabled)
        self.refresh()

    # -- the list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.list.clear()
        for info in reversed(self.document.file.snapshots()):
            item = QListWidgetItem(f"{info.label}    ·    {taken_words(info.taken_at)}")
            item.setData(Qt.ItemDataRole.UserRole, info)
            item.setToolTip(_("Saved {when}").format(when=taken_words(info.taken_at)))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not self.list.count())
        self._update_enabled()

    def labels(self) -> list[str]:
        return [self._info(self.list.item(i)).label for i in range(self.list.count())]

    @staticmethod
    def _info(item: QListWidgetItem) -> SnapshotInfo:
        info: SnapshotInfo = item.data(Qt.ItemDataRole.UserRole)
        return info

    def selected(self) -> SnapshotInfo | None:
        item = self.list.currentItem()
        return None if item is None else self._info(item)

    def _update_enabled(self) -> None:
        chosen = self.list.currentItem() is not None
        self.save_button.setEnabled(not self.document.read_only)
        self.open_button.setEnabled(chosen)
        self.changes_button.setEnabled(chosen)

    # -- actions ------------------------------------------------------------------------------

    def save_snapshot(self, label: str | None = None) -> str | None:
        """Save a snapshot labelled ``label`` (asked for when None, "Round N" offered); None
        when saved, else why not ("cancelled" when the question was cancelled)."""
        refused = save_round_snapshot(self.document, self, label)
        if refused is not None and refused != "cancelled":
            self.message.emit(_("Snapshot not saved: {reason}").format(reason=refused))
        return refused

    def _case_of(self, info: SnapshotInfo) -> Case | None:
        try:
            return self.document.file.snapshot_case(info.id)
        except (KeyError, CaseFileError) as error:  # a damaged snapshot: say so, keep working
            self.message.emit(_("The snapshot cannot be read: {error}").format(error=error))
            return None

    def open_selected(self) -> SnapshotReport | None:
        info = self.selected()
        case = None if info is None else self._case_of(info)
        if info is None or case is None:
            return None
        window = SnapshotReport(info, case, self)
        self._show(window)
        return window

    def changes_selected(self) -> ChangesDialog | None:
        info = self.selected()
        case = None if info is None else self._case_of(info)
        if info is None or case is None:
            return None
        window = ChangesDialog(info, case_changes(case, self.document.case), self)
        self._show(window)
        return window

    def _show(self, window: QDialog) -> None:
        self.windows = [w for w in self.windows if w.isVisible()]
        self.windows.append(window)
        window.setModal(False)
        window.show()
