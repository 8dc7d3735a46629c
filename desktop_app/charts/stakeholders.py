"""The stakeholder map: every party on influence (1–5) × stance (−2 hostile … +2 supportive)."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.charts import labels, style
from desktop_app.domain.model import PARTY_SIDES, Case, Party
from desktop_app.domain.schema import STANCE_WORDS, stance_label
from desktop_app.i18n import N_, _, ngettext

TITLE = N_("Stakeholder map")
#: Names listed under one position before "+N more" (fewer on a crowded map).
NAMES_PER_SPOT = 3


def names_per_spot(parties: int) -> int:
    return NAMES_PER_SPOT if parties <= 20 else 2 if parties <= 40 else 1


#: The stance tick labels, and the numbers alone when the map is too narrow for the words
#: (the axis title says what they mean).
def stance_ticks() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The stance ticks' wordings in the language in use (asked when drawn: the domain's
    labels follow the language)."""
    return (
        tuple(stance_label(stance) for stance in STANCE_WORDS),
        tuple(stance_label(stance).split(" ")[0] for stance in STANCE_WORDS),
    )


INFLUENCE_LABELS = (
    N_("Influence on the decision (1–5)"),
    N_("Influence (1–5)"),
    N_("Influence"),
)
#: A dot's area (points²) and the longest a name is written, then shorter where names crowd.
DOT_AREA = 70.0
NAME_LIMITS = (24, 16, 11)
X_LIM = (-2.75, 2.75)
Y_LIM = (0.1, 5.75)
#: Influence from this level up counts as high (the map's horizontal split).
HIGH_INFLUENCE = 3
SPLIT = HIGH_INFLUENCE - 0.5
#: (x0, y0, x1, y1, label, colour, label corner): stance splits at 0 (neutral parties sit on
#: the line), influence between 2 and 3.
QUADRANTS = (
    (-2.75, SPLIT, 0.0, 5.75, N_("Win over"), style.RED_LIGHT, "top-left"),
    (0.0, SPLIT, 2.75, 5.75, N_("Keep close"), style.GREEN_LIGHT, "top-right"),
    (-2.75, 0.1, 0.0, SPLIT, N_("Monitor"), style.GRID, "bottom-left"),
    (0.0, 0.1, 2.75, SPLIT, N_("Keep informed"), style.GRID, "bottom-right"),
)
QUADRANT_HINTS = {
    "Win over": N_("influential, against us"),
    "Keep close": N_("influential, with us"),
    "Monitor": N_("less influential, against us"),
    "Keep informed": N_("less influential, with us"),
}


def _clamp(value: int, lo: int, hi: int) -> int:
    return min(max(int(value), lo), hi)


def _spots(parties: tuple[Party, ...]) -> dict[tuple[int, int], list[Party]]:
    spots: dict[tuple[int, int], list[Party]] = defaultdict(list)
    for party in parties:
        spots[(_clamp(party.stance, -2, 2), _clamp(party.influence, 1, 5))].append(party)
    side_rank = {side: n for n, side in enumerate(PARTY_SIDES)}
    for members in spots.values():
        members.sort(key=lambda p: (side_rank.get(p.side, 3), -len(p.interests), p.name, p.id))
    return spots


#: The map's size when none is given (inches): the case does not change it.
SIZE = (8.0, 5.6)


@style.chart(TITLE)
def stakeholder_map(
    case: Case,
    _analysis: CaseAnalysis | None = None,
    *,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Each party a dot at (stance, influence), coloured by side (ours, theirs, third), named
    below its dot. Parties on the same spot sit side by side, their names listed under it (at
    most three, fewer on a crowded map, then "+N more"). The quadrants say what to do: win
    over the influential sceptics, keep the influential supporters close (influence 3 and up
    counts as high). The analysis is not needed (the catalogue hands one to every chart)."""
    if not case.parties:
        return style.message_figure(_(TITLE), _("Add the parties to see who can sway the deal."))
    width, height = size or SIZE
    fig = style.new_figure(width, height, label="stakeholders")
    ax = fig.add_subplot()
    style.style_axes(ax)
    quadrants: list[tuple[Text, str, str]] = []
    for x0, y0, x1, y1, english, colour, corner in QUADRANTS:
        label = _(english)
        ax.add_patch(
            Rectangle((x0, y0), x1 - x0, y1 - y0, color=colour, alpha=0.55, zorder=0, lw=0)
        )
        left = corner.endswith("left")
        top = corner.startswith("top")
        full = f"{label}\n{_(QUADRANT_HINTS[english])}"
        text = ax.text(
            x0 + 0.06 if left else x1 - 0.06,
            y1 - 0.06 if top else y0 + 0.06,
            full,
            ha="left" if left else "right",
            va="top" if top else "bottom",
            fontsize=style.SMALL_SIZE,
            color=style.GREY_DARK,
            fontweight="bold",
            linespacing=1.3,
            zorder=1,
            gid="quadrant",
        )
        text.set_in_layout(False)  # inside the plot
        quadrants.append((text, full, label))
    ax.axvline(0.0, color=style.GREY_LIGHT, linewidth=1.0, zorder=1)
    ax.axhline(SPLIT, color=style.GREY_LIGHT, linewidth=1.0, zorder=1)

    names = names_per_spot(len(case.parties))
    spots: list[_Spot] = []
    for (x, y), members in sorted(_spots(case.parties).items()):
        count = len(members)
        step = min(0.16, 0.7 / max(count - 1, 1))
        xs = [x + (j - (count - 1) / 2) * step for j in range(count)]
        ax.scatter(
            xs,
            [y] * count,
            s=DOT_AREA,
            c=[style.SIDE_COLOURS.get(p.side, style.THIRD) for p in members],
            edgecolors="white",
            linewidths=1.0,
            zorder=4,
            gid=f"parties-{x}-{y}",
        )
        lines = [
            ax.text(
                x,
                y - 0.17 - 0.2 * line,
                style.shorten(party.name, NAME_LIMITS[0]),
                ha="center",
                va="top",
                fontsize=style.TINY_SIZE + 0.5,
                color=style.SIDE_COLOURS.get(party.side, style.THIRD),
                zorder=5,
                gid="party-name",
            )
            for line, party in enumerate(members[:names])
        ]
        rest = ax.text(
            x,
            y - 0.17 - 0.2 * names,
            _("+{count} more").format(count=count - names) if count > names else "",
            ha="center",
            va="top",
            fontsize=style.TINY_SIZE,
            color=style.GREY_DARK,
            zorder=5,
            gid="party-more",
        )
        for text in [*lines, rest]:
            text.set_in_layout(False)  # placed inside the plot when drawn
        spots.append(_Spot(x, y, xs, [p.name for p in members], lines, rest))
    labels.before_drawing(ax, functools.partial(_place_labels, ax, quadrants, spots))
    ax.set_xlim(*X_LIM)
    ax.set_ylim(*Y_LIM)
    ax.set_xticks(list(STANCE_WORDS), labels=list(stance_ticks()[0]))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(_("Stance towards us (−2 hostile … +2 supportive)"))
    ax.set_ylabel(_(INFLUENCE_LABELS[0]))
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.tick_params(length=0)
    counts = {side: sum(1 for p in case.parties if p.side == side) for side in PARTY_SIDES}
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=7,
            markerfacecolor=style.SIDE_COLOURS[side],
            markeredgecolor="white",
            label=f"{_(style.SIDE_NAMES[side])} ({counts[side]})",
        )
        for side in PARTY_SIDES
        if counts[side]
    ]
    style.legend_below(fig, handles)
    hostile = [p for p in case.parties if p.influence >= HIGH_INFLUENCE and p.stance < 0]
    subtitle = ngettext("{count} party", "{count} parties", len(case.parties)).format(
        count=len(case.parties)
    )
    if hostile:
        listed = ", ".join(style.shorten(p.name, 28) for p in hostile[:2])
        if len(hostile) > 2:
            listed = _("{names} and {count} more").format(names=listed, count=len(hostile) - 2)
        subtitle += "; " + _("influential and against us: {names}").format(names=listed)
    style.set_titles(fig, _(TITLE), subtitle)
    return fig


@dataclass
class _Spot:
    """The parties on one (stance, influence) spot: their dots and the texts naming them."""

    x: float
    y: float
    xs: list[float]
    names: list[str]
    lines: list[Text]
    more: Text

    @property
    def priority(self) -> tuple[float, ...]:
        """Placed first: the most influential spots, then the crowded ones, then by stance."""
        return (-self.y, -len(self.names), abs(self.x), self.x)


def _place_labels(
    ax: Axes,
    quadrants: list[tuple[Text, str, str]],
    spots: list[_Spot],
    renderer: RendererBase,
) -> None:
    """Name the parties where there is room: under their dots or above them, shorter names or
    fewer of them ("+N more") where the map is crowded; no two labels ever overlap, and none
    leaves the plot. The axis words shorten first when the map is small."""
    labels.fit_tick_labels(ax, renderer, stance_ticks())
    labels.fit_axis_label(ax, renderer, tuple(_(label) for label in INFLUENCE_LABELS), axis="y")
    s = labels.scale(renderer)
    area = labels.grown(ax.get_window_extent(renderer), -1.0 * s)
    radius = labels.pixels(renderer, math.sqrt(DOT_AREA) / 2.0 + 1.0)
    dots = labels.Taken(0.0)
    for spot in spots:
        for x in spot.xs:
            cx, cy = ax.transData.transform((x, spot.y))
            dots.take(Bbox.from_extents(cx - radius, cy - radius, cx + radius, cy + radius))
    taken = labels.Taken(2.0 * s, dots.boxes)
    for text, full, short in quadrants:
        text.set_text(full)
        if not dots.free(labels.extent(text, renderer)):
            text.set_text(short)
        taken.take(labels.extent(text, renderer))
    sizes: dict[tuple[int, str], Bbox] = {}  # a spot's wordings repeat names: measured once
    for spot in sorted(spots, key=lambda spot: spot.priority):
        _place_spot(ax, spot, area, taken, radius, renderer, sizes)


def _wordings(spot: _Spot) -> Iterator[tuple[list[str], str]]:
    """What a spot may say, best first: its names (at most its lines), then shorter, then
    fewer with "+N more", then only the count."""
    count = len(spot.names)
    for shown in range(len(spot.lines), -1, -1):
        rest = count - shown
        for limit in NAME_LIMITS if shown else (0,):
            names = [style.shorten(name, limit) for name in spot.names[:shown]]
            if rest == 0:
                yield names, ""
            elif shown:
                yield names, _("+{count} more").format(count=rest)
            else:
                yield names, _("+{count} more").format(count=rest)
                yield names, f"{rest}"


def _place_spot(
    ax: Axes,
    spot: _Spot,
    area: Bbox,
    taken: labels.Taken,
    radius: float,
    renderer: RendererBase,
    sizes: dict[tuple[int, str], Bbox],
) -> None:
    """The first wording of ``spot`` that fits under its dots (or above them) without
    touching what is taken; nothing when none does (its dots stay). ``sizes`` keeps each
    text's extent for the words it was measured with (only its width and height are used)."""

    def size(text: Text) -> Bbox:
        key = (id(text), text.get_text())
        if key not in sizes:
            sizes[key] = labels.extent(text, renderer)
        return sizes[key]

    cx, cy = ax.transData.transform((spot.x, spot.y))
    left_dot = ax.transData.transform((min(spot.xs), spot.y))[0]
    right_dot = ax.transData.transform((max(spot.xs), spot.y))[0]
    clear = radius + taken.gap + 0.5  # off the spot's own dots
    for names, more in _wordings(spot):
        texts = [*spot.lines[: len(names)], *([spot.more] if more else [])]
        for text, words in zip(texts, [*names, *([more] if more else [])], strict=True):
            text.set_text(words)
            text.set_visible(True)
        boxes = [size(t) for t in texts]
        width = max(b.width for b in boxes)
        height = sum(b.height for b in boxes)
        # Under the dots, above them, then left or right of them (names centred on the row).
        spots = (
            (min(max(cx, area.x0 + width / 2), area.x1 - width / 2), cy - clear),
            (min(max(cx, area.x0 + width / 2), area.x1 - width / 2), cy + clear + height),
            (left_dot - clear - width / 2, cy + height / 2),
            (right_dot + clear + width / 2, cy + height / 2),
        )
        for centre, top in spots:
            box = Bbox.from_extents(centre - width / 2, top - height, centre + width / 2, top)
            if not labels.inside(box, area) or not taken.free(box):
                continue
            at = top
            for text, measured in zip(texts, boxes, strict=True):
                x, y = ax.transData.inverted().transform((centre, at))
                text.set_position((x, y))
                text.set_verticalalignment("top")
                at -= measured.height
            for text in [*spot.lines[len(names) :], *([] if more else [spot.more])]:
                text.set_visible(False)
            taken.take(box)
            return
    for text in [*spot.lines, spot.more]:
        text.set_visible(False)
