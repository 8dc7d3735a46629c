"""Columns of the Parties tab: the parties and the interests of the selected party."""

from __future__ import annotations

from desktop_app.domain import edits
from desktop_app.domain.model import Case, Interest, Party
from desktop_app.i18n import N_, _
from desktop_app.ui.models.columns import Column, columns_for
from desktop_app.ui.state.document import CaseDocument

PARTY_COLUMNS = columns_for(
    Party,
    ("name", 200),
    ("side", 90),
    ("role", 250),
    ("influence", 75),
    ("stance", 115),
    Column(
        "interests",
        N_("Interests"),
        "int",
        tooltip=N_("How many interests are listed for this party (edit them below)."),
        editable=False,
        get=lambda party: len(party.interests),
        width=70,
    ),
    "notes",
)


def new_party(case: Case) -> Party:
    return Party(id=edits.new_id(case, "party"), name=_("New party"), side="theirs")


def interest_columns(document: CaseDocument) -> tuple[Column, ...]:
    def addressed(interest: Interest) -> bool:
        return interest.id in document.case.proposal.addresses_interests

    return columns_for(
        Interest,
        "text",
        ("priority", 70),
        Column(
            "addressed",
            N_("Addressed"),
            "bool",
            tooltip=N_(
                "Whether our proposal addresses this interest (ticked on the Proposal tab). "
                "The proposal should meet at least one interest of every counterpart party."
            ),
            editable=False,
            get=addressed,
            width=90,
        ),
    )


def new_interest(case: Case) -> Interest:
    return Interest(id=edits.new_id(case, "interest"), text=_("New interest"), priority=3)
