"""The real app in a child process, driven through a scripted edit loop (for the crash and
two-instance tests; not a test module itself).

    python -m tests.reliability.gui_driver edit CASE SEED   edit until killed
    python -m tests.reliability.gui_driver hold CASE        open, edit twice, hold the case

It builds the ``MainWindow``, opens the case as File › Open does, and edits it the way a
consultant does: through the tabs' table models (cells, add, delete, move rows), the case
fields (``CaseDocument.change``) and Undo/Redo. Before each write it prints
``attempt N FINGERPRINT`` (the case about to be stored); after each save the app reports
(the document's ``saved`` signal) it prints ``saved N FINGERPRINT``. Every line is flushed,
so a parent that kills this process knows exactly which edits were reported saved.
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.model import Case
from desktop_app.domain.validate import validate_change
from desktop_app.store.interchange import dumps
from desktop_app.ui.models.entity_model import EntityTableModel
from desktop_app.ui.shell import dialogs
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.settings import AppSettings
from desktop_app.ui.state.document import CaseDocument

EDIT = Qt.ItemDataRole.EditRole
STEPS = (
    *("add", "name", "probability", "mitigation", "move", "delete", "cost", "party"),
    *("notes", "notes", "undo", "redo"),
)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fingerprint(case: Case) -> str:
    """The same as ``tests.reliability.support.digest``."""
    return hashlib.sha256(dumps(case).encode("utf-8")).hexdigest()[:16]


def observe(document: CaseDocument) -> None:
    """Print what is about to be stored, and what the app reports saved."""
    state = {"n": 0}
    real_commit = document.file.commit

    def observed_commit(new_case: Case) -> Case:
        try:
            cleaned = validate_change(document.file.case, new_case)
        except ValidationError:
            return real_commit(new_case)  # refused: nothing is written
        state["n"] += 1
        say(f"attempt {state['n']} {fingerprint(cleaned)}")
        return real_commit(new_case)

    document.file.commit = observed_commit  # type: ignore[method-assign]
    document.saved.connect(lambda _text: say(f"saved {state['n']} {fingerprint(document.case)}"))
    document.write_failed.connect(lambda reason: say(f"failed {reason}"))


class Editor:
    """One edit per turn of the event loop, chosen by a seeded random generator."""

    def __init__(self, window: MainWindow, seed: int) -> None:
        self.window = window
        document = window.document
        assert document is not None
        self.document = document
        self.rng = random.Random(seed)
        models = {m.key: m for m in window.findChildren(EntityTableModel) if m.row_filter is None}
        self.risks = models["risks"]
        self.costs = models["cost_lines"]
        self.parties = models["parties"]
        self.steps = 0

    def column(self, model: EntityTableModel, field: str) -> int:
        return [c.field for c in model.columns].index(field)

    def row(self, model: EntityTableModel) -> int:
        return self.rng.randrange(model.rowCount())

    def edit_once(self) -> None:
        rng, risks = self.rng, self.risks
        self.steps += 1
        choice = rng.choice(STEPS)
        if choice == "add" and risks.rowCount() < 40:
            risks.add_row(rng.randrange(risks.rowCount()))
        elif choice == "name":
            index = risks.index(self.row(risks), self.column(risks, "name"))
            risks.setData(index, f"Risk of step {self.steps} {'Ωж€' * rng.randint(0, 50)}", EDIT)
        elif choice == "probability":
            index = risks.index(self.row(risks), self.column(risks, "probability"))
            risks.setData(index, round(rng.random(), 4), EDIT)
        elif choice == "mitigation":
            index = risks.index(self.row(risks), self.column(risks, "mitigation"))
            risks.setData(index, f"step {self.steps} " + "€" * rng.randint(10, 9_000), EDIT)
        elif choice == "move" and risks.rowCount() > 1:
            row = self.row(risks)
            risks.move_row(row, -1 if row else 1)
        elif choice == "delete" and risks.rowCount() > 3:
            risks.delete_rows([self.row(risks)])
        elif choice == "cost":
            index = self.costs.index(self.row(self.costs), self.column(self.costs, "amount"))
            self.costs.setData(index, float(rng.randint(0, 10**6)), EDIT)
        elif choice == "party" and self.parties.rowCount() < 30:
            self.parties.add_row()
        elif choice == "notes":
            case = self.document.case
            notes = f"Edited at step {self.steps}. " + "Zażółć " * rng.randint(0, 1_000)
            self.document.change(replace(case, info=replace(case.info, notes=notes)), "Notes")
        elif choice == "undo" and self.document.undo_stack.canUndo():
            self.document.undo_stack.undo()
        elif choice == "redo" and self.document.undo_stack.canRedo():
            self.document.undo_stack.redo()

    def loop(self) -> None:
        self.edit_once()
        QTimer.singleShot(0, self.loop)


def open_window(case: Path) -> tuple[QApplication, MainWindow]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    dialogs.set_non_interactive(True)  # a message goes to stderr, a question gets "no"
    settings_file = Path(os.environ.get("HOME", ".")) / "leverage-settings.ini"
    window = MainWindow(AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat)))
    window.show()
    if not window.open_path(case):
        say("could not open the case")
        sys.exit(3)
    assert window.document is not None
    observe(window.document)
    return app, window


def main(argv: list[str]) -> int:
    mode, case = argv[0], Path(argv[1])
    app, window = open_window(case)
    if mode == "hold":
        editor = Editor(window, 0)
        for number in (1, 2):
            index = editor.risks.index(0, editor.column(editor.risks, "name"))
            editor.risks.setData(index, f"Edited by the first window ({number})", EDIT)
        assert window.document is not None
        say(f"holding {os.getpid()} {fingerprint(window.document.case)}")
        sys.stdin.readline()
        window.close()
        return 0
    editor = Editor(window, int(argv[2]))
    say("ready")
    QTimer.singleShot(0, editor.loop)
    result: Any = app.exec()
    return int(result)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
