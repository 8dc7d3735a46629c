"""Case-wide rules: unique ids, references that resolve, one proposal and one demand (SPEC §1).

What blocks storing is refused here; what only makes a case incomplete (no proposal yet, no
criteria, missing scores) is not — the analysis reports it and readiness lists it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from desktop_app.domain.correlations import conflicting_pairs
from desktop_app.domain.errors import FieldError, ValidationError, join_path, raise_if_any
from desktop_app.domain.model import (
    OVERRIDABLE_RISK_FIELDS,
    Case,
    Correlation,
    Risk,
    Scenario,
)
from desktop_app.domain.schema import (
    CASE_INFO,
    COLLECTIONS,
    CORRELATION,
    CORRELATIONS_KEY,
    PROPOSAL,
    RANGED_MONEY,
    SCENARIO,
    Nested,
    check_entity,
    parse_entity,
)
from desktop_app.i18n import N_, _

#: Prefixes of ids made up for entities that arrive without one.
_ID_PREFIX = {
    "parties": "party",
    "criteria": "criterion",
    "alternatives": "alternative",
    "cost_lines": "cost",
    "risks": "risk",
    "scenarios": "scenario",
    "offers": "offer",
}

SIDE_WORDS = {"ours": N_("our side"), "theirs": N_("their side")}

NO_CRITERION = N_("there is no criterion with the id '{id}'")
#: The refusals of a range, by the money it lies around (each a whole sentence to translate).
RANGE_NEEDS = {
    "unit_price": N_("a range needs a unit price to lie around"),
    "switching_cost": N_("a range needs a switching cost to lie around"),
    "failure_cost": N_("a range needs a failure cost to lie around"),
}
LOW_ABOVE = {
    "unit_price": N_(
        "{bound} is above the unit price {value}: the range must satisfy low ≤ unit price ≤ high"
    ),
    "switching_cost": N_(
        "{bound} is above the switching cost {value}: the range must satisfy "
        "low ≤ switching cost ≤ high"
    ),
    "failure_cost": N_(
        "{bound} is above the failure cost {value}: the range must satisfy "
        "low ≤ failure cost ≤ high"
    ),
}
HIGH_BELOW = {
    "unit_price": N_(
        "{bound} is below the unit price {value}: the range must satisfy low ≤ unit price ≤ high"
    ),
    "switching_cost": N_(
        "{bound} is below the switching cost {value}: the range must satisfy "
        "low ≤ switching cost ≤ high"
    ),
    "failure_cost": N_(
        "{bound} is below the failure cost {value}: the range must satisfy "
        "low ≤ failure cost ≤ high"
    ),
}


def parse_case(raw: Mapping[str, Any]) -> Case:
    """Build a case from its JSON sections (``case``, the collections, ``proposal``).

    Every field and every reference is checked; all problems are reported together, each
    with its JSON path. Entities without an id get a fresh one.
    """
    errors: list[FieldError] = []
    parts: dict[str, Any] = {}
    try:
        parts["info"] = parse_entity(CASE_INFO, raw.get("case", {}), "case")
    except ValidationError as error:
        errors.extend(error.errors)
    for key, spec in COLLECTIONS.items():
        items = raw.get(key, [])
        if isinstance(items, str | bytes) or not isinstance(items, list):
            errors.append(FieldError(key, _("must be a list")))
            continue
        parsed = []
        for index, item in enumerate(_with_ids(items, _ID_PREFIX[key])):
            try:
                parsed.append(parse_entity(spec, item, join_path(key, index)))
            except ValidationError as error:
                errors.extend(error.errors)
        parts[key] = tuple(parsed)
    try:
        parts["proposal"] = parse_entity(PROPOSAL, raw.get("proposal", {}), "proposal")
    except ValidationError as error:
        errors.extend(error.errors)
    try:
        parts["correlations"] = Nested(CORRELATION).check(
            raw.get(CORRELATIONS_KEY, []), CORRELATIONS_KEY
        )
    except (FieldError, ValidationError) as error:
        errors.extend(error.errors if isinstance(error, ValidationError) else [error])
    raise_if_any(errors)
    case = Case(**parts)
    raise_if_any(reference_errors(case))
    return case


def _text_id(item: object) -> str | None:
    ident = item.get("id") if isinstance(item, Mapping) else None
    return ident if isinstance(ident, str) else None


def _with_ids(items: list[Any], prefix: str) -> list[Any]:
    """Give id-less entities (and their interests) a fresh id that no other item uses."""
    # Only text ids can clash with a fresh one; an id of another type (a list, an object) is
    # refused by the field check later and must not break this set.
    taken = {_text_id(item) for item in items}
    taken |= {
        _text_id(interest)
        for item in items
        if isinstance(item, Mapping) and isinstance(item.get("interests"), list)
        for interest in item["interests"]
    }
    counter = 0

    def fresh(kind: str) -> str:
        nonlocal counter
        while True:
            counter += 1
            candidate = f"{kind}-{counter}"
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    result: list[Any] = []
    for item in items:
        if isinstance(item, Mapping):
            item = dict(item)
            if "id" not in item:
                item["id"] = fresh(prefix)
            interests = item.get("interests")
            if isinstance(interests, list):
                item["interests"] = [
                    {**i, "id": fresh("interest")}
                    if isinstance(i, Mapping) and "id" not in i
                    else i
                    for i in interests
                ]
        result.append(item)
    return result


def validate_case(case: Case) -> Case:
    """Check a case built in code: every field, then every case-wide rule. Returns it cleaned
    (control characters stripped) or raises ``ValidationError``."""
    errors: list[FieldError] = []
    parts: dict[str, Any] = {}
    try:
        parts["info"] = check_entity(case.info, "case")
    except ValidationError as error:
        errors.extend(error.errors)
    for key in COLLECTIONS:
        checked = []
        for index, entity in enumerate(getattr(case, key)):
            try:
                checked.append(check_entity(entity, join_path(key, index)))
            except ValidationError as error:
                errors.extend(error.errors)
        parts[key] = tuple(checked)
    try:
        parts["proposal"] = check_entity(case.proposal, "proposal")
    except ValidationError as error:
        errors.extend(error.errors)
    parts["correlations"] = _checked_correlations(case.correlations, errors)
    raise_if_any(errors)
    cleaned = Case(**parts)
    raise_if_any(reference_errors(cleaned))
    return cleaned


def reference_errors(case: Case) -> list[FieldError]:
    """Every case-wide rule that a field on its own cannot check."""
    return [
        *_duplicate_ids(case),
        *_score_references(case),
        *_risk_overrides(case),
        *_proposal_references(case),
        *_special_roles(case),
        *_net_values(case),
        *_ranges(case),
        *_correlations(case),
    ]


def _checked_correlations(
    correlations: tuple[Correlation, ...], errors: list[FieldError]
) -> tuple[Correlation, ...]:
    checked = []
    for index, entry in enumerate(correlations):
        try:
            checked.append(check_entity(entry, join_path(CORRELATIONS_KEY, index)))
        except ValidationError as error:
            errors.extend(error.errors)
            checked.append(entry)
    return tuple(checked)


def _correlations(case: Case) -> Iterator[FieldError]:
    """Distinct existing risks, one entry per pair, and a positive semi-definite matrix (SPEC
    §9); a matrix that is not is refused naming a smallest set of entries that conflict
    (``correlations.conflicting_pairs``)."""
    names = {r.id: r.name or r.id for r in case.risks}
    first: dict[frozenset[str], int] = {}
    sound = True
    for index, entry in enumerate(case.correlations):
        path = join_path(CORRELATIONS_KEY, index)
        for end in ("risk_a", "risk_b"):
            if getattr(entry, end) not in names:
                sound = False
                yield FieldError(
                    f"{path}.{end}",
                    _("there is no risk with the id '{id}'").format(id=getattr(entry, end)),
                )
        if entry.risk_a == entry.risk_b:
            sound = False
            yield FieldError(f"{path}.risk_b", _("a risk cannot be correlated with itself"))
        pair = frozenset((entry.risk_a, entry.risk_b))
        if pair in first:
            sound = False
            yield FieldError(
                f"{path}.risk_b",
                _("this pair of risks already has a correlation in {path}").format(
                    path=join_path(CORRELATIONS_KEY, first[pair])
                ),
            )
        first.setdefault(pair, index)
    if not sound:
        return
    conflict = conflicting_pairs([(c.risk_a, c.risk_b, c.rho) for c in case.correlations])
    if conflict:
        pairs = "; ".join(
            f"{names[case.correlations[i].risk_a]} – {names[case.correlations[i].risk_b]} "
            f"({case.correlations[i].rho:g})"
            for i in conflict
        )
        yield FieldError(
            f"{join_path(CORRELATIONS_KEY, conflict[-1])}.rho",
            _(
                "these correlations cannot all hold at once (the matrix they make is not "
                "positive semi-definite): {pairs}; weaken one of them"
            ).format(pairs=pairs),
        )


def _duplicates(pairs: Iterable[tuple[str, str]]) -> Iterator[FieldError]:
    """``pairs`` are (path of the id, id); report each id seen before, naming the first use."""
    first_use: dict[str, str] = {}
    for path, ident in pairs:
        if ident in first_use:
            yield FieldError(
                path,
                _("the id '{id}' is already used by {path}").format(
                    id=ident, path=first_use[ident]
                ),
            )
        else:
            first_use[ident] = path.removesuffix(".id")


def _duplicate_ids(case: Case) -> Iterator[FieldError]:
    for key in COLLECTIONS:
        items = getattr(case, key)
        yield from _duplicates((f"{key}[{i}].id", item.id) for i, item in enumerate(items))
    yield from _duplicates(
        (f"parties[{p}].interests[{i}].id", interest.id)
        for p, party in enumerate(case.parties)
        for i, interest in enumerate(party.interests)
    )


def _score_references(case: Case) -> Iterator[FieldError]:
    side_of = {c.id: c.side for c in case.criteria}
    for index, alt in enumerate(case.alternatives):
        for crit_id in alt.scores:
            path = f"alternatives[{index}].scores.{crit_id}"
            if crit_id not in side_of:
                yield FieldError(path, _(NO_CRITERION).format(id=crit_id))
            elif side_of[crit_id] != alt.side:
                yield FieldError(
                    path,
                    _(
                        "'{id}' is a criterion of {criterion_side}; an alternative of "
                        "{side} is scored on {side}'s criteria only"
                    ).format(
                        id=crit_id,
                        criterion_side=_(SIDE_WORDS[side_of[crit_id]]),
                        side=_(SIDE_WORDS[alt.side]),
                    ),
                )
    for index, scenario in enumerate(case.scenarios):
        for crit_id in scenario.scores:
            if crit_id not in side_of:
                yield FieldError(
                    f"scenarios[{index}].scores.{crit_id}",
                    _(NO_CRITERION).format(id=crit_id),
                )


def effective_risk(risk: Risk, scenario: Scenario) -> Risk:
    """The risk as ``scenario`` sees it: the register's values with its overrides applied."""
    override = scenario.risk_overrides.get(risk.id)
    if override is None:
        return risk
    changes = {
        name: getattr(override, name)
        for name in OVERRIDABLE_RISK_FIELDS
        if getattr(override, name) is not None
    }
    return replace(risk, **changes) if changes else risk


def _risk_overrides(case: Case) -> Iterator[FieldError]:
    risks = {r.id: r for r in case.risks}
    for index, risk in enumerate(case.risks):
        if not risk.impact_low <= risk.impact_likely <= risk.impact_high:
            yield FieldError(
                f"risks[{index}].impact_likely",
                _(
                    "the impacts must satisfy low ≤ likely ≤ high (here {low}, {likely}, {high})"
                ).format(
                    low=f"{risk.impact_low:g}",
                    likely=f"{risk.impact_likely:g}",
                    high=f"{risk.impact_high:g}",
                ),
            )
    for index, scenario in enumerate(case.scenarios):
        for risk_id in scenario.risk_overrides:
            path = f"scenarios[{index}].risk_overrides.{risk_id}"
            if risk_id not in risks:
                yield FieldError(path, _("there is no risk with the id '{id}'").format(id=risk_id))
                continue
            seen = effective_risk(risks[risk_id], scenario)
            if not seen.impact_low <= seen.impact_likely <= seen.impact_high:
                yield FieldError(
                    path,
                    _(
                        "with this override the impacts no longer satisfy low ≤ likely ≤ high "
                        "(here {low}, {likely}, {high})"
                    ).format(
                        low=f"{seen.impact_low:g}",
                        likely=f"{seen.impact_likely:g}",
                        high=f"{seen.impact_high:g}",
                    ),
                )


def _proposal_references(case: Case) -> Iterator[FieldError]:
    alternatives = {a.id for a in case.alternatives}
    for index, point in enumerate(case.proposal.talking_points):
        if point.alternative_id is not None and point.alternative_id not in alternatives:
            yield FieldError(
                f"proposal.talking_points[{index}].alternative_id",
                _("there is no alternative with the id '{id}'").format(id=point.alternative_id),
            )
    interests = {i.id for p in case.parties for i in p.interests}
    seen: set[str] = set()
    for index, interest_id in enumerate(case.proposal.addresses_interests):
        path = f"proposal.addresses_interests[{index}]"
        if interest_id not in interests:
            yield FieldError(
                path, _("there is no interest with the id '{id}'").format(id=interest_id)
            )
        elif interest_id in seen:
            yield FieldError(path, _("the interest '{id}' is listed twice").format(id=interest_id))
        seen.add(interest_id)


def _special_roles(case: Case) -> Iterator[FieldError]:
    role_field = SCENARIO.fields["role"]
    for role in ("our_proposal", "their_demand"):
        words = _(role_field.label_of(role))
        holders = [i for i, s in enumerate(case.scenarios) if s.role == role]
        for index in holders[1:]:
            yield FieldError(
                f"scenarios[{index}].role",
                _("only one scenario can be {role}; {path} already is").format(
                    role=words, path=f"scenarios[{holders[0]}]"
                ),
            )


def _net_values(case: Case) -> Iterator[FieldError]:
    """A net value is what one of *our* alternatives earns us (SPEC §8); on the counterpart's
    it would mean nothing, so it is refused rather than silently ignored."""
    for index, alt in enumerate(case.alternatives):
        if alt.side == "theirs" and alt.net_value is not None:
            yield FieldError(
                f"alternatives[{index}].net_value",
                _(
                    "only our alternatives have a net value (what going that way earns us); "
                    "leave it empty on the counterpart's, whose cost is their unit price, "
                    "switching cost and failure cost"
                ),
            )


def _ranges(case: Case) -> Iterator[FieldError]:
    """The ranges of their alternatives' money (SPEC §9): low ≤ value ≤ high, on their side
    only, and only around a value that is given (a unit price left empty has no range)."""
    for index, alt in enumerate(case.alternatives):
        for money in RANGED_MONEY:
            value = getattr(alt, money)
            for end in ("low", "high"):
                bound = getattr(alt, f"{money}_{end}")
                if bound is None:
                    continue
                path = f"alternatives[{index}].{money}_{end}"
                if alt.side == "ours":
                    yield FieldError(
                        path,
                        _(
                            "only the counterpart's alternatives have ranges (what we do not "
                            "know about them); leave it empty on ours"
                        ),
                    )
                elif value is None:
                    yield FieldError(path, _(RANGE_NEEDS[money]))
                elif end == "low" and bound > value:
                    yield FieldError(
                        path, _(LOW_ABOVE[money]).format(bound=f"{bound:g}", value=f"{value:g}")
                    )
                elif end == "high" and bound < value:
                    yield FieldError(
                        path, _(HIGH_BELOW[money]).format(bound=f"{bound:g}", value=f"{value:g}")
                    )


def validate_change(old: Case, new: Case) -> Case:
    """Check the entities that changed since ``old`` and every case-wide rule; return ``new``
    cleaned (control characters stripped) or raise ``ValidationError``.

    Unchanged entities (the same objects) were checked when they were stored; checking only
    what changed keeps an edit of a large case fast.
    """
    errors: list[FieldError] = []
    parts: dict[str, Any] = {}

    def check(entity: Any, path: str) -> Any:
        try:
            return check_entity(entity, path)
        except ValidationError as error:
            errors.extend(error.errors)
            return entity

    parts["info"] = new.info if new.info is old.info else check(new.info, "case")
    parts["proposal"] = (
        new.proposal if new.proposal is old.proposal else check(new.proposal, "proposal")
    )
    for key in COLLECTIONS:
        before = {id(e) for e in getattr(old, key)}
        parts[key] = tuple(
            e if id(e) in before else check(e, join_path(key, i))
            for i, e in enumerate(getattr(new, key))
        )
    if new.correlations != old.correlations:
        parts["correlations"] = _checked_correlations(new.correlations, errors)
    raise_if_any(errors)
    cleaned = replace(new, **parts)
    raise_if_any(reference_errors(cleaned))
    return cleaned
