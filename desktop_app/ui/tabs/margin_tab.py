"""PLACEHOLDER while the tab is being built (replaced before this lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop_app.ui.tabs.base import CaseTab


class MarginTab(CaseTab):
    title = "Margin"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        QVBoxLayout(self).addWidget(QLabel("Margin"))
