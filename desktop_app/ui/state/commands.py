"""The undo command: one per user action, each redo/undo one transaction in the case file.

Every action is the same kind of step — the case before it and after it — so there is one
command class; its text names the action ("Paste 3 parties", "Edit risk probability").

A command holds the case before and after the action; the store writes only the rows that
differ, so undoing "delete three risks" restores exactly those rows (and what pointed at
them). The first ``redo`` is skipped: the action was already stored when it was pushed, which
lets the document refuse an invalid edit before anything reaches the undo stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from desktop_app.domain.model import Case
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.ui.state.document import CaseDocument


class CaseChangeCommand(QUndoCommand):
    """Base: move the document between two stored cases."""

    def __init__(self, document: CaseDocument, before: Case, after: Case, text: str) -> None:
        super().__init__(text)
        self._document = document
        self.before = before
        self.after = after
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._document.store_from_undo_stack(
            self.after, _("Redo {action}").format(action=self.text())
        )

    def undo(self) -> None:
        self._document.store_from_undo_stack(
            self.before, _("Undo {action}").format(action=self.text())
        )
