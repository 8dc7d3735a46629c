"""The offers by round (SPEC §10): each side's offers against both walk-aways, the fair price
and our concession plan.

x is the round, y the first-year unit price. Our offers and theirs are two coloured lines of
marks (an offer of ours below the plan or our walk-away ringed in red); the plan is a dashed
line from our proposal's price (round 0) to its limit; our walk-away, their walk-away (shaded
P10–P90 when their walk-away is uncertain, SPEC §9) and the fair price are horizontal lines,
labelled at the right edge. Their pace, when known, is a thin dotted line from their latest
offer to the round where it meets our plan. Cheap to draw: no label placement search.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from desktop_app.analysis.figures import ZOPA_LABELS
from desktop_app.analysis.results import CaseAnalysis
from desktop_app.analysis.talks_results import OfferFigures, TalksAnalysis
from desktop_app.charts import style
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, ngettext

TITLE = N_("Offers by round")
X_LABEL = N_("Round")
Y_LABEL = N_("Unit price (first year)")
FAIR = style.GREEN


def _why_empty(analysis: CaseAnalysis | None) -> str | None:
    if analysis is None:
        return _("Run the analysis to see the offers against the plan.")
    talks = analysis.talks
    if not talks.plan and not any(o.unit_price is not None for o in talks.offers):
        return talks.plan_reason or _("Log an offer on the Talks tab to see it here.")
    return None


def _their_range(analysis: CaseAnalysis) -> Any:
    """Their walk-away's distribution (SPEC §9) when the analysis has one: the analysis's
    ``their_walk_away`` (``analyze --json`` calls it ``their_walk_away_distribution``)."""
    for name in ("their_walk_away", "their_walk_away_distribution"):
        found = getattr(analysis, name, None)
        if found is not None and hasattr(found, "p10") and hasattr(found, "p90"):
            return found
    return None


def _priced(offers: tuple[OfferFigures, ...], side: str) -> list[OfferFigures]:
    return sorted(
        (o for o in offers if o.side == side and o.unit_price is not None),
        key=lambda o: o.round,
    )


def _subtitle(talks: TalksAnalysis, currency: str) -> str:
    flagged = [o for o in talks.flagged if o.side == "ours"]
    if flagged:
        return ngettext(
            "{count} offer of ours below the plan or our walk-away (ringed in red).",
            "{count} offers of ours below the plan or our walk-away (ringed in red).",
            len(flagged),
        ).format(count=len(flagged))
    pace = talks.their_pace
    if pace is not None and pace.meets_plan_at_price is not None:
        at = style.format_money(pace.meets_plan_at_price, currency)
        return _("At their pace they meet our plan in round {round} ({price}).").format(
            round=pace.meets_plan_in_round, price=at
        )
    if pace is not None:
        return _("At their pace they never reach our plan.")
    return _(
        "Our offers and theirs by round, against both walk-aways, the fair price and the plan."
    )


@style.chart(TITLE)
def talks_offers(
    case: Case, analysis: CaseAnalysis | None, *, size: tuple[float, float] | None = None
) -> Figure:
    """Prices (y) by round (x): both sides' offers, the plan, both walk-aways and the fair
    price (module doc)."""
    width, height = size or (8.0, 4.2)
    empty = _why_empty(analysis)
    if empty is not None or analysis is None:
        return style.message_figure(_(TITLE), empty or "", (width, height))
    talks = analysis.talks
    zopa = analysis.zopa
    currency = case.info.currency
    fig = style.new_figure(width, height, label="talks")
    ax = fig.add_subplot()
    style.style_axes(ax, grid="y")
    ours = _priced(talks.offers, "ours")
    theirs = _priced(talks.offers, "theirs")
    last_round = max([talks.plan_rounds if talks.plan else 1] + [o.round for o in talks.offers])
    pace = talks.their_pace
    if pace is not None and pace.meets_plan_in_round is not None:
        last_round = max(last_round, min(pace.meets_plan_in_round, last_round + 6))
    x_lo, x_hi = -0.3, last_round + 0.6
    prices: list[float] = [o.unit_price or 0.0 for o in (*ours, *theirs)]
    handles: list[Any] = []

    distribution = _their_range(analysis)
    p10 = getattr(distribution, "p10", None)
    p90 = getattr(distribution, "p90", None)
    if isinstance(p10, int | float) and isinstance(p90, int | float) and p90 > p10:
        ax.axhspan(
            p10, p90, color=style.THEIRS_LIGHT, alpha=0.45, lw=0, zorder=0, gid="their-range"
        )
        handles.append(
            Patch(color=style.THEIRS_LIGHT, alpha=0.6, label=_("Their walk-away P10–P90"))
        )
        prices += [float(p10), float(p90)]
    for value, colour, dash, words, gid in (
        (zopa.our_walk_away, style.OUR_WALK_AWAY, "solid", _("Our walk-away"), "our-walk-away"),
        (
            zopa.their_walk_away,
            style.THEIR_WALK_AWAY,
            "solid",
            _("Their walk-away"),
            "their-walk-away",
        ),
        (zopa.fair_price, FAIR, (0.0, (1.5, 1.5)), _(ZOPA_LABELS["fair_price"]), "fair-price"),
    ):
        if value is None:
            continue
        ax.axhline(value, color=colour, lw=1.1, linestyle=dash, alpha=0.9, zorder=1, gid=gid)
        handles.append(Line2D([], [], color=colour, lw=1.1, linestyle=dash, label=words))
        prices.append(value)

    if talks.plan and talks.plan_open is not None:
        xs = [0.0, *(float(p.round) for p in talks.plan)]
        ys = [talks.plan_open, *(p.price for p in talks.plan)]
        if last_round > talks.plan_rounds and talks.plan_limit is not None:
            xs.append(float(last_round))
            ys.append(talks.plan_limit)
        ax.plot(
            xs,
            ys,
            color=style.OURS,
            lw=1.4,
            linestyle=style.DASHED,
            alpha=0.8,
            zorder=2,
            gid="plan",
        )
        handles.append(
            Line2D([], [], color=style.OURS, lw=1.4, linestyle=style.DASHED, label=_("Our plan"))
        )
        prices += ys

    for offers, colour, marker, words, gid in (
        (theirs, style.THEIRS, "s", _("Their offers"), "their-offers"),
        (ours, style.OURS, "o", _("Our offers"), "our-offers"),
    ):
        if not offers:
            continue
        ax.plot(
            [o.round for o in offers],
            [o.unit_price or 0.0 for o in offers],
            color=colour,
            lw=1.8,
            marker=marker,
            markersize=6.5,
            markeredgecolor="white",
            markeredgewidth=0.8,
            zorder=4,
            gid=gid,
        )
        handles.append(
            Line2D([], [], color=colour, lw=1.8, marker=marker, markersize=6, label=words)
        )
    flagged = [o for o in ours if o.below_plan or o.below_walk_away]
    if flagged:
        ax.scatter(
            [o.round for o in flagged],
            [o.unit_price or 0.0 for o in flagged],
            s=170,
            facecolors="none",
            edgecolors=style.RED,
            linewidths=1.6,
            zorder=5,
            gid="flagged-offers",
        )
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=10,
                markerfacecolor="none",
                markeredgecolor=style.RED,
                label=_("Below plan or walk-away"),
            )
        )
    if pace is not None and theirs:
        start = max(pace.rounds)
        end = pace.meets_plan_in_round if pace.meets_plan_in_round is not None else last_round
        end = min(max(end, start), last_round)
        if end > start:
            ys_pace = [pace.intercept + pace.slope_per_round * x for x in (start, end)]
            ax.plot(
                [start, end],
                ys_pace,
                color=style.THEIRS,
                lw=1.0,
                linestyle=(0.0, (1.0, 2.0)),
                zorder=3,
                gid="their-pace",
            )
            handles.append(
                Line2D(
                    [],
                    [],
                    color=style.THEIRS,
                    lw=1.0,
                    linestyle=(0.0, (1.0, 2.0)),
                    label=_("Their pace"),
                )
            )
            prices += ys_pace

    low, high = min(prices), max(prices)
    span = max(high - low, abs(high) * 0.02, 1.0)
    ax.set_ylim(low - 0.08 * span, high + 0.1 * span)
    ax.set_xlim(x_lo, x_hi)
    step = max(1, -(-last_round // 12))
    rounds = list(range(0, last_round + 1, step))
    ax.set_xticks(rounds, [_("open"), *(str(r) for r in rounds[1:])])
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.yaxis.set_major_formatter(style.MoneyFormatter(currency))
    ax.set_xlabel(_(X_LABEL))
    ax.set_ylabel(_(Y_LABEL))
    style.legend_below(fig, handles)
    style.set_titles(fig, _(TITLE), _subtitle(talks, currency))
    return fig
