"""What the Talks tab says in words and grids (SPEC §10): the plan's price per round, their pace
and the offers of ours that fall short, in the app's number format. No Qt here beyond the
figure grid's plain cells."""

from __future__ import annotations

from desktop_app.analysis.talks_results import TalksAnalysis
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.widgets.figure_grid import Cell, Header

Content = tuple[list[Header], list[Header], list[list[Cell]]]


def price(value: float | None, currency: str) -> str:
    return format_money(value, currency, 2)


def plan_grid(talks: TalksAnalysis, offered: dict[int, float], currency: str) -> Content:
    """One column per round: our planned price and, under it, what we offered in that round
    (our lowest price of the round) — red when below the plan."""
    columns = [
        Header(f"Round {p.round}", f"Our planned price in round {p.round}.") for p in talks.plan
    ]
    rows = [
        Header("Plan", "P(t) = P_open − (P_open − P_limit)·(t/N)^(1/e)"),
        Header("We offered", "Our lowest price offered in the round (the log's prices)."),
    ]
    planned = [Cell(price(p.price, currency)) for p in talks.plan]
    ours = []
    for p in talks.plan:
        value = offered.get(p.round)
        ours.append(
            Cell(
                price(value, currency) if value is not None else "",
                alert=value is not None and value < p.price - 0.005,
            )
        )
    return columns, rows, [planned, ours]


def plan_summary(talks: TalksAnalysis, currency: str) -> str:
    """The plan in one or two sentences, or why there is none."""
    if not talks.plan or talks.plan_open is None or talks.plan_limit is None:
        return talks.plan_reason or "No plan yet."
    limit = price(talks.plan_limit, currency)
    whose = " (the fair price)" if talks.plan_limit_is_fair_price else ""
    text = (
        f"From our proposal's {price(talks.plan_open, currency)} to {limit}{whose} in "
        f"{talks.plan_rounds} round(s), shape {talks.plan_shape:g} "
        f"({shape_words(talks.plan_shape)})."
    )
    if talks.plan_limit_below_walk_away:
        text += " ⚠ The limit is below our walk-away: the plan concedes more than we can."
    return text


def shape_words(shape: float) -> str:
    if shape < 1.0:
        return "holds the price and concedes late"
    if shape > 1.0:
        return "concedes early"
    return "concedes the same each round"


def pace_text(talks: TalksAnalysis, currency: str) -> str:
    """Their pace in words: the slope of their last offers and where it meets our plan."""
    pace = talks.their_pace
    if pace is None:
        return "Their pace: needs their offers in two rounds or more."
    rounds = ", ".join(str(r) for r in pace.rounds)
    slope = format_money(abs(pace.slope_per_round), currency, 2)
    direction = "up" if pace.slope_per_round >= 0 else "down"
    text = f"Their pace: {direction} {slope} a round (rounds {rounds})"
    if pace.meets_plan_in_round is None:
        return text + "; at this pace they never reach our plan."
    at = price(pace.meets_plan_at_price, currency)
    return text + f"; at this pace they meet our plan in round {pace.meets_plan_in_round} ({at})."


def flags_text(talks: TalksAnalysis, currency: str) -> str:
    """Each offer of ours below the plan or our walk-away, with what it costs us, one per
    line."""
    lines = []
    for o in talks.flagged:
        if o.side != "ours":
            continue  # their offers under our walk-away are the talks, not a mistake of ours
        who = "Our"
        what = []
        if o.below_plan and o.planned_price is not None:
            what.append(
                f"below the plan's {price(o.planned_price, currency)}: costs us "
                f"{format_money(o.cost_vs_plan, currency)}"
            )
        if o.below_walk_away:
            cost = (
                f": costs us {format_money(o.cost_vs_walk_away, currency)}"
                if o.cost_vs_walk_away is not None
                else ""
            )
            what.append(f"below our walk-away{cost}")
        lines.append(
            f"⚠ {who} offer of round {o.round} at {price(o.unit_price, currency)} is "
            + " and ".join(what)
            + "."
        )
    return "\n".join(lines)
