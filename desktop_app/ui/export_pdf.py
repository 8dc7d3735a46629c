"""Export Team Brief… and Export Proposal…: the options dialog, and the export on a worker
thread with progress, cancel and "open when done"."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
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
from desktop_app.ui import dialogs

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

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


class ExportCancelled(Exception):
    pass


class _Signals(QObject):
    progress = Signal(float)
    finished = Signal(object)  # ExportOptions
    failed = Signal(str)
    cancelled = Signal()


class ExportJob(QRunnable):
    """Builds the PDF off the UI thread; ``cancel()`` stops it at the next progress step."""

    def __init__(self, case: Case, analysis: Any, options: ExportOptions) -> None:
        super().__init__()
        self.case = case
        self.analysis = analysis
        self.options = options
        self.signals = _Signals()
        self._cancel = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel = True

    def _progress(self, fraction: float) -> None:
        if self._cancel:
            raise ExportCancelled
        self.signals.progress.emit(fraction)

    def run(self) -> None:
        from desktop_app.reports.export import export_pdf

        try:
            analysis = self.analysis
            if analysis is None and self.options.kind == "brief":
                from desktop_app.analysis import analyze_case

                analysis = analyze_case(self.case, should_cancel=lambda: self._cancel)
            export_pdf(
                self.case,
                analysis,
                self.options.path,
                kind=self.options.kind,
                paper=self.options.paper,
                password=self.options.password,
                progress=self._progress,
            )
        except ExportCancelled:
            self.signals.cancelled.emit()
            return
        except Exception as error:  # shown to the consultant in words, never a traceback
            if type(error).__name__ == "Cancelled":
                self.signals.cancelled.emit()
                return
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            if isinstance(error, OSError):
                detail = f"{self.options.path} cannot be written ({error.strerror or error})."
            self.signals.failed.emit(detail)
            return
        self.signals.finished.emit(self.options)


class PdfExporter(QObject):
    """Runs one export at a time for a window, showing progress in its status bar."""

    done = Signal(object)  # ExportOptions
    failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.job: ExportJob | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, kind: str) -> None:
        document = self.window.document
        if document is None or self.job is not None:
            return
        stem = document.path.stem
        suffix = " team brief" if kind == "brief" else " proposal"
        suggested = document.path.with_name(f"{stem}{suffix}.pdf")
        options = ask_export_options(self.window, kind, suggested)
        if options is None:
            return
        self.run(options)

    def run(self, options: ExportOptions) -> None:
        document = self.window.document
        if document is None:
            return
        job = ExportJob(document.case, document.analysis, options)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._cancelled)
        self.job = job
        self.window.show_export_progress(KIND_WORDS[options.kind], self.cancel)
        QThreadPool.globalInstance().start(job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progress(self, fraction: float) -> None:
        self.window.progress.setValue(int(100 * fraction))

    def _end(self) -> None:
        self.job = None
        self.window.hide_export_progress()

    def _finished(self, options: ExportOptions) -> None:
        self._end()
        self.window.statusBar().showMessage(f"Wrote {options.path}", 10000)
        if options.open_when_done:
            open_file(options.path)
        self.done.emit(options)

    def _failed(self, detail: str) -> None:
        self._end()
        dialogs.show_error(self.window, "The PDF was not written", detail)
        self.failed.emit(detail)

    def _cancelled(self) -> None:
        self._end()
        self.window.statusBar().showMessage("Export cancelled; nothing was written.", 8000)
