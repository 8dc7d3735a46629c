"""Figures worded for people, the way the ``analyze`` report words them: money totals in whole
units of the case currency, prices per unit to the cent, percentages to one decimal, an
unavailable figure as "—". Every function returns plain text (no markup); the currency code is
checked by the domain (three capital letters) and escaped by the caller like any text.

In the documents the currency is joined to its amount by a no-break space (``NBSP``), so a line
never ends between "EUR" and the figure, and a negative number carries a real minus sign
(U+2212, ``MINUS``), never a hyphen. The plain-text report uses an ordinary space.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from desktop_app.analysis.figures import Figure
from desktop_app.analysis.results import ScenarioAnalysis, Verdict
from desktop_app.domain.schema import SCENARIO_ROLES
from desktop_app.i18n import N_, _, numbers

__all__ = [
    "MINUS",
    "MOVES_WORDS",
    "NA",
    "NBSP",
    "ROLE_WORDS",
    "VERDICT_WORDS",
    "Fmt",
    "ShownWords",
    "keep_with_amount",
    "plain_number",
]

NA = "—"
NBSP = "\u00a0"
MINUS = "\u2212"
_K = TypeVar("_K")


class ShownWords(dict[_K, str]):
    """Words by key (English, marked ``N_``), given in the language in use when they are read
    (``words[key]``, ``words.get(key)``): the table is declared at import, before the language
    is chosen. The keys are codes and stay as they are; ``values()`` and ``items()`` give the
    English."""

    def __getitem__(self, key: _K) -> str:
        return _(super().__getitem__(key))

    def get(self, key: _K, default: Any = None) -> Any:
        found = super().get(key)
        return default if found is None else _(found)


#: The verdict in words, in a sentence or a table.
VERDICT_WORDS: ShownWords[Verdict] = ShownWords(
    {
        "fair": N_("fair"),
        "aggressive": N_("aggressive"),
        "generous": N_("generous"),
        "below_our_walk_away": N_("below our walk-away price"),
        "above_their_walk_away": N_("above their walk-away price"),
        "no_zopa": N_("no zone of possible agreement"),
        "unknown": N_("unknown (figures missing)"),
    }
)
ROLE_WORDS: ShownWords[str] = ShownWords(SCENARIO_ROLES)  # the labels the app shows
MOVES_WORDS: ShownWords[str] = ShownWords(
    {"ours": N_("ours"), "theirs": N_("theirs"), "both": N_("both")}
)

#: The verdict as one short word or phrase for a badge.
VERDICT_BADGE: ShownWords[str] = ShownWords(
    {
        "fair": N_("Fair"),
        "aggressive": N_("Aggressive"),
        "generous": N_("Generous"),
        "below_our_walk_away": N_("Below our walk-away"),
        "above_their_walk_away": N_("Above their walk-away"),
        "no_zopa": N_("No ZOPA"),
        "unknown": N_("Unknown"),
    }
)


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


_CURRENCY_AMOUNT = re.compile(r"\b([A-Z]{3}) (?=[−\-+]?\d)")


def keep_with_amount(text: str, currency: str | None = None) -> str:
    """``text`` with a no-break space between a currency code and the figure after it
    ("EUR 455" → "EUR\u00a0455"), for sentences written elsewhere (generated talking points,
    the user's own texts): ``currency``, or any three capitals when it is None."""
    if currency is None:
        return _CURRENCY_AMOUNT.sub(lambda m: m.group(1) + NBSP, text)
    if not currency:
        return text
    return re.sub(rf"\b{re.escape(currency)} (?=[−\-+]?\d)", currency + NBSP, text)


def plain_number(value: float | Decimal | None, decimals: int | None = None) -> str:
    """``60,000``; ``1,234.50`` (a whole number prints without decimals by default; a
    ``Decimal`` prints exactly), in the language's conventions (``60.000``, ``1.234,50``)."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            return NA
        places = decimals if decimals is not None else 0 if value == value.to_integral() else 2
        return numbers.grouped(value, places)
    number = _finite(value)
    if number is None:
        return NA
    if decimals is None:
        decimals = 0 if number.is_integer() else 2
    return numbers.grouped(number, decimals)


class Fmt:
    """Formatting in one case currency; ``space`` joins the currency to its amount (a no-break
    space in the documents)."""

    def __init__(self, currency: str, *, space: str = NBSP) -> None:
        self.currency = currency
        self.space = space

    def money(self, value: float | Decimal | None, decimals: int = 0) -> str:
        """``EUR 1,234`` (German: ``1.234 €``); a ``Decimal`` prints exactly (the proposal's
        amounts)."""
        if isinstance(value, Decimal):
            if not value.is_finite():
                return NA
            return numbers.money(value, self.currency, decimals, self.space)
        number = _finite(value)
        if number is None:
            return NA
        return numbers.money(number, self.currency, decimals, self.space)

    def price(self, value: float | Decimal | None) -> str:
        return self.money(value, 2)

    def compact(self, value: float | None, *, currency: bool = True) -> str:
        """``EUR 4.5M``, ``EUR 950k``, ``EUR 480``: for tight cells (``currency=False``:
        ``4.5M``; German ``4,5 Mio. €``)."""
        number = _finite(value)
        if number is None:
            return NA
        return numbers.compact(number, self.currency if currency else None, self.space)

    @staticmethod
    def pct(value: float | None, decimals: int = 1) -> str:
        number = _finite(value)
        return NA if number is None else numbers.percent(number, decimals)

    @staticmethod
    def share(value: float | None, decimals: int = 1) -> str:
        number = _finite(value)
        return NA if number is None else numbers.percent(100.0 * number, decimals)

    @staticmethod
    def points(value: float | None, sign: bool = False) -> str:
        number = _finite(value)
        if number is None:
            return NA
        text = numbers.grouped(number, 1)
        return "+" + text if sign and number >= 0 else text

    @staticmethod
    def number(value: float | None) -> str:
        return plain_number(value)

    def cap(self, value: float | None) -> str:
        return _("uncapped") if value is None else self.money(value)

    def figure(self, figure: Figure, scenario: ScenarioAnalysis, *, error: bool = False) -> str:
        """A catalogue figure of a scenario; ``error`` adds its Monte Carlo error (± …)."""
        if figure.key == "walk_away_price" and scenario.walk_away_note is not None:
            return _("no such price")
        value = figure.value(scenario)
        formatters: dict[str, Callable[[float | None], str]] = {
            "money": self.money,
            "price": self.price,
            "pct": self.pct,
            "share": self.share,
            "number": self.number,
            "years": self.number,
            "cap": self.cap,
        }
        text = formatters[figure.kind](value)
        spread = figure.error(scenario) if error and figure.error is not None else None
        if value is not None and spread is not None:
            text += f" ± {plain_number(spread, 0)}"
        return text
