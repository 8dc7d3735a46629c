"""A chart slot in a tab: empty until matplotlib is loaded, then redrawn on every analysis.

matplotlib takes about half a second to import, so the window is shown first and the charts
arrive a moment later (``charts_enabled``); each ``ChartView`` holds a builder from the one
chart code in ``desktop_app.charts`` and draws its Figure on a Qt canvas.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

Builder = Callable[[Any, Any], Any]  # (case, analysis) -> matplotlib Figure


class ChartView(QWidget):
    """Shows the figure ``builder(case, analysis)``; redraws when asked."""

    drawn = Signal()

    def __init__(
        self, builder: Builder, *, title: str, min_height: int = 260, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.builder = builder
        self.title = title
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel(f"{title}\n(drawing…)")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setStyleSheet("color: #888;")
        self._layout.addWidget(self._placeholder)
        self._canvas: Any = None
        self.draw_count = 0
        self.last_figure: Any = None

    def draw(self, case: Any, analysis: Any) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        try:
            figure = self.builder(case, analysis)
        except Exception as error:  # a chart bug must never take the window down
            self._placeholder.setText(f"{self.title}\n(this chart could not be drawn: {error})")
            if self._canvas is not None:
                self._layout.replaceWidget(self._canvas, self._placeholder)
                self._canvas.deleteLater()
                self._canvas = None
            self._placeholder.show()
            return
        self.last_figure = figure
        canvas = FigureCanvasQTAgg(figure)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setToolTip(self.toolTip())
        if self._canvas is not None:
            self._layout.replaceWidget(self._canvas, canvas)
            self._canvas.deleteLater()
        else:
            self._layout.replaceWidget(self._placeholder, canvas)
        self._placeholder.hide()
        self._canvas = canvas
        canvas.draw_idle()
        self.draw_count += 1
        self.drawn.emit()
