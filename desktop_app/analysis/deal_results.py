"""What the deal design produces (SPEC §8): plain frozen dataclasses, free of numpy.

Money in the case currency, ``*_pct`` in percent, payment days in days, a cap ``None`` =
uncapped. "Surplus" is in money over the whole contract: ``our_surplus`` = U_us (our
conservative margin over our money BATNA), ``their_surplus`` = U_them (what the deal saves them
against their money BATNA on the terms they demand). The formulas are in ``deal_model.py``;
the trading plan, the offers of equal value and the improvement in ``deal.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # numpy behind it: the app's tabs read the results without loading it
    from desktop_app.analysis.deal_model import DealModel

#: The terms the trading plan prices, by their scenario field names.
TradeTerm = Literal["payment_days", "liability_cap", "annual_price_change_pct"]
#: trade: concede it and ask for its price equivalent, both gain; even: it only moves money
#: from one side to the other; hold: it costs us more than it is worth to them.
TradeVerdict = Literal["trade", "even", "hold"]
TRADE_TERMS: tuple[TradeTerm, ...] = ("payment_days", "liability_cap", "annual_price_change_pct")


@dataclass(frozen=True, slots=True)
class DealSurplus:
    """One package's surpluses and the expected loss above our cap that stays with them (X).
    ``their_surplus`` is None when their money BATNA is unknown."""

    unit_price: float
    annual_price_change_pct: float
    payment_days: int
    liability_cap: float | None
    our_surplus: float
    their_surplus: float | None
    their_risk_kept: float
    acceptable_to_us: bool


@dataclass(frozen=True, slots=True)
class Trade:
    """One term where our proposal (``ours``) and their demand (``theirs``) differ: what
    conceding it costs us, what it is worth to them, and whether to trade it for price.

    ``price_equivalent`` is the first-year price increase that makes us whole for conceding it;
    ``their_cost_of_price`` what that increase costs them; ``joint_gain`` = value_to_them −
    their_cost_of_price: both sides gain by the trade when it is above 1 % of |value_to_them|
    (``trade``), within ±1 % it is ``even``, below ``hold``.
    """

    term: TradeTerm
    ours: float | None
    theirs: float | None
    cost_to_us: float
    value_to_them: float
    price_equivalent: float | None
    their_cost_of_price: float | None
    joint_gain: float | None
    verdict: TradeVerdict


@dataclass(frozen=True, slots=True)
class MesoOffer:
    """One of the offers of equal value to us (MESO): its terms and the price that gives the
    proposal's own ``our_surplus``; ``is_proposal`` marks our proposal itself (the first)."""

    unit_price: float
    annual_price_change_pct: float
    payment_days: int
    liability_cap: float | None
    our_surplus: float
    their_surplus: float
    is_proposal: bool = False


@dataclass(frozen=True, slots=True)
class Improvement:
    """A package better for both than our proposal: on its terms every price in
    [price_low, price_high] leaves both sides at least as well off (and is acceptable to us);
    ``unit_price`` maximises the smaller of the two gains."""

    unit_price: float
    annual_price_change_pct: float
    payment_days: int
    liability_cap: float | None
    price_low: float
    price_high: float
    our_gain: float
    their_gain: float


@dataclass(frozen=True, slots=True)
class GridPackage:
    """One combination of the MESO grid's non-price terms, for the chart "what each package is
    worth to each side": the prices it can sweep within both walk-aways, [price_low,
    price_high] (None when our walk-away is not below theirs on these terms), and the two
    surpluses at each end. ``our_walk_away``/``their_walk_away`` are for these terms."""

    annual_price_change_pct: float
    payment_days: int
    liability_cap: float | None
    our_walk_away: float | None
    their_walk_away: float | None
    price_low: float | None
    price_high: float | None
    our_surplus_low: float | None
    their_surplus_low: float | None
    our_surplus_high: float | None
    their_surplus_high: float | None


@dataclass(frozen=True)
class DealAnalysis:
    """Every figure of SPEC §8 on the case.

    ``their_cost_of_capital_pct`` is the rate used (``their_cost_of_capital_assumed``: the case
    leaves it empty, so it is ours). ``our_batna_value`` is E_b (0 without a net value; its
    alternative ``our_batna_alternative``); ``their_reference_cost`` is B_ref. ``proposal``
    and ``demand`` are those packages (the demand on the proposal's volume and years); None
    when the proposal has no price or volume (``reason``). ``trades``, ``meso`` and
    ``improvement`` need their demand: None without it, ``reason`` saying why; ``meso_note``
    and ``improvement_note`` say why a set is short or there is no improvement ("our proposal
    is efficient on these terms"). ``model`` evaluates any other package (what-if); it is
    not pickled.
    """

    their_cost_of_capital_pct: float
    their_cost_of_capital_assumed: bool
    our_batna_alternative: str | None
    our_batna_value: float
    their_reference_cost: float | None
    proposal: DealSurplus | None
    demand: DealSurplus | None
    trades: tuple[Trade, ...] | None
    meso: tuple[MesoOffer, ...] | None
    improvement: Improvement | None
    grid: tuple[GridPackage, ...] = ()
    reason: str | None = None
    meso_note: str | None = None
    improvement_note: str | None = None
    model: DealModel | None = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> dict[str, object]:
        """Pickled (to the chart workers) without ``model``: the what-if stays in the process
        that analysed, and the risk draws behind it are not copied."""
        state = dict(self.__dict__)
        state["model"] = None
        return state
