"""Two running apps on one case: the second is told who holds it and may open it read-only
(seeing everything the first saved); when the first is killed, its lock never blocks the next
open, which is read-write again.

The first app is a real child process (``gui_driver hold``); the second is this process's
window, opening the case as File › Open does. ``tests/ui/test_documents.py`` covers the same
offer with a holder in this very process; ``tests/store/test_lock.py`` the lock itself.
"""

from __future__ import annotations

import socket
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.store import write_new_case
from desktop_app.store.lock import lock_path_for
from desktop_app.store.sample import sample_case
from desktop_app.ui.models.entity_model import EntityTableModel
from desktop_app.ui.shell.main_window import MainWindow
from tests.reliability.support import AppChild, child_env, children, digest, python
from tests.store.casefile_support import stored_case
from tests.ui.conftest import DialogScript


def test_second_instance_is_offered_read_only_and_a_killed_first_never_blocks(
    window: MainWindow, dialog_script: DialogScript, tmp_path: Path
) -> None:
    shared = tmp_path / "shared" / "deal.leverage"
    shared.parent.mkdir()
    write_new_case(shared, sample_case())
    with children() as started:
        first = AppChild(
            python("-m", "tests.reliability.gui_driver", "hold", str(shared)),
            child_env(tmp_path / "home"),
            tmp_path / "first.log",
        )
        started.append(first)
        line = first.readline(timeout=60)
        while line is not None and not line.startswith("holding "):  # its own two edits
            assert line.startswith(("attempt ", "saved ")), line
            line = first.readline()
        assert line is not None, first.stderr()
        _, pid, saved_by_first = line.split()
        assert int(pid) == first.pid

        dialog_script.answer(True)  # "Open it read-only?" → yes
        assert window.open_path(shared)
        question = dialog_script.questions[-1]
        assert "another Leverage window" in question
        assert f"process {first.pid}" in question and socket.gethostname() in question
        second = window.document
        assert second is not None and second.read_only
        assert digest(second.case) == saved_by_first  # everything the first one saved
        case = second.case
        assert second.change(replace(case, info=replace(case.info, client="x")), "Edit") is not None
        assert digest(stored_case(shared)) == saved_by_first

        first.kill()  # SIGKILL: no chance to release anything
    assert lock_path_for(shared).exists()  # the killed app's lock file is still there…
    window.close_document()
    assert window.open_path(shared)  # …and blocks nothing: no question, read-write
    assert len(dialog_script.questions) == 1
    document = window.document
    assert document is not None and not document.read_only
    risks = next(
        m
        for m in window.findChildren(EntityTableModel)
        if m.document is document and m.key == "risks" and m.row_filter is None
    )
    name = [c.field for c in risks.columns].index("name")
    assert risks.setData(risks.index(0, name), "After the first app died", Qt.ItemDataRole.EditRole)
    assert stored_case(shared).risks[0].name == "After the first app died"
