"""The team brief's "Offer history" section (SPEC §10), present when the case logs offers:
every offer by round with its price, who made it, our surplus, our conservative margin, whether
it is inside the zone, and the offers of ours below the concession plan or our walk-away with
what the difference costs us; then the plan itself and their pace. The one-page card shows the
latest offers and points here for the rest."""

from __future__ import annotations

from reportlab.platypus import Flowable

from desktop_app.analysis.talks_results import OfferFigures, TalksAnalysis
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import BriefContext
from desktop_app.reports.formats import Fmt

TITLE = "Offer history"
SIDE_WORDS = {"ours": "us", "theirs": "them"}
_COMPACT = (
    ("TOPPADDING", (0, 1), (-1, -1), 2.4),
    ("BOTTOMPADDING", (0, 1), (-1, -1), 2.8),
)


def zone_words(offer: OfferFigures) -> str:
    if offer.in_zone is None:
        return "unknown"
    return "yes" if offer.in_zone else "no"


def flag_words(offer: OfferFigures, fmt: Fmt) -> str:
    """What an offer of ours falls short of, with what it costs us ("" when nothing)."""
    flags = []
    if offer.side == "ours" and offer.below_plan and offer.cost_vs_plan is not None:
        flags.append(
            f"below the plan's {fmt.price(offer.planned_price)}: costs us "
            f"{fmt.compact(offer.cost_vs_plan)}"
        )
    if offer.below_walk_away:
        if offer.side == "ours" and offer.cost_vs_walk_away is not None:
            flags.append(
                f"below our walk-away of {fmt.price(offer.our_walk_away)}: costs us "
                f"{fmt.compact(offer.cost_vs_walk_away)}"
            )
        else:
            flags.append(f"below our walk-away of {fmt.price(offer.our_walk_away)}")
    return "; ".join(flags)


def _row(offer: OfferFigures, fmt: Fmt) -> list[object]:
    flag = flag_words(offer, fmt)
    return [
        str(offer.round),
        offer.date or "—",
        SIDE_WORDS[offer.side],
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
    return blocks.data_table(
        [
            "Round",
            "Date",
            "From",
            "Price",
            "Our surplus",
            "Conservative margin",
            "In zone",
            "Below plan / walk-away",
        ],
        [_row(offer, fmt) for offer in ordered],
        [w * 0.08, w * 0.12, w * 0.07, w * 0.12, w * 0.12, w * 0.14, w * 0.08, w * 0.27],
        numeric_columns=(3, 4, 5),
        extra=_COMPACT,
    )


def plan_words(talks: TalksAnalysis, fmt: Fmt) -> str:
    """The concession plan in one sentence, or why there is none."""
    if not talks.plan:
        return f"No concession plan: {talks.plan_reason or 'it needs an opening price.'}"
    limit = "the fair price" if talks.plan_limit_is_fair_price else "the plan's limit"
    points = ", ".join(f"round {p.round} {fmt.price(p.price)}" for p in talks.plan)
    words = (
        f"Our concession plan goes from {fmt.price(talks.plan_open)} to "
        f"{fmt.price(talks.plan_limit)} ({limit}) in {talks.plan_rounds} rounds, shape "
        f"{talks.plan_shape:g}: {points}."
    )
    if talks.plan_limit_below_walk_away:
        words += " Its limit is below our walk-away on the proposal's terms."
    return words


def pace_words(talks: TalksAnalysis, fmt: Fmt) -> str | None:
    pace = talks.their_pace
    if pace is None:
        return None
    meets = (
        f"meets our plan in round {pace.meets_plan_in_round} at "
        f"{fmt.price(pace.meets_plan_at_price)}"
        if pace.meets_plan_in_round is not None
        else "never meets our plan at this pace"
    )
    return (
        f"Their pace: {fmt.price(pace.slope_per_round)} a round over their last "
        f"{len(pace.rounds)} offers (a straight line through their prices); it {meets}."
    )


def talks_section(ctx: BriefContext, number: int) -> list[Flowable]:
    """Section "Offer history" (nothing when no offer is logged)."""
    talks, fmt = ctx.analysis.talks, ctx.fmt
    if not talks.offers:
        return []
    story = blocks.section(
        number,
        TITLE,
        "Every offer made so far, by round, against both walk-aways and our concession plan. "
        "A term an offer leaves out is taken from our proposal (ours) or their demand (theirs).",
    )
    story.append(blocks.para(styles.text(plan_words(talks, fmt)), styles.SMALL))
    if talks.reason:
        story.append(
            blocks.para(styles.text(f"The offers have no figures: {talks.reason}"), styles.NOTE)
        )
    story.append(offers_table(talks, fmt, ctx.width))
    story.append(
        blocks.para(
            "Our surplus: the offer's margin after financing and the bad cases (expected "
            "shortfall), over what our best alternative would bring, for the whole contract. "
            "Conservative margin: the margin after the bad cases, as a share of revenue.",
            styles.NOTE,
        )
    )
    pace = pace_words(talks, fmt)
    if pace is not None:
        story.append(blocks.para(styles.text(pace), styles.SMALL))
    return story


__all__ = ["TITLE", "talks_section"]
