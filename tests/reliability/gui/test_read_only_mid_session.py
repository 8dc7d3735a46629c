"""The case's folder turns read-only while the app has it open (a USB stick's switch, a share
remounted, permissions changed): the app says so once, switches to read-only — nothing can be
edited, Undo included — shows what the file holds, and loses nothing: every edit made before
is in the file, and the case can still be saved elsewhere.

Tests run as root in CI, where ``chmod`` binds nothing, so the error is injected: SQLite's own
``query_only`` (it answers "attempt to write a readonly database"), or a connection that raises
exactly what SQLite raises for a folder that became read-only (SQLITE_READONLY_DIRECTORY,
"attempt to write a readonly database" — seen by hand with privileges dropped).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.store import CaseFile
from desktop_app.ui.models.entity_model import EntityTableModel
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.widgets.forms import FieldForm
from tests.reliability.gui.screen import assert_screen_is_the_file
from tests.store.casefile_support import stored_case
from tests.ui.conftest import DialogScript, show_every_page

EDIT = Qt.ItemDataRole.EditRole
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class FolderTurnedReadOnly:
    """The document's connection once its folder is read-only: reads work, writes fail."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.lstrip().upper().startswith(WRITES):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return self._conn.execute(sql, *args)

    def executemany(self, _sql: str, *_args: Any) -> Any:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _turn_read_only(case_file: CaseFile, how: str) -> None:
    if how == "query_only":
        case_file._conn.execute("PRAGMA query_only = ON")
    else:
        case_file._conn = FolderTurnedReadOnly(case_file._conn)  # type: ignore[assignment]


def _risks(window: MainWindow) -> EntityTableModel:
    return next(
        m
        for m in window.findChildren(EntityTableModel)
        if m.key == "risks" and m.row_filter is None
    )


@pytest.mark.parametrize("how", ["query_only", "folder_error"])
def test_folder_turning_read_only_switches_the_app_to_read_only(
    how: str, window: MainWindow, case_path: Path, dialog_script: DialogScript, tmp_path: Path
) -> None:
    document = window.document
    assert document is not None
    risks = _risks(window)
    name = [c.field for c in risks.columns].index("name")
    assert risks.setData(risks.index(0, name), "Saved before the switch", EDIT)
    assert risks.add_row() is not None
    assert window.act_undo.isEnabled() and window.act_add_row.isEnabled()
    steps, index = document.undo_stack.count(), document.undo_stack.index()

    _turn_read_only(document.file, how)
    assert not risks.setData(risks.index(1, name), "Never stored", EDIT)

    # Told once, in words.
    assert len(dialog_script.errors) == 1
    title, text = dialog_script.errors[0]
    assert title == "The change was not saved" and "read-only" in text, text
    assert "Traceback" not in text and "sqlite3" not in text
    # Read-only now, everywhere.
    assert document.read_only
    assert "read-only" in str(document.read_only_reason)
    assert "[read-only]" in window.windowTitle()
    assert window.state_label.text().startswith("Read-only")
    for action in (window.act_undo, window.act_redo, window.act_add_row, window.act_delete_rows):
        assert not action.isEnabled(), action.text()
    assert not window.act_paste_rows.isEnabled()
    assert not (risks.flags(risks.index(0, name)) & Qt.ItemFlag.ItemIsEditable)
    show_every_page(window)  # a page first shown now is built read-only too
    forms = window.findChildren(FieldForm)
    assert len(forms) >= 3  # the case's, the analysis settings', the proposal's at least
    for form in forms:
        assert not any(widget.isEnabled() for widget in form.widgets.values())
    # Further attempts are refused quietly (no second dialog), Undo changes nothing.
    assert risks.add_row() is None
    window.act_undo.trigger()
    window._undo()  # even if a shortcut reached it past the disabled action
    assert document.undo_stack.index() == index and document.undo_stack.count() == steps
    assert len(dialog_script.errors) == 1
    # Nothing lost: the screen is the file, with every edit made before the switch.
    assert_screen_is_the_file(window, case_path)
    assert stored_case(case_path).risks[0].name == "Saved before the switch"
    copy = tmp_path / "rescued.leverage"
    dialog_script.answer(copy)
    window.files.save_copy_as()
    assert stored_case(copy) == document.case
