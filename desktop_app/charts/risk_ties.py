"""What is tied to what on the risk heat map (SPEC §9): the risks' correlations drawn as thin
curved lines between the cells of the two risks, each labelled with its pair and its rho
("R1–R2 +0.50"), solid and dark blue when the two tend to be bad together (rho > 0), dashed
and purple when one tends to be bad when the other is mild (rho < 0), thicker the stronger.

The key beside the grid lists every pair (also those whose two risks share a cell, which no
line can show) under "Correlated risks", with what the lines mean. A label that would run
into a cell's numbers or another label is moved along its line, and left off when it fits
nowhere (its pair is in the key). On a crowded register only the strongest ``MAX_LINES``
pairs are drawn.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from desktop_app.charts import labels, style
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, ngettext, numbers

#: The most lines drawn on the grid (the strongest pairs); the key lists the rest.
MAX_LINES = 10
POSITIVE = style.ACCENT
NEGATIVE = style.THEIRS
POSITIVE_DASH: style.Dash = "solid"
NEGATIVE_DASH: style.Dash = (0.0, (4.0, 2.0))
#: How far a line stops short of its cell's centre (points) before it is drawn; when drawn,
#: it stops just outside the cell's count and numbers.
SHRINK_PT = 11.0
#: Where along its line a label may sit, tried in this order.
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
#: Curvatures of the lines between one pair of cells, first to last.
BENDS = (0.22, -0.22, 0.42, -0.42, 0.6, -0.6)
#: The share of the key's height its list of pairs may take.
KEY_SHARE = 0.45
KEY_NOTE = N_("solid: bad together; dashed: one bad when the other is mild")
TIE_TITLE = N_("Correlated risks")


@dataclass(frozen=True)
class Tie:
    """One correlation as the chart shows it: the risks' numbers (R1 = the register's first)
    and their cells on the grid."""

    first: int
    second: int
    rho: float
    cells: tuple[tuple[int, int], tuple[int, int]]

    @property
    def words(self) -> str:
        return f"R{self.first}–R{self.second} {rho_words(self.rho)}"

    @property
    def colour(self) -> str:
        return POSITIVE if self.rho >= 0 else NEGATIVE


def rho_words(rho: float) -> str:
    """``+0.50``, ``−0.30`` (a true minus sign), ``0.00``."""
    if abs(rho) < 0.005:
        return numbers.grouped(0.0, 2)
    text = numbers.grouped(rho, 2)
    return text if rho < 0 else "+" + text


def ties_of(case: Case, cell_of_number: dict[int, tuple[int, int]]) -> list[Tie]:
    """The case's correlations in the order given, by risk number; an entry naming a risk the
    register does not have (never in a valid case) is left out."""
    number = {risk.id: n for n, risk in enumerate(case.risks, start=1)}
    ties = []
    for entry in case.correlations:
        a, b = number.get(entry.risk_a), number.get(entry.risk_b)
        if a is None or b is None or a == b:
            continue
        ties.append(Tie(a, b, entry.rho, (cell_of_number[a], cell_of_number[b])))
    return ties


@dataclass
class TieLine:
    tie: Tie
    start: tuple[float, float]  # data coordinates: the centres of the two cells
    end: tuple[float, float]
    bend: float
    label: Text
    patch: FancyArrowPatch


def draw_lines(ax: Axes, ties: Sequence[Tie]) -> list[TieLine]:
    """The lines of the strongest ``MAX_LINES`` ties between different cells, over the cells
    and under their numbers, each with its label (placed when drawn: ``place_labels``)."""
    apart = [t for t in ties if t.cells[0] != t.cells[1]]
    shown = sorted(apart, key=lambda t: -abs(t.rho))[:MAX_LINES]
    seen: dict[frozenset[tuple[int, int]], int] = {}
    lines = []
    for index, tie in enumerate(shown):
        (r0, c0), (r1, c1) = sorted(tie.cells)  # one direction per pair of cells
        key = frozenset(tie.cells)
        bend = BENDS[seen.get(key, 0) % len(BENDS)]
        seen[key] = seen.get(key, 0) + 1
        start, end = (c0 + 0.5, r0 + 0.5), (c1 + 0.5, r1 + 0.5)
        patch = FancyArrowPatch(
            start,
            end,
            arrowstyle="-",
            connectionstyle=f"arc3,rad={bend}",
            shrinkA=SHRINK_PT,
            shrinkB=SHRINK_PT,
            color=tie.colour,
            linewidth=0.9 + 2.0 * abs(tie.rho),
            linestyle=POSITIVE_DASH if tie.rho >= 0 else NEGATIVE_DASH,
            capstyle="round",
            alpha=0.85,
            zorder=2.0,
            gid=f"heat-tie-{index}",
        )
        ax.add_patch(patch)
        label = ax.text(
            (start[0] + end[0]) / 2,
            (start[1] + end[1]) / 2,
            tie.words,
            ha="center",
            va="center",
            fontsize=style.TINY_SIZE,
            color=tie.colour,
            zorder=4.0,
            bbox={**style.LABEL_BOX, "alpha": 0.9, "pad": 1.0},
            gid=f"heat-tie-label-{index}",
        )
        label.set_in_layout(False)
        lines.append(TieLine(tie, start, end, bend, label, patch))
    return lines


def halo(texts: Sequence[Text], colour: str) -> None:
    """Outline ``texts`` in their cell's colour, so a line passing behind them leaves them
    readable (where nothing passes, the outline is the cell itself)."""
    for text in texts:
        text.set_path_effects([patheffects.withStroke(linewidth=2.5, foreground=colour)])


def _along(ax: Axes, line: TieLine, t: float) -> tuple[float, float]:
    """The point at ``t`` (0–1) along the line as matplotlib's ``arc3`` draws it (a quadratic
    Bézier curve in display pixels), in data coordinates."""
    (x0, y0), (x1, y1) = ax.transData.transform([line.start, line.end])
    cx = (x0 + x1) / 2 + line.bend * (y1 - y0)
    cy = (y0 + y1) / 2 - line.bend * (x1 - x0)
    u = 1.0 - t
    x = u * u * x0 + 2 * u * t * cx + t * t * x1
    y = u * u * y0 + 2 * u * t * cy + t * t * y1
    px, py = ax.transData.inverted().transform((x, y))
    return float(px), float(py)


def _control(ax: Axes, line: TieLine) -> tuple[tuple[float, float], ...]:
    """The line's start, control point and end in display pixels (``arc3``)."""
    (x0, y0), (x1, y1) = ax.transData.transform([line.start, line.end])
    cx = (x0 + x1) / 2 + line.bend * (y1 - y0)
    cy = (y0 + y1) / 2 - line.bend * (x1 - x0)
    return (float(x0), float(y0)), (float(cx), float(cy)), (float(x1), float(y1))


def _way_out(centre: tuple[float, float], toward: tuple[float, float], box: Bbox) -> float:
    """How far (pixels) from ``centre`` toward ``toward`` the edge of ``box`` is (0 when the
    centre is not in the box)."""
    (x, y), (tx, ty) = centre, toward
    dx, dy = tx - x, ty - y
    length = math.hypot(dx, dy)
    if length == 0 or not (box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1):
        return 0.0
    dx, dy = dx / length, dy / length
    reach = [
        (box.x1 - x) / dx if dx > 0 else (box.x0 - x) / dx if dx < 0 else math.inf,
        (box.y1 - y) / dy if dy > 0 else (box.y0 - y) / dy if dy < 0 else math.inf,
    ]
    return min(reach)


def place_on_grid(
    ax: Axes,
    lines: Sequence[TieLine],
    cell_texts: Mapping[tuple[int, int], Sequence[Text]],
    renderer: RendererBase,
) -> None:
    """When drawn: each line stops just outside the count and numbers of its two cells, and
    its label sits at the first place along it (``ALONG``) that meets no text of the cells
    and no other label and stays on the grid; none there: left off."""
    gap = 2.0 * labels.scale(renderer)
    per_point = labels.pixels(renderer, 1.0)
    blocks: dict[tuple[int, int], Bbox] = {}
    for cell, texts in cell_texts.items():
        boxes = [labels.extent(t, renderer) for t in texts]
        boxes = [b for b in boxes if b.width > 0 and b.height > 0]
        if boxes:
            blocks[cell] = labels.grown(Bbox.union(boxes), gap)
    taken = labels.Taken(gap, blocks.values())
    grid = ax.get_window_extent(renderer)
    for line in lines:
        start, control, end = _control(ax, line)
        (r0, c0), (r1, c1) = sorted(line.tie.cells)
        for attribute, centre, cell in (("shrinkA", start, (r0, c0)), ("shrinkB", end, (r1, c1))):
            block = blocks.get(cell)
            out = _way_out(centre, control, block) if block is not None else 0.0
            setattr(line.patch, attribute, max(out / per_point, 2.0))
        line.patch.stale = True
        line.label.set_visible(True)
        for t in ALONG:
            line.label.set_position(_along(ax, line, t))
            box = labels.grown(labels.extent(line.label, renderer), gap / 2)
            if labels.inside(box, grid) and taken.free(box):
                taken.take(box)
                break
        else:
            line.label.set_visible(False)


@dataclass
class TieKey:
    """The key's list of pairs: a title, one row per pair, what the lines mean, and how many
    more pairs there are when they do not all fit."""

    title: Text
    rows: list[Text]
    note: Text
    more: Text

    def texts(self) -> list[Text]:
        return [self.title, *self.rows, self.note, self.more]


def tie_key(key: Axes, ties: Sequence[Tie]) -> TieKey | None:
    """The texts of the key's list of pairs (laid out when drawn: ``tie_key_height`` and
    ``place_tie_key``)."""
    if not ties:
        return None
    same = {t for t in ties if t.cells[0] == t.cells[1]}

    def text(words: str, **options: Any) -> Text:
        made = key.text(0.0, 0.0, words, va="top", fontsize=style.TINY_SIZE + 0.5, **options)
        made.set_in_layout(False)
        return made

    title = text(_(TIE_TITLE), fontweight="bold", color=style.INK)
    title.set_fontsize(style.SMALL_SIZE)
    rows = [
        text(
            t.words + (" " + _("(same cell)") if t in same else ""),
            color=t.colour,
            gid=f"heat-tie-key-{i}",
        )
        for i, t in enumerate(ties)
    ]
    note = text(_(KEY_NOTE), color=style.GREY_DARK, linespacing=1.15)
    more = text("", color=style.GREY)
    return TieKey(title, rows, note, more)


def tie_key_height(block: TieKey, width: float, room: float, renderer: RendererBase) -> float:
    """Lay out the block's texts for ``width`` pixels and at most ``room`` pixels of height:
    the rows that fit are shown, the others counted under them. Returns its height."""
    line = labels.extent(block.title, renderer).height
    step = 0.3 * line
    labels.wrap_to_width(block.note, _(KEY_NOTE), width, renderer, lines=3)
    fixed = line + step + labels.extent(block.note, renderer).height + step
    for row in block.rows:  # measured whole each time it is drawn (a hidden one has no size)
        row.set_visible(True)
    heights = [labels.extent(row, renderer).height for row in block.rows]
    shown = len(block.rows)
    while shown > 0 and fixed + sum(heights[:shown]) + (line if shown < len(heights) else 0) > room:
        shown -= 1
    for index, row in enumerate(block.rows):
        row.set_visible(index < shown)
    rest = len(block.rows) - shown
    block.more.set_visible(rest > 0)
    block.more.set_text(
        ngettext("… and {count} more pair", "… and {count} more pairs", rest).format(count=rest)
        if rest
        else ""
    )
    more = labels.extent(block.more, renderer).height
    return fixed + sum(heights[:shown]) + more


def place_tie_key(
    key: Axes, block: TieKey, left: float, top: float, renderer: RendererBase
) -> None:
    """Put the block's texts one under the other from ``top`` (display pixels) down: the
    title, the pairs shown, how many more, then what the lines mean."""
    to_axes = key.transAxes.inverted()
    step = 0.3 * labels.extent(block.title, renderer).height
    at = top
    for text in (block.title, *block.rows, block.more, block.note):
        if not text.get_visible() or not text.get_text():
            continue
        if text is block.note:
            at -= step
        text.set_position(tuple(to_axes.transform((left, at))))
        at -= labels.extent(text, renderer).height + (step if text is block.title else 0.0)
