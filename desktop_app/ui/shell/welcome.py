"""What the window shows when no case is open: start from the sample, new, open, recent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.ui.shell.main_window import MainWindow


class WelcomePage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main_window = window
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading = QLabel(
            _(
                "<h1>Leverage</h1><p>Prepare the weaker side of a negotiation: "
                "their alternatives, our risk and margin, the zone of agreement and a "
                "proposal that is fair to both.</p>"
            )
        )
        heading.setWordWrap(True)
        heading.setMaximumWidth(560)
        layout.addWidget(heading)
        for text, slot in (
            (_("Start from the sample case…"), window.files.new_from_sample),
            (_("New blank case…"), window.files.new_blank),
            (_("Open a case…"), window.files.open_dialog),
        ):
            button = QPushButton(text)
            button.setMaximumWidth(320)
            button.clicked.connect(slot)
            layout.addWidget(button)
        layout.addWidget(QLabel(_("<b>Recent cases</b>")))
        self.recent = QListWidget()
        self.recent.setMaximumWidth(560)
        self.recent.setMaximumHeight(200)
        self.recent.itemActivated.connect(self._open_item)
        layout.addWidget(self.recent)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for path in self.main_window.settings.recent_files():
            item = QListWidgetItem(f"{path.name}   —   {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        from pathlib import Path

        self.main_window.open_path(Path(item.data(Qt.ItemDataRole.UserRole)))
