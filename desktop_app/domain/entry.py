"""What a consultant types or pastes into a field, read the way a spreadsheet reads it.

One parser per kind of field, used by the table cells, the forms and paste alike
(``parse_entry``), and its inverses: the text a cell editor starts from (``edit_text``) and the
text Copy puts on the clipboard (``export_text``); both read back to the same value.

Excel is the reference. Numbers may carry a sign (``-2``, ``+2``, the typographic ``−3``),
grouping (``1,234.5``, ``1.234,5``, ``1 234,5``), a magnitude (``250k``, ``1.2M``, ``1,2 Mio``,
``1.5bn``, ``1,5 Mrd``), the case's currency (``EUR 455``, ``€455``) on money fields and a
percent sign on percentages. Anything else — ``12abc``, ``1.2.3``, a stray word — is refused
with the text quoted; nothing is silently dropped or rescaled. A value out of range is refused
in the unit the consultant sees, saying what was understood: "170 is 170 %, above 100 %".

Ranges come from the schema (``bounds_for``): a bound is written once, in ``schema.py``.

Fractions (probability, feasibility: stored 0–1, shown as percent) follow Excel's percent-cell
entry: ``12 %`` is 0.12, a bare number of 1 or more is a percentage (``55`` is 0.55) and a
bare number under 1 is the fraction itself (``0.55`` is 0.55). Percentages stored as percent
(the minimum margin, a price change) take ``8`` or ``8 %`` as 8 %; a bare number strictly
between −1 and 1 could be either (``0.08``: 8 % or 0.08 %?) and is refused, asking for the
percent sign.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from desktop_app.domain import model as m
from desktop_app.domain.errors import FieldError
from desktop_app.domain.fields import SCORE, Number
from desktop_app.domain.fields import Kind as Kind  # the kinds of field, declared with the rules
from desktop_app.domain.schema import SPEC_BY_CLASS
from desktop_app.i18n import N_, _, language
from desktop_app.i18n.numbers import separators

NUMERIC_KINDS: frozenset[str] = frozenset(
    {"money", "optional_money", "number", "int", "percent", "fraction", "score"}
)
Choices = Sequence[tuple[str, str]]  # (stored value, label)


class EntryError(FieldError):
    """A typed or pasted text that is refused; the message says what was understood."""

    def __init__(self, message: str) -> None:
        super().__init__("", message)


#: The range a kind has when the schema names none.
DEFAULT_BOUNDS: dict[str, Number] = {
    "money": Number(lo=0),
    "optional_money": Number(lo=0, nullable=True),
    "fraction": Number(0, 1),
    "score": SCORE,
}


def bounds_for(cls: type[Any] | None, field: str) -> Number | None:
    """The schema's numeric rule for ``cls.field`` (``Number``/``Integer``), or None."""
    spec = SPEC_BY_CLASS.get(cls) if cls is not None else None
    rule = spec.rules.get(field) if spec is not None else None
    return rule if isinstance(rule, Number) else None


# -- reading a number -------------------------------------------------------------------------

#: Magnitudes a consultant writes after a number, lower case, with their factor.
MAGNITUDES: dict[str, int] = {
    "k": 10**3,
    "tsd": 10**3,
    "tsd.": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "mio": 10**6,
    "mio.": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "mrd": 10**9,
    "mrd.": 10**9,
}
#: Currency symbols and the ISO codes they may stand for.
SYMBOLS: dict[str, frozenset[str]] = {
    "€": frozenset({"EUR"}),
    "$": frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"}),
    "£": frozenset({"GBP"}),
    "¥": frozenset({"JPY", "CNY"}),
    "₹": frozenset({"INR"}),
    "zł": frozenset({"PLN"}),
    "kč": frozenset({"CZK"}),
    "fr.": frozenset({"CHF"}),
    "kr": frozenset({"SEK", "NOK", "DKK"}),
}
#: ISO codes recognised as a currency even when they are not the case's.
KNOWN_CODES: frozenset[str] = frozenset(
    {"EUR", "USD", "GBP", "CHF", "JPY", "CNY", "PLN", "CZK", "HUF", "SEK", "NOK", "DKK"}
    | {"CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "INR", "RON", "BGN", "TRY", "BRL", "ZAR"}
)

_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"})
_CURRENCY = r"[A-Za-z]{3}|[€$£¥₹]|zł|Kč|kč|Fr\.|kr"
_MAGNITUDE = r"(?i:tsd\.?|mio\.?|mrd\.?|mln|mn|bln|bn|k|m|b)"
_SHAPE_PATTERN = (
    rf"^(?P<sign1>[+-])?\s*(?:(?P<cur1>{_CURRENCY})\s*)?(?P<sign2>[+-])?\s*"
    r"(?P<num>[0-9][0-9.,'’ ]*|[.,][0-9][0-9 ]*)"
    r"(?P<exp>[eE][+-]?[0-9]+)?\s*"
    rf"(?P<mag>{_MAGNITUDE}(?![A-Za-z]))?\s*(?P<pct>%)?\s*(?:(?P<cur2>{_CURRENCY}))?$"
)


@cache
def _shape() -> re.Pattern[str]:
    """The shape of a typed number, compiled when first typed (3 ms the app's first paint
    need not pay)."""
    return re.compile(_SHAPE_PATTERN)


@dataclass(frozen=True)
class Reading:
    """A number as it was typed: its value and what came with it."""

    value: Decimal  # with the magnitude applied
    percent: bool  # a % sign was typed
    magnitude: str  # "M", "k"… as typed, or ""
    currency: str  # "EUR", "€"… as typed, or ""


def _not_a_number(text: str) -> EntryError:
    return EntryError(_("'{text}' is not a number").format(text=text))


def _digits(number: str, text: str) -> Decimal:
    """``"1,234.5"``, ``"1.234,5"``, ``"1 234,5"``, ``"1'234"``, ``"12,5"`` → Decimal.

    The last of "." and "," is the decimal separator when both appear; one thousands
    separator of the language in use followed by three digits groups thousands (``45,000``
    in English, ``45.000`` in German, as the app itself writes them) unless the first group
    is 0; the other separator alone is the decimal sign (``12.5`` / ``12,5``); several of the
    same separator group thousands. Groups must be three digits.
    """
    body = number.replace("’", "'").strip()
    group_mark, point = (".", ",") if language() == "de" else (",", ".")
    groups_marked, points = body.count(group_mark), body.count(point)
    decimal_mark: str | None
    if groups_marked and points:
        decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
    elif groups_marked == 1:
        head, tail = body.split(group_mark)
        grouped = len(tail) == 3 and tail.isdigit() and head.strip() not in ("", "0")
        decimal_mark = None if grouped else group_mark
    elif points == 1:
        decimal_mark = point
    else:
        decimal_mark = None  # no separator, or several of one kind: grouping
    if decimal_mark is not None and body.count(decimal_mark) != 1:
        raise _not_a_number(text)
    whole, _mark, fraction = body.partition(decimal_mark) if decimal_mark else (body, "", "")
    if not fraction.isdigit() and fraction != "":
        raise _not_a_number(text)
    groups = re.split(r"[.,' ]", whole.strip())
    separators = set(re.findall(r"[.,' ]", whole.strip()))
    if len(separators) > 1 or (separators and not _grouped(groups)):
        raise _not_a_number(text)
    digits = "".join(groups)
    if not digits and not fraction:
        raise _not_a_number(text)
    if not digits.isdigit() and digits != "":
        raise _not_a_number(text)
    return Decimal(f"{digits or '0'}.{fraction or '0'}")


def _grouped(groups: list[str]) -> bool:
    first, rest = groups[0], groups[1:]
    return (
        1 <= len(first) <= 3 and first.isdigit() and all(len(g) == 3 and g.isdigit() for g in rest)
    )


def read_number(text: str) -> Reading:
    """Read a number with its sign, grouping, magnitude, percent sign and currency; refuse
    anything else with the text quoted."""
    shown = text.strip()
    cleaned = _SPACES.sub(" ", unicodedata.normalize("NFC", shown).translate(_MINUS)).strip()
    match = _shape().match(cleaned)
    if match is None or (match["sign1"] and match["sign2"]) or (match["cur1"] and match["cur2"]):
        raise _not_a_number(shown)
    if match["exp"] and (match["mag"] or not re.fullmatch(r"[0-9]+(\.[0-9]+)?", match["num"])):
        raise _not_a_number(shown)
    if match["mag"] and match["pct"]:
        raise _not_a_number(shown)
    currency = match["cur1"] or match["cur2"] or ""
    if currency and not _is_currency(currency):
        raise _not_a_number(shown)
    try:
        value = _digits(match["num"], shown)
        if match["exp"]:
            exponent = int(match["exp"][1:])
            if abs(exponent) > 400:  # beyond any float: refused before it is worked out
                raise EntryError(
                    _("'{text}' is too large or too small a number").format(text=shown)
                )
            value = value.scaleb(exponent)
    except InvalidOperation:
        raise _not_a_number(shown) from None
    magnitude = match["mag"] or ""
    if magnitude:
        value *= MAGNITUDES[magnitude.lower()]
    if (match["sign1"] or match["sign2"]) == "-":
        value = -value
    return Reading(value, bool(match["pct"]), magnitude, currency)


def _is_currency(token: str) -> bool:
    return token.lower() in SYMBOLS or token.upper() in KNOWN_CODES


def _currency_codes(token: str) -> frozenset[str]:
    return SYMBOLS.get(token.lower(), frozenset({token.upper()}))


# -- parsing one field ------------------------------------------------------------------------

_EMPTY = ("", "—", "–", "-", "none")
_YES = ("yes", "y", "true", "1", "x", "✓", "✔", "ja", "tak", "oui")
_NO = ("no", "n", "false", "0", "", "nein", "nie", "non")


def parse_entry(
    kind: str,
    text: str,
    *,
    bounds: Number | None = None,
    choices: Choices = (),
    currency: str | None = None,
) -> Any:
    """The value ``text`` stands for in a field of ``kind``; ``EntryError`` saying what was
    understood if it is not one.

    ``bounds`` is the field's schema rule (``bounds_for``; the kind's default when None),
    ``choices`` the (stored, label) pairs of a choice, ``currency`` the case's ISO code (None:
    any currency is taken as the case's).
    """
    stripped = text.strip()
    if kind in ("text", "longtext"):
        return text
    if kind == "lines":
        return tuple(part.strip() for part in re.split(r"\s*\|\s*|\n", stripped) if part.strip())
    if kind == "bool":
        return _parse_bool(stripped)
    if kind == "choice":
        return parse_choice(stripped, choices)
    if kind not in NUMERIC_KINDS:
        raise ValueError(f"unknown kind of field {kind!r}")
    nullable = kind == "optional_money" or (bounds is not None and bounds.nullable)
    if nullable and stripped.lower() in _EMPTY:
        return None  # a field that may be left empty (the liability cap, their cost of capital)
    if not stripped:
        if kind == "money":
            raise EntryError(_("is empty: type a number (0 for none)"))
        raise EntryError(_("is empty: type a number"))
    reading = read_number(stripped)
    rule = bounds if bounds is not None else DEFAULT_BOUNDS.get(kind)
    if kind == "fraction":
        value = _fraction(stripped, reading)
        _check_range(stripped, value, rule, percent_of_one=True)
        return float(value)
    if kind == "percent":
        value = _percent(stripped, reading)
    else:
        _no_percent_sign(stripped, reading)
        if reading.currency and kind not in ("money", "optional_money"):
            raise EntryError(
                _("'{text}' is an amount of money; type a plain number").format(text=stripped)
            )
        if reading.currency:
            _check_currency(stripped, reading.currency, currency)
        if reading.magnitude and kind == "score":
            raise EntryError(
                _("'{text}' is {value}; a score is 0 to 10").format(
                    text=stripped, value=_plain(reading.value)
                )
            )
        value = reading.value
    if kind == "int" and value != value.to_integral_value():
        raise EntryError(_("'{text}' is not a whole number").format(text=stripped))
    _check_range(stripped, value, rule, percent=kind == "percent")
    return int(value) if kind == "int" else _finite(stripped, value)


def _finite(text: str, value: Decimal) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise EntryError(_("'{text}' is too large a number").format(text=text))
    if number == 0 and value != 0:
        raise EntryError(_("'{text}' is too small a number").format(text=text))
    return number


def _fraction(text: str, reading: Reading) -> Decimal:
    _plain_percentage(text, reading)
    if reading.percent or abs(reading.value) >= 1:
        return reading.value / 100
    return reading.value


def _percent(text: str, reading: Reading) -> Decimal:
    _plain_percentage(text, reading)
    if reading.percent or reading.value == 0 or abs(reading.value) >= 1:
        return reading.value
    raise EntryError(
        _("'{text}' could be {percent} % or {value} %: type it with the percent sign").format(
            text=text, percent=_plain(reading.value * 100), value=_plain(reading.value)
        )
    )


def _plain_percentage(text: str, reading: Reading) -> None:
    if reading.currency or reading.magnitude:
        raise EntryError(_("'{text}' is not a percentage").format(text=text))


def _no_percent_sign(text: str, reading: Reading) -> None:
    if reading.percent:
        raise EntryError(
            _("'{text}' is a percentage; this field takes a plain number").format(text=text)
        )


def _check_currency(text: str, typed: str, currency: str | None) -> None:
    if currency is None:
        return
    codes = _currency_codes(typed)
    if currency.upper() not in codes:
        raise EntryError(
            _("'{text}' is in {typed}; the case's amounts are in {currency}").format(
                text=text, typed=typed, currency=currency
            )
        )


def _check_range(
    text: str,
    value: Decimal,
    rule: Number | None,
    *,
    percent: bool = False,
    percent_of_one: bool = False,
) -> None:
    """Refuse ``value`` outside ``rule`` in the unit shown: "170 is 170 %, above 100 %"."""
    if rule is None:
        return
    number = float(value)
    lo, hi = rule.lo, rule.hi
    too_low = lo is not None and (number <= lo if rule.lo_open else number < lo)
    too_high = hi is not None and (number >= hi if rule.hi_open else number > hi)
    if not (too_low or too_high):
        return
    scale = 100 if percent_of_one else 1
    unit = " %" if (percent or percent_of_one) else ""

    def show(bound: float) -> str:
        return _plain(Decimal(repr(bound)) * scale) + unit

    understood = _plain(value * scale) + unit
    if percent_of_one:
        below = too_low and lo is not None
        where = "below" if below else "above"
        if (lo, hi) != (0, 1) and lo is not None and hi is not None:
            where += "_between"
        hi = hi if below else (hi or 0)
    elif lo is not None and hi is not None and not rule.lo_open and not rule.hi_open:
        where = "not_between"
    elif too_low and lo is not None:
        where = "too_low" if rule.lo_open else "below"
    else:
        assert hi is not None
        where = "too_high" if rule.hi_open else "above"
    message = _RANGE_REFUSALS[where][0 if _same(text, understood) else 1]
    raise EntryError(
        _(message).format(
            text=text,
            value=understood,
            lo=show(lo) if lo is not None else "",
            hi=show(hi) if hi is not None else "",
        )
    )


#: How a value out of range is refused, by where it lies: (the value as typed, the value
#: typed otherwise: "170 is 170 %, above 100 %"), each a whole sentence.
_RANGE_REFUSALS: dict[str, tuple[str, str]] = {
    "below": (N_("{value} is below {lo}"), N_("{text} is {value}, below {lo}")),
    "above": (N_("{value} is above {hi}"), N_("{text} is {value}, above {hi}")),
    "below_between": (
        N_("{value} is below {lo} (it must be between {lo} and {hi})"),
        N_("{text} is {value}, below {lo} (it must be between {lo} and {hi})"),
    ),
    "above_between": (
        N_("{value} is above {hi} (it must be between {lo} and {hi})"),
        N_("{text} is {value}, above {hi} (it must be between {lo} and {hi})"),
    ),
    "not_between": (
        N_("{value} is not between {lo} and {hi}"),
        N_("{text} is {value}, not between {lo} and {hi}"),
    ),
    "too_low": (
        N_("{value} is too low: it must be above {lo}"),
        N_("{text} is {value}, too low: it must be above {lo}"),
    ),
    "too_high": (
        N_("{value} is too high: it must be below {hi}"),
        N_("{text} is {value}, too high: it must be below {hi}"),
    ),
}


def _same(typed: str, shown: str) -> bool:
    def canon(text: str) -> str:
        return _SPACES.sub("", text.translate(_MINUS)).lstrip("+").lower()

    return canon(typed) == canon(shown)


def _plain(value: Decimal) -> str:
    """``Decimal("-1200000.50")`` → ``"−1,200,000.5"`` (for messages)."""
    text = format(value, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", "−")


def _parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise EntryError(_("'{text}' is not yes or no").format(text=text))


# -- choices ----------------------------------------------------------------------------------


def choice_key(text: str) -> str:
    """A label or code as compared: case, underscores, word hyphens, the minus sign and a
    leading plus do not count (``"Per_Contract"`` = ``"per contract"``, ``"−2"`` = ``"-2"``,
    ``"+2"`` = ``"2"``)."""
    key = unicodedata.normalize("NFKC", text).translate(_MINUS).strip().lower()
    key = re.sub(r"[_\s]+", " ", key)
    key = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", key)
    key = re.sub(r"^\+\s*(?=\d)", "", key)
    key = re.sub(r"^-\s+(?=\d)", "-", key)
    return key.strip()


def choice_keys(choices: Choices) -> dict[str, str]:
    """Every way of writing each choice → its stored value; a way that two choices share is
    left out. A label that starts with a number (``"−2 hostile"``) may also be written as the
    number (``-2``) or the word (``hostile``)."""
    found: dict[str, set[str]] = {}
    for stored, label in choices:
        keys = {choice_key(stored), choice_key(label)}
        numbered = re.fullmatch(r"(-?\d+)\s+(.+)", choice_key(label))
        if numbered:
            keys |= {numbered[1], numbered[2]}
        for key in keys:
            found.setdefault(key, set()).add(stored)
    return {key: next(iter(values)) for key, values in found.items() if len(values) == 1}


def parse_choice(text: str, choices: Choices) -> str:
    stored = choice_keys(choices).get(choice_key(text))
    if stored is None:
        allowed = ", ".join(label for _stored, label in choices)
        raise EntryError(
            _("'{text}' is not one of {allowed}").format(text=text.strip(), allowed=allowed)
        )
    return stored


def label_of(value: Any, choices: Choices) -> str:
    return next((label for stored, label in choices if stored == value), str(value))


# -- writing a value back ---------------------------------------------------------------------


def _exact(value: float, *, grouped: bool) -> str:
    """The shortest decimal that reads back as exactly ``value``, without an exponent."""
    return _decimal_text(Decimal(repr(float(value))), grouped=grouped)


def _decimal_text(value: Decimal, *, grouped: bool) -> str:
    text = format(value, ",f" if grouped else "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _percent_of(value: float) -> Decimal:
    return Decimal(repr(float(value))) * 100


def edit_text(kind: str, value: Any, *, choices: Choices = ()) -> str:
    """What a cell editor starts from: the full value, grouped, in the unit shown, with no
    currency (``1,200,000``, ``55 %``, ``-3 %``); ``parse_entry`` reads it back exactly."""
    if value is None:
        return ""
    if kind in ("money", "optional_money", "number", "score"):
        return separators(_exact(value, grouped=True))
    if kind == "int":
        return separators(f"{int(value):,}")
    if kind == "percent":
        return f"{separators(_exact(value, grouped=True))} %"
    if kind == "fraction":
        return f"{separators(_decimal_text(_percent_of(value), grouped=True))} %"
    return export_text(kind, value, choices=choices)


def export_text(kind: str, value: Any, *, choices: Choices = ()) -> str:
    """What Copy puts in a spreadsheet cell: plain numbers (``1200000``, ``55%``, ``-3%``),
    the labels a consultant reads (``third party``, ``−2 hostile``), ``yes``/``no``; pasted
    back, it gives the same value."""
    if value is None:
        return ""
    if kind in ("money", "optional_money", "number", "score"):
        return separators(_exact(value, grouped=False))
    if kind == "int":
        return str(int(value))
    if kind == "percent":
        return f"{separators(_exact(value, grouped=False))}%"
    if kind == "fraction":
        return f"{separators(_decimal_text(_percent_of(value), grouped=False))}%"
    if kind == "choice":
        return label_of(value, choices)
    if kind == "bool":
        return _("yes") if value else _("no")
    if kind == "lines":
        return " | ".join(value)
    return str(value).replace("\t", " ").replace("\n", " ")


# -- fields that keep an order ----------------------------------------------------------------


@dataclass(frozen=True)
class Ordered:
    """Fields whose values must not decrease, in order (``low ≤ likely ≤ high``)."""

    fields: tuple[str, ...]
    words: str  # the order in words, marked with N_; translated where it is shown


IMPACTS = Ordered(("impact_low", "impact_likely", "impact_high"), N_("low ≤ likely ≤ high"))
ORDERED: dict[type[Any], Ordered] = {m.Risk: IMPACTS, m.RiskOverride: IMPACTS}


@dataclass(frozen=True)
class Move:
    """A field that followed a typed one: its name, up or down, and its new value."""

    field: str
    raised: bool
    value: float


def keep_in_order(values: Sequence[float], typed: int) -> list[float]:
    """``values`` (meant to be non-decreasing) after the one at ``typed`` was typed: the
    others follow it, the later ones raised to at least it, the earlier ones lowered to at
    most it.

    Why the others follow rather than the typed value being refused: the value typed is what
    the consultant meant, and the others are what a new row starts with (zeros) or what
    they are about to retype while filling the row. Typing a risk left to right — low
    100,000, then likely, then high — must work, as in a spreadsheet; refusing the first
    value would lose it. The move is announced, so nothing changes unsaid, and it is part of
    the same undo step as the typed value.
    """
    result = list(values)
    for i in range(typed + 1, len(result)):
        result[i] = max(result[i], result[i - 1])
    for i in range(typed - 1, -1, -1):
        result[i] = min(result[i], result[i + 1])
    return result


def follow_order(entity: Any, field: str) -> tuple[Any, tuple[Move, ...]]:
    """``entity`` after ``field`` was typed, with the fields ordered with it following
    (``keep_in_order``); the moves made. Unordered fields and missing values: no moves."""
    group = ORDERED.get(type(entity))
    if group is None or field not in group.fields:
        return entity, ()
    values = [getattr(entity, name) for name in group.fields]
    if any(v is None for v in values):
        return entity, ()
    kept = keep_in_order(values, group.fields.index(field))
    moves = tuple(
        Move(name, new > old, new)
        for name, old, new in zip(group.fields, values, kept, strict=True)
        if new != old
    )
    if not moves:
        return entity, ()
    return replace(entity, **{move.field: move.value for move in moves}), moves


def ordered_words(cls: type[Any]) -> str:
    group = ORDERED.get(cls)
    return group.words if group is not None else ""


def announce_moves(
    moves: Iterable[Move],
    label: Callable[[str], str],
    words: str,
    show: Callable[[float], str] | None = None,
) -> str:
    """``"Impact likely and Impact high raised to 100,000 to keep low ≤ likely ≤ high"``;
    ``show`` writes a value in the unit shown (a plain number by default); ``words`` is the
    order in words as declared (``Ordered.words``, marked with ``N_``), translated here."""
    made = tuple(moves)
    parts: list[str] = []
    for raised in (True, False):
        for value in dict.fromkeys(mv.value for mv in made if mv.raised == raised):
            names = [label(mv.field) for mv in made if (mv.raised, mv.value) == (raised, value)]
            joined = names[0]
            if len(names) > 1:
                joined = _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
            target = show(value) if show is not None else _plain(Decimal(repr(value)))
            moved = _("{fields} raised to {value}") if raised else _("{fields} lowered to {value}")
            parts.append(moved.format(fields=joined, value=target))
    if not parts:
        return ""
    return _("{changes} to keep {order}").format(changes="; ".join(parts), order=_(words))
