"""The proposal's inputs for the tornado and how a move of one of them changes the two
walk-aways (SPEC §2 "Sensitivity", §8): the base the tornado's inputs are moved from.
See ``sensitivity.py`` for how inputs move and rank."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop_app.analysis.money import (
    contract_cost,
    financing_rate,
    our_walk_away,
    price_weighted_volume,
)
from desktop_app.analysis.montecarlo import occurrence_of
from desktop_app.analysis.results import Moves
from desktop_app.analysis.zopa import PriceOption, TheirTerms, their_walk_away
from desktop_app.domain.model import Case, Scenario


@dataclass(frozen=True, slots=True)
class ProposalInputs:
    """Every number the two walk-aways of the proposal depend on.

    ``their_cost_of_capital_pct`` None: the same as ours. ``reference_days`` and the risk they
    keep, X, under their demand's cap (``reference_kept``) and ours (``proposal_kept``) make
    their walk-away term-aware; ``our_batna`` is E_b."""

    volume: float
    years: int
    price_change_pct: float
    payment_days: float
    cost_of_capital_pct: float
    min_margin_pct: float
    costs: tuple[tuple[str, float], ...]
    shortfall: float
    options: tuple[PriceOption, ...]
    their_cost_of_capital_pct: float | None = None
    reference_days: float = 0.0
    reference_kept: float = 0.0
    proposal_kept: float = 0.0
    our_batna: float = 0.0

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
            batna=self.our_batna,
        )

    @property
    def their_terms(self) -> TheirTerms:
        rate = self.their_cost_of_capital_pct
        if rate is None:
            rate = self.cost_of_capital_pct
        return TheirTerms(
            reference_factor=1.0 - financing_rate(rate, self.reference_days),
            reference_kept=self.reference_kept,
            proposal_kept=self.proposal_kept,
            proposal_factor=1.0 - financing_rate(rate, self.payment_days),
        )

    def theirs(self) -> float | None:
        return their_walk_away(self.options, self.volume * self.years, self.k, self.their_terms)[0]


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


class Baseline:
    """The base walk-aways, with shortcuts for moves that touch only one side or one option."""

    def __init__(self, base: ProposalInputs) -> None:
        self.base = base
        self.k = base.k
        self.cost = contract_cost(base.costs, base.volume, base.years)
        self.units = base.volume * base.years
        self.ours = base.ours(self.cost, self.k)
        self.theirs = base.theirs()
        self.terms = base.their_terms
        totals = sorted(
            (o.total_cost(self.units), i) for i, o in enumerate(base.options) if o.feasible
        )
        self._cheapest = totals[:2]

    def with_ours(self, inputs: ProposalInputs) -> Pair:
        return inputs.ours(), self.theirs

    def with_shortfall(self, shortfall: float) -> Pair:
        return replace(self.base, shortfall=shortfall).ours(self.cost, self.k), self.theirs

    def with_risk(self, shortfall: float, kept: tuple[float, float] | None) -> Pair:
        """A risk moved: ES, and when it is capped the risk they keep (ours, theirs) moves."""
        if kept is None:
            return self.with_shortfall(shortfall)
        moved = replace(
            self.base, shortfall=shortfall, proposal_kept=kept[0], reference_kept=kept[1]
        )
        best = self._cheapest[0][0] if self._cheapest and self.k > 0.0 else None
        theirs = moved.their_terms.price(best, self.k) if best is not None else None
        return moved.ours(self.cost, self.k), theirs

    def with_option(self, index: int, option: PriceOption) -> Pair:
        if self.k <= 0.0:
            return self.ours, None
        others = [total for total, i in self._cheapest if i != index][:1]
        mine = [option.total_cost(self.units)] if option.feasible else []
        candidates = [*mine, *others]
        return self.ours, (self.terms.price(min(candidates), self.k) if candidates else None)

    def with_both(self, inputs: ProposalInputs) -> Pair:
        return inputs.ours(), inputs.theirs()


@dataclass(frozen=True, slots=True)
class TornadoInput:
    ident: str
    label: str
    moves: Moves
    value: float
    value_low: float
    value_high: float
    low: Pair
    high: Pair
    question: str | None = None
