"""The acceptance curve (SPEC §9): the chance of a deal at each price when their walk-away is
uncertain.

x is the first-year unit price, y P(deal) = P(their walk-away ≥ price), 0–100 %, from the
analysis's ``their_walk_away`` (``analysis.their_walk_away``). Their walk-away's P10–P90 is a
band in their light colour; our walk-away a vertical line in its colour; our proposal's price
and the best single offer are marks on the curve, each labelled with its price and its chance
of a deal. The marks' labels are placed when the chart is drawn (``labels.before_drawing``):
beside their mark, in the first spot that stays inside the plot and meets no other label or
mark; the walk-aways' values are in the legend, so no label sits on a line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from desktop_app.analysis.results import CaseAnalysis, WalkAwayDistribution
from desktop_app.charts import labels, style
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _

TITLE = N_("Chance of a deal at each price")
X_LABELS = (N_("Unit price (first year)"), N_("Unit price"), "")
Y_LABELS = (N_("Chance of a deal"), N_("P(deal)"), "")
NO_ANALYSIS = N_("Run the analysis to see the chance of a deal at each price.")
NO_RANGES = N_(
    "Give their alternatives' prices a range (low/high) to see the chance of a deal at each price."
)
#: The curve, in their colour (it is their answer); the best single offer in green.
CURVE = style.THEIRS
BEST = style.GREEN

HAlign = Literal["left", "center", "right"]
VAlign = Literal["top", "center", "bottom", "baseline", "center_baseline"]


def _shown(wordings: tuple[str, ...]) -> tuple[str, ...]:
    """An axis title's wordings in the language in use (an empty one stays empty)."""
    return tuple(_(wording) if wording else wording for wording in wordings)


def percent(share: float) -> str:
    """A chance as the chart prints it: one decimal, as the documents print it (``16.5%``)."""
    return style.format_percent(share, 1)


def _why_empty(analysis: CaseAnalysis | None) -> str | None:
    if analysis is None:
        return _(NO_ANALYSIS)
    found = analysis.their_walk_away
    if found is None or not found.curve:
        return _(NO_RANGES)
    return None


@dataclass
class _Mark:
    """A point on the curve and its label: where it is, its wordings (longest first)."""

    x: float
    y: float
    wordings: tuple[str, ...]
    text: Annotation


_SPOTS: tuple[tuple[float, float, HAlign, VAlign], ...] = (
    (1.0, 1.0, "left", "bottom"),
    (-1.0, -1.0, "right", "top"),
    (1.0, -1.0, "left", "top"),
    (-1.0, 1.0, "right", "bottom"),
    (1.0, 0.0, "left", "center"),
    (-1.0, 0.0, "right", "center"),
    (0.0, 1.0, "center", "bottom"),
    (0.0, -1.0, "center", "top"),
)


def _mark(ax: Axes, x: float, y: float, wordings: tuple[str, ...], colour: str, gid: str) -> _Mark:
    text = ax.annotate(
        wordings[0],
        xy=(x, y),
        xytext=(x, y),
        ha="left",
        va="bottom",
        fontsize=style.SMALL_SIZE,
        fontweight="bold",
        color=colour,
        linespacing=1.1,
        annotation_clip=False,
        bbox=style.LABEL_BOX,
        arrowprops={"arrowstyle": "-", "color": style.GREY, "lw": 0.7},
        zorder=7,
        gid=f"{gid}-label",
    )
    text.set_in_layout(False)  # placed inside the plot when drawn
    return _Mark(x, y, wordings, text)


def _place(ax: Axes, marks: list[_Mark], renderer: RendererBase) -> None:
    """Ticks and axis titles that fit, then each mark's label beside it in the first spot and
    wording that stays inside the plot and meets no mark and no label placed before it
    (farther out, joined to its mark by a thin line, when the near spots are taken)."""
    labels.fit_ticks(ax, renderer, axis="x", most=8)
    labels.fit_axis_label(ax, renderer, _shown(X_LABELS), axis="x")
    labels.fit_axis_label(ax, renderer, _shown(Y_LABELS), axis="y")
    s = labels.scale(renderer)
    area = labels.grown(ax.get_window_extent(renderer), -2.0 * s)
    radius = 6.0 * s
    dots = []
    for mark in marks:
        cx, cy = ax.transData.transform((mark.x, mark.y))
        dots.append(Bbox.from_extents(cx - radius, cy - radius, cx + radius, cy + radius))
    taken = labels.Taken(2.0 * s, dots)
    inverse = ax.transData.inverted()
    for mark in marks:
        text = mark.text
        text.set_visible(True)
        cx, cy = ax.transData.transform((mark.x, mark.y))
        placed = False
        for wording in mark.wordings:
            text.set_text(wording)
            for reach in (1.0, 2.2, 3.6, 5.0):
                for dx, dy, ha, va in _SPOTS:
                    at = (
                        cx + dx * reach * (radius + 3.0 * s),
                        cy + dy * reach * (radius + 2.0 * s),
                    )
                    text.set_position(tuple(inverse.transform(at)))
                    text.set_horizontalalignment(ha)
                    text.set_verticalalignment(va)
                    text.update_positions(renderer)  # its transform, for measuring
                    box = labels.extent(text, renderer)
                    if labels.inside(box, area) and taken.free(box):
                        taken.take(box)
                        arrow = text.arrow_patch
                        if arrow is not None:
                            arrow.set_visible(reach > 1.0)
                        placed = True
                        break
                if placed:
                    break
            if placed:
                break
        if not placed:
            text.set_visible(False)


def _subtitle(found: WalkAwayDistribution, currency: str) -> str:
    parts = []
    if found.p_deal is not None:
        parts.append(
            _("At our proposal's price they accept in {chance} of the runs").format(
                chance=percent(found.p_deal)
            )
        )
    else:
        parts.append(_("Their walk-away is uncertain: each point is the share of runs that accept"))
    if found.p_no_zone is not None:
        parts.append(_("no zone at all in {chance}").format(chance=percent(found.p_no_zone)))
    sentence = "; ".join(parts) + "."
    if found.best_offer is not None and found.best_offer_p_deal is not None:
        best = style.format_money(found.best_offer, currency, decimals=2)
        sentence += " " + _("Best single offer {price} ({chance}).").format(
            price=best, chance=percent(found.best_offer_p_deal)
        )
    elif found.best_offer_note:
        sentence += f" {found.best_offer_note}"
    return sentence


#: The curve's size when none is given (inches): the case does not change it.
SIZE = (8.0, 3.0)


@style.chart(TITLE)
def acceptance_curve(
    case: Case, analysis: CaseAnalysis | None, *, size: tuple[float, float] | None = None
) -> Figure:
    """P(deal) (y, 0–100 %) against the first-year unit price (x): their walk-away's P10–P90
    shaded, our walk-away, our proposal's price and the best single offer marked (module
    doc); a grey message without the analysis or without ranges on their alternatives."""
    width, height = size or SIZE
    empty = _why_empty(analysis)
    if empty is not None or analysis is None or analysis.their_walk_away is None:
        return style.message_figure(_(TITLE), empty or _(NO_RANGES), (width, height))
    found = analysis.their_walk_away
    currency = case.info.currency
    walk_away = analysis.zopa.our_walk_away
    proposal = analysis.zopa.proposal_price

    fig = style.new_figure(width, height, label="acceptance")
    ax = fig.add_subplot()
    style.style_axes(ax, grid="y")
    prices = [p for p, _ in found.curve]
    shares = [s for _, s in found.curve]
    handles: list[Line2D | Patch] = []

    money = functools.partial(style.format_money, currency=currency, decimals=2)
    if found.p90 > found.p10:
        ax.axvspan(
            found.p10,
            found.p90,
            color=style.THEIRS_LIGHT,
            alpha=0.45,
            lw=0,
            zorder=0,
            gid="their-range",
        )
        handles.append(
            Patch(
                color=style.THEIRS_LIGHT,
                alpha=0.6,
                label=_("Their walk-away P10–P90 {low}–{high}").format(
                    low=money(found.p10), high=money(found.p90)
                ),
            )
        )
    ax.plot(prices, shares, color=CURVE, lw=2.0, zorder=3, gid="acceptance-curve")
    handles.insert(0, Line2D([], [], color=CURVE, lw=2.0, label=_("Chance of a deal")))
    if walk_away is not None:
        ax.axvline(walk_away, color=style.OUR_WALK_AWAY, lw=1.3, zorder=2, gid="our-walk-away")
        handles.append(
            Line2D(
                [],
                [],
                color=style.OUR_WALK_AWAY,
                lw=1.3,
                label=_("Our walk-away {price}").format(price=money(walk_away)),
            )
        )

    marks: list[_Mark] = []
    points = [
        (proposal, found.p_deal, _("Our proposal"), style.OURS, "o", "our-proposal"),
        (
            found.best_offer,
            found.best_offer_p_deal,
            _("Best single offer"),
            BEST,
            "D",
            "best-offer",
        ),
    ]
    for x, y, name, colour, marker, gid in points:
        if x is None or y is None:
            continue
        ax.scatter(
            [x],
            [y],
            s=46,
            color=colour,
            marker=marker,
            edgecolors="white",
            linewidths=0.9,
            zorder=6,
            gid=gid,
        )
        price, chance = money(x), percent(y)
        wordings = (
            f"{name} {price}: {chance}",
            f"{name}\n{price}: {chance}",
            f"{price}: {chance}",
            chance,
        )
        marks.append(_mark(ax, x, y, wordings, colour, gid))

    xs = [*prices, *(v for v in (walk_away, proposal, found.best_offer) if v is not None)]
    low, high = min(xs), max(xs)
    span = max(high - low, abs(high) * 0.02, 1e-6)
    ax.set_xlim(low - 0.04 * span, high + 0.04 * span)
    ax.set_ylim(-0.03, 1.06)
    ax.set_yticks([0.0, 0.25, 0.5, 0.75, 1.0])
    ax.yaxis.set_major_formatter(style.percent_formatter())
    ax.xaxis.set_major_formatter(style.MoneyFormatter(currency))
    ax.set_xlabel(_(X_LABELS[0]))
    ax.set_ylabel(_(Y_LABELS[0]))
    labels.before_drawing(ax, functools.partial(_place, ax, marks))
    style.legend_below(fig, handles)
    style.set_titles(fig, _(TITLE), _subtitle(found, currency))
    return fig
