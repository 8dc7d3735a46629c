"""Export Team Brief… and Export Proposal…: the options dialog, and the export on a worker
thread with progress, cancel and "open when done"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
from desktop_app.ui.shell import dialogs
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

KIND_WORDS = {"brief": "Team brief", "proposal": "Proposal"}


@dataclass(frozen=True)
class ExportOptions:
    path: Path
    kind: str  # "brief" | "proposal"
    paper: str  # "a4" | "letter"
    password: str | None
    open_when_done: bool


class ExportDialog(QDialog):
    """Where to write the PDF, on which paper, with which password."""

    def __init__(self, parent: QWidget | None, kind: str, suggested: Path) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(f"Export {KIND_WORDS[kind].lower()}")
        self.path = QLineEdit(str(suggested))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("Letter", "letter")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("optional: encrypt the PDF (AES-256)")
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.open_when_done = QCheckBox("Open the PDF when it is written")
        self.open_when_done.setChecked(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        note = QLabel(
            "The team brief is confidential: it holds our walk-away, risk figures and margin."
            if kind == "brief"
            else "The proposal holds only what the counterpart may see: the terms, their "
            "rationale, the interests it answers and the statement."
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow("File", row)
        form.addRow("Paper", self.paper)
        form.addRow("Password", self.password)
        form.addRow("Repeat password", self.confirm)
        form.addRow(self.open_when_done)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export to", self.path.text(), dialogs.PDF_FILTER
        )
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _accept(self) -> None:
        if self.password.text() != self.confirm.text():
            self.problem.setText("The two passwords differ.")
            return
        target = Path(self.path.text().strip())
        if not target.name or not target.parent.is_dir():
            self.problem.setText("Choose a file in a folder that exists.")
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
        )


def ask_export_options(parent: QWidget | None, kind: str, suggested: Path) -> ExportOptions | None:
    """The dialog, through one function the tests replace."""
    if not dialogs.is_interactive():
        return None
    dialog = ExportDialog(parent, kind, suggested)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None


def open_file(path: Path) -> None:
    """Open a written PDF in the system viewer (a local file, no network)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def export_work(case: Case, analysis: Any, options: ExportOptions) -> Work:
    """Writing the PDF (analysing first if the brief needs it) as background work."""

    def work(progress: Progress, should_cancel: ShouldCancel) -> ExportOptions:
        from desktop_app.reports.export import export_pdf

        figures = analysis
        if figures is None and options.kind == "brief":
            from desktop_app.analysis import Cancelled as AnalysisCancelled
            from desktop_app.analysis import analyze_case

            try:
                figures = analyze_case(case, should_cancel=should_cancel)
            except AnalysisCancelled as stopped:
                raise Cancelled from stopped
        export_pdf(
            case,
            figures,
            options.path,
            kind=options.kind,
            paper=options.paper,
            password=options.password,
            progress=progress,
        )
        return options

    return work


def _describe(path: Path) -> Callable[[BaseException], str]:
    """A failed export in words: a file that cannot be written is named, never a traceback."""

    def describe(error: BaseException) -> str:
        if isinstance(error, OSError):
            return f"{path} cannot be written ({error.strerror or error})."
        return one_line(error)

    return describe


class PdfExporter(QObject):
    """Runs one export at a time for a window. It tells the window what to show through its
    signals (``started(what)``, ``progress(percent)``, ``ended()``, ``message(text, ms)``)
    and never reaches into its widgets."""

    started = Signal(str)  # "Team brief" / "Proposal"
    progress = Signal(int)
    ended = Signal()
    message = Signal(str, int)
    done = Signal(object)  # ExportOptions
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, document_of: Callable[[], CaseDocument | None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.document_of = document_of
        self.task: BackgroundTask | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(self, kind: str) -> None:
        document = self.document_of()
        if document is None or self.task is not None:
            return
        stem = document.path.stem
        suffix = " team brief" if kind == "brief" else " proposal"
        suggested = document.path.with_name(f"{stem}{suffix}.pdf")
        options = ask_export_options(self.parent_widget, kind, suggested)
        if options is None:
            return
        self.run(options)

    def run(self, options: ExportOptions) -> None:
        document = self.document_of()
        if document is None or self.task is not None:
            return
        task = BackgroundTask(self, describe=_describe(options.path))
        task.progress.connect(lambda fraction: self.progress.emit(int(100 * fraction)))
        task.finished.connect(self._finished)
        task.failed.connect(self._failed)
        task.cancelled.connect(self._cancelled)
        self.task = task
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
        self.message.emit(f"Wrote {options.path}", 10000)
        if options.open_when_done:
            open_file(options.path)
        self.done.emit(options)

    def _failed(self, detail: str) -> None:
        self._end()
        dialogs.show_error(self.parent_widget, "The PDF was not written", detail)
        self.failed.emit(detail)

    def _cancelled(self) -> None:
        self._end()
        self.message.emit("Export cancelled; nothing was written.", 8000)
        self.cancelled.emit()
