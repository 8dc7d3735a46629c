"""The file and colour pickers a widget opens, each behind one small function that tests patch
(nothing may block a test)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop_app.i18n import N_, _

IMAGE_FILTER = N_("Images (*.png *.jpg *.jpeg);;All files (*)")


def pick_image_file(parent: QWidget | None, title: str) -> Path | None:
    """A PNG or JPEG the consultant chooses (None: cancelled)."""
    from PySide6.QtWidgets import QFileDialog

    path, _chosen = QFileDialog.getOpenFileName(parent, title, "", _(IMAGE_FILTER))
    return Path(path) if path else None


def pick_colour(parent: QWidget | None, title: str, current: str | None) -> str | None:
    """A colour as ``#RRGGBB`` the consultant chooses, starting from ``current`` (None:
    cancelled)."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    colour = QColorDialog.getColor(QColor(current or "#3B4249"), parent, title)
    return colour.name().upper() if colour.isValid() else None
