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
from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.numbers import grouped, separators

ABSENT = "—"
MAX_SHOWN = 80
#: A collection's entity in words, by its key (English: a key of the catalogue, translated
#: where a change is listed).
ENTITY_WORDS = {
    "parties": N_("Party"),
    "criteria": N_("Criterion"),
    "alternatives": N_("Alternative"),
    "cost_lines": N_("Cost line"),
    "risks": N_("Risk"),
    "scenarios": N_("Scenario"),
    "offers": N_("Offer"),
}


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: ``path`` as the JSON would name it, ``label`` in words, the values."""

    path: str
    label: str
    before: str
    after: str


def show(value: Any, field: Field | None = None) -> str:
    """A stored value as a consultant reads it in a list of changes (in the language in use)."""
    if value is None:
        return _("empty")
    if field is not None and field.choice_labels and not isinstance(value, list | dict):
        label = next((label for stored, label in field.choice_labels if stored == value), "")
        return _(label) if label else str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return separators(f"{value:,.6g}")
    if isinstance(value, bytes):
        size = len(value)
        return ngettext("an image of {size} byte", "an image of {size} bytes", size).format(
            size=grouped(size, 0)
        )
    if isinstance(value, list):
        return "; ".join(show(v) for v in value) if value else _("none")
    if isinstance(value, dict):
        return ", ".join(f"{k}: {show(v)}" for k, v in value.items()) if value else _("none")
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _name(raw: Mapping[str, Any], spec: EntitySpec) -> str:
    for key in ("name", "text", "title"):
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            return _("“{name}”").format(name=show(value))
    if "round" in raw:
        side, side_field = raw.get("from", ""), spec.fields.get("from")
        if side and side_field is not None:
            side = show(side, side_field)
        return _("round {round} ({side}, {id})").format(
            round=raw["round"], side=side, id=raw.get("id", "")
        )
    return _("“{name}”").format(name=raw.get("id", ""))


def _entity(
    spec: EntitySpec, before: Mapping[str, Any], after: Mapping[str, Any], path: str, words: str
) -> Iterator[Change]:
    for name, field in spec.fields.items():
        if is_bookkeeping(spec, name):
            continue
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        shown = _(field.label) if field.label else field.label
        where, label = f"{path}.{name}", f"{words} › {shown}"
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
            yield Change(where, f"{words} {_name(old[key], spec)}", _("present"), _("removed"))
        elif key not in old:
            yield Change(where, f"{words} {_name(new[key], spec)}", ABSENT, _("added"))
        elif old[key] != new[key]:
            label = f"{words} {_name(new[key], spec)}"
            yield from _entity(spec, old[key], new[key], where, label)
    common = [k for k in old if k in new]
    if keyed and common != [k for k in new if k in old]:
        yield Change(path, _("{entity}: order").format(entity=words), "", _("reordered"))


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
            yield Change(where, label, _("present"), _("removed"))
        elif key not in before:
            yield Change(where, label, ABSENT, _("added"))
        else:
            yield from _entity(spec, before[key], after[key], where, label)


def case_changes(before: Case, after: Case) -> tuple[Change, ...]:
    """Every field-level difference from ``before`` (a snapshot) to ``after`` (now)."""
    changes: list[Change] = []
    changes += _entity(CASE_INFO, to_raw(before.info), to_raw(after.info), "case", _("Case"))
    for key, spec in COLLECTIONS.items():
        old, new = to_raw(getattr(before, key)), to_raw(getattr(after, key))
        if old != new:
            words = _(ENTITY_WORDS[key]) if key in ENTITY_WORDS else key
            changes += _listed(spec, old, new, key, words)
    old_pairs, new_pairs = to_raw(before.correlations), to_raw(after.correlations)
    if old_pairs != new_pairs:
        pairs = _("Correlation")
        changes += _listed(CORRELATION, old_pairs, new_pairs, CORRELATIONS_KEY, pairs)
    changes += _entity(
        PROPOSAL, to_raw(before.proposal), to_raw(after.proposal), "proposal", _("Proposal")
    )
    return tuple(changes)
