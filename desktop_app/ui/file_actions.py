"""File menu work: new, open (with the read-only offer), save a copy, import and export JSON.

Every store error reaches the consultant as a sentence in a dialog (through ``dialogs``), never
as a traceback; nothing here blocks without reason.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths

from desktop_app.domain.model import blank_case
from desktop_app.store import CaseFile, CaseFileError, CaseLocked
from desktop_app.ui import dialogs
from desktop_app.ui.document import CaseDocument
from desktop_app.ui.settings import LAST_FOLDER

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


def is_hidden(folder: Path) -> bool:
    """A folder a user does not see in a file manager: a dot-folder on the way to it (under
    the home folder, or anywhere when outside it) or the app's own data folder."""
    folder = folder.expanduser().absolute()
    home = Path.home().absolute()
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if data and folder.is_relative_to(Path(data).absolute()):
        return True
    parts = folder.relative_to(home).parts if folder.is_relative_to(home) else folder.parts
    return any(part.startswith(".") for part in parts)


class FileActions:
    """The File menu of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def _folder(self) -> str:
        """Where a file dialog opens: the folder of the last one, else the current case's,
        else the user's Documents (else home) — never a hidden folder such as the app-data
        one the sample copy lives in, where a user would not find a case again."""
        document = self.window.document
        candidates = [
            self.window.settings.get(LAST_FOLDER),
            str(document.path.parent) if document is not None else "",
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
        ]
        return next(
            (c for c in candidates if c and Path(c).is_dir() and not is_hidden(Path(c))),
            str(Path.home()),
        )

    def _remember_folder(self, path: Path) -> None:
        if not is_hidden(path.parent):
            self.window.settings.set(LAST_FOLDER, str(path.parent))

    def _suggest(self, name: str) -> str:
        return str(Path(self._folder) / name)

    # -- opening ----------------------------------------------------------------------------

    def open_path(self, path: Path, **options: bool) -> bool:
        """Open ``path``; a case held by another window may be opened read-only instead."""
        path = Path(path)
        try:
            case_file = CaseFile.open(path)
        except CaseLocked as locked:
            question = (
                f"“{path.name}” is open in another Leverage window ({locked.holder}).\n\n"
                "Open it read-only? You can read and export it, but not change it."
            )
            if not dialogs.ask_yes_no(self.window, "Case in use", question, default=False):
                return False
            try:
                case_file = CaseFile.open(path, read_only=True)
            except CaseFileError as error:
                dialogs.show_error(self.window, "Cannot open the case", error.problem_sentence())
                return False
        except CaseFileError as error:
            dialogs.show_error(self.window, "Cannot open the case", error.problem_sentence())
            return False
        self._remember_folder(path)
        self.window.set_document(CaseDocument(case_file), **options)
        if case_file.read_only:
            self.window.statusBar().showMessage(
                f"Opened read-only: {case_file.read_only_reason}", 10000
            )
        return True

    def open_dialog(self) -> None:
        path = dialogs.ask_open_path(self.window, "Open a case", self._folder, dialogs.CASE_FILTER)
        if path is not None:
            self.open_path(path)

    # -- new ----------------------------------------------------------------------------------

    def _create(self, title: str, suggested: str, make_case: object) -> None:
        path = dialogs.ask_save_path(
            self.window, title, self._suggest(suggested), dialogs.CASE_FILTER, ".leverage"
        )
        if path is None:
            return
        try:
            case = make_case()  # type: ignore[operator]
            overwrite = path.exists()
            if overwrite and not dialogs.ask_yes_no(
                self.window, "Replace the file?", f"“{path.name}” exists. Replace it?"
            ):
                return
            case_file = CaseFile.create(path, case, overwrite=overwrite)
        except CaseFileError as error:
            dialogs.show_error(self.window, "Cannot create the case", error.problem_sentence())
            return
        self._remember_folder(path)
        self.window.set_document(CaseDocument(case_file))

    def new_blank(self) -> None:
        today = _dt.date.today().isoformat()
        self._create("New case", "New negotiation.leverage", lambda: blank_case(prepared_on=today))

    def new_from_sample(self) -> None:
        from desktop_app.store.sample import sample_case

        self._create("New case from the sample", "Sample negotiation.leverage", sample_case)

    # -- copies, import, export ---------------------------------------------------------------

    def save_copy_as(self) -> None:
        document = self.window.document
        if document is None:
            return
        suggested = self._suggest(f"{document.path.stem} copy.leverage")
        path = dialogs.ask_save_path(
            self.window, "Save a copy as", suggested, dialogs.CASE_FILTER, ".leverage"
        )
        if path is None:
            return
        try:
            document.file.save_copy_as(path)
        except CaseFileError as error:
            dialogs.show_error(self.window, "Cannot save the copy", error.problem_sentence())
            return
        self._remember_folder(path)
        self.window.statusBar().showMessage(f"Saved a copy as {path}", 8000)

    def import_json(self) -> None:
        from desktop_app.store.interchange import import_json

        source = dialogs.ask_open_path(
            self.window, "Import a case from JSON", self._folder, dialogs.JSON_FILTER
        )
        if source is None:
            return
        target = dialogs.ask_save_path(
            self.window,
            "Save the imported case as",
            str(source.with_suffix(".leverage")),
            dialogs.CASE_FILTER,
            ".leverage",
        )
        if target is None:
            return
        overwrite = target.exists()
        if overwrite and not dialogs.ask_yes_no(
            self.window, "Replace the file?", f"“{target.name}” exists. Replace it?"
        ):
            return
        try:
            import_json(source, target, force=overwrite)
        except CaseFileError as error:
            dialogs.show_error(self.window, "Cannot import", error.problem_sentence())
            return
        self.open_path(target)

    def export_json(self) -> None:
        from desktop_app.files.publish import replace_owner_only
        from desktop_app.store.interchange import dumps

        document = self.window.document
        if document is None:
            return
        path = dialogs.ask_save_path(
            self.window,
            "Export the case as JSON",
            self._suggest(f"{document.path.stem}.json"),
            dialogs.JSON_FILTER,
            ".json",
        )
        if path is None:
            return
        try:
            replace_owner_only(path, dumps(document.case).encode("utf-8"))
        except OSError as error:
            dialogs.show_error(
                self.window, "Cannot export", f"{path} cannot be written ({error.strerror})."
            )
            return
        self._remember_folder(path)
        self.window.statusBar().showMessage(f"Exported the case to {path}", 8000)
