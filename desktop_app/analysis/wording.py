"""Sentences about the figures, shared by every place that words them (the ``analyze`` text
report, the team brief): one wording, so the reports never contradict each other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from desktop_app.i18n import N_, _, language, numbers

if TYPE_CHECKING:  # types only: the app's tab list reads this module before its first paint
    from desktop_app.analysis.deal_results import Improvement, Trade, TradeTerm, TradeVerdict
    from desktop_app.analysis.results import Breaks, SensitivityItem, Settings, ValueView, Zopa

#: What the fair price is, in the words every place that shows it uses: it claims no more.
FAIR_PRICE_MEANING = N_("the middle of the zone — the split under equal bargaining power")
#: A leverage index within ± this many points states no difference in need.
CLEAR_LEVERAGE_POINTS = 10.0
#: How ES is explained in one sentence (tooltips, the guide, the brief's method).
SHORTFALL_MEANING = N_(
    "the average loss of the worst {tail} of simulated contracts (the tail beyond the value "
    "at risk): what the bad cases cost on average"
)
#: What a tornado move breaks, in words.
BREAK_WORDS: dict[Breaks, str] = {
    "ours": N_("leaves our walk-away undefined"),
    "theirs": N_("leaves their walk-away undefined"),
    "zone": N_("removes the zone of possible agreement"),
}


# -- numbers in sentences: English exactly as ever, German by its conventions (SPEC §12) ------


def number_g(value: float) -> str:
    """``f"{value:g}"`` in the language's decimal mark: "12.5" / "12,5"."""
    text = f"{value:g}"
    if language() == "en":
        return text
    return text.replace("-", numbers.MINUS).replace(".", ",")


def percent_text(number: str, space: str = "") -> str:
    """A number already written, as a percentage: "12.5%" (``space`` " ": "12.5 %") / German
    "12,5 %" (a no-break space)."""
    if language() == "en":
        return f"{number}{space}%"
    return f"{number}{numbers.NBSP}%"


def percent_g(value: float, space: str = "") -> str:
    """``f"{value:g}%"``: "12.5%" / "12,5 %"."""
    return percent_text(number_g(value), space)


def fixed(value: float, decimals: int, *, grouping: bool = False) -> str:
    """``f"{value:.1f}"`` (``grouping``: ``f"{value:,.1f}"``) in English as ever; German
    "1.234,5"."""
    if language() == "en":
        return f"{value:{',' if grouping else ''}.{decimals}f}"
    return numbers.grouped(value, decimals)


def shortfall_meaning(confidence: float) -> str:
    """SHORTFALL_MEANING for a confidence level (90 % → "10 %")."""
    return _(SHORTFALL_MEANING).format(tail=percent_g(100.0 * (1.0 - confidence), " "))


def leverage_words(value: ValueView) -> str:
    """Who needs the deal more, claiming no more than the number: within ±10 points "no clear
    difference in need"; while scores are missing or a gain is unknown, why there is no
    verdict."""
    if value.leverage is None:
        return value.leverage_reason or _("unknown")
    if abs(value.leverage) <= CLEAR_LEVERAGE_POINTS:
        return _("no clear difference in need")
    if value.leverage > 0:
        return _("they need this deal more than we do")
    return _("we need this deal more than they do")


def thin_tail_warning(settings: Settings) -> str | None:
    """A warning when the tail rests on fewer than 200 runs, naming the runs needed."""
    if not settings.tail_too_thin:
        return None
    return _(
        "The risk tail rests on only {runs} runs beyond the value at risk: use at least "
        "{needed} runs at {confidence} for a stable expected shortfall."
    ).format(
        runs=fixed(settings.tail_runs, 0, grouping=True),
        needed=fixed(settings.runs_needed, 0, grouping=True),
        confidence=percent_g(100.0 * settings.risk_confidence, " "),
    )


#: The same, short enough to sit under an input's name in a chart.
BREAK_LABELS: dict[Breaks, str] = {
    "ours": N_("our walk-away undefined"),
    "theirs": N_("their walk-away undefined"),
    "zone": N_("removes the zone"),
}
#: The same with the move that breaks ("removes the zone at −20%"): one phrase to translate.
BREAK_AT: dict[Breaks, str] = {
    "ours": N_("our walk-away undefined at {move}"),
    "theirs": N_("their walk-away undefined at {move}"),
    "zone": N_("removes the zone at {move}"),
}


def break_words(breaks: Breaks | None) -> str | None:
    return _(BREAK_WORDS[breaks]) if breaks is not None else None


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
    return f"{sign}{percent_g(pct)}"


def break_label(item: SensitivityItem, pct: float) -> str | None:
    """What the item's move breaks, and which move: "removes the zone at −20%"."""
    if item.breaks is None:
        return None
    return _(BREAK_AT[item.breaks]).format(move=breaking_move(item, pct))


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


#: The verdicts inside the zone as the adjective a sentence uses ("is fair").
VERDICT_ADJECTIVES = {
    "fair": N_("fair"),
    "aggressive": N_("aggressive"),
    "generous": N_("generous"),
}


def verdict_sentence(zopa: Zopa, fmt: Formatter, *, with_band: bool = False) -> str:
    """The verdict on our proposal in one sentence; ``with_band`` names the fair band."""
    price = fmt.price(zopa.proposal_price)
    ours, theirs = fmt.price(zopa.our_walk_away), fmt.price(zopa.their_walk_away)
    if zopa.verdict in ("fair", "aggressive", "generous"):
        verdict = _(VERDICT_ADJECTIVES[zopa.verdict])
        share = fmt.share(zopa.our_share)
        if with_band:
            lo, hi = zopa.fair_band
            return _(
                "Our proposal at {price} is {verdict}: it takes {share} of the zone of possible "
                "agreement (fair band {low} to {high})."
            ).format(
                price=price,
                verdict=verdict,
                share=share,
                low=percent_text(fixed(100 * lo, 0)),
                high=percent_text(fixed(100 * hi, 0)),
            )
        return _(
            "Our proposal at {price} is {verdict}: it takes {share} of the zone of possible "
            "agreement."
        ).format(price=price, verdict=verdict, share=share)
    if zopa.verdict == "below_our_walk_away":
        return _("Our proposal at {price} is below our own walk-away price of {ours}.").format(
            price=price, ours=ours
        )
    if zopa.verdict == "above_their_walk_away":
        return _(
            "Our proposal at {price} is above their walk-away price of {theirs}: their "
            "cheapest alternative would cost them less."
        ).format(price=price, theirs=theirs)
    if zopa.verdict == "no_zopa":
        return _(
            "There is no zone of possible agreement: their walk-away price ({theirs}) is not "
            "above ours ({ours})."
        ).format(theirs=theirs, ours=ours)
    return _("The verdict on our proposal is unknown: figures are missing (see readiness).")


# -- deal design (SPEC §8) ------------------------------------------------------------------


class Amounts(Protocol):
    """How a renderer writes the amounts of a trade (``reports.formats.Fmt``): ``compact`` for
    totals over the contract ("EUR 1.05M"), ``price`` for a price per unit."""

    def compact(self, value: float | None, *, currency: bool = True) -> str: ...

    def price(self, value: float | None) -> str: ...


#: A trade verdict as the consultant says it.
TRADE_VERDICT_WORDS: dict[TradeVerdict, str] = {
    "trade": N_("trade"),
    "even": N_("even"),
    "hold": N_("hold"),
}


def _days(days: float | None) -> str:
    return "—" if days is None else number_g(days)


def term_words(term: TradeTerm, value: float | None, fmt: Amounts) -> str:
    """A term's value as a phrase after "Concede": "90-day payment", "uncapped liability",
    "a liability cap of EUR 5M", "a 3% yearly price-down", "fixed prices"."""
    if term == "payment_days":
        return _("{days}-day payment").format(days=_days(value))
    if term == "liability_cap":
        if value is None:
            return _("uncapped liability")
        return _("a liability cap of {amount}").format(amount=fmt.compact(value))
    if value is None or value == 0.0:
        return _("fixed prices")
    if value < 0.0:
        return _("a {pct} yearly price-down").format(pct=percent_g(-value))
    return _("a {pct} yearly price rise").format(pct=percent_g(value))


#: "Concede … (worth/costing … to them, costs/saves us …): verdict", whole for each pair of
#: signs (value to them ≥ 0, cost to us ≥ 0).
_TRADE_SENTENCES = {
    (True, True): N_("Concede {term} (worth {them} to them, costs us {us}): {verdict}"),
    (True, False): N_("Concede {term} (worth {them} to them, saves us {us}): {verdict}"),
    (False, True): N_("Concede {term} (costing {them} to them, costs us {us}): {verdict}"),
    (False, False): N_("Concede {term} (costing {them} to them, saves us {us}): {verdict}"),
}


def trade_sentence(trade: Trade, fmt: Amounts) -> str:
    """The trade in words a consultant can say at the table: "Concede 90-day payment (worth
    EUR 0.4M to them, costs us EUR 0.8M): hold"."""
    them, us = trade.value_to_them, trade.cost_to_us
    return _(_TRADE_SENTENCES[(them >= 0.0, us >= 0.0)]).format(
        term=term_words(trade.term, trade.theirs, fmt),
        them=fmt.compact(abs(them)),
        us=fmt.compact(abs(us)),
        verdict=_(TRADE_VERDICT_WORDS[trade.verdict]),
    )


def trade_advice(trade: Trade, fmt: Amounts) -> str:
    """What to do with the term, and the price that makes us whole for it (a term that helps
    us, e.g. shorter payment than ours, has a negative price equivalent: what we could give
    back for it)."""
    if trade.price_equivalent is None:
        return _("Hold it: no price can make up for it.")
    if trade.cost_to_us == 0.0 and trade.value_to_them == 0.0:
        return _("It changes nothing for either side here: give it if they ask.")
    if trade.price_equivalent < 0.0:
        back = fmt.price(-trade.price_equivalent)
        if trade.verdict == "trade":
            return _(
                "Take it and give back up to {back} a unit (first-year price): both sides "
                "gain, together {gain}."
            ).format(back=back, gain=fmt.compact(trade.joint_gain))
        if trade.verdict == "even":
            return _(
                "It only moves money from one side to the other: it is worth {back} a unit to us."
            ).format(back=back)
        return _("Leave it: it costs them more than the {back} a unit it is worth to us.").format(
            back=back
        )
    ask = fmt.price(trade.price_equivalent)
    if trade.verdict == "trade":
        return _(
            "Give it in return for {ask} more a unit (first-year price): both sides gain, "
            "together {gain}."
        ).format(ask=ask, gain=fmt.compact(trade.joint_gain))
    if trade.verdict == "even":
        return _(
            "It only moves money from one side to the other: give it only for {ask} more a unit."
        ).format(ask=ask)
    return _(
        "Hold it: making us whole would take {ask} more a unit, which costs them {cost} — more "
        "than the term is worth to them."
    ).format(ask=ask, cost=fmt.compact(trade.their_cost_of_price))


class DealNumbers(Amounts, Protocol):
    """``Amounts`` and percentages (``reports.formats.Fmt``, or the app's own)."""

    def pct(self, value: float | None, decimals: int = 1) -> str: ...


def cap_words(cap: float | None, fmt: Amounts) -> str:
    """ "uncapped liability", "liability capped at EUR 2M"."""
    if cap is None:
        return _("uncapped liability")
    return _("liability capped at {amount}").format(amount=fmt.compact(cap))


def improvement_sentence(better: Improvement, fmt: DealNumbers) -> str:
    """The package better for both than our proposal, and the prices that keep it so."""
    return _(
        "{price} a unit with {change} a year, {days} days' payment and {cap}: we gain {ours}, "
        "they gain {theirs}. Any first-year price from {low} to {high} on these terms leaves "
        "both sides better off than our proposal."
    ).format(
        price=fmt.price(better.unit_price),
        change=fmt.pct(better.annual_price_change_pct),
        days=better.payment_days,
        cap=cap_words(better.liability_cap, fmt),
        ours=fmt.compact(better.our_gain),
        theirs=fmt.compact(better.their_gain),
        low=fmt.price(better.price_low),
        high=fmt.price(better.price_high),
    )
