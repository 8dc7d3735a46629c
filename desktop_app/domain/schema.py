"""Every entity's fields and their rules, declared once (SPEC §1).

``parse_entity`` turns a raw mapping (JSON, a row, a GUI edit) into a dataclass, refusing
unknown and invalid fields with their path; ``to_raw`` is its inverse. Defaults come from the
dataclasses in ``model.py``, so a missing optional field gets the same default everywhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.domain import model as m
from desktop_app.domain.errors import FieldError, ValidationError, join_path
from desktop_app.domain.fields import (
    Band,
    Boolean,
    Choice,
    Currency,
    Date,
    Identifier,
    IdList,
    Integer,
    Number,
    Rule,
    ScoreMap,
    Text,
    TextList,
    _type_name,
)

MONEY = Number(lo=0)
FRACTION = Number(0, 1)


@dataclass(frozen=True)
class EntitySpec:
    """An entity's dataclass, its rules by field name, and which fields must be given."""

    cls: type[Any]
    rules: Mapping[str, Rule]
    required: frozenset[str] = frozenset()

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(self.cls))


@dataclass(frozen=True)
class Nested(Rule):
    """A list of entities, each parsed with its own spec."""

    spec: EntitySpec

    def check(self, value: object, path: str) -> tuple[Any, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise FieldError(path, f"must be a list, not {_type_name(value)}")
        return tuple(
            parse_entity(self.spec, item, join_path(path, i)) for i, item in enumerate(value)
        )


@dataclass(frozen=True)
class NestedMap(Rule):
    """``{id: entity}``, e.g. a scenario's risk overrides."""

    spec: EntitySpec

    def check(self, value: object, path: str) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise FieldError(path, f"must be an object, not {_type_name(value)}")
        result: dict[str, Any] = {}
        for key, item in value.items():
            key_path = join_path(path, str(key))
            Identifier().check(key, key_path)
            result[key] = parse_entity(self.spec, item, key_path)
        return result


CASE_INFO = EntitySpec(
    m.CaseInfo,
    {
        "title": Text(required=True, max_len=200),
        "client": Text(),
        "counterpart": Text(),
        "consultant": Text(),
        "subject": Text(),
        "notes": Text(),
        "currency": Currency(),
        "prepared_on": Date(),
        "min_margin_pct": Number(0, 100, hi_open=True),
        "cost_of_capital_pct": Number(0, 100),
        "risk_confidence": Number(0.5, 0.999),
        "fair_band": Band(),
        "simulation_runs": Integer(1_000, 1_000_000),
        "simulation_seed": Integer(lo=0),
        "sensitivity_pct": Number(1, 90),
    },
    frozenset({"title"}),
)

INTEREST = EntitySpec(
    m.Interest,
    {"id": Identifier(), "text": Text(), "priority": Integer(1, 5)},
    frozenset({"id"}),
)

PARTY = EntitySpec(
    m.Party,
    {
        "id": Identifier(),
        "name": Text(required=True),
        "side": Choice(m.PARTY_SIDES),
        "role": Text(),
        "influence": Integer(1, 5),
        "stance": Integer(-2, 2),
        "notes": Text(),
        "interests": Nested(INTEREST),
    },
    frozenset({"id", "name", "side"}),
)

CRITERION = EntitySpec(
    m.Criterion,
    {
        "id": Identifier(),
        "side": Choice(m.SIDES),
        "name": Text(),
        "weight": Number(lo=0),
        "description": Text(),
    },
    frozenset({"id", "side"}),
)

ALTERNATIVE = EntitySpec(
    m.Alternative,
    {
        "id": Identifier(),
        "side": Choice(m.SIDES),
        "name": Text(),
        "description": Text(),
        "feasibility": FRACTION,
        "scores": ScoreMap(),
        "pros": TextList(),
        "cons": TextList(),
        "unit_price": Number(lo=0, nullable=True),
        "switching_cost": MONEY,
        "failure_cost": MONEY,
    },
    frozenset({"id", "side"}),
)

COST_LINE = EntitySpec(
    m.CostLine,
    {
        "id": Identifier(),
        "name": Text(),
        "basis": Choice(m.COST_BASES),
        "amount": MONEY,
    },
    frozenset({"id"}),
)

RISK = EntitySpec(
    m.Risk,
    {
        "id": Identifier(),
        "name": Text(),
        "category": Text(),
        "probability": FRACTION,
        "frequency": Choice(m.RISK_FREQUENCIES),
        "impact_low": MONEY,
        "impact_likely": MONEY,
        "impact_high": MONEY,
        "capped_by_liability": Boolean(),
        "mitigation": Text(),
        "owner": Text(),
    },
    frozenset({"id"}),
)

RISK_OVERRIDE = EntitySpec(
    m.RiskOverride,
    {
        "probability": Number(0, 1, nullable=True),
        "impact_low": Number(lo=0, nullable=True),
        "impact_likely": Number(lo=0, nullable=True),
        "impact_high": Number(lo=0, nullable=True),
    },
)

TERM = EntitySpec(m.Term, {"name": Text(), "value": Text(), "rationale": Text()})

SCENARIO = EntitySpec(
    m.Scenario,
    {
        "id": Identifier(),
        "name": Text(),
        "role": Choice(m.SCENARIO_ROLES),
        "unit_price": Number(lo=0, lo_open=True, nullable=True),
        "annual_volume": Number(lo=0, lo_open=True, nullable=True),
        "years": Integer(1, 30),
        "annual_price_change_pct": Number(-50, 50),
        "payment_days": Integer(0, 365),
        "liability_cap": Number(lo=0, nullable=True),
        "scores": ScoreMap(),
        "risk_overrides": NestedMap(RISK_OVERRIDE),
        "terms": Nested(TERM),
    },
    frozenset({"id"}),
)

TALKING_POINT = EntitySpec(
    m.TalkingPoint,
    {"alternative_id": Identifier(), "text": Text(), "basis": Text()},
)

PROPOSAL = EntitySpec(
    m.Proposal,
    {
        "statement": Text(),
        "talking_points": Nested(TALKING_POINT),
        "addresses_interests": IdList(),
    },
)

#: The case's collections, in JSON order: key -> spec of one element.
COLLECTIONS: dict[str, EntitySpec] = {
    "parties": PARTY,
    "criteria": CRITERION,
    "alternatives": ALTERNATIVE,
    "cost_lines": COST_LINE,
    "risks": RISK,
    "scenarios": SCENARIO,
}

SPEC_BY_CLASS: dict[type[Any], EntitySpec] = {
    spec.cls: spec
    for spec in (
        CASE_INFO,
        INTEREST,
        PARTY,
        CRITERION,
        ALTERNATIVE,
        COST_LINE,
        RISK,
        RISK_OVERRIDE,
        TERM,
        SCENARIO,
        TALKING_POINT,
        PROPOSAL,
    )
}

#: Fields where ``null`` is a legal value even though the rule has no ``nullable`` flag.
_NULL_ALLOWED = {(m.TalkingPoint, "alternative_id"), (m.TalkingPoint, "basis")}


def parse_entity(spec: EntitySpec, raw: object, path: str) -> Any:
    """Build ``spec.cls`` from ``raw``; raise ``ValidationError`` listing every bad field."""
    if not isinstance(raw, Mapping):
        raise ValidationError([FieldError(path, f"must be an object, not {_type_name(raw)}")])
    errors: list[FieldError] = []
    for key in raw:
        if key not in spec.rules:
            errors.append(FieldError(join_path(path, str(key)), "is not a known field"))
    for name in sorted(spec.required - raw.keys(), key=spec.field_names().index):
        errors.append(FieldError(join_path(path, name), "is required"))
    values: dict[str, Any] = {}
    for name, rule in spec.rules.items():
        if name not in raw:
            continue
        value = raw[name]
        field_path = join_path(path, name)
        try:
            if value is None and (spec.cls, name) in _NULL_ALLOWED:
                values[name] = None
            else:
                values[name] = rule.check(value, field_path)
        except FieldError as error:
            errors.append(error)
        except ValidationError as nested:
            errors.extend(nested.errors)
    if errors:
        raise ValidationError(errors)
    return spec.cls(**values)


def check_entity(entity: Any, path: str) -> Any:
    """Validate an entity built in code (e.g. by the GUI); return its cleaned copy."""
    return parse_entity(SPEC_BY_CLASS[type(entity)], to_raw(entity), path)


def to_raw(value: Any) -> Any:
    """Entities to JSON-ready data: dataclasses to dicts in field order, tuples to lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_raw(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {key: to_raw(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [to_raw(item) for item in value]
    return value
