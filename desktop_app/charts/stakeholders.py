"""The stakeholder map: every party on influence (1–5) × stance (−2 hostile … +2 supportive)."""

from __future__ import annotations

from collections import defaultdict

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.charts import style
from desktop_app.domain.model import PARTY_SIDES, Case, Party

TITLE = "Stakeholder map"
#: Names listed under one position before "+N more" (fewer on a crowded map).
NAMES_PER_SPOT = 3


def names_per_spot(parties: int) -> int:
    return NAMES_PER_SPOT if parties <= 20 else 2 if parties <= 40 else 1


STANCES = {-2: "hostile", -1: "sceptical", 0: "neutral", 1: "favourable", 2: "supportive"}
X_LIM = (-2.75, 2.75)
Y_LIM = (0.1, 5.75)
#: Influence from this level up counts as high (the map's horizontal split).
HIGH_INFLUENCE = 3
SPLIT = HIGH_INFLUENCE - 0.5
#: (x0, y0, x1, y1, label, colour, label corner): stance splits at 0 (neutral parties sit on
#: the line), influence between 2 and 3.
QUADRANTS = (
    (-2.75, SPLIT, 0.0, 5.75, "Win over", style.RED_LIGHT, "top-left"),
    (0.0, SPLIT, 2.75, 5.75, "Keep close", style.GREEN_LIGHT, "top-right"),
    (-2.75, 0.1, 0.0, SPLIT, "Monitor", style.GRID, "bottom-left"),
    (0.0, 0.1, 2.75, SPLIT, "Keep informed", style.GRID, "bottom-right"),
)
QUADRANT_HINTS = {
    "Win over": "influential, against us",
    "Keep close": "influential, with us",
    "Monitor": "less influential, against us",
    "Keep informed": "less influential, with us",
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
        return style.message_figure(TITLE, "Add the parties to see who can sway the deal.")
    width, height = size or (8.0, 5.6)
    fig = style.new_figure(width, height, label="stakeholders")
    ax = fig.add_subplot()
    style.style_axes(ax)
    for x0, y0, x1, y1, label, colour, corner in QUADRANTS:
        ax.add_patch(
            Rectangle((x0, y0), x1 - x0, y1 - y0, color=colour, alpha=0.55, zorder=0, lw=0)
        )
        left = corner.endswith("left")
        top = corner.startswith("top")
        ax.text(
            x0 + 0.06 if left else x1 - 0.06,
            y1 - 0.06 if top else y0 + 0.06,
            f"{label}\n{QUADRANT_HINTS[label]}",
            ha="left" if left else "right",
            va="top" if top else "bottom",
            fontsize=style.SMALL_SIZE,
            color=style.GREY_DARK,
            fontweight="bold",
            linespacing=1.3,
            zorder=1,
        )
    ax.axvline(0.0, color=style.GREY_LIGHT, linewidth=1.0, zorder=1)
    ax.axhline(SPLIT, color=style.GREY_LIGHT, linewidth=1.0, zorder=1)

    names = names_per_spot(len(case.parties))
    for (x, y), members in sorted(_spots(case.parties).items()):
        count = len(members)
        step = min(0.16, 0.7 / max(count - 1, 1))
        xs = [x + (j - (count - 1) / 2) * step for j in range(count)]
        ax.scatter(
            xs,
            [y] * count,
            s=70,
            c=[style.SIDE_COLOURS.get(p.side, style.THIRD) for p in members],
            edgecolors="white",
            linewidths=1.0,
            zorder=4,
            gid=f"parties-{x}-{y}",
        )
        for line, party in enumerate(members[:names]):
            ax.text(
                x,
                y - 0.17 - 0.2 * line,
                style.shorten(party.name, 24),
                ha="center",
                va="top",
                fontsize=style.TINY_SIZE + 0.5,
                color=style.SIDE_COLOURS.get(party.side, style.THIRD),
                zorder=5,
                gid="party-name",
            )
        if count > names:
            ax.text(
                x,
                y - 0.17 - 0.2 * names,
                f"+{count - names} more",
                ha="center",
                va="top",
                fontsize=style.TINY_SIZE,
                color=style.GREY_DARK,
                zorder=5,
            )
    ax.set_xlim(*X_LIM)
    ax.set_ylim(*Y_LIM)
    ax.set_xticks(
        list(STANCES),
        labels=[f"{k:+d} {v}".replace("-", "−") if k else f"0 {v}" for k, v in STANCES.items()],
    )
    ax.set_yticks(range(1, 6))
    ax.set_xlabel("Stance towards us (−2 hostile … +2 supportive)")
    ax.set_ylabel("Influence on the decision (1–5)")
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
            label=f"{style.SIDE_NAMES[side]} ({counts[side]})",
        )
        for side in PARTY_SIDES
        if counts[side]
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
    hostile = [p for p in case.parties if p.influence >= HIGH_INFLUENCE and p.stance < 0]
    subtitle = f"{len(case.parties)} parties"
    if hostile:
        listed = ", ".join(style.shorten(p.name, 28) for p in hostile[:2])
        more = f" and {len(hostile) - 2} more" if len(hostile) > 2 else ""
        subtitle += f"; influential and against us: {listed}{more}"
    style.set_titles(fig, TITLE, subtitle)
    return fig
