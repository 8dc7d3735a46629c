"""Talking points: what to say when the counterpart threatens with one of their alternatives.

A point is generated from the case and its analysis (SPEC §3): for a price-based alternative,
what it would really cost them per unit over the contract — T_a/Q, the quote plus the
switching cost plus the expected cost of failure — against our proposal's price; then its
feasibility and its strongest cons (the first ones: cons are written in order of strength).
An alternative without a unit price is argued on its feasibility, its value for them against
our proposal (the value view) and its cons.

The text is plain English and deterministic: the same case and analysis give the same words,
so the app can tell whether the numbers under a point changed by comparing texts. Figures are
rounded the way one would say them ("about EUR 508 per unit", "EUR 7.5M"), so a change too
small to alter what is said does not disturb a point.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Literal

from desktop_app.analysis.results import AlternativeCost, CaseAnalysis, OptionValue
from desktop_app.domain.model import Alternative, Case, TalkingPoint

#: How many cons a point quotes (the strongest, i.e. the first ones).
CONS_QUOTED = 3


# --- formatting ------------------------------------------------------------------------------


def _trim(number: str) -> str:
    """``"7.50"`` → ``"7.5"``, ``"24.00"`` → ``"24"``."""
    return number.rstrip("0").rstrip(".") if "." in number else number


def format_amount(value: float, currency: str) -> str:
    """Money as one says it: ``EUR 455``, ``EUR 432.50``, ``EUR 12,400``, ``EUR 7.5M``."""
    if not math.isfinite(value):
        return f"{currency} —".strip()
    sign = "−" if value < 0 else ""
    size = abs(value)
    if round(size, 2) >= 1_000_000_000:
        text = _trim(f"{size / 1e9:,.2f}") + "bn"
    elif round(size, 2) >= 1_000_000:
        millions = size / 1e6
        decimals = 0 if millions >= 100 else 1 if millions >= 10 else 2
        text = _trim(f"{millions:,.{decimals}f}") + "M"
    elif size >= 1000 or abs(size - round(size)) < 0.005:
        text = f"{size:,.0f}"
    else:
        text = f"{size:,.2f}"
    return f"{currency} {sign}{text}".strip()


def format_about(value: float, currency: str) -> str:
    """An estimate: whole units from 100 up (``about EUR 508``), cents below."""
    if math.isfinite(value) and abs(value) >= 100:
        value = float(round(value))
    return format_amount(value, currency)


def format_share(fraction: float) -> str:
    """0.55 → ``"55 %"``; 0.125 → ``"12.5 %"``."""
    percent = 100.0 * fraction
    return f"{_trim(f'{percent:.1f}')} %"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


# --- the point -------------------------------------------------------------------------------


def _cost_row(analysis: CaseAnalysis | None, alternative_id: str) -> AlternativeCost | None:
    if analysis is None:
        return None
    return next((r for r in analysis.zopa.alternatives if r.alternative_id == alternative_id), None)


def _their_value(
    analysis: CaseAnalysis | None, alternative_id: str
) -> tuple[OptionValue, float] | None:
    """(the alternative's value for them, our proposal's value for them), when both exist."""
    if analysis is None or not analysis.value.theirs.available:
        return None
    side = analysis.value.theirs
    option = next(
        (o for o in side.options if o.kind == "alternative" and o.id == alternative_id), None
    )
    if option is None or side.proposal_value is None:
        return None
    return option, side.proposal_value


def _our_price(case: Case, currency: str) -> str | None:
    """``"our EUR 455"``, with the yearly price change when there is one."""
    scenario = case.proposal_scenario
    if scenario is None or scenario.unit_price is None:
        return None
    words = f"our {format_amount(scenario.unit_price, currency)}"
    change = scenario.annual_price_change_pct
    if change < 0:
        words += f", falling {_trim(f'{-change:.2f}')} % a year"
    elif change > 0:
        words += f", rising {_trim(f'{change:.2f}')} % a year"
    return words


def _breakdown(alt: Alternative, currency: str, unit_words: str) -> str:
    """``EUR 432 quoted, plus EUR 7.5M to switch and EUR 10.8M for the risk that it fails``
    (``unit_words`` follows the unit price: "quoted", "per unit")."""
    assert alt.unit_price is not None
    extras = []
    if alt.switching_cost > 0:
        extras.append(f"{format_amount(alt.switching_cost, currency)} to switch")
    expected_failure = (1.0 - alt.feasibility) * alt.failure_cost
    if expected_failure > 0:
        extras.append(f"{format_amount(expected_failure, currency)} for the risk that it fails")
    quoted = f"{format_amount(alt.unit_price, currency)} {unit_words}"
    return f"{quoted}, plus {' and '.join(extras)}" if extras else quoted


def _money_clause(
    case: Case, analysis: CaseAnalysis | None, alt: Alternative
) -> tuple[str | None, str]:
    """What the alternative costs them, and the word that leads on to its feasibility:
    "and" when it costs them more than our proposal (or there is nothing to compare),
    "but" when it looks cheaper on paper."""
    currency = case.info.currency
    if alt.unit_price is None:
        return None, "and"
    row = _cost_row(analysis, alt.id)
    if row is None or row.cost_per_unit is None:
        return f"it is quoted at {_breakdown(alt, currency, 'per unit')}", "and"
    about = format_about(row.cost_per_unit, currency)
    costs = f"about {about} per unit over the contract ({_breakdown(alt, currency, 'quoted')})"
    ours = _our_price(case, currency)
    scenario = case.proposal_scenario
    price = scenario.unit_price if scenario is not None else None
    if ours is None or price is None:
        return f"it would cost you {costs}", "and"
    # The effective price against P is the like-for-like comparison (both first-year prices on
    # our proposal's path and terms, SPEC §8).
    reference = row.effective_price if row.effective_price is not None else row.cost_per_unit
    if reference > price:
        return f"it would cost you {costs} against {ours}", "and"
    return f"on paper it comes to {costs} against {ours}", "but"


def _feasibility_clause(alt: Alternative) -> str | None:
    if alt.feasibility >= 1.0:
        return None
    if alt.feasibility <= 0.0:
        return "it cannot realistically be carried out at all"
    return f"it is only {format_share(alt.feasibility)} likely to work"


def _value_sentence(analysis: CaseAnalysis | None, alt: Alternative) -> str | None:
    found = _their_value(analysis, alt.id)
    if found is None:
        return None
    option, proposal_value = found
    risked = ""
    if option.feasibility is not None and option.feasibility < 1.0:
        risked = f" ({option.expected_value:.0f} once the risk that it fails is counted)"
    return (
        f"On what matters to you it is worth {option.value:.0f} of 100 points{risked}, "
        f"against {proposal_value:.0f} for our proposal."
    )


def _lead(name: str, text: str) -> str:
    """``Name: it would…``; a name that has a colon of its own ends a sentence instead."""
    name = name.strip() or "This alternative"
    if ":" in name.rstrip(":"):
        return f"{_sentence(name)} {text[:1].upper()}{text[1:]}"
    return f"{name.rstrip(':')}: {text}"


def generate_talking_point(
    case: Case, analysis: CaseAnalysis | None, alternative_id: str
) -> str | None:
    """The generated point for one of their alternatives; None if there is no such
    alternative of side "theirs"."""
    alt = next((a for a in case.alternatives if a.id == alternative_id), None)
    if alt is None or alt.side != "theirs":
        return None
    money, joint = _money_clause(case, analysis, alt)
    feasibility = _feasibility_clause(alt)
    if money is not None and feasibility is not None:
        opening = f"{money} — {joint} {feasibility}"
    elif money is not None:
        opening = money
    elif feasibility is not None:
        ours = _our_price(case, case.info.currency)
        there = f"there is no price to set against {ours}, " if ours else ""
        opening = f"{there}and {feasibility}" if there else feasibility
    else:
        opening = ""
    sentences: list[str] = []
    if opening:
        sentences.append(_sentence(opening))
    if alt.unit_price is None:
        value = _value_sentence(analysis, alt)
        if value is not None:
            sentences.append(value)
    sentences.extend(_sentence(con) for con in alt.cons[:CONS_QUOTED] if con.strip())
    if not sentences:
        sentences.append("what would it really cost you, and how sure are you it can be done?")
    return _lead(alt.name, " ".join(sentences))


def generate_talking_points(case: Case, analysis: CaseAnalysis | None) -> dict[str, str]:
    """Alternative id → generated point, for every alternative of side "theirs", in case
    order."""
    points: dict[str, str] = {}
    for alt in case.alternatives_of("theirs"):
        text = generate_talking_point(case, analysis, alt.id)
        if text is not None:
            points[alt.id] = text
    return points


# --- keeping points in step with the numbers ---------------------------------------------------
#
# A generated point is never stored: it is derived from the case and its analysis whenever it
# is shown (``shown_points``), so it follows the numbers by itself and no analysis ever writes
# to the file. What is stored is the consultant's own: a point they edited, with ``basis``, the
# generated text they edited (the numbers it was written against), and a point written by hand
# or imported (``basis`` None). ``stored_points`` is the inverse: what to store of a list shown.

#: Where a point stands against the newly generated text:
#: ``generated``   derived from the figures (not stored);
#: ``edited``      edited by the consultant, numbers unchanged since;
#: ``changed``     edited, and the numbers under it changed since: flag it;
#: ``handwritten`` written by hand or imported (``basis`` None): never touched.
PointStatus = Literal["generated", "edited", "changed", "handwritten"]


def point_status(point: TalkingPoint, generated: Mapping[str, str]) -> PointStatus:
    """The status of ``point`` given the generated texts (alternative id → text); an
    alternative without a generated text (no analysis yet) never raises a flag."""
    if point.basis is None:
        return "handwritten"
    if point.text == point.basis:
        return "generated"
    new = generated.get(point.alternative_id) if point.alternative_id is not None else None
    return "changed" if new is not None and new != point.basis else "edited"


def derived_point(alternative_id: str, text: str) -> TalkingPoint:
    """A generated point as shown: its text is its basis."""
    return TalkingPoint(alternative_id=alternative_id, text=text, basis=text)


def shown_points(
    stored: Sequence[TalkingPoint], generated: Mapping[str, str]
) -> tuple[TalkingPoint, ...]:
    """The points as shown: the consultant's stored ones in their order, then a generated point
    for every alternative in ``generated`` (their alternatives, case order) that has none.

    A stored point left as generated (``text == basis``, as files written before points were
    derived hold them) is not the consultant's: the current generated point shows instead."""
    own = stored_points(stored)
    covered = {p.alternative_id for p in own}
    derived = [derived_point(a, text) for a, text in generated.items() if a not in covered]
    return (*own, *derived)


def stored_points(shown: Sequence[TalkingPoint]) -> tuple[TalkingPoint, ...]:
    """What to store of the points shown: every point but those left as generated."""
    return tuple(p for p in shown if p.basis is None or p.text != p.basis)


def use_new_text(point: TalkingPoint, generated: Mapping[str, str]) -> TalkingPoint:
    """The point as newly generated (it stops being stored: the derived one shows)."""
    new = generated.get(point.alternative_id) if point.alternative_id is not None else None
    return point if new is None else derived_point(point.alternative_id or "", new)


def keep_mine(point: TalkingPoint, generated: Mapping[str, str]) -> TalkingPoint:
    """Keep the consultant's words and accept the new numbers under them (basis = new)."""
    new = generated.get(point.alternative_id) if point.alternative_id is not None else None
    if new is None or point.basis is None:
        return point
    return replace(point, basis=new)
