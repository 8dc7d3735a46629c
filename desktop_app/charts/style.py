"""One look for every chart, in the app and in the PDFs: palette, typography, formatters.

Charts are plain ``matplotlib.figure.Figure`` objects (no pyplot, no GUI backend): the app
draws them on a Qt canvas, the reports save them as SVG/PDF (``export.py``).

Typography is DejaVu Sans, the font matplotlib ships (``font_path()``), so the PDFs can embed
the very same file. Every text is created with ``text.parse_math`` off: names such as
"Cost $5 $6" print as typed, never as mathtext. DejaVu has no CJK glyphs; matplotlib's
"Glyph … missing from font" warnings are silenced (the glyphs show as boxes, nothing raises).

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
from typing import Any, ParamSpec

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text
from matplotlib.ticker import Formatter

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

SIDE_COLOURS = {"ours": OURS, "theirs": THEIRS, "third": THIRD}
SIDE_NAMES = {"ours": "Our side", "theirs": "Their side", "third": "Third parties"}
#: Scenario colours: their demand in their colour, our proposal in ours, the others in turn.
ROLE_COLOURS = {"their_demand": THEIRS, "our_proposal": OURS}
OTHER_COLOURS = (
    "#D68910",
    "#148F77",
    "#A04000",
    "#5D6D7E",
    "#B03A2E",
    "#1E8449",
    "#9A7D0A",
    "#424949",
)

FONT = "DejaVu Sans"
TITLE_SIZE = 11.5
TEXT_SIZE = 9.0
SMALL_SIZE = 8.0
TINY_SIZE = 7.0
#: Padding around the figure's contents (inches), for the constrained layout.
PAD = 0.06

_RC: dict[str, Any] = {
    "font.family": "sans-serif",
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
                    fig = message_figure(title, "This chart could not be drawn for this case.")
                    fig.set_label(f"error:{build.__name__}")
                    return fig

        return wrapper

    return decorate


# --- figures ----------------------------------------------------------------------------------


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


def set_titles(fig: Figure, title: str, subtitle: str | None = None) -> None:
    """A bold left-aligned title on top of the figure and, under it, a grey message (wrapped
    to the figure's width). Space for the message is reserved with blank title lines, so the
    constrained layout keeps the plots clear of both."""
    lines: list[str] = []
    if subtitle:
        per_line = max(int(fig.get_figwidth() * 72.0 / (TEXT_SIZE * 0.56)) - 2, 20)
        lines = wrap(subtitle, per_line, lines=2).split("\n")
    fig.suptitle(
        title + "\n" * len(lines),
        x=0.01,
        ha="left",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=INK,
        linespacing=1.25,
    )
    if lines:
        # The layout puts the title's top at 1 - h_pad; the message starts one line lower.
        height = fig.get_figheight()
        line = TITLE_SIZE * 1.25 / 72.0 / height
        fig.text(
            0.01,
            1.0 - PAD / height - line * 1.02,
            "\n".join(lines),
            ha="left",
            va="top",
            fontsize=TEXT_SIZE,
            color=GREY_DARK,
            linespacing=1.25 * TITLE_SIZE / TEXT_SIZE,
        )


def message_figure(
    title: str, message: str, size: tuple[float, float] = (8.0, 3.0), *, label: str = "message"
) -> Figure:
    """A clean figure that says why the chart is empty, in grey in the middle (its label is
    ``"message"``, so the app can tell a placeholder from a chart)."""
    with chart_context():
        fig = new_figure(*size, label=label)
        ax = fig.add_subplot()
        ax.set_axis_off()
        fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold", color=GREY)
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
        return f"{currency} –"
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
    return f"{sign}{currency} {text}{suffix}"


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
        if x == 0 or abs(x) < 1e-9 * max(self._scale[0], 1.0):
            text = f"{self.currency} 0"
        else:
            text = format_money(float(x), self.currency, decimals=self._decimals, scale=self._scale)
        return text if self.prefix else text.replace(f"{self.currency} ", "", 1)


def format_percent(fraction: float, decimals: int = 0) -> str:
    """A fraction as a percentage: ``0.25`` → ``25%``."""
    return f"{100.0 * fraction:.{decimals}f}%"


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
        narrow = width
        while narrow > 1 and len(_greedy(words, narrow - 1)) == len(out):
            narrow -= 1
        out = _greedy(words, narrow)
    return "\n".join(shorten(line, width + 8) for line in out)


def scenario_colours(roles: Sequence[tuple[str, str]]) -> dict[str, str]:
    """A colour per scenario id from ``(id, role)`` pairs: their demand purple, our proposal
    blue, the others from a fixed cycle in order."""
    colours: dict[str, str] = {}
    others = 0
    for scenario_id, role in roles:
        if role in ROLE_COLOURS:
            colours[scenario_id] = ROLE_COLOURS[role]
        else:
            colours[scenario_id] = OTHER_COLOURS[others % len(OTHER_COLOURS)]
            others += 1
    return colours


def text_width_inches(text: str, fontsize: float) -> float:
    """A fair estimate of a text's width in DejaVu Sans (the widest of its lines)."""
    longest = max((len(line) for line in text.split("\n")), default=0)
    return longest * fontsize * 0.58 / 72.0


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
