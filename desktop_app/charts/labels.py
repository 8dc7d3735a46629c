"""Labels that never overlap: measured with the renderer, placed when the chart is drawn.

A chart's size is known only when it is drawn (the app draws each chart at the size its view
has; the brief at the page's width), and where its axes end up is decided by the constrained
layout at the start of that drawing. So labels whose room depends on it are placed then:
``before_drawing(ax, place)`` adds to ``ax`` an invisible artist drawn before everything else
in the axes, which calls ``place(renderer)`` once the layout has put the axes in place. The
placing functions measure each label with the renderer that is about to draw it
(``extent``), try the spots and wordings a chart offers in order of preference, and keep the
first that lies inside its region and overlaps nothing taken before it (``Taken``). The same
code runs for the screen, the SVG of the PDFs and the tests, so what is measured is what is
drawn.

Texts whose room is known when the figure is built (titles, legends) are measured then, with
``renderer_of``.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, MaxNLocator
from matplotlib.transforms import Bbox


def renderer_of(fig: Figure) -> RendererBase:
    """A renderer to measure ``fig``'s texts with before it is drawn (Agg, at its dpi)."""
    return measuring_renderer(float(fig.dpi))


#: Text sizes measured by Agg, by words, font, dpi and the text settings Agg reads: shared by
#: every renderer of the charts (``SharedSizesRenderer``), so that a text is laid out by the
#: font engine once, not once in each renderer that measures it (matplotlib's own cache is
#: per renderer, and each chart is measured by one while it is built and drawn by another).
_SIZES: dict[tuple[Any, ...], tuple[float, float, float]] = {}
#: Sizes kept at most (then forgotten all at once: a few hundred per chart).
_SIZES_KEPT = 20_000


def _sizes_key(words: str, prop: Any, dpi: float) -> tuple[Any, ...]:
    import matplotlib as mpl
    from matplotlib import font_manager

    return (
        words,
        prop,
        dpi,
        mpl.rcParams["text.hinting"],
        mpl.rcParams["text.hinting_factor"],
        mpl.rcParams["text.kerning_factor"],
        len(font_manager.fontManager.ttflist),  # a font registered since: measured again
    )


_AGG: list[tuple[type[Any], type[Any]]] = []


def _agg_classes() -> tuple[type[Any], type[Any]]:
    """The renderer and canvas classes (made when first needed: Agg is loaded with them)."""
    if _AGG:
        return _AGG[0]
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

    class SharedSizesRenderer(RendererAgg):
        """An Agg renderer whose text sizes are shared with every other one (``_SIZES``):
        the sizes are Agg's own, measured the first time a text is asked for."""

        def get_text_width_height_descent(
            self, s: str, prop: Any, ismath: Any
        ) -> tuple[float, float, float]:
            if ismath:
                return super().get_text_width_height_descent(s, prop, ismath)  # type: ignore[no-untyped-call, no-any-return]
            key = _sizes_key(s, prop, float(self.dpi))
            size = _SIZES.get(key)
            if size is None:
                size = super().get_text_width_height_descent(s, prop, ismath)  # type: ignore[no-untyped-call]
                if len(_SIZES) >= _SIZES_KEPT:
                    _SIZES.clear()
                _SIZES[(s, prop.copy(), *key[2:])] = size
            return size

    class SharedSizesCanvas(FigureCanvasAgg):
        """An Agg canvas that draws with a ``SharedSizesRenderer``."""

        def get_renderer(self) -> RendererBase:
            w, h = self.figure.bbox.size
            key = w, h, self.figure.dpi
            if self._lastKey != key:
                self.renderer = SharedSizesRenderer(w, h, self.figure.dpi)  # type: ignore[no-untyped-call]
                self._lastKey = key
            renderer: RendererBase = self.renderer
            return renderer

    _AGG.append((SharedSizesRenderer, SharedSizesCanvas))
    return _AGG[0]


def shared_sizes_renderer(width: float, height: float, dpi: float) -> RendererBase:
    """An Agg renderer of ``width`` × ``height`` pixels at ``dpi`` whose text sizes are shared
    with every other such renderer (a chart measured while it is built is not measured again
    when it is drawn, nor when it is drawn again)."""
    renderer: RendererBase = _agg_classes()[0](width, height, dpi)
    return renderer


def agg_canvas(fig: Figure) -> Any:
    """An Agg canvas for ``fig`` (it becomes its canvas) that draws with a renderer whose text
    sizes are shared (``shared_sizes_renderer``)."""
    return _agg_classes()[1](fig)


#: One renderer per dpi that only measures (it has a single pixel to draw on), for the texts
#: of charts being built (``renderer_of``) and of none (``probe``).
_MEASURING: dict[float, RendererBase] = {}
#: A figure per dpi for texts measured before their figure exists (``probe``).
_PROBES: dict[float, Figure] = {}


def measuring_renderer(dpi: float) -> RendererBase:
    """The renderer that measures texts at ``dpi`` (``renderer_of``)."""
    renderer = _MEASURING.get(dpi)
    if renderer is None:
        renderer = _MEASURING.setdefault(dpi, shared_sizes_renderer(1, 1, dpi))
    return renderer


def probe(dpi: float, **props: Any) -> Text:
    """A text (``props`` as for ``Text``) to measure words with at ``dpi``, in no chart: set
    its words and measure it with ``measuring_renderer(dpi)`` (build it in the chart style)."""
    figure = _PROBES.get(dpi)
    if figure is None:
        figure = _PROBES.setdefault(dpi, Figure(dpi=dpi))
    text = Text(0, 0, "", **props)
    text.set_figure(figure)
    return text


def scale(renderer: RendererBase) -> float:
    """Display pixels per pixel at 100 dpi (2 on a high-density screen, 0.72 in a PDF)."""
    return pixels(renderer, 72.0) / 100.0


def pixels(renderer: RendererBase, points: float) -> float:
    """``points`` in the renderer's display pixels."""
    value: Any = renderer.points_to_pixels(points)
    return float(value)


def extent(text: Text | None, renderer: RendererBase) -> Bbox:
    """Where ``text`` is drawn, in display pixels (an empty box for no text or an empty one);
    the words alone: an annotation's line to its mark is not counted."""
    if text is None or not text.get_visible() or not text.get_text().strip():
        return Bbox.null()
    return Text.get_window_extent(text, renderer)


def grown(box: Bbox, by: float) -> Bbox:
    return Bbox.from_extents(box.x0 - by, box.y0 - by, box.x1 + by, box.y1 + by)


def inside(box: Bbox, region: Bbox, slack: float = 0.5) -> bool:
    return (
        box.x0 >= region.x0 - slack
        and box.y0 >= region.y0 - slack
        and box.x1 <= region.x1 + slack
        and box.y1 <= region.y1 + slack
    )


def intersect(a: Bbox, b: Bbox, gap: float = 0.0) -> bool:
    """The boxes overlap or come closer than ``gap`` pixels."""
    if (a.width <= 0 and a.height <= 0) or (b.width <= 0 and b.height <= 0):
        return False
    return a.x0 < b.x1 + gap and b.x0 < a.x1 + gap and a.y0 < b.y1 + gap and b.y0 < a.y1 + gap


class Taken:
    """The boxes already taken on a chart; a new label goes where it meets none of them."""

    def __init__(self, gap: float = 0.0, boxes: Iterable[Bbox] = ()) -> None:
        self.gap = gap
        self.boxes: list[Bbox] = []
        # The boxes' extents as plain floats: ``free`` compares a label with every box taken
        # (hundreds on a crowded map), and Bbox's properties are slow to read.
        self._extents: list[tuple[float, float, float, float]] = []
        for box in boxes:
            self.take(box)

    def free(self, box: Bbox) -> bool:
        """``box`` meets no box taken (nor comes closer than ``gap``), as ``intersect``."""
        x0, y0, x1, y1 = (float(v) for v in box.extents)
        if x1 - x0 <= 0 and y1 - y0 <= 0:
            return True
        gap = self.gap
        return not any(
            x0 < ox1 + gap and ox0 < x1 + gap and y0 < oy1 + gap and oy0 < y1 + gap
            for ox0, oy0, ox1, oy1 in self._extents
        )

    def take(self, box: Bbox) -> None:
        if box.width > 0 or box.height > 0:
            self.boxes.append(box)
            x0, y0, x1, y1 = (float(v) for v in box.extents)
            self._extents.append((x0, y0, x1, y1))


class _Hook(Artist):
    """Draws nothing and takes no room: calls ``call(renderer)`` when its turn to be drawn
    comes (its z-order puts it first or last in its axes)."""

    def __init__(self, call: Callable[[RendererBase], None], zorder: float) -> None:
        super().__init__()
        self.call = call
        self.set_zorder(zorder)
        self.set_in_layout(False)

    def draw(self, renderer: RendererBase) -> None:
        self.call(renderer)
        self.stale = False

    def get_window_extent(self, renderer: RendererBase | None = None) -> Bbox:
        del renderer  # it takes no room
        return Bbox.null()


def _axes_state(ax: Axes) -> tuple[Any, ...]:
    """What placing labels may change on ``ax`` and what its layout depends on: its limits,
    tickers and axis titles."""
    return (
        ax.get_xlim(),
        ax.get_ylim(),
        ax.xaxis.get_major_locator(),
        ax.xaxis.get_major_formatter(),
        ax.yaxis.get_major_locator(),
        ax.yaxis.get_major_formatter(),
        ax.xaxis.label.get_text(),
        ax.yaxis.label.get_text(),
    )


def _restore(ax: Axes) -> None:
    """After ``ax`` is drawn: its limits, tickers and axis titles back as built, so that the
    next drawing is laid out as this one was (and places its labels alike)."""
    state = ax.__dict__.get("_leverage_as_built", {}).get("axes")
    if state is None:
        return
    xlim, ylim, x_locator, x_formatter, y_locator, y_formatter, x_label, y_label = state
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.xaxis.set_major_locator(x_locator)
    ax.xaxis.set_major_formatter(x_formatter)
    ax.yaxis.set_major_locator(y_locator)
    ax.yaxis.set_major_formatter(y_formatter)
    ax.xaxis.label.set_text(x_label)
    ax.yaxis.label.set_text(y_label)


def before_drawing(ax: Axes, place: Callable[[RendererBase], None]) -> None:
    """Call ``place(renderer)`` each time ``ax`` is drawn, before anything in it is drawn
    (its position, limits and transforms are final by then). Whatever the placing changes
    on the axes (limits, ticks, axis titles) is put back once the axes are drawn."""

    def first(renderer: RendererBase) -> None:
        remember(ax, "axes", lambda: _axes_state(ax))
        place(renderer)

    if not any(isinstance(a, _Hook) and a.zorder > 0 for a in ax.artists):
        ax.add_artist(_Hook(lambda _renderer: _restore(ax), 1e9))
    ax.add_artist(_Hook(first, -1e9))


def remember(artist: Artist, what: str, now: Callable[[], Any]) -> Any:
    """``now()`` the first time it is asked for ``artist``'s ``what``, the same value every
    time after: placing labels again (a chart drawn twice) starts from the chart as built."""
    store: dict[str, Any] = artist.__dict__.setdefault("_leverage_as_built", {})
    if what not in store:
        store[what] = now()
    return store[what]


def as_built(ax: Axes, texts: Iterable[Text]) -> tuple[float, float]:
    """Put ``ax``'s x limits and ``texts``' places and alignments back as the chart was built
    (before any earlier drawing moved them); returns the limits."""
    lo, hi = remember(ax, "xlim", ax.get_xlim)
    ax.set_xlim(lo, hi)
    for text in texts:
        text.set_position(remember(text, "position", text.get_position))
        text.set_horizontalalignment(remember(text, "ha", text.get_horizontalalignment))
    return float(lo), float(hi)


def display_to_data_x(ax: Axes, x: float) -> float:
    return float(ax.transData.inverted().transform((x, 0.0))[0])


def spread_apart(
    wanted: Sequence[float], widths: Sequence[float], lo: float, hi: float, gap: float
) -> list[float] | None:
    """Centres for labels of ``widths`` wanted at ``wanted`` (display pixels), moved as little
    as possible so none overlap, all inside [lo, hi]; None when they do not fit side by side."""
    if sum(widths) + gap * max(len(widths) - 1, 0) > hi - lo:
        return None
    return spread(wanted, widths, lo, hi, gap)


def fit_ticks(ax: Axes, renderer: RendererBase, *, axis: str = "x", most: int = 9) -> None:
    """As many ticks on ``axis`` as its labels leave room for (never two labels touching),
    none whose label would reach past the figure's edge."""
    along = ax.xaxis if axis == "x" else ax.yaxis
    figure = ax.get_figure(root=True)
    assert figure is not None
    edge = figure.bbox
    tick_labels = along.get_ticklabels()
    size = tick_labels[0].get_fontsize() if tick_labels else 8.0
    probe = Text(0, 0, "", fontsize=size, parse_math=False)
    probe.set_figure(figure)
    halves: dict[str, float] = {}  # a label's half size: fewer ticks repeat labels

    def half_of(label: str) -> float:
        if label not in halves:
            probe.set_text(label)
            box = probe.get_window_extent(renderer)
            halves[label] = (box.width if axis == "x" else box.height) / 2.0
        return halves[label]

    gap = 6.0 * scale(renderer)
    lo, hi = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
    box = ax.get_window_extent(renderer)
    length = box.width if axis == "x" else box.height
    bins = most
    while bins >= 2:
        locator = MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10])
        along.set_major_locator(locator)
        values = [float(v) for v in locator() if lo - 1e-9 <= v <= hi + 1e-9]
        if len(values) < 2:
            return
        kept: list[tuple[float, float, float]] = []  # (value, centre, half its size)
        for value, label in zip(
            values, along.get_major_formatter().format_ticks(values), strict=True
        ):
            half = half_of(label)
            point = ax.transData.transform((value, 0.0) if axis == "x" else (0.0, value))
            centre = float(point[0] if axis == "x" else point[1])
            low, high = (edge.x0, edge.x1) if axis == "x" else (edge.y0, edge.y1)
            if low + 1.0 <= centre - half and centre + half <= high - 1.0:
                kept.append((value, centre, half))
        apart = all(b[1] - a[1] >= a[2] + b[2] + gap for a, b in itertools.pairwise(kept))
        if apart or bins == 2:
            along.set_major_locator(FixedLocator([value for value, _, _ in kept]))
            return
        # Fewer ticks: at once down to as many as the widest label leaves room for.
        widest = 2.0 * max((half for _, _, half in kept), default=0.0) + gap
        bins = max(min(bins - 1, int(length / max(widest, 1.0))), 2)


def fit_legend(fig: Figure, entries: int, make: Callable[[int], Legend]) -> Legend:
    """A legend of ``entries`` made by ``make(columns)``: in one row when it is as narrow as
    the figure, else in fewer columns until it is."""
    renderer = renderer_of(fig)
    room = fig.bbox.width - 8.0
    columns = max(entries, 1)
    legend = make(columns)
    width = legend.get_window_extent(renderer).width
    while columns > 1 and width > room:
        legend.remove()
        # As many columns as the entries' average width leaves room for, then fewer.
        columns = max(min(columns - 1, int(columns * room / width)), 1)
        legend = make(columns)
        width = legend.get_window_extent(renderer).width
    return legend


def wrap_to_width(
    text: Text,
    words: str,
    width: float,
    renderer: RendererBase,
    *,
    lines: int = 2,
    start: int | None = None,
) -> None:
    """Set ``text`` to ``words`` broken into at most ``lines`` lines no wider than ``width``
    display pixels (the last line cut with an ellipsis when even that is too narrow)."""
    chars = start or max(len(words), 1)
    measured: dict[str, float] = {}  # fewer characters a line often wraps the same
    while True:
        wrapped = wrap(words, chars, lines=lines)
        text.set_text(wrapped)
        if chars <= 6:
            return
        if wrapped not in measured:
            measured[wrapped] = extent(text, renderer).width
        if measured[wrapped] <= width:
            return
        chars = max(6, min(chars - 1, int(chars * width / max(measured[wrapped], 1))))


#: What a chart's plot certainly leaves to its title, message, legend, axis and labels
#: (inches): rows that fit in the rest need not be measured.
OVERHEAD_IN = 2.4


def surely_fits(
    height: float, rows: float, row_pt: float, *, overhead: float = OVERHEAD_IN
) -> bool:
    """``rows`` rows of ``row_pt`` points certainly fit the plot of a chart ``height`` inches
    tall (whatever its title and legend take): the layout need not be run to know."""
    return rows * row_pt <= (height - overhead) * 72.0


def plot_height_pt(fig: Figure, ax: Axes) -> float:
    """The height the layout will give ``ax``, the one plot of ``fig`` (points), worked out
    without running the layout: the figure less its title and message (``set_titles``),
    a title over the plot, the legends under it, the x axis's tick labels and title, and the
    layout's pads. A few points short rather than over."""
    renderer = renderer_of(fig)
    to_pt = 72.0 / fig.dpi
    engine = fig.get_layout_engine()
    rect = engine.get().get("rect", (0.0, 0.0, 1.0, 1.0)) if engine is not None else None
    top = (rect[1] + rect[3]) if rect is not None else 1.0
    pad = float(engine.get().get("h_pad", 0.04)) * 72.0 if engine is not None else 3.0
    height = top * fig.get_figheight() * 72.0 - 3.0 * pad
    title = extent(ax.title, renderer)
    if title.height > 0:
        height -= title.height * to_pt + 6.0
    for legend in fig.legends:
        height -= legend.get_window_extent(renderer).height * to_pt + 2.0 * pad
    ticks = ax.xaxis.get_ticklabels()
    size = ticks[0].get_fontsize() if ticks else 8.0
    height -= float(size) * 1.3 + 7.0  # the tick labels, the ticks and their pad
    label = extent(ax.xaxis.label, renderer)
    if label.height > 0:
        height -= label.height * to_pt + 4.0
    return height - 4.0


def rows_that_fit(height_pt: float, row_pt: float, margin_rows: float) -> int:
    """How many rows of ``row_pt`` points an axes ``height_pt`` points tall holds."""
    return max(math.floor(height_pt / max(row_pt, 1e-9) - margin_rows), 1)


def lay_out(fig: Figure) -> None:
    """Run ``fig``'s layout now (as drawing it would), to measure where its axes end up. On a
    figure too small for its axes the layout gives up: the axes then measure too small and
    the chart shows less (no warning: the caller sees the sizes)."""
    engine = fig.get_layout_engine()
    if engine is not None:
        if not isinstance(fig.canvas, _agg_classes()[1]):
            agg_canvas(fig)  # the layout measures with the canvas's renderer
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="constrained_layout not applied")
            engine.execute(fig)


def axes_height_pt(fig: Figure, ax: Axes, *, keep_positions: bool = False) -> float:
    """The height of ``ax`` once the figure is laid out, in points (lays it out now). With
    ``keep_positions`` the axes are put back where they were before, so that the figure is
    drawn as if it had never been laid out (a sketch that becomes the chart)."""
    before = [
        (axes, axes.get_position(original=True), axes.get_position(), axes.get_in_layout())
        for axes in fig.axes
    ]
    lay_out(fig)
    height = float(ax.get_position().height * fig.get_figheight() * 72.0)
    if keep_positions:
        for axes, original, active, in_layout in before:
            axes.set_position(original, which="original")
            axes.set_position(active, which="active")
            axes.set_in_layout(in_layout)  # set_position takes it out of the layout
    return height


def fit_axis_label(ax: Axes, renderer: RendererBase, wordings: Sequence[str], *, axis: str) -> None:
    """The first of ``wordings`` that is no longer than ``axis``'s side of the axes (the
    label of a short axes cannot run into the plots above or beside it); none if none is."""
    label = ax.yaxis.label if axis == "y" else ax.xaxis.label
    box = ax.get_window_extent(renderer)
    room = box.height if axis == "y" else box.width
    for wording in wordings:
        label.set_text(wording)
        size = extent(label, renderer)
        if (size.height if axis == "y" else size.width) <= room:
            return
    label.set_text("")


def fit_tick_labels(
    ax: Axes, renderer: RendererBase, wordings: Sequence[Sequence[str]], *, axis: str = "x"
) -> None:
    """The first set of tick labels in ``wordings`` whose neighbours do not touch (the
    ticks stay where they are); the last set if none fits."""
    along = ax.xaxis if axis == "x" else ax.yaxis
    ticks = list(along.get_ticklocs())
    points = [
        ax.transData.transform((t, 0.0) if axis == "x" else (0.0, t))[0 if axis == "x" else 1]
        for t in ticks
    ]
    probe = Text(0, 0, "", fontsize=along.get_ticklabels()[0].get_fontsize(), parse_math=False)
    figure = ax.get_figure(root=True)
    assert figure is not None
    probe.set_figure(figure)
    gap = 6.0 * scale(renderer)
    for wording in wordings:
        sizes = []
        for text in wording:
            probe.set_text(text)
            box = probe.get_window_extent(renderer)
            sizes.append(box.width if axis == "x" else box.height)
        fits = all(
            abs(points[i + 1] - points[i]) >= (sizes[i] + sizes[i + 1]) / 2 + gap
            for i in range(len(points) - 1)
        )
        if fits or wording is wordings[-1]:
            along.set_ticks(ticks, labels=list(wording))
            for label in along.get_ticklabels():
                label.set_parse_math(False)
            return


def room_on_the_right(
    ax: Axes, texts: Sequence[Text], renderer: RendererBase, *, keep: float = 0.4
) -> float:
    """Lengthen ``ax``'s x axis (to the right) so that ``texts``, left-aligned at data points
    inside the plot, end inside it; the plotted range keeps at least ``keep`` of the width.
    A text that still does not fit is right-aligned at the plot's edge. Returns the new
    upper limit."""
    lo, hi = as_built(ax, texts)
    box = ax.get_window_extent(renderer)
    pad = 3.0 * scale(renderer)
    need = hi
    for text in texts:
        x = float(text.get_position()[0])
        width = extent(text, renderer).width
        room = box.width - width - pad
        need = max(need, lo + (x - lo) * box.width / room) if room > 0 else math.inf
    need = min(need, lo + (hi - lo) / keep)
    if need > hi:
        ax.set_xlim(lo, need)
    right = ax.get_window_extent(renderer).x1 - pad
    for text in texts:
        if extent(text, renderer).x1 > right:
            text.set_horizontalalignment("right")
            text.set_x(display_to_data_x(ax, right))
    return float(max(need, hi))


def room_on_both_sides(ax: Axes, texts: Sequence[Text], renderer: RendererBase) -> None:
    """Lengthen ``ax``'s x axis on each side so that ``texts`` (left-aligned ones reaching
    right, right-aligned ones reaching left) end inside the plot."""
    pad = 3.0 * scale(renderer)
    as_built(ax, texts)
    shown = [t for t in texts if t.get_visible() and t.get_text().strip()]
    widths = [extent(text, renderer).width for text in shown]  # the same wherever they are
    for _ in range(3):
        box = ax.get_window_extent(renderer)
        lo, hi = ax.get_xlim()
        new_lo, new_hi = lo, hi
        for text, width in zip(shown, widths, strict=True):
            x = float(text.get_position()[0])
            share = (width + pad) / box.width
            if share >= 0.45:
                continue
            if text.get_horizontalalignment() == "right":
                new_lo = min(new_lo, (x - share * hi) / (1.0 - share))
            else:
                new_hi = max(new_hi, lo + (x - lo) / (1.0 - share))
        if (new_lo, new_hi) == (lo, hi):
            return
        ax.set_xlim(new_lo, new_hi)


# --- text helpers (one line, a few balanced lines, labels spread apart) --------------------


def shorten(text: str, limit: int) -> str:
    """One line, at most ``limit`` characters (an ellipsis marks a cut)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: max(limit - 1, 1)].rstrip() + "…"


def _greedy(words: list[str], width: int) -> list[str]:
    out: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    out.append(current)
    return out


def wrap(text: str, width: int, lines: int = 2) -> str:
    """Break ``text`` at spaces into at most ``lines`` balanced lines of at most about
    ``width`` characters (the last line is cut with an ellipsis when it does not fit)."""
    words = " ".join(text.split()).split(" ")
    out = _greedy(words, width)
    if len(out) > lines:
        out = [*out[: lines - 1], shorten(" ".join(out[lines - 1 :]), width)]
    elif len(out) > 1:
        # The narrowest width that still needs no more lines: no orphan word on a last line.
        # (A narrower width never needs fewer lines, so it is found by halving the range.)
        narrow, wide = min(1, width), width
        while narrow < wide:
            middle = (narrow + wide) // 2
            if len(_greedy(words, middle)) == len(out):
                wide = middle
            else:
                narrow = middle + 1
        out = _greedy(words, narrow)
    return "\n".join(shorten(line, width + 8) for line in out)


def spread(
    wanted: Sequence[float], widths: Sequence[float], lo: float, hi: float, gap: float = 0.0
) -> list[float]:
    """Centres for labels wanted at ``wanted`` (same units as ``widths``), moved as little as
    possible so that none overlap, and kept inside [lo, hi] where they fit."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    clusters: list[list[int]] = []
    starts: list[float] = []

    def span(members: list[int]) -> float:
        return sum(widths[i] for i in members) + gap * (len(members) - 1)

    def best_start(members: list[int]) -> float:
        offsets, at = [], 0.0
        for i in members:
            offsets.append(wanted[i] - (at + widths[i] / 2))
            at += widths[i] + gap
        start = sum(offsets) / len(offsets)
        return min(max(start, lo), max(hi - span(members), lo))

    for i in order:
        clusters.append([i])
        starts.append(best_start([i]))
        while len(clusters) > 1 and starts[-2] + span(clusters[-2]) + gap > starts[-1]:
            merged = clusters[-2] + clusters[-1]
            clusters[-2:] = [merged]
            starts[-2:] = [best_start(merged)]
    centres = [0.0] * len(wanted)
    for members, start in zip(clusters, starts, strict=True):
        at = start
        for i in members:
            centres[i] = at + widths[i] / 2
            at += widths[i] + gap
    return centres
