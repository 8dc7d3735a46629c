"""The figure catalogue: every figure of a scenario declared once — its JSON key, its label,
what it means, its unit and how to read it from the analysis.

The text report, the team brief, the app's grids and the dashboard all take their rows from
here and only format them (each in its own style), so a label or an explanation is written in
one place. Labels and explanations may hold placeholders filled from the case by ``words``:
``{confidence}`` ("90 %"), ``{alpha}`` ("90", as in VaR90), ``{tail}`` ("10 %"),
``{tail_ratio}`` ("10"), ``{minimum}`` ("10 %"), ``{runs}`` ("20,000").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

from desktop_app.analysis.wording import fixed, number_g, percent_g, shortfall_meaning
from desktop_app.domain.model import CaseInfo
from desktop_app.i18n import N_, _

if TYPE_CHECKING:  # the result types load only with the analysis (not before the first paint)
    from desktop_app.analysis.results import ScenarioAnalysis

#: How a figure's number reads: money (whole units), a price per unit (cents), a percentage
#: (the number is in percent), a share (a fraction shown as percent), a plain count, or a
#: liability cap (money, or "uncapped" when there is none).
Kind = Literal["money", "price", "pct", "share", "number", "years", "cap"]

Getter = Callable[["ScenarioAnalysis"], float | None]


@dataclass(frozen=True)
class Figure:
    """One figure of a scenario. ``key`` is its name in ``analyze --json`` (and what the
    readiness items name as affected). ``english_label`` and ``english_meaning`` are the
    catalogue's msgids; ``label`` and ``meaning`` read them in the language in use."""

    key: str
    english_label: str
    english_meaning: str
    kind: Kind
    value: Getter
    #: True when the value should be shown as a warning (e.g. a margin under the minimum).
    alert: Callable[[float, CaseInfo], bool] | None = None
    #: The figure's Monte Carlo standard error, shown as "± …" beside it.
    error: Getter | None = None

    @property
    def label(self) -> str:
        return _(self.english_label)

    @property
    def meaning(self) -> str:
        return _(self.english_meaning)

    def label_in(self, words: Mapping[str, str]) -> str:
        return self.label.format_map(words)

    def meaning_in(self, words: Mapping[str, str]) -> str:
        return self.meaning.format_map(words)


def words(info: CaseInfo) -> dict[str, str]:
    """The placeholders of labels and meanings, for this case."""
    alpha = info.risk_confidence
    tail = 1.0 - alpha
    return {
        "confidence": percent_g(100 * alpha, " "),
        "alpha": number_g(100 * alpha),
        "tail": percent_g(float(f"{100 * tail:.3g}"), " "),
        "tail_ratio": fixed(1 / tail, 0) if tail > 0 else "∞",
        "minimum": percent_g(info.min_margin_pct, " "),
        "runs": fixed(info.simulation_runs, 0, grouping=True),
        "shortfall": shortfall_meaning(alpha),
    }


def _under_minimum(value: float, info: CaseInfo) -> bool:
    return value < info.min_margin_pct


# --- the inputs that frame a scenario ----------------------------------------------------------

UNIT_PRICE = Figure(
    "unit_price",
    N_("Unit price (first year)"),
    N_(
        "What one unit sells for in the first contract year; later years move by the yearly price "
        "change."
    ),
    "price",
    lambda s: s.unit_price,
)
ANNUAL_VOLUME = Figure(
    "annual_volume",
    N_("Annual volume"),
    N_("Units delivered each contract year."),
    "number",
    lambda s: s.annual_volume,
)
YEARS = Figure(
    "years", N_("Years"), N_("The contract's length in years."), "years", lambda s: float(s.years)
)
LIABILITY_CAP = Figure(
    "liability_cap",
    N_("Liability cap"),
    N_("The most we pay per occurrence of a risk that the cap limits; uncapped when empty."),
    "cap",
    lambda s: s.liability_cap,
)

# --- money ---------------------------------------------------------------------------------

REVENUE = Figure(
    "revenue",
    N_("Revenue"),
    N_(
        "R = unit price × the volume of every year, the price moving each year by the yearly "
        "price change."
    ),
    "money",
    lambda s: s.money.revenue,
)
COST = Figure(
    "cost",
    N_("Cost"),
    N_("C = per-unit costs × units + yearly costs × years + one-time costs (the cost lines)."),
    "money",
    lambda s: s.money.cost,
)
FINANCING_COST = Figure(
    "financing_cost",
    N_("Financing cost"),
    N_("F = revenue × cost of capital × payment days / 365: what waiting to be paid costs us."),
    "money",
    lambda s: s.money.financing_cost,
)
MARGIN = Figure(
    "margin",
    N_("Margin"),
    N_("M = revenue − cost − financing cost, before any risk occurs."),
    "money",
    lambda s: s.money.margin,
    alert=lambda v, _info: v < 0,
)
MARGIN_PCT = Figure(
    "margin_pct",
    N_("Margin %"),
    N_(
        "Margin as a share of revenue, before risks; a warning when under the minimum of {minimum}."
    ),
    "pct",
    lambda s: s.money.margin_pct,
    alert=_under_minimum,
)

# --- risk ----------------------------------------------------------------------------------

EXPECTED_LOSS = Figure(
    "expected_loss",
    N_("Expected loss E[L]"),
    N_(
        "What the risks cost on average over the whole contract — each risk's probability times "
        "its average impact per occurrence (limited by the liability cap where it applies), summed "
        "over the risks and, for yearly risks, over the years."
    ),
    "money",
    lambda s: s.loss.expected_loss,
)
VALUE_AT_RISK = Figure(
    "loss_at_confidence",
    N_("Value at risk VaR{alpha}"),
    N_(
        "The total loss that {confidence} of the simulated contracts stay under. One contract in "
        "{tail_ratio} loses more."
    ),
    "money",
    lambda s: s.loss.loss_at_confidence,
)
EXPECTED_SHORTFALL = Figure(
    "expected_shortfall",
    N_("Expected shortfall ES{alpha}"),
    N_(
        "Expected shortfall at {confidence}: {shortfall}. It shows what an uncapped liability "
        "really means; our walk-away price and the conservative margin are built on it.\n\n"
        "± is its Monte Carlo standard error at {runs} runs (batch means over 20 batches of "
        "runs): about how far it would move with another random seed. More runs make it smaller."
    ),
    "money",
    lambda s: s.loss.expected_shortfall,
    error=lambda s: s.loss.expected_shortfall_se,
)
P50 = Figure(
    "p50",
    N_("Median loss P50"),
    N_("Half of the simulated contracts lose less than this, half lose more."),
    "money",
    lambda s: s.loss.p50,
)
P90 = Figure(
    "p90",
    N_("Loss P90"),
    N_("Nine contracts in ten lose less than this."),
    "money",
    lambda s: s.loss.p90,
)
P95 = Figure(
    "p95",
    N_("Loss P95"),
    N_("Nineteen contracts in twenty lose less than this."),
    "money",
    lambda s: s.loss.p95,
)
P_ANY_LOSS = Figure(
    "p_any_loss",
    N_("P(any risk occurs)"),
    N_("The chance that at least one risk of the register occurs during the contract."),
    "share",
    lambda s: 1.0 - s.loss.p_no_loss,
)

# --- after risk --------------------------------------------------------------------------------

RISK_ADJUSTED_MARGIN = Figure(
    "risk_adjusted_margin_pct",
    N_("Risk-adjusted margin %"),
    N_("(M − expected loss) / revenue: the margin we keep on average once the risks are paid."),
    "pct",
    lambda s: s.risk_adjusted_margin_pct,
    alert=_under_minimum,
)
CONSERVATIVE_MARGIN = Figure(
    "conservative_margin_pct",
    N_("Conservative margin %"),
    N_(
        "(M − expected shortfall) / revenue: the margin left in the bad cases. Our walk-away "
        "price is where this meets the minimum of {minimum}."
    ),
    "pct",
    lambda s: s.conservative_margin_pct,
    alert=_under_minimum,
)
WALK_AWAY = Figure(
    "walk_away_price",
    N_("Our walk-away price"),
    N_(
        "The lowest first-year unit price whose conservative margin still meets the minimum of "
        "{minimum}: (cost + expected shortfall) / (K × (1 − minimum − financing rate)). Below it "
        "we should walk away."
    ),
    "price",
    lambda s: s.walk_away_price,
)
P_BELOW_MINIMUM = Figure(
    "p_below_min_margin",
    N_("P(margin under minimum)"),
    N_(
        "The chance that the margin left after the losses falls under the minimum margin of "
        "{minimum} of revenue."
    ),
    "share",
    lambda s: s.p_below_min_margin,
)
P_LOSS = Figure(
    "p_loss",
    N_("P(loss-making contract)"),
    N_("The chance that the losses eat the whole margin: the contract loses money."),
    "share",
    lambda s: s.p_loss,
)

#: What frames a scenario (its inputs), first in every scenario table.
SCENARIO_INPUTS = (UNIT_PRICE, ANNUAL_VOLUME, YEARS, LIABILITY_CAP)
#: The Risk tab's figures.
RISK_FIGURES = (
    EXPECTED_LOSS,
    VALUE_AT_RISK,
    EXPECTED_SHORTFALL,
    P50,
    P90,
    P95,
    P_ANY_LOSS,
    P_BELOW_MINIMUM,
    P_LOSS,
)
#: The Margin tab's figures, and the order of every full scenario table.
MARGIN_FIGURES = (
    REVENUE,
    COST,
    FINANCING_COST,
    MARGIN,
    MARGIN_PCT,
    EXPECTED_LOSS,
    VALUE_AT_RISK,
    EXPECTED_SHORTFALL,
    RISK_ADJUSTED_MARGIN,
    CONSERVATIVE_MARGIN,
    WALK_AWAY,
    P_BELOW_MINIMUM,
    P_LOSS,
)
#: Every figure of a scenario once, in the order of the text report's and brief's tables.
SCENARIO_FIGURES = (
    *MARGIN_FIGURES[:8],
    P50,
    P90,
    P95,
    *MARGIN_FIGURES[8:],
)
#: Their demand against our proposal: the dashboard and the brief's executive summary.
EXPOSURE_FIGURES = (
    LIABILITY_CAP,
    MARGIN,
    MARGIN_PCT,
    EXPECTED_LOSS,
    EXPECTED_SHORTFALL,
    CONSERVATIVE_MARGIN,
    WALK_AWAY,
)

K = TypeVar("K")


class Labels(Mapping[K, str]):
    """Labels by key, read in the language in use (declared in English, marked with ``N_``):
    every place that shows one is translated without a ``_`` of its own; ``english`` keeps
    the msgids."""

    def __init__(self, english: Mapping[K, str]) -> None:
        self.english = dict(english)

    def __getitem__(self, key: K) -> str:
        return _(self.english[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self.english)

    def __len__(self) -> int:
        return len(self.english)


#: The zone of possible agreement's figures (``analyze --json`` "zopa" keys → label).
ZOPA_LABELS = Labels(
    {
        "our_walk_away": N_("Our walk-away price"),
        "their_walk_away": N_("Their walk-away price"),
        "their_batna_alternative": N_("Their money BATNA"),
        "width": N_("Zone"),
        "fair_price": N_("Fair price"),
        "proposal_price": N_("Our proposal's price"),
        "verdict": N_("Verdict"),
    }
)
#: The price ladder's rungs (the game plan): the zone's prices and their demand's price.
LADDER_LABELS = Labels(
    {
        "their_walk_away": ZOPA_LABELS.english["their_walk_away"],
        "proposal_price": ZOPA_LABELS.english["proposal_price"],
        "fair_price": ZOPA_LABELS.english["fair_price"],
        "our_walk_away": ZOPA_LABELS.english["our_walk_away"],
        "demand_price": N_("Their demand's price"),
    }
)
#: The trading plan's columns (``analyze --json`` "deal" "trades" keys → label): one term's
#: values on both sides and what conceding it moves. "verdict" here is a trade's advice
#: (trade, even, hold), not the zone's verdict.
TRADE_LABELS = Labels(
    {
        "ours": N_("Ours"),
        "theirs": N_("Theirs"),
        "cost_to_us": N_("Cost to us"),
        "value_to_them": N_("Value to them"),
        "price_equivalent": N_("Price equivalent"),
        "joint_gain": N_("Joint gain"),
        "verdict": N_("Advice"),
    }
)
#: The trading plan's columns in the order every table shows them.
TRADE_KEYS = tuple(TRADE_LABELS)
