"""Invalid edits are refused with the field's path, and nothing stored changes (SPEC §1, §6)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

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
    ValidationError,
)
from desktop_app.store import CaseFile
from tests.store.casefile_support import listing, snapshot, stored_case

Edit = Callable[[CaseFile], object]


def _risk(case_file: CaseFile, index: int) -> Risk:
    return case_file.case.risks[index]


INVALID_EDITS: dict[str, tuple[Edit, str]] = {
    "probability above 1": (
        lambda f: f.update(replace(_risk(f, 0), probability=1.7)),
        "risks[0].probability",
    ),
    "negative probability on add": (
        lambda f: f.add(Risk(id="r-bad", probability=-0.1)),
        "risks[3].probability",
    ),
    "impact low above high": (
        lambda f: f.update(replace(_risk(f, 2), impact_low=200_000.0)),
        "risks[2].impact_likely",
    ),
    "duplicate risk id": (
        lambda f: f.add(Risk(id="r-recall", name="again")),
        "risks[3].id",
    ),
    "duplicate interest id across parties": (
        lambda f: f.add(
            Party(id="p-x", name="X", side="third", interests=(Interest(id="i-cost"),))
        ),
        "parties[4].interests[0].id",
    ),
    "score on a criterion of the other side (add)": (
        lambda f: f.add(Alternative(id="a-bad", side="theirs", scores={"c-o-margin": 5.0})),
        "alternatives[3].scores.c-o-margin",
    ),
    "score on an unknown criterion (scenario add)": (
        lambda f: f.add(Scenario(id="s-bad", scores={"c-none": 5.0})),
        "scenarios[3].scores.c-none",
    ),
    "score above 10": (
        lambda f: f.update(replace(f.case.alternatives[0], scores={"c-t-cost": 11.0})),
        "alternatives[0].scores.c-t-cost",
    ),
    "second our_proposal scenario (add)": (
        lambda f: f.add(Scenario(id="s-two", role="our_proposal")),
        "scenarios[3].role",
    ),
    "second their_demand scenario (update)": (
        lambda f: f.update(replace(f.case.scenarios[2], role="their_demand")),
        "scenarios[2].role",
    ),
    "override making likely above high": (
        lambda f: f.update(
            replace(f.case.scenarios[0], risk_overrides={"r-fx": RiskOverride(impact_high=1.0)})
        ),
        "scenarios[0].risk_overrides.r-fx",
    ),
    "title empty": (
        lambda f: f.set_info(replace(f.case.info, title="   ")),
        "case.title",
    ),
    "currency not ISO": (
        lambda f: f.set_info(replace(f.case.info, currency="euro")),
        "case.currency",
    ),
    "fair band reversed": (
        lambda f: f.set_info(replace(f.case.info, fair_band=(0.7, 0.2))),
        "case.fair_band",
    ),
    "text over 10,000 characters": (
        lambda f: f.set_proposal(replace(f.case.proposal, statement="x" * 10_001)),
        "proposal.statement",
    ),
    "years out of range": (
        lambda f: f.update(replace(f.case.scenarios[1], years=31)),
        "scenarios[1].years",
    ),
    "negative cost": (
        lambda f: f.update(replace(f.case.cost_lines[1], amount=-5.0)),
        "cost_lines[1].amount",
    ),
    "interest addressed twice": (
        lambda f: f.set_proposal(
            replace(f.case.proposal, addresses_interests=("i-cost", "i-cost"))
        ),
        "proposal.addresses_interests[1]",
    ),
    "whole-case commit with a dangling talking point": (
        lambda f: f.commit(
            replace(
                f.case,
                proposal=Proposal(talking_points=(TalkingPoint(alternative_id="a-none"),)),
            )
        ),
        "proposal.talking_points[0].alternative_id",
    ),
    "whole-case commit with an unknown override": (
        lambda f: f.commit(
            replace(
                f.case,
                scenarios=(
                    replace(f.case.scenarios[0], risk_overrides={"r-none": RiskOverride()}),
                    *f.case.scenarios[1:],
                ),
            )
        ),
        "scenarios[0].risk_overrides.r-none",
    ),
}


@pytest.mark.parametrize("name", list(INVALID_EDITS))
def test_invalid_edit_is_refused_and_nothing_changes(
    name: str, case_file: CaseFile, case_path: Path, rich_case: Case
) -> None:
    edit, expected_path = INVALID_EDITS[name]
    before = snapshot(case_path)
    files_before = listing(case_path.parent)
    with pytest.raises(ValidationError) as caught:
        edit(case_file)
    paths = [error.path for error in caught.value.errors]
    assert expected_path in paths, paths
    assert str(caught.value).startswith(f"{paths[0]}: ")
    assert case_file.case == rich_case
    assert snapshot(case_path) == before
    assert listing(case_path.parent) == files_before
    assert stored_case(case_path) == rich_case


def test_error_message_names_the_field_and_the_value(case_file: CaseFile) -> None:
    with pytest.raises(ValidationError) as caught:
        case_file.update(replace(_risk(case_file, 0), probability=1.7))
    assert str(caught.value).startswith("risks[0].probability: ")
    assert "1.7" in str(caught.value)


def test_the_case_stays_editable_after_a_refusal(case_file: CaseFile, case_path: Path) -> None:
    with pytest.raises(ValidationError):
        case_file.add(Risk(id="r-recall"))
    case_file.add(Risk(id="r-ok", probability=0.5))
    assert [r.id for r in stored_case(case_path).risks][-1] == "r-ok"


def test_unknown_id_is_a_key_error_and_nothing_changes(
    case_file: CaseFile, case_path: Path
) -> None:
    before = snapshot(case_path)
    with pytest.raises(KeyError):
        case_file.delete("risks", "r-none")
    with pytest.raises(KeyError):
        case_file.move("criteria", "c-none", 0)
    with pytest.raises(KeyError):
        case_file.update(Criterion(id="c-none", side="ours"))
    assert snapshot(case_path) == before


def test_create_refuses_an_invalid_case_and_writes_nothing(tmp_path: Path) -> None:
    bad = Case(info=CaseInfo(title="Bad"), risks=(Risk(id="r", probability=2.0),))
    with pytest.raises(ValidationError) as caught:
        CaseFile.create(tmp_path / "bad.leverage", bad)
    assert caught.value.first.path == "risks[0].probability"
    assert listing(tmp_path) == []


# -- references the edited entity itself gets wrong must be refused, not silently dropped --


def test_update_with_a_score_on_the_other_sides_criterion_is_refused(
    case_file: CaseFile, case_path: Path, rich_case: Case
) -> None:
    """SPEC §1: a score must reference a criterion of the alternative's own side; bad input
    is refused with the field's path. ``update`` must not quietly drop what was typed."""
    alternative = case_file.case.alternatives[0]
    before = snapshot(case_path)
    with pytest.raises(ValidationError) as caught:
        case_file.update(replace(alternative, scores={**alternative.scores, "c-o-margin": 5.0}))
    assert caught.value.first.path == "alternatives[0].scores.c-o-margin"
    assert case_file.case == rich_case
    assert snapshot(case_path) == before


def test_update_with_an_override_of_an_unknown_risk_is_refused(
    case_file: CaseFile, case_path: Path, rich_case: Case
) -> None:
    scenario = case_file.case.scenarios[1]
    before = snapshot(case_path)
    with pytest.raises(ValidationError) as caught:
        case_file.update(
            replace(scenario, risk_overrides={"r-none": RiskOverride(probability=0.5)})
        )
    assert caught.value.first.path == "scenarios[1].risk_overrides.r-none"
    assert case_file.case == rich_case
    assert snapshot(case_path) == before


def test_set_proposal_with_dangling_references_is_refused(
    case_file: CaseFile, case_path: Path, rich_case: Case
) -> None:
    before = snapshot(case_path)
    proposal = Proposal(
        statement="x",
        talking_points=(TalkingPoint(alternative_id="a-none", text="?"),),
        addresses_interests=("i-none",),
    )
    with pytest.raises(ValidationError) as caught:
        case_file.set_proposal(proposal)
    paths = {error.path for error in caught.value.errors}
    assert paths == {
        "proposal.talking_points[0].alternative_id",
        "proposal.addresses_interests[0]",
    }
    assert case_file.case == rich_case
    assert snapshot(case_path) == before
