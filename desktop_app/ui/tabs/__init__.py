"""The eight tabs, one per part of the method, in the order a consultant works.

``TABS`` names them without importing them (no Qt here): the window shows all eight titles at
once but builds, and imports, only the tab on screen before its first paint; the others follow.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from desktop_app.i18n import N_


@dataclass(frozen=True)
class TabEntry:
    """Where a tab's class lives, and what its tab says (in English, marked for the catalogue:
    the window shows ``_(title)`` and ``_(tooltip)``)."""

    module: str
    class_name: str
    title: str
    tooltip: str

    def load(self) -> Any:
        """The tab's class (a ``CaseTab``), importing its module now."""
        return getattr(importlib.import_module(self.module), self.class_name)


TABS = (
    TabEntry(
        "desktop_app.ui.tabs.case_tab",
        "CaseInfoTab",
        N_("Case"),
        N_("Who, what, the analysis settings — and the dashboard."),
    ),
    TabEntry(
        "desktop_app.ui.tabs.parties_tab",
        "PartiesTab",
        N_("Parties"),
        N_("The parties with their interests, and the stakeholder map (influence × stance)"),
    ),
    TabEntry(
        "desktop_app.ui.tabs.alternatives_tab",
        "AlternativesTab",
        N_("Alternatives"),
        N_(
            "Criteria and weights per side, alternatives with pros and cons, the score matrix, and "
            "their alternatives against our proposal with both BATNAs"
        ),
    ),
    TabEntry(
        "desktop_app.ui.tabs.risk_tab",
        "RiskTab",
        N_("Risk"),
        N_(
            "The risk register, each scenario's view of it, and what the risks cost under each "
            "scenario: expected loss, value at risk and expected shortfall."
        ),
    ),
    TabEntry(
        "desktop_app.ui.tabs.margin_tab",
        "MarginTab",
        N_("Margin"),
        N_(
            "Our costs, the deal packages on the table and what each one earns after its risks; "
            "the zone of possible agreement and what moves it most."
        ),
    ),
    TabEntry(
        "desktop_app.ui.tabs.deal_tab",
        "DealTab",
        N_("Deal"),
        N_(
            "What every term is worth to each side: the trading plan (what to give, what to ask in "
            "return), three offers equal for us, the package better for both, and a what-if of "
            "price, price change, payment days and cap."
        ),
    ),
    TabEntry(
        "desktop_app.ui.tabs.proposal_tab",
        "ProposalTab",
        N_("Proposal"),
        # the fair price's meaning is wording.FAIR_PRICE_MEANING, written out: one msgid
        N_(
            "The decent and fair proposal: its terms and why, the interests it meets, the fair "
            "price (the middle of the zone — the split under equal bargaining power), the closing "
            "statement and the talking points for each of their alternatives."
        ),
    ),
    TabEntry(
        "desktop_app.ui.tabs.talks_tab",
        "TalksTab",
        N_("Talks"),
        N_(
            "At the table: the offer log with each offer's figures, the chart of offers by round "
            "against both walk-aways, the fair price and our concession plan; round snapshots."
        ),
    ),
)


def tab_entry(class_name: str) -> TabEntry:
    return next(entry for entry in TABS if entry.class_name == class_name)
