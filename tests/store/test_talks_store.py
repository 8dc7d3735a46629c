"""SPEC §10 in the case file: migration 0005 (the offer log, the plan fields, the snapshots
table) on the committed schema-4 fixture, and the round snapshots — taken, listed, opened
read-only as the case was then, never imported from JSON, listed by ``dump`` without their
content."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop_app.domain import ValidationError
from desktop_app.domain.model import Case, Offer
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.interchange import document_to_case, dumps
from desktop_app.store.migrations import SCHEMA_VERSION, m0005_talks
from tests.store.casefile_support import FixtureCopy, column, pragma


def test_migration_0005_adds_the_offers_the_plan_and_the_snapshots_to_a_schema_4_file(
    tmp_path: Path,
) -> None:
    old = FixtureCopy.make(4, tmp_path)
    tables = "SELECT name FROM sqlite_master WHERE type = 'table'"
    assert not {"offers", "snapshots"} & set(column(old.path, tables))
    with closing(Database(old.path)) as db:
        m0005_talks(db)
    assert {"offers", "snapshots"} <= set(column(old.path, tables))
    assert column(old.path, "SELECT plan_rounds FROM case_info") == [4]
    assert column(old.path, "SELECT plan_shape FROM case_info") == [0.5]
    assert column(old.path, "SELECT plan_limit FROM case_info") == [None]
    assert column(old.path, "SELECT COUNT(*) FROM offers") == [0]
    assert column(old.path, "SELECT COUNT(*) FROM snapshots") == [0]
    offer_columns = column(old.path, "SELECT name FROM pragma_table_info('offers')")
    assert offer_columns == [
        "id",
        "position",
        "round",
        "date",
        "from",
        "unit_price",
        "annual_price_change_pct",
        "payment_days",
        "liability_cap",
        "note",
    ]


def test_a_schema_4_file_opens_with_no_offers_and_the_plan_defaults(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    old = FixtureCopy.make(4, tmp_path)
    case_file = opened(old.path)
    case = case_file.case
    assert case.offers == ()
    assert (case.info.plan_rounds, case.info.plan_shape, case.info.plan_limit) == (4, 0.5, None)
    assert case_file.snapshots() == ()
    assert case == old.case
    assert pragma(old.path, "user_version") == SCHEMA_VERSION
    assert old.backup.exists() and pragma(old.backup, "user_version") == 4


def test_a_migrated_schema_4_file_takes_offers_and_keeps_them(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    old = FixtureCopy.make(4, tmp_path)
    case_file = opened(old.path)
    offer = Offer(id="o-1", round=1, date="2026-11-02", from_="theirs", unit_price=405.0)
    case_file.add(offer)
    case_file.close()
    with CaseFile.open(old.path, read_only=True) as again:
        assert again.case.offers == (offer,)


# -- snapshots -----------------------------------------------------------------------------------


def with_title(case: Case, title: str) -> Case:
    return dataclasses.replace(case, info=dataclasses.replace(case.info, title=title))


def test_a_snapshot_keeps_the_case_as_it_was_and_lists_in_order(case_file: CaseFile) -> None:
    then = case_file.case
    first = case_file.take_snapshot("Before round 1", taken_at="2026-11-01T09:00:00Z")
    case_file.commit(with_title(then, "Changed after the snapshot"))
    case_file.add(Offer(id="o-1", round=1, date="2026-11-02", from_="theirs", unit_price=405.0))
    second = case_file.take_snapshot("  After round 1 ", taken_at="2026-11-02T18:30:00Z")
    listed = case_file.snapshots()
    assert [(s.id, s.label, s.taken_at) for s in listed] == [
        (first.id, "Before round 1", "2026-11-01T09:00:00Z"),
        (second.id, "After round 1", "2026-11-02T18:30:00Z"),
    ]
    assert case_file.snapshot_case(first.id) == then
    later = case_file.snapshot_case(second.id)
    assert later.info.title == "Changed after the snapshot" and len(later.offers) == 1
    # The case itself is today's, untouched by reading a snapshot.
    assert case_file.case.info.title == "Changed after the snapshot"
    with pytest.raises(KeyError):
        case_file.snapshot_case(second.id + 100)


def test_snapshots_survive_closing_and_open_read_only(case_path: Path) -> None:
    with CaseFile.open(case_path) as case_file:
        then = case_file.case
        taken = case_file.take_snapshot("Round 2")
        case_file.commit(with_title(then, "Now"))
    with CaseFile.open(case_path, read_only=True) as reader:
        (listed,) = reader.snapshots()
        assert listed == taken and len(listed.taken_at) == len("2026-11-02T18:30:00Z")
        assert listed.taken_at.endswith("Z")
        assert reader.snapshot_case(taken.id) == then
        assert reader.case.info.title == "Now"


def test_a_label_keeps_the_text_rules(case_file: CaseFile) -> None:
    with pytest.raises(ValidationError) as caught:
        case_file.take_snapshot("L" * 201)
    assert str(caught.value).startswith("label:")
    assert case_file.snapshots() == ()
    assert case_file.take_snapshot("tab\there\x07").label == "tab\there"


def test_dump_lists_the_snapshots_without_their_content_and_import_ignores_them(
    case_file: CaseFile,
) -> None:
    case_file.take_snapshot("Before round 1", taken_at="2026-11-01T09:00:00Z")
    text = dumps(case_file.case, case_file.snapshots())
    document = json.loads(text)
    assert document["snapshots"] == [
        {"id": 1, "label": "Before round 1", "taken_at": "2026-11-01T09:00:00Z"}
    ]
    assert list(document)[-1] == "snapshots"
    # Import reads the case and never the listing.
    assert document_to_case(document) == case_file.case
    # A "snapshots" section holding a whole case is still not read.
    document["snapshots"] = [{"id": 9, "label": "x", "taken_at": "y", "document": document}]
    assert document_to_case(document) == case_file.case
    assert "snapshots" not in json.loads(dumps(case_file.case))


def test_importing_a_dump_with_snapshots_creates_none(tmp_path: Path, case_file: CaseFile) -> None:
    case_file.take_snapshot("Round 1")
    source = tmp_path / "dumped.json"
    source.write_text(dumps(case_file.case, case_file.snapshots()), encoding="utf-8")
    target = tmp_path / "imported.leverage"
    from desktop_app.store.interchange import import_json

    import_json(source, target)
    with CaseFile.open(target, read_only=True) as imported:
        assert imported.snapshots() == ()
        assert imported.case == case_file.case


def test_a_new_case_file_has_no_snapshots(tmp_path: Path, rich_case: Case) -> None:
    path = tmp_path / "fresh.leverage"
    write_new_case(path, rich_case)
    with CaseFile.open(path, read_only=True) as case_file:
        assert case_file.snapshots() == ()
