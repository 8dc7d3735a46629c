"""Numbers, money, percentages and dates by the conventions of the language in use (SPEC §12).

English keeps the forms Leverage has always printed ("EUR 1,234,567", "12.5%", "20 November
2026"), so nothing written in English changes. German follows CLDR
(through Babel for currency symbols and dates): "1.234.567 €", "12,5 %", "20. November 2026",
"31.01.2027". Babel is imported only when a language other than English is in use (it is not
needed before the app's first paint).

A negative number carries a real minus sign (U+2212) in every language; ``space`` is what
joins an amount to its currency (a no-break space in the documents, an ordinary one in the
plain-text report).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Final

from desktop_app.i18n import language

MINUS: Final = "\u2212"
NBSP: Final = "\u00a0"
#: The CLDR locale each language formats with.
LOCALES: Final = {"en": "en_GB", "de": "de_DE"}


def _locale() -> str:
    return LOCALES[language()]


#: English separators to German ones: thousands "." and decimals "," (CLDR de).
_GERMAN_SEPARATORS: Final = str.maketrans({",": ".", ".": ","})


def separators(english: str) -> str:
    """A number written the English way ("1,234.5") with the language's separators."""
    return english if language() == "en" else english.translate(_GERMAN_SEPARATORS)


def grouped(value: float | Decimal, decimals: int) -> str:
    """``value`` with ``decimals`` places and thousands grouped: "1,234.50" / "1.234,50"
    (negative with a minus sign). Every language rounds the same way — Python's, on the
    binary value — and only the separators differ, so a figure reads the same digits in
    every language."""
    text = f"{value:,.{decimals}f}".replace("-", MINUS)
    return text if language() == "en" else text.translate(_GERMAN_SEPARATORS)


@lru_cache(maxsize=32)
def currency_symbol(currency: str) -> str:
    """How the language writes ``currency`` after an amount: "€" for EUR in German; the code
    itself where the language has no symbol of its own."""
    from babel.numbers import get_currency_symbol

    return str(get_currency_symbol(currency, locale=_locale()))


def money(value: float | Decimal, currency: str, decimals: int, space: str) -> str:
    """An amount in ``currency``: "EUR 1,234" / "1.234 €" (a minus sign before it)."""
    sign = MINUS if value < 0 else ""
    size: float | Decimal = -value if value < 0 else value
    amount = grouped(size, decimals)
    if language() == "en":
        return f"{sign}{currency}{space}{amount}"
    return f"{sign}{amount}{space}{currency_symbol(currency)}"


#: Large amounts in tight cells: (threshold, English suffix, German suffix).
COMPACT_SUFFIXES: Final = (
    (1e9, "bn", "\u00a0Mrd."),
    (1e6, "M", "\u00a0Mio."),
    (1e3, "k", "\u00a0Tsd."),
)


def compact(value: float, currency: str | None, space: str) -> str:
    """ "EUR 4.5M" / "4,5 Mio. €", "EUR 950k" / "950 Tsd. €", "EUR 480" / "480 €" (no currency
    when ``currency`` is None)."""
    sign = MINUS if value < 0 else ""
    size = abs(value)
    shown = grouped(size, 0)
    for threshold, english, german in COMPACT_SUFFIXES:
        if size >= threshold * 0.9995 and (threshold > 1e3 or size >= 1e4):
            digits = f"{size / threshold:,.2f}".rstrip("0").rstrip(".")
            if language() == "en":
                shown = digits + english
            else:
                places = len(digits.split(".")[1]) if "." in digits else 0
                shown = grouped(float(digits.replace(",", "")), places) + german
            break
    if currency is None:
        return sign + shown
    if language() == "en":
        return f"{sign}{currency}{space}{shown}"
    return f"{sign}{shown}{space}{currency_symbol(currency)}"


def amount_in(english: str, currency: str | None, *, sign: str = "", space: str = " ") -> str:
    """An amount already written the English way ("1,234.5", "12.5k", "1.2M") put into the
    language in use with its currency: "EUR 12.5k" / "12,5 Tsd. €" (the charts pick their own
    decimals and scale; this only writes them). ``currency`` None: the number alone."""
    if language() == "en":
        return f"{sign}{currency}{space}{english}" if currency else f"{sign}{english}"
    number, suffix = english, ""
    for _threshold, short, german in COMPACT_SUFFIXES:
        if english.endswith(short) and english[: -len(short)][-1:].isdigit():
            number, suffix = english[: -len(short)], german
            break
    text = number.translate(_GERMAN_SEPARATORS) + suffix
    if not currency:
        return f"{sign}{text}"
    return f"{sign}{text}{NBSP}{currency_symbol(currency)}"


def percent(number: float, decimals: int, *, sign: bool = False) -> str:
    """``number`` percent: "12.5%" / "12,5 %" (``sign``: "+12.5%")."""
    text = grouped(number, decimals)
    if sign and number >= 0:
        text = "+" + text
    return f"{text}%" if language() == "en" else f"{text}{NBSP}%"


def long_date(day: dt.date) -> str:
    """ "20 November 2026" / "20. November 2026"."""
    if language() == "en":
        return f"{day.day} {day:%B} {day.year}"
    from babel.dates import format_date

    return str(format_date(day, "d. MMMM y", locale=_locale()))


def short_date(day: dt.date) -> str:
    """ "2026-11-20" (English keeps the ISO form it always printed) / "20.11.2026"."""
    if language() == "en":
        return day.isoformat()
    from babel.dates import format_date

    return str(format_date(day, "dd.MM.y", locale=_locale()))
