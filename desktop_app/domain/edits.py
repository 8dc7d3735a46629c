"""Pure edits of a case: add, replace, remove, move an entity; each returns a new case.

The store commits the result in one transaction and the GUI's undo simply commits the case
as it was before. Removing an entity also removes what pointed at it (its scores, overrides,
talking points, addressed interests, correlations), so an edit never leaves a dangling
reference behind.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop_app.domain.model import (
    Alternative,
    Case,
    CaseInfo,
    CostLine,
    Criterion,
    Offer,
    Party,
    Proposal,
    Risk,
    Scenario,
)

Entity = Party | Criterion | Alternative | CostLine | Risk | Scenario | Offer

COLLECTION_OF: dict[type[Any], str] = {
    Party: "parties",
    Criterion: "criteria",
    Alternative: "alternatives",
    CostLine: "cost_lines",
    Risk: "risks",
    Scenario: "scenarios",
    Offer: "offers",
}


def collection_key(entity: Entity) -> str:
    return COLLECTION_OF[type(entity)]


def find(case: Case, key: str, ident: str) -> Entity | None:
    found: Entity | None = next((e for e in getattr(case, key) if e.id == ident), None)
    return found


def new_id(case: Case, prefix: str) -> str:
    """An id no entity or interest of ``case`` uses yet: ``risk-7``."""
    taken = {e.id for key in COLLECTION_OF.values() for e in getattr(case, key)}
    taken |= {i.id for p in case.parties for i in p.interests}
    n = 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"


def add_entity(case: Case, entity: Entity, index: int | None = None) -> Case:
    key = collection_key(entity)
    items = list(getattr(case, key))
    items.insert(len(items) if index is None else max(0, min(index, len(items))), entity)
    return _with_collection(case, key, tuple(items))


def replace_entity(case: Case, entity: Entity) -> Case:
    """Put ``entity`` in place of the one with its id; then drop what no longer resolves."""
    key = collection_key(entity)
    items = getattr(case, key)
    if not any(e.id == entity.id for e in items):
        raise KeyError(f"{key}: no entity with the id '{entity.id}'")
    updated = tuple(entity if e.id == entity.id else e for e in items)
    return prune_references(_with_collection(case, key, updated), keep=entity)


def remove_entity(case: Case, key: str, ident: str) -> Case:
    items = getattr(case, key)
    if not any(e.id == ident for e in items):
        raise KeyError(f"{key}: no entity with the id '{ident}'")
    kept = tuple(e for e in items if e.id != ident)
    return prune_references(_with_collection(case, key, kept))


def move_entity(case: Case, key: str, ident: str, index: int) -> Case:
    items = list(getattr(case, key))
    position = next((i for i, e in enumerate(items) if e.id == ident), None)
    if position is None:
        raise KeyError(f"{key}: no entity with the id '{ident}'")
    entity = items.pop(position)
    items.insert(max(0, min(index, len(items))), entity)
    return _with_collection(case, key, tuple(items))


def _with_collection(case: Case, key: str, items: tuple[Any, ...]) -> Case:
    changes: dict[str, Any] = {key: items}
    return replace(case, **changes)


def with_info(case: Case, info: CaseInfo) -> Case:
    return replace(case, info=info)


def with_proposal(case: Case, proposal: Proposal) -> Case:
    """The proposal as given: a reference that does not resolve is refused on commit."""
    return replace(case, proposal=proposal)


def prune_references(case: Case, *, keep: Entity | None = None) -> Case:
    """Drop scores, overrides, talking points, addressed interests and risk correlations
    that point nowhere.

    ``keep`` is the entity being edited: its own references are left as given, so a bad one
    is refused by validation (with its field) rather than silently dropped. Only what the
    edit made dangling elsewhere is cleaned up.
    """
    side_of = {c.id: c.side for c in case.criteria}
    risks = {r.id for r in case.risks}
    alternatives = tuple(
        replace(a, scores={k: v for k, v in a.scores.items() if side_of.get(k) == a.side})
        if a is not keep and any(side_of.get(k) != a.side for k in a.scores)
        else a
        for a in case.alternatives
    )
    scenarios = tuple(
        replace(
            s,
            scores={k: v for k, v in s.scores.items() if k in side_of},
            risk_overrides={k: v for k, v in s.risk_overrides.items() if k in risks},
        )
        if s is not keep
        and (
            any(k not in side_of for k in s.scores) or any(k not in risks for k in s.risk_overrides)
        )
        else s
        for s in case.scenarios
    )
    alternative_ids = {a.id for a in alternatives}
    interest_ids = {i.id for p in case.parties for i in p.interests}
    proposal = case.proposal
    points = tuple(
        t
        for t in proposal.talking_points
        if t.alternative_id is None or t.alternative_id in alternative_ids
    )
    addressed = tuple(i for i in proposal.addresses_interests if i in interest_ids)
    if points != proposal.talking_points or addressed != proposal.addresses_interests:
        proposal = replace(proposal, talking_points=points, addresses_interests=addressed)
    correlations = tuple(c for c in case.correlations if c.risk_a in risks and c.risk_b in risks)
    if len(correlations) == len(case.correlations):
        correlations = case.correlations
    return replace(
        case,
        alternatives=alternatives,
        scenarios=scenarios,
        proposal=proposal,
        correlations=correlations,
    )
