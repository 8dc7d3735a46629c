"""Create, open, reopen, and every edit API: each call is one durable transaction (SPEC §6).

"Durable" is checked from outside the ``CaseFile`` that made the change: with a plain
read-only sqlite3 connection and with a fresh read-only ``CaseFile`` opened in the same test.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain import (
    Case,
    CaseInfo,
    CostLine,
    Criterion,
    Interest,
    Party,
    Proposal,
    Risk,
    TalkingPoint,
    blank_case,
)
from desktop_app.store import CaseFile
from tests.store.casefile_support import column, scalar, stored_case

# -- create, open, reopen ------------------------------------------------------------------


def test_created_case_round_trips(tmp_path: Path, rich_case: Case) -> None:
    path = tmp_path / "new.leverage"
    with CaseFile.create(path, rich_case) as case_file:
        assert case_file.case == rich_case
        assert not case_file.read_only
        assert case_file.read_only_reason is None
        assert case_file.path == path
    with CaseFile.open(path) as again:
        assert again.case == rich_case
    assert stored_case(path) == rich_case


def test_blank_case_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "blank.leverage"
    blank = blank_case(prepared_on="2026-11-26")
    CaseFile.create(path, blank).close()
    assert stored_case(path) == blank
    assert stored_case(path).proposal_scenario is not None


def test_open_accepts_a_string_path(case_path: Path, rich_case: Case) -> None:
    with CaseFile.open(str(case_path)) as case_file:
        assert case_file.case == rich_case
        assert case_file.path == case_path


def test_order_of_every_collection_survives(case_path: Path, rich_case: Case) -> None:
    stored = stored_case(case_path)
    for key in ("parties", "criteria", "alternatives", "cost_lines", "risks", "scenarios"):
        assert [e.id for e in getattr(stored, key)] == [e.id for e in getattr(rich_case, key)]
    assert [i.id for i in stored.parties[1].interests] == ["i-cost", "i-supply"]


def test_reload_returns_what_the_file_holds(case_file: CaseFile, rich_case: Case) -> None:
    assert case_file.reload() == rich_case
    assert case_file.case == rich_case


# -- every edit is durable when the call returns -------------------------------------------


def test_add_is_durable(case_file: CaseFile, case_path: Path) -> None:
    risk = Risk(id="r-new", name="Tooling breaks", probability=0.2, impact_high=10.0)
    returned = case_file.add(risk)
    assert returned is case_file.case
    assert returned.risks[-1] == risk
    assert scalar(case_path, "SELECT name FROM risks WHERE id = 'r-new'") == "Tooling breaks"
    assert stored_case(case_path) == case_file.case


def test_add_at_an_index_is_durable(case_file: CaseFile, case_path: Path) -> None:
    case_file.add(CostLine(id="k-freight", name="Freight", amount=2.0), index=0)
    assert column(case_path, "SELECT id FROM cost_lines ORDER BY position") == [
        "k-freight",
        "k-material",
        "k-tooling",
        "k-team",
    ]
    assert stored_case(case_path) == case_file.case


def test_add_party_with_interests_is_durable(case_file: CaseFile, case_path: Path) -> None:
    party = Party(
        id="p-cfo",
        name="CFO",
        side="theirs",
        interests=(Interest(id="i-cash", text="Cash", priority=2),),
    )
    case_file.add(party)
    assert scalar(case_path, "SELECT party_id FROM interests WHERE id = 'i-cash'") == "p-cfo"
    assert stored_case(case_path).parties[-1] == party


def test_update_is_durable(case_file: CaseFile, case_path: Path) -> None:
    risk = case_file.case.risks[1]
    case_file.update(replace(risk, probability=0.35, mitigation="Second source"))
    row = (
        scalar(case_path, "SELECT probability FROM risks WHERE id = ?", (risk.id,)),
        scalar(case_path, "SELECT mitigation FROM risks WHERE id = ?", (risk.id,)),
    )
    assert row == (0.35, "Second source")
    assert stored_case(case_path) == case_file.case
    assert stored_case(case_path).risks[1].probability == 0.35


def test_update_of_a_party_keeps_its_interests(case_file: CaseFile, case_path: Path) -> None:
    """Upserting a party row must not cascade-delete its interests (ON DELETE CASCADE)."""
    buyer = case_file.case.parties[1]
    case_file.update(replace(buyer, name="New buyer", stance=1))
    stored = stored_case(case_path)
    assert stored.parties[1].name == "New buyer"
    assert [i.id for i in stored.parties[1].interests] == ["i-cost", "i-supply"]
    assert scalar(case_path, "SELECT count(*) FROM interests WHERE party_id = 'p-buyer'") == 2


def test_update_of_interests_is_durable(case_file: CaseFile, case_path: Path) -> None:
    buyer = case_file.case.parties[1]
    interests = (
        Interest(id="i-supply", text="Secure supply", priority=5),
        Interest(id="i-terms", text="Longer payment terms", priority=3),
    )
    case_file.update(replace(buyer, interests=interests))
    stored = stored_case(case_path)
    assert stored.parties[1].interests == interests
    assert "i-cost" not in column(case_path, "SELECT id FROM interests")
    # The proposal addressed i-cost, which is gone: the reference went with it.
    assert stored.proposal.addresses_interests == ("i-supply", "i-quality")
    assert stored == case_file.case


def test_move_is_durable(case_file: CaseFile, case_path: Path) -> None:
    case_file.move("risks", "r-fx", 0)
    assert column(case_path, "SELECT id FROM risks ORDER BY position") == [
        "r-fx",
        "r-recall",
        "r-stoppage",
    ]
    case_file.move("parties", "p-ceo", 99)  # clamped to the end
    assert [p.id for p in stored_case(case_path).parties] == [
        "p-buyer",
        "p-eng",
        "p-bank",
        "p-ceo",
    ]
    assert stored_case(case_path) == case_file.case


def test_set_info_is_durable(case_file: CaseFile, case_path: Path) -> None:
    info = replace(case_file.case.info, title="Новое название", fair_band=(0.3, 0.7))
    case_file.set_info(info)
    assert scalar(case_path, "SELECT title FROM case_info") == "Новое название"
    assert json.loads(str(scalar(case_path, "SELECT fair_band FROM case_info"))) == [0.3, 0.7]
    assert stored_case(case_path).info == info


def test_set_proposal_is_durable(case_file: CaseFile, case_path: Path) -> None:
    proposal = Proposal(
        statement="Compare it with all of your options.",
        talking_points=(TalkingPoint(alternative_id="a-inhouse", text="Two years."),),
        addresses_interests=("i-quality",),
    )
    case_file.set_proposal(proposal)
    assert scalar(case_path, "SELECT statement FROM proposal") == proposal.statement
    assert stored_case(case_path).proposal == proposal


def test_commit_of_a_whole_new_case_is_durable(case_file: CaseFile, case_path: Path) -> None:
    """Undo commits an older case wholesale; the file must follow exactly."""
    before = case_file.case
    case_file.delete("risks", "r-recall")
    case_file.add(Criterion(id="c-o-new", side="ours", name="Strategic fit"))
    case_file.commit(before)
    assert case_file.case == before
    assert stored_case(case_path) == before
    assert "c-o-new" not in column(case_path, "SELECT id FROM criteria")


def test_commit_returns_the_cleaned_case_as_stored(case_file: CaseFile, case_path: Path) -> None:
    """Control characters (other than newline and tab) are removed before storing."""
    stored = case_file.add(Risk(id="r-ctl", name="Bell\x07 and\x00 nul\r", mitigation="a\tb\nc"))
    assert stored.risks[-1].name == "Bell and nul"
    assert stored.risks[-1].mitigation == "a\tb\nc"
    assert scalar(case_path, "SELECT name FROM risks WHERE id = 'r-ctl'") == "Bell and nul"
    assert stored_case(case_path) == case_file.case


def test_edits_leave_the_other_tables_alone(case_file: CaseFile, case_path: Path) -> None:
    case_file.update(replace(case_file.case.cost_lines[0], amount=61.5))
    stored = stored_case(case_path)
    assert stored.cost_lines[0].amount == 61.5
    assert replace(stored, cost_lines=()) == replace(case_file.case, cost_lines=())


def test_many_edits_then_reopen_read_write(case_path: Path) -> None:
    with CaseFile.open(case_path) as case_file:
        for n in range(20):
            case_file.add(Risk(id=f"r-{n}", name=f"risk {n}", probability=n / 40))
        case_file.move("risks", "r-19", 0)
        case_file.delete("risks", "r-5")
        expected = case_file.case
    with CaseFile.open(case_path) as again:
        assert again.case == expected
        assert again.case.risks[0].id == "r-19"
        assert "r-5" not in [r.id for r in again.case.risks]


# -- deleting removes what pointed at the deleted entity -----------------------------------


def test_delete_criterion_removes_its_scores(case_file: CaseFile, case_path: Path) -> None:
    case = case_file.delete("criteria", "c-t-cost")
    for case_ in (case, stored_case(case_path)):
        assert "c-t-cost" not in [c.id for c in case_.criteria]
        assert all("c-t-cost" not in a.scores for a in case_.alternatives)
        assert all("c-t-cost" not in s.scores for s in case_.scenarios)
        assert case_.alternatives[0].scores == {"c-t-risk": 3.0}
    assert "c-t-cost" not in column(case_path, "SELECT id FROM criteria")
    for text in column(case_path, "SELECT scores FROM alternatives") + column(
        case_path, "SELECT scores FROM scenarios"
    ):
        assert "c-t-cost" not in json.loads(str(text))
    assert stored_case(case_path) == case_file.case


def test_changing_a_criterion_side_removes_now_wrong_scores(
    case_file: CaseFile, case_path: Path
) -> None:
    criterion = case_file.case.criteria[0]  # c-t-cost, theirs
    case_file.update(replace(criterion, side="ours"))
    stored = stored_case(case_path)
    assert "c-t-cost" not in stored.alternatives[0].scores  # a theirs-side alternative
    assert stored.scenarios[1].scores["c-t-cost"] == 6.0  # scenarios score both sides
    assert stored == case_file.case


def test_delete_risk_removes_its_overrides(case_file: CaseFile, case_path: Path) -> None:
    case = case_file.delete("risks", "r-recall")
    for case_ in (case, stored_case(case_path)):
        assert [r.id for r in case_.risks] == ["r-stoppage", "r-fx"]
        assert case_.scenarios[0].risk_overrides == {}
        assert "r-stoppage" in case_.scenarios[1].risk_overrides
    overrides = json.loads(
        str(scalar(case_path, "SELECT risk_overrides FROM scenarios WHERE id = 's-demand'"))
    )
    assert overrides == {}


def test_delete_alternative_removes_its_talking_points(
    case_file: CaseFile, case_path: Path
) -> None:
    case = case_file.delete("alternatives", "a-rival")
    for case_ in (case, stored_case(case_path)):
        assert [t.alternative_id for t in case_.proposal.talking_points] == ["a-inhouse", None]
    points = json.loads(str(scalar(case_path, "SELECT talking_points FROM proposal")))
    assert [p["alternative_id"] for p in points] == ["a-inhouse", None]
    assert column(case_path, "SELECT id FROM alternatives ORDER BY position") == [
        "a-inhouse",
        "a-other-customer",
    ]


def test_delete_party_removes_interests_and_their_mentions(
    case_file: CaseFile, case_path: Path
) -> None:
    case = case_file.delete("parties", "p-buyer")
    for case_ in (case, stored_case(case_path)):
        assert [p.id for p in case_.parties] == ["p-ceo", "p-eng", "p-bank"]
        assert case_.proposal.addresses_interests == ("i-quality",)
    assert scalar(case_path, "SELECT count(*) FROM interests WHERE party_id = 'p-buyer'") == 0
    assert sorted(column(case_path, "SELECT id FROM interests")) == ["i-margin", "i-quality"]
    addressed = json.loads(str(scalar(case_path, "SELECT addresses_interests FROM proposal")))
    assert addressed == ["i-quality"]


def test_delete_cost_line_and_scenario(case_file: CaseFile, case_path: Path) -> None:
    case_file.delete("cost_lines", "k-tooling")
    case_file.delete("scenarios", "s-bridge")
    assert column(case_path, "SELECT id FROM cost_lines ORDER BY position") == [
        "k-material",
        "k-team",
    ]
    assert column(case_path, "SELECT id FROM scenarios ORDER BY position") == [
        "s-demand",
        "s-proposal",
    ]
    assert stored_case(case_path) == case_file.case


# -- a random sequence of edits: the file always equals the case in memory ---------------

_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["add", "delete", "move", "update", "info"]),
        st.integers(min_value=0, max_value=50),
        st.floats(min_value=0, max_value=1, allow_nan=False),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=_OPERATIONS)
def test_random_edit_sequences_are_stored_exactly(
    tmp_path_factory: pytest.TempPathFactory, operations: list[tuple[str, int, float]]
) -> None:
    folder = tmp_path_factory.mktemp("edits")
    path = folder / "random.leverage"
    counter = 0
    with CaseFile.create(path, Case(info=CaseInfo(title="Random"))) as case_file:
        for operation, number, fraction in operations:
            risks = case_file.case.risks
            if operation == "add" or not risks:
                counter += 1
                case_file.add(Risk(id=f"r{counter}", probability=fraction), index=number)
            elif operation == "delete":
                case_file.delete("risks", risks[number % len(risks)].id)
            elif operation == "move":
                case_file.move("risks", risks[number % len(risks)].id, number % 7)
            elif operation == "update":
                case_file.update(replace(risks[number % len(risks)], probability=fraction))
            else:
                case_file.set_info(replace(case_file.case.info, notes=f"note {number}"))
            assert stored_case(path) == case_file.case
        expected = case_file.case
    with CaseFile.open(path) as again:
        assert again.case == expected
