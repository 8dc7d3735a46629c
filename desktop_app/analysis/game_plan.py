"""The game plan: what the team does on the day (SPEC §11 "The executive summary is the game
plan"). Pure functions of a case and its analysis, shared by every renderer — the brief's
executive summary, the text report, later the one-page card and the Word brief — so each only
lays it out.

- **The price ladder**: their walk-away, our opening (the proposal's price), our target (the
  fair price), our walk-away, their demand — highest first (a price still unknown goes last,
  saying why), each with what it means on the day. Labels come from the figure catalogue.
- **The threats** and **the questions to ask**: ``analysis.threats``.
- **The red lines**: the price we never go under (our walk-away, and what it becomes on their
  demand's terms), the minimum margin after the bad cases, the liability cap and the payment
  days of our proposal, each with what giving it up would cost.
- **Who leads**: ``analysis.team``.
- **Still to complete**: the readiness items not yet done, as the team's to-do list.

Sentences are worded here; numbers are written by the renderer's formatter (``Numbers``), so
every document says the same thing in its own format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from desktop_app.analysis.figures import (
    CONSERVATIVE_MARGIN,
    EXPECTED_SHORTFALL,
    LADDER_LABELS,
    words,
)
from desktop_app.analysis.money import financing_rate
from desktop_app.analysis.results import CaseAnalysis, ScenarioAnalysis
from desktop_app.analysis.team import Team, team
from desktop_app.analysis.threats import (
    Question,
    Threats,
    questions_to_ask,
    quoted,
    top_threats,
)
from desktop_app.analysis.wording import FAIR_PRICE_MEANING, VERDICT_ADJECTIVES, Numbers
from desktop_app.domain.model import Case, Scenario
from desktop_app.i18n import N_, _, ngettext

RungKey = Literal[
    "their_walk_away", "proposal_price", "fair_price", "our_walk_away", "demand_price"
]
#: The plan's name for each rung.
STEPS: dict[RungKey, str] = {
    "their_walk_away": N_("Their limit"),
    "proposal_price": N_("Our opening"),
    "fair_price": N_("Our target"),
    "our_walk_away": N_("Our limit"),
    "demand_price": N_("Their opening"),
}
#: The ladder's order when two prices are equal (and of unknown prices, last).
_RUNG_ORDER: tuple[RungKey, ...] = tuple(STEPS)


@dataclass(frozen=True, slots=True)
class Rung:
    """One price of the ladder: ``label`` is the catalogue's, ``step`` the plan's word."""

    key: RungKey
    step: str
    label: str
    price: float | None
    meaning: str


@dataclass(frozen=True, slots=True)
class RedLine:
    topic: str
    line: str
    why: str


@dataclass(frozen=True, slots=True)
class ToDo:
    """A readiness item not yet done: what it checks and what to do."""

    id: str
    label: str
    todo: str


@dataclass(frozen=True, slots=True)
class GamePlan:
    ladder: tuple[Rung, ...]
    #: What we put on the table, in one line (None without a priced proposal).
    package: str | None
    threats: Threats
    red_lines: tuple[RedLine, ...]
    team: Team
    questions: tuple[Question, ...]
    to_complete: tuple[ToDo, ...]
    checks_passed: int
    checks_total: int


# --- the price ladder --------------------------------------------------------------------------


def _scenario(analysis: CaseAnalysis, scenario: Scenario | None) -> ScenarioAnalysis | None:
    return analysis.scenario(scenario.id) if scenario is not None else None


def _setting(fmt: Numbers, value: float) -> str:
    """A percentage the consultant set (a minimum margin, a cost of capital) as entered:
    "10%", "12.5%", "7.25%"."""
    decimals = 0 if float(value).is_integer() else 1 if round(value, 1) == value else 2
    return fmt.pct(value, decimals)


def _opening_meaning(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> str:
    zopa, scenario = analysis.zopa, case.proposal_scenario
    if scenario is None:
        return _("Unknown: there is no proposal yet.")
    if zopa.proposal_price is None:
        return _("Unknown: our proposal has no price yet.")
    change = scenario.annual_price_change_pct
    words = (
        _("We open here: the first-year price, then {change} a year").format(change=fmt.pct(change))
        if change
        else _("We open here: the first-year price")
    )
    if zopa.verdict in ("fair", "aggressive", "generous"):
        return _("{opening}; it takes {share} of the zone — {verdict}.").format(
            opening=words,
            share=fmt.share(zopa.our_share),
            verdict=_(VERDICT_ADJECTIVES[zopa.verdict]),
        )
    if zopa.verdict == "below_our_walk_away":
        return _("{opening} — below our own walk-away: raise it before the meeting.").format(
            opening=words
        )
    if zopa.verdict == "above_their_walk_away":
        return _(
            "{opening} — above their walk-away: their cheapest alternative costs them less."
        ).format(opening=words)
    return _("{opening}.").format(opening=words)


def _demand_meaning(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> str:
    demand = case.demand_scenario
    if demand is None:
        return _("Unknown: no scenario holds their demand yet.")
    if demand.unit_price is None:
        return _("Unknown: their demand has no price yet.")
    ours = analysis.zopa.our_walk_away
    change = demand.annual_price_change_pct
    opening = (
        _("What they ask, then {change} a year").format(change=fmt.pct(change))
        if change
        else _("What they ask")
    )
    if ours is None:
        return _("{opening}.").format(opening=opening)
    if demand.unit_price < ours:
        return _("{opening}: {gap} below our walk-away — we cannot take it as it stands.").format(
            opening=opening, gap=fmt.price(ours - demand.unit_price)
        )
    return _("{opening}: at or above our walk-away, inside what we can accept.").format(
        opening=opening
    )


def _ladder(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> tuple[Rung, ...]:
    zopa, info = analysis.zopa, case.info
    names = {a.id: a.name or a.id for a in case.alternatives}
    batna = names.get(zopa.their_batna_alternative or "")
    proposal = case.proposal_scenario
    figures = _scenario(analysis, proposal)
    note = figures.walk_away_note if figures is not None else None
    demand = case.demand_scenario
    meanings: dict[RungKey, tuple[float | None, str]] = {
        "their_walk_away": (
            zopa.their_walk_away,
            _(
                "The most they should pay: above it {alternative}, their cheapest way without "
                "us, costs them less."
            ).format(alternative=quoted(batna))
            if batna and zopa.their_walk_away is not None
            else _("Unknown: none of their alternatives that can be carried out has a price."),
        ),
        "proposal_price": (zopa.proposal_price, _opening_meaning(case, analysis, fmt)),
        "fair_price": (
            zopa.fair_price,
            _("Where we aim to close: {meaning}.").format(meaning=_(FAIR_PRICE_MEANING))
            if zopa.fair_price is not None
            else _("Unknown: there is no zone of possible agreement.")
            if zopa.exists is False
            else _("Unknown until both walk-away prices are known."),
        ),
        "our_walk_away": (
            zopa.our_walk_away,
            _(
                "Below it we walk away: our conservative margin would fall under the minimum "
                "of {minimum}."
            ).format(minimum=_setting(fmt, info.min_margin_pct))
            if zopa.our_walk_away is not None
            else _("None: {note}.").format(note=note)
            if note
            else _("Unknown: our proposal needs a volume."),
        ),
        "demand_price": (
            demand.unit_price if demand is not None else None,
            _demand_meaning(case, analysis, fmt),
        ),
    }
    rungs = [
        Rung(key, _(STEPS[key]), LADDER_LABELS[key], price, meaning)
        for key, (price, meaning) in meanings.items()
    ]
    return tuple(
        sorted(
            rungs,
            key=lambda r: (r.price is None, -(r.price or 0.0), _RUNG_ORDER.index(r.key)),
        )
    )


def _package(case: Case, fmt: Numbers) -> str | None:
    scenario = case.proposal_scenario
    if scenario is None or scenario.unit_price is None:
        return None
    price, change = fmt.price(scenario.unit_price), scenario.annual_price_change_pct
    parts = [
        _("{price} a unit, then {change} a year").format(price=price, change=fmt.pct(change))
        if change
        else _("{price} a unit").format(price=price)
    ]
    if scenario.annual_volume is not None:
        parts.append(_("{volume} units a year").format(volume=fmt.number(scenario.annual_volume)))
    parts.append(ngettext("{n} year", "{n} years", scenario.years).format(n=scenario.years))
    parts.append(_("payment in {days} days").format(days=scenario.payment_days))
    cap = scenario.liability_cap
    parts.append(
        _("uncapped liability")
        if cap is None
        else _("liability capped at {amount}").format(amount=fmt.money(cap))
    )
    return " · ".join(parts)


# --- red lines ---------------------------------------------------------------------------------


def _their_terms(fmt: Numbers, ours: Scenario, theirs: Scenario) -> list[str]:
    """What their demand changes in our terms (besides the price)."""
    changes = []
    if theirs.liability_cap != ours.liability_cap:
        cap = theirs.liability_cap
        changes.append(
            _("uncapped liability")
            if cap is None
            else _("a cap of {amount}").format(amount=fmt.money(cap))
        )
    if theirs.payment_days != ours.payment_days:
        changes.append(_("payment in {days} days").format(days=theirs.payment_days))
    if theirs.annual_price_change_pct != ours.annual_price_change_pct:
        changes.append(_("{change} a year").format(change=fmt.pct(theirs.annual_price_change_pct)))
    return changes


def _price_line(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> RedLine | None:
    proposal = case.proposal_scenario
    ours = _scenario(analysis, proposal)
    if proposal is None or ours is None:
        return None
    info = case.info
    if ours.walk_away_price is None:
        if ours.walk_away_note is None:
            return None
        return RedLine(
            _("Price"),
            _("No price meets our minimum margin"),
            _("{note}.").format(note=ours.walk_away_note),
        )
    why = _("Below it our conservative margin falls under the minimum of {minimum}.").format(
        minimum=_setting(fmt, info.min_margin_pct)
    )
    demand = case.demand_scenario
    theirs = _scenario(analysis, demand)
    if demand is not None and theirs is not None:
        changes = _their_terms(fmt, proposal, demand)
        if theirs.walk_away_price is not None and changes:
            why += " " + _(
                "On their demand's terms ({changes}) it would be {price}: every term we give up "
                "raises it."
            ).format(changes=", ".join(changes), price=fmt.price(theirs.walk_away_price))
    return RedLine(
        _("Price"),
        _("Not below {price} a unit, our walk-away price").format(
            price=fmt.price(ours.walk_away_price)
        ),
        why,
    )


def _margin_line(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> RedLine | None:
    ours = _scenario(analysis, case.proposal_scenario)
    if ours is None:
        return None
    info = case.info
    label = CONSERVATIVE_MARGIN.label_in(words(info))
    kept = ours.conservative_margin_pct
    if kept is None:
        why = _("Our proposal's is unknown until it has a price and a volume.")
    elif kept < info.min_margin_pct:
        why = _("Our proposal keeps only {margin}: under the minimum.").format(margin=fmt.pct(kept))
    else:
        why = _("Our proposal keeps {margin}.").format(margin=fmt.pct(kept))
    theirs = _scenario(analysis, case.demand_scenario)
    if theirs is not None and theirs.conservative_margin_pct is not None:
        why += " " + _("Their demand would leave {margin}.").format(
            margin=fmt.pct(theirs.conservative_margin_pct)
        )
    return RedLine(
        _("Our margin"),
        _("{label}: at least {minimum}").format(
            label=label, minimum=_setting(fmt, info.min_margin_pct)
        ),
        why,
    )


def _tail(case: Case, fmt: Numbers) -> str:
    """The tail beyond the value at risk as a share: "10%", "2.5%"."""
    tail = 1.0 - case.info.risk_confidence
    return fmt.share(tail, 0 if abs(100.0 * tail - round(100.0 * tail)) < 1e-9 else 1)


def _liability_line(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> RedLine | None:
    proposal = case.proposal_scenario
    figures = _scenario(analysis, proposal)
    if proposal is None or figures is None or proposal.liability_cap is None or not case.risks:
        return None
    filled = words(case.info)
    label = EXPECTED_SHORTFALL.label_in(filled)
    ours = figures.loss.expected_shortfall
    why = _("{label} with our cap: {amount}.").format(label=label, amount=fmt.money(ours))
    demand = case.demand_scenario
    demand_figures = _scenario(analysis, demand)
    if (
        demand is not None
        and demand_figures is not None
        and demand.liability_cap != proposal.liability_cap
    ):
        theirs = demand_figures.loss.expected_shortfall
        cap = _("uncapped") if demand.liability_cap is None else fmt.money(demand.liability_cap)
        why = _(
            "{label} — what the worst {tail} of outcomes cost us on average — {ours} with our "
            "cap, {theirs} under their demand ({cap})."
        ).format(
            label=label,
            tail=_tail(case, fmt),
            ours=fmt.money(ours),
            theirs=fmt.money(theirs),
            cap=cap,
        )
    return RedLine(
        _("Liability"),
        _("Capped at {amount} per occurrence").format(amount=fmt.money(proposal.liability_cap)),
        why,
    )


def _payment_line(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> RedLine | None:
    proposal = case.proposal_scenario
    ours = _scenario(analysis, proposal)
    if proposal is None or ours is None:
        return None
    revenue = ours.money.revenue
    info = case.info
    demand = case.demand_scenario
    capital = _setting(fmt, info.cost_of_capital_pct)
    if revenue is None:
        why = _("What it costs us is unknown until the proposal has a price and a volume.")
    elif demand is not None and demand.payment_days > proposal.payment_days:
        extra = revenue * financing_rate(
            info.cost_of_capital_pct, demand.payment_days - proposal.payment_days
        )
        why = _(
            "Their {days} days would cost us {amount} more in financing over the contract "
            "(cost of capital {capital})."
        ).format(days=demand.payment_days, amount=fmt.money(extra), capital=capital)
    else:
        why = _(
            "Financing it costs us {amount} over the contract (cost of capital {capital})."
        ).format(amount=fmt.money(ours.money.financing_cost), capital=capital)
    return RedLine(
        _("Payment"), _("Paid within {days} days").format(days=proposal.payment_days), why
    )


def _red_lines(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> tuple[RedLine, ...]:
    lines = (
        _price_line(case, analysis, fmt),
        _margin_line(case, analysis, fmt),
        _liability_line(case, analysis, fmt),
        _payment_line(case, analysis, fmt),
    )
    return tuple(line for line in lines if line is not None)


# --- the plan ------------------------------------------------------------------------------------


def to_complete(analysis: CaseAnalysis) -> tuple[ToDo, ...]:
    """The readiness items not yet done, in the checklist's order."""
    return tuple(
        ToDo(item.id, item.label, item.todo or item.label)
        for item in analysis.readiness.items
        if not item.passed
    )


def game_plan(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> GamePlan:
    """The game plan of ``case`` (module doc), its numbers written by ``fmt``."""
    threats = top_threats(case, analysis, fmt)
    return GamePlan(
        ladder=_ladder(case, analysis, fmt),
        package=_package(case, fmt),
        threats=threats,
        red_lines=_red_lines(case, analysis, fmt),
        team=team(case),
        questions=questions_to_ask(case, analysis, threats, fmt),
        to_complete=to_complete(analysis),
        checks_passed=analysis.readiness.passed,
        checks_total=analysis.readiness.total,
    )


__all__ = ["STEPS", "GamePlan", "RedLine", "Rung", "ToDo", "game_plan", "to_complete"]
