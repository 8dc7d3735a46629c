"""The game plan's people: who leads our side, and who on their side decides and influences.

**Our side.** The lead is the party whose role names them lead or negotiator (the most
influential such party); when no role does, the most influential party of our side, and the
plan says the lead is not named. Then whoever decides (a role naming a decision), then the rest
by influence.

**Their side.** The counterpart's parties: those whose role names a decision first, then by
influence (high first) and stance (the most hostile first: they need the most work), then case
order. Each carries what to do with them, from influence × stance — the stakeholder map's
quadrants: influence from 3 up is high, stance below 0 is against us, 0 and above with us —
and the need they put first, marked when our proposal addresses it.

Roles are free text: the words looked for are English ("lead", "negotiat", "decision",
"decides"); a role in other words is simply not matched, and influence decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.model import Case, Party
from desktop_app.domain.schema import STANCE_WORDS
from desktop_app.i18n import N_, _

#: People shown per side.
PEOPLE_SHOWN = 4
#: Influence from this level up counts as high (the stakeholder map's split).
HIGH_INFLUENCE = 3
LEAD_WORDS = ("lead", "negotiat")
DECIDE_WORDS = ("decision", "decides", "decider")

Part = Literal["leads", "decides", "team", "influences", "involved"]
#: What each part is called in the plan.
PART_WORDS: dict[Part, str] = {
    "leads": N_("Leads the talks"),
    "decides": N_("Decides"),
    "team": N_("On the team"),
    "influences": N_("Influences"),
    "involved": N_("Involved"),
}
#: Influence × stance: what to do with a party of theirs, and why (the stakeholder map).
ACTIONS = {
    (True, False): (N_("Win over"), N_("influential, against us")),
    (True, True): (N_("Keep close"), N_("influential, with us")),
    (False, False): (N_("Monitor"), N_("less influential, against us")),
    (False, True): (N_("Keep informed"), N_("less influential, with us")),
}


@dataclass(frozen=True, slots=True)
class Person:
    """A party in the plan. ``action``/``action_why`` only for their side; ``needs`` is the
    interest they put first, ``addressed`` whether our proposal addresses it."""

    party_id: str
    name: str
    role: str
    part: Part
    influence: int
    stance: int
    stance_words: str
    action: str | None
    action_why: str | None
    needs: str | None
    addressed: bool

    @property
    def part_words(self) -> str:
        return _(PART_WORDS[self.part])


@dataclass(frozen=True, slots=True)
class Team:
    ours: tuple[Person, ...]
    ours_more: int
    #: False when no role of ours names a lead: the most influential party is shown leading.
    lead_named: bool
    theirs: tuple[Person, ...]
    theirs_more: int


def _says(role: str, words: Sequence[str]) -> bool:
    role = role.casefold()
    return any(word in role for word in words)


def _person(case: Case, party: Party, part: Part, *, theirs: bool) -> Person:
    addressed = set(case.proposal.addresses_interests)
    first = max(party.interests, key=lambda i: i.priority, default=None)
    action = ACTIONS[(party.influence >= HIGH_INFLUENCE, party.stance >= 0)] if theirs else None
    return Person(
        party_id=party.id,
        name=party.name or party.id,
        role=party.role,
        part=part,
        influence=party.influence,
        stance=party.stance,
        stance_words=_(STANCE_WORDS[party.stance]) if party.stance in STANCE_WORDS else "",
        action=_(action[0]) if action else None,
        action_why=_(action[1]) if action else None,
        needs=first.text if first is not None else None,
        addressed=first is not None and first.id in addressed,
    )


def _our_side(case: Case) -> tuple[list[Person], bool]:
    order = {p.id: n for n, p in enumerate(case.parties)}
    ours = sorted(
        (p for p in case.parties if p.side == "ours"), key=lambda p: (-p.influence, order[p.id])
    )
    if not ours:
        return [], False
    named = [p for p in ours if _says(p.role, LEAD_WORDS)]
    lead = named[0] if named else ours[0]
    rest = [p for p in ours if p.id != lead.id]
    deciders = [p for p in rest if _says(p.role, DECIDE_WORDS)]
    others = [p for p in rest if p not in deciders]
    people = [_person(case, lead, "leads", theirs=False)]
    people += [_person(case, p, "decides", theirs=False) for p in deciders]
    people += [_person(case, p, "team", theirs=False) for p in others]
    return people, bool(named)


def _their_side(case: Case) -> list[Person]:
    order = {p.id: n for n, p in enumerate(case.parties)}
    theirs = [p for p in case.parties if p.side == "theirs"]

    def part(p: Party) -> Part:
        if _says(p.role, DECIDE_WORDS):
            return "decides"
        return "influences" if p.influence >= HIGH_INFLUENCE else "involved"

    ranked = sorted(
        theirs,
        key=lambda p: (part(p) != "decides", -p.influence, p.stance, order[p.id]),
    )
    return [_person(case, p, part(p), theirs=True) for p in ranked]


def team(case: Case, *, shown: int = PEOPLE_SHOWN) -> Team:
    """Who leads our side and who on theirs decides and influences (module doc)."""
    ours, named = _our_side(case)
    theirs = _their_side(case)
    return Team(
        ours=tuple(ours[:shown]),
        ours_more=max(len(ours) - shown, 0),
        lead_named=named,
        theirs=tuple(theirs[:shown]),
        theirs_more=max(len(theirs) - shown, 0),
    )


__all__ = ["ACTIONS", "PART_WORDS", "PEOPLE_SHOWN", "Person", "Team", "team"]
