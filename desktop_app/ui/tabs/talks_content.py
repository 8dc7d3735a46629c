"""What the Talks tab says in words and grids (SPEC §10): the plan's price per round, their pace
and the offers of ours that fall short, in the app's number format. No Qt here beyond the
figure grid's plain cells."""

from __future__ import annotations

from desktop_app.analysis.talks_results import TalksAnalysis
from desktop_app.i18n import _
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.models.figure_cells import Cell, Header
from desktop_app.ui.tabs.scenario_figures import short_number

Content = tuple[list[Header], list[Header], list[list[Cell]]]


def price(value: float | None, currency: str) -> str:
    return format_money(value, currency, 2)


def plan_grid(talks: TalksAnalysis, offered: dict[int, float], currency: str) -> Content:
    """One column per round: our planned price and, under it, what we offered in that round
    (our lowest price of the round) — red when below the plan."""
    columns = [
        Header(
            _("Round {number}").format(number=p.round),
            _("Our planned price in round {number}.").format(number=p.round),
        )
        for p in talks.plan
    ]
    rows = [
        Header(_("Plan"), _("P(t) = P_open − (P_open − P_limit)·(t/N)^(1/e)")),
        Header(_("We offered"), _("Our lowest price offered in the round (the log's prices).")),
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
        return talks.plan_reason or _("No plan yet.")
    said = (
        _(
            "From our proposal's {open} to {limit} (the fair price) in {rounds} round(s), "
            "shape {shape} ({shape_words})."
        )
        if talks.plan_limit_is_fair_price
        else _(
            "From our proposal's {open} to {limit} in {rounds} round(s), shape {shape} "
            "({shape_words})."
        )
    )
    text = said.format(
        open=price(talks.plan_open, currency),
        limit=price(talks.plan_limit, currency),
        rounds=talks.plan_rounds,
        shape=short_number(talks.plan_shape),
        shape_words=shape_words(talks.plan_shape),
    )
    if talks.plan_limit_below_walk_away:
        text += " " + _("⚠ The limit is below our walk-away: the plan concedes more than we can.")
    return text


def shape_words(shape: float) -> str:
    if shape < 1.0:
        return _("holds the price and concedes late")
    if shape > 1.0:
        return _("concedes early")
    return _("concedes the same each round")


def pace_text(talks: TalksAnalysis, currency: str) -> str:
    """Their pace in words: the slope of their last offers and where it meets our plan."""
    pace = talks.their_pace
    if pace is None:
        return _("Their pace: needs their offers in two rounds or more.")
    rounds = ", ".join(str(r) for r in pace.rounds)
    slope = format_money(abs(pace.slope_per_round), currency, 2)
    up = pace.slope_per_round >= 0
    if pace.meets_plan_in_round is None:
        said = (
            _(
                "Their pace: up {slope} a round (rounds {rounds}); at this pace they never "
                "reach our plan."
            )
            if up
            else _(
                "Their pace: down {slope} a round (rounds {rounds}); at this pace they never "
                "reach our plan."
            )
        )
        return said.format(slope=slope, rounds=rounds)
    said = (
        _(
            "Their pace: up {slope} a round (rounds {rounds}); at this pace they meet our plan "
            "in round {round} ({price})."
        )
        if up
        else _(
            "Their pace: down {slope} a round (rounds {rounds}); at this pace they meet our "
            "plan in round {round} ({price})."
        )
    )
    return said.format(
        slope=slope,
        rounds=rounds,
        round=pace.meets_plan_in_round,
        price=price(pace.meets_plan_at_price, currency),
    )


def flags_text(talks: TalksAnalysis, currency: str) -> str:
    """Each offer of ours below the plan or our walk-away, with what it costs us, one per
    line."""
    lines = []
    for o in talks.flagged:
        if o.side != "ours":
            continue  # their offers under our walk-away are the talks, not a mistake of ours
        plan = o.below_plan and o.planned_price is not None
        walk = o.below_walk_away
        walk_cost = o.cost_vs_walk_away is not None
        if plan and walk and walk_cost:
            said = _(
                "⚠ Our offer of round {round} at {price} is below the plan's {planned}: costs us "
                "{cost} and below our walk-away: costs us {walk_cost}."
            )
        elif plan and walk:
            said = _(
                "⚠ Our offer of round {round} at {price} is below the plan's {planned}: costs us "
                "{cost} and below our walk-away."
            )
        elif plan:
            said = _(
                "⚠ Our offer of round {round} at {price} is below the plan's {planned}: costs us "
                "{cost}."
            )
        elif walk and walk_cost:
            said = _(
                "⚠ Our offer of round {round} at {price} is below our walk-away: costs us "
                "{walk_cost}."
            )
        elif walk:
            said = _("⚠ Our offer of round {round} at {price} is below our walk-away.")
        else:
            continue
        lines.append(
            said.format(
                round=o.round,
                price=price(o.unit_price, currency),
                planned=price(o.planned_price, currency),
                cost=format_money(o.cost_vs_plan, currency),
                walk_cost=format_money(o.cost_vs_walk_away, currency),
            )
        )
    return "\n".join(lines)
