""" "What changed since…" (SPEC §10): ``case_changes`` lists field-level differences between a
snapshot and now — entities matched by id (a reordered list is one change, not many), an
entity added or removed as one change, nested lists and maps walked, the plan fields and the
offers included."""

from __future__ import annotations

import copy
from typing import Any

from desktop_app.domain.diff import ABSENT, Change, case_changes
from desktop_app.store.interchange import document_to_case
from tests.domain.test_validation import base_document


def before() -> dict[str, Any]:
    doc = base_document()
    doc["risks"][0]["name"] = "Supply"
    doc["offers"] = [{"id": "o-1", "round": 1, "from": "theirs", "unit_price": 11}]
    return doc


def changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[Change, ...]:
    return case_changes(document_to_case(old), document_to_case(new))


def test_the_same_case_has_no_changes() -> None:
    assert changes(before(), before()) == ()


def test_every_field_that_changed_is_listed_with_both_values() -> None:
    old = before()
    new = copy.deepcopy(old)
    new["case"]["title"] = "Changed"
    new["case"]["plan_rounds"] = 6
    new["risks"][0]["probability"] = 0.25
    new["offers"][0]["from"] = "ours"
    new["offers"][0]["unit_price"] = 11.5
    assert {c.path: (c.label, c.before, c.after) for c in changes(old, new)} == {
        "case.title": ("Case › Title", "Base", "Changed"),
        "case.plan_rounds": ("Case › Plan rounds", "4", "6"),
        "risks[r1].probability": ("Risk “Supply” › Probability", "0.1", "0.25"),
        "offers[o-1].from": ("Offer round 1 (ours, o-1) › From", "theirs", "ours"),
        "offers[o-1].unit_price": ("Offer round 1 (ours, o-1) › Unit price", "11", "11.5"),
    }


def test_an_entity_added_or_removed_is_one_change() -> None:
    old = before()
    new = copy.deepcopy(old)
    new["risks"].append(
        {
            "id": "r3",
            "name": "New",
            "probability": 0.1,
            "impact_low": 1,
            "impact_likely": 2,
            "impact_high": 3,
        }
    )
    new["offers"] = [{"id": "o-2", "round": 2, "from": "ours", "unit_price": 12}]
    listed = changes(old, new)
    assert Change("risks[r3]", "Risk “New”", ABSENT, "added") in listed
    assert Change("offers[o-2]", "Offer round 2 (ours, o-2)", ABSENT, "added") in listed
    assert Change("offers[o-1]", "Offer round 1 (theirs, o-1)", "present", "removed") in listed
    assert len(listed) == 3


def test_a_reordered_list_is_one_change_and_nested_entities_are_walked() -> None:
    old = before()
    new = copy.deepcopy(old)
    new["risks"].reverse()
    new["parties"][0]["interests"][0]["text"] = "Supply, on time"
    new["scenarios"][0]["risk_overrides"] = {"r1": {"probability": 0.5}}
    listed = changes(old, new)
    assert Change("risks", "Risk: order", "", "reordered") in listed
    assert [c.path for c in listed if c.path.startswith("risks[")] == []
    interest = next(c for c in listed if c.path == "parties[p1].interests[i1].text")
    assert (interest.before, interest.after) == ("Supply", "Supply, on time")
    assert interest.label.startswith("Party “Buyer” › Interests")
    override = next(c for c in listed if c.path == "scenarios[s1].risk_overrides.r1")
    assert (override.before, override.after) == (ABSENT, "added")
    assert len(listed) == 3


def test_the_direction_is_from_the_snapshot_to_now() -> None:
    old = before()
    new = copy.deepcopy(old)
    new["case"]["title"] = "Now"
    (forward,) = changes(old, new)
    (backward,) = changes(new, old)
    assert (forward.before, forward.after) == ("Base", "Now")
    assert (backward.before, backward.after) == ("Now", "Base")
