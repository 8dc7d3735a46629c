"""Edit › Our Consultancy…: the consultant's own letterhead, kept in the app's settings and given
to every new blank case (SPEC §11): the firm's name (the brief's cover and PDF author), its
logo and its accent colour. A case's own letterheads are edited on its Case tab."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.model import CaseInfo
from desktop_app.domain.schema import field_of
from desktop_app.i18n import N_, _
from desktop_app.ui.shell.settings import AppSettings, Consultancy
from desktop_app.ui.widgets.letterhead_editor import LetterheadEditor

EXPLANATION = N_(
    "Every new blank case starts with these. The name is on the team brief's cover and is its "
    "PDF author; the logo and colour mark the brief's cover. The proposal carries the client's "
    "letterhead, never ours. A case's own letterheads are set on its Case tab."
)


class ConsultancyDialog(QDialog):
    """The consultancy defaults of ``settings``; OK stores them there."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Our Consultancy"))
        self.settings = settings
        current = settings.consultancy()
        self.logo, self.accent = current.logo, current.accent
        name_field = field_of(CaseInfo, "consultancy")
        self.name_edit = QLineEdit(current.name)
        self.name_edit.setToolTip(_(name_field.tooltip))
        self.editor = LetterheadEditor(
            field_of(CaseInfo, "consultancy_logo"),
            field_of(CaseInfo, "consultancy_accent"),
            whose=_("the consultancy"),
        )
        self.editor.logo_chosen.connect(self._set_logo)
        self.editor.accent_chosen.connect(self._set_accent)
        self.editor.show_values(self.logo, self.accent)
        explanation = QLabel(_(EXPLANATION))
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_(name_field.label), self.name_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _set_logo(self, data: bytes | None) -> None:
        self.logo = data
        self.editor.show_values(self.logo, self.accent)

    def _set_accent(self, colour: str | None) -> None:
        self.accent = colour
        self.editor.show_values(self.logo, self.accent)

    def values(self) -> Consultancy:
        return Consultancy(self.name_edit.text().strip(), self.logo, self.accent)

    def accept(self) -> None:
        self.settings.set_consultancy(self.values())
        super().accept()


def edit_consultancy(parent: QWidget | None, settings: AppSettings) -> bool:
    """Show the dialog; True when the consultant saved new defaults."""
    return ConsultancyDialog(settings, parent).exec() == QDialog.DialogCode.Accepted
