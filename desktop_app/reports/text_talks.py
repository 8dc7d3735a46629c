"""The text report's "Talks" section (SPEC §10), shown when the case logs offers: the offers
against both walk-aways and the concession plan, the offers of ours that fall short with what
it costs us, and their pace."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.analysis.talks_results import OfferFigures, TalksAnalysis
from desktop_app.reports.formats import NA, Fmt

SIDE_WORDS = {"ours": "us", "theirs": "them"}


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 2) -> list[str]:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return ("  " + "  ".join(parts)).rstrip()

    return [line(headers), "  " + "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _zone(offer: OfferFigures) -> str:
    if offer.in_zone is None:
        return "unknown"
    return "in zone" if offer.in_zone else "outside"


def _flag(offer: OfferFigures, fmt: Fmt) -> str | None:
    """One line on an offer of ours that falls short, with what it costs us."""
    shortfalls = []
    if offer.below_plan and offer.cost_vs_plan is not None:
        planned = fmt.price(offer.planned_price)
        shortfalls.append(
            f"below the plan's {planned} for round {offer.round} "
            f"(costs us {fmt.compact(offer.cost_vs_plan)})"
        )
    if offer.below_walk_away:
        cost = (
            f" (costs us {fmt.compact(offer.cost_vs_walk_away)})"
            if offer.cost_vs_walk_away is not None
            else ""
        )
        shortfalls.append(f"below our walk-away of {fmt.price(offer.our_walk_away)}{cost}")
    if not shortfalls or offer.side != "ours":
        return None
    return f"  ! Round {offer.round}, our {fmt.price(offer.unit_price)}: " + "; ".join(shortfalls)


def talks_lines(talks: TalksAnalysis, fmt: Fmt) -> list[str]:
    """The section, or nothing when no offer is logged."""
    if not talks.offers:
        return []
    title = "Talks: the offers against the plan"
    lines = ["", title.upper(), "=" * len(title)]
    if talks.plan:
        limit = "the fair price" if talks.plan_limit_is_fair_price else "the plan's limit"
        lines.append(
            f"  Concession plan: from {fmt.price(talks.plan_open)} to {fmt.price(talks.plan_limit)}"
            f" ({limit}) in {talks.plan_rounds} rounds, shape {talks.plan_shape:g}: "
            + ", ".join(f"round {p.round} {fmt.price(p.price)}" for p in talks.plan)
        )
        if talks.plan_limit_below_walk_away:
            lines.append("  ! The plan's limit is below our walk-away on the proposal's terms.")
    elif talks.plan_reason:
        lines.append(f"  No concession plan: {talks.plan_reason}")
    if talks.reason:
        lines.append(f"  The offers have no figures: {talks.reason}")
    rows = [
        [
            str(o.round),
            SIDE_WORDS[o.side],
            fmt.price(o.unit_price) if o.unit_price is not None else NA,
            fmt.price(o.planned_price) if o.planned_price is not None else "",
            fmt.compact(o.our_surplus) if o.our_surplus is not None else NA,
            fmt.compact(o.their_surplus) if o.their_surplus is not None else NA,
            fmt.pct(o.conservative_margin_pct),
            fmt.share(o.share),
            _zone(o),
        ]
        for o in talks.offers
    ]
    headers = [
        "Round",
        "From",
        "Price",
        "Plan",
        "Our surplus",
        "Their surplus",
        "Cons. margin",
        "Share",
        "In zone",
    ]
    lines += _table(headers, rows)
    lines += [line for o in talks.offers if (line := _flag(o, fmt)) is not None]
    pace = talks.their_pace
    if pace is not None:
        meets = (
            f"meets our plan in round {pace.meets_plan_in_round} at "
            f"{fmt.price(pace.meets_plan_at_price)}"
            if pace.meets_plan_in_round is not None
            else "never meets our plan at this pace"
        )
        lines.append(
            f"  Their pace: {fmt.price(pace.slope_per_round)} a round over their last "
            f"{len(pace.rounds)} offers; it {meets}."
        )
    return lines
