"""A chart on screen: drawn by the chart worker at the size of its view, drawn again when the
view is resized, and a chart that cannot be drawn says why in its place."""

from __future__ import annotations

from typing import Any

from desktop_app.analysis import analyze_case
from desktop_app.store.sample import sample_case
from desktop_app.ui.widgets.chart_view import ChartView
from tests.ui.conftest import charts_drawn


def _shown(qtbot: Any, key: str, width: int, height: int) -> ChartView:
    view = ChartView(key, title="A chart", min_height=100)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_chart_arrives_at_the_size_of_its_view(qtbot: Any) -> None:
    case = sample_case()
    view = _shown(qtbot, "zopa_bar", 640, 240)
    view.draw(case, analyze_case(case))
    assert view.pending
    charts_drawn(qtbot, [view])
    assert view.image is not None and view.last_render is not None
    ratio = view.devicePixelRatioF()
    assert (view.image.width(), view.image.height()) == (round(640 * ratio), round(240 * ratio))
    assert "Zone of possible agreement" in " ".join(view.last_render.texts)
    assert "Zone of possible agreement" in view.accessibleDescription()
    # what is painted on screen is the chart (not the grey placeholder): some dark ink
    shot = view.grab().toImage()
    dark = sum(
        1
        for x in range(0, shot.width(), 4)
        for y in range(0, shot.height(), 4)
        if shot.pixelColor(x, y).lightness() < 120
    )
    assert dark > 20


def test_a_resized_view_is_drawn_again_at_its_new_size(qtbot: Any) -> None:
    case = sample_case()
    view = _shown(qtbot, "tornado", 600, 300)
    view.draw(case, analyze_case(case))
    charts_drawn(qtbot, [view])
    with qtbot.waitSignal(view.drawn, timeout=60_000):
        view.resize(820, 420)
    assert view.image is not None
    size = view.image.deviceIndependentSize().toSize()
    assert (size.width(), size.height()) == (820, 420)
    assert view.draw_count == 2


def test_a_new_request_replaces_the_one_waiting(qtbot: Any) -> None:
    case = sample_case()
    analysis = analyze_case(case)
    view = _shown(qtbot, "stakeholder_map", 500, 300)
    view.draw(case, analysis)
    view.draw(case, analysis)  # the first answer is no longer wanted
    charts_drawn(qtbot, [view])
    assert view.draw_count == 1


def test_a_chart_that_cannot_be_drawn_says_why(qtbot: Any) -> None:
    case = sample_case()
    view = _shown(qtbot, "no_such_chart", 500, 300)
    view.draw(case, analyze_case(case))
    charts_drawn(qtbot, [view])
    assert view.image is None
    assert view.problem is not None and "could not be drawn" in view.problem


def test_a_chart_arriving_after_its_view_is_gone_touches_nothing(qtbot: Any) -> None:
    """A tab closed while its chart is drawn: the answer arrives and is dropped (before, the
    view's handler ran on the deleted C++ object and raised in the event loop)."""
    import shiboken6

    case = sample_case()
    view = ChartView("zopa_bar", title="A chart", min_height=100)
    view.resize(400, 200)
    view.draw(case, analyze_case(case))
    job = view._job
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60_000):
        shiboken6.delete(view)
    assert not shiboken6.isValid(view)
