"""The game plan's threats and questions: which of their alternatives they will press hardest,
our one-line answer to each, and what to ask across the table.

**Threats.** The method's threats are the counterpart's alternatives: what they say they will
do without us. The game plan shows the three that come closest to beating our proposal *for
them*, on whichever view is closer: in money, what the alternative really costs them as a
first-year price on our price path and terms (its effective price E_a, SPEC §8) against our
price, (E_a − P)/P; in value, what it is worth
to them once the risk of failing is counted against what our proposal is worth to them,
(V(proposal) − EV)/V(proposal). The smaller share ranks first (below zero the alternative beats
our proposal on that view); unknown last; ties by feasibility, then case order. An alternative
that cannot be carried out (feasibility 0) is never a threat. Risks are ours to manage, not a
threat they make: they appear among the red lines (the liability cap).

**Answers.** The talking point shown for the alternative (the consultant's own words, or the
one generated from the numbers), cut to its first sentence — two when the first is very short
— without the alternative's name it opens with.

**Questions.** The intelligence list of the sensitivity analysis, in its order (the inputs about
them that move the zone most, a move that can remove it first), asked across the table in the
second person; then, for a threat with no price, what it would really cost them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from desktop_app.analysis.results import CaseAnalysis, IntelligenceItem
from desktop_app.analysis.talking_points import (
    PointStatus,
    generate_talking_points,
    point_status,
    shown_points,
)
from desktop_app.analysis.wording import BREAK_WORDS, Numbers, breaking_move, fixed, percent_g
from desktop_app.domain.model import Alternative, Case
from desktop_app.i18n import N_, _

#: Threats and questions the game plan shows.
THREATS_SHOWN = 3
QUESTIONS_SHOWN = 5
#: The longest answer, in characters (cut at a word, "…").
ANSWER_LIMIT = 240
#: The longest name quoted in a sentence.
NAME_LIMIT = 80
#: A first sentence shorter than this takes the next one too.
SHORT_SENTENCE = 60

#: Why these threats, in words for the team.
THREATS_WHY = N_(
    "Their alternatives are the threats they will raise. These come closest to beating our "
    "proposal for them — by what each would really cost them against our price, or by its "
    "value to them once the risk that it fails is counted, whichever is closer. Our risks are "
    "ours to manage: they sit among the red lines."
)


#: The two views a threat is weighed on.
View = Literal["price", "value"]


@dataclass(frozen=True, slots=True)
class Threat:
    """One of their alternatives and our answer. ``closeness`` is the share by which our
    proposal beats it for them on the closer ``view`` (below 0: it beats our proposal);
    ``answer_status`` is the talking point's (None when there is no point)."""

    alternative_id: str
    name: str
    facts: tuple[str, ...]
    closeness: float | None
    view: View | None
    beats_us: bool
    answer: str
    answer_status: PointStatus | None


@dataclass(frozen=True, slots=True)
class Threats:
    shown: tuple[Threat, ...]
    #: Their alternatives that can be carried out, all of them (the shown ones included).
    considered: int
    #: Why these threats (``THREATS_WHY``, in the language in use).
    why: str = THREATS_WHY


@dataclass(frozen=True, slots=True)
class Question:
    """A question to ask them; ``why`` says what it settles; ``input`` is the sensitivity
    input it settles (None for a threat with no price)."""

    text: str
    why: str
    input: str | None


# --- threats -----------------------------------------------------------------------------------


def _closeness(analysis: CaseAnalysis, alt: Alternative) -> tuple[float | None, float | None]:
    """(money, value) shares by which our proposal beats the alternative for them."""
    money = value = None
    price = analysis.zopa.proposal_price
    row = next((r for r in analysis.zopa.alternatives if r.alternative_id == alt.id), None)
    if row is not None and row.effective_price is not None and price:
        money = (row.effective_price - price) / price
    side = analysis.value.theirs
    option = next((o for o in side.options if o.kind == "alternative" and o.id == alt.id), None)
    if side.available and option is not None and side.proposal_value:
        value = (side.proposal_value - option.expected_value) / side.proposal_value
    return money, value


def _facts(analysis: CaseAnalysis, alt: Alternative, fmt: Numbers) -> tuple[str, ...]:
    facts = []
    price = analysis.zopa.proposal_price
    row = next((r for r in analysis.zopa.alternatives if r.alternative_id == alt.id), None)
    if row is not None and row.effective_price is not None:
        cost = fmt.price(row.effective_price)
        if price:
            gap = (row.effective_price - price) / price
            words = (
                _("costs them {price} as a first-year price, {share} more than ours")
                if gap >= 0
                else _("costs them {price} as a first-year price, {share} less than ours")
            ).format(price=cost, share=fmt.share(abs(gap)))
        else:
            words = _("costs them {price} as a first-year price").format(price=cost)
        facts.append(words)
    elif alt.unit_price is None:
        facts.append(_("no price known"))
    facts.append(_("{share} likely to work").format(share=fmt.share(alt.feasibility, 0)))
    side = analysis.value.theirs
    option = next((o for o in side.options if o.kind == "alternative" and o.id == alt.id), None)
    if side.available and option is not None and side.proposal_value is not None:
        facts.append(
            _("worth {points} points to them against {ours} for ours").format(
                points=fixed(option.expected_value, 0), ours=fixed(side.proposal_value, 0)
            )
        )
    return tuple(facts)


def quoted(name: str) -> str:
    """An alternative's name inside a sentence: “…”, one line, at most ``NAME_LIMIT``."""
    name = " ".join(name.split())
    if len(name) > NAME_LIMIT:
        name = name[: NAME_LIMIT - 1].rstrip() + "…"
    return _("“{name}”").format(name=name)


def _sentence_end(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def one_line(text: str, name: str) -> str:
    """A talking point as a one-line answer: without the alternative's name it opens with,
    its first sentence (two when the first is short), at most ``ANSWER_LIMIT`` characters."""
    text = " ".join(text.split())
    name = " ".join(name.split())
    for lead in (f"{name.rstrip(':')}: ", f"{_sentence_end(name)} "):
        if name and text.startswith(lead):
            text = text[len(lead) :]
            text = text[:1].upper() + text[1:]
            break
    sentences = [s for s in re.split(r"(?<=[.!?…。！？])\s+", text) if s]
    if not sentences:
        return ""
    answer = sentences[0]
    if len(answer) < SHORT_SENTENCE and len(sentences) > 1:
        answer += " " + sentences[1]
    if len(answer) > ANSWER_LIMIT:
        cut = answer[: ANSWER_LIMIT - 1]
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
        answer = cut.rstrip(",;:—– ") + "…"
    return answer


def top_threats(
    case: Case, analysis: CaseAnalysis, fmt: Numbers, *, shown: int = THREATS_SHOWN
) -> Threats:
    """Their alternatives that come closest to beating our proposal for them (module doc)."""
    order = {a.id: n for n, a in enumerate(case.alternatives)}
    candidates = [a for a in case.alternatives_of("theirs") if a.feasibility > 0.0]

    def closest(alt: Alternative) -> tuple[float | None, View | None]:
        money, value = _closeness(analysis, alt)
        views: list[tuple[float, View]] = []
        if money is not None:
            views.append((money, "price"))
        if value is not None:
            views.append((value, "value"))
        return min(views) if views else (None, None)

    def key(alt: Alternative) -> tuple[bool, float, float, int]:
        share = closest(alt)[0]
        return (share is None, share or 0.0, -alt.feasibility, order[alt.id])

    ranked = sorted(candidates, key=key)[:shown]
    generated = generate_talking_points(case, analysis)
    points = {p.alternative_id: p for p in shown_points(case.proposal.talking_points, generated)}
    threats = []
    for alt in ranked:
        point = points.get(alt.id)
        text = point.text if point is not None else ""
        answer = one_line(text, alt.name) if text.strip() else ""
        share, view = closest(alt)
        threats.append(
            Threat(
                alternative_id=alt.id,
                name=alt.name or alt.id,
                facts=_facts(analysis, alt, fmt),
                closeness=share,
                view=view,
                beats_us=share is not None and share < 0.0,
                answer=answer,
                answer_status=(
                    point_status(point, generated) if point is not None and answer else None
                ),
            )
        )
    return Threats(shown=tuple(threats), considered=len(candidates), why=_(THREATS_WHY))


# --- questions ---------------------------------------------------------------------------------

_FIELD_QUESTIONS = {
    "unit_price": N_("What would {name} really cost you per unit?"),
    "switching_cost": N_(
        "What would it really take to get {name} going — qualification, tooling, the learning "
        "curve?"
    ),
    "failure_cost": N_("What would it cost you if {name} failed — a line stoppage, a recall?"),
    "feasibility": N_("How sure are you that {name} can really be done, and by when?"),
}
_VOLUME_QUESTION = N_("How many units a year will you really order over the contract?")


def _assumed(item: IntelligenceItem, fmt: Numbers) -> str:
    if item.input.endswith(".feasibility"):
        return fmt.share(item.value, 0)
    if item.input.endswith(".annual_volume"):
        return _("{volume} a year").format(volume=fmt.number(item.value))
    if item.input.endswith(".unit_price"):
        return fmt.price(item.value)
    return fmt.money(item.value)


def _asked(case: Case, item: IntelligenceItem) -> str:
    """The intelligence question, asked across the table (their own question otherwise)."""
    for alt in case.alternatives:
        prefix = f"alternatives.{alt.id}."
        field = item.input[len(prefix) :] if item.input.startswith(prefix) else None
        if field in _FIELD_QUESTIONS:
            return _(_FIELD_QUESTIONS[field]).format(name=quoted(alt.name or alt.id))
    if item.input.endswith(".annual_volume"):
        return _(_VOLUME_QUESTION)
    return item.question


def questions_to_ask(
    case: Case,
    analysis: CaseAnalysis,
    threats: Threats,
    fmt: Numbers,
    *,
    shown: int = QUESTIONS_SHOWN,
) -> tuple[Question, ...]:
    """What to ask them (module doc): the intelligence items first, then threats with no
    price."""
    pct = case.info.sensitivity_pct
    tornado = {entry.input: entry for entry in analysis.sensitivity}
    result: list[Question] = []
    for item in analysis.intelligence[:shown]:
        assumed = _assumed(item, fmt)
        entry = tornado.get(item.input)
        if item.breaks is not None and entry is not None:
            why = _(
                "We assume {assumed}; moved by {move} it {breaks}: the answer can decide whether "
                "there is a deal."
            ).format(
                assumed=assumed, move=breaking_move(entry, pct), breaks=_(BREAK_WORDS[item.breaks])
            )
        else:
            why = _("We assume {assumed}; ±{pct} on it moves the zone by {swing} a unit.").format(
                assumed=assumed, pct=percent_g(pct), swing=fmt.price(item.swing)
            )
        result.append(Question(_asked(case, item), why, item.input))
    names = {a.id: a for a in case.alternatives}
    for threat in threats.shown:
        alt = names.get(threat.alternative_id)
        if len(result) >= shown or alt is None or alt.unit_price is not None:
            continue
        result.append(
            Question(
                _(
                    "What would {name} really cost you — per unit, to switch, and if it failed?"
                ).format(name=quoted(alt.name or alt.id)),
                _("It has no price yet, so their walk-away cannot count it."),
                None,
            )
        )
    return tuple(result[:shown])


__all__ = [
    "QUESTIONS_SHOWN",
    "THREATS_SHOWN",
    "THREATS_WHY",
    "Question",
    "Threat",
    "Threats",
    "View",
    "one_line",
    "questions_to_ask",
    "quoted",
    "top_threats",
]
