"""Sentences about the figures, shared by every place that words them (the ``analyze`` text
report, the team brief): one wording, so the reports never contradict each other."""

from __future__ import annotations

from typing import Protocol

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
