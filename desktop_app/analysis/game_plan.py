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
from desktop_app.analysis.wording import FAIR_PRICE_MEANING, Numbers
from desktop_app.domain.model import Case, Scenario

RungKey = Literal[
    "their_walk_away", "proposal_price", "fair_price", "our_walk_away", "demand_price"
]
#: The plan's name for each rung.
STEPS: dict[RungKey, str] = {
    "their_walk_away": "Their limit",
    "proposal_price": "Our opening",
    "fair_price": "Our target",
    "our_walk_away": "Our limit",
    "demand_price": "Their opening",
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


def _yearly(fmt: Numbers, change: float) -> str:
    return f", then {fmt.pct(change)} a year" if change else ""


def _opening_meaning(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> str:
    zopa, scenario = analysis.zopa, case.proposal_scenario
    if scenario is None:
        return "Unknown: there is no proposal yet."
    if zopa.proposal_price is None:
        return "Unknown: our proposal has no price yet."
    words = f"We open here: the first-year price{_yearly(fmt, scenario.annual_price_change_pct)}"
    if zopa.verdict in ("fair", "aggressive", "generous"):
        return f"{words}; it takes {fmt.share(zopa.our_share)} of the zone — {zopa.verdict}."
    if zopa.verdict == "below_our_walk_away":
        return f"{words} — below our own walk-away: raise it before the meeting."
    if zopa.verdict == "above_their_walk_away":
        return f"{words} — above their walk-away: their cheapest alternative costs them less."
    return words + "."


def _demand_meaning(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> str:
    demand = case.demand_scenario
    if demand is None:
        return "Unknown: no scenario holds their demand yet."
    if demand.unit_price is None:
        return "Unknown: their demand has no price yet."
    ours = analysis.zopa.our_walk_away
    opening = f"What they ask{_yearly(fmt, demand.annual_price_change_pct)}"
    if ours is None:
        return opening + "."
    if demand.unit_price < ours:
        return (
            f"{opening}: {fmt.price(ours - demand.unit_price)} below our walk-away — we cannot "
            "take it as it stands."
        )
    return f"{opening}: at or above our walk-away, inside what we can accept."


def _ladder(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> tuple[Rung, ...]:
    zopa, info = analysis.zopa, case.info
    names = {a.id: a.name or a.id for a in case.alternatives}
    batna = names.get(zopa.their_batna_alternative or "")
    margin = CONSERVATIVE_MARGIN.label_in(words(info)).replace(" %", "").lower()
    proposal = case.proposal_scenario
    figures = _scenario(analysis, proposal)
    note = figures.walk_away_note if figures is not None else None
    demand = case.demand_scenario
    meanings: dict[RungKey, tuple[float | None, str]] = {
        "their_walk_away": (
            zopa.their_walk_away,
            f"The most they should pay: above it {quoted(batna)}, their cheapest way without us, "
            "costs them less."
            if batna and zopa.their_walk_away is not None
            else "Unknown: none of their alternatives that can be carried out has a price.",
        ),
        "proposal_price": (zopa.proposal_price, _opening_meaning(case, analysis, fmt)),
        "fair_price": (
            zopa.fair_price,
            f"Where we aim to close: {FAIR_PRICE_MEANING}."
            if zopa.fair_price is not None
            else "Unknown: there is no zone of possible agreement."
            if zopa.exists is False
            else "Unknown until both walk-away prices are known.",
        ),
        "our_walk_away": (
            zopa.our_walk_away,
            f"Below it we walk away: our {margin} would fall under the minimum of "
            f"{_setting(fmt, info.min_margin_pct)}."
            if zopa.our_walk_away is not None
            else f"None: {note}."
            if note
            else "Unknown: our proposal needs a volume.",
        ),
        "demand_price": (
            demand.unit_price if demand is not None else None,
            _demand_meaning(case, analysis, fmt),
        ),
    }
    rungs = [
        Rung(key, STEPS[key], LADDER_LABELS[key], price, meaning)
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
    parts = [
        f"{fmt.price(scenario.unit_price)} a unit{_yearly(fmt, scenario.annual_price_change_pct)}"
    ]
    if scenario.annual_volume is not None:
        parts.append(f"{fmt.number(scenario.annual_volume)} units a year")
    parts.append(f"{scenario.years} year{'s' if scenario.years != 1 else ''}")
    parts.append(f"payment in {scenario.payment_days} days")
    cap = scenario.liability_cap
    parts.append("uncapped liability" if cap is None else f"liability capped at {fmt.money(cap)}")
    return " · ".join(parts)


# --- red lines ---------------------------------------------------------------------------------


def _their_terms(fmt: Numbers, ours: Scenario, theirs: Scenario) -> list[str]:
    """What their demand changes in our terms (besides the price)."""
    changes = []
    if theirs.liability_cap != ours.liability_cap:
        cap = theirs.liability_cap
        changes.append("uncapped liability" if cap is None else f"a cap of {fmt.money(cap)}")
    if theirs.payment_days != ours.payment_days:
        changes.append(f"payment in {theirs.payment_days} days")
    if theirs.annual_price_change_pct != ours.annual_price_change_pct:
        changes.append(f"{fmt.pct(theirs.annual_price_change_pct)} a year")
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
        return RedLine("Price", "No price meets our minimum margin", ours.walk_away_note + ".")
    margin = CONSERVATIVE_MARGIN.label_in(words(info)).replace(" %", "").lower()
    why = f"Below it our {margin} falls under the minimum of {_setting(fmt, info.min_margin_pct)}."
    demand = case.demand_scenario
    theirs = _scenario(analysis, demand)
    if demand is not None and theirs is not None:
        changes = _their_terms(fmt, proposal, demand)
        if theirs.walk_away_price is not None and changes:
            why += (
                f" On their demand's terms ({', '.join(changes)}) it would be "
                f"{fmt.price(theirs.walk_away_price)}: every term we give up raises it."
            )
    label = LADDER_LABELS["our_walk_away"].lower()
    return RedLine("Price", f"Not below {fmt.price(ours.walk_away_price)} a unit, {label}", why)


def _margin_line(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> RedLine | None:
    ours = _scenario(analysis, case.proposal_scenario)
    if ours is None:
        return None
    info = case.info
    label = CONSERVATIVE_MARGIN.label_in(words(info))
    kept = ours.conservative_margin_pct
    if kept is None:
        why = "Our proposal's is unknown until it has a price and a volume."
    elif kept < info.min_margin_pct:
        why = f"Our proposal keeps only {fmt.pct(kept)}: under the minimum."
    else:
        why = f"Our proposal keeps {fmt.pct(kept)}."
    theirs = _scenario(analysis, case.demand_scenario)
    if theirs is not None and theirs.conservative_margin_pct is not None:
        why += f" Their demand would leave {fmt.pct(theirs.conservative_margin_pct)}."
    return RedLine("Our margin", f"{label}: at least {_setting(fmt, info.min_margin_pct)}", why)


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
    why = f"{label} with our cap: {fmt.money(ours)}."
    demand = case.demand_scenario
    demand_figures = _scenario(analysis, demand)
    if (
        demand is not None
        and demand_figures is not None
        and demand.liability_cap != proposal.liability_cap
    ):
        theirs = demand_figures.loss.expected_shortfall
        cap = "uncapped" if demand.liability_cap is None else fmt.money(demand.liability_cap)
        why = (
            f"{label} — what the worst {_tail(case, fmt)} of outcomes cost us on average — "
            f"{fmt.money(ours)} with our cap, {fmt.money(theirs)} under their demand ({cap})."
        )
    return RedLine(
        "Liability", f"Capped at {fmt.money(proposal.liability_cap)} per occurrence", why
    )


def _payment_line(case: Case, analysis: CaseAnalysis, fmt: Numbers) -> RedLine | None:
    proposal = case.proposal_scenario
    ours = _scenario(analysis, proposal)
    if proposal is None or ours is None:
        return None
    revenue = ours.money.revenue
    info = case.info
    demand = case.demand_scenario
    capital = f"(cost of capital {_setting(fmt, info.cost_of_capital_pct)})"
    if revenue is None:
        why = "What it costs us is unknown until the proposal has a price and a volume."
    elif demand is not None and demand.payment_days > proposal.payment_days:
        extra = revenue * financing_rate(
            info.cost_of_capital_pct, demand.payment_days - proposal.payment_days
        )
        why = (
            f"Their {demand.payment_days} days would cost us {fmt.money(extra)} more in "
            f"financing over the contract {capital}."
        )
    else:
        why = (
            f"Financing it costs us {fmt.money(ours.money.financing_cost)} over the contract "
            f"{capital}."
        )
    return RedLine("Payment", f"Paid within {proposal.payment_days} days", why)


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
