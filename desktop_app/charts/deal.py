"""What each package is worth to each side (SPEC §8): our surplus against theirs for every
combination of the deal's non-price terms, each as the segment its first-year price sweeps
between the two walk-aways, with their demand, our proposal, the offers of equal value and the
package better for both marked.

Only the figures the analysis kept are drawn (``DealAnalysis.grid`` and the packages): the
chart needs no what-if model, so it draws in the chart worker from a pickled analysis. Lines
are coloured by liability cap and dashed by payment days; the yearly price change is not told
apart (it moves a line along itself when both sides finance alike). The marks' labels are
placed when the chart is drawn (``labels.before_drawing``): beside their mark, nearer or
farther, shorter when crowded, never on one another; marks that coincide share one label.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from desktop_app.analysis.deal_results import DealAnalysis, GridPackage
from desktop_app.analysis.results import CaseAnalysis
from desktop_app.charts import labels, style
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _

HAlign = Literal["left", "center", "right"]
VAlign = Literal["bottom", "center", "top"]

TITLE = N_("What each package is worth to each side")
X_LABELS = (N_("Our surplus over our BATNA (whole contract)"), N_("Our surplus"), N_("Ours"))
Y_LABELS = (
    N_("Their surplus over their BATNA (whole contract)"),
    N_("Their surplus"),
    N_("Theirs"),
)
#: Line colours by liability cap, in the grid's order (our proposal's cap, theirs, twice ours).
CAP_COLOURS = ("#0F8B8D", "#D55E00", "#6B6B00")
#: Line styles by payment days, in the grid's order (ours, theirs, their midpoint).
DAY_DASHES: tuple[style.Dash, ...] = ("solid", style.DASHED, (0.0, (1.2, 1.6)))
#: Marks closer than this share of an axis's span (both axes) share one label.
SAME_SPOT = 0.004
#: The marks: (name, marker, colour, size, gid), in the order their labels are placed.
PROPOSAL = (N_("Our proposal"), "o", style.ROLE_COLOURS["our_proposal"], 70.0, "deal-proposal")
DEMAND = (N_("Their demand"), "s", style.ROLE_COLOURS["their_demand"], 60.0, "deal-demand")
BETTER = (N_("Better for both"), "*", style.GREEN, 150.0, "deal-improvement")
OFFER_COLOUR = style.ACCENT


def _cap_words(cap: float | None, currency: str) -> str:
    if cap is None:
        return _("Uncapped")
    return _("Cap {amount}").format(amount=style.format_money(cap, currency))


@dataclass
class _Mark:
    """Marks on one spot and their label (placed when drawn)."""

    x: float
    y: float
    names: list[str]
    colour: str
    text: Annotation | None = None

    def wordings(self) -> tuple[str, ...]:
        full = " = ".join(self.names)
        if len(self.names) == 1:
            return (full,)
        return (full, " =\n".join(self.names), self.names[0] + " …")


@dataclass(frozen=True)
class _Segment:
    """A grid package's sweep: (our, their) surplus at our walk-away and at theirs."""

    package: GridPackage
    ours: tuple[float, float]
    theirs: tuple[float, float]


def _segments(grid: Sequence[GridPackage]) -> list[_Segment]:
    found = []
    for g in grid:
        ends = (g.our_surplus_low, g.their_surplus_low, g.our_surplus_high, g.their_surplus_high)
        if None in ends:
            continue
        x0, y0, x1, y1 = (float(v or 0.0) for v in ends)
        found.append(_Segment(g, (x0, x1), (y0, y1)))
    return found


def _points(deal: DealAnalysis) -> list[tuple[tuple[str, str, str, float, str], float, float]]:
    """Each marked package: (look, our surplus, their surplus)."""
    found = []
    proposal = deal.proposal
    if proposal is not None and proposal.their_surplus is not None:
        found.append((PROPOSAL, proposal.our_surplus, proposal.their_surplus))
    demand = deal.demand
    if demand is not None and demand.their_surplus is not None:
        found.append((DEMAND, demand.our_surplus, demand.their_surplus))
    better = deal.improvement
    if better is not None and proposal is not None and proposal.their_surplus is not None:
        found.append(
            (
                BETTER,
                proposal.our_surplus + better.our_gain,
                proposal.their_surplus + better.their_gain,
            )
        )
    offers = [m for m in deal.meso or () if not m.is_proposal]
    for number, offer in enumerate(offers, start=2):
        look = (
            _("Offer {number}").format(number=number),
            "D",
            OFFER_COLOUR,
            42.0,
            f"deal-offer-{number}",
        )
        found.append((look, offer.our_surplus, offer.their_surplus))
    return found


def _why_empty(analysis: CaseAnalysis | None) -> str | None:
    if analysis is None:
        return _("Run the analysis to see what each package is worth to each side.")
    deal = analysis.deal
    if deal.proposal is None or deal.trades is None:
        return deal.reason or _("Enter our proposal and their demand.")
    if deal.proposal.their_surplus is None:
        return _(
            "Their money BATNA is unknown: give their alternatives a unit price to see what each "
            "package is worth to them."
        )
    return None


#: The chart's size when none is given (inches): the case does not change it.
SIZE = (8.0, 4.8)


@style.chart(TITLE)
def deal_packages(
    case: Case, analysis: CaseAnalysis | None, *, size: tuple[float, float] | None = None
) -> Figure:
    """Our surplus (x) against theirs (y), both over their BATNAs and over the whole contract:
    each combination of payment days, cap and price change is the segment its price sweeps
    from our walk-away (the end nearer the y axis) to theirs (their surplus 0); the packages
    on the table are marked."""
    width, height = size or SIZE
    empty = _why_empty(analysis)
    if empty is not None or analysis is None:
        return style.message_figure(_(TITLE), empty or "", (width, height))
    deal = analysis.deal
    currency = case.info.currency
    fig = style.new_figure(width, height, label="deal")
    ax = fig.add_subplot()
    style.style_axes(ax, grid="y")
    segments = _segments(deal.grid)
    caps = list(dict.fromkeys(g.liability_cap for g in deal.grid))
    days = list(dict.fromkeys(g.payment_days for g in deal.grid))
    xs: list[float] = [0.0]
    ys: list[float] = [0.0]
    for number, segment in enumerate(segments):
        package = segment.package
        cap = caps.index(package.liability_cap)
        day = days.index(package.payment_days)
        ours, theirs = segment.ours, segment.theirs
        proposal_terms = (
            deal.proposal is not None
            and package.payment_days == deal.proposal.payment_days
            and package.liability_cap == deal.proposal.liability_cap
            and package.annual_price_change_pct == deal.proposal.annual_price_change_pct
        )
        ax.plot(
            ours,
            theirs,
            color=CAP_COLOURS[cap % len(CAP_COLOURS)],
            linestyle=DAY_DASHES[day % len(DAY_DASHES)],
            lw=2.6 if proposal_terms else 1.5,
            alpha=1.0 if proposal_terms else 0.85,
            solid_capstyle="butt",
            zorder=3 if proposal_terms else 2,
            gid=f"deal-package-{number}",
        )
        xs += ours
        ys += theirs
    if segments:
        ax.scatter(
            [g.ours[0] for g in segments],
            [g.theirs[0] for g in segments],
            s=16,
            color=style.OUR_WALK_AWAY,
            zorder=4,
            gid="our-walk-away-ends",
        )
        ax.scatter(
            [g.ours[1] for g in segments],
            [g.theirs[1] for g in segments],
            s=16,
            color=style.THEIR_WALK_AWAY,
            zorder=4,
            gid="their-walk-away-ends",
        )
    points = _points(deal)
    for (_name, marker, colour, area, gid), x, y in points:
        ax.scatter(
            [x],
            [y],
            s=area,
            marker=marker,
            color=colour,
            edgecolors="white",
            linewidths=1.0,
            zorder=6 if gid == PROPOSAL[4] else 5,
            gid=gid,
        )
        xs.append(x)
        ys.append(y)
    ax.axhline(0.0, color=style.GREY_LIGHT, lw=0.9, zorder=1)
    ax.axvline(0.0, color=style.GREY_LIGHT, lw=0.9, zorder=1)
    x_lo, x_hi = _limits(xs)
    y_lo, y_hi = _limits(ys)
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.xaxis.set_major_formatter(style.MoneyFormatter(currency))
    ax.yaxis.set_major_formatter(style.MoneyFormatter(currency))
    ax.set_xlabel(_(X_LABELS[0]))
    ax.set_ylabel(_(Y_LABELS[0]))
    marks = _group(ax, points, (x_hi - x_lo, y_hi - y_lo))
    labels.before_drawing(ax, functools.partial(_place, ax, marks))
    style.legend_below(fig, _legend(caps, days, currency, bool(segments)), literal=True)
    style.set_titles(fig, _(TITLE), _subtitle(deal, bool(segments)))
    return fig


def _limits(values: Sequence[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    span = max(hi - lo, abs(hi) * 0.1, 1.0)
    return lo - 0.1 * span, hi + 0.12 * span


def _group(
    ax: Axes,
    points: Sequence[tuple[tuple[str, str, str, float, str], float, float]],
    spans: tuple[float, float],
) -> list[_Mark]:
    """One label per spot: marks that coincide (offers worth the same to both sides as our
    proposal) are named together, in the order of ``points``."""
    marks: list[_Mark] = []
    for (english, _marker, colour, _size, gid), x, y in points:
        name = _(english)
        same = next(
            (
                m
                for m in marks
                if abs(m.x - x) <= SAME_SPOT * spans[0] and abs(m.y - y) <= SAME_SPOT * spans[1]
            ),
            None,
        )
        if same is not None:
            same.names.append(name)
            continue
        mark = _Mark(x, y, [name], colour)
        text = ax.annotate(
            name,
            xy=(x, y),
            xytext=(x, y),
            ha="left",
            va="center",
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
        mark.text = text
        marks.append(mark)
    return marks


#: Where a label may go around its mark, best first: (dx, dy) in units of the gap, and the
#: alignment that puts the label's near edge there.
_SPOTS: tuple[tuple[float, float, HAlign, VAlign], ...] = (
    (1.0, 0.0, "left", "center"),
    (-1.0, 0.0, "right", "center"),
    (0.0, 1.0, "center", "bottom"),
    (0.0, -1.0, "center", "top"),
    (1.0, 1.0, "left", "bottom"),
    (1.0, -1.0, "left", "top"),
    (-1.0, 1.0, "right", "bottom"),
    (-1.0, -1.0, "right", "top"),
)


def _place(ax: Axes, marks: list[_Mark], renderer: RendererBase) -> None:
    """Each mark's label beside it in the first spot and wording that stays inside the plot
    and meets no mark and no label placed before it; farther out (joined to its mark by a thin
    line) when the near spots are taken; hidden when nothing fits."""
    labels.fit_ticks(ax, renderer, axis="x", most=8)
    labels.fit_ticks(ax, renderer, axis="y", most=8)
    labels.fit_axis_label(ax, renderer, tuple(_(label) for label in X_LABELS), axis="x")
    labels.fit_axis_label(ax, renderer, tuple(_(label) for label in Y_LABELS), axis="y")
    s = labels.scale(renderer)
    area = labels.grown(ax.get_window_extent(renderer), -2.0 * s)
    radius = 7.0 * s
    dots = []
    for mark in marks:
        cx, cy = ax.transData.transform((mark.x, mark.y))
        dots.append(Bbox.from_extents(cx - radius, cy - radius, cx + radius, cy + radius))
    taken = labels.Taken(2.0 * s, dots)
    inverse = ax.transData.inverted()
    for mark in marks:
        text = mark.text
        if text is None:
            continue
        text.set_visible(True)
        cx, cy = ax.transData.transform((mark.x, mark.y))
        placed = False
        for wording in mark.wordings():
            text.set_text(wording)
            for reach in (1.0, 2.2, 3.6):
                for dx, dy, ha, va in _SPOTS:
                    at = (
                        cx + dx * reach * (radius + 3.0 * s),
                        cy + dy * reach * (radius + 2.0 * s),
                    )
                    text.set_position(tuple(inverse.transform(at)))
                    text.set_horizontalalignment(ha)
                    text.set_verticalalignment(va)
                    text.update_positions(renderer)  # its text's transform, for measuring
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


def _legend(
    caps: Sequence[float | None], days: Sequence[int], currency: str, segments: bool
) -> list[Line2D]:
    handles = []
    if segments:
        for n, cap in enumerate(caps):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=CAP_COLOURS[n % len(CAP_COLOURS)],
                    lw=2.0,
                    label=_cap_words(cap, currency),
                )
            )
        for n, day in enumerate(days):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=style.GREY_DARK,
                    lw=1.5,
                    linestyle=DAY_DASHES[n % len(DAY_DASHES)],
                    label=_("{days} days").format(days=day),
                )
            )
        for colour, words in (
            (style.OUR_WALK_AWAY, _("Our walk-away")),
            (style.THEIR_WALK_AWAY, _("Their walk-away")),
        ):
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=5,
                    markerfacecolor=colour,
                    markeredgecolor=colour,
                    label=words,
                )
            )
    return handles


def _subtitle(deal: DealAnalysis, segments: bool) -> str:
    if not segments:
        lines = _("No combination of these terms leaves a zone of possible agreement.")
    else:
        lines = _(
            "Each line is one combination of terms, its price swept from our walk-away to "
            "theirs; up and to the right is better for both."
        )
    if deal.improvement is not None:
        return lines + " " + _("A package better for both exists (the green star).")
    if deal.improvement_note:
        return lines + " " + _("Our proposal is efficient on these terms.")
    return lines
