"""The open case as the app sees it: the file, the undo stack, the live analysis.

Every change goes through ``change(new_case, text)``: the store validates and writes it in one
transaction; on success one undo command is pushed and ``case_changed`` is emitted — the one
"what changed" broadcast every tab listens to — and the analysis is scheduled. A refused
change (``ValidationError``) returns the reason (and emits ``edit_refused`` with it) and
changes nothing; a failed write emits ``write_failed`` and the screen is refreshed from the
file. Nothing but a consultant's action changes the case: an analysis never writes.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop_app.domain.errors import ValidationError, with_more
from desktop_app.domain.model import Case
from desktop_app.domain.schema import SPEC_BY_CLASS
from desktop_app.i18n import _, language
from desktop_app.store import CaseFile, CaseFileError
from desktop_app.ui.state.commands import CaseChangeCommand
from desktop_app.ui.workers.analysis_runner import AnalysisRunner

if TYPE_CHECKING:
    from desktop_app.analysis.results import CaseAnalysis


def field_words(path: str) -> str:
    """``risks[3].impact_likely`` → ``Impact likely`` (the field a consultant sees); in another
    language, the field's label from the schema, in that language."""
    last = path.rsplit(".", 1)[-1]
    last = last.split("[", 1)[0] or path
    english = last.replace("_pct", "").replace("_", " ").capitalize()
    if language() == "en":
        return english
    label = next(
        (spec.fields[last].label for spec in SPEC_BY_CLASS.values() if last in spec.fields), ""
    )
    return _(label) if label else english


def refusal_text(error: ValidationError) -> str:
    """The first problem in words, naming its field, for a status bar or a form."""
    first = error.first
    text = (
        _("{field}: {problem}").format(field=field_words(first.path), problem=first.message)
        if first.path
        else first.message
    )
    return with_more(text, len(error.errors) - 1)


class CaseDocument(QObject):
    """One open case. Owns its ``CaseFile``; close it with ``close()``."""

    case_changed = Signal(object)  # Case: the one "what changed" broadcast
    analysis_ready = Signal(object)  # CaseAnalysis of the case on screen
    analysis_started = Signal()
    analysis_progress = Signal(float)
    analysis_failed = Signal(str)
    saved = Signal(str)  # a sentence for the status bar
    edit_refused = Signal(str)  # why a change was not stored
    write_failed = Signal(str)
    snapshots_changed = Signal()  # a round snapshot was saved (SPEC §10)

    def __init__(self, case_file: CaseFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.file = case_file
        self.undo_stack = QUndoStack(self)
        self._realigning = False
        self.runner = AnalysisRunner(self)
        self.analysis: CaseAnalysis | None = None
        self.runner.started.connect(self.analysis_started)
        self.runner.progress.connect(self.analysis_progress)
        self.runner.finished.connect(self._on_analysis)
        self.runner.failed.connect(self.analysis_failed)

    # -- state ------------------------------------------------------------------------------

    @property
    def case(self) -> Case:
        return self.file.case

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    @property
    def read_only_reason(self) -> str | None:
        return self.file.read_only_reason

    def start(self, *, analyse: bool = True) -> None:
        """Broadcast the loaded case and analyse it (call once the tabs are connected)."""
        self.case_changed.emit(self.case)
        if analyse:
            self.runner.request(self.case, immediately=True)

    def close(self) -> None:
        self.runner.cancel()
        self.runner.wait()
        self.undo_stack.clear()
        self.file.close()

    # -- changing ---------------------------------------------------------------------------

    def change(self, new_case: Case, text: str, *, note: str = "") -> str | None:
        """Store ``new_case`` as one undoable step named ``text``. Returns None when it is
        stored (or there was nothing to store), else why not, in words naming the field (the
        same sentence ``edit_refused`` or ``write_failed`` carries to the status bar).

        ``note``: what else the change did that the consultant did not type (other fields
        that followed the one typed), said in the status bar with the save.

        The proposal's words that the change rewrites are based on its figures as they are
        after it (``analysis.quotes.refresh_bases``), in the same step."""
        # Imported at the first edit, not before the first paint (its patterns take 3 ms).
        from desktop_app.analysis.quotes import refresh_bases

        before = self.case
        new_case = refresh_bases(before, new_case)
        if new_case == before:
            return None
        refused = self._store(new_case, text, note)
        if refused is None:
            self.undo_stack.push(CaseChangeCommand(self, before, self.case, text))
        return refused

    def store_from_undo_stack(self, case: Case, text: str) -> None:
        """Undo/redo: store a case the stack remembers (it was valid when it was stored).

        If it cannot be stored (a full disk), the file and the screen stay as they were, and
        so must the stack: it moves its index once this returns, so it is moved back on the
        next turn of the event loop (the Undo and Redo menu items then match the file)."""
        if self._realigning:
            return  # putting the stack back where the file is: nothing to store
        index = self.undo_stack.index()  # before the stack moves
        if self._store(case, text) is not None:
            QTimer.singleShot(0, self, lambda: self._realign(index))

    def _realign(self, index: int) -> None:
        self._realigning = True
        try:
            self.undo_stack.setIndex(index)
        finally:
            self._realigning = False

    def _store(self, new_case: Case, text: str, note: str = "") -> str | None:
        """Write ``new_case``; None when stored, else why not (also emitted)."""
        if self.read_only:
            reason = _("This case is read-only: {reason}.").format(reason=self.read_only_reason)
            self.edit_refused.emit(reason)
            return reason
        try:
            self.file.commit(new_case)
        except ValidationError as error:
            reason = refusal_text(error)
            self.edit_refused.emit(reason)
            return reason
        except CaseFileError as error:
            self.write_failed.emit(error.problem)
            self._broadcast()
            return error.problem
        when = _dt.datetime.now().strftime("%H:%M:%S")
        self.saved.emit(
            _("{action} — saved {time}. {note}.").format(action=text, time=when, note=note)
            if note
            else _("{action} — saved {time}").format(action=text, time=when)
        )
        self._broadcast()
        return None

    def _broadcast(self) -> None:
        self.case_changed.emit(self.case)
        self.runner.request(self.case)

    # -- round snapshots (SPEC §10) -----------------------------------------------------------

    def take_snapshot(self, label: str) -> str | None:
        """Keep the case as it is now in the file under ``label``, on the file's one
        connection (not an undoable change of the case: a snapshot is a record of it). None
        when saved, else why not (also emitted, as a refused or failed edit is)."""
        if self.read_only:
            reason = _("This case is read-only: {reason}.").format(reason=self.read_only_reason)
            self.edit_refused.emit(reason)
            return reason
        try:
            info = self.file.take_snapshot(label)
        except ValidationError as error:
            reason = refusal_text(error)
            self.edit_refused.emit(reason)
            return reason
        except CaseFileError as error:
            self.write_failed.emit(error.problem)
            return error.problem
        when = _dt.datetime.now().strftime("%H:%M:%S")
        self.saved.emit(
            _("Round snapshot “{label}” saved {time}").format(label=info.label, time=when)
        )
        self.snapshots_changed.emit()
        return None

    def reanalyse(self) -> None:
        self.runner.request(self.case, immediately=True)

    def _on_analysis(self, analysis: CaseAnalysis) -> None:
        self.analysis = analysis
        self.analysis_ready.emit(analysis)
