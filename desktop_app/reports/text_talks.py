"""The text report's "Talks" section (SPEC §10), shown when the case logs offers: the offers
against both walk-aways and the concession plan, the offers of ours that fall short with what
it costs us, and their pace."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.analysis.talks_results import OfferFigures, TalksAnalysis
from desktop_app.analysis.wording import number_g
from desktop_app.i18n import N_, _, ngettext
from desktop_app.reports.formats import NA, Fmt

#: Who made an offer, in the "From" column.
SIDE_WORDS = {"ours": N_("us"), "theirs": N_("them")}
#: The section's heading as shown (the app's round snapshots look for it, in the language in
#: use, to open the report there).
TITLE = N_("TALKS: THE OFFERS AGAINST THE PLAN")


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
        return _("unknown")
    return _("in zone") if offer.in_zone else _("outside")


def _flag(offer: OfferFigures, fmt: Fmt) -> str | None:
    """One line on an offer of ours that falls short, with what it costs us."""
    shortfalls = []
    if offer.below_plan and offer.cost_vs_plan is not None:
        shortfalls.append(
            _("below the plan's {planned} for round {round} (costs us {cost})").format(
                planned=fmt.price(offer.planned_price),
                round=offer.round,
                cost=fmt.compact(offer.cost_vs_plan),
            )
        )
    if offer.below_walk_away:
        ours = fmt.price(offer.our_walk_away)
        shortfalls.append(
            _("below our walk-away of {price} (costs us {cost})").format(
                price=ours, cost=fmt.compact(offer.cost_vs_walk_away)
            )
            if offer.cost_vs_walk_away is not None
            else _("below our walk-away of {price}").format(price=ours)
        )
    if not shortfalls or offer.side != "ours":
        return None
    return "  " + _("! Round {round}, our {price}: {shortfalls}").format(
        round=offer.round, price=fmt.price(offer.unit_price), shortfalls="; ".join(shortfalls)
    )


def talks_lines(talks: TalksAnalysis, fmt: Fmt) -> list[str]:
    """The section, or nothing when no offer is logged."""
    if not talks.offers:
        return []
    title = _(TITLE)
    lines = ["", title, "=" * len(title)]
    if talks.plan:
        rounds = talks.plan_rounds
        plan = (
            ngettext(
                "Concession plan: from {open} to {limit} (the fair price) in {rounds} rounds, "
                "shape {shape}: {points}",
                "Concession plan: from {open} to {limit} (the fair price) in {rounds} rounds, "
                "shape {shape}: {points}",
                rounds,
            )
            if talks.plan_limit_is_fair_price
            else ngettext(
                "Concession plan: from {open} to {limit} (the plan's limit) in {rounds} rounds, "
                "shape {shape}: {points}",
                "Concession plan: from {open} to {limit} (the plan's limit) in {rounds} rounds, "
                "shape {shape}: {points}",
                rounds,
            )
        )
        points = ", ".join(
            _("round {round} {price}").format(round=p.round, price=fmt.price(p.price))
            for p in talks.plan
        )
        lines.append(
            "  "
            + plan.format(
                open=fmt.price(talks.plan_open),
                limit=fmt.price(talks.plan_limit),
                rounds=rounds,
                shape=number_g(talks.plan_shape),
                points=points,
            )
        )
        if talks.plan_limit_below_walk_away:
            lines.append(
                "  " + _("! The plan's limit is below our walk-away on the proposal's terms.")
            )
    elif talks.plan_reason:
        lines.append("  " + _("No concession plan: {reason}").format(reason=talks.plan_reason))
    if talks.reason:
        lines.append("  " + _("The offers have no figures: {reason}").format(reason=talks.reason))
    rows = [
        [
            str(o.round),
            _(SIDE_WORDS[o.side]),
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
        _("Round"),
        _("From"),
        _("Price"),
        _("Plan"),
        _("Our surplus"),
        _("Their surplus"),
        _("Cons. margin"),
        _("Share"),
        _("In zone"),
    ]
    lines += _table(headers, rows)
    lines += [line for o in talks.offers if (line := _flag(o, fmt)) is not None]
    pace = talks.their_pace
    if pace is not None:
        slope, count = fmt.price(pace.slope_per_round), len(pace.rounds)
        if pace.meets_plan_in_round is not None:
            said = _(
                "Their pace: {slope} a round over their last {count} offers; it meets our plan "
                "in round {round} at {price}."
            ).format(
                slope=slope,
                count=count,
                round=pace.meets_plan_in_round,
                price=fmt.price(pace.meets_plan_at_price),
            )
        else:
            said = _(
                "Their pace: {slope} a round over their last {count} offers; it never meets our "
                "plan at this pace."
            ).format(slope=slope, count=count)
        lines.append("  " + said)
    return lines
