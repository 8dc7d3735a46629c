"""File menu work: new, open (with the read-only offer), save a copy, import and export JSON,
and the file dialogs of the workbook (its export and New Case from Workbook… run as background
work in ``export_pdf``).

Every store error reaches the consultant as a sentence in a dialog (through ``dialogs``), never
as a traceback; nothing here blocks without reason. The actions do not know the window: a case
ready to show is announced by ``document_ready``, a line for the status bar by ``message``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.domain.model import Case, blank_case
from desktop_app.i18n import _
from desktop_app.store import CaseFile, CaseFileError, CaseLocked
from desktop_app.ui.shell import dialogs
from desktop_app.ui.shell.settings import LAST_FOLDER, AppSettings
from desktop_app.ui.state.document import CaseDocument


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


class FileActions(QObject):
    """The File menu of one window: its dialogs are parented to ``parent``; ``current`` gives
    the case on screen (or None)."""

    #: A case to show: the document and the options of ``MainWindow.set_document``.
    document_ready = Signal(object, object)
    #: A line for the status bar and how long to show it (ms).
    message = Signal(str, int)

    def __init__(
        self,
        parent: QWidget,
        settings: AppSettings,
        current: Callable[[], CaseDocument | None],
    ) -> None:
        super().__init__(parent)
        self._owner = parent
        self.settings = settings
        self._current = current

    @property
    def _folder(self) -> str:
        """Where a file dialog opens: the folder of the last one, else the current case's,
        else the user's Documents (else home) — never a hidden folder such as the app-data
        one the sample copy lives in, where a user would not find a case again."""
        document = self._current()
        candidates = [
            self.settings.get(LAST_FOLDER),
            str(document.path.parent) if document is not None else "",
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
        ]
        return next(
            (c for c in candidates if c and Path(c).is_dir() and not is_hidden(Path(c))),
            str(Path.home()),
        )

    def _remember_folder(self, path: Path) -> None:
        if not is_hidden(path.parent):
            self.settings.set(LAST_FOLDER, str(path.parent))

    def _suggest(self, name: str) -> str:
        return str(Path(self._folder) / name)

    # -- opening ----------------------------------------------------------------------------

    def open_path(self, path: Path, **options: bool) -> bool:
        """Open ``path``; a case held by another window may be opened read-only instead."""
        path = Path(path)
        try:
            case_file = CaseFile.open(path)
        except CaseLocked as locked:
            question = _(
                "“{name}” is open in another Leverage window ({holder}).\n\n"
                "Open it read-only? You can read and export it, but not change it."
            ).format(name=path.name, holder=locked.holder)
            if not dialogs.ask_yes_no(self._owner, _("Case in use"), question, default=False):
                return False
            try:
                case_file = CaseFile.open(path, read_only=True)
            except CaseFileError as error:
                dialogs.show_error(self._owner, _("Cannot open the case"), error.problem_sentence())
                return False
        except CaseFileError as error:
            dialogs.show_error(self._owner, _("Cannot open the case"), error.problem_sentence())
            return False
        self._remember_folder(path)
        self.document_ready.emit(CaseDocument(case_file), options)
        if case_file.read_only:
            self.message.emit(
                _("Opened read-only: {reason}").format(reason=case_file.read_only_reason), 10000
            )
        return True

    def open_dialog(self) -> None:
        path = dialogs.ask_open_path(
            self._owner, _("Open a case"), self._folder, dialogs.CASE_FILTER
        )
        if path is not None:
            self.open_path(path)

    # -- new ----------------------------------------------------------------------------------

    def _create(self, title: str, suggested: str, make_case: Callable[[], Any]) -> None:
        path = dialogs.ask_save_path(
            self._owner, title, self._suggest(suggested), dialogs.CASE_FILTER, ".leverage"
        )
        if path is None:
            return
        try:
            case = make_case()
            overwrite = path.exists()
            if overwrite and not dialogs.ask_yes_no(
                self._owner,
                _("Replace the file?"),
                _("“{name}” exists. Replace it?").format(name=path.name),
            ):
                return
            case_file = CaseFile.create(path, case, overwrite=overwrite)
        except CaseFileError as error:
            dialogs.show_error(self._owner, _("Cannot create the case"), error.problem_sentence())
            return
        self._remember_folder(path)
        self.document_ready.emit(CaseDocument(case_file), {})

    def new_blank(self) -> None:
        """A blank case dated today, with our consultancy's name, logo and accent colour (Edit ›
        Our Consultancy…)."""
        today = _dt.date.today().isoformat()
        self._create(
            _("New case"),
            _("New negotiation.leverage"),
            lambda: self.with_our_consultancy(blank_case(prepared_on=today)),
        )

    def with_our_consultancy(self, case: Case) -> Case:
        """``case`` with the consultancy defaults of the settings."""
        ours = self.settings.consultancy()
        info = replace(
            case.info,
            consultancy=ours.name,
            consultancy_logo=ours.logo,
            consultancy_accent=ours.accent,
        )
        return replace(case, info=info)

    def new_from_sample(self) -> None:
        from desktop_app.store.sample import sample_case

        self._create(_("New case from the sample"), _("Sample negotiation.leverage"), sample_case)

    # -- copies, import, export ---------------------------------------------------------------

    def save_copy_as(self) -> None:
        document = self._current()
        if document is None:
            return
        suggested = self._suggest(_("{name} copy.leverage").format(name=document.path.stem))
        path = dialogs.ask_save_path(
            self._owner, _("Save a copy as"), suggested, dialogs.CASE_FILTER, ".leverage"
        )
        if path is None:
            return
        try:
            document.file.save_copy_as(path)
        except CaseFileError as error:
            dialogs.show_error(self._owner, _("Cannot save the copy"), error.problem_sentence())
            return
        self._remember_folder(path)
        self.message.emit(_("Saved a copy as {path}").format(path=path), 8000)

    def import_json(self) -> None:
        from desktop_app.store.interchange import import_json

        source = dialogs.ask_open_path(
            self._owner, _("Import a case from JSON"), self._folder, dialogs.JSON_FILTER
        )
        if source is None:
            return
        target = dialogs.ask_save_path(
            self._owner,
            _("Save the imported case as"),
            str(source.with_suffix(".leverage")),
            dialogs.CASE_FILTER,
            ".leverage",
        )
        if target is None:
            return
        overwrite = target.exists()
        if overwrite and not dialogs.ask_yes_no(
            self._owner,
            _("Replace the file?"),
            _("“{name}” exists. Replace it?").format(name=target.name),
        ):
            return
        try:
            import_json(source, target, force=overwrite)
        except CaseFileError as error:
            dialogs.show_error(self._owner, _("Cannot import"), error.problem_sentence())
            return
        self.open_path(target)

    def ask_workbook_import(self) -> Any:
        """New Case from Workbook…: the workbook to read and the case file to create (an
        ``export_pdf.ImportRequest``), or None when a dialog is declined."""
        from desktop_app.ui.shell.export_pdf import ImportRequest

        source = dialogs.ask_open_path(
            self._owner, _("New case from a workbook"), self._folder, dialogs.WORKBOOK_FILTER
        )
        if source is None:
            return None
        target = dialogs.ask_save_path(
            self._owner,
            _("Save the new case as"),
            str(source.with_suffix(".leverage")),
            dialogs.CASE_FILTER,
            ".leverage",
        )
        if target is None:
            return None
        overwrite = target.exists()
        if overwrite and not dialogs.ask_yes_no(
            self._owner,
            _("Replace the file?"),
            _("“{name}” exists. Replace it?").format(name=target.name),
        ):
            return None
        self._remember_folder(source)
        return ImportRequest(source, target, overwrite)

    def ask_workbook_path(self) -> Path | None:
        """Export Workbook…: where to write this case's workbook (None: declined)."""
        document = self._current()
        if document is None:
            return None
        path = dialogs.ask_save_path(
            self._owner,
            _("Export the case as a workbook"),
            self._suggest(f"{document.path.stem}.xlsx"),
            dialogs.WORKBOOK_FILTER,
            ".xlsx",
        )
        if path is not None:
            if path.suffix.lower() != ".xlsx":
                path = path.with_suffix(".xlsx")
            self._remember_folder(path)
        return path

    def export_json(self) -> None:
        from desktop_app.files.publish import replace_owner_only
        from desktop_app.store.interchange import dumps

        document = self._current()
        if document is None:
            return
        path = dialogs.ask_save_path(
            self._owner,
            _("Export the case as JSON"),
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
                self._owner,
                _("Cannot export"),
                _("{path} cannot be written ({reason}).").format(path=path, reason=error.strerror),
            )
            return
        self._remember_folder(path)
        self.message.emit(_("Exported the case to {path}").format(path=path), 8000)
