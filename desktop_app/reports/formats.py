"""Figures worded for people, the way the ``analyze`` report words them: money totals in whole
units of the case currency, prices per unit to the cent, percentages to one decimal, an
unavailable figure as "—". Every function returns plain text (no markup); the currency code is
checked by the domain (three capital letters) and escaped by the caller like any text.
"""

from __future__ import annotations

import math

from desktop_app.analysis.figures import Figure
from desktop_app.analysis.results import ScenarioAnalysis, Verdict
from desktop_app.domain.schema import SCENARIO_ROLES

__all__ = ["MOVES_WORDS", "NA", "ROLE_WORDS", "VERDICT_WORDS", "Fmt", "plain_number"]

NA = "—"
#: The verdict in words, in a sentence or a table.
VERDICT_WORDS: dict[Verdict, str] = {
    "fair": "fair",
    "aggressive": "aggressive",
    "generous": "generous",
    "below_our_walk_away": "below our walk-away price",
    "above_their_walk_away": "above their walk-away price",
    "no_zopa": "no zone of possible agreement",
    "unknown": "unknown (figures missing)",
}
ROLE_WORDS = dict(SCENARIO_ROLES)  # the labels the app shows
MOVES_WORDS = {"ours": "ours", "theirs": "theirs", "both": "both"}

#: The verdict as one short word or phrase for a badge.
VERDICT_BADGE = {
    "fair": "Fair",
    "aggressive": "Aggressive",
    "generous": "Generous",
    "below_our_walk_away": "Below our walk-away",
    "above_their_walk_away": "Above their walk-away",
    "no_zopa": "No ZOPA",
    "unknown": "Unknown",
}


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def plain_number(value: float | None, decimals: int | None = None) -> str:
    """``60,000``; ``1,234.50`` (a whole number prints without decimals by default)."""
    number = _finite(value)
    if number is None:
        return NA
    if decimals is None:
        decimals = 0 if number.is_integer() else 2
    return f"{number:,.{decimals}f}".replace("-", "−")


class Fmt:
    """Formatting in one case currency."""

    def __init__(self, currency: str) -> None:
        self.currency = currency

    def money(self, value: float | None, decimals: int = 0) -> str:
        number = _finite(value)
        if number is None:
            return NA
        sign = "−" if number < 0 else ""
        return f"{sign}{self.currency} {abs(number):,.{decimals}f}"

    def price(self, value: float | None) -> str:
        return self.money(value, 2)

    def compact(self, value: float | None) -> str:
        """``EUR 4.5M``, ``EUR 950k``, ``EUR 480``: for tight cells and sentences."""
        number = _finite(value)
        if number is None:
            return NA
        sign = "−" if number < 0 else ""
        size = abs(number)
        for threshold, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
            if size >= threshold * 0.9995 and (threshold > 1e3 or size >= 1e4):
                shown = f"{size / threshold:,.2f}".rstrip("0").rstrip(".")
                return f"{sign}{self.currency} {shown}{suffix}"
        return f"{sign}{self.currency} {size:,.0f}"

    @staticmethod
    def pct(value: float | None, decimals: int = 1) -> str:
        number = _finite(value)
        return NA if number is None else f"{number:.{decimals}f}%".replace("-", "−")

    @staticmethod
    def share(value: float | None, decimals: int = 1) -> str:
        number = _finite(value)
        return NA if number is None else f"{100.0 * number:.{decimals}f}%".replace("-", "−")

    @staticmethod
    def points(value: float | None, sign: bool = False) -> str:
        number = _finite(value)
        if number is None:
            return NA
        return (f"{number:+.1f}" if sign else f"{number:.1f}").replace("-", "−")

    @staticmethod
    def number(value: float | None) -> str:
        return plain_number(value)

    def cap(self, value: float | None) -> str:
        return "uncapped" if value is None else self.money(value)

    def figure(self, figure: Figure, scenario: ScenarioAnalysis, *, error: bool = False) -> str:
        """A catalogue figure of a scenario; ``error`` adds its Monte Carlo error (± …)."""
        if figure.key == "walk_away_price" and scenario.walk_away_note is not None:
            return "no such price"
        value = figure.value(scenario)
        text = {
            "money": self.money,
            "price": self.price,
            "pct": self.pct,
            "share": self.share,
            "number": self.number,
            "years": self.number,
            "cap": self.cap,
        }[figure.kind](value)
        spread = figure.error(scenario) if error and figure.error is not None else None
        if value is not None and spread is not None:
            text += f" ± {plain_number(spread, 0)}"
        return text
