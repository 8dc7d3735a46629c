"""Placing labels stays cheap and exact: the shortcuts ``labels`` takes give what the plain
way gives (text sizes shared between renderers are Agg's own, boxes compared as floats meet
as Bboxes do, the narrowest wrapping found by halving is the one found width by width), a
sketch that becomes the chart draws as the chart built anew, and a chart whose rows surely
fit is built once, without a sketch or a layout run to measure it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.transforms import Bbox

from desktop_app import charts
from desktop_app.analysis import CaseAnalysis
from desktop_app.charts import labels, losses, style
from desktop_app.domain.model import Case

words = st.lists(
    st.text(alphabet="abcdefgh山é—", min_size=1, max_size=21), min_size=1, max_size=12
).map(" ".join)


def _wrap_width_by_width(text: str, width: int, lines: int) -> str:
    """``labels.wrap`` as first written: the narrowest width found one character at a time."""
    words_ = " ".join(text.split()).split(" ")
    out = labels._greedy(words_, width)
    if len(out) > lines:
        out = [*out[: lines - 1], labels.shorten(" ".join(out[lines - 1 :]), width)]
    elif len(out) > 1:
        narrow = width
        while narrow > 1 and len(labels._greedy(words_, narrow - 1)) == len(out):
            narrow -= 1
        out = labels._greedy(words_, narrow)
    return "\n".join(labels.shorten(line, width + 8) for line in out)


@settings(max_examples=300)
@given(words, st.integers(min_value=-2, max_value=60), st.integers(min_value=1, max_value=4))
def test_wrap_finds_the_narrowest_width_as_one_by_one(text: str, width: int, lines: int) -> None:
    assert labels.wrap(text, width, lines) == _wrap_width_by_width(text, width, lines)


coordinate = st.floats(min_value=-50, max_value=50, allow_nan=False)
boxes = st.tuples(coordinate, coordinate, coordinate, coordinate).map(
    lambda e: Bbox.from_extents(*e)
)


@settings(max_examples=200)
@given(st.lists(boxes, max_size=12), boxes, st.floats(min_value=0, max_value=5))
def test_taken_meets_boxes_as_intersect_does(taken: list[Bbox], box: Bbox, gap: float) -> None:
    kept = labels.Taken(gap, taken)
    assert kept.free(box) == (not any(labels.intersect(box, other, gap) for other in kept.boxes))


@given(
    st.text(alphabet="abcXYZ 0123456789.,:-€$()Łęζжé—…", min_size=1, max_size=40),
    st.sampled_from([6.5, 7.0, 8.0, 9.0, 12.0]),
    st.sampled_from(["normal", "bold"]),
    st.sampled_from([72.0, 100.0, 200.0]),
)
def test_shared_text_sizes_are_aggs_own(text: str, size: float, weight: str, dpi: float) -> None:
    """A size measured once and then found again is what a plain Agg renderer measures."""
    with style.chart_context():
        prop = FontProperties(size=size, weight=weight)
        plain = RendererAgg(1, 1, dpi).get_text_width_height_descent(text, prop, False)  # type: ignore[no-untyped-call]
        shared = labels.shared_sizes_renderer(10, 10, dpi)
        first = shared.get_text_width_height_descent(text, prop, False)
        again = labels.measuring_renderer(dpi).get_text_width_height_descent(text, prop, False)
    assert first == again == plain


def _pixels(fig: Figure) -> str:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    return hashlib.sha1(bytes(canvas.buffer_rgba())).hexdigest()  # type: ignore[no-untyped-call]


def test_a_measured_sketch_with_its_bars_draws_as_the_chart_built_anew(
    stress: Case, stress_analysis: CaseAnalysis
) -> None:
    """The exposure chart measures its panels on a sketch (laid out to measure) and, when its
    scenarios fit, adds the bars to that sketch: it draws as the same chart built at once."""
    scenarios = losses._with_losses(stress_analysis)[:4]
    uncapped = losses.uncapped_loss_figures(stress)
    size = (6.11, 6.25)
    with style.chart_context():
        sketch = losses._ShortfallSketch(stress, stress_analysis, scenarios, uncapped, size)
        labels.axes_height_pt(sketch.fig, sketch.first, keep_positions=True)
        reused = sketch.with_bars()
        anew, _ = losses._shortfall_figure(stress, stress_analysis, scenarios, uncapped, size)
    assert _pixels(reused) == _pixels(anew)


@contextmanager
def _counting() -> Iterator[dict[str, int]]:
    """How many figures are made and how many layouts run (to measure) meanwhile."""
    counts = {"figures": 0, "layouts": 0}
    original_init, original_lay_out = Figure.__init__, labels.lay_out

    def init(self: Figure, *args: Any, **kwargs: Any) -> None:
        counts["figures"] += 1
        original_init(self, *args, **kwargs)

    def lay_out(fig: Figure) -> None:
        counts["layouts"] += 1
        original_lay_out(fig)

    Figure.__init__ = init  # type: ignore[method-assign]
    labels.lay_out = lay_out
    try:
        yield counts
    finally:
        Figure.__init__ = original_init  # type: ignore[method-assign]
        labels.lay_out = original_lay_out


def test_a_chart_whose_rows_surely_fit_is_built_once(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    """The sample's charts at the size the app gives them at 1366 × 768: each one figure, no
    sketch and no layout run to measure it (the tornado measures its names without one)."""
    labels.measuring_renderer(100.0)  # made once for every chart (with its probe figure)
    labels.probe(100.0)
    sizes = {
        "zopa_bar": (910, 170),
        "stakeholder_map": (653, 344),
        "alternatives_chart": (697, 543),
        "value_chart": (653, 543),
        "risk_heat_map": (1354, 629),
        "loss_distributions": (576, 625),
        "shortfall_capped_vs_uncapped": (611, 625),
        "tornado": (1354, 629),
    }
    for key, (width, height) in sizes.items():
        with _counting() as counts:
            fig = getattr(charts, key)(sample, sample_analysis, size=(width / 100, height / 100))
        assert fig.get_label() != "message", key
        assert counts == {"figures": 1, "layouts": 0}, key
