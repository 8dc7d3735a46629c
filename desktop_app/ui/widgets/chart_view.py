"""A chart in a tab: the pixels of one chart of ``desktop_app.charts``, drawn by the chart
worker (``chart_renderer``) at the size the view has on screen.

The view asks for its chart when told to draw (a new analysis, the tab shown) and again,
after a short pause, when its size changes; until the new pixels arrive it shows the last ones
scaled, so the window never waits for matplotlib.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.charts.render import CASE_ONLY, RenderedChart
from desktop_app.i18n import _
from desktop_app.ui.workers.chart_renderer import ChartJob, ChartRenderer, chart_renderer

#: Pause after the last resize before the chart is drawn again at the new size.
RESIZE_PAUSE_MS = 150
#: The size a chart is drawn at while its view has never been laid out (a tab not shown yet).
FALLBACK_SIZE = QSize(900, 340)


class ChartView(QWidget):
    """Shows chart ``key`` of the case and analysis it was last given (``draw``)."""

    drawn = Signal()  # new pixels on screen (or a sentence saying why there are none)

    def __init__(
        self,
        key: str,
        *,
        title: str,
        min_height: int = 260,
        parent: QWidget | None = None,
        renderer: ChartRenderer | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.title = title
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(title)
        self.renderer = renderer or chart_renderer()
        self.image: QImage | None = None
        self.last_render: RenderedChart | None = None
        self.problem: str | None = None
        self.draw_count = 0
        self._inputs: tuple[Any, Any] | None = None
        self._job: ChartJob | None = None
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_PAUSE_MS)
        self._resized.timeout.connect(self._redraw_at_new_size)

    @property
    def case_only(self) -> bool:
        """The chart shows the case alone: it needs no analysis (``CASE_ONLY``)."""
        return self.key in CASE_ONLY

    @property
    def inputs(self) -> tuple[Any, Any] | None:
        """The case and analysis last asked for."""
        return self._inputs

    @property
    def pending(self) -> bool:
        """A drawing was asked for and has not arrived yet."""
        return self._job is not None

    def draw(self, case: Any, analysis: Any) -> None:
        """Draw the chart of ``case`` and ``analysis`` (it arrives a moment later: ``drawn``)."""
        self._inputs = (case, analysis)
        self._request()

    def _target(self) -> tuple[int, int, float]:
        size = self.size()
        if not self.testAttribute(Qt.WidgetAttribute.WA_WState_Created) or size.width() < 120:
            size = FALLBACK_SIZE.expandedTo(QSize(0, self.minimumHeight()))
        return size.width(), size.height(), self.devicePixelRatioF()

    def _request(self) -> None:
        if self._inputs is None:
            return
        if self._job is not None:
            self._job.cancel()
        width, height, ratio = self._target()
        job = self.renderer.render(*self._inputs, self.key, width, height, ratio)
        # Bound methods, not lambdas: Qt drops the connections when this view is deleted, so
        # an answer arriving after it is gone touches nothing.
        job.finished.connect(self._arrived)
        job.failed.connect(self._arrived)
        self._job = job

    def _arrived(self, result: RenderedChart | str) -> None:
        if self.sender() is not self._job:
            return
        self._job = None
        if isinstance(result, RenderedChart):
            image = QImage(
                result.rgba, result.width, result.height, QImage.Format.Format_RGBA8888
            ).copy()  # own the pixels (the bytes object may go)
            image.setDevicePixelRatio(result.ratio)
            self.image, self.last_render, self.problem = image, result, None
            self.setAccessibleDescription(" ".join(result.texts))
        else:
            self.problem = result
        self.draw_count += 1
        self.update()
        self.drawn.emit()
        if self.isVisible() and self._differs_from_image():
            self._resized.start()  # drawn for a guessed size (it was hidden when asked for)

    # -- size ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._inputs is not None and self._differs_from_image():
            self._resized.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Asked for while hidden (on a sub-tab not shown yet), it was drawn at a guessed size:
        # draw it again at the size it has on screen.
        if self._inputs is not None and (self._differs_from_image() or self.pending):
            self._resized.start()

    def _differs_from_image(self) -> bool:
        if self.image is None:
            return False
        drawn = self.image.deviceIndependentSize().toSize()
        return abs(drawn.width() - self.width()) > 2 or abs(drawn.height() - self.height()) > 2

    def _redraw_at_new_size(self) -> None:
        if self._differs_from_image() or self.pending:
            self._request()

    # -- painting -----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.image is not None and self.problem is None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRect(0, 0, self.width(), self.height()), self.image)
        else:
            painter.setPen(QColor("#888888"))
            text = self.problem or _("drawing…")
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                f"{self.title}\n({text})",
            )
        painter.end()
