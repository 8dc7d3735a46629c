"""Columns of the Parties tab: the parties and the interests of the selected party."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop_app.domain import edits
from desktop_app.domain.model import Case, Interest, Party
from desktop_app.ui.columns import Column
from desktop_app.ui.document import CaseDocument

STANCE_WORDS = {-2: "hostile", -1: "sceptical", 0: "neutral", 1: "favourable", 2: "supportive"}
SIDE_CHOICES = (("ours", "ours"), ("theirs", "theirs"), ("third", "third party"))


def stance_label(stance: int) -> str:
    sign = "+" if stance > 0 else ("−" if stance < 0 else "")
    return f"{sign}{abs(stance)} {STANCE_WORDS.get(stance, '')}".strip()


STANCE_CHOICES = tuple((str(value), stance_label(value)) for value in (-2, -1, 0, 1, 2))


def _set_stance(party: Party, value: Any) -> Party:
    return replace(party, stance=int(value))


PARTY_COLUMNS = (
    Column(
        "name",
        "Name",
        tooltip="The person or organisation (required).",
        width=200,
    ),
    Column(
        "side",
        "Side",
        "choice",
        tooltip="Ours: our client's people. Theirs: the counterpart's people — the proposal "
        "must meet at least one interest of each. Third party: a competitor, a supplier, a "
        "regulator who can sway the deal.",
        choices=SIDE_CHOICES,
        width=90,
    ),
    Column(
        "role",
        "Role",
        tooltip="What they do in this negotiation: decision maker, influencer, gatekeeper…",
        width=250,
    ),
    Column(
        "influence",
        "Influence",
        "int",
        tooltip="How much they can sway the outcome: 1 (little) to 5 (decides). The vertical "
        "axis of the stakeholder map.",
        width=75,
    ),
    Column(
        "stance",
        "Stance",
        "choice",
        tooltip="Their attitude to our client and this deal: −2 hostile, −1 sceptical, "
        "0 neutral, +1 favourable, +2 supportive. The horizontal axis of the stakeholder map.",
        choices=STANCE_CHOICES,
        get=lambda party: str(party.stance),
        set=_set_stance,
        width=115,
    ),
    Column(
        "interests",
        "Interests",
        "int",
        tooltip="How many interests are listed for this party (edit them below).",
        editable=False,
        get=lambda party: len(party.interests),
        width=70,
    ),
    Column(
        "notes",
        "Notes",
        "longtext",
        tooltip="What drives them, what they are measured on, how they negotiate.",
    ),
)


def new_party(case: Case) -> Party:
    return Party(id=edits.new_id(case, "party"), name="New party", side="theirs")


def interest_columns(document: CaseDocument) -> tuple[Column, ...]:
    def addressed(interest: Interest) -> bool:
        return interest.id in document.case.proposal.addresses_interests

    return (
        Column(
            "text",
            "Interest",
            tooltip="What the party actually needs (not the position it takes): a yearly "
            "cost-down to show, supply security, no requalification…",
        ),
        Column(
            "priority",
            "Priority",
            "int",
            tooltip="How much it matters to them: 1 (minor) to 5 (vital).",
            width=70,
        ),
        Column(
            "addressed",
            "Addressed",
            "bool",
            tooltip="Whether our proposal addresses this interest (ticked on the Proposal tab). "
            "The proposal should meet at least one interest of every counterpart party.",
            editable=False,
            get=addressed,
            width=90,
        ),
    )


def new_interest(case: Case) -> Interest:
    return Interest(id=edits.new_id(case, "interest"), text="New interest", priority=3)
