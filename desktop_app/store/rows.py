"""Rows <-> domain objects.

A row is the entity's JSON form (``schema.to_raw``) with its lists and maps stored as JSON
text, its booleans as 0/1 and a ``position`` giving the order. Which fields are which follows
from their rules in ``schema.py`` (``stored_as``); nothing here names a field of an entity.
Reading goes back through ``parse_entity``, so a row that breaks a rule (a damaged or
hand-edited file) is caught on load, not used.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import Any, Literal

from desktop_app.domain.fields import Band, Boolean, IdList, Rule, ScoreMap, TextList
from desktop_app.domain.model import Case, CaseInfo, Interest, Party, Proposal
from desktop_app.domain.schema import (
    CASE_INFO,
    COLLECTIONS,
    CORRELATION,
    CORRELATIONS_KEY,
    INTEREST,
    PARTY,
    PROPOSAL,
    EntitySpec,
    Nested,
    NestedMap,
    parse_entity,
    to_raw,
)

Row = dict[str, Any]

#: Collection key -> table name (the same words, kept explicit for the schema's sake).
TABLES: dict[str, str] = {key: key for key in COLLECTIONS}

#: How a field is kept in its column: JSON text (lists, maps, pairs), 0/1, or as it is.
Storage = Literal["json", "bool", "plain"]
_JSON_RULES: tuple[type[Rule], ...] = (Band, ScoreMap, TextList, IdList, Nested, NestedMap)

#: Fields kept in a table of their own rather than in their entity's row.
ELSEWHERE: dict[EntitySpec, frozenset[str]] = {PARTY: frozenset({"interests"})}

#: Every table: the spec of what one row holds, and the columns that are bookkeeping (which
#: row, where in the order, whose) rather than fields.
TABLE_LAYOUT: dict[str, tuple[EntitySpec, tuple[str, ...]]] = {
    "case_info": (CASE_INFO, ("singleton",)),
    **{table: (COLLECTIONS[key], ("position",)) for key, table in TABLES.items()},
    "interests": (INTEREST, ("party_id", "position")),
    "proposal": (PROPOSAL, ("singleton",)),
    CORRELATIONS_KEY: (CORRELATION, ("position",)),
}


def stored_as(rule: Rule) -> Storage:
    if isinstance(rule, _JSON_RULES):
        return "json"
    return "bool" if isinstance(rule, Boolean) else "plain"


@cache
def _storage(spec: EntitySpec) -> dict[str, Storage]:
    return {name: stored_as(rule) for name, rule in spec.rules.items()}


def stored_fields(spec: EntitySpec) -> tuple[str, ...]:
    """The fields of ``spec`` that have a column in its table."""
    elsewhere = ELSEWHERE.get(spec, frozenset())
    return tuple(name for name in spec.rules if name not in elsewhere)


def _encode(spec: EntitySpec, raw: Mapping[str, Any]) -> Row:
    storage = _storage(spec)
    elsewhere = ELSEWHERE.get(spec, frozenset())
    row: Row = {}
    for key, value in raw.items():
        if key in elsewhere:
            continue
        how = storage[key]
        if how == "json":
            row[key] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        elif how == "bool":
            row[key] = int(value)
        else:
            row[key] = value
    return row


def _decode(spec: EntitySpec, row: Mapping[str, Any], drop: tuple[str, ...]) -> dict[str, Any]:
    storage = _storage(spec)
    raw: dict[str, Any] = {}
    for key, value in row.items():
        if key in drop:
            continue
        how = storage.get(key, "plain")  # an unknown column is refused by parse_entity
        if how == "json":
            raw[key] = json.loads(value)
        elif how == "bool":
            raw[key] = bool(value)
        else:
            raw[key] = value
    return raw


def info_row(info: CaseInfo) -> Row:
    return {"singleton": 1, **_encode(CASE_INFO, to_raw(info))}


def proposal_row(proposal: Proposal) -> Row:
    return {"singleton": 1, **_encode(PROPOSAL, to_raw(proposal))}


def entity_row(key: str, entity: Any, position: int) -> Row:
    """The row of one entity of collection ``key`` (a party's interests go elsewhere)."""
    return {"id": entity.id, "position": position, **_encode(COLLECTIONS[key], to_raw(entity))}


def collection_rows(case: Case, key: str) -> dict[str, Row]:
    """The rows of one collection by id, each with its position."""
    return {e.id: entity_row(key, e, i) for i, e in enumerate(getattr(case, key))}


def interest_rows(case: Case) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for party in case.parties:
        for position, interest in enumerate(party.interests):
            rows[interest.id] = {
                "id": interest.id,
                "party_id": party.id,
                "position": position,
                **_encode(INTEREST, to_raw(interest)),
            }
    return rows


def correlation_rows(case: Case) -> list[Row]:
    """The risks' correlations (SPEC §9), one row each, keyed by their position."""
    return [
        {"position": position, **_encode(CORRELATION, to_raw(entry))}
        for position, entry in enumerate(case.correlations)
    ]


def _parse(spec: EntitySpec, row: Mapping[str, Any], path: str, drop: tuple[str, ...]) -> Any:
    return parse_entity(spec, _decode(spec, row, drop), path)


def case_from_rows(
    info: Mapping[str, Any] | None,
    collections: Mapping[str, Sequence[Mapping[str, Any]]],
    interests: Sequence[Mapping[str, Any]],
    proposal: Mapping[str, Any] | None,
    correlations: Sequence[Mapping[str, Any]] = (),
) -> Case:
    """Assemble a case from table rows (each list ordered by position).

    Raises ``ValidationError`` (with table paths) if any row breaks a field rule.
    """
    parts: dict[str, Any] = {}
    parts["info"] = _parse(CASE_INFO, info, "case_info", ("singleton",)) if info else CaseInfo()
    by_party: dict[str, list[Interest]] = {}
    for row in interests:
        interest = _parse(INTEREST, row, f"interests.{row['id']}", ("party_id", "position"))
        by_party.setdefault(row["party_id"], []).append(interest)
    for key, spec in COLLECTIONS.items():
        entities = []
        for row in collections[key]:
            entity = _parse(spec, row, f"{key}.{row['id']}", ("position",))
            if isinstance(entity, Party):
                entity = _with_interests(entity, by_party.get(entity.id, []))
            entities.append(entity)
        parts[key] = tuple(entities)
    parts["proposal"] = (
        _parse(PROPOSAL, proposal, "proposal", ("singleton",)) if proposal else Proposal()
    )
    parts[CORRELATIONS_KEY] = tuple(
        _parse(CORRELATION, row, f"{CORRELATIONS_KEY}.{row['position']}", ("position",))
        for row in correlations
    )
    return Case(**parts)


def _with_interests(party: Party, interests: list[Interest]) -> Party:
    return replace(party, interests=tuple(interests))


def changed_rows(old: Mapping[str, Row], new: Mapping[str, Row]) -> tuple[list[str], list[Row]]:
    """(ids to delete, rows to insert or replace) that turn table ``old`` into ``new``."""
    deleted = [ident for ident in old if ident not in new]
    upserts = [row for ident, row in new.items() if old.get(ident) != row]
    return deleted, upserts


def changed_entities(
    key: str, old: tuple[Any, ...], new: tuple[Any, ...]
) -> tuple[list[str], list[Row]]:
    """Like ``changed_rows`` for a collection, building rows only for entities that moved or
    changed (an edit of a large case touches one row, not a thousand)."""
    before = {e.id: (i, e) for i, e in enumerate(old)}
    upserts = []
    for position, entity in enumerate(new):
        previous = before.get(entity.id)
        if (
            previous is None
            or previous[0] != position
            or (previous[1] is not entity and previous[1] != entity)
        ):
            upserts.append(entity_row(key, entity, position))
    current = {e.id for e in new}
    return [ident for ident in before if ident not in current], upserts


def iter_tables() -> Iterator[str]:
    yield "case_info"
    yield from TABLES.values()
    yield "interests"
    yield "proposal"
    yield CORRELATIONS_KEY
