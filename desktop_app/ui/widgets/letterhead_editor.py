"""A letterhead's logo and accent colour, as the consultant sets them (SPEC §11).

The editor shows what is stored and says what the consultant picked — a logo already checked
(a PNG or JPEG of at most 2 MB whose header decodes and whose image Qt can draw), a colour as
``#RRGGBB``, or ``None`` to remove one — through ``logo_chosen`` and ``accent_chosen``; whoever
owns it stores the choice (the Case tab as one undoable step, the consultancy dialog in the
settings). A refused file is explained under the buttons: "Logo: the file is a GIF, not a PNG
or JPEG". Pickers go through ``pickers`` (tests patch them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.fields import Field
from desktop_app.domain.images import ImageProblem
from desktop_app.files.logo import read_logo_file
from desktop_app.i18n import _
from desktop_app.ui.widgets import pickers

PREVIEW = (150, 44)
#: What the documents use without an accent (``reports.letterhead.NEUTRAL_HEX``).
NEUTRAL = "#3B4249"


def _phrases(whose: str) -> tuple[str, str, str]:
    """The pickers' titles and the Remove button's tip for the letterhead of ``whose``: whole
    phrases for the two letterheads there are (German needs the case of each), a pattern for
    any other."""
    known = {
        _("the consultancy"): (
            _("Choose the consultancy's logo"),
            _("No logo: the document shows the consultancy's name instead"),
            _("The consultancy's accent colour"),
        ),
        _("the client"): (
            _("Choose the client's logo"),
            _("No logo: the document shows the client's name instead"),
            _("The client's accent colour"),
        ),
    }
    if whose in known:
        return known[whose]
    return (
        _("Choose {whose}'s logo").format(whose=whose),
        _("No logo: the document shows {whose}'s name instead").format(whose=whose),
        _("{whose}'s accent colour").format(whose=whose.capitalize()),
    )


class LetterheadEditor(QWidget):
    """Logo (preview, Choose logo…, Remove) and accent colour (a colour button, Neutral) of one
    letterhead; ``whose`` words the pickers' titles ("the consultancy")."""

    logo_chosen = Signal(object)  # bytes, or None to remove the logo
    accent_chosen = Signal(object)  # "#RRGGBB", or None for the neutral design

    def __init__(
        self, logo: Field, accent: Field, *, whose: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.whose = whose
        self._choose_title, remove_tip, self._colour_title = _phrases(whose)
        self.logo_label = _(logo.label)
        self.accent_label = _(accent.label)
        self.logo: bytes | None = None
        self.accent: str | None = None
        #: The logo the preview shows (b"" for none); None until it is drawn.
        self._preview_of: bytes | None = None

        self.preview = QLabel()
        self.preview.setFixedSize(*PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #d5d8dc; background: white; color: #566573;")
        self.preview.setToolTip(_(logo.tooltip))
        self.choose_button = QPushButton(_("Choose logo…"))
        self.choose_button.setToolTip(_(logo.tooltip))
        self.choose_button.clicked.connect(self.choose_logo)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(remove_tip)
        self.remove_button.clicked.connect(self.remove_logo)

        self.colour_button = QPushButton()
        self.colour_button.setToolTip(_(accent.tooltip))
        self.colour_button.clicked.connect(self.choose_accent)
        self.neutral_button = QPushButton(_("Neutral"))
        self.neutral_button.setToolTip(_("No accent colour: a quiet charcoal"))
        self.neutral_button.clicked.connect(self.clear_accent)

        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #b00020;")
        self.reason.hide()

        logo_row = QHBoxLayout()
        logo_row.addWidget(self.preview)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        logo_row.addLayout(buttons)
        logo_row.addStretch(1)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour_button)
        colour_row.addWidget(self.neutral_button)
        colour_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.logo_label, logo_row)
        form.addRow(self.accent_label, colour_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        self.show_values(None, None)

    # -- showing ----------------------------------------------------------------------------

    def show_values(self, logo: bytes | None, accent: str | None, *, editable: bool = True) -> None:
        """Show the stored ``logo`` and ``accent``."""
        changed = logo != self.logo or self._preview_of is None
        self.logo, self.accent = logo, accent
        if changed:
            self._preview_of = None  # drawn when next on screen (decoding a logo takes ms)
            if self.isVisible():
                self._show_preview()
        shown = accent or NEUTRAL
        ink = "white" if _dark(shown) else "black"
        self.colour_button.setText(accent or _("None (neutral)"))
        self.colour_button.setStyleSheet(
            f"background: {shown}; color: {ink}; padding: 3px 10px; border: 1px solid #99a3a4;"
        )
        for widget in (self.choose_button, self.colour_button):
            widget.setEnabled(editable)
        self.remove_button.setEnabled(editable and logo is not None)
        self.neutral_button.setEnabled(editable and accent is not None)

    def showEvent(self, event: QShowEvent) -> None:
        if self._preview_of is None:
            self._show_preview()
        super().showEvent(event)

    def _show_preview(self) -> None:
        """The stored logo, scaled into the preview (or "no logo")."""
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo):
            width, height = PREVIEW
            self.preview.setPixmap(
                pixmap.scaled(
                    width - 6,
                    height - 6,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.preview.setText("")
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("no logo"))
        self._preview_of = self.logo or b""

    def refuse(self, text: str) -> None:
        self.reason.setText(text)
        self.reason.show()

    def clear_reason(self) -> None:
        self.reason.clear()
        self.reason.hide()

    # -- actions ----------------------------------------------------------------------------

    def choose_logo(self) -> bool:
        path = pickers.pick_image_file(self, self._choose_title)
        return False if path is None else self.use_logo_file(path)

    def use_logo_file(self, path: Path) -> bool:
        """Check the file at ``path`` and offer it as the logo; False (and the reason shown)
        when it cannot be one."""
        try:
            data = read_logo_file(path)
        except ImageProblem as problem:
            self.refuse(_("{field}: {problem}").format(field=self.logo_label, problem=problem))
            return False
        if not QPixmap().loadFromData(data):
            self.refuse(
                _("{field}: the image is damaged and cannot be shown").format(field=self.logo_label)
            )
            return False
        self.clear_reason()
        self.logo_chosen.emit(data)
        return True

    def remove_logo(self) -> None:
        self.clear_reason()
        self.logo_chosen.emit(None)

    def choose_accent(self) -> bool:
        colour = pickers.pick_colour(self, self._colour_title, self.accent)
        if colour is None:
            return False
        self.clear_reason()
        self.accent_chosen.emit(colour)
        return True

    def clear_accent(self) -> None:
        self.clear_reason()
        self.accent_chosen.emit(None)


def _dark(colour: str) -> bool:
    """Is ``#RRGGBB`` dark enough for white text?"""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue < 150
