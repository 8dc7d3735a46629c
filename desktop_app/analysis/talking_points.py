"""Talking points: what to say when the counterpart threatens with one of their alternatives.

A point is generated from the case and its analysis (SPEC §3): for a price-based alternative,
what it would really cost them per unit over the contract — T_a/Q, the quote plus the
switching cost plus the expected cost of failure — against our proposal's price; then its
feasibility and its strongest cons (the first ones: cons are written in order of strength).
An alternative without a unit price is argued on its feasibility, its value for them against
our proposal (the value view) and its cons.

The text is plain text in the language in use (SPEC §12) and deterministic: the same case,
analysis and language give the same words, so the app can tell whether the numbers under a
point changed by comparing texts. Figures are rounded the way one would say them ("about EUR
508 per unit", "EUR 7.5M"; German "etwa 508 €", "7,5 Mio. €"), so a change too small to alter
what is said does not disturb a point.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Literal

from desktop_app.analysis.results import AlternativeCost, CaseAnalysis, OptionValue
from desktop_app.analysis.wording import fixed, percent_text
from desktop_app.domain.model import Alternative, Case, TalkingPoint
from desktop_app.i18n import _, language, numbers

#: How many cons a point quotes (the strongest, i.e. the first ones).
CONS_QUOTED = 3


# --- formatting ------------------------------------------------------------------------------


def _trim(number: str) -> str:
    """``"7.50"`` → ``"7.5"``, ``"24.00"`` → ``"24"``."""
    return number.rstrip("0").rstrip(".") if "." in number else number


def _trim_number(value: float, decimals: int) -> str:
    """``value`` to ``decimals`` places without trailing zeros, in the language's decimal
    mark: "7.5" / "7,5"."""
    text = _trim(f"{value:.{decimals}f}")
    return text if language() == "en" else text.replace(".", ",")


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
    if language() != "en":
        return numbers.amount_in(text, currency or None, sign=sign)
    return f"{currency} {sign}{text}".strip()


def format_about(value: float, currency: str) -> str:
    """An estimate: whole units from 100 up (``about EUR 508``), cents below."""
    if math.isfinite(value) and abs(value) >= 100:
        value = float(round(value))
    return format_amount(value, currency)


def format_share(fraction: float) -> str:
    """0.55 → ``"55 %"``; 0.125 → ``"12.5 %"``."""
    percent = 100.0 * fraction
    return percent_text(_trim_number(percent, 1), " ")


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
    price = format_amount(scenario.unit_price, currency)
    change = scenario.annual_price_change_pct
    if change < 0:
        return _("our {price}, falling {pct} a year").format(
            price=price, pct=percent_text(_trim_number(-change, 2), " ")
        )
    if change > 0:
        return _("our {price}, rising {pct} a year").format(
            price=price, pct=percent_text(_trim_number(change, 2), " ")
        )
    return _("our {price}").format(price=price)


def _breakdown(alt: Alternative, currency: str, quoted: bool) -> str:
    """``EUR 432 quoted, plus EUR 7.5M to switch and EUR 10.8M for the risk that it fails``
    (``quoted``: "quoted" follows the unit price, else "per unit")."""
    assert alt.unit_price is not None
    price = format_amount(alt.unit_price, currency)
    switch = format_amount(alt.switching_cost, currency) if alt.switching_cost > 0 else None
    expected_failure = (1.0 - alt.feasibility) * alt.failure_cost
    fails = format_amount(expected_failure, currency) if expected_failure > 0 else None
    if quoted:
        if switch and fails:
            text = _(
                "{price} quoted, plus {switch} to switch and {fails} for the risk that it fails"
            )
        elif switch:
            text = _("{price} quoted, plus {switch} to switch")
        elif fails:
            text = _("{price} quoted, plus {fails} for the risk that it fails")
        else:
            text = _("{price} quoted")
    elif switch and fails:
        text = _("{price} per unit, plus {switch} to switch and {fails} for the risk that it fails")
    elif switch:
        text = _("{price} per unit, plus {switch} to switch")
    elif fails:
        text = _("{price} per unit, plus {fails} for the risk that it fails")
    else:
        text = _("{price} per unit")
    return text.format(price=price, switch=switch, fails=fails)


def _money_clause(
    case: Case, analysis: CaseAnalysis | None, alt: Alternative
) -> tuple[str | None, bool]:
    """What the alternative costs them, and whether "and" leads on to its feasibility (when
    it costs them more than our proposal, or there is nothing to compare) or "but" (when it
    looks cheaper on paper)."""
    currency = case.info.currency
    if alt.unit_price is None:
        return None, True
    row = _cost_row(analysis, alt.id)
    if row is None or row.cost_per_unit is None:
        return _("it is quoted at {breakdown}").format(
            breakdown=_breakdown(alt, currency, False)
        ), True
    about = format_about(row.cost_per_unit, currency)
    costs = _("about {amount} per unit over the contract ({breakdown})").format(
        amount=about, breakdown=_breakdown(alt, currency, True)
    )
    ours = _our_price(case, currency)
    scenario = case.proposal_scenario
    price = scenario.unit_price if scenario is not None else None
    if ours is None or price is None:
        return _("it would cost you {costs}").format(costs=costs), True
    # The effective price against P is the like-for-like comparison (both first-year prices on
    # our proposal's path and terms, SPEC §8).
    reference = row.effective_price if row.effective_price is not None else row.cost_per_unit
    if reference > price:
        return _("it would cost you {costs} against {ours}").format(costs=costs, ours=ours), True
    return _("on paper it comes to {costs} against {ours}").format(costs=costs, ours=ours), False


def _feasibility_clause(alt: Alternative) -> str | None:
    if alt.feasibility >= 1.0:
        return None
    if alt.feasibility <= 0.0:
        return _("it cannot realistically be carried out at all")
    return _("it is only {share} likely to work").format(share=format_share(alt.feasibility))


def _value_sentence(analysis: CaseAnalysis | None, alt: Alternative) -> str | None:
    found = _their_value(analysis, alt.id)
    if found is None:
        return None
    option, proposal_value = found
    value, ours = fixed(option.value, 0), fixed(proposal_value, 0)
    if option.feasibility is not None and option.feasibility < 1.0:
        return _(
            "On what matters to you it is worth {value} of 100 points ({expected} once the risk "
            "that it fails is counted), against {ours} for our proposal."
        ).format(value=value, expected=fixed(option.expected_value, 0), ours=ours)
    return _(
        "On what matters to you it is worth {value} of 100 points, against {ours} for our proposal."
    ).format(value=value, ours=ours)


def _lead(name: str, text: str) -> str:
    """``Name: it would…``; a name that has a colon of its own ends a sentence instead."""
    name = name.strip() or _("This alternative")
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
        opening = (
            _("{cost} — and {feasibility}") if joint else _("{cost} — but {feasibility}")
        ).format(cost=money, feasibility=feasibility)
    elif money is not None:
        opening = money
    elif feasibility is not None:
        ours = _our_price(case, case.info.currency)
        opening = (
            _("there is no price to set against {ours}, and {feasibility}").format(
                ours=ours, feasibility=feasibility
            )
            if ours
            else feasibility
        )
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
        sentences.append(_("what would it really cost you, and how sure are you it can be done?"))
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
