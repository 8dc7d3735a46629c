"""One look for every chart, in the app and in the PDFs: palette, typography, formatters.

Charts are plain ``matplotlib.figure.Figure`` objects (no pyplot, no GUI backend): the app
draws them on a Qt canvas, the reports save them as SVG/PDF (``export.py``).

Typography is DejaVu Sans, the font matplotlib ships (``font_path()``), so the PDFs can embed
the very same file. Every text is created with ``text.parse_math`` off: names such as
"Cost $5 $6" print as typed, never as mathtext. Characters DejaVu lacks fall back to the
bundled Arabic, Hebrew and CJK fonts, Arabic and Hebrew shaped and right to left
(``scripts``); matplotlib's "Glyph … missing from font" warnings for what no font has (emoji)
are silenced (they show as boxes, nothing raises).

Figures are built inside ``chart_context()``: matplotlib's style lives in the global
``rcParams``, read when artists are created, so the context swaps them in under a lock (two
threads building charts at once, e.g. the app's canvas and a PDF export, stay consistent).
"""

from __future__ import annotations

import functools
import logging
import math
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeAlias

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.ticker import Formatter

from desktop_app.charts import labels, scripts
from desktop_app.charts.labels import shorten as shorten  # the text helpers, used as style.*
from desktop_app.charts.labels import spread as spread
from desktop_app.charts.labels import wrap as wrap
from desktop_app.i18n import N_, _, language, numbers

log = logging.getLogger(__name__)

# --- palette ----------------------------------------------------------------------------------

ACCENT = "#1B4F72"  # titles, our proposal's emphasis
OURS = "#2874A6"  # our side, our walk-away, our proposal
OURS_LIGHT = "#AED6F1"
THEIRS = "#7D3C98"  # their side, their walk-away, their alternatives
THEIRS_LIGHT = "#D7BDE2"
THIRD = "#7F8C8D"  # third parties
INK = "#1C2833"  # main text
GREY_DARK = "#566573"  # secondary text
GREY = "#99A3A4"  # tertiary text, neutral marks
GREY_LIGHT = "#D5D8DC"  # neutral bars, separators
GRID = "#EAECEE"  # grid lines, quiet shading
GREEN = "#229954"
GREEN_LIGHT = "#D4EFDF"
AMBER = "#D68910"
AMBER_LIGHT = "#FCE8C3"
RED = "#C0392B"
RED_LIGHT = "#F5D5D1"
#: Heat-map cell colours from low to high severity (tints, so dark text stays legible).
SEVERITY = ("#9FD8B4", "#F8DC8A", "#F5B66E", "#EE8B7E")
#: A quiet white box behind small labels that may sit on lines or shading.
LABEL_BOX: dict[str, Any] = {"facecolor": "white", "edgecolor": "none", "pad": 0.8, "alpha": 0.8}

#: Our walk-away, in every chart (its line, its label, what moves it): declared once here.
OUR_WALK_AWAY = OURS
#: Their walk-away, in every chart.
THEIR_WALK_AWAY = THEIRS

SIDE_COLOURS = {"ours": OURS, "theirs": THEIRS, "third": THIRD}
SIDE_NAMES = {"ours": N_("Our side"), "theirs": N_("Their side"), "third": N_("Third parties")}
#: Scenario colours: their demand in their colour, our proposal in ours, the others in turn
#: from a categorical palette (Okabe–Ito and Tol hues, darkened where needed): each colour
#: stands out from white at least 3:1 (WCAG's bar for lines and marks, and the "ES …" labels
#: are written in it), and any two of the twelve are at least 12 CIEDE2000 units apart, so ten
#: scenarios never share a colour. Colour vision deficiencies still confuse a few pairs (our
#: proposal's blue and their demand's purple among them): the line styles set those apart, so
#: that two scenarios drawn alike differ by 10 units or more even so (a test keeps all true).
ROLE_COLOURS = {"their_demand": THEIRS, "our_proposal": OURS}
OTHER_COLOURS = (
    "#B8860B",  # amber
    "#D55E00",  # vermilion
    "#6B6B00",  # olive
    "#C71585",  # magenta
    "#0F8B8D",  # teal
    "#444444",  # charcoal
    "#882255",  # wine
    "#009E73",  # bluish green
    "#117733",  # green
    "#8C564B",  # brown
)
#: A matplotlib line style: a name or (offset, on-off pattern in points).
Dash: TypeAlias = str | tuple[float, tuple[float, ...]]
DASHED: Dash = (0.0, (5.0, 2.0))
#: Our proposal solid, their demand dashed (as their demand's line in the value chart).
ROLE_DASHES: dict[str, Dash] = {"their_demand": DASHED, "our_proposal": "solid"}
#: The line style of the other scenarios, in turn.
OTHER_DASHES: tuple[Dash, ...] = ("solid", DASHED, (0.0, (1.2, 1.6)), (0.0, (6.0, 2.0, 1.5, 2.0)))

FONT = "DejaVu Sans"
TITLE_SIZE = 11.5
TEXT_SIZE = 9.0
SMALL_SIZE = 8.0
TINY_SIZE = 7.0
#: Padding around the figure's contents (inches), for the constrained layout.
PAD = 0.06

_RC: dict[str, Any] = {
    # DejaVu Sans, then the bundled Arabic, Hebrew and CJK fonts: per-glyph fallback
    "font.family": list(scripts.FAMILIES),
    "font.sans-serif": [FONT],
    "font.size": TEXT_SIZE,
    "text.parse_math": False,
    "text.usetex": False,
    "text.color": INK,
    "axes.titlesize": TEXT_SIZE,
    "axes.titlecolor": GREY_DARK,
    "axes.labelsize": TEXT_SIZE,
    "axes.labelcolor": GREY_DARK,
    "axes.edgecolor": GREY,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": GRID,
    "grid.linewidth": 0.8,
    "xtick.color": GREY,
    "ytick.color": GREY,
    "xtick.labelcolor": GREY_DARK,
    "ytick.labelcolor": GREY_DARK,
    "xtick.labelsize": SMALL_SIZE,
    "ytick.labelsize": SMALL_SIZE,
    "legend.fontsize": SMALL_SIZE,
    "legend.frameon": False,
    "figure.facecolor": "white",
    "figure.dpi": 100,
    "hatch.color": GREY_DARK,
    "hatch.linewidth": 0.6,
}

_LOCK = threading.RLock()
_GLYPH_WARNING = r"Glyph .* missing from (current )?font"


def font_path() -> Path:
    """The DejaVu Sans file matplotlib ships: the reports embed it so text matches the charts."""
    return Path(mpl.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def quiet_missing_glyphs() -> None:
    """Silence matplotlib's missing-glyph warnings (CJK names under DejaVu). Idempotent."""
    warnings.filterwarnings("ignore", message=_GLYPH_WARNING, category=UserWarning)


@contextmanager
def chart_context() -> Iterator[None]:
    """The chart style, for building a figure (thread-safe: one figure built at a time)."""
    quiet_missing_glyphs()
    scripts.install()
    with _LOCK, mpl.rc_context(_RC):
        yield


P = ParamSpec("P")


def chart(title: str) -> Callable[[Callable[P, Figure]], Callable[P, Figure]]:
    """Make a chart function safe to call: built in ``chart_context``, and any failure becomes
    a figure with a grey message instead of an exception (the figure's label starts with
    ``"error:"`` so tests can tell)."""

    def decorate(build: Callable[P, Figure]) -> Callable[P, Figure]:
        @functools.wraps(build)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
            with chart_context():
                try:
                    return build(*args, **kwargs)
                except Exception:
                    log.exception("chart %r could not be drawn", title)
                    fig = message_figure(
                        _(title), _("This chart could not be drawn for this case.")
                    )
                    fig.set_label(f"error:{build.__name__}")
                    return fig

        return wrapper

    return decorate


# --- figures ----------------------------------------------------------------------------------


def figure_dpi() -> float:
    """The dpi ``new_figure`` gives a figure (in the chart style): what a chart measures its
    texts at while it is built."""
    return float(mpl.rcParams["figure.dpi"])


def new_figure(width: float, height: float, *, label: str = "") -> Figure:
    """A white figure of ``width`` × ``height`` inches with constrained layout (no pyplot)."""
    engine = ConstrainedLayoutEngine(w_pad=PAD, h_pad=PAD, hspace=0.04, wspace=0.04)
    fig = Figure(figsize=(width, height), layout=engine, facecolor="white")
    fig.set_label(label)
    return fig


def style_axes(ax: Axes, *, grid: str | None = None) -> None:
    """Quiet spines and ticks; ``grid`` "x" or "y" draws light grid lines on that axis."""
    ax.tick_params(colors=GREY, labelcolor=GREY_DARK, labelsize=SMALL_SIZE, length=3, width=0.8)
    ax.set_facecolor("white")
    if grid is not None:
        ax.grid(True, axis=grid, color=GRID, linewidth=0.8)  # type: ignore[arg-type]


def set_plot_title(ax: Axes, title: str, **options: Any) -> Text:
    """``ax.set_title(title, **options)``, right on top of the plot. matplotlib would look
    each time the chart is laid out and drawn for x tick labels or an offset above the plot
    to move the title over (measuring every y tick label to find out); the charts put none
    there, so the title is pinned where it would land (``y=1``, which also turns that off)."""
    return ax.set_title(title, y=1.0, **options)


def set_titles(fig: Figure, title: str, subtitle: str | None = None, *, colour: str = INK) -> None:
    """A bold title at the top left and, under it, a grey message, each wrapped to the
    figure's width as measured (at most two lines each). The constrained layout puts the
    plots under both (its ``rect`` stops where the message ends), so nothing runs into them."""
    renderer = labels.renderer_of(fig)
    height = fig.bbox.height
    left = PAD / fig.get_figwidth()
    room = fig.bbox.width * (1.0 - 2.0 * left)
    head = fig.text(
        left,
        1.0 - PAD / fig.get_figheight(),
        title,
        ha="left",
        va="top",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=colour,
        linespacing=1.15,
        gid="chart-title",
    )
    head.set_in_layout(False)
    labels.wrap_to_width(head, title, room, renderer)
    bottom = labels.extent(head, renderer).y0
    if subtitle:
        gap = 0.25 * TEXT_SIZE * fig.dpi / 72.0
        message = fig.text(
            left,
            (bottom - gap) / height,
            subtitle,
            ha="left",
            va="top",
            fontsize=TEXT_SIZE,
            color=GREY_DARK,
            linespacing=1.25,
            gid="chart-subtitle",
        )
        message.set_in_layout(False)
        labels.wrap_to_width(message, subtitle, room, renderer, lines=3)
        bottom = labels.extent(message, renderer).y0
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        below = max(bottom / height - 0.3 * PAD / fig.get_figheight(), 0.2)
        engine.set(rect=(0.0, 0.0, 1.0, below))


def legend_below(
    fig: Figure, handles: Sequence[Any], *, fontsize: float | None = None, literal: bool = False
) -> Legend:
    """A legend under the plots, in as many columns as fit the figure's width (one row when
    they all fit): never cut off at the figure's edges."""

    def make(columns: int) -> Legend:
        options: dict[str, Any] = {} if fontsize is None else {"fontsize": fontsize}
        legend = fig.legend(
            handles=list(handles), loc="outside lower center", ncols=columns, **options
        )
        if literal:
            literal_labels(legend.get_texts())
        return legend

    return labels.fit_legend(fig, len(handles), make)


def message_figure(
    title: str, message: str, size: tuple[float, float] = (8.0, 3.0), *, label: str = "message"
) -> Figure:
    """A clean figure that says why the chart is empty, in grey in the middle (its label is
    ``"message"``, so the app can tell a placeholder from a chart)."""
    with chart_context():
        fig = new_figure(*size, label=label)
        ax = fig.add_subplot()
        ax.set_axis_off()
        set_titles(fig, title, colour=GREY)
        ax.text(
            0.5,
            0.5,
            message,
            ha="center",
            va="center",
            color=GREY,
            fontsize=TEXT_SIZE + 1,
            wrap=True,
            transform=ax.transAxes,
            parse_math=False,
        )
        return fig


def literal_labels(labels: Sequence[Text]) -> None:
    """Show tick labels as typed (user strings), never as mathtext."""
    for label in labels:
        label.set_parse_math(False)


# --- money and percent ------------------------------------------------------------------------

_SCALES = ((1e9, "bn"), (1e6, "M"), (1e3, "k"))


def _decimals_for(step: float) -> int:
    """Enough decimals to tell apart two values ``step`` apart (0 to 3)."""
    if step <= 0 or not math.isfinite(step):
        return 0
    return min(max(0, -math.floor(math.log10(step) + 1e-9)), 3)


def money_scale(magnitude: float) -> tuple[float, str]:
    """The divisor and suffix for a sum of this size: k from 10,000, M from a million, bn."""
    for threshold, name in _SCALES:
        if magnitude >= threshold * 0.9995 and (threshold > 1e3 or magnitude >= 1e4):
            return threshold, name
    return 1.0, ""


def format_money(
    value: float,
    currency: str,
    *,
    decimals: int | None = None,
    compact: bool = True,
    step: float | None = None,
    scale: tuple[float, str] | None = None,
) -> str:
    """``EUR 1.2M``, ``EUR 450``, ``EUR 12.5k``, ``EUR 417.74`` (``compact``: k/M/bn for large
    sums; ``scale`` forces one, e.g. for every tick of an axis). ``decimals`` None picks them:
    2 for prices under 1,000, 1 for scaled sums, or enough to separate neighbours ``step``
    apart. Negative sums read ``−EUR 25``."""
    if not math.isfinite(value):
        return numbers.amount_in("–", currency)
    sign = "−" if value < 0 and round(value, 6) != 0 else ""
    magnitude = abs(value)
    divisor, suffix = (
        scale if scale is not None else money_scale(magnitude) if compact else (1.0, "")
    )
    shown = magnitude / divisor
    if decimals is None:
        if step is not None:
            decimals = _decimals_for(step / divisor)
        elif suffix:
            decimals = 1 if shown < 100 else 0
        else:
            decimals = 2 if shown < 1000 and shown != round(shown) else 0
    text = f"{shown:,.{decimals}f}"
    if suffix and "." in text:
        text = text.rstrip("0").rstrip(".")
    return numbers.amount_in(text + suffix, currency, sign=sign)  # German: "1,2 Mio. €"


class MoneyFormatter(Formatter):
    """Tick labels in the case currency: ``EUR 1.2M``, ``EUR 450``, ``EUR 12k``. One scale
    (k/M/bn) for the whole axis, and the fewest decimals that show every tick exactly."""

    def __init__(self, currency: str, *, prefix: bool = True) -> None:
        self.currency = currency
        self.prefix = prefix
        self._scale: tuple[float, str] = (1.0, "")
        self._decimals = 0

    def set_locs(self, locs: Any) -> None:
        super().set_locs(locs)
        values = [float(v) for v in locs]
        top = max((abs(v) for v in values), default=0.0)
        self._scale = money_scale(top)
        divisor = self._scale[0]
        tolerance = 1e-6 * max(top / divisor, 1.0)
        self._decimals = next(
            (
                d
                for d in range(4)
                if all(abs(round(v / divisor, d) - v / divisor) < tolerance for v in values)
            ),
            3,
        )

    def __call__(self, x: float, _pos: int | None = None) -> str:
        currency = self.currency if self.prefix else ""
        if x == 0 or abs(x) < 1e-9 * max(self._scale[0], 1.0):
            return numbers.amount_in("0", currency)
        return format_money(float(x), currency, decimals=self._decimals, scale=self._scale)


def format_percent(fraction: float, decimals: int = 0) -> str:
    """A fraction as a percentage: ``0.25`` → ``25%`` (German ``25 %``)."""
    if language() == "en":
        return f"{100.0 * fraction:.{decimals}f}%"
    return numbers.percent(100.0 * fraction, decimals)


class PercentFormatter(Formatter):
    """Tick labels in percent, of fractions (``xmax`` 1) or percentages (``xmax`` 100); the
    decimals follow the tick spacing when not given."""

    def __init__(self, xmax: float = 1.0, decimals: int | None = None) -> None:
        self.xmax = xmax
        self.decimals = decimals
        self._auto = 0

    def set_locs(self, locs: Any) -> None:
        super().set_locs(locs)
        values = [100.0 * float(v) / self.xmax for v in locs]
        self._auto = next(
            (d for d in range(4) if all(abs(round(v, d) - v) < 1e-6 for v in values)), 3
        )

    def __call__(self, x: float, _pos: int | None = None) -> str:
        decimals = self.decimals if self.decimals is not None else self._auto
        return format_percent(float(x) / self.xmax, decimals)


def percent_formatter(xmax: float = 1.0, decimals: int | None = None) -> PercentFormatter:
    """Fractions (``xmax`` 1) or percentages (``xmax`` 100) as ``12%``."""
    return PercentFormatter(xmax=xmax, decimals=decimals)


# --- text helpers -----------------------------------------------------------------------------


def scenario_colours(roles: Sequence[tuple[str, str]]) -> dict[str, str]:
    """A colour per scenario id from ``(id, role)`` pairs: their demand purple, our proposal
    blue, the others from a fixed cycle in order."""
    return {key: colour for key, (colour, _) in scenario_looks(roles).items()}


def scenario_looks(roles: Sequence[tuple[str, str]]) -> dict[str, tuple[str, Dash]]:
    """A colour and a line style per scenario id from ``(id, role)`` pairs: their demand and
    our proposal in their colours and styles, the others from ``OTHER_COLOURS`` and
    ``OTHER_DASHES`` in turn (ten others get ten colours)."""
    looks: dict[str, tuple[str, Dash]] = {}
    others = 0
    for scenario_id, role in roles:
        if role in ROLE_COLOURS:
            looks[scenario_id] = (ROLE_COLOURS[role], ROLE_DASHES[role])
        else:
            looks[scenario_id] = (
                OTHER_COLOURS[others % len(OTHER_COLOURS)],
                OTHER_DASHES[others % len(OTHER_DASHES)],
            )
            others += 1
    return looks
