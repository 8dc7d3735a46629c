"""Sentences about the figures, shared by every place that words them (the ``analyze`` text
report, the team brief): one wording, so the reports never contradict each other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # types only: the app's tab list reads this module before its first paint
    from desktop_app.analysis.deal_results import Improvement, Trade, TradeTerm, TradeVerdict
    from desktop_app.analysis.results import Breaks, SensitivityItem, Settings, ValueView, Zopa

#: What the fair price is, in the words every place that shows it uses: it claims no more.
FAIR_PRICE_MEANING = "the middle of the zone — the split under equal bargaining power"
#: A leverage index within ± this many points states no difference in need.
CLEAR_LEVERAGE_POINTS = 10.0
#: How ES is explained in one sentence (tooltips, the guide, the brief's method).
SHORTFALL_MEANING = (
    "the average loss of the worst {tail} of simulated contracts (the tail beyond the value "
    "at risk): what the bad cases cost on average"
)
#: What a tornado move breaks, in words.
BREAK_WORDS: dict[Breaks, str] = {
    "ours": "leaves our walk-away undefined",
    "theirs": "leaves their walk-away undefined",
    "zone": "removes the zone of possible agreement",
}


def shortfall_meaning(confidence: float) -> str:
    """SHORTFALL_MEANING for a confidence level (90 % → "10 %")."""
    return SHORTFALL_MEANING.format(tail=f"{100.0 * (1.0 - confidence):g} %")


def leverage_words(value: ValueView) -> str:
    """Who needs the deal more, claiming no more than the number: within ±10 points "no clear
    difference in need"; while scores are missing or a gain is unknown, why there is no
    verdict."""
    if value.leverage is None:
        return value.leverage_reason or "unknown"
    if abs(value.leverage) <= CLEAR_LEVERAGE_POINTS:
        return "no clear difference in need"
    if value.leverage > 0:
        return "they need this deal more than we do"
    return "we need this deal more than they do"


def thin_tail_warning(settings: Settings) -> str | None:
    """A warning when the tail rests on fewer than 200 runs, naming the runs needed."""
    if not settings.tail_too_thin:
        return None
    return (
        f"The risk tail rests on only {settings.tail_runs:,.0f} runs beyond the value at risk: "
        f"use at least {settings.runs_needed:,} runs at "
        f"{100.0 * settings.risk_confidence:g} % for a stable expected shortfall."
    )


#: The same, short enough to sit under an input's name in a chart.
BREAK_LABELS: dict[Breaks, str] = {
    "ours": "our walk-away undefined",
    "theirs": "their walk-away undefined",
    "zone": "removes the zone",
}


def break_words(breaks: Breaks | None) -> str | None:
    return BREAK_WORDS[breaks] if breaks is not None else None


def broken_moves(item: SensitivityItem) -> tuple[bool, bool]:
    """(the down move breaks, the up move breaks); (False, False) when nothing breaks."""
    if item.breaks == "ours":
        return item.our_walk_away_low is None, item.our_walk_away_high is None
    if item.breaks == "theirs":
        return item.their_walk_away_low is None, item.their_walk_away_high is None
    if item.breaks == "zone":
        return (
            item.low is not None and item.low <= 0.0,
            item.high is not None and item.high <= 0.0,
        )
    return False, False


def breaking_move(item: SensitivityItem, pct: float) -> str:
    """The move that breaks: "−20%", "+20%", or "±20%" when both do."""
    down, up = broken_moves(item)
    sign = "±" if down == up else "−" if down else "+"
    return f"{sign}{pct:g}%"


def break_label(item: SensitivityItem, pct: float) -> str | None:
    """What the item's move breaks, and which move: "removes the zone at −20%"."""
    if item.breaks is None:
        return None
    return f"{BREAK_LABELS[item.breaks]} at {breaking_move(item, pct)}"


class Formatter(Protocol):
    """How money and shares are written where the sentence goes (plain text or PDF)."""

    def price(self, value: float | None) -> str: ...

    def share(self, value: float | None) -> str: ...


class Numbers(Protocol):
    """How a renderer writes the numbers of a sentence built here (``reports.formats.Fmt``)."""

    def price(self, value: float | None) -> str: ...

    def money(self, value: float | None, decimals: int = 0) -> str: ...

    def share(self, value: float | None, decimals: int = 1) -> str: ...

    def pct(self, value: float | None, decimals: int = 1) -> str: ...

    def number(self, value: float | None) -> str: ...


def verdict_sentence(zopa: Zopa, fmt: Formatter, *, with_band: bool = False) -> str:
    """The verdict on our proposal in one sentence; ``with_band`` names the fair band."""
    price = fmt.price(zopa.proposal_price)
    ours, theirs = fmt.price(zopa.our_walk_away), fmt.price(zopa.their_walk_away)
    if zopa.verdict in ("fair", "aggressive", "generous"):
        lo, hi = zopa.fair_band
        band = f" (fair band {100 * lo:.0f}% to {100 * hi:.0f}%)" if with_band else ""
        return (
            f"Our proposal at {price} is {zopa.verdict}: it takes {fmt.share(zopa.our_share)} "
            f"of the zone of possible agreement{band}."
        )
    if zopa.verdict == "below_our_walk_away":
        return f"Our proposal at {price} is below our own walk-away price of {ours}."
    if zopa.verdict == "above_their_walk_away":
        return (
            f"Our proposal at {price} is above their walk-away price of {theirs}: their "
            "cheapest alternative would cost them less."
        )
    if zopa.verdict == "no_zopa":
        return (
            f"There is no zone of possible agreement: their walk-away price ({theirs}) is not "
            f"above ours ({ours})."
        )
    return "The verdict on our proposal is unknown: figures are missing (see readiness)."


# -- deal design (SPEC §8) ------------------------------------------------------------------


class Amounts(Protocol):
    """How a renderer writes the amounts of a trade (``reports.formats.Fmt``): ``compact`` for
    totals over the contract ("EUR 1.05M"), ``price`` for a price per unit."""

    def compact(self, value: float | None, *, currency: bool = True) -> str: ...

    def price(self, value: float | None) -> str: ...


#: A trade verdict as the consultant says it.
TRADE_VERDICT_WORDS: dict[TradeVerdict, str] = {"trade": "trade", "even": "even", "hold": "hold"}


def _days(days: float | None) -> str:
    return "—" if days is None else f"{days:g}"


def term_words(term: TradeTerm, value: float | None, fmt: Amounts) -> str:
    """A term's value as a phrase after "Concede": "90-day payment", "uncapped liability",
    "a liability cap of EUR 5M", "a 3% yearly price-down", "fixed prices"."""
    if term == "payment_days":
        return f"{_days(value)}-day payment"
    if term == "liability_cap":
        return "uncapped liability" if value is None else f"a liability cap of {fmt.compact(value)}"
    if value is None or value == 0.0:
        return "fixed prices"
    if value < 0.0:
        return f"a {-value:g}% yearly price-down"
    return f"a {value:g}% yearly price rise"


def _worth(amount: float, fmt: Amounts, gain: str, loss: str) -> str:
    return f"{gain} {fmt.compact(amount)}" if amount >= 0.0 else f"{loss} {fmt.compact(-amount)}"


def trade_sentence(trade: Trade, fmt: Amounts) -> str:
    """The trade in words a consultant can say at the table: "Concede 90-day payment (worth
    EUR 0.4M to them, costs us EUR 0.8M): hold"."""
    them = _worth(trade.value_to_them, fmt, "worth", "costing")
    us = _worth(trade.cost_to_us, fmt, "costs us", "saves us")
    return (
        f"Concede {term_words(trade.term, trade.theirs, fmt)} ({them} to them, {us}): "
        f"{TRADE_VERDICT_WORDS[trade.verdict]}"
    )


def trade_advice(trade: Trade, fmt: Amounts) -> str:
    """What to do with the term, and the price that makes us whole for it (a term that helps
    us, e.g. shorter payment than ours, has a negative price equivalent: what we could give
    back for it)."""
    if trade.price_equivalent is None:
        return "Hold it: no price can make up for it."
    if trade.cost_to_us == 0.0 and trade.value_to_them == 0.0:
        return "It changes nothing for either side here: give it if they ask."
    if trade.price_equivalent < 0.0:
        back = fmt.price(-trade.price_equivalent)
        if trade.verdict == "trade":
            return (
                f"Take it and give back up to {back} a unit (first-year price): both sides "
                f"gain, together {fmt.compact(trade.joint_gain)}."
            )
        if trade.verdict == "even":
            return (
                f"It only moves money from one side to the other: it is worth {back} a unit to us."
            )
        return f"Leave it: it costs them more than the {back} a unit it is worth to us."
    ask = fmt.price(trade.price_equivalent)
    if trade.verdict == "trade":
        return (
            f"Give it in return for {ask} more a unit (first-year price): both sides gain, "
            f"together {fmt.compact(trade.joint_gain)}."
        )
    if trade.verdict == "even":
        return (
            f"It only moves money from one side to the other: give it only for {ask} more a unit."
        )
    return (
        f"Hold it: making us whole would take {ask} more a unit, which costs them "
        f"{fmt.compact(trade.their_cost_of_price)} — more than the term is worth to them."
    )


class DealNumbers(Amounts, Protocol):
    """``Amounts`` and percentages (``reports.formats.Fmt``, or the app's own)."""

    def pct(self, value: float | None, decimals: int = 1) -> str: ...


def cap_words(cap: float | None, fmt: Amounts) -> str:
    """ "uncapped liability", "liability capped at EUR 2M"."""
    return "uncapped liability" if cap is None else f"liability capped at {fmt.compact(cap)}"


def improvement_sentence(better: Improvement, fmt: DealNumbers) -> str:
    """The package better for both than our proposal, and the prices that keep it so."""
    return (
        f"{fmt.price(better.unit_price)} a unit with {fmt.pct(better.annual_price_change_pct)} a "
        f"year, {better.payment_days} days' payment and {cap_words(better.liability_cap, fmt)}: "
        f"we gain {fmt.compact(better.our_gain)}, they gain {fmt.compact(better.their_gain)}. "
        f"Any first-year price from {fmt.price(better.price_low)} to "
        f"{fmt.price(better.price_high)} on these terms leaves both sides better off than our "
        "proposal."
    )
