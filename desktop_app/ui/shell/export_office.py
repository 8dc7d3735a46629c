"""Export as Word…: which document (the team brief or the proposal), where, on which paper.

The export itself runs like the PDFs' (``export_pdf.PdfExporter``). Export Workbook… and New
Case from Workbook… need only file dialogs (``dialogs.ask_save_path`` / ``ask_open_path``).
"""

from __future__ import annotations

from pathlib import Path

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

from desktop_app.i18n import N_, _
from desktop_app.ui.shell import dialogs
from desktop_app.ui.shell.export_options import ExportOptions

NOTES = {
    "brief": N_(
        "The team brief is confidential: it holds our walk-away, risk figures and margin. "
        "It carries the consultancy's letterhead."
    ),
    "proposal": N_(
        "The proposal holds only what the counterpart may see, on the client's "
        "letterhead; edit it in Word before it is sent."
    ),
}
#: The end of a suggested file name, by document ("Deal team brief.docx").
FILE_WORDS = {"brief": N_("team brief"), "proposal": N_("proposal")}


class WordExportDialog(QDialog):
    """The document, the file and the paper of a Word export."""

    def __init__(self, parent: QWidget | None, suggested: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export as Word"))
        self.kind = QComboBox()
        self.kind.addItem(_("Team brief (confidential)"), "brief")
        self.kind.addItem(_("Proposal (for the counterpart)"), "proposal")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.path = QLineEdit(str(suggested))
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem(_("Letter"), "letter")
        self.open_when_done = QCheckBox(_("Open the document when it is written"))
        self.open_when_done.setChecked(True)
        self.ways = QCheckBox(_("Offer three ways to agree (other packages of equal value to us)"))
        self.ways.setChecked(True)
        self.ways.setVisible(False)
        self.note = QLabel(_(NOTES["brief"]))
        self.note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        form = QFormLayout(self)
        form.addRow(_("Document"), self.kind)
        form.addRow(self.note)
        form.addRow(_("File"), row)
        form.addRow(_("Paper"), self.paper)
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

    def _kind_changed(self) -> None:
        kind = str(self.kind.currentData())
        self.note.setText(_(NOTES[kind]))
        self.ways.setVisible(kind == "proposal")
        current = Path(self.path.text().strip())
        other = _(FILE_WORDS["proposal" if kind == "brief" else "brief"])
        mine = _(FILE_WORDS[kind])
        if current.stem.endswith(other):
            stem = current.stem[: -len(other)] + mine
            self.path.setText(str(current.with_name(stem + ".docx")))

    def _browse(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Export to"), self.path.text(), _(dialogs.WORD_FILTER)
        )
        if path:
            self.path.setText(path if path.lower().endswith(".docx") else path + ".docx")

    def _accept(self) -> None:
        target = Path(self.path.text().strip())
        if not target.name or not target.parent.is_dir():
            self.problem.setText(_("Choose a file in a folder that exists."))
            return
        self.accept()

    def options(self) -> ExportOptions:
        target = Path(self.path.text().strip())
        if target.suffix.lower() != ".docx":
            target = target.with_suffix(".docx")
        return ExportOptions(
            path=target,
            kind=str(self.kind.currentData()),
            paper=str(self.paper.currentData()),
            password=None,
            open_when_done=self.open_when_done.isChecked(),
            format="docx",
            ways_to_agree=self.ways.isChecked(),
        )


def ask_word_options(parent: QWidget | None, suggested: Path) -> ExportOptions | None:
    """The dialog, through one function the tests replace."""
    if not dialogs.is_interactive():
        return None
    dialog = WordExportDialog(parent, suggested)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None
