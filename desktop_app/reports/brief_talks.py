"""The team brief's "Offer history" section (SPEC §10), present when the case logs offers:
every offer by round with its price, who made it, our surplus, our conservative margin, whether
it is inside the zone, and the offers of ours below the concession plan or our walk-away with
what the difference costs us; then the plan itself and their pace. The one-page card shows the
latest offers and points here for the rest."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable

from desktop_app.analysis.talks_results import OfferFigures, TalksAnalysis
from desktop_app.analysis.wording import number_g
from desktop_app.i18n import N_, _, numbers
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import BriefContext, fit_widths, plain_cells
from desktop_app.reports.formats import Fmt

#: English, marked: shown with ``_``.
TITLE = N_("Offer history")
SIDE_WORDS = {"ours": N_("us"), "theirs": N_("them")}
_COMPACT = (
    ("TOPPADDING", (0, 1), (-1, -1), 2.4),
    ("BOTTOMPADDING", (0, 1), (-1, -1), 2.8),
)


def shown_date(iso: str) -> str:
    """An ISO date as the language writes it short ("2026-11-02" / "02.11.2026"); anything
    else as given."""
    try:
        return numbers.short_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def zone_words(offer: OfferFigures) -> str:
    if offer.in_zone is None:
        return _("unknown")
    return _("yes") if offer.in_zone else _("no")


def flag_words(offer: OfferFigures, fmt: Fmt) -> str:
    """What an offer of ours falls short of, with what it costs us ("" when nothing)."""
    flags = []
    if offer.side == "ours" and offer.below_plan and offer.cost_vs_plan is not None:
        flags.append(
            _("below the plan's {price}: costs us {cost}").format(
                price=fmt.price(offer.planned_price), cost=fmt.compact(offer.cost_vs_plan)
            )
        )
    if offer.below_walk_away:
        if offer.side == "ours" and offer.cost_vs_walk_away is not None:
            flags.append(
                _("below our walk-away of {price}: costs us {cost}").format(
                    price=fmt.price(offer.our_walk_away),
                    cost=fmt.compact(offer.cost_vs_walk_away),
                )
            )
        else:
            flags.append(
                _("below our walk-away of {price}").format(price=fmt.price(offer.our_walk_away))
            )
    return "; ".join(flags)


def _row(offer: OfferFigures, fmt: Fmt) -> list[object]:
    flag = flag_words(offer, fmt)
    return [
        str(offer.round),
        shown_date(offer.date) if offer.date else "—",
        _(SIDE_WORDS[offer.side]),
        fmt.price(offer.unit_price),
        fmt.compact(offer.our_surplus),
        fmt.pct(offer.conservative_margin_pct),
        zone_words(offer),
        blocks.mcell(
            f"<font color='{styles.RED_HEX}'>{styles.text(flag)}</font>" if flag else "",
            styles.CELL_SMALL,
        ),
    ]


def offers_table(talks: TalksAnalysis, fmt: Fmt, width: float) -> Flowable:
    ordered = [o for _, o in sorted(enumerate(talks.offers), key=lambda i: (i[1].round, i[0]))]
    w = width
    headers = [
        _("Round"),
        _("Date"),
        _("From"),
        _("Price"),
        _("Our surplus"),
        _("Conservative margin"),
        _("In zone"),
        _("Below plan / walk-away"),
    ]
    rows = [_row(offer, fmt) for offer in ordered]
    return blocks.data_table(
        headers,
        rows,
        fit_widths(
            [w * 0.08, w * 0.12, w * 0.07, w * 0.12, w * 0.12, w * 0.14, w * 0.08, w * 0.27],
            headers,
            lines=plain_cells(rows),
        ),
        numeric_columns=(3, 4, 5),
        extra=_COMPACT,
    )


def plan_words(talks: TalksAnalysis, fmt: Fmt) -> str:
    """The concession plan in one sentence, or why there is none."""
    if not talks.plan:
        return _("No concession plan: {reason}").format(
            reason=talks.plan_reason or _("it needs an opening price.")
        )
    limit = _("the fair price") if talks.plan_limit_is_fair_price else _("the plan's limit")
    points = ", ".join(
        _("round {round} {price}").format(round=p.round, price=fmt.price(p.price))
        for p in talks.plan
    )
    words = _(
        "Our concession plan goes from {open} to {limit} ({which}) in {rounds} rounds, shape "
        "{shape}: {points}."
    ).format(
        open=fmt.price(talks.plan_open),
        limit=fmt.price(talks.plan_limit),
        which=limit,
        rounds=talks.plan_rounds,
        shape=number_g(talks.plan_shape),
        points=points,
    )
    if talks.plan_limit_below_walk_away:
        words += " " + _("Its limit is below our walk-away on the proposal's terms.")
    return words


def pace_words(talks: TalksAnalysis, fmt: Fmt) -> str | None:
    pace = talks.their_pace
    if pace is None:
        return None
    if pace.meets_plan_in_round is not None:
        return _(
            "Their pace: {slope} a round over their last {count} offers (a straight line "
            "through their prices); it meets our plan in round {round} at {price}."
        ).format(
            slope=fmt.price(pace.slope_per_round),
            count=len(pace.rounds),
            round=pace.meets_plan_in_round,
            price=fmt.price(pace.meets_plan_at_price),
        )
    return _(
        "Their pace: {slope} a round over their last {count} offers (a straight line through "
        "their prices); it never meets our plan at this pace."
    ).format(slope=fmt.price(pace.slope_per_round), count=len(pace.rounds))


def talks_section(ctx: BriefContext, number: int) -> list[Flowable]:
    """Section "Offer history" (nothing when no offer is logged)."""
    talks, fmt = ctx.analysis.talks, ctx.fmt
    if not talks.offers:
        return []
    story = blocks.section(
        number,
        _(TITLE),
        _(
            "Every offer made so far, by round, against both walk-aways and our concession "
            "plan. A term an offer leaves out is taken from our proposal (ours) or their demand "
            "(theirs)."
        ),
    )
    story.append(blocks.para(styles.text(plan_words(talks, fmt)), styles.SMALL))
    if talks.reason:
        story.append(
            blocks.para(
                styles.text(_("The offers have no figures: {reason}").format(reason=talks.reason)),
                styles.NOTE,
            )
        )
    story.append(offers_table(talks, fmt, ctx.width))
    story.append(
        blocks.para(
            _(
                "Our surplus: the offer's margin after financing and the bad cases (expected "
                "shortfall), over what our best alternative would bring, for the whole contract. "
                "Conservative margin: the margin after the bad cases, as a share of revenue."
            ),
            styles.NOTE,
        )
    )
    pace = pace_words(talks, fmt)
    if pace is not None:
        story.append(blocks.para(styles.text(pace), styles.SMALL))
    return story


__all__ = ["TITLE", "talks_section"]
