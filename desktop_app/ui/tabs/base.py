"""What every tab shares: the document, its charts, and the two refresh hooks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QTabWidget, QWidget

from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.widgets.chart_view import ChartView


class CaseTab(QWidget):
    """A tab of the main window. Subclasses build their widgets in ``__init__`` and override
    ``on_case`` (the case changed) and ``on_analysis`` (new figures arrived)."""

    title = "Tab"
    tooltip = ""

    #: (a tab's class name, a part of it): "show the user this" — e.g. where a readiness
    #: item is fixed. The window goes there (``CaseTab.show_part``).
    go_to = Signal(str, str)
    #: A sentence for the status bar (the window shows it; a tab never reaches for it).
    message = Signal(str)

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.charts: list[ChartView] = []
        self.charts_enabled = False
        document.case_changed.connect(self.on_case)
        document.case_changed.connect(self._case_arrived)
        document.analysis_ready.connect(self._analysis_arrived)

    def on_case(self, case: Any) -> None:
        """The case changed (tables follow by themselves; forms and labels refresh here)."""

    def on_analysis(self, analysis: Any) -> None:
        """New figures for the case on screen."""

    def part(self, name: str) -> QWidget | None:
        """The widget ``name`` names: a dotted attribute path from the tab ("register.view")."""
        target: object = self
        for attribute in name.split("."):
            target = getattr(target, attribute, None)
        return target if isinstance(target, QWidget) else None

    def show_part(self, name: str) -> bool:
        """Bring part ``name`` on screen (its sub-tab chosen, scrolled to) with the keyboard
        focus; False when the tab has no such part."""
        widget = self.part(name)
        if widget is None:
            return False
        scrolls = []
        child, parent = widget, widget.parentWidget()
        while parent is not None and child is not self:
            tabs = parent.parentWidget() if isinstance(parent, QStackedWidget) else None
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)  # through the tab bar, so it shows the page chosen
            if isinstance(parent, QScrollArea):
                scrolls.append(parent)
            child, parent = parent, parent.parentWidget()
        for scroll in scrolls:
            scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def add_chart(self, chart: ChartView) -> ChartView:
        self.charts.append(chart)
        return chart

    def enable_charts(self) -> None:
        """The tabs are built: draw the charts now and after every analysis."""
        self.charts_enabled = True
        self.draw_charts()

    def draw_charts(self, *, force: bool = False, again: bool = False) -> None:
        """Draw the charts now if the tab is on screen (or ``force``); otherwise when shown.
        A chart of the case alone is drawn as soon as the case is there, the others once its
        analysis is; each is drawn once for what it shows, unless ``again`` (a new size)."""
        if not self.charts_enabled or not self.charts:
            return
        if not (force or self.isVisible()):
            self._stale = True
            return
        self._stale = False
        case, analysis = self.document.case, self.document.analysis
        for chart in self.charts:
            drawn = chart.inputs
            if chart.case_only:
                if again or drawn is None or drawn[0] is not case:
                    chart.draw(case, None)
            elif analysis is not None and (again or drawn is None or drawn[1] is not analysis):
                chart.draw(case, analysis)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self.draw_charts()

    def _case_arrived(self, _case: Any) -> None:
        self.draw_charts()  # the charts of the case alone; the others wait for the analysis

    def _analysis_arrived(self, analysis: Any) -> None:
        self.on_analysis(analysis)
        self.draw_charts()
