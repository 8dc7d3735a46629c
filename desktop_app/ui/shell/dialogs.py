"""Every dialog the app shows goes through one of these functions.

Tests patch them (nothing may block a test), and ``--quit-after-load`` turns them off
entirely with ``set_non_interactive``: a question then gets its safe default answer and a
message goes to stderr instead of a modal box.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.i18n import N_, _

# QMessageBox and QFileDialog are imported where used: naming a Qt class makes PySide build its
# Python type (and enums), a cost the first paint need not pay for dialogs it does not show.

_interactive = True


def set_non_interactive(flag: bool = True) -> None:
    global _interactive
    _interactive = not flag


def is_interactive() -> bool:
    return _interactive


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    if not _interactive:
        print(f"leverage: {title}: {text}", file=sys.stderr)
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    if not _interactive:
        print(f"leverage: {text}", file=sys.stderr)
        return
    message_dialog(parent, title, text).exec()


#: The tallest a message may be: its OK button stays on a 1024 × 640 screen (and on a
#: 1366 × 768 one with its title bar and task bar).
MESSAGE_HEIGHT = 600
#: The width its text is laid out to when it has to scroll.
MESSAGE_WIDTH = 520


def message_dialog(parent: QWidget | None, title: str, text: str) -> QDialog:
    """An information box that fits on a small screen: Qt's own when the text is short;
    a long text (the About box's licences) scrolls above the OK button instead of pushing
    the button off the screen."""
    from PySide6.QtWidgets import (
        QDialogButtonBox,
        QLabel,
        QMessageBox,
        QScrollArea,
        QVBoxLayout,
    )

    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.AutoText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setOpenExternalLinks(False)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    needed = label.heightForWidth(MESSAGE_WIDTH)
    if needed <= MESSAGE_HEIGHT - 120:
        label.deleteLater()
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
        )
        return box
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    scroll = QScrollArea(dialog)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    label.setContentsMargins(8, 8, 8, 8)
    scroll.setWidget(label)
    bar = scroll.verticalScrollBar().sizeHint().width()
    scroll.setMinimumWidth(MESSAGE_WIDTH + bar + 2 * scroll.frameWidth() + 16)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(scroll, 1)
    layout.addWidget(buttons)
    chrome = buttons.sizeHint().height() + layout.spacing() + 2 * 12 + 2 * scroll.frameWidth()
    scroll.setFixedHeight(min(needed + 16, MESSAGE_HEIGHT - chrome) + 2 * scroll.frameWidth())
    buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
    return dialog


def ask_yes_no(parent: QWidget | None, title: str, text: str, *, default: bool = False) -> bool:
    if not _interactive:
        return default
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    preset = QMessageBox.StandardButton.Yes if default else QMessageBox.StandardButton.No
    return (
        QMessageBox.question(parent, title, text, buttons, preset) == QMessageBox.StandardButton.Yes
    )


def ask_proceed(parent: QWidget | None, title: str, text: str, *, proceed: str) -> bool:
    """A warning with Cancel (the default) and a button ``proceed`` ("Print anyway"): True
    when the consultant goes on. Not interactive: the warning goes to stderr, and the answer
    is Cancel."""
    if not _interactive:
        print(f"leverage: {title}: {text}", file=sys.stderr)
        return False
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    go = box.addButton(proceed, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go


#: The file dialogs' filters, in English (marked; shown with ``_``: ``ask_open_path`` and
#: ``ask_save_path`` translate the filter they are given).
CASE_FILTER = N_("Leverage cases (*.leverage);;All files (*)")
JSON_FILTER = N_("JSON (*.json);;All files (*)")
PDF_FILTER = N_("PDF (*.pdf)")
WORD_FILTER = N_("Word documents (*.docx)")
WORKBOOK_FILTER = N_("Excel workbooks (*.xlsx);;All files (*)")


def ask_open_path(parent: QWidget | None, title: str, folder: str, filter_: str) -> Path | None:
    if not _interactive:
        return None
    from PySide6.QtWidgets import QFileDialog

    path, _chosen = QFileDialog.getOpenFileName(parent, title, folder, _(filter_))
    return Path(path) if path else None


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, filter_: str, suffix: str
) -> Path | None:
    if not _interactive:
        return None
    from PySide6.QtWidgets import QFileDialog

    path, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, _(filter_))
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(suffix)
