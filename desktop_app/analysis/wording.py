"""Sentences about the figures, shared by every place that words them (the ``analyze`` text
report, the team brief): one wording, so the reports never contradict each other."""

from __future__ import annotations

from typing import Protocol

from desktop_app.analysis.results import Zopa


class Formatter(Protocol):
    """How money and shares are written where the sentence goes (plain text or PDF)."""

    def price(self, value: float | None) -> str: ...

    def share(self, value: float | None) -> str: ...


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
