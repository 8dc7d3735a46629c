"""The case: one negotiation, as plain immutable data (SPEC §1).

Every entity is a frozen dataclass; collections are tuples and maps are plain dicts that are
never mutated after construction. A change is a new object (``dataclasses.replace``), which
makes undo, diffing for storage and running the analysis on another thread safe by design.

Building an object does not validate it: validation lives in ``validate.py`` and runs at the
edge (JSON import, the store's write API, the GUI).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Literal

PartySide = Literal["ours", "theirs", "third"]
Side = Literal["ours", "theirs"]
CostBasis = Literal["per_unit", "per_year", "one_time"]
RiskFrequency = Literal["per_contract", "per_year"]
ScenarioRole = Literal["their_demand", "our_proposal", "other"]

PARTY_SIDES: tuple[PartySide, ...] = ("ours", "theirs", "third")
SIDES: tuple[Side, ...] = ("ours", "theirs")
COST_BASES: tuple[CostBasis, ...] = ("per_unit", "per_year", "one_time")
RISK_FREQUENCIES: tuple[RiskFrequency, ...] = ("per_contract", "per_year")
SCENARIO_ROLES: tuple[ScenarioRole, ...] = ("their_demand", "our_proposal", "other")


@dataclass(frozen=True, slots=True)
class CaseInfo:
    """The case's own fields: who, what, the analysis settings and the two letterheads.

    ``their_cost_of_capital_pct`` is the counterpart's yearly cost of capital (SPEC §8);
    ``None``: the same as ours.

    The consultancy's letterhead (logo, accent colour) marks the team brief, the client's the
    proposal. A logo is the bytes of a PNG or JPEG (checked by ``fields.Logo``); an accent is
    ``#RRGGBB``; ``None``: none, and the document keeps its neutral design.
    """

    title: str = "New negotiation"
    client: str = ""
    counterpart: str = ""
    consultant: str = ""
    consultancy: str = ""
    subject: str = ""
    notes: str = ""
    currency: str = "EUR"
    prepared_on: str | None = None
    min_margin_pct: float = 10.0
    cost_of_capital_pct: float = 8.0
    their_cost_of_capital_pct: float | None = None
    risk_confidence: float = 0.9
    fair_band: tuple[float, float] = (0.4, 0.6)
    simulation_runs: int = 20_000
    simulation_seed: int = 1
    sensitivity_pct: float = 20.0
    consultancy_logo: bytes | None = field(default=None, repr=False)
    consultancy_accent: str | None = None
    client_logo: bytes | None = field(default=None, repr=False)
    client_accent: str | None = None
    #: The concession plan (SPEC §10): rounds N, shape e (below 1 concedes late, 1 linear,
    #: above 1 early) and the price it concedes to (``None``: the fair price).
    plan_rounds: int = 4
    plan_shape: float = 0.5
    plan_limit: float | None = None


@dataclass(frozen=True, slots=True)
class Interest:
    """Something a party actually needs, with a priority from 1 (minor) to 5 (vital)."""

    id: str
    text: str = ""
    priority: int = 3


@dataclass(frozen=True, slots=True)
class Party:
    """A person or organisation at or behind the table."""

    id: str
    name: str
    side: PartySide
    role: str = ""
    influence: int = 3
    stance: int = 0
    notes: str = ""
    interests: tuple[Interest, ...] = ()


@dataclass(frozen=True, slots=True)
class Criterion:
    """One thing a side judges options by; a side's weights are normalised to sum to one."""

    id: str
    side: Side
    name: str = ""
    weight: float = 1.0
    description: str = ""


@dataclass(frozen=True, slots=True)
class Alternative:
    """What one side can do if the talks fail (their side: what they threaten us with).

    ``unit_price``, ``switching_cost`` and ``failure_cost`` price the counterpart's
    alternatives; ``net_value`` (SPEC §8) is what one of *our* alternatives earns us over the
    contract's years (``None``: not priced). Validation refuses a ``net_value`` on their side.

    ``*_low`` / ``*_high`` (SPEC §9) are the range of one of *their* money fields when it is
    not known exactly (``None``: known exactly); low ≤ value ≤ high, the value staying the most
    likely one. Validation refuses them on our side.
    """

    id: str
    side: Side
    name: str = ""
    description: str = ""
    feasibility: float = 1.0
    scores: Mapping[str, float] = field(default_factory=dict)
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    unit_price: float | None = None
    switching_cost: float = 0.0
    failure_cost: float = 0.0
    net_value: float | None = None
    unit_price_low: float | None = None
    unit_price_high: float | None = None
    switching_cost_low: float | None = None
    switching_cost_high: float | None = None
    failure_cost_low: float | None = None
    failure_cost_high: float | None = None


@dataclass(frozen=True, slots=True)
class CostLine:
    """One of our costs of delivering the contract."""

    id: str
    name: str = ""
    basis: CostBasis = "per_unit"
    amount: float = 0.0


@dataclass(frozen=True, slots=True)
class Risk:
    """A loss we may suffer under the contract; impacts are money per occurrence."""

    id: str
    name: str = ""
    category: str = ""
    probability: float = 0.0
    frequency: RiskFrequency = "per_contract"
    impact_low: float = 0.0
    impact_likely: float = 0.0
    impact_high: float = 0.0
    capped_by_liability: bool = False
    mitigation: str = ""
    owner: str = ""


@dataclass(frozen=True, slots=True)
class RiskOverride:
    """A scenario's own view of a risk: any field left ``None`` keeps the register's value."""

    probability: float | None = None
    impact_low: float | None = None
    impact_likely: float | None = None
    impact_high: float | None = None


#: The risk fields a scenario may override: those of ``RiskOverride``.
OVERRIDABLE_RISK_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(RiskOverride))


@dataclass(frozen=True, slots=True)
class Term:
    """A free-text contract term (warranty, penalties, IP…) and why it is fair.

    ``basis`` is app bookkeeping, not part of the JSON interchange (as ``TalkingPoint.basis``):
    the proposal's figures (price, volume, payment days, cap, price change) when the term's
    words were last written, so that a figure they quote and that has changed since is
    flagged (``analysis.quotes``). ``None``: written before the app kept it, or imported."""

    name: str = ""
    value: str = ""
    rationale: str = ""
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Scenario:
    """A deal package. Price and volume stay ``None`` until the consultant enters them."""

    id: str
    name: str = ""
    role: ScenarioRole = "other"
    unit_price: float | None = None
    annual_volume: float | None = None
    years: int = 1
    annual_price_change_pct: float = 0.0
    payment_days: int = 30
    liability_cap: float | None = None
    scores: Mapping[str, float] = field(default_factory=dict)
    risk_overrides: Mapping[str, RiskOverride] = field(default_factory=dict)
    terms: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class TalkingPoint:
    """What to say when the counterpart raises an alternative (``None``: a general point).

    ``basis`` is app bookkeeping, not part of the JSON interchange: the generated text the
    point was last based on. ``text == basis`` means the point is as generated (the app keeps
    it up to date); a different text means the consultant edited it, and when the generated
    text moves away from ``basis`` the numbers under the edited point have changed.
    ``None``: written by hand or imported.
    """

    alternative_id: str | None = None
    text: str = ""
    basis: str | None = None
    #: App bookkeeping too: the proposal's figures when a point written by hand was last
    #: edited (as ``Term.basis``), so a figure it quotes that changed since is flagged.
    figures: str | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    """The "decent and fair" proposal's words: statement, talking points, interests met, and
    what makes it a formal offer: to whom, our reference, how long it is open, who signs it and
    whom to contact."""

    statement: str = ""
    talking_points: tuple[TalkingPoint, ...] = ()
    addresses_interests: tuple[str, ...] = ()
    addressee: str = ""
    reference: str = ""
    offer_valid_until: str | None = None
    signatory: str = ""
    contact: str = ""
    #: App bookkeeping, not in the JSON: the figures the statement was written against (as
    #: ``Term.basis``).
    statement_basis: str | None = None


@dataclass(frozen=True, slots=True)
class Offer:
    """One offer at the table (SPEC §10): who made it (``from_``, ``"from"`` in the JSON and
    the file), in which round and when, and its terms. A term left ``None`` is the one of our
    proposal for an offer of ours, of their demand for theirs (``analysis.talks``); a cap
    left ``None`` is therefore "as the reference scenario", not "uncapped"."""

    id: str
    round: int = 1
    date: str | None = None
    from_: Side = "theirs"
    unit_price: float | None = None
    annual_price_change_pct: float | None = None
    payment_days: int | None = None
    liability_cap: float | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Correlation:
    """How two risks of the register tend to happen together (SPEC §9): the target rank
    correlation ``rho`` (−0.95…0.95) of their losses, paired in the Monte Carlo by
    Iman–Conover. At most one per pair; the matrix they make must be positive semi-definite."""

    risk_a: str
    risk_b: str
    rho: float = 0.0


@dataclass(frozen=True, slots=True)
class Case:
    """One negotiation: the whole document the file stores and the analysis reads."""

    info: CaseInfo = field(default_factory=CaseInfo)
    parties: tuple[Party, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    cost_lines: tuple[CostLine, ...] = ()
    risks: tuple[Risk, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    proposal: Proposal = field(default_factory=Proposal)
    offers: tuple[Offer, ...] = ()
    correlations: tuple[Correlation, ...] = ()

    def scenario_with_role(self, role: ScenarioRole) -> Scenario | None:
        """The scenario playing ``role`` (there is at most one per special role)."""
        return next((s for s in self.scenarios if s.role == role), None)

    @property
    def proposal_scenario(self) -> Scenario | None:
        return self.scenario_with_role("our_proposal")

    @property
    def demand_scenario(self) -> Scenario | None:
        return self.scenario_with_role("their_demand")

    def criteria_of(self, side: Side) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.side == side)

    def alternatives_of(self, side: Side) -> tuple[Alternative, ...]:
        return tuple(a for a in self.alternatives if a.side == side)

    def interests_of(self, side: PartySide) -> tuple[tuple[Party, Interest], ...]:
        return tuple((p, i) for p in self.parties if p.side == side for i in p.interests)


def blank_case(*, prepared_on: str | None = None) -> Case:
    """A new case: valid but incomplete, with an empty "Our proposal" scenario to begin from."""
    return Case(
        info=CaseInfo(prepared_on=prepared_on),
        scenarios=(Scenario(id="proposal", name="Our proposal", role="our_proposal", years=3),),
    )
