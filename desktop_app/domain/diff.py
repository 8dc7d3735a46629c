"""What changed between two cases, field by field (SPEC §10: "What changed since…").

``case_changes(before, after)`` lists every field whose value differs, each as a ``Change``:
its path (``risks[r-supply].probability``, entities named by id so a reordered list is not a
change), the same in words (``Risk "Supply disruption" › Probability``) and the two values as
text. An entity added or removed is one change (its name, "—" on the side where it is absent);
a reordering of a collection is one change too. App bookkeeping (the bases of generated words)
is not compared. Walks the schema, so a field added later is compared with no change here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.fields import Field
from desktop_app.domain.model import Case
from desktop_app.domain.schema import (
    CASE_INFO,
    COLLECTIONS,
    CORRELATION,
    CORRELATIONS_KEY,
    PROPOSAL,
    EntitySpec,
    Nested,
    NestedMap,
    to_raw,
)
from desktop_app.domain.tables import is_bookkeeping

ABSENT = "—"
MAX_SHOWN = 80
#: A collection's entity in words, by its key.
ENTITY_WORDS = {
    "parties": "Party",
    "criteria": "Criterion",
    "alternatives": "Alternative",
    "cost_lines": "Cost line",
    "risks": "Risk",
    "scenarios": "Scenario",
    "offers": "Offer",
}


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: ``path`` as the JSON would name it, ``label`` in words, the values."""

    path: str
    label: str
    before: str
    after: str


def show(value: Any, field: Field | None = None) -> str:
    """A stored value as a consultant reads it in a list of changes."""
    if value is None:
        return "empty"
    if field is not None and field.choice_labels and not isinstance(value, list | dict):
        return field.label_of(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.6g}"
    if isinstance(value, bytes):
        return f"an image of {len(value):,} bytes"
    if isinstance(value, list):
        return "; ".join(show(v) for v in value) if value else "none"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {show(v)}" for k, v in value.items()) if value else "none"
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _name(raw: Mapping[str, Any]) -> str:
    for key in ("name", "text", "title"):
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            return f"“{show(value)}”"
    if "round" in raw:
        return f"round {raw['round']} ({raw.get('from', '')}, {raw.get('id', '')})"
    return f"“{raw.get('id', '')}”"


def _entity(
    spec: EntitySpec, before: Mapping[str, Any], after: Mapping[str, Any], path: str, words: str
) -> Iterator[Change]:
    for name, field in spec.fields.items():
        if is_bookkeeping(spec, name):
            continue
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        where, label = f"{path}.{name}", f"{words} › {field.label}"
        rule = field.rule
        if isinstance(rule, Nested):
            yield from _listed(rule.spec, old or [], new or [], where, label)
        elif isinstance(rule, NestedMap):
            yield from _mapped(rule.spec, old or {}, new or {}, where, label)
        else:
            yield Change(where, label, show(old, field), show(new, field))


def _listed(
    spec: EntitySpec,
    before: Sequence[Mapping[str, Any]],
    after: Sequence[Mapping[str, Any]],
    path: str,
    words: str,
) -> Iterator[Change]:
    """A list of entities: matched by id when they have one, else by position."""
    keyed = "id" in spec.fields
    old = {(e["id"] if keyed else i): e for i, e in enumerate(before)}
    new = {(e["id"] if keyed else i): e for i, e in enumerate(after)}
    for key in [*old, *(k for k in new if k not in old)]:
        where = f"{path}[{key}]"
        if key not in new:
            yield Change(where, f"{words} {_name(old[key])}", "present", "removed")
        elif key not in old:
            yield Change(where, f"{words} {_name(new[key])}", ABSENT, "added")
        elif old[key] != new[key]:
            yield from _entity(spec, old[key], new[key], where, f"{words} {_name(new[key])}")
    common = [k for k in old if k in new]
    if keyed and common != [k for k in new if k in old]:
        yield Change(path, f"{words}: order", "", "reordered")


def _mapped(
    spec: EntitySpec,
    before: Mapping[str, Mapping[str, Any]],
    after: Mapping[str, Mapping[str, Any]],
    path: str,
    words: str,
) -> Iterator[Change]:
    for key in [*before, *(k for k in after if k not in before)]:
        where, label = f"{path}.{key}", f"{words} {key}"
        if key not in after:
            yield Change(where, label, "present", "removed")
        elif key not in before:
            yield Change(where, label, ABSENT, "added")
        else:
            yield from _entity(spec, before[key], after[key], where, label)


def case_changes(before: Case, after: Case) -> tuple[Change, ...]:
    """Every field-level difference from ``before`` (a snapshot) to ``after`` (now)."""
    changes: list[Change] = []
    changes += _entity(CASE_INFO, to_raw(before.info), to_raw(after.info), "case", "Case")
    for key, spec in COLLECTIONS.items():
        old, new = to_raw(getattr(before, key)), to_raw(getattr(after, key))
        if old != new:
            changes += _listed(spec, old, new, key, ENTITY_WORDS.get(key, key))
    old_pairs, new_pairs = to_raw(before.correlations), to_raw(after.correlations)
    if old_pairs != new_pairs:
        changes += _listed(CORRELATION, old_pairs, new_pairs, CORRELATIONS_KEY, "Correlation")
    changes += _entity(
        PROPOSAL, to_raw(before.proposal), to_raw(after.proposal), "proposal", "Proposal"
    )
    return tuple(changes)
