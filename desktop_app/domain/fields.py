"""Field rules: each turns a raw (JSON-like) value into a clean one or raises ``FieldError``.

One rule object per field, declared once in ``schema.py``; the JSON importer, the store and
the GUI all check values through these, so every edge refuses the same things with the same
words. A ``Field`` is that rule with the words a consultant reads (label, tooltip, the labels
of its choices) and the kind of value it is typed and shown as (``Kind``): the app's columns
and forms, the store's row mapping and the JSON interchange are all derived from it.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from desktop_app.domain.errors import FieldError, join_path
from desktop_app.domain.images import ImageProblem, logo_from_json, read_image
from desktop_app.i18n import N_, _, language
from desktop_app.i18n.numbers import grouped

MAX_TEXT = 10_000
MAX_ID = 100
MAX_INTEGER = 2**63 - 1  # what SQLite can store
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CURRENCY = re.compile(r"[A-Z]{3}")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# Half of a UTF-16 surrogate pair on its own (JSON can spell one, "\\ud800"): not a character,
# and SQLite cannot store it as UTF-8 text.
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_UNICODE = N_("contains a broken character (half of a UTF-16 surrogate pair); it is not text")


def clean_text(value: str) -> str:
    """Remove control characters other than newline and tab (SPEC §1)."""
    return _CONTROL.sub("", value)


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return _("text")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, Mapping):
        return _("an object")
    if isinstance(value, Sequence):
        return _("a list")
    return type(value).__name__


def number_words(text: str) -> str:
    """A number as a message writes it (``str`` of it: "0.95", "1000000"): in English as it
    always was, in another language with its separators ("0,95", "1.000.000")."""
    if language() == "en" or not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return text
    places = len(text.split(".")[1]) if "." in text else 0
    return grouped(float(text), places) if abs(float(text)) < 2**53 else text


def _show(value: object) -> str:
    try:
        text = repr(value) if isinstance(value, str) else str(value)
    except ValueError:  # an integer too long to print
        return _("a very large number")
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = number_words(text)
    return text if len(text) <= 40 else text[:37] + "..."


class Rule:
    """A field rule; ``check`` returns the clean value or raises ``FieldError``."""

    def check(self, value: object, path: str) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Rule):
    required: bool = False
    max_len: int = MAX_TEXT

    def check(self, value: object, path: str) -> str:
        if not isinstance(value, str):
            raise FieldError(path, _("must be text, not {kind}").format(kind=_type_name(value)))
        if _SURROGATE.search(value):
            raise FieldError(path, _(_NOT_UNICODE))
        text = clean_text(value)
        if self.required and not text.strip():
            raise FieldError(path, _("is required and cannot be empty"))
        if len(text) > self.max_len:
            raise FieldError(
                path,
                _("is {length} characters long; at most {most} are allowed").format(
                    length=grouped(len(text), 0), most=grouped(self.max_len, 0)
                ),
            )
        return text


@dataclass(frozen=True)
class Bookkeeping(Rule):
    """What the app keeps beside a field for itself, as text (the figures the consultant's
    words were written against): never a cell or a form field (no kind), not in the JSON
    interchange, ``None`` until it is kept."""

    nullable: bool = True

    def check(self, value: object, path: str) -> str | None:
        return None if value is None else Text().check(value, path)


@dataclass(frozen=True)
class Identifier(Rule):
    def check(self, value: object, path: str) -> str:
        if not isinstance(value, str):
            raise FieldError(path, _("must be text, not {kind}").format(kind=_type_name(value)))
        if not value.strip():
            raise FieldError(path, _("an id cannot be empty"))
        if _SURROGATE.search(value):
            raise FieldError(path, _(_NOT_UNICODE))
        if _CONTROL.search(value) or "\n" in value or "\t" in value:
            raise FieldError(path, _("an id cannot contain control characters"))
        if len(value) > MAX_ID:
            raise FieldError(
                path, _("an id may have at most {most} characters").format(most=MAX_ID)
            )
        return value


@dataclass(frozen=True)
class Number(Rule):
    """A finite number in a range; ``lo_open``/``hi_open`` make a bound strict."""

    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    nullable: bool = False

    def check(self, value: object, path: str) -> float | None:
        if value is None and self.nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            message = (
                _("must be a number or null, not {kind}")
                if self.nullable
                else _("must be a number, not {kind}")
            )
            raise FieldError(path, message.format(kind=_type_name(value)))
        try:
            number = float(value)
        except OverflowError:
            raise FieldError(
                path, _("{value} is too large a number").format(value=_show(value))
            ) from None
        if not math.isfinite(number):
            raise FieldError(path, _("{value} is not a finite number").format(value=_show(value)))
        self._check_range(number, value, path)
        return number

    def _check_range(self, number: float, shown: object, path: str) -> None:
        too_low = self.lo is not None and (number <= self.lo if self.lo_open else number < self.lo)
        too_high = self.hi is not None and (number >= self.hi if self.hi_open else number > self.hi)
        if too_low or too_high:
            raise FieldError(path, self.describe(_show(shown)))

    def describe(self, value: str) -> str:
        """``value`` (as shown) refused by this range: "1.7 is not between 0 and 1"."""
        lo, hi = number_words(_fmt(self.lo)), number_words(_fmt(self.hi))
        if self.lo is not None and self.hi is not None:
            if not self.lo_open and not self.hi_open:
                message = _("{value} is not between {lo} and {hi}")
            elif self.lo_open and self.hi_open:
                message = _("{value} must be above {lo} and below {hi}")
            elif self.lo_open:
                message = _("{value} must be above {lo} and at most {hi}")
            else:
                message = _("{value} must be at least {lo} and below {hi}")
        elif self.lo is not None:
            message = (
                _("{value} must be greater than {lo}")
                if self.lo_open
                else _("{value} must be at least {lo}")
            )
        else:
            message = (
                _("{value} must be less than {hi}")
                if self.hi_open
                else _("{value} must be at most {hi}")
            )
        return message.format(value=value, lo=lo, hi=hi)


@dataclass(frozen=True)
class Integer(Number):
    """A whole number; ``30.0`` is accepted as 30, ``30.5`` is refused."""

    def check(self, value: object, path: str) -> int | None:
        if value is None and self.nullable:
            return None
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(
                path, _("must be a whole number, not {value}").format(value=_show(value))
            )
        if abs(value) > MAX_INTEGER:
            raise FieldError(path, _("{value} is too large a number").format(value=_show(value)))
        self._check_range(float(value), value, path)
        return value


def _fmt(bound: float | None) -> str:
    if bound is None:
        return ""
    return str(int(bound)) if float(bound).is_integer() else str(bound)


@dataclass(frozen=True)
class Choice(Rule):
    options: tuple[str, ...]

    def check(self, value: object, path: str) -> str:
        if not isinstance(value, str) or value not in self.options:
            allowed = ", ".join(f"'{o}'" for o in self.options)
            raise FieldError(
                path,
                _("{value} is not one of {allowed}").format(value=_show(value), allowed=allowed),
            )
        return value


@dataclass(frozen=True)
class Boolean(Rule):
    def check(self, value: object, path: str) -> bool:
        if not isinstance(value, bool):
            raise FieldError(
                path, _("must be true or false, not {value}").format(value=_show(value))
            )
        return value


@dataclass(frozen=True)
class Date(Rule):
    """An ISO date ``YYYY-MM-DD`` or null."""

    def check(self, value: object, path: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise FieldError(
                path, _("{value} is not a date written as YYYY-MM-DD").format(value=_show(value))
            )
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise FieldError(
                path, _("{value} is not a real calendar date").format(value=_show(value))
            ) from None
        return value


@dataclass(frozen=True)
class Currency(Rule):
    def check(self, value: object, path: str) -> str:
        if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
            raise FieldError(
                path,
                _("{value} is not an ISO 4217 code of three capital letters (EUR)").format(
                    value=_show(value)
                ),
            )
        return value


@dataclass(frozen=True)
class Band(Rule):
    """``[lo, hi]`` with ``0 ≤ lo ≤ hi ≤ 1`` (the fair band, as fractions of the zone)."""

    def check(self, value: object, path: str) -> tuple[float, float]:
        if isinstance(value, str | bytes) or not isinstance(value, Sequence) or len(value) != 2:
            raise FieldError(path, _("must be a pair [low, high] of fractions between 0 and 1"))
        unit = Number(0, 1)
        lo = unit.check(value[0], join_path(path, 0))
        hi = unit.check(value[1], join_path(path, 1))
        assert lo is not None and hi is not None
        if lo > hi:
            raise FieldError(
                path,
                _("the low end {low} is above the high end {high}").format(
                    low=number_words(_fmt(lo)), high=number_words(_fmt(hi))
                ),
            )
        return (lo, hi)


@dataclass(frozen=True)
class Logo(Rule):
    """A letterhead's logo: a PNG or JPEG of at most 2 MB whose header decodes, or null.

    Its value is the image's bytes (as the app reads a file and the case file keeps a BLOB);
    the JSON interchange writes it as ``{"media_type": "image/png", "data": <base64>}``, which
    is read back here too. A refusal says what the file is: "the file is a GIF, not a PNG or
    JPEG", "3.1 MB, above 2 MB" (``images.read_image``)."""

    @property
    def nullable(self) -> bool:
        return True

    def check(self, value: object, path: str) -> bytes | None:
        if value is None:
            return None
        try:
            if isinstance(value, bytes | bytearray | memoryview):
                data = bytes(value)
                read_image(data)
                return data
            if isinstance(value, Mapping):
                return logo_from_json(dict(value))
        except ImageProblem as problem:
            raise FieldError(path, str(problem)) from None
        raise FieldError(
            path, _("must be an image or null, not {kind}").format(kind=_type_name(value))
        )


@dataclass(frozen=True)
class Colour(Rule):
    """An accent colour written ``#RRGGBB`` (kept in capitals), or null; an empty text is
    null."""

    @property
    def nullable(self) -> bool:
        return True

    def check(self, value: object, path: str) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not _COLOUR.fullmatch(value.strip()):
            raise FieldError(
                path,
                _("{value} is not a colour written as #RRGGBB (such as #1F4E79)").format(
                    value=_show(value)
                ),
            )
        return value.strip().upper()


SCORE = Number(0, 10)


@dataclass(frozen=True)
class ScoreMap(Rule):
    """``{criterion id: score 0–10}``; which criteria are allowed is checked case-wide."""

    def check(self, value: object, path: str) -> dict[str, float]:
        if not isinstance(value, Mapping):
            raise FieldError(
                path, _("must be an object of scores, not {kind}").format(kind=_type_name(value))
            )
        scores: dict[str, float] = {}
        for key, score in value.items():
            key_path = join_path(path, str(key))
            Identifier().check(key, key_path)
            checked = SCORE.check(score, key_path)
            assert checked is not None
            scores[key] = checked
        return scores


@dataclass(frozen=True)
class TextList(Rule):
    def check(self, value: object, path: str) -> tuple[str, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise FieldError(
                path, _("must be a list of texts, not {kind}").format(kind=_type_name(value))
            )
        return tuple(Text().check(item, join_path(path, i)) for i, item in enumerate(value))


@dataclass(frozen=True)
class IdList(Rule):
    def check(self, value: object, path: str) -> tuple[str, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise FieldError(
                path, _("must be a list of ids, not {kind}").format(kind=_type_name(value))
            )
        return tuple(Identifier().check(item, join_path(path, i)) for i, item in enumerate(value))


# -- a field as the consultant sees it ---------------------------------------------------------

Kind = Literal[
    "text",  # one line
    "longtext",  # several lines
    "lines",  # a list of texts, one per line (pros, cons)
    "money",  # an amount in the case currency
    "optional_money",  # money or empty (None)
    "number",  # a plain number
    "int",  # a whole number
    "percent",  # stored in percent (annual_price_change_pct = -3)
    "fraction",  # stored as 0–1, shown and typed as percent (probability, feasibility)
    "choice",  # one of (stored value, label)
    "bool",  # yes / no
    "score",  # 0–10
]


@dataclass(frozen=True)
class Field:
    """One field of an entity, declared once in ``schema.py``: the rule its values obey, its
    label and tooltip, the kind of value it is typed and shown as, and the labels of its
    choices.

    ``unit`` is needed only where the rule does not say it: money (``"optional_money"`` follows
    from a nullable rule), a fraction shown as a percentage, a percentage, a score, notes on
    several lines. ``choices`` are (stored value, label) pairs in the order they are offered;
    for a ``Choice`` rule they must name exactly its options. ``name`` and a missing ``label``
    are filled in by the entity's spec (``impact_low`` reads "Impact low").
    """

    rule: Rule
    label: str = ""
    tooltip: str = ""
    unit: Kind | None = None
    choices: tuple[tuple[Any, str], ...] = ()
    decimals: int | None = None  # shown; None: the kind's default
    name: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.rule, Choice):
            stored = sorted(value for value, _ in self.choices)
            if self.choices and stored != sorted(self.rule.options):
                raise ValueError(f"the choices {stored} are not the options {self.rule.options}")
        if self.unit == "optional_money" or (self.choices and self.unit not in (None, "choice")):
            raise ValueError(f"{self.unit!r} is not a unit to declare here")

    @property
    def kind(self) -> Kind | None:
        """How the field is typed and shown; None for what no cell or form field holds (an id,
        a band, a map of scores, a nested list)."""
        if self.unit == "money" and getattr(self.rule, "nullable", False):
            return "optional_money"
        if self.unit is not None:
            return self.unit
        if self.choices or isinstance(self.rule, Choice):
            return "choice"
        for rule_type, kind in _KIND_OF_RULE:
            if isinstance(self.rule, rule_type):
                return kind
        return None

    @property
    def choice_labels(self) -> tuple[tuple[Any, str], ...]:
        """(stored value, label) of every choice; a choice declared without labels reads as
        its stored value."""
        if self.choices or not isinstance(self.rule, Choice):
            return self.choices
        return tuple((option, option) for option in self.rule.options)

    def label_of(self, value: Any) -> str:
        """The label of a stored value (the value itself when it has none)."""
        return next((label for stored, label in self.choice_labels if stored == value), str(value))


#: The kind a rule implies when the field declares none (first match wins: an Integer is a
#: Number too). Ids, bands, score maps and nested lists have no kind: no cell holds them.
_KIND_OF_RULE: tuple[tuple[type[Rule], Kind], ...] = (
    (Integer, "int"),
    (Number, "number"),
    (Text, "text"),
    (Currency, "text"),
    (Date, "text"),
    (Boolean, "bool"),
    (TextList, "lines"),
)
