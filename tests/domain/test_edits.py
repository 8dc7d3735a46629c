"""Pure edits: add, replace, remove (with what pointed at the removed thing), move."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.domain import (
    Alternative,
    Case,
    CaseInfo,
    Criterion,
    Interest,
    Party,
    Proposal,
    Risk,
    RiskOverride,
    Scenario,
    TalkingPoint,
    edits,
    validate_case,
)


def sample() -> Case:
    return Case(
        info=CaseInfo(title="Edits"),
        parties=(
            Party(id="p1", name="Buyer", side="theirs", interests=(Interest("i1"), Interest("i2"))),
            Party(id="p2", name="Engineer", side="theirs", interests=(Interest("i3"),)),
        ),
        criteria=(Criterion(id="ct", side="theirs"), Criterion(id="co", side="ours")),
        alternatives=(
            Alternative(id="a1", side="theirs", scores={"ct": 4}),
            Alternative(id="a2", side="ours", scores={"co": 6}),
        ),
        risks=(Risk(id="r1"), Risk(id="r2")),
        scenarios=(
            Scenario(
                id="s1",
                role="our_proposal",
                scores={"ct": 7, "co": 8},
                risk_overrides={"r1": RiskOverride(probability=0.5)},
            ),
        ),
        proposal=Proposal(
            talking_points=(TalkingPoint("a1", "x"), TalkingPoint(None, "general")),
            addresses_interests=("i1", "i3"),
        ),
    )


def test_removing_a_criterion_removes_its_scores_everywhere() -> None:
    case = edits.remove_entity(sample(), "criteria", "ct")
    assert case.alternatives[0].scores == {}
    assert case.scenarios[0].scores == {"co": 8}
    assert case.alternatives[1].scores == {"co": 6}
    validate_case(case)


def test_removing_a_risk_removes_its_overrides() -> None:
    case = edits.remove_entity(sample(), "risks", "r1")
    assert case.scenarios[0].risk_overrides == {}
    validate_case(case)


def test_removing_an_alternative_removes_its_talking_points_only() -> None:
    case = edits.remove_entity(sample(), "alternatives", "a1")
    assert case.proposal.talking_points == (TalkingPoint(None, "general"),)
    validate_case(case)


def test_removing_a_party_removes_its_addressed_interests() -> None:
    case = edits.remove_entity(sample(), "parties", "p1")
    assert case.proposal.addresses_interests == ("i3",)
    validate_case(case)


def test_changing_a_criterions_side_drops_scores_that_no_longer_apply() -> None:
    original = sample()
    case = edits.replace_entity(original, replace(original.criteria[0], side="ours"))
    assert case.alternatives[0].scores == {}
    assert case.scenarios[0].scores == {"ct": 7, "co": 8}
    validate_case(case)


def test_removing_an_interest_by_updating_its_party_unaddresses_it() -> None:
    original = sample()
    party = replace(original.parties[0], interests=(Interest("i2"),))
    case = edits.replace_entity(original, party)
    assert case.proposal.addresses_interests == ("i3",)


def test_add_and_move_keep_every_entity_once_in_the_requested_place() -> None:
    case = edits.add_entity(sample(), Risk(id="r3"), index=0)
    assert [r.id for r in case.risks] == ["r3", "r1", "r2"]
    case = edits.move_entity(case, "risks", "r3", 2)
    assert [r.id for r in case.risks] == ["r1", "r2", "r3"]
    case = edits.move_entity(case, "risks", "r3", -5)
    assert [r.id for r in case.risks] == ["r3", "r1", "r2"]
    case = edits.add_entity(case, Risk(id="r4"))
    assert [r.id for r in case.risks][-1] == "r4"


def test_edits_of_unknown_ids_are_refused() -> None:
    with pytest.raises(KeyError):
        edits.remove_entity(sample(), "risks", "ghost")
    with pytest.raises(KeyError):
        edits.replace_entity(sample(), Risk(id="ghost"))
    with pytest.raises(KeyError):
        edits.move_entity(sample(), "risks", "ghost", 0)


def test_new_id_is_unused_across_all_collections_and_interests() -> None:
    case = edits.add_entity(sample(), Risk(id="risk-1"))
    assert edits.new_id(case, "risk") == "risk-2"
    case = replace(
        case, parties=(Party(id="x", name="n", side="ours", interests=(Interest("interest-1"),)),)
    )
    assert edits.new_id(case, "interest") == "interest-2"


def test_an_edit_leaves_the_original_case_untouched() -> None:
    original = sample()
    snapshot = repr(original)
    edits.remove_entity(original, "criteria", "ct")
    edits.add_entity(original, Risk(id="r9"))
    assert repr(original) == snapshot
