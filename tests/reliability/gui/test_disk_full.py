"""A full disk while the consultant edits in the app: a clear message (no traceback), nothing
half-stored, the screen shows what the file holds, and once there is room again edits are
stored again.

The disk fills up through SQLite's own limit, ``PRAGMA max_page_count`` on the document's
connection: SQLite then fails exactly as on a full disk ("database or disk is full"; checked
by hand on a 200 KB tmpfs, which CI cannot mount). ``tests/store/
test_read_only_and_failures.py`` proves the rollback for ``CaseFile`` itself; this proves it
for what the app shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.domain import Risk, edits
from desktop_app.store import CaseFile
from desktop_app.ui.models.entity_model import EntityTableModel
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.widgets.forms import FieldForm
from tests.reliability.gui.screen import assert_screen_is_the_file
from tests.store.casefile_support import stored_case
from tests.ui.conftest import DialogScript

EDIT = Qt.ItemDataRole.EditRole
BIG = "€" * 10_000  # the longest text a field may hold: it needs new pages


def _risks(window: MainWindow) -> EntityTableModel:
    return next(
        m
        for m in window.findChildren(EntityTableModel)
        if m.key == "risks" and m.row_filter is None
    )


def _column(model: EntityTableModel, field: str) -> int:
    return [c.field for c in model.columns].index(field)


def _fill_up(case_file: CaseFile) -> None:
    pages = case_file._conn.execute("PRAGMA page_count").fetchone()[0]
    case_file._conn.execute(f"PRAGMA max_page_count = {pages}")


def _make_room(case_file: CaseFile) -> None:
    case_file._conn.execute("PRAGMA max_page_count = 1073741823")


def _edits(window: MainWindow) -> dict[str, Callable[[], bool]]:
    """Edits the way the app makes them, each needing new pages in the file."""
    document = window.document
    assert document is not None
    risks = _risks(window)
    notes_form = next(f for f in window.findChildren(FieldForm) if "notes" in f.widgets)
    notes = next(c for c in notes_form.columns if c.field == "notes")

    def cell() -> bool:
        return risks.setData(risks.index(1, _column(risks, "mitigation")), BIG, EDIT)

    def form() -> bool:
        notes_form.widgets["notes"].setPlainText(BIG)  # type: ignore[attr-defined]
        return notes_form.commit(notes)

    def new_row() -> bool:
        case = edits.add_entity(document.case, Risk(id="r-big", name="Big", mitigation=BIG))
        return document.change(case, "Add risk") is None

    def whole_case() -> bool:
        case = document.case
        info = replace(case.info, subject="Changed with the rest", notes=BIG)
        return (
            document.change(replace(case, info=info, risks=case.risks[:2]), "Many things") is None
        )

    return {"a table cell": cell, "a form field": form, "a new row": new_row, "many": whole_case}


def test_full_disk_is_told_rolled_back_and_the_screen_shows_the_file(
    window: MainWindow, case_path: Path, dialog_script: DialogScript
) -> None:
    document = window.document
    assert document is not None
    risks = _risks(window)
    assert risks.setData(risks.index(0, _column(risks, "name")), "Before the disk filled", EDIT)
    failures: list[str] = []
    document.write_failed.connect(failures.append)

    for number, (what, edit) in enumerate(_edits(window).items(), start=1):
        steps = document.undo_stack.count()
        _fill_up(document.file)
        assert not edit(), what
        assert len(failures) == number, what
        title, text = dialog_script.errors[-1]
        assert len(dialog_script.errors) == number
        assert title == "The change was not saved"
        assert "disk is full" in text, text
        for jargon in ("Traceback", "sqlite3", "OperationalError", "Error:"):
            assert jargon not in text, text
        assert window.statusBar().currentMessage().startswith("Not saved:")
        assert document.undo_stack.count() == steps, what  # nothing to undo: nothing happened
        assert not document.read_only  # a full disk is not a read-only file
        assert not document.file._conn.in_transaction
        assert_screen_is_the_file(window, case_path)
        assert stored_case(case_path).risks[0].name == "Before the disk filled"

        _make_room(document.file)  # room again: the very same edit is stored
        assert edit(), what
        assert document.undo_stack.count() == steps + 1
        assert_screen_is_the_file(window, case_path)
    assert stored_case(case_path).info.subject == "Changed with the rest"


def test_an_undo_the_full_disk_refuses_leaves_the_undo_stack_where_the_file_is(
    window: MainWindow, case_path: Path, dialog_script: DialogScript, qtbot: Any
) -> None:
    document = window.document
    assert document is not None
    risks = _risks(window)
    mitigation = risks.index(1, _column(risks, "mitigation"))
    assert risks.setData(mitigation, BIG, EDIT)
    assert risks.setData(mitigation, "Short again", EDIT)
    document.file._conn.execute("VACUUM")  # no free pages left: undoing needs new ones
    stack = document.undo_stack
    top = stack.index()
    _fill_up(document.file)
    window.act_undo.trigger()
    assert dialog_script.errors and dialog_script.errors[-1][0] == "The change was not saved"
    qtbot.waitUntil(lambda: stack.index() == top, timeout=5_000)
    assert stored_case(case_path).risks[1].mitigation == "Short again"
    assert_screen_is_the_file(window, case_path)
    assert stack.canUndo() and not stack.canRedo()
    assert window.act_undo.isEnabled() and not window.act_redo.isEnabled()

    _make_room(document.file)  # room again: the same undo is stored
    window.act_undo.trigger()
    assert stored_case(case_path).risks[1].mitigation == BIG
    assert stack.index() == top - 1 and stack.canRedo()
    assert_screen_is_the_file(window, case_path)
