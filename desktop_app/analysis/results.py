"""What the analysis produces: plain frozen dataclasses, ready for the GUI, charts and PDFs.

Money is in the case currency, ``*_pct`` fields are percent, probabilities and shares are
fractions 0–1, values are points 0–100. ``None`` means "not available": the case lacks an
input for it, and ``Readiness`` names the reason (``ReadinessItem.affects``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from desktop_app.analysis.deal_results import DealAnalysis
from desktop_app.analysis.talks_results import TalksAnalysis

Moves = Literal["ours", "theirs", "both"]
#: What a tornado move breaks: our walk-away, theirs (undefined), or the zone (gone).
Breaks = Literal["ours", "theirs", "zone"]

#: Verdict words on the proposal price (JSON); the text report words them in plain English.
Verdict = Literal[
    "fair",
    "aggressive",
    "generous",
    "below_our_walk_away",
    "above_their_walk_away",
    "no_zopa",
    "unknown",
]


@dataclass(frozen=True, slots=True)
class Histogram:
    """Counts of simulated total losses in equal-width bins; ``len(edges) == len(counts) + 1``."""

    edges: tuple[float, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Money:
    """A scenario's money figures (SPEC §2 "Money"); ``None`` where price or volume is missing.

    ``price_weighted_volume`` is K = V·Σ(1+g)^(y−1): revenue per unit of first-year price.
    ``units`` is Q = V·Y, the units delivered over the contract.
    """

    price_weighted_volume: float | None
    units: float | None
    revenue: float | None
    cost: float | None
    financing_cost: float | None
    margin: float | None
    margin_pct: float | None


@dataclass(frozen=True, slots=True)
class LossFigures:
    """The total loss L of one scenario: analytic mean and the Monte Carlo distribution.

    ``expected_shortfall`` is the average of the worst (1 − α) share of runs;
    ``expected_shortfall_se`` its Monte Carlo standard error (batch means, 20 batches).
    """

    runs: int
    expected_loss: float
    simulated_mean: float
    loss_at_confidence: float
    expected_shortfall: float
    expected_shortfall_se: float
    p50: float
    p90: float
    p95: float
    p_no_loss: float
    histogram: Histogram


@dataclass(frozen=True, slots=True)
class ScenarioAnalysis:
    """Every §2 figure of one scenario."""

    id: str
    name: str
    role: str
    unit_price: float | None
    annual_volume: float | None
    years: int
    liability_cap: float | None
    money: Money
    loss: LossFigures
    risk_adjusted_margin_pct: float | None
    conservative_margin_pct: float | None
    walk_away_price: float | None
    walk_away_note: str | None
    p_below_min_margin: float | None
    p_loss: float | None


@dataclass(frozen=True, slots=True)
class AlternativeCost:
    """What one of their price-based alternatives costs them over our proposal's contract.

    ``total_cost`` is T_a = unit_price·Q + switching_cost + (1 − p)·failure_cost;
    ``effective_price`` is the first-year price on our proposal's price path and terms that
    costs them the same (SPEC §8: the alternative comes with the payment days and cap they
    demand, (T_a·(1 − r_t·d_D/365) + X(c_D) − X(c_P)) / (K·(1 − r_t·d_P/365))), so it compares
    like for like with our price; ``effective_price_price_only`` = T_a/K is §2's figure, terms
    not counted; ``cost_per_unit`` = T_a/Q is its average cost per unit.
    """

    alternative_id: str
    name: str
    unit_price: float
    switching_cost: float
    failure_cost: float
    feasibility: float
    total_cost: float | None
    effective_price: float | None
    cost_per_unit: float | None
    effective_price_price_only: float | None = None


@dataclass(frozen=True, slots=True)
class Zopa:
    """The zone of possible agreement on the proposal scenario and the verdict on its price.

    ``their_walk_away`` is term-aware (SPEC §8: the price at which their surplus is 0 on our
    proposal's terms); ``their_walk_away_price_only`` is §2's T_a/K, kept for comparison.
    """

    scenario_id: str | None
    our_walk_away: float | None
    their_walk_away: float | None
    their_batna_alternative: str | None
    exists: bool | None
    width: float | None
    fair_price: float | None
    proposal_price: float | None
    our_share: float | None
    verdict: Verdict
    fair_band: tuple[float, float]
    alternatives: tuple[AlternativeCost, ...]
    #: Their price-based alternatives left out of the money BATNA (feasibility 0).
    left_out: tuple[str, ...] = ()
    their_walk_away_price_only: float | None = None


@dataclass(frozen=True, slots=True)
class OptionValue:
    """One option judged by one side: an alternative (with feasibility) or a scenario."""

    id: str
    kind: Literal["alternative", "scenario"]
    name: str
    value: float
    feasibility: float | None
    expected_value: float


@dataclass(frozen=True, slots=True)
class Robustness:
    """The smallest single change of a score or a weight that lets one of their alternatives
    reach the value of our proposal for them (SPEC §2 "Robustness").

    ``change`` is in score points (0–10 scale) or weight points (normalised weight × 100),
    ``None`` when no single change can do it. ``clear_winner`` is False when the proposal's
    gain over their value BATNA is under 10 points.
    """

    change: float | None
    unit: Literal["score_points", "weight_points"] | None
    input: str | None
    label: str | None
    alternative_id: str | None
    from_value: float | None
    to_value: float | None
    clear_winner: bool
    description: str


@dataclass(frozen=True, slots=True)
class SideValue:
    """The value view of one side (SPEC §2 "Value"); ``available`` is False without weights.

    ``left_out`` are the side's alternatives with feasibility 0: never its value BATNA."""

    side: Literal["ours", "theirs"]
    available: bool
    reason: str | None
    weights: tuple[tuple[str, float], ...]
    options: tuple[OptionValue, ...]
    batna_alternative: str | None
    batna_value: float | None
    proposal_value: float | None
    gain: float | None
    robustness: Robustness | None
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ValueView:
    """Both sides' values and the leverage index gain_theirs − gain_ours.

    ``leverage`` is None, with ``leverage_reason`` saying why, when a side's gain is unknown
    or while scores that enter it are missing (``missing_scores`` counts them: each
    alternative on its side's criteria, the proposal on both sides' criteria).
    """

    theirs: SideValue
    ours: SideValue
    leverage: float | None
    leverage_reason: str | None = None
    missing_scores: int = 0


@dataclass(frozen=True, slots=True)
class SensitivityItem:
    """One tornado bar: the ZOPA width with the input moved down (``low``) and up (``high``).

    ``value_low``/``value_high`` are the moved input values after clipping; the walk-aways at
    each move are kept so a chart can show which side moved. A figure is ``None`` where the
    ZOPA width is not available at that move. ``breaks`` says what a move breaks that stands
    at the base (a walk-away becomes undefined, or the zone disappears); such items rank first.
    """

    input: str
    label: str
    moves: Moves
    value: float
    value_low: float
    value_high: float
    low: float | None
    high: float | None
    swing: float | None
    our_walk_away_low: float | None
    our_walk_away_high: float | None
    their_walk_away_low: float | None
    their_walk_away_high: float | None
    breaks: Breaks | None = None

    @property
    def matters(self) -> bool:
        """The move changes something: a swing above zero, or a break."""
        return self.breaks is not None or (self.swing is not None and self.swing > 0.0)


@dataclass(frozen=True, slots=True)
class IntelligenceItem:
    """An assumption about the counterpart worth checking, and the question that settles it."""

    input: str
    label: str
    moves: Moves
    value: float
    swing: float | None
    question: str
    breaks: Breaks | None = None


@dataclass(frozen=True, slots=True)
class ReadinessItem:
    """One checklist item; ``todo`` says what to do when it fails; ``affects`` lists the JSON
    figures that are unavailable because of it."""

    id: str
    label: str
    passed: bool
    todo: str | None
    detail: str | None
    affects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Readiness:
    """``score`` is the fraction of items passed (0–1)."""

    score: float
    passed: int
    total: int
    items: tuple[ReadinessItem, ...]


@dataclass(frozen=True, slots=True)
class Settings:
    """The analysis settings the figures were computed with (for the report's appendix).

    ``tail_runs`` = runs·(1 − α), the runs that the expected shortfall averages;
    ``tail_too_thin`` when they are under 200, and ``runs_needed`` is then the fewest runs
    that give 200 at this confidence.
    """

    currency: str
    runs: int
    seed: int
    risk_confidence: float
    sensitivity_pct: float
    min_margin_pct: float
    cost_of_capital_pct: float
    their_cost_of_capital_pct: float
    quantile_method: str
    tail_runs: float
    runs_needed: int
    tail_too_thin: bool


@dataclass(frozen=True, slots=True)
class WalkAwayDistribution:
    """Their walk-away as a distribution (SPEC §9, ``their_walk_away``): ``p_deal`` None
    without a proposal price; ``p_no_zone`` and the best offer None without our walk-away
    (the best offer also when no run's W reaches it: ``best_offer_note``)."""

    p10: float
    p50: float
    p90: float
    p_deal: float | None
    p_no_zone: float | None
    best_offer: float | None
    best_offer_p_deal: float | None
    best_offer_expected_surplus: float | None
    best_offer_note: str | None
    curve: tuple[tuple[float, float], ...]
    runs: int
    ranged_alternatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CaseAnalysis:
    settings: Settings
    scenarios: tuple[ScenarioAnalysis, ...]
    zopa: Zopa
    value: ValueView
    sensitivity: tuple[SensitivityItem, ...]
    intelligence: tuple[IntelligenceItem, ...]
    readiness: Readiness
    #: SPEC §8: what every term is worth to each side (``deal_results.DealAnalysis``).
    deal: DealAnalysis
    #: SPEC §10: the offers against the concession plan (``talks_results.TalksAnalysis``).
    talks: TalksAnalysis = field(default_factory=TalksAnalysis)
    #: SPEC §9: their walk-away as a distribution; None without ranges on their alternatives.
    their_walk_away: WalkAwayDistribution | None = None

    def scenario(self, scenario_id: str) -> ScenarioAnalysis | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)
