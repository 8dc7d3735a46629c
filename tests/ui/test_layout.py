"""The window on a laptop screen: at 1366 × 768 every part of every tab is on screen whole
without scrolling a page (a tab that needs more room is split into sub-tabs and panes), and
at 1024 × 640 the app is still usable: nothing is cut off, the talking points show several
rows, the dashboard's readiness column is readable. A table scrolled sideways keeps its names
on screen; the About box fits a 640 px screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QHeaderView,
    QScrollArea,
    QTableView,
    QTabWidget,
    QWidget,
)

from desktop_app.ui.shell import dialogs, help_dialogs
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.widgets.chart_view import ChartView
from tests.charts.test_label_overlap import APP_CHART_SIZES

LAPTOP = QSize(1366, 768)
SMALL = QSize(1024, 640)


def at_size(window: MainWindow, size: QSize, qtbot: Any) -> None:
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    QApplication.processEvents()  # the layouts follow


def show(window: MainWindow, tab: CaseTab, qtbot: Any) -> None:
    window.tab_widget.setCurrentWidget(tab)
    qtbot.waitUntil(tab.isVisible)


def pages(window: MainWindow, qtbot: Any) -> Iterator[tuple[str, CaseTab]]:
    """Each tab on screen, and in it each sub-tab in turn: (where, the tab)."""
    for tab in window.tabs:
        show(window, tab, qtbot)
        sections = [w for w in tab.findChildren(QTabWidget) if w.isVisible()]
        if not sections:
            yield tab.title, tab
            continue
        (section,) = sections
        for index in range(section.count()):
            section.setCurrentIndex(index)
            page = section.widget(index)
            qtbot.waitUntil(page.isVisible)
            yield f"{tab.title} › {section.tabText(index)}", tab
        section.setCurrentIndex(0)


def parts(tab: CaseTab) -> list[QWidget]:
    """What must be seen whole: the charts and the tables (and lists) on screen."""
    found: list[QWidget] = [c for c in tab.findChildren(ChartView) if c.isVisible()]
    found += [
        v
        for v in tab.findChildren(QAbstractItemView)
        if v.isVisible()
        and v.objectName() != "frozen-first-column"
        and not isinstance(v, QHeaderView)
    ]
    return found


def cut_off(widget: QWidget, window: MainWindow) -> str | None:
    """Why ``widget`` is not seen whole, or None: it must lie inside each widget it is in (a
    splitter's pane, a sub-tab, the tab) up to the window's central area."""
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        placed = QRect(widget.mapTo(parent, QPoint(0, 0)), widget.size())
        if not parent.rect().contains(placed):
            inside = f"{type(parent).__name__} {parent.width()}×{parent.height()}"
            return f"at {placed.getRect()}, cut off by its {inside}"
        if parent is window.centralWidget():
            return None
        child, parent = parent, parent.parentWidget()
    del child
    return "not in the window"


def name(widget: QWidget) -> str:
    if isinstance(widget, ChartView):
        return f"chart {widget.key}"
    model = widget.model() if isinstance(widget, QAbstractItemView) else None
    return f"{type(widget).__name__} of {type(model).__name__}"


def rows_shown(view: QTableView) -> int:
    """Rows of ``view`` seen whole in its viewport."""
    height = view.viewport().height()
    model = view.model()
    return sum(
        1
        for row in range(model.rowCount())
        if view.rowViewportPosition(row) >= 0
        and view.rowViewportPosition(row) + view.rowHeight(row) <= height
    )


# -- 1366 × 768 ---------------------------------------------------------------------------------


def test_at_1366_by_768_every_chart_and_table_is_seen_whole_without_scrolling_a_page(
    window: MainWindow, qtbot: Any
) -> None:
    at_size(window, LAPTOP, qtbot)
    problems = []
    for where, tab in pages(window, qtbot):
        for widget in parts(tab):
            why = cut_off(widget, window)
            if why:
                problems.append(f"{where}: {name(widget)} {why}")
        for area in tab.findChildren(QScrollArea):
            if area.isVisible() and area.verticalScrollBar().maximum() > 0:
                problems.append(
                    f"{where}: a page to scroll ({area.verticalScrollBar().maximum()} px)"
                )
    assert not problems, "\n".join(problems)


def test_at_1366_by_768_the_risk_and_margin_charts_have_room(
    window: MainWindow, qtbot: Any
) -> None:
    """The heat map, the loss charts, the ZOPA chart and the tornado each get a page or a pane
    of their own, at least 540 × 420 px (the tornado and the heat map were below the fold)."""
    at_size(window, LAPTOP, qtbot)
    sizes: dict[str, QSize] = {}
    for _, tab in pages(window, qtbot):
        for chart in tab.findChildren(ChartView):
            if chart.isVisible() and type(tab).__name__ in ("RiskTab", "MarginTab"):
                sizes[chart.key] = chart.size()
    for key in ("risk_heat_map", "loss_distributions", "shortfall_capped_vs_uncapped", "tornado"):
        assert sizes[key].width() >= 540 and sizes[key].height() >= 420, (key, sizes[key])
    assert sizes["zopa_bar"].height() >= 240


def test_at_1366_by_768_the_proposal_tables_show_their_rows(window: MainWindow, qtbot: Any) -> None:
    """Terms, interests and talking points each on a page of its own: every row of the sample
    on screen, with room for more (it showed five rows per box)."""
    at_size(window, LAPTOP, qtbot)
    from desktop_app.ui.tabs.proposal_tab import ProposalTab

    tab = next(t for t in window.tabs if isinstance(t, ProposalTab))
    show(window, tab, qtbot)
    for part in ("terms_editor.view", "interests_view", "points.editor.view"):
        assert tab.show_part(part)
        view = tab.part(part)
        assert isinstance(view, QTableView)
        qtbot.waitUntil(view.isVisible)
        qtbot.waitUntil(
            lambda view=view: not getattr(view, "row_heights", None) or not view.row_heights.pending
        )
        assert rows_shown(view) == view.model().rowCount(), part
        assert view.viewport().height() >= 250, (part, view.viewport().height())


def test_the_charts_are_drawn_at_the_sizes_whose_labels_are_checked(
    window: MainWindow, qtbot: Any
) -> None:
    """tests/charts/test_label_overlap.py draws each chart at the sizes the app gives it: the
    app still gives those sizes."""
    seen: dict[str, set[tuple[int, int]]] = {}
    for size in (LAPTOP, SMALL):
        at_size(window, size, qtbot)
        for _, tab in pages(window, qtbot):
            for chart in tab.findChildren(ChartView):
                if chart.isVisible():
                    seen.setdefault(chart.key, set()).add((chart.width(), chart.height()))
    for key, sizes in seen.items():
        for width, height in sizes:
            assert any(
                abs(width - w) <= 4 and abs(height - h) <= 4 for w, h in APP_CHART_SIZES[key]
            ), (key, (width, height), APP_CHART_SIZES[key])


# -- 1024 × 640 ---------------------------------------------------------------------------------


def test_at_1024_by_640_nothing_is_cut_off(window: MainWindow, qtbot: Any) -> None:
    """The window fits 1024 × 640 (no tab asks for more), and each chart and table is seen
    whole."""
    at_size(window, SMALL, qtbot)
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL.width() and hint.height() <= SMALL.height(), hint
    problems = []
    for where, tab in pages(window, qtbot):
        for widget in parts(tab):
            why = cut_off(widget, window)
            if why:
                problems.append(f"{where}: {name(widget)} {why}")
    assert not problems, "\n".join(problems)


def test_at_1024_by_640_the_talking_points_show_several_rows(
    window: MainWindow, qtbot: Any
) -> None:
    at_size(window, SMALL, qtbot)
    from desktop_app.ui.tabs.proposal_tab import ProposalTab

    tab = next(t for t in window.tabs if isinstance(t, ProposalTab))
    show(window, tab, qtbot)
    assert tab.show_part("points.editor.view")
    view = tab.points.editor.view
    qtbot.waitUntil(lambda: not view.row_heights.pending)
    assert rows_shown(view) >= 3


def test_at_1024_by_640_the_readiness_column_is_readable(window: MainWindow, qtbot: Any) -> None:
    at_size(window, SMALL, qtbot)
    tab = window.tabs[0]
    show(window, tab, qtbot)
    dashboard = tab.dashboard  # type: ignore[attr-defined]
    assert dashboard.readiness.width() >= 200
    assert dashboard.figures.width() >= dashboard.figures.minimumSizeHint().width()
    assert cut_off(dashboard.readiness, window) is None


# -- a table scrolled sideways ------------------------------------------------------------------


def _their_alternatives(window: MainWindow, qtbot: Any) -> Any:
    from desktop_app.ui.tabs.alternatives_tab import AlternativesTab

    tab = next(t for t in window.tabs if isinstance(t, AlternativesTab))
    show(window, tab, qtbot)
    view = tab.their_alternatives.view
    qtbot.waitUntil(view.isVisible)
    return view


def test_a_table_scrolled_sideways_keeps_its_names_on_screen(
    window: MainWindow, qtbot: Any
) -> None:
    at_size(window, LAPTOP, qtbot)
    view = _their_alternatives(window, qtbot)
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0, "the alternatives are wider than the window"
    bar.setValue(bar.maximum())
    assert view.columnViewportPosition(0) < 0, "the table's own name column scrolled away"
    frozen = view.findChild(QTableView, "frozen-first-column")
    assert frozen is not None
    qtbot.waitUntil(frozen.isVisible)
    # The names, where the first column was, row for row.
    left = view.verticalHeader().width() + view.frameWidth()
    assert frozen.geometry().left() == left
    assert frozen.columnWidth(0) == view.columnWidth(0)
    model = view.model()
    for row in range(model.rowCount()):
        assert frozen.rowHeight(row) == view.rowHeight(row)
        assert frozen.rowViewportPosition(row) == view.rowViewportPosition(row)
    assert frozen.isColumnHidden(1) and not frozen.isColumnHidden(0)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Switch to Brandt Mobility Systems" in names
    # Scrolling down moves the names along.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == view.verticalScrollBar().value()


def test_the_keyboard_keeps_the_frozen_names_in_step(window: MainWindow, qtbot: Any) -> None:
    """Tab from the last cell of a row to the next row's name keeps the table where it is;
    typing over a name opens its editor at the left, clear of the frozen column."""
    at_size(window, LAPTOP, qtbot)
    view = _their_alternatives(window, qtbot)
    model = view.model()
    view.setFocus()
    last = max(
        c
        for c in range(model.columnCount())
        if model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable
    )
    view.setCurrentIndex(model.index(0, last))
    bar = view.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    scrolled = bar.value()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().row() == 1 and view.currentIndex().column() == 0
    assert bar.value() == scrolled, "the table stayed where it was: the frozen name shows"
    qtbot.keyClick(view, Qt.Key.Key_X)
    assert view.state() == QAbstractItemView.State.EditingState
    assert bar.value() == 0, "the name's editor is not under the frozen column"
    frozen = view.findChild(QTableView, "frozen-first-column")
    assert frozen is not None and not frozen.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


# -- About --------------------------------------------------------------------------------------


@pytest.mark.usefixtures("qapp")
def test_the_about_box_fits_a_640_px_screen_with_its_ok_button(qtbot: Any) -> None:
    box = dialogs.message_dialog(
        None, "About Leverage", help_dialogs.about_text(icon=help_dialogs.icon_path())
    )
    qtbot.addWidget(box)
    assert box.sizeHint().height() <= 640
    box.resize(box.sizeHint())
    box.show()
    qtbot.waitUntil(box.isVisible)
    buttons = box.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.buttons()[0]
    assert box.rect().contains(QRect(ok.mapTo(box, QPoint(0, 0)), ok.size()))
    # The licences are all there, in a part that scrolls.
    (area,) = box.findChildren(QScrollArea)
    assert area.verticalScrollBar().maximum() > 0
    assert "sqlite-utils" in area.widget().text()  # type: ignore[union-attr]
    box.close()


@pytest.mark.usefixtures("qapp")
def test_a_short_message_stays_a_plain_message_box(qtbot: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = dialogs.message_dialog(None, "Saved", "The case was saved.")
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
