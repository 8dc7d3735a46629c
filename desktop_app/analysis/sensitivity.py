"""The tornado on our proposal and the intelligence to gather (SPEC §2 "Sensitivity").

Each input x is moved to x·(1 − s) and x·(1 + s), one at a time (an input of theirs that
carries a range, SPEC §9, to its own low and high instead), and the ZOPA width
P_walk_theirs − P_walk_ours is recomputed. Inputs are the values the proposal scenario uses,
i.e. after its risk overrides. Both walk-aways are the zone's (SPEC §8): ours honours our money
BATNA, theirs counts the terms — so the payment days move both, as does our cost of capital
while theirs is taken to be ours; their cost of capital, when the case gives it, is an input
of theirs; and a capped risk moves their walk-away too when a cap is set (the expected loss
above the cap stays with them).

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
of capital (ours, and theirs), and the minimum margin are one of a kind: at 0 they do not move.

A move that leaves a walk-away undefined (``breaks`` = ``ours`` or ``theirs``) or removes a
zone that exists (``zone``) ranks first, whatever the swings; then the largest swing; ties by
input id. ``intelligence`` is the inputs that move their walk-away and have a swing above 0
or a break, in the same order.

Risk inputs change the expected shortfall (and, capped, the risk they keep: analytic). They
re-use the base simulation: the moved
risk's contribution is recomputed from its own stream (the very same draws) and swapped into
the base total, L' = L + (c_moved − c_base), so the swing is free of Monte Carlo noise. (That
is the base total corrected on the runs where the risk's loss changed, not a fresh id-order
re-summation; the two agree to rounding, ~10⁻¹⁶ relative.)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from desktop_app.analysis.montecarlo import Draws, RunMap
from desktop_app.analysis.results import Breaks, IntelligenceItem, Moves, SensitivityItem
from desktop_app.analysis.sensitivity_base import (
    Baseline,
    Move,
    Pair,
    ProposalInputs,
    TornadoInput,
    kind_means,
)
from desktop_app.analysis.sensitivity_risks import risk_inputs
from desktop_app.analysis.tail import LossTail
from desktop_app.analysis.their_walk_away import range_of
from desktop_app.analysis.zopa import PriceOption
from desktop_app.domain.model import Alternative, Case, Scenario
from desktop_app.i18n import _

Range = tuple[float, float] | None

__all__ = ["ProposalInputs", "kind_means", "sensitivity"]


def _moved_option(option: PriceOption, field: str, value: float) -> PriceOption:
    if field == "unit_price":
        return replace(option, unit_price=value)
    if field == "switching_cost":
        return replace(option, switching_cost=value)
    if field == "failure_cost":
        return replace(option, failure_cost=value)
    return replace(option, feasibility=value)


def _plain_inputs(case: Case, proposal: Scenario, line: Baseline, move: Move) -> list[TornadoInput]:
    """Every input except the risks (those need the Monte Carlo)."""
    base = line.base
    result: list[TornadoInput] = []

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
        ends: tuple[float, float] | None = None,
    ) -> None:
        v_lo, v_hi = ends or move.values(value, kind[0], kind[1], kind[2], hi_open=hi_open)
        result.append(
            TornadoInput(
                ident, label, moves, value, v_lo, v_hi, evaluate(v_lo), evaluate(v_hi), question
            )
        )

    for index, cost_line in enumerate(case.cost_lines):

        def with_cost(x: float, index: int = index) -> Pair:
            costs = list(base.costs)
            costs[index] = (costs[index][0], x)
            return line.with_ours(replace(base, costs=tuple(costs)))

        add(
            f"cost_lines.{cost_line.id}.amount",
            _("Cost: {name}").format(name=cost_line.name or cost_line.id),
            "ours",
            cost_line.amount,
            (f"cost.{cost_line.basis}", 0.0, None),
            with_cost,
        )
    pid = proposal.id
    add(
        f"scenarios.{pid}.annual_volume",
        _("Annual volume of our proposal"),
        "both",
        base.volume,
        ("volume", 0.0, None),
        lambda x: line.with_both(replace(base, volume=x)),
        _("How many units a year will they really order over the contract?"),
    )
    add(
        f"scenarios.{pid}.payment_days",
        _("Payment days of our proposal"),
        "both",
        base.payment_days,
        ("payment_days", 0.0, 365.0),
        lambda x: line.with_both(replace(base, payment_days=x)),
    )
    shared_rate = base.their_cost_of_capital_pct is None
    add(
        "case.cost_of_capital_pct",
        _("Cost of capital"),
        "both" if shared_rate else "ours",
        base.cost_of_capital_pct,
        ("cost_of_capital_pct", 0.0, 100.0),
        lambda x: line.with_both(replace(base, cost_of_capital_pct=x)),
    )
    if base.their_cost_of_capital_pct is not None:
        add(
            "case.their_cost_of_capital_pct",
            _("Their cost of capital"),
            "theirs",
            base.their_cost_of_capital_pct,
            ("their_cost_of_capital_pct", 0.0, 100.0),
            lambda x: line.with_both(replace(base, their_cost_of_capital_pct=x)),
            _("What does money cost them: what is paying us later worth to them?"),
        )
    add(
        "case.min_margin_pct",
        _("Minimum margin"),
        "ours",
        base.min_margin_pct,
        ("min_margin_pct", 0.0, 100.0),
        lambda x: line.with_ours(replace(base, min_margin_pct=x)),
        hi_open=True,
    )
    alternatives = {a.id: a for a in case.alternatives}
    for index, option in enumerate(base.options):
        name = option.name or option.id
        quoted = _("“{name}”").format(name=name)

        def with_option(field: str, index: int = index) -> Callable[[float], Pair]:
            def evaluate(x: float) -> Pair:
                return line.with_option(index, _moved_option(base.options[index], field, x))

            return evaluate

        prefix = f"alternatives.{option.id}"
        alternative = alternatives.get(option.id)

        def ends(field: str, alternative: Alternative | None = alternative) -> Range:
            return range_of(alternative, field) if alternative is not None else None

        add(
            f"{prefix}.unit_price",
            _("Unit price of {name}").format(name=name),
            "theirs",
            option.unit_price,
            ("option.unit_price", 0.0, None),
            with_option("unit_price"),
            _("What would one unit really cost them with {name}?").format(name=quoted),
            ends=ends("unit_price"),
        )
        add(
            f"{prefix}.switching_cost",
            _("Switching cost of {name}").format(name=name),
            "theirs",
            option.switching_cost,
            ("option.switching_cost", 0.0, None),
            with_option("switching_cost"),
            _(
                "How much would going with {name} really cost them up front (qualification, "
                "tooling, learning curve)?"
            ).format(name=quoted),
            ends=ends("switching_cost"),
        )
        add(
            f"{prefix}.failure_cost",
            _("Failure cost of {name}").format(name=name),
            "theirs",
            option.failure_cost,
            ("option.failure_cost", 0.0, None),
            with_option("failure_cost"),
            _("What would it cost them if {name} failed (line stoppage, recalls)?").format(
                name=quoted
            ),
            ends=ends("failure_cost"),
        )
        add(
            f"{prefix}.feasibility",
            _("Feasibility of {name}").format(name=name),
            "theirs",
            option.feasibility,
            ("option.feasibility", 0.0, 1.0),
            with_option("feasibility"),
            _("How likely is it that {name} can really be carried out?").format(name=quoted),
        )
    return result


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
    pairing: Mapping[str, RunMap] | None = None,
) -> tuple[tuple[SensitivityItem, ...], tuple[IntelligenceItem, ...]]:
    """The ranked tornado and the ranked intelligence items (inputs moving theirs)."""
    move = Move(case.info.sensitivity_pct / 100.0, kind_means(case, proposal, base.options))
    line = Baseline(base)
    inputs = _plain_inputs(case, proposal, line, move)
    inputs += risk_inputs(case, proposal, line, tail, move, dict(retained or {}), tick, pairing)
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
