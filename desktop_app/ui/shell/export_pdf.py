"""Export Team Brief…, Export Proposal… and Export Negotiation Card… (PDF), Export as Word…
and Export Workbook…, and New Case from Workbook…: the options dialogs, and the work on a
worker thread with progress, cancel and "open when done". One file job at a time per window
(``PdfExporter``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _
from desktop_app.ui.shell import dialogs
from desktop_app.ui.shell.export_options import ExportOptions as ExportOptions
from desktop_app.ui.shell.export_options import ImportRequest as ImportRequest
from desktop_app.ui.workers.background import (
    BackgroundTask,
    Cancelled,
    Progress,
    ShouldCancel,
    Work,
    one_line,
)

if TYPE_CHECKING:
    from desktop_app.ui.state.document import CaseDocument

#: What the exporter says it writes (``started``), by kind: in English, a key for the
#: window's progress text.
KIND_WORDS = {
    "brief": "Team brief",
    "proposal": "Proposal",
    "workbook": "Workbook",
    "card": "Negotiation card",
}
#: The export dialog's title, by kind.
KIND_TITLES = {
    "brief": N_("Export team brief"),
    "proposal": N_("Export proposal"),
    "workbook": N_("Export workbook"),
    "card": N_("Export negotiation card"),
}
#: What the dialog says the document is, by kind.
KIND_NOTES = {
    "brief": N_("The team brief is confidential: it holds our walk-away, risk figures and margin."),
    "proposal": N_(
        "The proposal holds only what the counterpart may see: the terms, their "
        "rationale, the interests it answers and the statement."
    ),
    "card": N_(
        "The negotiation card is confidential: one landscape page for the team at the "
        "table, with our walk-away, the red lines and the offers against our plan."
    ),
}
#: The suggested file name's ending, by kind (after the case file's name and a space).
KIND_FILES = {"brief": N_("team brief"), "proposal": N_("proposal"), "card": N_("negotiation card")}
#: What a failed export says it did not write, by format.
FORMAT_WORDS = {"pdf": "PDF", "docx": "Word document", "xlsx": "workbook"}
#: The title of a failed export's message, by what it did not write.
NOT_WRITTEN = {
    "PDF": N_("The PDF was not written"),
    "Word document": N_("The Word document was not written"),
    "workbook": N_("The workbook was not written"),
    "file": N_("The file was not written"),
    "case": N_("The case was not created"),
}


class ExportDialog(QDialog):
    """Where to write the PDF, on which paper, with which password."""

    def __init__(self, parent: QWidget | None, kind: str, suggested: Path) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(_(KIND_TITLES[kind]))
        self.path = QLineEdit(str(suggested))
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem(_("Letter"), "letter")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("optional: encrypt the PDF (AES-256)"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.open_when_done = QCheckBox(_("Open the PDF when it is written"))
        self.open_when_done.setChecked(True)
        self.ways = QCheckBox(_("Offer three ways to agree (other packages of equal value to us)"))
        self.ways.setChecked(True)
        self.ways.setToolTip(
            _(
                "The proposal also lists other combinations of price and terms that are worth "
                "exactly as much to us: their commercial terms only, never our figures."
            )
        )
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        note = QLabel(_(KIND_NOTES[kind]))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(_("File"), row)
        form.addRow(_("Paper"), self.paper)
        form.addRow(_("Password"), self.password)
        form.addRow(_("Repeat password"), self.confirm)
        if kind == "proposal":
            form.addRow(self.ways)
        form.addRow(self.open_when_done)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Export to"), self.path.text(), _(dialogs.PDF_FILTER)
        )
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _accept(self) -> None:
        if self.password.text() != self.confirm.text():
            self.problem.setText(_("The two passwords differ."))
            return
        target = Path(self.path.text().strip())
        if not target.name or not target.parent.is_dir():
            self.problem.setText(_("Choose a file in a folder that exists."))
            return
        self.accept()

    def options(self) -> ExportOptions:
        target = Path(self.path.text().strip())
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        return ExportOptions(
            path=target,
            kind=self.kind,
            paper=self.paper.currentData(),
            password=self.password.text() or None,
            open_when_done=self.open_when_done.isChecked(),
            ways_to_agree=self.ways.isChecked(),
        )


def ask_export_options(parent: QWidget | None, kind: str, suggested: Path) -> ExportOptions | None:
    """The dialog, through one function the tests replace."""
    if not dialogs.is_interactive():
        return None
    dialog = ExportDialog(parent, kind, suggested)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None


STALE_TITLE = N_("The proposal may print something out of date")


def confirm_proposal(parent: QWidget | None, case: Case) -> bool:
    """Before the proposal is written: what it would print out of date (a figure its words
    quote that has changed, an offer open until a date before its own), and the choice to
    cancel or print it anyway (``dialogs.ask_proceed``, which the tests replace). True when
    there is nothing to say or the consultant prints anyway."""
    from desktop_app.analysis.proposal_checks import proposal_warnings

    warnings = proposal_warnings(case)
    if not warnings:
        return True
    text = _(
        "As it stands, the proposal would go out with:\n\n{warnings}\n\n"
        "Correct the words on the Proposal tab, or print it as it is."
    ).format(warnings="\n".join(f"• {warning}" for warning in warnings))
    return dialogs.ask_proceed(parent, _(STALE_TITLE), text, proceed=_("Print anyway"))


def open_file(path: Path) -> None:
    """Open a written PDF in the system viewer (a local file, no network)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def export_work(case: Case, analysis: Any, options: ExportOptions) -> Work:
    """Writing the file (analysing first if the brief or the workbook needs it) as background
    work."""

    def work(progress: Progress, should_cancel: ShouldCancel) -> ExportOptions:
        figures = analysis
        if figures is None and (options.kind != "proposal" or options.ways_to_agree):
            from desktop_app.analysis import Cancelled as AnalysisCancelled
            from desktop_app.analysis import analyze_case

            try:
                figures = analyze_case(case, should_cancel=should_cancel)
            except AnalysisCancelled as stopped:
                raise Cancelled from stopped
        if options.format == "xlsx":
            from desktop_app.reports.workbook import export_workbook

            export_workbook(case, figures, options.path, progress=progress)
        elif options.format == "docx":
            from desktop_app.reports.docx_export import export_docx

            export_docx(
                case,
                figures,
                options.path,
                kind=options.kind,
                paper=options.paper,
                progress=progress,
                ways_to_agree=options.ways_to_agree,
            )
        else:
            from desktop_app.reports.export import export_pdf

            export_pdf(
                case,
                figures,
                options.path,
                kind=options.kind,
                paper=options.paper,
                password=options.password,
                progress=progress,
                ways_to_agree=options.ways_to_agree,
            )
        return options

    return work


def import_work(request: ImportRequest) -> Work:
    """Reading the workbook and creating the case file as background work: cancelled before
    the case file is written, nothing is written."""

    def work(progress: Progress, should_cancel: ShouldCancel) -> ImportRequest:
        from desktop_app.store import write_new_case
        from desktop_app.store.workbook import read_workbook_file

        progress(0.1)
        case = read_workbook_file(request.source)
        progress(0.7)
        if should_cancel():
            raise Cancelled
        write_new_case(request.target, case, overwrite=request.overwrite)
        return request

    return work


def _describe(path: Path) -> Callable[[BaseException], str]:
    """A failed export in words: a file that cannot be written is named, never a traceback."""

    def describe(error: BaseException) -> str:
        from desktop_app.store import CaseFileError

        if isinstance(error, CaseFileError):
            return error.problem_sentence()
        if isinstance(error, OSError):
            return _("{path} cannot be written ({reason}).").format(
                path=path, reason=error.strerror or error
            )
        return one_line(error)

    return describe


class PdfExporter(QObject):
    """Runs one export at a time for a window. It tells the window what to show through its
    signals (``started(what)``, ``progress(percent)``, ``ended()``, ``message(text, ms)``)
    and never reaches into its widgets."""

    started = Signal(str)  # "Team brief" / "Proposal" / "Workbook"
    progress = Signal(int)
    ended = Signal()
    message = Signal(str, int)
    done = Signal(object)  # ExportOptions
    imported = Signal(object)  # the Path of the case created from a workbook
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, document_of: Callable[[], CaseDocument | None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.document_of = document_of
        self.task: BackgroundTask | None = None
        self.what = "PDF"  # what the running export writes, for its failure message

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(self, kind: str) -> None:
        document = self.document_of()
        if document is None or self.task is not None:
            return
        if kind == "proposal" and not confirm_proposal(self.parent_widget, document.case):
            return
        stem = document.path.stem
        ending = _(KIND_FILES[kind])
        suggested = document.path.with_name(f"{stem} {ending}.pdf")
        options = ask_export_options(self.parent_widget, kind, suggested)
        if options is None:
            return
        self.run(options)

    def start_word(self) -> None:
        """Export as Word…: the brief or the proposal as .docx."""
        from desktop_app.ui.shell import export_office

        document = self.document_of()
        if document is None or self.task is not None:
            return
        ending = _(KIND_FILES["brief"])
        suggested = document.path.with_name(f"{document.path.stem} {ending}.docx")
        options = export_office.ask_word_options(self.parent_widget, suggested)
        if options is not None:
            self.run(options)

    def start_workbook(self, path: Path | None) -> None:
        """Export Workbook…: the whole case and its figures as .xlsx, to ``path`` (asked by
        the caller; None: declined)."""
        if path is None or self.document_of() is None or self.task is not None:
            return
        self.run(ExportOptions(path, "workbook", "a4", None, False, format="xlsx"))

    def start_import(self, request: ImportRequest | None) -> None:
        """New Case from Workbook…: create the case file, then announce it (``imported``)."""
        if request is None or self.task is not None:
            return
        self.what = "case"
        task = self._task(request.target)
        task.finished.connect(self._imported)
        self.started.emit("Case from the workbook")
        task.start(import_work(request))

    def _task(self, path: Path) -> BackgroundTask:
        task = BackgroundTask(self, describe=_describe(path))
        task.progress.connect(lambda fraction: self.progress.emit(int(100 * fraction)))
        task.failed.connect(self._failed)
        task.cancelled.connect(self._cancelled)
        self.task = task
        return task

    def run(self, options: ExportOptions) -> None:
        document = self.document_of()
        if document is None or self.task is not None:
            return
        self.what = FORMAT_WORDS.get(options.format, "file")
        task = self._task(options.path)
        task.finished.connect(self._finished)
        self.started.emit(KIND_WORDS[options.kind])
        task.start(export_work(document.case, document.analysis, options))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _end(self) -> None:
        if self.task is not None:
            self.task.deleteLater()
        self.task = None
        self.ended.emit()

    def _finished(self, options: ExportOptions) -> None:
        self._end()
        self.message.emit(_("Wrote {path}").format(path=options.path), 10000)
        if options.open_when_done:
            open_file(options.path)
        self.done.emit(options)

    def _imported(self, request: ImportRequest) -> None:
        self._end()
        self.message.emit(
            _("Created {target} from {source}").format(
                target=request.target, source=request.source.name
            ),
            10000,
        )
        self.imported.emit(request.target)

    def _failed(self, detail: str) -> None:
        self._end()
        title = _(NOT_WRITTEN[self.what]) if self.what in NOT_WRITTEN else self.what
        dialogs.show_error(self.parent_widget, title, detail)
        self.failed.emit(detail)

    def _cancelled(self) -> None:
        self._end()
        self.message.emit(_("Cancelled; nothing was written."), 8000)
        self.cancelled.emit()
