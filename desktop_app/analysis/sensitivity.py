"""The tornado on our proposal and the intelligence to gather (SPEC §2 "Sensitivity").

Each input x is moved to x·(1 − s) and x·(1 + s), one at a time, and the ZOPA width
P_walk_theirs − P_walk_ours is recomputed. Inputs are the values the proposal scenario uses,
i.e. after its risk overrides.

Clipping keeps a moved input inside its valid range: probabilities and feasibility [0, 1];
payment days [0, 365] (kept fractional: the analysis does not need whole days); the cost of
capital [0, 100]; the minimum margin [0, 100) — a move that would reach 100 goes halfway
from the value to 100 instead, so it stays a valid minimum margin; the likely impact
[low, high] of that risk (a likely impact already at an end moves one way only); money and
volume stay ≥ 0 by themselves.

An input whose value is 0 would not move at all; it moves up instead to s × the mean of the
same kind of input in the case (a zero switching cost is tested against s × the mean
switching cost of their price-based alternatives). The kinds: cost lines of the same basis,
the scenarios' volumes, the scenarios' payment days, each field of their price-based
alternatives, the risks' probabilities and likely impacts as the proposal sees them. The cost
of capital and the minimum margin are one of a kind: at 0 they do not move.

A move that leaves a walk-away undefined (``breaks`` = ``ours`` or ``theirs``) or removes a
zone that exists (``zone``) ranks first, whatever the swings; then the largest swing; ties by
input id. ``intelligence`` is the inputs that move their walk-away and have a swing above 0
or a break, in the same order.

Risk inputs change only the expected shortfall. They re-use the base simulation: the moved
risk's contribution is recomputed from its own stream (the very same draws) and swapped into
the base total, L' = L + (c_moved − c_base), so the swing is free of Monte Carlo noise. (That
is the base total corrected on the runs where the risk's loss changed, not a fresh id-order
re-summation; the two agree to rounding, ~10⁻¹⁶ relative.)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from desktop_app.analysis.money import contract_cost, our_walk_away, price_weighted_volume
from desktop_app.analysis.montecarlo import (
    Draws,
    Occurrence,
    contributions,
    occurrence_of,
    slots_of,
)
from desktop_app.analysis.results import Breaks, IntelligenceItem, Moves, SensitivityItem
from desktop_app.analysis.tail import LossTail
from desktop_app.analysis.zopa import PriceOption, their_walk_away
from desktop_app.domain.model import Case, Risk, Scenario


@dataclass(frozen=True, slots=True)
class ProposalInputs:
    """Every number the two walk-aways of the proposal depend on."""

    volume: float
    years: int
    price_change_pct: float
    payment_days: float
    cost_of_capital_pct: float
    min_margin_pct: float
    costs: tuple[tuple[str, float], ...]
    shortfall: float
    options: tuple[PriceOption, ...]

    @property
    def k(self) -> float:
        return price_weighted_volume(self.volume, self.years, self.price_change_pct)

    def ours(self, cost: float | None = None, k: float | None = None) -> float | None:
        cost = contract_cost(self.costs, self.volume, self.years) if cost is None else cost
        return our_walk_away(
            cost,
            self.shortfall,
            self.k if k is None else k,
            self.min_margin_pct,
            self.cost_of_capital_pct,
            self.payment_days,
        )

    def theirs(self) -> float | None:
        return their_walk_away(self.options, self.volume * self.years, self.k)[0]


def _mean(values: Sequence[float]) -> float:
    """Exactly rounded (``math.fsum``), so the order of risks or lines changes nothing."""
    return math.fsum(values) / len(values) if values else 0.0


@dataclass(frozen=True, slots=True)
class Move:
    """How far inputs move: s, and the means of each kind that a zero input moves up to."""

    s: float
    kind_means: dict[str, float]

    def values(
        self, value: float, kind: str, lo: float, hi: float | None, *, hi_open: bool = False
    ) -> tuple[float, float]:
        """(down, up): x·(1 − s) and x·(1 + s) clipped (module doc); a zero moves up to
        s × the mean of its kind."""
        down = value * (1.0 - self.s)
        up = value * (1.0 + self.s) if value != 0.0 else self.s * self.kind_means.get(kind, 0.0)
        return self._clip(value, down, lo, hi, hi_open), self._clip(value, up, lo, hi, hi_open)

    @staticmethod
    def _clip(value: float, moved: float, lo: float, hi: float | None, hi_open: bool) -> float:
        moved = max(moved, lo)
        if hi is None or moved < hi or (moved == hi and not hi_open):
            return moved
        return (value + hi) / 2.0 if hi_open else hi


def kind_means(case: Case, proposal: Scenario, options: Sequence[PriceOption]) -> dict[str, float]:
    """The mean of each kind of input in the case (module doc)."""
    means = {
        f"cost.{basis}": _mean([c.amount for c in case.cost_lines if c.basis == basis])
        for basis in ("per_unit", "per_year", "one_time")
    }
    means["volume"] = _mean([x.annual_volume for x in case.scenarios if x.annual_volume])
    means["payment_days"] = _mean([float(x.payment_days) for x in case.scenarios])
    for field in ("unit_price", "switching_cost", "failure_cost", "feasibility"):
        means[f"option.{field}"] = _mean([float(getattr(o, field)) for o in options])
    views = [occurrence_of(risk, proposal) for risk in case.risks]
    means["risk.probability"] = _mean([v.probability for v in views])
    means["risk.likely"] = _mean([v.likely for v in views])
    return means


Pair = tuple[float | None, float | None]  # (our walk-away, their walk-away)


class _Baseline:
    """The base walk-aways, with shortcuts for moves that touch only one side or one option."""

    def __init__(self, base: ProposalInputs) -> None:
        self.base = base
        self.k = base.k
        self.cost = contract_cost(base.costs, base.volume, base.years)
        self.units = base.volume * base.years
        self.ours = base.ours(self.cost, self.k)
        self.theirs = base.theirs()
        totals = sorted(
            (o.total_cost(self.units), i) for i, o in enumerate(base.options) if o.feasible
        )
        self._cheapest = totals[:2]

    def with_ours(self, inputs: ProposalInputs) -> Pair:
        return inputs.ours(), self.theirs

    def with_shortfall(self, shortfall: float) -> Pair:
        return replace(self.base, shortfall=shortfall).ours(self.cost, self.k), self.theirs

    def with_option(self, index: int, option: PriceOption) -> Pair:
        if self.k <= 0.0:
            return self.ours, None
        others = [total for total, i in self._cheapest if i != index][:1]
        mine = [option.total_cost(self.units)] if option.feasible else []
        candidates = [*mine, *others]
        return self.ours, (min(candidates) / self.k if candidates else None)

    def with_both(self, inputs: ProposalInputs) -> Pair:
        return inputs.ours(), inputs.theirs()


@dataclass(frozen=True, slots=True)
class _Input:
    ident: str
    label: str
    moves: Moves
    value: float
    value_low: float
    value_high: float
    low: Pair
    high: Pair
    question: str | None = None


def _moved_option(option: PriceOption, field: str, value: float) -> PriceOption:
    if field == "unit_price":
        return replace(option, unit_price=value)
    if field == "switching_cost":
        return replace(option, switching_cost=value)
    if field == "failure_cost":
        return replace(option, failure_cost=value)
    return replace(option, feasibility=value)


def _plain_inputs(case: Case, proposal: Scenario, line: _Baseline, move: Move) -> list[_Input]:
    """Every input except the risks (those need the Monte Carlo)."""
    base = line.base
    result: list[_Input] = []

    def add(
        ident: str,
        label: str,
        moves: Moves,
        value: float,
        kind: tuple[str, float, float | None],
        evaluate: Callable[[float], Pair],
        question: str | None = None,
        *,
        hi_open: bool = False,
    ) -> None:
        v_lo, v_hi = move.values(value, kind[0], kind[1], kind[2], hi_open=hi_open)
        result.append(
            _Input(ident, label, moves, value, v_lo, v_hi, evaluate(v_lo), evaluate(v_hi), question)
        )

    for index, cost_line in enumerate(case.cost_lines):

        def with_cost(x: float, index: int = index) -> Pair:
            costs = list(base.costs)
            costs[index] = (costs[index][0], x)
            return line.with_ours(replace(base, costs=tuple(costs)))

        add(
            f"cost_lines.{cost_line.id}.amount",
            f"Cost: {cost_line.name or cost_line.id}",
            "ours",
            cost_line.amount,
            (f"cost.{cost_line.basis}", 0.0, None),
            with_cost,
        )
    pid = proposal.id
    add(
        f"scenarios.{pid}.annual_volume",
        "Annual volume of our proposal",
        "both",
        base.volume,
        ("volume", 0.0, None),
        lambda x: line.with_both(replace(base, volume=x)),
        "How many units a year will they really order over the contract?",
    )
    add(
        f"scenarios.{pid}.payment_days",
        "Payment days of our proposal",
        "ours",
        base.payment_days,
        ("payment_days", 0.0, 365.0),
        lambda x: line.with_ours(replace(base, payment_days=x)),
    )
    add(
        "case.cost_of_capital_pct",
        "Cost of capital",
        "ours",
        base.cost_of_capital_pct,
        ("cost_of_capital_pct", 0.0, 100.0),
        lambda x: line.with_ours(replace(base, cost_of_capital_pct=x)),
    )
    add(
        "case.min_margin_pct",
        "Minimum margin",
        "ours",
        base.min_margin_pct,
        ("min_margin_pct", 0.0, 100.0),
        lambda x: line.with_ours(replace(base, min_margin_pct=x)),
        hi_open=True,
    )
    for index, option in enumerate(base.options):
        name = option.name or option.id
        quoted = f"“{name}”"

        def with_option(field: str, index: int = index) -> Callable[[float], Pair]:
            def evaluate(x: float) -> Pair:
                return line.with_option(index, _moved_option(base.options[index], field, x))

            return evaluate

        prefix = f"alternatives.{option.id}"
        add(
            f"{prefix}.unit_price",
            f"Unit price of {name}",
            "theirs",
            option.unit_price,
            ("option.unit_price", 0.0, None),
            with_option("unit_price"),
            f"What would one unit really cost them with {quoted}?",
        )
        add(
            f"{prefix}.switching_cost",
            f"Switching cost of {name}",
            "theirs",
            option.switching_cost,
            ("option.switching_cost", 0.0, None),
            with_option("switching_cost"),
            f"How much would going with {quoted} really cost them up front (qualification, "
            "tooling, learning curve)?",
        )
        add(
            f"{prefix}.failure_cost",
            f"Failure cost of {name}",
            "theirs",
            option.failure_cost,
            ("option.failure_cost", 0.0, None),
            with_option("failure_cost"),
            f"What would it cost them if {quoted} failed (line stoppage, recalls)?",
        )
        add(
            f"{prefix}.feasibility",
            f"Feasibility of {name}",
            "theirs",
            option.feasibility,
            ("option.feasibility", 0.0, 1.0),
            with_option("feasibility"),
            f"How likely is it that {quoted} can really be carried out?",
        )
    return result


def _risk_inputs(
    case: Case,
    proposal: Scenario,
    line: _Baseline,
    tail: LossTail,
    move: Move,
    retained: dict[str, Draws],
    tick: Callable[[], None] | None,
) -> list[_Input]:
    result: list[_Input] = []
    for risk in sorted(case.risks, key=lambda r: r.id):
        view = occurrence_of(risk, proposal)
        moves = _risk_moves(view, move)
        shortfalls = _moved_shortfalls(
            case, risk, proposal, view, moves, tail, retained.pop(risk.id, None)
        )
        name = risk.name or risk.id
        (p_lo, p_hi, l_lo, l_hi), (es_p_lo, es_p_hi, es_l_lo, es_l_hi) = moves, shortfalls
        result.append(
            _Input(
                f"risks.{risk.id}.probability",
                f"Probability of {name}",
                "ours",
                view.probability,
                p_lo.probability,
                p_hi.probability,
                line.with_shortfall(es_p_lo),
                line.with_shortfall(es_p_hi),
            )
        )
        result.append(
            _Input(
                f"risks.{risk.id}.impact_likely",
                f"Likely impact of {name}",
                "ours",
                view.likely,
                l_lo.likely,
                l_hi.likely,
                line.with_shortfall(es_l_lo),
                line.with_shortfall(es_l_hi),
            )
        )
        if tick is not None:
            tick()
    return result


def _risk_moves(
    view: Occurrence, move: Move
) -> tuple[Occurrence, Occurrence, Occurrence, Occurrence]:
    p_lo, p_hi = move.values(view.probability, "risk.probability", 0.0, 1.0)
    l_lo, l_hi = move.values(view.likely, "risk.likely", view.low, view.high)
    return (
        replace(view, probability=p_lo),
        replace(view, probability=p_hi),
        replace(view, likely=l_lo),
        replace(view, likely=l_hi),
    )


def _moved_shortfalls(
    case: Case,
    risk: Risk,
    proposal: Scenario,
    view: Occurrence,
    moves: Sequence[Occurrence],
    tail: LossTail,
    retained: Draws | None,
) -> list[float]:
    """ES of the proposal with the risk moved each way, on the same draws."""
    base_es = tail.base.es
    if not any(v.can_lose for v in (view, *moves)):  # impacts 0 or a zero cap
        return [base_es] * len(moves)
    runs, (base, *moved) = contributions(
        risk,
        [view, *moves],
        slots=slots_of(risk, proposal.years),
        seed=case.info.simulation_seed,
        runs=tail.runs,
        retained=retained,
    )
    shortfalls = []
    before = tail.losses[runs]
    for contribution in moved:
        delta = contribution - base
        changed = np.flatnonzero(delta)
        old_values = before[changed]
        tail_moved = tail.variant_tail(runs[changed], old_values, old_values + delta[changed])
        shortfalls.append(tail_moved.es)
    return shortfalls


def _widths(pair: Pair) -> tuple[float | None, float | None, float | None]:
    ours, theirs = pair
    width = theirs - ours if ours is not None and theirs is not None else None
    return width, ours, theirs


def _breaks(base: Pair, moved: Sequence[Pair]) -> Breaks | None:
    """What a move breaks that stands at the base: a walk-away, then the zone."""
    ours, theirs = base
    if ours is not None and any(m[0] is None for m in moved):
        return "ours"
    if theirs is not None and any(m[1] is None for m in moved):
        return "theirs"
    zone = ours is not None and theirs is not None and theirs > ours
    if zone and any(m[0] is not None and m[1] is not None and m[1] <= m[0] for m in moved):
        return "zone"
    return None


def sensitivity(
    case: Case,
    proposal: Scenario,
    base: ProposalInputs,
    tail: LossTail,
    retained: dict[str, Draws] | None = None,
    *,
    tick: Callable[[], None] | None = None,
) -> tuple[tuple[SensitivityItem, ...], tuple[IntelligenceItem, ...]]:
    """The ranked tornado and the ranked intelligence items (inputs moving theirs)."""
    move = Move(case.info.sensitivity_pct / 100.0, kind_means(case, proposal, base.options))
    line = _Baseline(base)
    inputs = _plain_inputs(case, proposal, line, move)
    inputs += _risk_inputs(case, proposal, line, tail, move, dict(retained or {}), tick)
    items: list[tuple[SensitivityItem, str | None]] = []
    for entry in inputs:
        low, ours_low, theirs_low = _widths(entry.low)
        high, ours_high, theirs_high = _widths(entry.high)
        swing = abs(high - low) if low is not None and high is not None else None
        item = SensitivityItem(
            input=entry.ident,
            label=entry.label,
            moves=entry.moves,
            value=entry.value,
            value_low=entry.value_low,
            value_high=entry.value_high,
            low=low,
            high=high,
            swing=swing,
            our_walk_away_low=ours_low,
            our_walk_away_high=ours_high,
            their_walk_away_low=theirs_low,
            their_walk_away_high=theirs_high,
            breaks=_breaks((line.ours, line.theirs), (entry.low, entry.high)),
        )
        items.append((item, entry.question))
    items.sort(key=lambda pair: _rank_key(pair[0]))
    tornado = tuple(item for item, _ in items)
    intelligence = tuple(
        IntelligenceItem(
            item.input, item.label, item.moves, item.value, item.swing, question, item.breaks
        )
        for item, question in items
        if item.moves != "ours" and question is not None and item.matters
    )
    return tornado, intelligence


_BREAK_ORDER = {"ours": 0, "theirs": 1, "zone": 2}


def _rank_key(item: SensitivityItem) -> tuple[int, bool, float, str]:
    """Breaks first (a walk-away gone, then the zone gone); then the largest swing; unknown
    swings last; ties by input id (order-independent)."""
    rank = _BREAK_ORDER[item.breaks] if item.breaks is not None else len(_BREAK_ORDER)
    return (rank, item.swing is None, -(item.swing or 0.0), item.input)
