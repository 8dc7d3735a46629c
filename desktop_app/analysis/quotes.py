"""Figures quoted in the proposal's own words, and whether they are out of date (issue 13 #7).

A consultant writes "EUR 46.50 per unit" into a term of the proposal; the price moves to
51.20; the proposal must not go out saying 46.50. The words cannot follow the figures by
themselves (they are the consultant's), so they are flagged, like an edited talking point
whose numbers changed.

The precise way: when a text is written (a term of our proposal, the statement), the app
keeps the figures it was written against (``basis``: app bookkeeping, never in the JSON,
like ``TalkingPoint.basis``; ``refresh_bases`` sets it on every edit of the text). A text is
flagged when it quotes one of those figures as written then and that figure has changed
since — and the quote does not match today's figure as well. The figures are the proposal
scenario's price, annual volume, payment days, liability cap and yearly price change; a
number counts as a quote of one only in its context (a currency or "per unit" beside a price
or cap, "days" after payment days and a word of paying nearby, "%" after the price change,
a count of units for the volume), so a warranty of "30 days" is no quote of 30 payment days.

A text without a basis (imported, or written before the app kept one) is checked by a careful
guess instead: a money amount close to the proposal's price that equals no figure of
the case (no scenario's price in any year, no alternative's price, no cost) is flagged as
possibly out of date; "close" is between two thirds and one and a half times the price.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from desktop_app.analysis.wording import fixed, number_g, percent_text
from desktop_app.domain.model import Case, Proposal, Scenario, Term
from desktop_app.i18n import N_, _, language
from desktop_app.i18n import numbers as formats

FigureName = Literal[
    "unit_price", "annual_volume", "payment_days", "liability_cap", "annual_price_change_pct"
]
FIGURE_NAMES: tuple[FigureName, ...] = (
    "unit_price",
    "annual_volume",
    "payment_days",
    "liability_cap",
    "annual_price_change_pct",
)
#: A figure in a sentence: "… but the proposal's price is now EUR 51.20".
FIGURE_WORDS: dict[FigureName, str] = {
    "unit_price": N_("the proposal's price"),
    "annual_volume": N_("the proposal's annual volume"),
    "payment_days": N_("the proposal's payment days"),
    "liability_cap": N_("the proposal's liability cap"),
    "annual_price_change_pct": N_("the proposal's yearly price change"),
}


# --- the figures a text was written against ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    """The proposal scenario's figures a text may quote (None: not set)."""

    unit_price: float | None = None
    annual_volume: float | None = None
    payment_days: float | None = None
    liability_cap: float | None = None
    annual_price_change_pct: float | None = None

    def encode(self) -> str:
        """``unit_price=46.5;annual_volume=60000;…`` (a figure not set is left out)."""
        return ";".join(
            f"{name}={value!r}"
            for name in FIGURE_NAMES
            if (value := getattr(self, name)) is not None
        )

    @classmethod
    def decode(cls, text: str | None) -> Figures | None:
        """The figures ``encode`` wrote; None for no basis or one that cannot be read."""
        if text is None:
            return None
        values: dict[str, float] = {}
        for part in filter(None, text.split(";")):
            name, _, number = part.partition("=")
            try:
                value = float(number)
            except ValueError:
                return None
            if name not in FIGURE_NAMES or not math.isfinite(value):
                return None
            values[name] = value
        return cls(**values)


def figures_of(scenario: Scenario | None) -> Figures | None:
    if scenario is None:
        return None
    return Figures(
        unit_price=scenario.unit_price,
        annual_volume=scenario.annual_volume,
        payment_days=float(scenario.payment_days),
        liability_cap=scenario.liability_cap,
        annual_price_change_pct=scenario.annual_price_change_pct,
    )


def basis_of(case: Case) -> str | None:
    """What a text written now is based on: the proposal scenario's figures, encoded."""
    figures = figures_of(case.proposal_scenario)
    return None if figures is None else figures.encode()


def _term_words(term: Term) -> tuple[str, str, str]:
    return (term.name, term.value, term.rationale)


def refresh_bases(before: Case, after: Case) -> Case:
    """``after`` with the basis of each proposal text whose words changed from ``before``
    set to the figures of ``after`` (a text left as it was keeps the basis ``after`` gives
    it). Applied to every change the consultant makes, so an edit and its bookkeeping are
    one change (one undo step)."""
    basis = basis_of(after)
    proposal = after.proposal
    if proposal.statement != before.proposal.statement and proposal.statement_basis != basis:
        proposal = replace(proposal, statement_basis=basis if proposal.statement.strip() else None)
    scenario = after.proposal_scenario
    if scenario is not None:
        old = before.scenario_with_role("our_proposal")
        known = {_term_words(t) for t in (old.terms if old is not None else ())}
        terms = tuple(
            t if _term_words(t) in known or t.basis == basis else replace(t, basis=basis)
            for t in scenario.terms
        )
        if terms != scenario.terms:
            scenarios = tuple(
                replace(s, terms=terms) if s.id == scenario.id else s for s in after.scenarios
            )
            after = replace(after, scenarios=scenarios)
    old_points = {(p.alternative_id, p.text) for p in before.proposal.talking_points}
    points = tuple(
        replace(p, figures=basis)
        if p.basis is None and (p.alternative_id, p.text) not in old_points and p.figures != basis
        else p
        for p in proposal.talking_points
    )
    if points != proposal.talking_points:
        proposal = replace(proposal, talking_points=points)
    if proposal is not after.proposal:
        after = replace(after, proposal=proposal)
    return after


def confirmed(case: Case) -> Case:
    """The case with every proposal text based on today's figures: "the words are right as
    they stand" (the flags clear)."""
    basis = basis_of(case)
    proposal = case.proposal
    if proposal.statement.strip():
        proposal = replace(proposal, statement_basis=basis)
    points = tuple(
        replace(p, figures=basis) if p.basis is None else p for p in proposal.talking_points
    )
    proposal = replace(proposal, talking_points=points)
    scenario = case.proposal_scenario
    scenarios = case.scenarios
    if scenario is not None:
        terms = tuple(replace(t, basis=basis) for t in scenario.terms)
        scenarios = tuple(replace(s, terms=terms) if s.id == scenario.id else s for s in scenarios)
    return replace(case, proposal=proposal, scenarios=scenarios)


# --- numbers as written ---------------------------------------------------------------------

_CURRENCY_SYMBOLS = "€$£¥₹₽₺₩"
_NUMBER = re.compile(
    r"(?<![\w.,])"
    r"(?P<sign>[−\-–+±]\s?)?"
    r"(?P<number>\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|mn|bn|billion|[kKmM])(?![A-Za-z]))?"
    r"(?P<percent>\s?(?:%|per\s?cent\b|percent\b))?"
)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6}
_SCALES |= {"bn": 1e9, "billion": 1e9}
_PER_UNIT = re.compile(r"^\s*(?:per|a|/|each|an?)\s*(?:unit|piece|part|pc)s?\b|^\s*each\b", re.I)
_UNITS = re.compile(r"^\s*(?:units?|pieces?|pcs|parts?|vehicles?|cars?|sets?)\b", re.I)
_DAYS = re.compile(r"^\s*-?\s*days?\b", re.I)
_PAYING = re.compile(r"\b(?:pay|paid|payment|payments|net|invoice|invoices|terms)\b", re.I)
_LIABILITY = re.compile(r"\b(?:liab\w*|cap|capped|indemn\w*)\b", re.I)


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written in a text: its value (scale applied), the decimals written (of
    the number before its scale), the scale, and what is written around it."""

    value: float
    decimals: int
    scale: float
    written: str
    start: int
    end: int
    money: bool
    per_unit: bool
    percent: bool
    days: bool
    units: bool

    def says(self, figure: float) -> bool:
        """``figure`` written this way: equal to what is written, to its last digit."""
        shown = abs(figure) / self.scale
        step = 10.0**-self.decimals
        return abs(shown - abs(self.value) / self.scale) <= step / 2.0 + 1e-9 * max(shown, 1.0)


def _parse(digits: str) -> tuple[float, int] | None:
    """``1,234.50`` / ``1.234,50`` / ``46,50`` / ``60,000`` / ``60 000`` → (value, decimals
    written). One comma before three digits groups thousands; any other single mark is the
    decimal point; of two kinds of mark the last is."""
    cleaned = re.sub(r"[\u00a0\u202f' ]", "", digits)
    marks = [c for c in cleaned if c in ".,"]
    decimal: str | None = None
    if len(set(marks)) == 2:
        decimal = marks[-1]
    elif len(marks) == 1:
        tail = cleaned[cleaned.rfind(marks[0]) + 1 :]
        decimal = None if marks[0] == "," and len(tail) == 3 else marks[0]
    if decimal is None:
        whole, fraction = cleaned, ""
    else:
        cut = cleaned.rfind(decimal)
        whole, fraction = cleaned[:cut], cleaned[cut + 1 :]
    whole = whole.replace(",", "").replace(".", "")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    return float(f"{whole}.{fraction}" if fraction else whole), len(fraction)


def numbers_in(text: str, currency: str = "") -> list[Number]:
    """Every number written in ``text``, with its context."""
    found: list[Number] = []
    codes = {currency} if currency else set()
    for match in _NUMBER.finditer(text):
        parsed = _parse(match.group("number"))
        if parsed is None:
            continue
        value, decimals = parsed
        start, end = match.start(), match.end()
        before = _money_before(text, start, codes)
        scale_word = (match.group("scale") or "").lower()
        scale = _SCALES.get(scale_word, 1.0)
        if scale_word == "m" and match.group("scale") == "m" and before is None:
            scale, end = 1.0, match.start("scale")  # "45 m" may be metres: not a scale
        if (match.group("sign") or "").strip() in ("−", "-", "–"):
            value = -value
        after = _money_after(text, end, codes)
        if before is not None:
            start = before
        if after is not None:
            end = after
        rest = text[match.end() :]
        days, units = _DAYS.match(rest), _UNITS.match(rest)
        word = days or units
        if after is None and word is not None:
            end = match.end() + word.end()  # written with its unit: "45 days"
        found.append(
            Number(
                value=value * scale,
                decimals=decimals,
                scale=scale,
                written=text[start:end].strip(),
                start=start,
                end=end,
                money=before is not None or after is not None,
                per_unit=bool(_PER_UNIT.match(rest)),
                percent=bool(match.group("percent")),
                days=days is not None,
                units=units is not None,
            )
        )
    return found


def _money_before(text: str, start: int, codes: set[str]) -> int | None:
    """Where a currency written just before ``start`` begins ("EUR ", "€"), or None."""
    head = text[max(start - 5, 0) : start]
    match = re.search(rf"(?:\b([A-Z]{{3}})|([{_CURRENCY_SYMBOLS}]))[\s\u00a0]?$", head)
    if match is None:
        return None
    if not _is_currency(match.group(1), codes):
        return None
    return max(start - 5, 0) + match.start()


def _money_after(text: str, end: int, codes: set[str]) -> int | None:
    """Where a currency written just after ``end`` ends (" EUR", "€"), or None."""
    tail = text[end : end + 5]
    match = re.match(rf"^[\s\u00a0]?(?:([A-Z]{{3}})\b|([{_CURRENCY_SYMBOLS}]))", tail)
    if match is None:
        return None
    if not _is_currency(match.group(1), codes):
        return None
    return end + match.end()


#: Codes common enough to count as a currency even when the case uses another.
_COMMON_CODES = frozenset(
    ("EUR", "USD", "GBP", "CHF", "JPY", "CNY", "PLN", "SEK", "NOK", "DKK", "CZK", "HUF", "CAD")
)


def _is_currency(code: str | None, codes: set[str]) -> bool:
    """A symbol (no code), the case's currency, or a common code."""
    return code is None or code in codes or code in _COMMON_CODES


# --- the check ---------------------------------------------------------------------------------


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _sentence(text: str, number: Number) -> str:
    """The sentence (or line) around ``number``."""
    head = max(text.rfind(mark, 0, number.start) for mark in (".\u0020", "\n", ";", "!", "?"))
    tail = [i for i in (text.find(m, number.end) for m in (". ", "\n", ";", "!", "?")) if i >= 0]
    return text[head + 1 : min(tail) if tail else len(text)]


def _quotes(number: Number, name: FigureName, value: float, text: str, context: str) -> bool:
    """``number`` (in ``text``; ``context``: words around the text, such as its term's name)
    is a quote of the figure ``name`` at ``value``."""
    if not number.says(value):
        return False
    around = f"{context} {_sentence(text, number)}"
    if name == "annual_price_change_pct":
        return number.percent and value != 0
    if number.percent:
        return False
    if name == "unit_price":
        return number.money or number.per_unit
    if name == "liability_cap":
        return number.money or bool(_LIABILITY.search(around))
    if name == "payment_days":
        return number.days and bool(_PAYING.search(around))
    # annual volume: a count, not money; a small count only with its unit written
    return not number.money and (number.units or abs(value) >= 1000)


@dataclass(frozen=True, slots=True)
class StaleQuote:
    """A figure a proposal text quotes that is no longer the case's."""

    where: str  # "The statement", "The term “Price”"
    written: str  # as the text has it: "EUR 46.50"
    figure: FigureName
    now: str  # today's figure in words: "EUR 51.20"
    guessed: bool = False  # found by the guess (no basis), not by the figures kept

    def words(self) -> str:
        figure = _(FIGURE_WORDS[self.figure])
        if self.guessed:
            return _(
                "{where} says “{written}”, close to {figure} ({now}) but no figure of the case: "
                "it may be out of date."
            ).format(where=self.where, written=self.written, figure=figure, now=self.now)
        return _("{where} says “{written}” but {figure} is now {now}.").format(
            where=self.where, written=self.written, figure=figure, now=self.now
        )


def figure_words(name: FigureName, value: float | None, currency: str) -> str:
    """A figure as the proposal prints it."""
    if value is None:
        return _("uncapped") if name == "liability_cap" else _("not set")
    if name in ("unit_price", "liability_cap"):
        decimals = 2 if name == "unit_price" else 0
        if language() == "en":
            return f"{currency} {value:,.{decimals}f}"
        return formats.money(value, currency, decimals, formats.NBSP)
    if name == "annual_volume":
        return _("{volume} units a year").format(volume=fixed(value, 0, grouping=True))
    if name == "payment_days":
        return _("{days} days").format(days=number_g(value))
    signed = f"{value:+g}".replace("-", "−")
    if language() != "en":
        signed = signed.replace(".", ",")
    return _("{change} a year").format(change=percent_text(signed))


def stale_in(
    text: str,
    basis: str | None,
    case: Case,
    where: str,
    *,
    context: str = "",
) -> list[StaleQuote]:
    """The stale quotes of one text of the proposal, against its ``basis`` (the figures it
    was written against) or, without one, by the guess."""
    scenario = case.proposal_scenario
    now = figures_of(scenario)
    if not text.strip() or now is None:
        return []
    currency = case.info.currency
    numbers = numbers_in(text, currency)
    then = Figures.decode(basis)
    if then is None:
        return _guessed(numbers, case, now, where)
    found: list[StaleQuote] = []
    for number in numbers:
        for name in FIGURE_NAMES:
            old, new = getattr(then, name), getattr(now, name)
            if old is None or _same(old, new):
                continue
            if not _quotes(number, name, old, text, context):
                continue
            if new is not None and _quotes(number, name, new, text, context):
                continue  # written as today's figure too (a rounded quote)
            found.append(StaleQuote(where, number.written, name, figure_words(name, new, currency)))
            break
    return found


#: The guess looks at money within this factor of the proposal's price, either way.
NEAR = 1.5


def known_prices(case: Case) -> list[float]:
    """Every price and sum of the case a text may rightly quote: each scenario's price in
    every year (exact and to the cent), their liability caps, each alternative's price and
    costs, each cost line."""
    values: list[float] = []
    for scenario in case.scenarios:
        if scenario.unit_price is not None:
            growth = 1.0 + scenario.annual_price_change_pct / 100.0
            for year in range(scenario.years):
                price = scenario.unit_price * growth**year
                values += [price, round(price, 2)]
        if scenario.liability_cap is not None:
            values.append(scenario.liability_cap)
    for alternative in case.alternatives:
        if alternative.unit_price is not None:
            values.append(alternative.unit_price)
        values += [alternative.switching_cost, alternative.failure_cost]
    values += [line.amount for line in case.cost_lines]
    return values


def _guessed(numbers: Sequence[Number], case: Case, now: Figures, where: str) -> list[StaleQuote]:
    price = now.unit_price
    if price is None or price <= 0:
        return []
    known: list[float] | None = None
    found = []
    for number in numbers:
        if number.percent or not (number.money or number.per_unit) or number.value <= 0:
            continue
        if not price / NEAR <= number.value <= price * NEAR:
            continue
        if known is None:
            known = known_prices(case)
        if any(number.says(value) for value in known):
            continue
        currency = case.info.currency
        found.append(
            StaleQuote(
                where,
                number.written,
                "unit_price",
                figure_words("unit_price", price, currency),
                guessed=True,
            )
        )
    return found


def term_where(term: Term) -> str:
    return _("The term “{name}”").format(name=term.name.strip() or _("without a name"))


def stale_quotes(case: Case) -> list[StaleQuote]:
    """The stale quotes of what the proposal document prints in the consultant's words: the
    terms of our proposal (name, what we offer, why it is fair) and the statement."""
    scenario = case.proposal_scenario
    if scenario is None:
        return []
    found: list[StaleQuote] = []
    for term in scenario.terms:
        where = term_where(term)
        for text in _term_words(term):
            found += stale_in(text, term.basis, case, where, context=term.name)
    proposal: Proposal = case.proposal
    found += stale_in(proposal.statement, proposal.statement_basis, case, _("The statement"))
    return found


def stale_point_quotes(case: Case) -> list[StaleQuote]:
    """The stale quotes of the talking points written by hand (an edited generated point is
    flagged by its own basis when the numbers under it change)."""
    titles = {a.id: a.name or a.id for a in case.alternatives}
    found: list[StaleQuote] = []
    for point in case.proposal.talking_points:
        if point.basis is not None:
            continue
        where = (
            _("The talking point on “{name}”").format(
                name=titles.get(point.alternative_id, point.alternative_id)
            )
            if point.alternative_id
            else _("A general talking point")
        )
        found += stale_in(point.text, point.figures, case, where)
    return found
