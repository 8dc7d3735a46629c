"""Every dialog the app shows goes through one of these functions.

Tests patch them (nothing may block a test), and ``--quit-after-load`` turns them off
entirely with ``set_non_interactive``: a question then gets its safe default answer and a
message goes to stderr instead of a modal box.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget

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
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str, *, default: bool = False) -> bool:
    if not _interactive:
        return default
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    preset = QMessageBox.StandardButton.Yes if default else QMessageBox.StandardButton.No
    return (
        QMessageBox.question(parent, title, text, buttons, preset) == QMessageBox.StandardButton.Yes
    )


CASE_FILTER = "Leverage cases (*.leverage);;All files (*)"
JSON_FILTER = "JSON (*.json);;All files (*)"
PDF_FILTER = "PDF (*.pdf)"


def ask_open_path(parent: QWidget | None, title: str, folder: str, filter_: str) -> Path | None:
    if not _interactive:
        return None
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filter_)
    return Path(path) if path else None


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, filter_: str, suffix: str
) -> Path | None:
    if not _interactive:
        return None
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_)
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(suffix)
